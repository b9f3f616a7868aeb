"""Deleting everything the medical section holds about one employee, across its aggregates, and
the erasure log that lets an interrupted destruction be finished (docs/decisions/0007).

Only for erasure (``services.erasure``), which runs it inside one transaction and then compacts
the file so no page keeps the data. Also the facts the medical term is counted from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from desktop_app.storage import (
    attachments,
    employee_statements,
    exposures,
    medical_entries,
    working_notes,
)
from desktop_app.storage.connection import Database

_TABLES = ("attachments", "exposures", "employee_statements", "working_notes", "medical_entries")


def count_employee(db: Database, employee_id: int) -> dict[str, int]:
    """Table name → rows held (entries counted, not their versions)."""
    return {t: int(db.scalar(f"SELECT count(*) FROM {t} WHERE employee_id = ?", (employee_id,))) for t in _TABLES}


def delete_employee(db: Database, employee_id: int) -> dict[str, int]:
    """Table name → rows deleted (entries counted, not their versions); call inside a transaction."""
    counts = {
        "attachments": attachments.delete_for_employee(db, employee_id),
        "exposures": exposures.delete_for_employee(db, employee_id),
        "employee_statements": employee_statements.delete_for_employee(db, employee_id),
        "working_notes": working_notes.delete_for_employee(db, employee_id),
    }
    counts["medical_entries"] = medical_entries.delete_for_employee(db, employee_id)
    return counts


@dataclass(frozen=True)
class MedicalFactsRow:
    employee_id: int
    last_change: date
    exposure_ends: tuple[tuple[str, date | None], ...]


def facts(db: Database, employee_id: int | None = None) -> dict[int, MedicalFactsRow]:
    """Per employee with anything in the medical section: when the dossier last changed (the
    newest entry version, attachment, statement, exposure or working note) and each exposure's
    category and end."""
    parts = (("SELECT m.employee_id AS employee_id, v.created_at AS at FROM medical_entries m "
              "JOIN medical_entry_versions v ON v.entry_id = m.id", "m.employee_id"),
             ("SELECT employee_id, created_at FROM attachments", "employee_id"),
             ("SELECT employee_id, created_at FROM employee_statements", "employee_id"),
             ("SELECT employee_id, created_at FROM exposures", "employee_id"),
             ("SELECT employee_id, updated_at FROM working_notes", "employee_id"))
    if employee_id is None:
        union, params = " UNION ALL ".join(sql for sql, _col in parts), ()
    else:
        union = " UNION ALL ".join(f"{sql} WHERE {col} = ?" for sql, col in parts)
        params = (employee_id,) * len(parts)
    rows = db.query(f"SELECT employee_id, max(at) FROM ({union}) GROUP BY employee_id", params)
    ends: dict[int, list[tuple[str, date | None]]] = {}
    for period in exposures.periods(db):
        ends.setdefault(period.employee_id, []).append((str(period.category), period.end))
    return {r[0]: MedicalFactsRow(r[0], date.fromisoformat(r[1][:10]), tuple(ends.get(r[0], ())))
            for r in rows}


@dataclass(frozen=True)
class LogLine:
    """What was erased from the medical section on which decision: never the content."""

    work_key: str
    employee_id: int
    category: str
    decision: str
    reason: str
    note: str
    request_id: int | None
    grounds: tuple[str, ...]
    counts: dict[str, int]
    decided_by: int
    decided_at: str


def log(db: Database, line: LogLine) -> None:
    db.execute(
        "INSERT INTO erasure_log (work_key, employee_id, category, decision, reason, note, request_id, grounds, "
        "counts, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (line.work_key, line.employee_id, line.category, line.decision, line.reason, line.note, line.request_id,
         json.dumps(list(line.grounds), ensure_ascii=False), json.dumps(line.counts), line.decided_by,
         line.decided_at))


def log_lines(db: Database) -> list[LogLine]:
    rows = db.query("SELECT work_key, employee_id, category, decision, reason, note, request_id, grounds, counts, "
                    "decided_by, decided_at FROM erasure_log ORDER BY decided_at")
    return [LogLine(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7] or "[]")), json.loads(r[8]),
                    r[9], r[10]) for r in rows]
