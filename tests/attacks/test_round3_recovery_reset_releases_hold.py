"""Round 3: the recovery key's password reset lets a held user back in, with no admin decision.

Decision 0010: a held user stays out "until an admin removes them again or lets them back in",
and letting back in needs an admin with the medical section open and is recorded as such. The
recovery key's password reset gives the held user new key pairs; the hold matches the old signing
key, so the user is no longer held. Whoever opens the practice safe (the assistant at the desk, on
the phone with the removed colleague who "cannot log in since the restore") can thus release any
held user; the trail records a password reset, not a re-admission, and Gebruikers stops naming
them. (0010 allows this way for a held *only admin*; here the held user is a case manager and an
admin physician is there.)
"""

from __future__ import annotations

import pytest

from desktop_app.errors import ArbokluisError, HeldAfterRestore
from desktop_app.services import backup, users
from desktop_app.services.practice import login, reset_password_with_recovery
from tests.helpers.practices import ARTS, CASEMANAGER, login_as

NEW_PASSWORD = "Nieuw-wachtwoord-na-herstel-2026!"


def test_a_recovery_reset_does_not_release_a_held_user(practice, tmp_path, recovery_key):
    admin = login_as(practice, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, tmp_path / "oud")
        users.remove_user(admin, "casemanager")
    finally:
        admin.close()
    restored = backup.restore(made.path, tmp_path / "terug", username="arts", password=ARTS.password,
                              medical_passphrase=ARTS.medical_passphrase)
    assert restored.held == ["casemanager"]
    with pytest.raises(HeldAfterRestore):
        login(tmp_path / "terug", "casemanager", CASEMANAGER.password)

    try:
        reset_password_with_recovery(tmp_path / "terug", recovery_key, "casemanager", NEW_PASSWORD)
    except ArbokluisError:
        return  # refused for a held user: fine
    with pytest.raises(HeldAfterRestore):  # or still held after the reset: fine too
        login(tmp_path / "terug", "casemanager", NEW_PASSWORD).close()
