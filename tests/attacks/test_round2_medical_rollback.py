"""Round 2: a case manager rolls ``medical.db`` back to an older copy of itself.

``medical.db`` is encrypted, but nothing ties its *state* to anything outside it: the audit trail
(in practice.db), the vault and the keyring head say nothing about how far the medical section
has come. Anyone with write access to the folder — no key needed — copies ``medical.db`` one
evening and puts the copy back later. Every medical entry written in between is gone, and the
physician's next unlock and ``verify --medical`` say nothing. The trail still lists the entries'
``add`` events, so the loss could be seen.
"""

from __future__ import annotations

import shutil

from desktop_app.services import medical_entries
from desktop_app.services.verify import verify_practice
from tests.helpers.dossiers import add_employee
from tests.helpers.practices import ARTS, login_as

NOTE = "vermoeidheidsklachten; geen beperkingen voor licht werk"


def test_verify_notices_medical_db_rolled_back_to_an_older_copy(bare_practice, tmp_path):
    folder = bare_practice
    arts = login_as(folder, ARTS, unlock=True)
    try:
        employee = add_employee(arts)
    finally:
        arts.close()
    old = tmp_path / "medical.db.copy"
    shutil.copyfile(folder / "medical.db", old)  # the case manager's evening copy: file access only

    arts = login_as(folder, ARTS, unlock=True)
    try:
        medical_entries.add_entry(arts, employee.id, "note", {"text": NOTE})
    finally:
        arts.close()

    for suffix in ("-wal", "-shm"):
        (folder / f"medical.db{suffix}").unlink(missing_ok=True)
    shutil.copyfile(old, folder / "medical.db")  # and puts it back

    report = verify_practice(folder, ARTS.username, ARTS.password, ARTS.medical_passphrase)
    assert not report.ok, "verify --medical is 'in orde' after the physician's entry vanished: " + \
        "; ".join(f"{c.level} {c.name} {c.detail}" for c in report.checks)
