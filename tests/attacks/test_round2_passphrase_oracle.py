"""Round 2: the medical passphrase can still be guessed without delay, through "change my
medical passphrase".

Someone at a physician's unattended workstation (logged in, medical section locked) cannot guess
the passphrase at the unlock: it is throttled per user after the third wrong try. But
``users.change_medical_passphrase`` checks the *old* passphrase with ``Vault.rewrap_medical``
and nothing else: no throttle, no audit event for a wrong one. Ten guesses take a few seconds;
the right one replaces the passphrase with one the guesser chose, and the medical section is
theirs. (``change_password`` checks the old password the same way.)
"""

from __future__ import annotations

import contextlib

import pytest

from desktop_app.errors import ArbokluisError, LoginThrottled
from desktop_app.services import audit_log, users
from tests.helpers.practices import ARTS, login_as

NEW = "Overgenomen-wachtzin-2026!x"


def _guess(session, n: int) -> None:
    for i in range(n):
        with contextlib.suppress(ArbokluisError):
            users.change_medical_passphrase(session, f"Geraden-wachtzin-{i}!", NEW)


def test_guessing_the_old_medical_passphrase_is_throttled_like_the_unlock(bare_practice):
    session = login_as(bare_practice, ARTS)  # the physician walked away; medical is locked
    try:
        _guess(session, 4)
        with pytest.raises(LoginThrottled):
            users.change_medical_passphrase(session, ARTS.medical_passphrase, NEW)
    finally:
        session.close()


def test_wrong_old_medical_passphrases_are_on_the_audit_trail(bare_practice):
    session = login_as(bare_practice, ARTS)
    try:
        _guess(session, 3)
    finally:
        session.close()
    session = login_as(bare_practice, ARTS, unlock=True)
    try:
        failed = [e for e in audit_log.events(session) if e.outcome == "failed"]
    finally:
        session.close()
    assert len(failed) >= 3, f"{len(failed)} failed events after three wrong old passphrases"
