"""Queries of the restrictions of processing (AVG art. 18): one row per restriction, open until
lifted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database


@dataclass(frozen=True)
class Restriction:
    id: int
    employee_id: int
    reason: str
    started_at: str
    started_by: int
    request_id: int | None
    lifted_at: str | None
    lifted_by: int | None
    lift_reason: str
    employee_informed_on: date | None

    @property
    def running(self) -> bool:
        return self.lifted_at is None


_COLS = ("id, employee_id, reason, started_at, started_by, request_id, lifted_at, lifted_by, lift_reason, "
         "employee_informed_on")


def _row(r: tuple) -> Restriction:
    return Restriction(*r[:9], to_date(r[9]))


def is_running(db: Database, employee_id: int) -> bool:
    return db.one("SELECT 1 FROM restrictions WHERE employee_id = ? AND lifted_at IS NULL LIMIT 1",
                  (employee_id,)) is not None


def running(db: Database, employee_id: int) -> list[Restriction]:
    rows = db.query(f"SELECT {_COLS} FROM restrictions WHERE employee_id = ? AND lifted_at IS NULL ORDER BY id",
                    (employee_id,))
    return [_row(r) for r in rows]


def for_employee(db: Database, employee_id: int) -> list[Restriction]:
    rows = db.query(f"SELECT {_COLS} FROM restrictions WHERE employee_id = ? ORDER BY id", (employee_id,))
    return [_row(r) for r in rows]


def insert(db: Database, employee_id: int, reason: str, user_id: int, request_id: int | None) -> int:
    cur = db.execute("INSERT INTO restrictions (employee_id, reason, started_at, started_by, request_id) "
                     "VALUES (?, ?, ?, ?, ?)", (employee_id, reason, now(), user_id, request_id))
    return cur.lastrowid


def lift_all(db: Database, employee_id: int, user_id: int, reason: str, informed_on: date | None) -> int:
    """Lift every running restriction of the employee; returns how many."""
    return db.execute(
        "UPDATE restrictions SET lifted_at = ?, lifted_by = ?, lift_reason = ?, employee_informed_on = ? "
        "WHERE employee_id = ? AND lifted_at IS NULL",
        (now(), user_id, reason, informed_on.isoformat() if informed_on else None, employee_id)).rowcount
