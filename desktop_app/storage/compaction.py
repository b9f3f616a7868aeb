"""Compacting a section after erasure so no page of the file or its WAL keeps deleted content.

Rows are deleted with ``secure_delete`` on (the freed space is zeroed); a checkpoint moves the
zeroed pages into the file and truncates the WAL; VACUUM then rewrites the file without free
pages. A flag in ``section_info`` marks a section whose compaction is still owed, so an erasure
cut off after its commit is compacted at the next attempt.

The encrypted copies taken before a migration (``migrations.copy_before_migration``) hold the
section as it was, erased rows and all, and open with the section's key: compacting removes
the ones the section recorded. Their purpose (going back if the migration's result was wrong)
ends with the first erasure after it, which that going back would undo.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.storage.connection import Database
from desktop_app.storage.migrations import remove_copies

_FLAG = "erasure_compaction_owed"


def owe(db: Database) -> None:
    """Inside the erasure's transaction: this section must be compacted."""
    db.execute("INSERT OR REPLACE INTO section_info (key, value) VALUES (?, '1')", (_FLAG,))


def owed(db: Database) -> bool:
    return db.one("SELECT 1 FROM section_info WHERE key = ?", (_FLAG,)) is not None


def compact(db: Database) -> None:
    """Checkpoint, vacuum, checkpoint, remove the pre-migration copies, then clear the flag
    (outside any transaction)."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if db.path is not None:
        remove_copies(db, Path(db.path))  # fails: still owed, done at the next attempt
    with db.transaction():
        db.execute("DELETE FROM section_info WHERE key = ?", (_FLAG,))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
