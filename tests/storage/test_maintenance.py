"""Whole-file work on a section: folding the log back, dropping freed pages, a new key."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.errors import DatabaseDamaged
from desktop_app.storage import maintenance
from desktop_app.storage.connection import Database, open_encrypted

KEY, NEW_KEY = bytes(range(32)), bytes(range(32, 64))


def _section(folder: Path, rows: int) -> Database:
    path = folder / "practice.db"
    db = Database(open_encrypted(path, KEY, create=True), "practice", path)
    db.execute("CREATE TABLE notes (body BLOB)")
    with db.transaction():
        for _ in range(rows):
            db.execute("INSERT INTO notes VALUES (randomblob(2000))")
    return db


def test_a_checkpoint_leaves_an_empty_log(tmp_path):
    db = _section(tmp_path, 50)
    maintenance.checkpoint(db)
    assert (tmp_path / "practice.db-wal").stat().st_size == 0
    db.close()


def test_compacting_gives_the_freed_pages_back(tmp_path):
    db = _section(tmp_path, 400)
    maintenance.checkpoint(db)
    before = (tmp_path / "practice.db").stat().st_size
    with db.transaction():
        db.execute("DELETE FROM notes")
    maintenance.compact(db)
    assert (tmp_path / "practice.db").stat().st_size < before / 4
    db.close()


def test_compacting_leaves_an_empty_log(tmp_path):
    db = _section(tmp_path, 50)
    with db.transaction():
        db.execute("DELETE FROM notes")
    maintenance.compact(db)
    assert (tmp_path / "practice.db-wal").stat().st_size == 0
    db.close()


def test_after_a_rekey_the_new_key_opens_the_section(tmp_path):
    db = _section(tmp_path, 10)
    maintenance.rekey(db, NEW_KEY)
    db.close()
    reopened = Database(open_encrypted(tmp_path / "practice.db", NEW_KEY), "practice")
    assert reopened.scalar("SELECT count(*) FROM notes") == 10
    reopened.close()


def test_after_a_rekey_the_old_key_opens_nothing(tmp_path):
    db = _section(tmp_path, 10)
    maintenance.rekey(db, NEW_KEY)
    db.close()
    with pytest.raises(DatabaseDamaged):
        open_encrypted(tmp_path / "practice.db", KEY)


def test_a_key_of_the_wrong_length_is_refused_before_anything_changes(tmp_path):
    db = _section(tmp_path, 1)
    with pytest.raises(ValueError):
        maintenance.rekey(db, b"short")
    db.close()
    Database(open_encrypted(tmp_path / "practice.db", KEY), "practice").close()
