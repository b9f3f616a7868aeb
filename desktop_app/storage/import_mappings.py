"""The column mapping an import used (field -> column name): per employer for its employees,
once (``employer_id`` None) for an import of employers."""

from __future__ import annotations

import json

from desktop_app.storage.column_values import now
from desktop_app.storage.connection import Database


def get(db: Database, employer_id: int | None) -> dict[str, str]:
    text = db.scalar("SELECT columns FROM import_mappings WHERE employer_id IS ?", (employer_id,))
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if isinstance(v, str)}


def put(db: Database, employer_id: int | None, columns: dict[str, str]) -> None:
    db.execute("DELETE FROM import_mappings WHERE employer_id IS ?", (employer_id,))
    db.execute("INSERT INTO import_mappings (employer_id, columns, updated_at) VALUES (?, ?, ?)",
               (employer_id, json.dumps(columns, sort_keys=True), now()))
