"""Every role's reach, medical unlock, and locking."""

import json
from datetime import date

import pytest

from desktop_app.audit import Action
from desktop_app.domain.permissions import Permission
from desktop_app.domain.roles import Role
from desktop_app.errors import (
    InvalidPassphrase,
    LoginThrottled,
    MedicalLocked,
    NoMedicalGrant,
    PermissionDenied,
    SessionLocked,
    VaultTampered,
)
from desktop_app.services import users
from desktop_app.storage.connection import open_encrypted
from desktop_app.vault.crypto import UnwrapError
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as


def test_physician_unlocks_medical_with_the_passphrase(practice):
    session = login_as(practice, ARTS)
    with pytest.raises(MedicalLocked):
        session.medical()
    with pytest.raises(InvalidPassphrase):
        session.unlock_medical(ARTS.password)  # the login password is not the passphrase
    session.unlock_medical(ARTS.medical_passphrase)
    assert session.medical().scalar("SELECT value FROM section_info WHERE key='section'") == "medical"
    actions = [e.action for e in session.audit.events(session.actor)]
    assert Action.UNLOCK_MEDICAL in actions
    assert Action.UNLOCK_MEDICAL_FAILED in actions
    session.close()


def test_casemanager_cannot_reach_medical_by_any_api(practice):
    session = login_as(practice, CASEMANAGER)
    with pytest.raises(PermissionDenied):
        session.medical()
    for secret in (CASEMANAGER.password, ARTS.medical_passphrase, ""):
        with pytest.raises(PermissionDenied):
            session.unlock_medical(secret)
    with pytest.raises(PermissionDenied):
        session.medical_key()
    # Below the services: the vault holds no medical slot or grant for a case manager.
    assert "casemanager" not in session.vault.medical_slots
    assert all(g.recipient != "casemanager" for g in session.vault.grants)
    with pytest.raises(UnwrapError):
        session.vault.open_medical("casemanager", CASEMANAGER.password, session.pepper())
    # And the practice key does not open medical.db.
    from desktop_app.errors import DatabaseDamaged

    with pytest.raises(DatabaseDamaged):
        open_encrypted(practice / "medical.db", session.practice_key())
    denied = [e for e in session.audit.events(session.actor)
              if e.action == Action.UNLOCK_MEDICAL and e.username == "casemanager"]
    assert denied
    assert all(e.outcome == "denied" for e in denied)
    session.close()


def test_assistant_needs_a_secrecy_statement_on_file(practice):
    admin = login_as(practice, ARTS, unlock=True)
    users.revoke_secrecy_statement(admin, "assistent")
    admin.close()

    session = login_as(practice, ASSISTENT)
    with pytest.raises(PermissionDenied) as err:
        session.unlock_medical(ASSISTENT.medical_passphrase)
    assert "geheimhoudingsverklaring" in err.value.message
    session.close()

    admin = login_as(practice, ARTS, unlock=True)
    users.record_secrecy_statement(admin, "assistent", date.today())
    admin.close()
    session = login_as(practice, ASSISTENT, unlock=True)
    assert session.on_behalf_of == "arts"  # an assistant acts for a physician
    event = session.audit.events(session.actor)[0]  # newest first
    assert event.action == Action.UNLOCK_MEDICAL
    assert event.on_behalf_of == "arts"
    session.close()


def test_only_admin_physicians_manage_users(practice):
    for account in (ASSISTANT := ASSISTENT, CASEMANAGER):
        session = login_as(practice, account)
        with pytest.raises(PermissionDenied):
            users.remove_user(session, "arts")
        with pytest.raises(PermissionDenied):
            users.record_secrecy_statement(session, "assistent", date.today())
        session.close()
    assert ASSISTANT is ASSISTENT


def test_close_drops_connections_and_overwrites_keys(practice):
    session = login_as(practice, ARTS, unlock=True)
    practice_key = session._practice_key
    medical_key = session._medical_key
    session.close()
    assert practice_key.wiped
    assert medical_key.wiped
    with pytest.raises(SessionLocked):
        _ = session.db
    with pytest.raises(SessionLocked):
        session.practice_key()
    session.close()  # closing twice is harmless


def test_lock_medical_keeps_the_practice_open(practice):
    session = login_as(practice, ARTS, unlock=True)
    key = session._medical_key
    session.lock_medical("inactief")
    assert key.wiped
    with pytest.raises(MedicalLocked):
        session.medical()
    assert session.db.scalar("SELECT count(*) FROM users") == 3
    session.close()


def _age_failures(path, seconds):
    """As if the user waited: the recorded failures move ``seconds`` into the past."""
    data = json.loads(path.read_bytes())
    path.write_text(json.dumps({k: [t - seconds for t in v] for k, v in data.items()}))


def test_wrong_medical_passphrases_are_delayed_after_the_third(practice):
    session = login_as(practice, ARTS)
    for _ in range(3):
        with pytest.raises(InvalidPassphrase):
            session.unlock_medical("Verkeerde-wachtzin-2026!")
    with pytest.raises(LoginThrottled) as err:
        session.unlock_medical(ARTS.medical_passphrase)  # even the right one waits
    assert 0 < err.value.seconds <= 5
    assert not session.medical_unlocked
    _age_failures(practice / "medical-attempts.json", 6)
    session.unlock_medical(ARTS.medical_passphrase)
    assert session.failed_unlocks_before.count == 3
    unlock = session.audit.events(session.actor)[0]
    assert (unlock.action, unlock.data) == (Action.UNLOCK_MEDICAL, "na 3 mislukte poging(en)")
    session.close()


def test_the_medical_throttle_is_per_user(practice):
    session = login_as(practice, ARTS)
    for _ in range(3):
        with pytest.raises(InvalidPassphrase):
            session.unlock_medical("Verkeerde-wachtzin-2026!")
    session.close()
    other = login_as(practice, ASSISTENT, unlock=True)
    assert other.failed_unlocks_before.count == 0
    other.close()


def test_a_medical_part_changed_without_the_medical_key_stops_the_unlock(practice):
    from tests.helpers.insider import Insider

    cm = Insider(practice, CASEMANAGER)
    cm.vault.set_medical_slot("casemanager", "Eigen-wachtzin-van-cm-1!", cm.pepper)
    cm.resign_vault()
    session = login_as(practice, ARTS)
    with pytest.raises(VaultTampered) as err:
        session.unlock_medical(ARTS.medical_passphrase)
    assert "zonder de medische sleutel" in err.value.message
    assert not session.medical_unlocked
    newest = session.audit.events(session.actor)[0]
    assert (newest.action, newest.outcome) == (Action.VAULT_TAMPERED, "failed")
    session.close()


def test_a_grant_removed_by_hand_is_not_a_wrong_passphrase(practice):
    from tests.helpers.insider import Insider

    cm = Insider(practice, CASEMANAGER)
    cm.vault.medical.drop_recipient("assistent")
    cm.resign_vault()
    session = login_as(practice, ASSISTENT)
    with pytest.raises(NoMedicalGrant):
        session.unlock_medical(ASSISTENT.medical_passphrase)
    assert not (practice / "medical-attempts.json").exists()
    session.close()


def test_close_wipes_the_keys_even_when_the_trail_refuses_the_logout(practice):
    session = login_as(practice, ARTS, unlock=True)
    keys = (session._practice_key, session._medical_key)
    practice.joinpath("audit-head.json").unlink()
    session.close()
    assert all(k.wiped for k in keys)
    assert not session.is_open


class _Bug(Exception):
    """A failure that is neither a StorageError nor any ArbokluisError: a bug."""


def _held_keys(session):
    return [k for k in (session._practice_key, session._medical_key, session._pepper) if k is not None]


def test_close_wipes_the_keys_when_a_bug_stops_the_logout(practice, monkeypatch):
    session = login_as(practice, ARTS, unlock=True)
    keys = _held_keys(session)

    def broken(*args, **kwargs):
        raise _Bug("anchor")

    monkeypatch.setattr(session.audit, "anchor_now", broken)
    with pytest.raises(_Bug):  # a bug is not swallowed: it reaches the crash hook
        session.close()
    assert [k.wiped for k in keys] == [True] * len(keys)


def test_close_wipes_the_keys_when_wiping_the_signing_key_fails(practice, monkeypatch):
    session = login_as(practice, ARTS, unlock=True)
    keys = _held_keys(session)

    def broken():
        raise _Bug("audit wipe")

    monkeypatch.setattr(session.audit, "wipe", broken)
    with pytest.raises(_Bug):
        session.close()
    assert [k.wiped for k in keys] == [True] * len(keys)


def test_close_leaves_no_section_open_when_a_bug_stops_it(practice, monkeypatch):
    session = login_as(practice, ARTS, unlock=True)

    def broken():
        raise _Bug("audit wipe")

    monkeypatch.setattr(session.audit, "wipe", broken)
    with pytest.raises(_Bug):
        session.close()
    assert not session.is_open


def test_locking_the_medical_section_wipes_its_key_when_stopping_its_check_fails(practice, monkeypatch):
    session = login_as(practice, ARTS, unlock=True)
    key = session._medical_key
    check = session.checks["medical"]

    def broken():
        raise _Bug("cancel")

    monkeypatch.setattr(check, "cancel", broken)
    with pytest.raises(_Bug):
        session.lock_medical("inactief")
    assert key.wiped
    session.close()


def test_the_checks_follow_the_permission_table(practice):
    session = login_as(practice, CASEMANAGER)
    with pytest.raises(PermissionDenied):
        session.require_admin()
    with pytest.raises(PermissionDenied):
        session.require_physician()
    assert not session.may_open_medical()
    session.close()
    admin = login_as(practice, ARTS)
    admin.require_admin()
    admin.require_physician()
    assert admin.may_open_medical()
    admin.close()


def test_the_role_comes_from_the_directory_not_from_the_users_table(practice):
    session = login_as(practice, ARTS)
    session.db.execute("UPDATE users SET role = 'physician', is_admin = 1 WHERE username = 'casemanager'")
    session.close()
    cm = login_as(practice, CASEMANAGER)
    assert cm.user.role is Role.CASEMANAGER
    assert not cm.may(Permission.USERS_MANAGE)
    cm.close()


def test_a_damaged_page_in_the_middle_is_found_right_after_login(practice):
    size = (practice / "practice.db").stat().st_size
    with open(practice / "practice.db", "r+b") as fh:
        fh.seek(size // 2)
        byte = fh.read(1)
        fh.seek(size // 2)
        fh.write(bytes([byte[0] ^ 0xFF]))
    session = login_as(practice, ARTS)
    problem = session.structure_problem(timeout=30)
    assert problem is not None
    assert "practice.db" in problem.message
    assert "back-up" in problem.message
    session.close()


def test_a_sound_practice_passes_the_structure_check(practice):
    session = login_as(practice, ARTS, unlock=True)
    assert session.structure_problem(timeout=30) is None
    assert all(check.done for check in session.checks.values())
    session.close()
