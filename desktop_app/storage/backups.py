"""What a backup needs from the sections: a file held still while it is copied, SQLCipher's page
check, and the date of the last backup.

SQLite-only features used here (issue 14 asks to list them): ``PRAGMA wal_checkpoint(TRUNCATE)``
and a WAL read snapshot to copy the encrypted file as it lies; ``PRAGMA cipher_integrity_check``
for the page HMACs. On PostgreSQL the same job is ``pg_dump``/``pg_basebackup`` and its checksums.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

from desktop_app.errors import DatabaseBusy
from desktop_app.storage.connection import Database, open_encrypted

_ATTEMPTS = 5


def wal_pending(path: Path) -> bool:
    """True when the section file has a write-ahead log with content beside it."""
    wal = Path(str(path) + "-wal")
    try:
        return wal.stat().st_size > 0
    except FileNotFoundError:
        return False


@contextlib.contextmanager
def held_still(db: Database) -> Iterator[None]:
    """Keep ``db``'s file unchanged, and complete on its own, while the block copies it.

    The WAL is checkpointed into the file and emptied; then a read transaction is opened on an
    empty WAL. Such a reader holds WAL read lock 0, which stops every checkpoint from writing into
    the file until the block ends; writers, if any, only append to the WAL. If a writer got in
    between (the WAL is not empty once the snapshot is taken), the attempt is repeated.
    """
    if db.path is None:
        raise ValueError("a section opened without a path cannot be copied")
    for attempt in range(_ATTEMPTS):
        busy, _log, _done = db.one("PRAGMA wal_checkpoint(TRUNCATE)") or (1, 0, 0)
        if not busy:
            db.execute("BEGIN DEFERRED")
            try:
                db.scalar("SELECT count(*) FROM sqlite_master")  # takes the snapshot
                if not wal_pending(db.path):
                    break
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("ROLLBACK")
        time.sleep(0.02 * (attempt + 1))
    else:
        raise DatabaseBusy(detail=f"{db.name}: WAL not empty after checkpoint")
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            db.execute("ROLLBACK")


def page_problems(path: Path, key: bytes) -> list[str]:
    """SQLCipher's HMAC check of every page, on a connection of its own (fit for a worker thread).

    Empty when every page is as SQLCipher wrote it under ``key``. A wrong key or a damaged first
    page raises ``DatabaseDamaged`` from the open.
    """
    db = Database(open_encrypted(path, key), "check", path)
    try:
        return [str(row[0]) for row in db.query("PRAGMA cipher_integrity_check")]
    finally:
        db.close()


def record_last_backup(db: Database, created: str) -> None:
    db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('last_backup', ?)", (created,))
