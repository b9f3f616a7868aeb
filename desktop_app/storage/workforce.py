"""Queries of ``employer_workforce``: the workforce figures an employer gave per period."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.workforce import NewWorkforce, WorkforceEntry
from desktop_app.storage.column_values import now, to_date, to_decimal
from desktop_app.storage.connection import Database

_SELECT = ("SELECT w.id, w.employer_id, w.start, w.end, w.headcount, w.fte, w.full_time_hours, "
           "w.entered_by, coalesce(u.display_name, ''), w.entered_at FROM employer_workforce w "
           "LEFT JOIN users u ON u.id = w.entered_by")


def _row(r: tuple) -> WorkforceEntry:
    return WorkforceEntry(int(r[0]), int(r[1]), to_date(r[2]), to_date(r[3]),  # type: ignore[arg-type]
                          to_decimal(r[4]), to_decimal(r[5]), to_decimal(r[6]),  # type: ignore[arg-type]
                          int(r[7]), r[8], r[9])


def _values(w: NewWorkforce) -> tuple:
    return (w.start.isoformat(), w.end.isoformat(), float(w.headcount), float(w.fte),
            None if w.full_time_hours is None else float(w.full_time_hours))


def insert(db: Database, employer_id: int, w: NewWorkforce, user_id: int) -> int:
    cur = db.execute(
        "INSERT INTO employer_workforce (employer_id, start, end, headcount, fte, full_time_hours, "
        "entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (employer_id, *_values(w), user_id, now()))
    return int(cur.lastrowid)


def update(db: Database, entry_id: int, w: NewWorkforce, user_id: int) -> None:
    """A corrected entry names who corrected it and when."""
    db.execute("UPDATE employer_workforce SET start = ?, end = ?, headcount = ?, fte = ?, "
               "full_time_hours = ?, entered_by = ?, entered_at = ? WHERE id = ?",
               (*_values(w), user_id, now(), entry_id))


def delete(db: Database, entry_id: int) -> None:
    db.execute("DELETE FROM employer_workforce WHERE id = ?", (entry_id,))


def get(db: Database, entry_id: int) -> WorkforceEntry | None:
    r = db.one(f"{_SELECT} WHERE w.id = ?", (entry_id,))
    return _row(r) if r else None


def for_employer(db: Database, employer_id: int) -> list[WorkforceEntry]:
    return [_row(r) for r in db.query(f"{_SELECT} WHERE w.employer_id = ? ORDER BY w.start",
                                      (employer_id,))]


def in_period(db: Database, employer_id: int, start: date, end: date) -> list[WorkforceEntry]:
    """The entries that share a day with ``start``..``end``."""
    return [_row(r) for r in db.query(
        f"{_SELECT} WHERE w.employer_id = ? AND w.start <= ? AND w.end >= ? ORDER BY w.start",
        (employer_id, end.isoformat(), start.isoformat()))]
