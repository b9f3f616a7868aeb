"""Round 3: a removal whose rotation is cut off is never recorded for a later restore.

``users.remove_user`` writes the keyring record only after the key rotation returned. A rotation
that stops half way (a read-only file, a crash, power lost) has already saved the vault without
the user; the next login finishes the rotation, and a second ``remove_user`` is refused ("bestaat
niet (meer)"), so the record is never written. A later restore of a backup made before the
removal then names nobody and lets the removed user in again.

The attacker: the case manager who expects to be removed. They share the OS account and have
write access to the data folder, and make ``practice.db`` read-only while the admin removes them.
The admin sees a Dutch "alleen-lezen" message, puts the file right, logs in again (which finishes
the rotation): the removal looks done.
"""

from __future__ import annotations

import pytest

from desktop_app.errors import ArbokluisError, HeldAfterRestore, InvalidCredentials
from desktop_app.services import backup, users
from desktop_app.services.practice import login
from tests.helpers.filesystem import read_only
from tests.helpers.practices import ARTS, CASEMANAGER, login_as


def test_a_removal_cut_off_by_a_read_only_file_is_still_remembered(practice, tmp_path):
    admin = login_as(practice, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, tmp_path / "oud")
        with read_only(practice / "practice.db"):
            with pytest.raises(ArbokluisError):
                users.remove_user(admin, "casemanager")
    finally:
        admin.close()

    # The admin puts the file right and logs in: the rotation is finished, the removal holds.
    admin = login_as(practice, ARTS, unlock=True)
    try:
        with pytest.raises(ArbokluisError):  # trying again: "bestaat niet (meer)"
            users.remove_user(admin, "casemanager")
    finally:
        admin.close()
    with pytest.raises(InvalidCredentials):
        login(practice, "casemanager", CASEMANAGER.password)

    # Later: a disk failure, and the hurried admin restores the older backup.
    restored = backup.restore(made.path, tmp_path / "terug", username="arts", password=ARTS.password,
                              medical_passphrase=ARTS.medical_passphrase)
    assert restored.held == ["casemanager"], "the restore names nobody"
    with pytest.raises(HeldAfterRestore):
        login(tmp_path / "terug", "casemanager", CASEMANAGER.password).close()
