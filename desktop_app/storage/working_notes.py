"""Queries of the physician's personal working notes. A note is only ever read with its author
as part of the query, never filtered afterwards; erasure deletes an employee's all at once."""

from __future__ import annotations

from desktop_app.domain.medical.working_notes import WorkingNote, WorkingNoteId
from desktop_app.storage.column_values import now
from desktop_app.storage.connection import Database

_COLUMNS = "id, employee_id, author_id, body, created_at, updated_at"


def _note(r: tuple) -> WorkingNote:
    return WorkingNote(WorkingNoteId(r[0]), r[1], r[2], r[3], r[4], r[5])


def insert(db: Database, employee_id: int, author_id: int, body: str) -> WorkingNoteId:
    stamp = now()
    cur = db.execute("INSERT INTO working_notes (employee_id, author_id, body, created_at, "
                     "updated_at) VALUES (?, ?, ?, ?, ?)", (employee_id, author_id, body, stamp, stamp))
    return WorkingNoteId(cur.lastrowid)


def get_own(db: Database, note_id: int, author_id: int) -> WorkingNote | None:
    r = db.one(f"SELECT {_COLUMNS} FROM working_notes WHERE id = ? AND author_id = ?",
               (note_id, author_id))
    return _note(r) if r else None


def own_for_employee(db: Database, employee_id: int, author_id: int) -> list[WorkingNote]:
    """Only the author's own notes on the employee, oldest first."""
    rows = db.query(f"SELECT {_COLUMNS} FROM working_notes WHERE employee_id = ? AND author_id = ? "
                    "ORDER BY id", (employee_id, author_id))
    return [_note(r) for r in rows]


def delete_for_employee(db: Database, employee_id: int) -> int:
    """Erasure only (services.erasure); every author's notes; returns how many were deleted."""
    return db.execute("DELETE FROM working_notes WHERE employee_id = ?", (employee_id,)).rowcount
