"""Numbered schema migrations, run on open, with an encrypted copy of the section taken first.

``PRAGMA user_version`` holds the section's schema version. Each migration runs in its own
transaction, so a crash leaves the section at a whole version.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.errors import StorageError
from desktop_app.paths import restrict_file
from desktop_app.storage.connection import Database, classify


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: str


class NewerSchema(StorageError):
    message = (
        "Deze gegevens zijn gemaakt met een nieuwere versie van Arbokluis. Installeer die versie "
        "om ze te openen; er is niets gewijzigd."
    )


def schema_version(db: Database) -> int:
    return int(db.scalar("PRAGMA user_version"))


def latest(migrations: Sequence[Migration]) -> int:
    return migrations[-1].version if migrations else 0


def migrate(
    db: Database,
    migrations: Sequence[Migration],
    *,
    target: int | None = None,
    before: Callable[[int], None] | None = None,
) -> int:
    """Bring ``db`` up to ``target`` (default: the newest); return the version reached."""
    _check_numbering(migrations)
    current = schema_version(db)
    goal = latest(migrations) if target is None else target
    if current > latest(migrations):
        raise NewerSchema(detail=f"{db.name} schema {current} is newer than {latest(migrations)}")
    pending = [m for m in migrations if current < m.version <= goal]
    if pending and current > 0 and before is not None:
        before(current)
    for m in pending:
        # executescript commits any open transaction first, so the script carries its own.
        script = f"BEGIN IMMEDIATE;\n{m.sql}\nPRAGMA user_version = {int(m.version)};\nCOMMIT;"
        try:
            db.conn.executescript(script)
        except Exception as exc:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise classify(exc) from exc
    return schema_version(db)


def _check_numbering(migrations: Sequence[Migration]) -> None:
    for i, m in enumerate(migrations, start=1):
        if m.version != i:
            raise ValueError(f"migration {m.version} out of order")


def copy_before_migration(db: Database, path: Path, version: int) -> None:
    """An encrypted copy of the section as it was (VACUUM INTO keeps the key)."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    if target.exists():
        target.unlink()
    db.execute("VACUUM INTO ?", (str(target),))
    restrict_file(target)


def copies_of(path: Path) -> list[Path]:
    """The pre-migration copies of a section (``practice.db.v3.bak`` …)."""
    return sorted(path.parent.glob(f"{path.name}.v*.bak"))


def rekey_copies(path: Path, old_key: bytes, new_key: bytes) -> tuple[int, int]:
    """Re-encrypt the section's pre-migration copies under ``new_key``: (rekeyed, removed).

    A copy that does not open with ``old_key`` (nor already with ``new_key``), or whose rekey
    does not take, is removed: no copy stays readable with a key that was rotated away.
    """
    import sqlcipher3

    rekeyed = removed = 0
    for copy in copies_of(path):
        if _opens(copy, new_key):
            rekeyed += 1
            continue
        ok = False
        try:
            conn = sqlcipher3.connect(str(copy), isolation_level=None)
            try:
                conn.execute(f"PRAGMA key = \"x'{old_key.hex()}'\"")
                conn.execute("PRAGMA cipher_log_level = NONE")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                conn.execute("PRAGMA journal_mode = DELETE")
                conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
            finally:
                conn.close()
            ok = _opens(copy, new_key)
        except sqlcipher3.Error:
            ok = False
        if ok:
            rekeyed += 1
        else:
            copy.unlink(missing_ok=True)
            removed += 1
    return rekeyed, removed


def _opens(path: Path, key: bytes) -> bool:
    import sqlcipher3

    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None)
        try:
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlcipher3.Error:
        return False
    return True
