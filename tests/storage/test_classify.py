"""Each SQLite result code that Arbokluis maps, provoked from the real driver where it can be.

The environment's faults become a typed StorageError whose Dutch message names the file and its
folder and says what to do; everything else is a bug and comes through unchanged, to reach the
crash hook. Two codes cannot be provoked on a local Linux disk, and their tests build the driver's
own exception class with the code set (see ``_driver_error``):
- SQLITE_PROTOCOL: SQLite returns it only after its WAL-index locks keep failing through about a
  hundred retries (seconds of racing writers) or on a file system whose locks are broken, such as
  some network shares.
- SQLITE_PERM: the unix VFS answers a refused open with CANTOPEN or READONLY; PERM comes from
  other VFSes (Windows among them), so there is no file a test here can hand it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlcipher3

from desktop_app.errors import DatabaseBusy, DatabaseDamaged, DiskFull, ReadOnly, StorageError
from desktop_app.storage import connection
from desktop_app.storage.connection import Database, classify, open_encrypted
from desktop_app.storage.errors import (
    CannotOpen,
    DatabaseMissing,
    DiskError,
    LockingFailed,
    NoAccess,
)
from tests.helpers.filesystem import read_only

KEY = bytes(range(32))


def _section(folder: Path, rows: int = 0) -> Database:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "practice.db"
    db = Database(open_encrypted(path, KEY, create=True), "practice", path)
    db.execute("CREATE TABLE notes (body BLOB)")
    for _ in range(rows):
        db.execute("INSERT INTO notes VALUES (randomblob(500))")
    return db


def _reopen(path: Path) -> Database:
    return Database(open_encrypted(path, KEY), "practice", path)


def _closed_section(folder: Path, rows: int = 0) -> Path:
    db = _section(folder, rows)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return folder / "practice.db"


def _flip(path: Path, offset: int) -> None:
    with open(path, "r+b") as fh:
        fh.seek(offset)
        byte = fh.read(1)
        fh.seek(offset)
        fh.write(bytes([byte[0] ^ 0xFF]))


def _driver_error(code: int, name: str) -> sqlcipher3.OperationalError:
    """The driver's own exception class with the code the driver would set on it."""
    exc = sqlcipher3.OperationalError("constructed: " + name)
    exc.sqlite_errorcode = code
    exc.sqlite_errorname = name
    return exc


def _names_the_file(err: StorageError, path: Path) -> None:
    assert path.name in err.message
    assert str(path.parent) in err.message
    assert str(path.parent) not in err.detail  # a folder may carry a person's name


# --- CANTOPEN ----------------------------------------------------------------------------------


def test_a_missing_folder_is_cannot_open(tmp_path):
    path = tmp_path / "losgekoppeld" / "practice.db"
    with pytest.raises(CannotOpen) as err:
        open_encrypted(path, KEY, create=True)
    _names_the_file(err.value, path)
    assert "bestaat en bereikbaar is" in err.value.message
    assert err.value.detail == "SQLITE_CANTOPEN on practice.db"


def test_a_missing_folder_is_not_called_read_only(tmp_path):
    with pytest.raises(StorageError) as err:
        open_encrypted(tmp_path / "weg" / "practice.db", KEY, create=True)
    assert not isinstance(err.value, ReadOnly)


def test_a_read_only_folder_is_read_only(tmp_path):
    path = _closed_section(tmp_path / "praktijk")
    with read_only(path.parent):
        with pytest.raises(ReadOnly) as err:  # WAL mode cannot create practice.db-wal there
            _reopen(path)
    _names_the_file(err.value, path)
    assert "alleen-lezen" in err.value.message
    assert err.value.detail == "SQLITE_CANTOPEN in a read-only folder on practice.db"


def test_a_missing_file_is_missing_not_created(tmp_path):
    path = tmp_path / "medical.db"
    with pytest.raises(DatabaseMissing) as err:
        open_encrypted(path, KEY)
    _names_the_file(err.value, path)
    assert "ontbreekt" in err.value.message
    assert not path.exists()


# --- READONLY ----------------------------------------------------------------------------------


def test_a_read_only_file_is_read_only(tmp_path):
    path = _closed_section(tmp_path / "praktijk")  # mode 0600, as Arbokluis leaves it
    with read_only(path):
        db = _reopen(path)
        try:
            with pytest.raises(ReadOnly) as err:
                db.execute("INSERT INTO notes VALUES (x'00')")
        finally:
            db.close()
    _names_the_file(err.value, path)
    assert "schrijfrechten" in err.value.message
    assert err.value.detail == "SQLITE_READONLY on practice.db"


@pytest.mark.skipif(os.geteuid() != 0, reason="an owner may chmod a read-only file; only "
                    "root's immutable flag (see tests/helpers/filesystem.py) refuses that")
def test_a_file_that_cannot_be_made_private_is_read_only(tmp_path):
    path = _closed_section(tmp_path / "praktijk")
    path.chmod(0o644)  # readable by others: opening it tries to take that away
    with read_only(path):
        with pytest.raises(ReadOnly) as err:
            _reopen(path)
    _names_the_file(err.value, path)
    assert err.value.detail == "errno 1 restricting on practice.db"


def test_read_only_on_a_writable_file_after_a_failed_page_check_is_damage(tmp_path):
    # SQLCipher answers every write with SQLITE_READONLY once a page has failed its HMAC check.
    path = _closed_section(tmp_path / "praktijk", rows=200)
    _flip(path, path.stat().st_size - 2000)
    db = _reopen(path)
    try:
        with pytest.raises(DatabaseDamaged):
            db.query("SELECT count(*), sum(length(body)) FROM notes")
        with pytest.raises(DatabaseDamaged) as err:
            db.execute("INSERT INTO notes VALUES (x'00')")
    finally:
        db.close()
    assert err.value.detail == "SQLITE_READONLY on a writable file on practice.db"
    assert isinstance(err.value.__cause__, sqlcipher3.OperationalError)


# --- BUSY --------------------------------------------------------------------------------------


def test_a_write_lock_held_by_another_connection_is_busy(tmp_path):
    db = _section(tmp_path / "praktijk")
    other = sqlcipher3.connect(str(db.path), isolation_level=None)
    other.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO notes VALUES (x'01')")
    db.execute("PRAGMA busy_timeout = 0")
    try:
        with pytest.raises(DatabaseBusy) as err:
            with db.transaction():
                db.execute("INSERT INTO notes VALUES (x'02')")
    finally:
        other.execute("ROLLBACK")
        other.close()
    _names_the_file(err.value, db.path)
    assert "probeer het" in err.value.message
    assert err.value.detail == "SQLITE_BUSY on practice.db"
    assert db.scalar("SELECT count(*) FROM notes") == 0
    db.close()


# --- IOERR -------------------------------------------------------------------------------------


def test_an_io_error_is_a_disk_error(tmp_path):
    # A copy written to /dev/null cannot be synced: fsync on a character device fails (EINVAL).
    db = _section(tmp_path / "praktijk", rows=3)
    with pytest.raises(DiskError) as err:
        db.execute("VACUUM INTO '/dev/null'")
    _names_the_file(err.value, db.path)
    assert "fout van de schijf" in err.value.message
    assert err.value.detail == "SQLITE_IOERR on practice.db"
    db.close()


# --- CORRUPT and NOTADB ------------------------------------------------------------------------


def _open_and_read(path: Path) -> None:
    db = _reopen(path)
    try:
        db.query("SELECT count(*), sum(length(body)) FROM notes")
    finally:
        db.close()


def test_a_damaged_page_is_damage(tmp_path):
    path = _closed_section(tmp_path / "praktijk", rows=200)
    with open(path, "r+b") as fh:
        fh.truncate(path.stat().st_size // 2)
    with pytest.raises(DatabaseDamaged) as err:
        _open_and_read(path)
    _names_the_file(err.value, path)
    assert "nieuwste back-up" in err.value.message
    assert err.value.detail == "SQLITE_CORRUPT on practice.db"


def test_garbage_in_place_of_a_section_is_not_a_database(tmp_path):
    path = tmp_path / "practice.db"
    path.write_bytes(os.urandom(8192))
    with pytest.raises(DatabaseDamaged) as err:
        open_encrypted(path, KEY)
    _names_the_file(err.value, path)
    assert err.value.detail == "SQLITE_NOTADB on practice.db"


def test_a_wrong_key_is_not_a_database(tmp_path):
    path = _closed_section(tmp_path / "praktijk")
    with pytest.raises(DatabaseDamaged) as err:
        open_encrypted(path, bytes(32))
    assert err.value.detail == "SQLITE_NOTADB on practice.db"


# --- FULL --------------------------------------------------------------------------------------


def test_a_full_database_is_disk_full(tmp_path):
    db = _section(tmp_path / "praktijk")
    db.execute(f"PRAGMA max_page_count = {db.scalar('PRAGMA page_count')}")
    with pytest.raises(DiskFull) as err:
        with db.transaction():
            db.execute("INSERT INTO notes VALUES (x'01')")  # fits in a page already there
            db.execute("INSERT INTO notes VALUES (randomblob(100000))")
    _names_the_file(err.value, db.path)
    assert "schijf is vol" in err.value.message
    assert err.value.detail == "SQLITE_FULL on practice.db"
    assert db.scalar("SELECT count(*) FROM notes") == 0  # SQLite rolled the whole transaction back
    db.close()


# --- PROTOCOL and PERM (constructed: see the module's docstring) -------------------------------


def test_a_locking_protocol_error_is_locking_failed(tmp_path):
    path = tmp_path / "practice.db"
    err = classify(_driver_error(15, "SQLITE_PROTOCOL"), path)
    assert isinstance(err, LockingFailed)
    _names_the_file(err, path)
    assert "netwerkschijf" in err.message


def test_a_refused_access_mode_is_no_access(tmp_path):
    path = tmp_path / "practice.db"
    err = classify(_driver_error(3, "SQLITE_PERM"), path)
    assert isinstance(err, NoAccess)
    _names_the_file(err, path)


@pytest.mark.parametrize(("code", "name", "kind"), [
    (517, "SQLITE_BUSY_SNAPSHOT", DatabaseBusy),
    (1034, "SQLITE_IOERR_FSYNC", DiskError),
    (779, "SQLITE_CORRUPT_INDEX", DatabaseDamaged),
    (270, "SQLITE_CANTOPEN_NOTEMPDIR", CannotOpen),
])
def test_an_extended_code_is_read_by_its_primary_code(code, name, kind):
    assert type(classify(_driver_error(code, name))) is kind


def test_without_a_path_the_message_is_the_kinds_own():
    err = classify(_driver_error(13, "SQLITE_FULL"))
    assert err.message == DiskFull.message


# --- bugs come through unchanged ---------------------------------------------------------------


def test_a_missing_table_is_a_bug_and_comes_through_unchanged(tmp_path):
    db = _section(tmp_path / "praktijk")
    with pytest.raises(sqlcipher3.OperationalError) as err:
        db.execute("SELECT * FROM no_such_table")
    assert err.value.sqlite_errorname == "SQLITE_ERROR"
    db.close()


def test_a_constraint_is_a_bug_and_comes_through_unchanged(tmp_path):
    db = _section(tmp_path / "praktijk")
    db.execute("CREATE TABLE ids (id INTEGER PRIMARY KEY)")
    db.execute("INSERT INTO ids VALUES (1)")
    with pytest.raises(sqlcipher3.IntegrityError):
        db.execute("INSERT INTO ids VALUES (1)")
    db.close()


def test_a_table_dropped_under_its_own_reader_is_a_bug(tmp_path):
    # SQLITE_LOCKED comes from a conflict inside one connection (or a shared cache, which
    # Arbokluis never uses): the program's own fault, so no "try again" message hides it.
    db = _section(tmp_path / "praktijk", rows=3)
    reader = db.execute("SELECT body FROM notes")
    reader.fetchone()
    with pytest.raises(sqlcipher3.OperationalError) as err:
        db.execute("DROP TABLE notes")
    assert err.value.sqlite_errorname == "SQLITE_LOCKED"
    reader.close()
    db.close()


def test_a_bug_while_opening_is_not_called_damage(tmp_path, monkeypatch):
    path = _closed_section(tmp_path / "praktijk")
    monkeypatch.setattr(connection, "COMMON_PRAGMAS", ("PRAGMA journal_mode = = WAL",))
    with pytest.raises(sqlcipher3.OperationalError) as err:
        open_encrypted(path, KEY)
    assert err.value.sqlite_errorname == "SQLITE_ERROR"


def test_an_error_that_is_not_the_drivers_comes_back_as_it_is():
    exc = KeyError("x")
    assert classify(exc) is exc
