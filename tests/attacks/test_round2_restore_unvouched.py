"""Round 2, finding 8: a restore by password trusted the backup's user directory unproven.

Who may restore (medical staff) is read from the directory in the backup's vault.json, which the
medical key vouches for. The practice key vouches for the rest of the file and for the manifest,
and a case manager holds it. So a case manager who rewrites a backup (their own entry made an
admin physician, the vault and the manifest signed again with the practice key) and restores it
with their own password passed the role check. Now a password restore needs the medical
passphrase, and the medical key proves the directory before anyone's role is read.
"""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from desktop_app.errors import ArbokluisError
from desktop_app.services import backup
from desktop_app.vault import binding
from desktop_app.vault.vaultfile import Vault
from tests.helpers.practices import ARTS, CASEMANAGER, login_as


def _rewritten_by_the_case_manager(made, target):
    """The case manager's forgery: themselves an admin physician in the directory, the vault's
    practice MAC and the manifest's MAC made again with the practice key their slot opens."""
    with zipfile.ZipFile(made.path) as z:
        members = {name: z.read(name) for name in z.namelist()}
    vault = Vault.from_bytes(members["vault.json"])
    pepper = binding.secret_for(vault.binding, vault.practice_id)
    practice_key = vault.open_login("casemanager", CASEMANAGER.password, pepper)
    entry = vault.directory["casemanager"]
    entry.role, entry.admin = "physician", True
    vault.sign(practice_key)
    members["vault.json"] = vault.to_bytes()
    manifest = json.loads(members["manifest.json"])
    manifest["files"]["vault.json"] = {"size": len(members["vault.json"]),
                                       "sha256": hashlib.sha256(members["vault.json"]).hexdigest()}
    manifest["mac"] = backup._manifest_mac(manifest, practice_key)
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return target


@pytest.mark.parametrize("passphrase", [None, "", "Iets-wat-ik-verzin-2026!", ARTS.medical_passphrase])
def test_a_case_manager_cannot_restore_a_backup_they_rewrote(practice, tmp_path, passphrase):
    admin = login_as(practice, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, tmp_path / "echt")
    finally:
        admin.close()
    forged = _rewritten_by_the_case_manager(made, tmp_path / "vervalst.arbokluis-backup")
    with pytest.raises(ArbokluisError) as refused:
        backup.restore(forged, tmp_path / "terug", username="casemanager", password=CASEMANAGER.password,
                       medical_passphrase=passphrase)
    assert refused.value.message  # a Dutch reason, and nothing restored
    assert not (tmp_path / "terug").exists()


def test_a_physician_restores_only_with_the_medical_passphrase(practice, tmp_path):
    admin = login_as(practice, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, tmp_path / "echt")
    finally:
        admin.close()
    with pytest.raises(backup.DirectoryNotProven) as refused:
        backup.restore(made.path, tmp_path / "r1", username="arts", password=ARTS.password)
    assert "medische wachtzin" in refused.value.message
    assert not (tmp_path / "r1").exists()
    restored = backup.restore(made.path, tmp_path / "r2", username="arts", password=ARTS.password,
                              medical_passphrase=ARTS.medical_passphrase)
    assert restored.files.vault.exists()
