"""Work on a section's file as a whole: the WAL folded back, freed pages overwritten, a new key.

Each is a SQLite/SQLCipher statement (a PRAGMA or VACUUM) behind a function named for what it
does, so that nothing above the storage knows the engine (docs/decisions/0008).
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlcipher3

from desktop_app.errors import ReadOnly
from desktop_app.storage.connection import Database
from desktop_app.storage.errors import about_file


def checkpoint(db: Database) -> None:
    """Fold the write-ahead log into the database file and empty the log (TRUNCATE)."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def compact(db: Database) -> None:
    """Rebuild the file without its free pages, and leave nothing of the old pages in the log.

    With ``secure_delete`` on, deleted rows are overwritten in place; VACUUM then drops the
    pages they freed, and the checkpoints before and after keep no copy in the ``-wal`` file.
    """
    checkpoint(db)
    db.execute("VACUUM")
    checkpoint(db)


def rekey(db: Database, new_key: bytes) -> None:
    """Re-encrypt every page of the section under ``new_key`` (the log folded back first).

    ``ReadOnly`` naming the file when it may not be written: SQLCipher reports that as a plain
    SQLITE_ERROR. On some read-only files the rekey reports success and keeps the old key, so the
    caller reopens the file to see whether it took.
    """
    if len(new_key) != 32:
        raise ValueError("a section key is 32 bytes")
    try:
        checkpoint(db)
        db.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    except sqlcipher3.Error as exc:
        path = Path(db.path) if db.path is not None else None
        if path is not None and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            raise about_file(ReadOnly, path, "rekey of a read-only file") from exc
        raise
