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
