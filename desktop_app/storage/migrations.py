"""Numbered schema migrations, run on open, with an encrypted copy of the section taken first.

``PRAGMA user_version`` holds the section's schema version. Each migration runs in its own
transaction, so a crash leaves the section at a whole version.
"""

from __future__ import annotations

import hashlib
import re
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


# The copies the program made, recorded inside the section itself (``section_info``): name and
# SHA-256 of the file. A rotation re-encrypts these and nothing else, so a file that merely bears a
# copy's name (the live section renamed by someone who writes the folder) is never touched.
COPY_RECORD = "copy:"


def copy_before_migration(db: Database, path: Path, version: int) -> None:
    """An encrypted copy of the section as it was (VACUUM INTO keeps the key), recorded in it."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    if target.exists():
        target.unlink()
    db.execute("VACUUM INTO ?", (str(target),))
    restrict_file(target)
    _record(db, target)


def copies_of(path: Path) -> list[Path]:
    """The files named as pre-migration copies of a section (``practice.db.v3.bak`` …)."""
    return sorted(path.parent.glob(f"{path.name}.v*.bak"))


def recorded_copies(db: Database, path: Path) -> dict[str, str]:
    """The copies ``db`` recorded when it made them: file name → SHA-256 (hex).

    Only names of the form ``<section file>.v<N>.bak``: a record can point at nothing else.
    """
    pattern = re.compile(re.escape(Path(path).name) + r"\.v[0-9]{1,6}\.bak")
    rows = db.query("SELECT key, value FROM section_info WHERE key LIKE ?", (COPY_RECORD + "%",))
    return {key[len(COPY_RECORD):]: str(value) for key, value in rows
            if pattern.fullmatch(key[len(COPY_RECORD):])}


def remove_copies(db: Database, path: Path) -> int:
    """Delete the copies ``db`` recorded, and their records; return how many files went. A file
    that bears a copy's name but not its recorded digest is not the program's: left alone."""
    removed = 0
    for name, digest in sorted(recorded_copies(db, path).items()):
        copy = Path(path).with_name(name)
        try:
            if copy.is_file() and _digest(copy) == digest:
                copy.unlink()
                removed += 1
        except OSError as exc:
            raise StorageError(detail=f"pre-migration copy {name} not removed: {type(exc).__name__}") from exc
        _forget(db, name)
    return removed


def _record(db: Database, copy: Path) -> None:
    db.execute("INSERT OR REPLACE INTO section_info (key, value) VALUES (?, ?)",
               (COPY_RECORD + copy.name, _digest(copy)))


def _forget(db: Database, name: str) -> None:
    db.execute("DELETE FROM section_info WHERE key = ?", (COPY_RECORD + name,))


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def rekey_copies(db: Database, path: Path, old_key: bytes, new_key: bytes) -> tuple[int, int]:
    """Re-encrypt the copies the live section ``db`` recorded under ``new_key``: (rekeyed, removed).

    ``db`` is the section open with ``new_key``; the records move with each copy's new digest.
    A recorded copy that opens with ``new_key`` (which only this rotation knows) is done already;
    one that no longer has its recorded digest is left alone, whatever its name. A recorded copy
    that does not open with ``old_key``, or whose rekey does not take, is removed: no copy of the
    program's stays readable with a key that was rotated away.
    """
    import sqlcipher3

    rekeyed = removed = 0
    for name, digest in sorted(recorded_copies(db, path).items()):
        copy = Path(path).with_name(name)
        if not copy.is_file():
            _forget(db, name)
            continue
        if _opens(copy, new_key):  # rekeyed already (a rotation cut off, or finished twice)
            _record(db, copy)
            rekeyed += 1
            continue
        if _digest(copy) != digest:
            continue  # not the file the program made: not ours to rekey or remove
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
            _record(db, copy)
            rekeyed += 1
        else:
            copy.unlink(missing_ok=True)
            _forget(db, name)
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
