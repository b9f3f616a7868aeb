"""Backup and restore: same dossiers back, tampering refused, nothing overwritten, nothing plain."""

import json
import zipfile

import pytest

from desktop_app.errors import InvalidCredentials, PracticeExists
from desktop_app.services import backup, employees, medical
from desktop_app.services.practice import login
from desktop_app.storage.migrations import schema_version
from tests.helpers.keyrings import MemoryKeyring, OtherMemoryKeyring, install_keyring
from tests.helpers.practices import ARTS, CASEMANAGER, login_as


def _snapshot(folder, account=ARTS):
    s = login_as(folder, account, unlock=True)
    try:
        people = [(e.id, e.surname, e.bsn) for e in employees.page(s, limit=10000)]
        entries = {e_id: [m.body for m in medical.list_entries(s, e_id)] for e_id, *_r in people[:30]}
        return people, entries
    finally:
        s.close()


def test_backup_then_restore_on_a_new_workstation_with_the_recovery_key(practice, recovery_key, tmp_path):
    before = _snapshot(practice)
    s = login_as(practice, ARTS, unlock=True)
    steps = []
    info = backup.create_backup(s, tmp_path / "backups" / "praktijk", progress=lambda d, t, m: steps.append(d))
    s.close()
    assert info.path.name.endswith(".arbokluis-backup") and steps[-1] == 4
    with zipfile.ZipFile(info.path) as z:
        names = set(z.namelist())
        assert {"manifest.json", "practice.db", "medical.db", "vault.json"} <= names
        assert not z.read("practice.db").startswith(b"SQLite format 3")  # still encrypted
    new_folder = tmp_path / "nieuw-werkstation" / "praktijk"
    with install_keyring(OtherMemoryKeyring()) as fresh:
        backup.restore(info.path, new_folder, recovery_key=recovery_key)
        assert len(fresh.store) == 1  # re-bound to this workstation's keyring
        assert _snapshot(new_folder) == before
        s = login_as(new_folder, ARTS)
        assert s.audit.verify().ok
        from desktop_app.storage import schema_practice

        assert schema_version(s.db) == schema_practice.MIGRATIONS[-1].version
        s.close()


def test_restore_with_a_password_on_the_same_workstation(practice, tmp_path):
    s = login_as(practice, ARTS)  # medical section locked: copied as its file
    info = backup.create_backup(s, tmp_path / "b")
    s.close()
    with pytest.raises(InvalidCredentials):
        backup.restore(info.path, tmp_path / "r1", username="casemanager", password="fout")
    backup.restore(info.path, tmp_path / "r2", username="casemanager", password=CASEMANAGER.password)
    assert _snapshot(tmp_path / "r2") == _snapshot(practice)


def test_a_tampered_backup_is_refused(practice, recovery_key, tmp_path):
    s = login_as(practice, ARTS, unlock=True)
    info = backup.create_backup(s, tmp_path / "b")
    s.close()
    data = bytearray(info.path.read_bytes())
    with zipfile.ZipFile(info.path) as z:
        offset = z.getinfo("practice.db").header_offset + 200
    data[offset] ^= 0xFF
    bad = tmp_path / "kapot.arbokluis-backup"
    bad.write_bytes(bytes(data))
    with pytest.raises(backup.BackupDamaged):
        backup.restore(bad, tmp_path / "r", recovery_key=recovery_key)
    assert not (tmp_path / "r").exists()
    # A manifest whose checksums were recomputed by someone without the key fails its MAC.
    forged = tmp_path / "vervalst.arbokluis-backup"
    with zipfile.ZipFile(info.path) as src, zipfile.ZipFile(forged, "w") as dst:
        manifest = json.loads(src.read("manifest.json"))
        manifest["created"] = "2000-01-01T00:00:00+00:00"
        dst.writestr("manifest.json", json.dumps(manifest))
        for name in manifest["files"]:
            dst.writestr(name, src.read(name))
    with pytest.raises(backup.BackupDamaged):
        backup.restore(forged, tmp_path / "r3", recovery_key=recovery_key)


def test_restore_never_overwrites_a_practice(practice, recovery_key, tmp_path):
    s = login_as(practice, ARTS, unlock=True)
    info = backup.create_backup(s, tmp_path / "b")
    s.close()
    before = (practice / "practice.db").read_bytes()
    with pytest.raises(PracticeExists):
        backup.restore(info.path, practice, recovery_key=recovery_key)
    assert (practice / "practice.db").read_bytes() == before


def test_an_unwritable_target_gives_a_clear_error_and_leaves_nothing(practice, tmp_path):
    import os

    from desktop_app.errors import StorageError

    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    os.chmod(folder, 0o500)
    s = login_as(practice, ARTS, unlock=True)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(StorageError) as err:
            backup.create_backup(s, folder / "b")
        assert err.value.message
    finally:
        s.close()
        os.chmod(folder, 0o700)
    assert list(folder.iterdir()) == []


def test_last_backup_is_recorded(practice, tmp_path):
    s = login_as(practice, ARTS)
    backup.create_backup(s, tmp_path / "b")
    assert s.db.scalar("SELECT value FROM settings WHERE key = 'last_backup'")
    s.close()


def test_backup_of_an_older_schema_restores_and_migrates(tmp_path, recovery_key, practice):
    """A backup whose practice section is at schema 2 migrates at the first login after restore."""
    from desktop_app.storage import schema_practice
    from desktop_app.storage.sections import PRACTICE, open_section
    from desktop_app.vault.vaultfile import Vault

    vault = Vault.load(practice / "vault.json")
    key = vault.open_recovery(recovery_key).practice_key
    # Rebuild the practice section at version 2 with the same users (what an older release wrote).
    db = open_section(PRACTICE, practice / "practice.db", key, vault.practice_id)
    users = db.query("SELECT id, username, display_name, role, is_supervisor, is_admin, registration, "
                     "active, created_at FROM users")
    settings = db.query("SELECT key, value FROM settings")
    db.close()
    for suffix in ("", "-wal", "-shm"):
        (practice / f"practice.db{suffix}").unlink(missing_ok=True)
    (practice / "audit-head.json").unlink()
    db = open_section(PRACTICE, practice / "practice.db", key, vault.practice_id, create=True, target_version=2)
    with db.transaction():
        db.executemany("INSERT INTO users (id, username, display_name, role, is_supervisor, is_admin, registration, "
                       "active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", users)
        db.executemany("INSERT INTO settings VALUES (?, ?)", settings)
    assert schema_version(db) == 2 < schema_practice.MIGRATIONS[-1].version
    db.close()
    # The backup file as the older release wrote it: the same format around a schema-2 section.
    old = tmp_path / "oud.arbokluis-backup"
    manifest = {"format": backup.FORMAT, "version": 1, "practice_id": vault.practice_id,
                "created": "2026-01-01T00:00:00+00:00", "made_by": "arts",
                "files": {n: {"sha256": backup._sha256(practice / n), "size": (practice / n).stat().st_size}
                          for n in ("practice.db", "medical.db", "vault.json")}}
    from desktop_app.vault import crypto

    manifest["mac"] = crypto.mac(backup._mac_key(key), crypto.canonical(manifest)).hex()
    with zipfile.ZipFile(old, "w") as z:
        z.writestr("manifest.json", json.dumps(manifest))
        for name in manifest["files"]:
            z.write(practice / name, name)
    with install_keyring(MemoryKeyring()):
        backup.restore(old, tmp_path / "r", recovery_key=recovery_key)
        s = login(tmp_path / "r", "casemanager", CASEMANAGER.password)
        assert schema_version(s.db) == schema_practice.MIGRATIONS[-1].version
        s.close()
