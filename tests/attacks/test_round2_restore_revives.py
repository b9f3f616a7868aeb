"""Round 2: restoring a backup made before a user's removal gives them the live practice back.

The admin removes a case manager (both keys rotated, decision 0005: "old slots then open no live
file"). Weeks later the disk fails and the admin restores the newest backup — made before the
removal — on the same workstation. The restored folder is now the live practice, and its vault
still holds the removed user's slot and grants: their old password opens it, including everything
the practice adds from now on. Neither the restore nor its audit event says that a removed user
is back; the workstation's keyring head (which saw the removal) is simply overwritten.
"""

from __future__ import annotations

import pytest

from desktop_app.errors import ArbokluisError
from desktop_app.services import backup, users
from desktop_app.services.practice import login
from tests.helpers.practices import ARTS, CASEMANAGER, login_as


def test_a_restored_older_backup_does_not_let_a_removed_user_back_in(bare_practice, tmp_path):
    folder = bare_practice
    admin = login_as(folder, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, tmp_path / "backups" / "maandag")
        users.remove_user(admin, CASEMANAGER.username)
    finally:
        admin.close()
    with pytest.raises(ArbokluisError):
        login(folder, CASEMANAGER.username, CASEMANAGER.password)  # removed: holds today

    restored = tmp_path / "nieuwe-schijf" / "praktijk"
    backup.restore(made.path, restored, username=ARTS.username, password=ARTS.password)

    with pytest.raises(ArbokluisError):
        login(restored, CASEMANAGER.username, CASEMANAGER.password).close()
