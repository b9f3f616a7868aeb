"""A section held still for a backup: no writer changes its file until the copy is done."""

import hashlib

from desktop_app.storage.backups import held_still, wal_pending
from desktop_app.storage.connection import Database, open_encrypted

KEY = bytes(range(32))


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _section(path):
    db = Database(open_encrypted(path, KEY, create=True), "test", path)
    with db.transaction():
        db.execute("CREATE TABLE t (x TEXT)")
        db.executemany("INSERT INTO t VALUES (?)", [(f"rij {i}",) for i in range(500)])
    return db


def test_the_file_holds_every_commit_and_stays_unchanged_while_held(tmp_path):
    path = tmp_path / "s.db"
    db = _section(path)
    assert wal_pending(path)  # committed rows still in the log before the backup starts
    other = Database(open_encrypted(path, KEY), "other", path)
    try:
        with held_still(db):
            assert not wal_pending(path)  # everything committed is in the file itself
            frozen = _digest(path)
            with other.transaction():  # a writer on another connection carries on
                other.executemany("INSERT INTO t VALUES (?)", [("later",)] * 200)
            _busy, log, done = other.one("PRAGMA wal_checkpoint(PASSIVE)")
            assert done < log  # the checkpoint may not write the new pages into the held file
            assert _digest(path) == frozen
        other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert _digest(path) != frozen  # once released, the checkpoint goes ahead
        assert db.scalar("SELECT count(*) FROM t") == 700
    finally:
        other.close()
        db.close()
