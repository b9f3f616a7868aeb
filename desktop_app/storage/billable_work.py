"""Queries of billable work (practice.db): one line per consultation, examination or activity that
carries its time. No medical content is stored here (``domain.billing``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain import names
from desktop_app.domain.billing import Line, Source, WorkKind
from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database


@dataclass(frozen=True)
class NewLine:
    employee_id: int
    employer_id: int | None
    on_date: date
    kind: WorkKind
    minutes: int
    source: Source
    source_id: int
    confidential: bool
    done_by: int


def insert(db: Database, line: NewLine) -> int:
    cur = db.execute(
        "INSERT INTO billable_work (employee_id, employer_id, on_date, kind, minutes, source, source_id, "
        "confidential, done_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (line.employee_id, line.employer_id, line.on_date.isoformat(), line.kind.value, line.minutes,
         line.source.value, line.source_id, int(line.confidential), line.done_by, now()))
    return int(cur.lastrowid)


def lines_for(db: Database, employer_id: int, start: date, before: date) -> list[Line]:
    """The employer's lines from ``start`` up to (not including) ``before``, by date."""
    rows = db.query(
        "SELECT b.on_date, coalesce(e.given_names, ''), coalesce(e.initials, ''), coalesce(e.prefix, ''), "
        "coalesce(e.surname, ''), coalesce(e.personnel_number, ''), b.kind, b.minutes, u.display_name, "
        "b.confidential FROM billable_work b LEFT JOIN employees e ON e.id = b.employee_id "
        "JOIN users u ON u.id = b.done_by WHERE b.employer_id = ? AND b.on_date >= ? AND b.on_date < ? "
        "ORDER BY b.on_date, b.id", (employer_id, start.isoformat(), before.isoformat()))
    return [Line(to_date(r[0]), names.employee_name(r[1], r[2], r[3], r[4]), r[5],  # type: ignore[arg-type]
                 WorkKind(r[6]), r[7], r[8], bool(r[9])) for r in rows]


def for_source(db: Database, source: Source, source_id: int) -> tuple[WorkKind, int] | None:
    r = db.one("SELECT kind, minutes FROM billable_work WHERE source = ? AND source_id = ?",
               (source.value, source_id))
    return (WorkKind(r[0]), int(r[1])) if r else None


def has_for_employee(db: Database, employee_id: int) -> bool:
    return db.one("SELECT 1 FROM billable_work WHERE employee_id = ? LIMIT 1", (employee_id,)) is not None


def release_employee(db: Database, employee_id: int) -> dict[str, int]:
    """With the payroll-related data (7 years): the lines stay for the bookkeeping, naming no one."""
    return {"billable_work.employee": db.execute(
        "UPDATE billable_work SET employee_id = NULL WHERE employee_id = ?", (employee_id,)).rowcount}


def set_confidential(db: Database, source: Source, source_id: int, confidential: bool) -> int:
    """A corrected consultation's line follows its occasion: confidential (an own question, named to
    no employer) or not. Returns the lines changed (0 or 1)."""
    return db.execute("UPDATE billable_work SET confidential = ? WHERE source = ? AND source_id = ? "
                      "AND confidential != ?", (int(confidential), source.value, source_id,
                                                int(confidential))).rowcount
