"""The settings table of practice.db: key → text value (``domain.settings`` says which keys)."""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app.storage.connection import Database


def put(db: Database, values: Mapping[str, str]) -> None:
    """Store each value under its key, replacing what was there."""
    db.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", list(values.items()))
