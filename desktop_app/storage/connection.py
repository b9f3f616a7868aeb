"""SQLCipher connections: raw keys, safe pragmas, and errors sorted into plain kinds.

Each section (practice, medical) is its own database file with its own key and its own
connection; a connection belongs to the thread that opened it. The key is set before any other
statement; an ATTACH is never used, because one without a KEY clause silently reuses the main key.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlcipher3

from desktop_app.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DiskFull,
    ReadOnly,
    StorageError,
)
from desktop_app.paths import restrict_file

CACHE_KIB = 65536

# Pragmas applied to every section; the plain-SQLite baseline of the benchmarks uses the same.
COMMON_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    f"PRAGMA cache_size = -{CACHE_KIB}",
)

# Extended result codes we can explain to a user: the environment's fault, not a bug.
_ENVIRONMENT_ERRORS: dict[str, type[StorageError]] = {
    "SQLITE_BUSY": DatabaseBusy,
    "SQLITE_LOCKED": DatabaseBusy,
    "SQLITE_READONLY": ReadOnly,
    "SQLITE_CANTOPEN": ReadOnly,
    "SQLITE_PERM": ReadOnly,
    "SQLITE_FULL": DiskFull,
    "SQLITE_IOERR": StorageError,
    "SQLITE_CORRUPT": DatabaseDamaged,
    "SQLITE_NOTADB": DatabaseDamaged,
}


def classify(exc: Exception, path: Path | None = None) -> Exception:
    """Turn a driver error into a typed StorageError when it is the environment's fault.

    SQLCipher answers a page whose HMAC fails with a read-only state; when the file itself is
    writable, that is damage, not a read-only folder.
    """
    name = getattr(exc, "sqlite_errorname", "") or ""
    for prefix, kind in _ENVIRONMENT_ERRORS.items():
        if name == prefix or name.startswith(prefix + "_"):
            if kind is ReadOnly and path is not None and _writable(path):
                return DatabaseDamaged(detail=f"{name} on a writable file")
            return kind(detail=name)
    if type(exc) in (sqlcipher3.DatabaseError, sqlite3.DatabaseError):
        return DatabaseDamaged(detail=name or "database error")
    return exc


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


Connection = sqlcipher3.Connection
DatabaseError = (sqlcipher3.DatabaseError, sqlite3.DatabaseError)


def open_encrypted(path: Path, key: bytes, *, create: bool = False) -> sqlcipher3.Connection:
    """Open a section with its raw 256-bit key; refuse a missing file unless ``create``."""
    path = Path(path)
    if not create and not path.exists():
        raise DatabaseDamaged(detail=f"missing database {path.name}")
    if len(key) != 32:
        raise ValueError("a section key is 32 bytes")
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=True)
    except sqlcipher3.Error as exc:
        raise classify(exc) from None
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in COMMON_PRAGMAS:
            conn.execute(pragma)
    except sqlcipher3.Error as exc:
        conn.close()
        err = classify(exc)
        if err is exc:
            raise DatabaseDamaged(detail=getattr(exc, "sqlite_errorname", "error")) from None
        raise err from None
    restrict_file(path)
    return conn


def open_plain(path: Path) -> sqlcipher3.Connection:
    """Plain SQLite with the same pragmas: the benchmarks' baseline only.

    The same library without a key, so both sides run the same SQLite version (the system
    sqlite3 module may be older and lack FTS5's trigram options).
    """
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    for pragma in COMMON_PRAGMAS:
        conn.execute(pragma)
    return conn


class Database:
    """One section's connection, with transactions and after-commit hooks."""

    def __init__(self, conn: sqlcipher3.Connection, name: str, path: Path | None = None) -> None:
        self.conn = conn
        self.name = name
        self.path = path
        self._depth = 0
        self._after_commit: list[Callable[[], None]] = []

    @property
    def closed(self) -> bool:
        return self.conn is None

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlcipher3.Cursor:
        try:
            return self._conn().execute(sql, params)
        except sqlcipher3.Error as exc:
            raise classify(exc, self.path) from exc

    def executemany(self, sql: str, rows) -> sqlcipher3.Cursor:
        try:
            return self._conn().executemany(sql, rows)
        except sqlcipher3.Error as exc:
            raise classify(exc, self.path) from exc

    def query(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        try:
            return self._conn().execute(sql, params).fetchall()
        except sqlcipher3.Error as exc:
            raise classify(exc, self.path) from exc

    def one(self, sql: str, params: tuple | dict = ()) -> tuple | None:
        try:
            return self._conn().execute(sql, params).fetchone()
        except sqlcipher3.Error as exc:
            raise classify(exc, self.path) from exc

    def scalar(self, sql: str, params: tuple | dict = ()):
        row = self.one(sql, params)
        return row[0] if row else None

    def after_commit(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the outermost transaction has committed (now, if none is open)."""
        if self._depth:
            self._after_commit.append(fn)
        else:
            fn()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """A write transaction (BEGIN IMMEDIATE); nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self
            self.execute("COMMIT")
        except BaseException:
            self._after_commit.clear()
            with contextlib.suppress(Exception):
                self._conn().execute("ROLLBACK")
            raise
        finally:
            self._depth = 0
        hooks, self._after_commit = self._after_commit, []
        for hook in hooks:
            hook()

    def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.close()
            self.conn = None  # type: ignore[assignment]

    def _conn(self) -> sqlcipher3.Connection:
        if self.conn is None:
            raise StorageError(detail=f"{self.name} database is closed")
        return self.conn
