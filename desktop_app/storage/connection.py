"""SQLCipher connections: raw keys, safe pragmas, and errors sorted into plain kinds.

Each section (practice, medical) is its own database file with its own key and its own
connection; a connection belongs to the thread that opened it. The key is set before any other
statement; an ATTACH is never used, because one without a KEY clause silently reuses the main key.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import sqlcipher3

from desktop_app.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DiskFull,
    ReadOnly,
    StorageError,
)
from desktop_app.paths import restrict_file
from desktop_app.storage.errors import (
    CannotOpen,
    DatabaseMissing,
    DiskError,
    LockingFailed,
    NoAccess,
    about_file,
)

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

# Primary result codes (https://sqlite.org/rescode.html) that are the environment's fault, not a
# bug: qutebrowser's list (misc/sql.py) plus PERM. An extended code (say SQLITE_IOERR_FSYNC =
# 1034) carries its primary code in the low byte. SQLITE_LOCKED (6) is left out on purpose: it
# means a conflict inside one connection (a table dropped under its own reader) or in a shared
# cache, which Arbokluis never uses, so it is always our bug, never "in use, try again".
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_PROTOCOL = 15
SQLITE_NOTADB = 26

ENVIRONMENT_ERRORS: dict[int, type[StorageError]] = {
    SQLITE_PERM: NoAccess,
    SQLITE_BUSY: DatabaseBusy,
    SQLITE_READONLY: ReadOnly,
    SQLITE_IOERR: DiskError,
    SQLITE_CORRUPT: DatabaseDamaged,
    SQLITE_FULL: DiskFull,
    SQLITE_CANTOPEN: CannotOpen,
    SQLITE_PROTOCOL: LockingFailed,
    SQLITE_NOTADB: DatabaseDamaged,
}

DRIVER_ERRORS = (sqlcipher3.Error, sqlite3.Error)


def classify(exc: BaseException, path: Path | None = None) -> BaseException:
    """A typed StorageError naming ``path`` when ``exc`` is the environment's fault, else ``exc``.

    Only driver errors whose result code is in ``ENVIRONMENT_ERRORS`` are classified; anything
    else (a syntax error, a missing table, a constraint, an error of ours) is a bug and comes back
    unchanged, for the caller to re-raise as it is so that it reaches the crash hook.

    Two codes need a look at the file system to be told truly:
    - READONLY on a file and folder that this process may write: SQLCipher puts a connection in
      that state once a page has failed its HMAC check, so it is damage, not a read-only folder.
    - CANTOPEN in a folder that exists but may not be written: in WAL mode SQLite cannot create
      the ``-wal``/``-shm`` files there, so it is a read-only folder, not a missing one.
    """
    if not isinstance(exc, DRIVER_ERRORS):
        return exc
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return exc
    kind = ENVIRONMENT_ERRORS.get(code & 0xFF)
    if kind is None:
        return exc
    name = getattr(exc, "sqlite_errorname", None) or f"SQLITE error {code}"
    if path is not None:
        path = Path(path)
        if kind is ReadOnly and _writable(path):
            return about_file(DatabaseDamaged, path, f"{name} on a writable file")
        if kind is CannotOpen and path.parent.is_dir() and not os.access(path.parent, os.W_OK):
            return about_file(ReadOnly, path, f"{name} in a read-only folder")
    return about_file(kind, path, name)


def raise_classified(exc: BaseException, path: Path | None = None) -> NoReturn:
    """Re-raise a driver error: typed when it is the environment's fault, unchanged otherwise.

    Call it from the ``except`` block that caught ``exc``.
    """
    err = classify(exc, path)
    if err is exc:
        raise exc
    raise err from exc


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


Connection = sqlcipher3.Connection
DatabaseError = (sqlcipher3.DatabaseError, sqlite3.DatabaseError)


def open_encrypted(path: Path, key: bytes, *, create: bool = False) -> sqlcipher3.Connection:
    """Open a section with its raw 256-bit key; refuse a missing file unless ``create``.

    A wrong key reads as SQLITE_NOTADB, so it is ``DatabaseDamaged`` like a foreign file.
    """
    path = Path(path)
    if not create and not path.exists():
        raise about_file(DatabaseMissing, path, "missing database")
    if len(key) != 32:
        raise ValueError("a section key is 32 bytes")
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=True)
    except sqlcipher3.Error as exc:
        raise_classified(exc, path)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in COMMON_PRAGMAS:
            conn.execute(pragma)
    except sqlcipher3.Error as exc:
        conn.close()
        raise_classified(exc, path)
    try:
        if os.name == "posix" and path.stat().st_mode & 0o077:
            restrict_file(path)  # only when others may read it: an owner's read-only file stays so
    except OSError as exc:
        conn.close()
        if exc.errno in (errno.EPERM, errno.EACCES, errno.EROFS):
            raise about_file(ReadOnly, path, f"errno {exc.errno} restricting") from exc
        raise
    return conn


def cipher_version() -> str:
    """The SQLCipher library's version, read from a keyed in-memory database (the self-test)."""
    conn = sqlcipher3.connect(":memory:")
    try:
        conn.execute("PRAGMA key = \"x'" + "ab" * 32 + "'\"")
        return str(conn.execute("PRAGMA cipher_version").fetchone()[0])
    finally:
        conn.close()


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
            raise_classified(exc, self.path)

    def executemany(self, sql: str, rows) -> sqlcipher3.Cursor:
        try:
            return self._conn().executemany(sql, rows)
        except sqlcipher3.Error as exc:
            raise_classified(exc, self.path)

    def query(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        try:
            return self._conn().execute(sql, params).fetchall()
        except sqlcipher3.Error as exc:
            raise_classified(exc, self.path)

    def one(self, sql: str, params: tuple | dict = ()) -> tuple | None:
        try:
            return self._conn().execute(sql, params).fetchone()
        except sqlcipher3.Error as exc:
            raise_classified(exc, self.path)

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
