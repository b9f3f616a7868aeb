"""Queries of the employee's own statements in the medical section. Nothing here changes a
statement; erasure deletes an employee's all at once."""

from __future__ import annotations

from desktop_app.domain.medical.statements import EmployeeStatement, NewStatement, StatementId
from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database

_COLUMNS = "id, employee_id, entry_id, received_on, statement, recorded_by, created_at"


def _statement(r: tuple) -> EmployeeStatement:
    return EmployeeStatement(StatementId(r[0]), r[1], r[2], to_date(r[3]), r[4], r[5], r[6])  # type: ignore[arg-type]


def insert(db: Database, employee_id: int, entry_id: int | None, new: NewStatement,
           author_id: int) -> StatementId:
    cur = db.execute(
        "INSERT INTO employee_statements (employee_id, entry_id, received_on, statement, "
        "recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (employee_id, entry_id, new.received_on.isoformat(), new.statement, author_id, now()))
    return StatementId(cur.lastrowid)


def get(db: Database, statement_id: int) -> EmployeeStatement | None:
    r = db.one(f"SELECT {_COLUMNS} FROM employee_statements WHERE id = ?", (statement_id,))
    return _statement(r) if r else None


def for_employee(db: Database, employee_id: int) -> list[EmployeeStatement]:
    """In the order received."""
    rows = db.query(f"SELECT {_COLUMNS} FROM employee_statements WHERE employee_id = ? "
                    "ORDER BY received_on, id", (employee_id,))
    return [_statement(r) for r in rows]


def delete_for_employee(db: Database, employee_id: int) -> int:
    """Erasure only (services.erasure); returns how many were deleted."""
    return db.execute("DELETE FROM employee_statements WHERE employee_id = ?",
                      (employee_id,)).rowcount
