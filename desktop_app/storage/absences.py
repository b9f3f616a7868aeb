"""Rows of the physician_absences table, as domain Absences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.absences import Absence
from desktop_app.storage.column_values import iso, now, to_date
from desktop_app.storage.connection import Database

_COLS = ("a.id, a.user_id, u.display_name, a.starts_on, a.ends_on, a.note, a.recorded_by, "
         "coalesce(r.display_name, ''), a.recorded_at, a.withdrawn_at")
_FROM = ("FROM physician_absences a JOIN users u ON u.id = a.user_id "
         "LEFT JOIN users r ON r.id = a.recorded_by")


@dataclass(frozen=True)
class NewAbsence:
    user_id: int
    starts_on: date
    ends_on: date | None
    note: str
    recorded_by: int


def _absence(r: tuple) -> Absence:
    return Absence(r[0], r[1], r[2], date.fromisoformat(r[3]), to_date(r[4]), r[5], r[6], r[7], r[8], r[9])


def insert(db: Database, new: NewAbsence) -> int:
    cur = db.execute(
        "INSERT INTO physician_absences (user_id, starts_on, ends_on, note, recorded_by, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (new.user_id, new.starts_on.isoformat(), iso(new.ends_on), new.note, new.recorded_by, now()))
    return int(cur.lastrowid)


def get(db: Database, absence_id: int) -> Absence | None:
    r = db.one(f"SELECT {_COLS} {_FROM} WHERE a.id = ?", (absence_id,))
    return _absence(r) if r else None


def current_and_future(db: Database, today: date) -> list[Absence]:
    """Absences not withdrawn that have not ended before ``today``, earliest first."""
    rows = db.query(f"SELECT {_COLS} {_FROM} WHERE a.withdrawn_at IS NULL AND "
                    "(a.ends_on IS NULL OR a.ends_on >= ?) ORDER BY a.starts_on, a.id", (today.isoformat(),))
    return [_absence(r) for r in rows]


def covering(db: Database, user_id: int, day: date) -> Absence | None:
    """The absence of ``user_id`` that covers ``day`` (the one that started last), if any."""
    r = db.one(f"SELECT {_COLS} {_FROM} WHERE a.user_id = ? AND a.withdrawn_at IS NULL AND a.starts_on <= ? "
               "AND (a.ends_on IS NULL OR a.ends_on >= ?) ORDER BY a.starts_on DESC, a.id DESC LIMIT 1",
               (user_id, day.isoformat(), day.isoformat()))
    return _absence(r) if r else None


def withdraw(db: Database, absence_id: int, by: int) -> None:
    db.execute("UPDATE physician_absences SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? "
               "AND withdrawn_at IS NULL", (now(), by, absence_id))
