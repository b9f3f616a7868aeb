"""Round 3: a removed colleague re-keys herself in an old backup, and the restore holds nobody.

The hold matches a removed user by name AND the signing public key they had (``RemovedUsers.held``:
``directory[r.user].sign == r.sign``), read from the backup's own directory. That directory is
vouched for by the backup's medical MAC, and a removed assistant (or physician) holds that
backup's medical key and practice key: her grants are in it. So, with her old password,
passphrase and the workstation's keyring secret (which never rotates; 0005: "and the keyring
secret if they could read it"), she gives herself fresh key pairs in an old backup, re-makes the
medical MAC, the practice MAC and the manifest's MAC, dates the manifest today (so it is "the
newest backup"), and drops it in the backup folder. The hurried admin restores it with their own
password and medical passphrase: everything checks, nobody is named, and she logs in.
Decision 0010's threat table says the removed colleague "cannot log in to a practice restored on
a workstation that saw the removal, before an admin decides".
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import UTC, datetime, timedelta

from desktop_app.errors import HeldAfterRestore
from desktop_app.services import backup, users
from desktop_app.services.practice import login
from desktop_app.vault import binding
from desktop_app.vault.vaultfile import Vault
from tests.helpers.practices import ARTS, ASSISTENT, login_as


def _forged_by_the_removed_assistant(made, folder):
    with zipfile.ZipFile(made.path) as z:
        members = {name: z.read(name) for name in z.namelist()}
    vault = Vault.from_bytes(members["vault.json"])
    pepper = binding.secret_for(vault.binding, vault.practice_id)  # copied while she worked there
    practice_key = vault.open_login("assistent", ASSISTENT.password, pepper)
    medical_key = dict(vault.open_medical("assistent", ASSISTENT.medical_passphrase, pepper))[
        vault.medical.version]
    old = vault.directory["assistent"]
    vault.add_user("assistent", ASSISTENT.password, pepper, old.role, practice_key=practice_key,
                   supervisor=old.supervisor, admin=old.admin, secrecy=old.secrecy)  # new key pairs
    vault.set_medical_slot("assistent", ASSISTENT.medical_passphrase, pepper)
    vault.grant_medical("assistent", medical_key)
    vault.seal_medical(medical_key)
    vault.sign(practice_key)
    members["vault.json"] = vault.to_bytes()
    manifest = json.loads(members["manifest.json"])
    manifest["files"]["vault.json"] = {"size": len(members["vault.json"]),
                                       "sha256": hashlib.sha256(members["vault.json"]).hexdigest()}
    manifest["created"] = (datetime.now(UTC) + timedelta(minutes=5)).isoformat(timespec="seconds")
    manifest["mac"] = backup._manifest_mac(manifest, practice_key)
    members["manifest.json"] = json.dumps(manifest).encode()
    target = folder / ("nieuwste" + backup.SUFFIX)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return target


def test_a_removed_user_who_rekeys_herself_in_an_old_backup_is_still_held(practice, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    admin = login_as(practice, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, folder / "oud")
        users.remove_user(admin, "assistent")
        backup.create_backup(admin, folder / "na-verwijderen")
    finally:
        admin.close()

    forged = _forged_by_the_removed_assistant(made, folder)
    chosen = backup.newest_backup(folder)
    assert chosen == forged  # the admin takes "the newest backup"

    restored = backup.restore(chosen, tmp_path / "terug", username="arts", password=ARTS.password,
                              medical_passphrase=ARTS.medical_passphrase)
    named = "assistent" in restored.held
    opened = False
    try:
        session = login(tmp_path / "terug", "assistent", ASSISTENT.password)
        try:
            session.unlock_medical(ASSISTENT.medical_passphrase)
            opened = True
        finally:
            session.close()
    except HeldAfterRestore:
        pass
    assert named and not opened, (
        f"named: {named}; the removed assistant logged in and opened the medical section: {opened}")
