"""Opening the two sections of a practice: key, pragmas, migrations, identity check."""

from __future__ import annotations

from pathlib import Path

from desktop_app.errors import DatabaseDamaged, StorageError
from desktop_app.storage import schema_medical, schema_practice
from desktop_app.storage.connection import Database, open_encrypted
from desktop_app.storage.migrations import copy_before_migration, migrate

PRACTICE = "practice"
MEDICAL = "medical"

_MIGRATIONS = {PRACTICE: schema_practice.MIGRATIONS, MEDICAL: schema_medical.MIGRATIONS}


def open_section(
    name: str, path: Path, key: bytes, practice_id: str, *, create: bool = False,
    target_version: int | None = None,
) -> Database:
    """Open (or create) a section, migrate it, and check that it belongs to this practice."""
    db = Database(open_encrypted(path, key, create=create), name, path)
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
            raise DatabaseDamaged(detail=f"{name} database belongs to another practice")
    except BaseException:
        db.close()
        raise
    return db


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
