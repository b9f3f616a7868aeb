"""Round 2: a restore by password trusts a directory nobody has vouched for.

``backup._require_backup_right`` lets a password restore go on only for a user who may make a
backup, "judged by the backup's own directory, which only a medical-key holder can have written".
But ``restore`` checks only the practice MAC of the backup's ``vault.json`` (and the manifest MAC,
also under the practice key) — never the medical MAC that vouches for the directory. A case
manager takes a physician's backup from the backup folder, writes ``physician`` into their own
directory entry, re-MACs ``vault.json`` and the manifest with the practice key they hold, and the
restore lets them through. (A restore re-anchors the keyring head of the practice id, that of the
live practice too.)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zipfile

import pytest

from desktop_app.errors import PermissionDenied
from desktop_app.services import backup
from desktop_app.vault import crypto
from desktop_app.vault.vaultfile import Vault
from tests.helpers.insider import Insider
from tests.helpers.practices import ARTS, CASEMANAGER, login_as


def _rewrite(src, dst, practice_key: bytes, edit) -> None:
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    vault = Vault.from_bytes(members["vault.json"])
    edit(vault)
    vault.sign(practice_key)
    members["vault.json"] = vault.to_bytes()
    manifest = json.loads(members["manifest.json"])
    manifest["files"]["vault.json"] = {**manifest["files"]["vault.json"],
                                       "sha256": hashlib.sha256(members["vault.json"]).hexdigest(),
                                       "size": len(members["vault.json"])}
    body = {k: v for k, v in manifest.items() if k != "mac"}
    mac_key = crypto.hkdf(practice_key, "arbokluis backup manifest")
    manifest["mac"] = crypto.mac(mac_key, crypto.canonical(body)).hex()
    members["manifest.json"] = json.dumps(manifest, indent=1).encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as z:
        for name, data in members.items():
            z.writestr(name, data)


def test_a_case_manager_cannot_restore_with_a_role_written_into_the_backups_vault(bare_practice,
                                                                                  tmp_path):
    admin = login_as(bare_practice, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, tmp_path / "backups" / "maandag")
    finally:
        admin.close()
    cm = Insider(bare_practice, CASEMANAGER)

    def promote(vault):
        entry = vault.directory["casemanager"]
        vault.directory["casemanager"] = dataclasses.replace(entry, role="physician", admin=True)

    crafted = tmp_path / "backups" / "dinsdag.arbokluis-backup"
    _rewrite(made.path, crafted, cm.practice_key, promote)
    with pytest.raises(PermissionDenied):
        backup.restore(crafted, tmp_path / "eigen-map", username=CASEMANAGER.username,
                       password=CASEMANAGER.password)
