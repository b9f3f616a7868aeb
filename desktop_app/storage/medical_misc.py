"""Queries of the smaller medical records: exposures, employee statements, working notes."""

from __future__ import annotations

from desktop_app.domain.medical.exposures import Exposure, ExposureCategory, ExposureId, NewExposure
from desktop_app.domain.medical.statements import EmployeeStatement, NewStatement, StatementId
from desktop_app.domain.medical.working_notes import WorkingNote, WorkingNoteId
from desktop_app.storage.connection import Database
from desktop_app.storage.rows import iso, now, to_date

# --- exposures -------------------------------------------------------------------------------


def insert_exposure(db: Database, employee_id: int, new: NewExposure, author_id: int) -> ExposureId:
    cur = db.execute(
        "INSERT INTO exposures (employee_id, category, agent, start, end, notes, created_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (employee_id, new.category.value, new.agent, new.start.isoformat(), iso(new.end), new.notes,
         author_id, now()))
    return ExposureId(cur.lastrowid)


def exposures_for(db: Database, employee_id: int) -> list[Exposure]:
    rows = db.query("SELECT id, employee_id, category, agent, start, end, notes, created_by, "
                    "created_at FROM exposures WHERE employee_id = ? ORDER BY start, id",
                    (employee_id,))
    return [Exposure(ExposureId(r[0]), r[1], ExposureCategory(r[2]), r[3], to_date(r[4]),  # type: ignore[arg-type]
                     to_date(r[5]), r[6], r[7], r[8]) for r in rows]


# --- employee statements ---------------------------------------------------------------------


def insert_statement(db: Database, employee_id: int, entry_id: int | None, new: NewStatement,
                     author_id: int) -> StatementId:
    cur = db.execute(
        "INSERT INTO employee_statements (employee_id, entry_id, received_on, statement, "
        "recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (employee_id, entry_id, new.received_on.isoformat(), new.statement, author_id, now()))
    return StatementId(cur.lastrowid)


def statements_for(db: Database, employee_id: int) -> list[EmployeeStatement]:
    rows = db.query("SELECT id, employee_id, entry_id, received_on, statement, recorded_by, "
                    "created_at FROM employee_statements WHERE employee_id = ? "
                    "ORDER BY received_on, id", (employee_id,))
    return [EmployeeStatement(StatementId(r[0]), r[1], r[2], to_date(r[3]), r[4], r[5], r[6])  # type: ignore[arg-type]
            for r in rows]


# --- the physician's personal working notes ---------------------------------------------------


def insert_working_note(db: Database, employee_id: int, author_id: int, body: str) -> WorkingNoteId:
    stamp = now()
    cur = db.execute("INSERT INTO working_notes (employee_id, author_id, body, created_at, "
                     "updated_at) VALUES (?, ?, ?, ?, ?)", (employee_id, author_id, body, stamp, stamp))
    return WorkingNoteId(cur.lastrowid)


def working_notes_of(db: Database, employee_id: int, author_id: int) -> list[WorkingNote]:
    """Only the author's own notes: the author is part of the query, never filtered afterwards."""
    rows = db.query("SELECT id, employee_id, author_id, body, created_at, updated_at "
                    "FROM working_notes WHERE employee_id = ? AND author_id = ? ORDER BY id",
                    (employee_id, author_id))
    return [WorkingNote(WorkingNoteId(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]
