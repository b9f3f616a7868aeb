"""Small conversions between Python values and SQLite columns."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def to_decimal(value: float | str | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
