"""Round 3: a removed colleague's own restore of an old backup locks the practice out.

The workstation knows she was removed (the keyring record of 0010), yet a restore by password
still accepts her: her old slots open the old backup, and the restore dialog is reachable before
anyone logs in. The restore goes into an empty folder of her choosing and re-anchors this
workstation's keyring head of the practice to that old copy ("a restore is a deliberate
rollback"). From then on the practice's real folder is refused at every login as "teruggezet naar
een oudere kopie", until an admin physician finds the CLI's audit-acknowledge. The attacker: the
removed assistant with an old backup and her old password and passphrase, at the workstation.
"""

from __future__ import annotations

from desktop_app.errors import ArbokluisError
from desktop_app.services import backup, users
from tests.helpers.practices import ARTS, ASSISTENT, login_as


def test_a_removed_user_cannot_restore_and_the_live_practice_still_opens(practice, tmp_path):
    admin = login_as(practice, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, tmp_path / "oud")
        users.remove_user(admin, "assistent")
    finally:
        admin.close()

    try:
        backup.restore(made.path, tmp_path / "ergens", username="assistent",
                       password=ASSISTENT.password, medical_passphrase=ASSISTENT.medical_passphrase)
        refused = False
    except ArbokluisError:
        refused = True
    try:
        login_as(practice, ARTS, unlock=True).close()
        live_opens = True
    except ArbokluisError as exc:
        live_opens = False
        print("the admin's login to the live practice:", exc.message)
    assert refused and live_opens, (
        f"restore by the removed assistant refused: {refused}; live practice still opens: {live_opens}")
