"""Queries of the complaint register."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.complaints import Complaint, NewComplaint
from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database

_COLS = ("id, employee_id, complainant, received_on, channel, topic, description, deadline, acknowledged_on, "
         "handler_id, extended_until, extension_reason, verdict, outcome, measures, closed_on, recorded_by")


def _row(r: tuple) -> Complaint:
    return Complaint(r[0], r[1], r[2], to_date(r[3]), r[4], r[5], r[6], to_date(r[7]), to_date(r[8]),  # type: ignore[arg-type]
                     r[9], to_date(r[10]), r[11], r[12], r[13], r[14], to_date(r[15]), r[16])


def insert(db: Database, c: NewComplaint, deadline: date, user_id: int) -> int:
    cur = db.execute(
        "INSERT INTO complaints (employee_id, complainant, received_on, channel, topic, description, deadline, "
        "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (c.employee_id, c.complainant, c.received_on.isoformat(), c.channel, c.topic, c.description,
         deadline.isoformat(), user_id, now()))
    return cur.lastrowid


def get(db: Database, complaint_id: int) -> Complaint | None:
    r = db.one(f"SELECT {_COLS} FROM complaints WHERE id = ?", (complaint_id,))
    return _row(r) if r else None


def all_complaints(db: Database) -> list[Complaint]:
    """Open ones first, by their due date; then the closed ones, newest first."""
    rows = db.query(f"SELECT {_COLS} FROM complaints ORDER BY closed_on IS NOT NULL, "
                    "CASE WHEN closed_on IS NULL THEN coalesce(extended_until, deadline) END, "
                    "closed_on DESC, id DESC")
    return [_row(r) for r in rows]


def set_acknowledged(db: Database, complaint_id: int, on: date) -> None:
    db.execute("UPDATE complaints SET acknowledged_on = ? WHERE id = ?", (on.isoformat(), complaint_id))


def set_handler(db: Database, complaint_id: int, user_id: int) -> None:
    db.execute("UPDATE complaints SET handler_id = ? WHERE id = ?", (user_id, complaint_id))


def set_extension(db: Database, complaint_id: int, until: date, reason: str) -> None:
    db.execute("UPDATE complaints SET extended_until = ?, extension_reason = ? WHERE id = ?",
               (until.isoformat(), reason, complaint_id))


def close(db: Database, complaint_id: int, verdict: str, outcome: str, measures: str, on: date) -> None:
    db.execute("UPDATE complaints SET verdict = ?, outcome = ?, measures = ?, closed_on = ? WHERE id = ?",
               (verdict, outcome, measures, on.isoformat(), complaint_id))
