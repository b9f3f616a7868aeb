"""Backup and restore: same dossiers back, tampering refused, nothing overwritten, nothing plain,
nothing half made or half restored, medical staff only, private files."""

import json
import os
import stat
import tempfile
import uuid
import zipfile

import pytest

from desktop_app.errors import ArbokluisError, InvalidCredentials, PermissionDenied, PracticeExists
from desktop_app.services import backup, employees, medical_entries, users
from desktop_app.services.practice import login
from desktop_app.storage.migrations import schema_version
from desktop_app.vault.vaultfile import Vault
from tests.helpers import rawpages
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.keyrings import MemoryKeyring, OtherMemoryKeyring, install_keyring
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as


def _snapshot(folder, account=ARTS):
    s = login_as(folder, account, unlock=True)
    try:
        people = [(e.id, e.surname, e.bsn) for e in employees.page(s, limit=10000)]
        entries = {e_id: [m.body for m in medical_entries.list_entries(s, e_id)] for e_id, *_r in people[:30]}
        return people, entries
    finally:
        s.close()


def _make(practice, target, account=ARTS, unlock=True, **kw):
    s = login_as(practice, account, unlock=unlock)
    try:
        return backup.create_backup(s, target, **kw)
    finally:
        s.close()


def _everything_under(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*"))


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_then_restore_on_a_new_workstation_with_the_recovery_key(practice, recovery_key, tmp_path):
    before = _snapshot(practice)
    steps = []
    info = _make(practice, tmp_path / "backups" / "praktijk", progress=lambda d, t, m: steps.append((d, t)))
    assert info.path.name.endswith(".arbokluis-backup")
    assert steps[-1][0] == steps[-1][1]  # the last report is "all done"
    assert [d for d, _t in steps] == sorted(d for d, _t in steps)  # progress never goes back
    with zipfile.ZipFile(info.path) as z:
        names = set(z.namelist())
        assert {"manifest.json", "practice.db", "medical.db", "vault.json"} <= names
        assert not z.read("practice.db").startswith(b"SQLite format 3")  # still encrypted
        assert not z.read("medical.db").startswith(b"SQLite format 3")
    new_folder = tmp_path / "nieuw-werkstation" / "praktijk"
    with install_keyring(OtherMemoryKeyring()) as fresh:
        backup.restore(info.path, new_folder, recovery_key=recovery_key)
        accounts = sorted(account for _service, account in fresh.store)
        # re-bound to this workstation's keyring, which also vouches for the restored audit head
        assert accounts == [f"practice-{info.practice_id}", f"practice-{info.practice_id}-audit-head"]
        assert _snapshot(new_folder) == before
        s = login_as(new_folder, ARTS)
        assert s.audit.verify().ok
        from desktop_app.storage import schema_practice

        assert schema_version(s.db) == schema_practice.MIGRATIONS[-1].version
        s.close()


def test_restore_with_a_password_on_the_same_workstation(practice, tmp_path):
    info = _make(practice, tmp_path / "b", unlock=False)  # medical section locked: copied as its file
    before = _snapshot(practice)  # after the restore the keyring follows the restored folder
    with pytest.raises(InvalidCredentials):
        backup.restore(info.path, tmp_path / "r1", username="arts", password="fout")
    assert not (tmp_path / "r1").exists()
    backup.restore(info.path, tmp_path / "r2", username="arts", password=ARTS.password,
                   medical_passphrase=ARTS.medical_passphrase)
    assert _snapshot(tmp_path / "r2") == before


def test_a_case_manager_cannot_restore_a_backup(practice, tmp_path):
    """A backup holds the medical section: restoring it is for medical staff or the recovery key."""
    info = _make(practice, tmp_path / "b")
    with pytest.raises(PermissionDenied) as err:
        backup.restore(info.path, tmp_path / "r", username="casemanager", password=CASEMANAGER.password)
    assert "herstelsleutel" in err.value.message
    assert not (tmp_path / "r").exists()


def test_a_restored_practice_verifies_on_the_same_workstation(practice, tmp_path):
    """The restore re-anchors the keyring's audit head: a deliberate, recorded rollback is not
    reported as a folder rolled back behind the program's back."""
    from desktop_app.services.verify import verify_practice

    info = _make(practice, tmp_path / "b")
    s = login_as(practice, ARTS)  # the live trail moves on past the backup
    s.close()
    backup.restore(info.path, tmp_path / "r", username="arts", password=ARTS.password,
                   medical_passphrase=ARTS.medical_passphrase)
    report = verify_practice(tmp_path / "r", "arts", ARTS.password, ARTS.medical_passphrase)
    assert [c.name for c in report.checks if not c.ok] == []


def test_changes_still_in_the_write_ahead_log_are_in_the_backup(practice, recovery_key, tmp_path):
    """The sections are copied as files: what is committed but not yet checkpointed must come along."""
    s = login_as(practice, ARTS, unlock=True)
    marker = f"wal-{uuid.uuid4().hex}"
    with s.db.transaction():
        s.db.execute("INSERT INTO settings VALUES ('wal_marker', ?)", (marker,))
    with s.medical().transaction():
        s.medical().execute("INSERT INTO section_info VALUES ('wal_marker', ?)", (marker,))
    assert (practice / "practice.db-wal").stat().st_size > 0
    info = backup.create_backup(s, tmp_path / "b")
    s.close()
    with install_keyring(MemoryKeyring()):
        backup.restore(info.path, tmp_path / "r", recovery_key=recovery_key)
        r = login_as(tmp_path / "r", ARTS, unlock=True)
        assert r.db.scalar("SELECT value FROM settings WHERE key = 'wal_marker'") == marker
        assert r.medical().scalar("SELECT value FROM section_info WHERE key = 'wal_marker'") == marker
        r.close()


def test_a_tampered_backup_is_refused(practice, recovery_key, tmp_path):
    info = _make(practice, tmp_path / "b")
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
    assert not (tmp_path / "r3").exists()


def test_a_section_from_another_backup_of_the_same_practice_is_refused(practice, recovery_key, tmp_path):
    """Each page of the older copy carries a valid HMAC; only the manifest's checksum tells them apart."""
    old = _make(practice, tmp_path / "oud")
    s = login_as(practice, ARTS, unlock=True)
    with s.medical().transaction():
        s.medical().execute("INSERT INTO section_info VALUES ('later', 'ja')")
    s.close()
    new = _make(practice, tmp_path / "nieuw")
    mixed = tmp_path / "gemengd.arbokluis-backup"
    with zipfile.ZipFile(new.path) as src, zipfile.ZipFile(old.path) as older, zipfile.ZipFile(mixed, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, (older if name == "medical.db" else src).read(name))
    with pytest.raises(backup.BackupDamaged):
        backup.restore(mixed, tmp_path / "r", recovery_key=recovery_key)
    assert not (tmp_path / "r").exists()


def _damage_last_page(path):
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(size - rawpages.PAGE + 100)
        byte = fh.read(1)
        fh.seek(size - rawpages.PAGE + 100)
        fh.write(bytes([byte[0] ^ 0x01]))


@pytest.mark.parametrize("section", ["practice.db", "medical.db"])
def test_a_damaged_section_is_not_backed_up(practice, tmp_path, section):
    """The pages are copied as they lie, so SQLCipher checks their HMACs beside the copy: the
    damage is reported while the earlier backups are still good, and no archive is left."""
    _damage_last_page(practice / section)
    s = login_as(practice, ARTS, unlock=True)
    try:
        with pytest.raises(backup.SectionDamaged) as err:
            backup.create_backup(s, tmp_path / "b")
    finally:
        s.close()
    assert section in err.value.message
    assert list(tmp_path.iterdir()) == [practice]


def test_a_locked_medical_section_is_page_checked_at_restore(practice, recovery_key, tmp_path):
    """Without the medical key the backup cannot check that section; the recovery key can."""
    _damage_last_page(practice / "medical.db")
    info = _make(practice, tmp_path / "b", unlock=False)
    with zipfile.ZipFile(info.path) as z:
        assert json.loads(z.read("manifest.json"))["pages_checked"] == ["practice.db"]
    with pytest.raises(backup.BackupDamaged) as err:
        backup.restore(info.path, tmp_path / "r", recovery_key=recovery_key)
    assert "page check medical.db" in err.value.detail
    assert not (tmp_path / "r").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".arbokluis-restore")] == []


def test_an_older_backup_without_page_record_is_page_checked_at_restore(practice, recovery_key, tmp_path):
    """Backups of the previous release carry no ``pages_checked``: restore checks the pages itself."""
    from desktop_app.vault import crypto

    vault = Vault.load(practice / "vault.json")
    key = vault.open_recovery(recovery_key).practice_key
    _damage_last_page(practice / "practice.db")
    old = tmp_path / "oud.arbokluis-backup"
    manifest = {"format": backup.FORMAT, "version": 1, "practice_id": vault.practice_id,
                "created": "2026-01-01T00:00:00+00:00", "made_by": "arts",
                "files": {n: {"sha256": backup._sha256(practice / n), "size": (practice / n).stat().st_size}
                          for n in ("practice.db", "medical.db", "vault.json")}}
    manifest["mac"] = crypto.mac(backup._mac_key(key), crypto.canonical(manifest)).hex()
    with zipfile.ZipFile(old, "w") as z:
        z.writestr("manifest.json", json.dumps(manifest))
        for name in manifest["files"]:
            z.write(practice / name, name)
    with pytest.raises(backup.BackupDamaged) as err:
        backup.restore(old, tmp_path / "r", recovery_key=recovery_key)
    assert "page check practice.db" in err.value.detail
    assert not (tmp_path / "r").exists()


def test_restore_never_overwrites_a_practice(practice, recovery_key, tmp_path):
    info = _make(practice, tmp_path / "b")
    before = (practice / "practice.db").read_bytes()
    with pytest.raises(PracticeExists):
        backup.restore(info.path, practice, recovery_key=recovery_key)
    assert (practice / "practice.db").read_bytes() == before


def test_restore_into_an_existing_empty_folder_keeps_its_other_files(practice, recovery_key, tmp_path):
    info = _make(practice, tmp_path / "b")
    folder = tmp_path / "leeg"
    folder.mkdir(mode=0o755)
    (folder / "arbokluis.lock").write_text("")  # as the CLI's instance lock leaves it
    with install_keyring(MemoryKeyring()):
        backup.restore(info.path, folder, recovery_key=recovery_key)
    assert (folder / "vault.json").exists()
    assert (folder / "arbokluis.lock").exists()
    assert [p.name for p in folder.iterdir() if p.name.startswith(".arbokluis-restore")] == []
    assert _mode(folder) == 0o700


def test_nothing_decrypted_reaches_the_disk_during_backup_and_restore(practice, recovery_key, tmp_path):
    marker = f"MARKER-{uuid.uuid4().hex}-Ünïcødé"
    needles = [marker.encode("utf-8"), marker.encode("utf-16-le"), marker[:20].encode()]
    s = login_as(practice, ARTS, unlock=True)
    with s.db.transaction():
        s.db.execute("INSERT INTO settings VALUES ('marker', ?)", (marker,))
    with s.medical().transaction():
        s.medical().execute("INSERT INTO section_info VALUES ('marker', ?)", (marker,))
    practice_key, medical_key = s.practice_key(), s.medical_key()
    info = backup.create_backup(s, tmp_path / "b")
    s.close()
    with install_keyring(MemoryKeyring()):
        backup.restore(info.path, tmp_path / "terug", recovery_key=recovery_key)
    hits = []
    own = [tmp_path, tempfile.gettempdir()]
    for root in own:
        for dirpath, _dirs, names in os.walk(root):
            for name in names:
                path = os.path.join(dirpath, name)
                if "pytest-of" in path and str(tmp_path) not in path:
                    continue  # other tests' folders
                try:
                    with open(path, "rb") as fh:
                        data = fh.read()
                except OSError:
                    continue
                if any(n in data for n in needles):
                    hits.append(path)
    assert hits == []
    # And the marker really is in the restored sections, encrypted.
    assert rawpages.contains(tmp_path / "terug" / "practice.db", practice_key, marker.encode())
    assert rawpages.contains(tmp_path / "terug" / "medical.db", medical_key, marker.encode())


# --- who may back up ------------------------------------------------------------------------


def _refused(practice, account, tmp_path):
    s = login_as(practice, account)
    seq = last_seq(s)
    target = tmp_path / "nieuwe-map" / "b"
    with pytest.raises(PermissionDenied) as err:
        backup.create_backup(s, target)
    events = events_after(s, seq)
    s.close()
    return err.value, events


@pytest.mark.parametrize("account", [CASEMANAGER, ASSISTENT], ids=["casemanager", "assistant-without-statement"])
def test_only_medical_staff_may_make_a_backup(practice, tmp_path, account):
    if account is ASSISTENT:
        admin = login_as(practice, ARTS, unlock=True)  # withdrawing rotates the medical key
        users.revoke_secrecy_statement(admin, "assistent")
        admin.close()
    error, events = _refused(practice, account, tmp_path)
    assert "medisch personeel" in error.message
    assert [(e[0], e[1], e[4]) for e in events] == [("access_denied", "permission", "denied")]
    assert events[0][3] == "backup.create_backup"
    assert list(tmp_path.iterdir()) == [practice]  # no archive, no folder, no partial file


def test_an_assistant_with_a_statement_may_make_a_backup(practice, tmp_path):
    info = _make(practice, tmp_path / "b", account=ASSISTENT, unlock=True)
    assert info.path.exists()


def test_the_suggested_name_is_refused_like_the_backup(practice):
    s = login_as(practice, CASEMANAGER)
    seq = last_seq(s)
    with pytest.raises(PermissionDenied):
        backup.suggested_name(s)
    assert [e[0] for e in events_after(s, seq)] == ["access_denied"]
    s.close()
    s = login_as(practice, ARTS)
    assert backup.suggested_name(s).endswith(".arbokluis-backup")
    s.close()


# --- private files --------------------------------------------------------------------------


def test_every_folder_the_backup_creates_is_private_and_the_archive_too(practice, tmp_path):
    os.umask(0o000)  # the worst case: nothing masked by the process
    try:
        tmp_path.chmod(0o755)
        info = _make(practice, tmp_path / "a" / "b" / "c" / "praktijk")
    finally:
        os.umask(0o022)
    assert _mode(tmp_path / "a") == 0o700
    assert _mode(tmp_path / "a" / "b") == 0o700
    assert _mode(tmp_path / "a" / "b" / "c") == 0o700
    assert _mode(info.path) == 0o600
    assert _mode(tmp_path) == 0o755  # a folder that already existed keeps its mode


def test_every_folder_and_file_the_restore_creates_is_private(practice, recovery_key, tmp_path):
    info = _make(practice, tmp_path / "b")
    os.umask(0o000)
    try:
        tmp_path.chmod(0o755)
        with install_keyring(MemoryKeyring()):
            files = backup.restore(info.path, tmp_path / "x" / "y" / "praktijk", recovery_key=recovery_key).files
    finally:
        os.umask(0o022)
    assert _mode(tmp_path / "x") == 0o700
    assert _mode(tmp_path / "x" / "y") == 0o700
    assert _mode(files.root) == 0o700
    modes = {p.name: _mode(p) for p in files.root.iterdir()}
    assert "practice.db" in modes
    assert set(modes.values()) == {0o600}, modes
    assert _mode(tmp_path) == 0o755


# --- failures and cancelling leave nothing ------------------------------------------------------


class _StopAfter:
    """A cancel token that the user presses after ``n`` polls."""

    class Stopped(ArbokluisError):
        message = "Afgebroken."

    def __init__(self, n):
        self.left = n

    def raise_if_cancelled(self):
        self.left -= 1
        if self.left < 0:
            raise self.Stopped(detail="cancelled in a test")


def test_a_cancelled_backup_leaves_no_file_and_the_session_works_on(practice, tmp_path):
    s = login_as(practice, ARTS, unlock=True)
    try:
        with pytest.raises(_StopAfter.Stopped):
            backup.create_backup(s, tmp_path / "b", cancel=_StopAfter(2))
        assert list(tmp_path.iterdir()) == [practice]
        with s.db.transaction():  # the read snapshot is gone: writing works again
            s.db.execute("INSERT INTO settings VALUES ('na_afbreken', 'ja')")
        info = backup.create_backup(s, tmp_path / "b")
        assert info.path.exists()
    finally:
        s.close()


def test_a_cancelled_restore_leaves_no_folder(practice, recovery_key, tmp_path):
    info = _make(practice, tmp_path / "b")
    with install_keyring(MemoryKeyring()):
        with pytest.raises(_StopAfter.Stopped):
            backup.restore(info.path, tmp_path / "r", recovery_key=recovery_key, cancel=_StopAfter(2))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([practice.name, info.path.name])


def test_a_write_failure_mid_archive_leaves_no_partial_file(practice, tmp_path):
    """A real short write: the file-size limit makes the kernel refuse to grow the archive."""
    resource = pytest.importorskip("resource")
    import signal

    s = login_as(practice, ARTS, unlock=True)
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    folder = tmp_path / "vol"
    folder.mkdir()
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, old_limit[1]))
        with pytest.raises(ArbokluisError):
            backup.create_backup(s, folder / "b")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)
        s.close()
    assert list(folder.iterdir()) == []


def test_an_unwritable_target_gives_a_clear_error_and_leaves_nothing(practice, tmp_path):
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


def test_a_locked_medical_section_with_a_pending_log_is_not_copied(practice, tmp_path):
    """Left by a process that was killed while the medical section was open."""
    from desktop_app.storage.connection import open_encrypted

    owner = login_as(practice, ARTS, unlock=True)
    key = owner.medical_key()
    owner.close()
    other = open_encrypted(practice / "medical.db", key)  # another writer, still holding the log
    other.execute("INSERT INTO section_info VALUES ('pending', 'ja')")
    try:
        s = login_as(practice, ARTS)
        with pytest.raises(backup.MedicalWalPending) as err:
            backup.create_backup(s, tmp_path / "b")
        s.close()
    finally:
        other.close()
    assert "Ontgrendel" in err.value.message
    assert list(tmp_path.iterdir()) == [practice]


def test_last_backup_is_recorded(practice, tmp_path):
    s = login_as(practice, ARTS)
    backup.create_backup(s, tmp_path / "b")
    assert s.db.scalar("SELECT value FROM settings WHERE key = 'last_backup'")
    s.close()


def test_verify_backup_reads_every_member(practice, tmp_path):
    info = _make(practice, tmp_path / "b")
    vault = Vault.load(practice / "vault.json")
    s = login_as(practice, ARTS)
    practice_key = s.practice_key()
    s.close()
    assert backup.verify_backup(info.path, practice_key)["practice_id"] == vault.practice_id
    data = bytearray(info.path.read_bytes())
    with zipfile.ZipFile(info.path) as z:
        offset = z.getinfo("medical.db").header_offset + 4096
    data[offset] ^= 0x01
    bad = tmp_path / "kapot.arbokluis-backup"
    bad.write_bytes(bytes(data))
    with pytest.raises(backup.BackupDamaged):
        backup.verify_backup(bad, practice_key)


def test_backup_of_an_older_schema_restores_and_migrates(tmp_path, recovery_key, practice):
    """A backup whose practice section is at schema 2 migrates at the first login after restore."""
    from desktop_app.storage import schema_practice
    from desktop_app.storage.sections import PRACTICE, open_section

    vault = Vault.load(practice / "vault.json")
    key = vault.open_recovery(recovery_key).practice_key
    # Rebuild the practice section at version 2 with the same users (what an older release wrote).
    db = open_section(PRACTICE, practice / "practice.db", key, vault.practice_id)
    users_rows = db.query("SELECT id, username, display_name, role, is_supervisor, is_admin, registration, "
                          "active, created_at FROM users")
    settings = db.query("SELECT key, value FROM settings")
    db.close()
    for suffix in ("", "-wal", "-shm"):
        (practice / f"practice.db{suffix}").unlink(missing_ok=True)
    (practice / "audit-head.json").unlink()
    db = open_section(PRACTICE, practice / "practice.db", key, vault.practice_id, create=True, target_version=2)
    with db.transaction():
        db.executemany("INSERT INTO users (id, username, display_name, role, is_supervisor, is_admin, registration, "
                       "active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", users_rows)
        db.executemany("INSERT INTO settings VALUES (?, ?)", settings)
    assert schema_version(db) == 2 < schema_practice.MIGRATIONS[-1].version
    db.close()
    # The backup file as the older release wrote it: the same format around a schema-2 section,
    # manifest first, members written through zipfile (not streamed).
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


def test_a_compressed_member_written_by_another_tool_still_restores(practice, recovery_key, tmp_path):
    """Someone re-zipped the archive with compression: the checksums still hold, so it restores."""
    info = _make(practice, tmp_path / "b")
    before = _snapshot(practice)
    rezipped = tmp_path / "opnieuw.arbokluis-backup"
    with zipfile.ZipFile(info.path) as src, zipfile.ZipFile(rezipped, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, src.read(name))
    with install_keyring(MemoryKeyring()):  # the workstation the restore happens on
        backup.restore(rezipped, tmp_path / "r", recovery_key=recovery_key)
        assert _snapshot(tmp_path / "r") == before


def _cli(args, env):
    import subprocess
    import sys

    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ARBOKLUIS_")}
    full_env.update(env)
    return subprocess.run([sys.executable, "-m", "desktop_app.cli", *args], capture_output=True,
                          text=True, env=full_env, timeout=120)


def test_the_cli_refuses_a_case_manager_and_leaves_no_archive(tmp_path):
    folder = tmp_path / "p"
    assert _cli(["demo", "--data-dir", str(folder)], {}).returncode == 0
    refused = _cli(["backup", "--data-dir", str(folder), "--to", str(tmp_path / "uit" / "b"), "--user",
                    "casemanager"], {"ARBOKLUIS_PASSWORD": CASEMANAGER.password})
    assert refused.returncode == 1
    assert "medisch personeel" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / "uit").exists()
    s = login(folder, "arts", ARTS.password)
    denied = s.db.query("SELECT username, object_id, data, outcome FROM audit_events WHERE action = 'access_denied'")
    s.close()
    assert denied == [("casemanager", "backup", "backup.create_backup", "denied")]
    made = _cli(["backup", "--data-dir", str(folder), "--to", str(tmp_path / "uit" / "b"), "--user", "arts"],
                {"ARBOKLUIS_PASSWORD": ARTS.password})
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "uit" / "b.arbokluis-backup").exists()


def test_a_backup_whose_key_file_is_unreadable_is_refused_as_damaged(practice, recovery_key, tmp_path):
    info = _make(practice, tmp_path / "b")
    bad = tmp_path / "sleutels-kapot.arbokluis-backup"
    with zipfile.ZipFile(info.path) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, b"{niet json" if name == "vault.json" else src.read(name))
    with pytest.raises(backup.BackupDamaged):
        backup.restore(bad, tmp_path / "r", recovery_key=recovery_key)
    assert not (tmp_path / "r").exists()
