"""Round 2: which backup is "the newest" is decided by the file's modification time.

``backup.newest_backup`` (what the restore offers first) sorts the files of the backup folder by
``st_mtime``. Anyone who can write that folder — a case manager, a removed colleague who still
reaches the share — touches last month's backup, made before a colleague's removal, and the
hurried admin who restores "the newest" after a disk failure brings the removed colleague back
(see test_round2_restore_revives). The creation time is in each backup's manifest, under the
practice key's MAC; the file's mtime is under nobody's.
"""

from __future__ import annotations

import os
import time

from desktop_app.services import backup
from tests.helpers.practices import ARTS, login_as


def test_the_newest_backup_is_the_newest_by_its_own_creation_time(bare_practice, tmp_path):
    folder = tmp_path / "backups"
    admin = login_as(bare_practice, ARTS, unlock=True)
    try:
        old = backup.create_backup(admin, folder / "oud")
        time.sleep(1.1)  # the manifest records seconds
        new = backup.create_backup(admin, folder / "nieuw")
    finally:
        admin.close()
    later = time.time() + 60
    os.utime(old.path, (later, later))  # file access only
    assert backup.newest_backup(folder) == new.path
