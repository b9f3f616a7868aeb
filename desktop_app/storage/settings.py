"""The practice settings as stored in practice.db: key → text."""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app.storage.connection import Database


def stored(db: Database) -> dict[str, str]:
    return dict(db.query("SELECT key, value FROM settings"))


def store(db: Database, values: Iterable[tuple[str, str]]) -> None:
    db.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", list(values))
