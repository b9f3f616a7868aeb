"""Every migration step, from the first version, on both sections."""

import pytest
import sqlcipher3

from desktop_app.storage import schema_medical, schema_practice
from desktop_app.storage.connection import Database, open_encrypted
from desktop_app.storage.migrations import Migration, NewerSchema, migrate, schema_version
from desktop_app.storage.sections import MEDICAL, PRACTICE, open_section

KEY = bytes(range(32))
PID = "00000000-0000-0000-0000-000000000000"

STEPS = [(PRACTICE, m.version) for m in schema_practice.MIGRATIONS] + [
    (MEDICAL, m.version) for m in schema_medical.MIGRATIONS]
ALL = {PRACTICE: schema_practice.MIGRATIONS, MEDICAL: schema_medical.MIGRATIONS}


@pytest.mark.parametrize(("section", "version"), STEPS)
def test_each_step_upgrades_to_the_newest(tmp_path, section, version):
    path = tmp_path / f"{section}.db"
    db = open_section(section, path, KEY, PID, create=True, target_version=version)
    assert schema_version(db) == version
    db.execute("INSERT INTO section_info VALUES ('marker', 'bewaard')")
    db.close()
    db = open_section(section, path, KEY, PID)
    assert schema_version(db) == ALL[section][-1].version
    assert db.scalar("SELECT value FROM section_info WHERE key = 'marker'") == "bewaard"
    assert db.query("PRAGMA foreign_key_check") == []
    db.close()
    if version < ALL[section][-1].version:
        backup = path.with_name(f"{path.name}.v{version}.bak")
        assert backup.exists()
        # The copy taken before migrating is encrypted with the same key.
        copy = Database(open_encrypted(backup, KEY), "copy")
        assert copy.scalar("PRAGMA user_version") == version
        copy.close()


def test_a_failing_migration_leaves_the_earlier_version(tmp_path):
    db = Database(open_encrypted(tmp_path / "x.db", KEY, create=True), "x")
    steps = [Migration(1, "ok", "CREATE TABLE a (x);"),
             Migration(2, "broken", "CREATE TABLE b (x); INSERT INTO nope VALUES (1);")]
    with pytest.raises(sqlcipher3.OperationalError):
        migrate(db, steps)
    assert schema_version(db) == 1
    assert db.query("SELECT name FROM sqlite_master WHERE name = 'b'") == []
    db.close()


def test_a_newer_schema_is_refused(tmp_path):
    db = Database(open_encrypted(tmp_path / "x.db", KEY, create=True), "x")
    db.execute("PRAGMA user_version = 99")
    with pytest.raises(NewerSchema) as err:
        migrate(db, schema_practice.MIGRATIONS)
    assert "nieuwere versie" in err.value.message
    db.close()


# --- the copies taken before migrating, and their re-encryption at a rotation -----------------

NEW = bytes(range(1, 33))


def _opens(path, key) -> bool:
    try:
        Database(open_encrypted(path, key), "copy").close()
    except Exception:
        return False
    return True


@pytest.fixture
def section_with_copy(tmp_path):
    from desktop_app.storage.migrations import copy_before_migration

    path = tmp_path / "medical.db"
    db = open_section(MEDICAL, path, KEY, PID, create=True)
    copy_before_migration(db, path, 1)
    yield db, path
    db.close()


def test_a_copy_is_recorded_with_its_digest_when_it_is_made(section_with_copy):
    from desktop_app.storage.migrations import recorded_copies

    db, path = section_with_copy
    assert list(recorded_copies(db, path)) == ["medical.db.v1.bak"]


def test_a_rotation_rekeys_the_recorded_copy_and_nothing_named_like_one(section_with_copy):
    from desktop_app.storage.migrations import rekey_copies

    db, path = section_with_copy
    other = path.with_name("medical.db.v7.bak")  # e.g. the live file renamed by someone else
    db.execute("VACUUM INTO ?", (str(other),))
    assert rekey_copies(db, path, KEY, NEW) == (1, 0)
    assert _opens(path.with_name("medical.db.v1.bak"), NEW)
    assert _opens(other, KEY)  # untouched: still under the key it had
    assert rekey_copies(db, path, KEY, NEW) == (1, 0)  # done already: recognised by the new key


def test_a_recorded_copy_that_was_replaced_is_left_alone(section_with_copy):
    from desktop_app.storage.migrations import rekey_copies

    db, path = section_with_copy
    copy = path.with_name("medical.db.v1.bak")
    copy.unlink()
    db.execute("VACUUM INTO ?", (str(copy),))  # same name, same key, another file
    assert rekey_copies(db, path, KEY, NEW) == (0, 0)
    assert _opens(copy, KEY)


def test_a_recorded_copy_the_old_key_does_not_open_is_removed(section_with_copy):
    from desktop_app.storage.migrations import recorded_copies, rekey_copies

    db, path = section_with_copy
    assert rekey_copies(db, path, bytes(32), NEW) == (0, 1)  # e.g. under a key rotated away long ago
    assert not path.with_name("medical.db.v1.bak").exists()
    assert recorded_copies(db, path) == {}


def test_a_record_of_a_missing_copy_is_forgotten_and_records_name_copies_only(section_with_copy):
    from desktop_app.storage.migrations import recorded_copies, rekey_copies

    db, path = section_with_copy
    db.execute("INSERT INTO section_info VALUES ('copy:../vault.json', '00')")
    path.with_name("medical.db.v1.bak").unlink()
    assert rekey_copies(db, path, KEY, NEW) == (0, 0)
    assert recorded_copies(db, path) == {}


def test_compacting_after_an_erasure_removes_the_recorded_copies_only(section_with_copy):
    """The copies hold erased rows and open with the section's key: an erasure's compaction
    removes the ones the section made, not a file that merely bears such a name."""
    from desktop_app.storage import compaction
    from desktop_app.storage.migrations import recorded_copies

    db, path = section_with_copy
    other = path.with_name("medical.db.v7.bak")
    db.execute("VACUUM INTO ?", (str(other),))
    compaction.owe(db)
    compaction.compact(db)
    assert not path.with_name("medical.db.v1.bak").exists()
    assert recorded_copies(db, path) == {}
    assert other.exists()
    assert not compaction.owed(db)


def test_a_copy_that_cannot_be_removed_leaves_the_compaction_owed(section_with_copy, monkeypatch):
    from pathlib import Path

    from desktop_app.errors import StorageError
    from desktop_app.storage import compaction

    db, path = section_with_copy

    def refused(self, *a, **k):
        raise PermissionError("read-only folder")

    compaction.owe(db)
    monkeypatch.setattr(Path, "unlink", refused)
    with pytest.raises(StorageError):
        compaction.compact(db)
    assert compaction.owed(db)
    monkeypatch.undo()
    compaction.compact(db)  # the next erasure's attempt
    assert not path.with_name("medical.db.v1.bak").exists()
    assert not compaction.owed(db)


def test_attachments_kept_as_one_value_are_cut_into_pieces_that_join_to_the_same_bytes(tmp_path):
    import hashlib
    import os

    from desktop_app.storage import attachments
    from desktop_app.storage.attachments import PIECE

    path = tmp_path / "medical.db"
    db = open_section(MEDICAL, path, KEY, PID, create=True, target_version=3)
    kept = {}
    for size in (0, 1, PIECE, PIECE + 1, 2 * PIECE + PIECE // 2):  # 0: an empty file, kept as X''
        data = os.urandom(size)
        cur = db.execute(
            "INSERT INTO attachments (employee_id, filename, mime, size, sha256, data, created_by, created_at) "
            "VALUES (1, 'scan.pdf', 'application/pdf', ?, ?, ?, 1, '2026-01-01T09:00:00')",
            (size, hashlib.sha256(data).hexdigest(), data))
        kept[cur.lastrowid] = data
    db.close()
    db = open_section(MEDICAL, path, KEY, PID)
    for attachment_id, data in kept.items():
        pieces = list(attachments.pieces(db, attachment_id))
        assert b"".join(pieces) == data
        assert all(len(p) == PIECE for p in pieces[:-1])
        assert 0 < len(pieces[-1]) <= PIECE or data == b""
        assert attachments.get(db, attachment_id).sha256 == hashlib.sha256(data).hexdigest()
    assert "data" not in [c[1] for c in db.query("PRAGMA table_info(attachments)")]
    db.close()
