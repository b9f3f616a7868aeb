"""Queries of the data-breach register."""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.domain.breaches import Breach, NewBreach
from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database

_COLS = ("id, summary, occurred_at, discovered_at, data_categories, subject_categories, subjects_count, "
         "count_estimated, consequences, risk, risk_assessment, reported_at, ap_reference, not_reported_reason, "
         "late_reason, subjects_informed_on, subjects_not_informed_reason, measures, closed_on, recorded_by")


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _set(value: str) -> frozenset[str]:
    return frozenset(v for v in value.split(",") if v)


def _row(r: tuple) -> Breach:
    return Breach(r[0], r[1], _moment(r[2]), _moment(r[3]), _set(r[4]), _set(r[5]), r[6], bool(r[7]), r[8],  # type: ignore[arg-type]
                  r[9], r[10], _moment(r[11]), r[12], r[13], r[14], to_date(r[15]), r[16], r[17], to_date(r[18]),
                  r[19])


def insert(db: Database, b: NewBreach, user_id: int) -> int:
    stamp = now()
    cur = db.execute(
        "INSERT INTO data_breaches (summary, occurred_at, discovered_at, data_categories, subject_categories, "
        "subjects_count, count_estimated, consequences, risk, risk_assessment, measures, recorded_by, recorded_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (b.summary, b.occurred_at.isoformat(timespec="minutes"), b.discovered_at.isoformat(timespec="minutes"),
         ",".join(sorted(b.data_categories)), ",".join(sorted(b.subject_categories)), b.subjects_count,
         int(b.count_estimated), b.consequences, b.risk, b.risk_assessment, b.measures, user_id, stamp, stamp))
    return cur.lastrowid


def get(db: Database, breach_id: int) -> Breach | None:
    r = db.one(f"SELECT {_COLS} FROM data_breaches WHERE id = ?", (breach_id,))
    return _row(r) if r else None


def all_breaches(db: Database) -> list[Breach]:
    """Open ones first (most recently discovered first), then the closed ones."""
    rows = db.query(f"SELECT {_COLS} FROM data_breaches ORDER BY closed_on IS NOT NULL, discovered_at DESC, id DESC")
    return [_row(r) for r in rows]


def _update(db: Database, breach_id: int, **columns) -> None:
    sets = ", ".join(f"{k} = ?" for k in columns)
    db.execute(f"UPDATE data_breaches SET {sets}, updated_at = ? WHERE id = ?", (*columns.values(), now(), breach_id))


def set_reported(db: Database, breach_id: int, at: datetime, reference: str, late_reason: str) -> None:
    _update(db, breach_id, reported_at=at.isoformat(timespec="minutes"), ap_reference=reference,
            late_reason=late_reason)


def set_not_reported(db: Database, breach_id: int, reason: str) -> None:
    _update(db, breach_id, not_reported_reason=reason)


def set_subjects_informed(db: Database, breach_id: int, on: date | None, reason: str) -> None:
    _update(db, breach_id, subjects_informed_on=on.isoformat() if on else None, subjects_not_informed_reason=reason)


def set_measures(db: Database, breach_id: int, measures: str) -> None:
    _update(db, breach_id, measures=measures)


def set_closed(db: Database, breach_id: int, on: date) -> None:
    _update(db, breach_id, closed_on=on.isoformat())
