"""Round 2, finding 9: the restore of a backup made before a user's removal revives that user.

The backup holds their slots and grants; restored, their old password opens the restored practice
and everything recorded after it. The workstation remembers each removal in its keyring, so the
restore names them and the login keeps them out until an admin removes them again (the keys
rotate) or lets them back in. The attacker here is the removed colleague with their old password.
"""

from __future__ import annotations

import pytest

from desktop_app.errors import HeldAfterRestore, InvalidCredentials, PermissionDenied
from desktop_app.services import backup, users
from desktop_app.services.practice import login
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as


def _backup_then_remove(practice, tmp_path, *removed):
    admin = login_as(practice, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, tmp_path / "voor-verwijderen")
        for name in removed:
            users.remove_user(admin, name)
    finally:
        admin.close()
    return made


def _restore(made, folder):
    return backup.restore(made.path, folder, username="arts", password=ARTS.password,
                          medical_passphrase=ARTS.medical_passphrase)


def test_the_restore_names_the_users_removed_since_and_keeps_them_out(practice, tmp_path):
    made = _backup_then_remove(practice, tmp_path, "casemanager", "assistent")
    restored = _restore(made, tmp_path / "terug")
    assert restored.held == ["assistent", "casemanager"]
    for account in (CASEMANAGER, ASSISTENT):
        with pytest.raises(HeldAfterRestore) as refused:
            login(tmp_path / "terug", account.username, account.password)
        assert "beheerder" in refused.value.message
    with pytest.raises(InvalidCredentials):  # a wrong password still says only that
        login(tmp_path / "terug", "casemanager", "Geen-idee-2026!")
    admin = login_as(tmp_path / "terug", ARTS, unlock=True)
    try:
        assert users.held_after_restore(admin) == ["assistent", "casemanager"]
        restore_events = [e for e in admin.audit.events(admin.actor) if e.action == "restore"]
        assert "geweerd tot een beheerder beslist: assistent, casemanager" in restore_events[0].data
    finally:
        admin.close()


def test_removed_again_the_revived_user_opens_nothing(practice, tmp_path):
    made = _backup_then_remove(practice, tmp_path, "casemanager")
    _restore(made, tmp_path / "terug")
    admin = login_as(tmp_path / "terug", ARTS, unlock=True)
    try:
        users.remove_user(admin, "casemanager")
        assert users.held_after_restore(admin) == []
    finally:
        admin.close()
    with pytest.raises(InvalidCredentials):
        login(tmp_path / "terug", "casemanager", CASEMANAGER.password)


def test_an_admin_can_let_a_revived_user_back_in_and_it_is_recorded(practice, tmp_path):
    made = _backup_then_remove(practice, tmp_path, "casemanager")
    _restore(made, tmp_path / "terug")
    admin = login_as(tmp_path / "terug", ARTS, unlock=True)
    try:
        users.admit_after_restore(admin, "casemanager")
        events = [e for e in admin.audit.events(admin.actor) if e.action == "user_change"]
        assert "na terugzetten weer toegelaten" in events[0].data
    finally:
        admin.close()
    login(tmp_path / "terug", "casemanager", CASEMANAGER.password).close()


def test_a_held_user_cannot_let_themselves_in(practice, tmp_path):
    """Only an admin decides; the assistant (medical staff, not an admin) is refused."""
    made = _backup_then_remove(practice, tmp_path, "casemanager")
    _restore(made, tmp_path / "terug")
    other = login_as(tmp_path / "terug", ASSISTENT, unlock=True)
    try:
        with pytest.raises(PermissionDenied):
            users.admit_after_restore(other, "casemanager")
    finally:
        other.close()
    with pytest.raises(HeldAfterRestore):
        login(tmp_path / "terug", "casemanager", CASEMANAGER.password)
