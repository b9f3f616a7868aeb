"""Compacting a section after erasure so no page of the file or its WAL keeps deleted content.

Rows are deleted with ``secure_delete`` on (the freed space is zeroed); a checkpoint moves the
zeroed pages into the file and truncates the WAL; VACUUM then rewrites the file without free
pages. A flag in ``section_info`` marks a section whose compaction is still owed, so an erasure
cut off after its commit is compacted at the next attempt.
"""

from __future__ import annotations

from desktop_app.storage.connection import Database

_FLAG = "erasure_compaction_owed"


def owe(db: Database) -> None:
    """Inside the erasure's transaction: this section must be compacted."""
    db.execute("INSERT OR REPLACE INTO section_info (key, value) VALUES (?, '1')", (_FLAG,))


def owed(db: Database) -> bool:
    return db.one("SELECT 1 FROM section_info WHERE key = ?", (_FLAG,)) is not None


def compact(db: Database) -> None:
    """Checkpoint, vacuum, checkpoint, then clear the flag (outside any transaction)."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with db.transaction():
        db.execute("DELETE FROM section_info WHERE key = ?", (_FLAG,))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
