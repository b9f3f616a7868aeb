"""Deleting everything the medical section holds about one employee, across its aggregates.

Only for erasure (a destruction request, a retention decision: ``services.erasure``), which runs
it inside one transaction and then compacts the file so no page keeps the data.
"""

from __future__ import annotations

from desktop_app.storage import (
    attachments,
    employee_statements,
    exposures,
    medical_entries,
    working_notes,
)
from desktop_app.storage.connection import Database


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
