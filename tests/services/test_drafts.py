"""Drafts kept through a lock: only the same user's next session opens them, medical ones only
with the medical section open, and nothing of them is in the box in plain text."""

from __future__ import annotations

import pytest

from desktop_app.errors import MedicalLocked, SessionLocked
from desktop_app.services import drafts
from tests.helpers.practices import ARTS, ASSISTENT, login_as

MARKER = "hernia L5-S1 concept-7741"


@pytest.fixture(autouse=True)
def empty_box():
    drafts._BOX.by_owner.clear()
    yield
    drafts._BOX.by_owner.clear()


def test_the_same_user_gets_the_draft_back_in_a_new_session(bare_practice):
    first = login_as(bare_practice, ARTS)
    drafts.keep(first, "consult:1", "het consult", {"s": MARKER}, medical=False)
    first.close("inactief")
    second = login_as(bare_practice, ARTS)
    try:
        assert drafts.restore(second, "consult:1").values == {"s": MARKER}
    finally:
        second.close()


def test_a_restored_draft_is_gone(bare_practice):
    session = login_as(bare_practice, ARTS)
    try:
        drafts.keep(session, "consult:1", "het consult", {"s": MARKER}, medical=False)
        drafts.restore(session, "consult:1")
        assert drafts.pending(session) == []
    finally:
        session.close()


def test_another_user_sees_no_draft(bare_practice):
    arts = login_as(bare_practice, ARTS)
    drafts.keep(arts, "consult:1", "het consult", {"s": MARKER}, medical=False)
    arts.close("inactief")
    other = login_as(bare_practice, ASSISTENT)
    try:
        assert drafts.pending(other) == []
    finally:
        other.close()


def test_another_users_key_does_not_open_the_draft(bare_practice):
    arts = login_as(bare_practice, ARTS)
    drafts.keep(arts, "consult:1", "het consult", {"s": MARKER}, medical=False)
    arts.close("inactief")
    other = login_as(bare_practice, ASSISTENT)
    try:
        # even handed the sealed draft under its own name, the other user's key fails
        drafts._BOX.by_owner[drafts._owner(other)] = drafts._BOX.by_owner[drafts._owner(arts)]
        with pytest.raises(drafts.DraftUnreadable):
            drafts.restore(other, "consult:1")
    finally:
        other.close()


def test_a_closed_session_cannot_open_its_drafts(bare_practice):
    session = login_as(bare_practice, ARTS)
    drafts.keep(session, "consult:1", "het consult", {"s": MARKER}, medical=False)
    session.close("inactief")
    with pytest.raises(SessionLocked):
        drafts.restore(session, "consult:1")


def test_a_medical_draft_needs_the_medical_section_open(bare_practice):
    session = login_as(bare_practice, ARTS)
    try:
        drafts.keep(session, "consult:1", "het consult", {"s": MARKER}, medical=True)
        with pytest.raises(MedicalLocked):
            drafts.restore(session, "consult:1")
    finally:
        session.close()


def test_a_medical_draft_opens_once_the_section_is_unlocked(bare_practice):
    session = login_as(bare_practice, ARTS)
    try:
        drafts.keep(session, "consult:1", "het consult", {"s": MARKER}, medical=True)
        session.unlock_medical(ARTS.medical_passphrase)
        assert drafts.restore(session, "consult:1").values["s"] == MARKER
    finally:
        session.close()


def test_a_medical_draft_stays_sealed_once_the_lock_is_asked_for(bare_practice):
    """The client asks for the lock (``begin_lock_medical``) before the database thread gets to
    it: from then on the draft does not open, and it is still there after the next unlock."""
    session = login_as(bare_practice, ARTS)
    try:
        session.unlock_medical(ARTS.medical_passphrase)
        drafts.keep(session, "consult:1", "het consult", {"s": MARKER}, medical=True)
        session.begin_lock_medical()
        with pytest.raises(MedicalLocked):
            drafts.restore(session, "consult:1")
        session.lock_medical("inactief")
        session.unlock_medical(ARTS.medical_passphrase)
        assert drafts.restore(session, "consult:1").values["s"] == MARKER
    finally:
        session.close()


def test_the_section_counts_as_locked_once_the_lock_is_asked_for(bare_practice):
    session = login_as(bare_practice, ARTS)
    try:
        session.unlock_medical(ARTS.medical_passphrase)
        session.begin_lock_medical()
        assert not session.medical_unlocked
    finally:
        session.close()


def test_the_box_holds_no_plain_text(bare_practice):
    session = login_as(bare_practice, ARTS)
    try:
        drafts.keep(session, "consult:1", "het consult", {"s": MARKER}, medical=True)
        sealed = drafts._BOX.by_owner[drafts._owner(session)]["consult:1"]
        assert MARKER.encode() not in sealed.ciphertext
    finally:
        session.close()


def test_logout_drops_the_drafts(bare_practice):
    session = login_as(bare_practice, ARTS)
    drafts.keep(session, "consult:1", "het consult", {"s": MARKER}, medical=False)
    session.close()
    assert drafts.drop_all(session) == 1


def test_pending_lists_by_prefix_with_the_label(bare_practice):
    session = login_as(bare_practice, ARTS)
    try:
        drafts.keep(session, "emp:1:consult", "het consult", {"s": "a"}, medical=False)
        drafts.keep(session, "emp:2:consult", "de FML", {"s": "b"}, medical=False)
        assert [d.label for d in drafts.pending(session, prefix="emp:2:")] == ["de FML"]
    finally:
        session.close()


def test_a_lone_surrogate_survives_the_round_trip(bare_practice):
    session = login_as(bare_practice, ARTS)
    try:
        drafts.keep(session, "k", "label", {"s": "a\ud800b"}, medical=False)
        assert drafts.restore(session, "k").values["s"] == "a\ud800b"
    finally:
        session.close()
