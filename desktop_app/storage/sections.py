"""Opening the two sections of a practice: key, pragmas, migrations, identity check.

Also the structure check that runs in the background after opening (``StructureCheck``): on the
large demo practice ``PRAGMA quick_check`` takes ~0.4 s on practice.db, more than the login's
Argon2id, and grows with the practice, so it runs on a second read-only connection while the user
works (docs/decisions/0005). ``quick_check`` reads every b-tree page, and SQLCipher checks each
page's HMAC as it decrypts it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import sqlcipher3

from desktop_app.errors import DatabaseDamaged, ReadOnly, StorageError
from desktop_app.storage import schema_medical, schema_practice
from desktop_app.storage.connection import Database, open_encrypted
from desktop_app.storage.errors import about_file
from desktop_app.storage.migrations import copy_before_migration, migrate

PRACTICE = "practice"
MEDICAL = "medical"

_MIGRATIONS = {PRACTICE: schema_practice.MIGRATIONS, MEDICAL: schema_medical.MIGRATIONS}

# medical.db remembers that its vault carries a medical MAC (decision 0005), so a vault whose MAC
# was stripped cannot pass for one from before the MAC existed.
VAULT_MAC_MARKER = "vault_medical_mac"


def open_section(
    name: str, path: Path, key: bytes, practice_id: str, *, create: bool = False,
    target_version: int | None = None,
) -> Database:
    """Open (or create) a section, migrate it, and check that it belongs to this practice."""
    try:
        db = Database(open_encrypted(path, key, create=create), name, path)
    except DatabaseDamaged as exc:
        raise DatabaseDamaged(detail=exc.detail, file=Path(path).name) from None
    try:
        migrate(
            db, _MIGRATIONS[name], target=target_version,
            before=lambda v: copy_before_migration(db, path, v),
        )
        stored = db.scalar("SELECT value FROM section_info WHERE key = 'practice_id'")
        if stored is None and create:
            with db.transaction():
                db.execute("INSERT INTO section_info (key, value) VALUES ('practice_id', ?)",
                           (practice_id,))
                db.execute("INSERT INTO section_info (key, value) VALUES ('section', ?)", (name,))
        elif stored != practice_id:
            raise DatabaseDamaged(detail=f"{name} database belongs to another practice",
                                  file=Path(path).name)
    except DatabaseDamaged as exc:
        db.close()
        if exc.file:
            raise
        raise DatabaseDamaged(detail=exc.detail, file=Path(path).name) from None
    except BaseException:
        db.close()
        raise
    return db


def rekey(db: Database, new_key: bytes) -> None:
    """Re-encrypt an open section under ``new_key`` (the log checkpointed first).

    ``ReadOnly`` naming the file when it may not be written: SQLCipher reports that as a plain
    SQLITE_ERROR. On some read-only files the rekey reports success and keeps the old key, so the
    caller reopens the file to see whether it took.
    """
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    except sqlcipher3.Error as exc:
        path = Path(db.path) if db.path is not None else None
        if path is not None and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            raise about_file(ReadOnly, path, "rekey of a read-only file") from exc
        raise


def has_marker(db: Database, marker: str) -> bool:
    return db.scalar("SELECT 1 FROM section_info WHERE key = ?", (marker,)) is not None


def set_marker(db: Database, marker: str) -> None:
    with db.transaction():
        db.execute("INSERT OR REPLACE INTO section_info (key, value) VALUES (?, '1')", (marker,))


def integrity_problems(db: Database) -> list[str]:
    """SQLCipher's page HMAC check and SQLite's structural check; empty when all is well."""
    try:
        problems = [str(r[0]) for r in db.query("PRAGMA cipher_integrity_check")]
        rows = [str(r[0]) for r in db.query("PRAGMA integrity_check")]
    except StorageError as exc:
        return [f"controle afgebroken: {exc.detail or type(exc).__name__}"]
    if rows != ["ok"]:
        problems.extend(rows)
    return problems


class StructureCheck:
    """``PRAGMA quick_check`` of a section on its own read-only connection, in a thread.

    ``problems`` is empty when the file is sound; ``error()`` turns a finding into the
    DatabaseDamaged the user sees (it names the file and the way to restore).
    """

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = Path(path)
        self.problems: list[str] = []
        self._conn: sqlcipher3.Connection | None = None
        self._done = threading.Event()
        self._cancelled = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, args=(key.hex(),), daemon=True,
                                        name=f"structure-check-{self.path.name}")
        self._thread.start()

    def _run(self, hex_key: str) -> None:
        try:
            conn = sqlcipher3.connect(f"file:{self.path}?mode=ro", uri=True)
            with self._lock:
                self._conn = conn
            if self._cancelled:
                return
            conn.execute(f"PRAGMA key = \"x'{hex_key}'\"")
            conn.execute("PRAGMA cipher_log_level = NONE")
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
            if rows != ["ok"]:
                self.problems = rows[:20]
        except sqlcipher3.Error as exc:
            if not self._cancelled:
                self.problems = [getattr(exc, "sqlite_errorname", "") or type(exc).__name__]
        finally:
            with self._lock:
                if self._conn is not None:
                    self._conn.close()
                    self._conn = None
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def error(self) -> DatabaseDamaged | None:
        if not self.done or not self.problems:
            return None
        return DatabaseDamaged(detail="structure check: " + "; ".join(self.problems[:3]),
                               file=self.path.name)

    def cancel(self) -> None:
        self._cancelled = True
        with self._lock:
            if self._conn is not None:
                self._conn.interrupt()
        self._thread.join(5)
