"""The settings table of practice.db: key → text value (``domain.settings`` says which keys)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from desktop_app.storage.connection import Database


def stored(db: Database) -> dict[str, str]:
    """Every stored value by its key."""
    return dict(db.query("SELECT key, value FROM settings"))


def store(db: Database, values: Iterable[tuple[str, str]]) -> None:
    """Store each (key, value), replacing what was there."""
    db.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", list(values))


def put(db: Database, values: Mapping[str, str]) -> None:
    """Store each value under its key, replacing what was there."""
    store(db, values.items())
