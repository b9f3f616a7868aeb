"""Rows of ``uwv_documents``: the problem analysis's functional part and the physician's current
assessment (``domain.uwv_documents``). No medical content is stored here."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.uwv_documents import UwvDocument, UwvDocumentId, UwvKind
from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database

_COLS = ("d.id, d.employee_id, d.case_id, d.kind, d.assessed_on, d.body, d.medical_entry_id, d.author_id, "
         "d.created_at, d.approved_by, d.approved_at, d.handed_release_id, ua.display_name, "
         "coalesce(ub.display_name, '')")
_FROM = ("FROM uwv_documents d JOIN users ua ON ua.id = d.author_id "
         "LEFT JOIN users ub ON ub.id = d.approved_by")


@dataclass(frozen=True)
class NewUwvDocument:
    employee_id: int
    case_id: int
    kind: UwvKind
    assessed_on: date
    body: dict
    medical_entry_id: int | None
    author_id: int


def _document(r: tuple) -> UwvDocument:
    return UwvDocument(UwvDocumentId(r[0]), r[1], r[2], UwvKind(r[3]), to_date(r[4]), json.loads(r[5]),  # type: ignore[arg-type]
                       r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13])


def insert(db: Database, new: NewUwvDocument) -> UwvDocumentId:
    cur = db.execute(
        "INSERT INTO uwv_documents (employee_id, case_id, kind, assessed_on, body, medical_entry_id, author_id, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (new.employee_id, new.case_id, new.kind.value, new.assessed_on.isoformat(),
         json.dumps(new.body, ensure_ascii=False), new.medical_entry_id, new.author_id, now()))
    return UwvDocumentId(int(cur.lastrowid))


def get(db: Database, document_id: int) -> UwvDocument | None:
    r = db.one(f"SELECT {_COLS} {_FROM} WHERE d.id = ?", (document_id,))
    return _document(r) if r else None


def for_employee(db: Database, employee_id: int) -> list[UwvDocument]:
    """Newest first."""
    rows = db.query(f"SELECT {_COLS} {_FROM} WHERE d.employee_id = ? ORDER BY d.assessed_on DESC, d.id DESC",
                    (employee_id,))
    return [_document(r) for r in rows]


def approve(db: Database, document_id: int, physician_id: int) -> None:
    db.execute("UPDATE uwv_documents SET approved_by = ?, approved_at = ? WHERE id = ? AND approved_by IS NULL",
               (physician_id, now(), document_id))


def set_handed(db: Database, document_id: int, release_id: int) -> None:
    db.execute("UPDATE uwv_documents SET handed_release_id = ? WHERE id = ?", (release_id, document_id))


def delete_for_employee(db: Database, employee_id: int) -> dict[str, int]:
    """With the personal data (5 years), like the functional feedback."""
    return {"uwv_documents": db.execute("DELETE FROM uwv_documents WHERE employee_id = ?",
                                        (employee_id,)).rowcount}


def has_any(db: Database, employee_id: int) -> bool:
    return db.one("SELECT 1 FROM uwv_documents WHERE employee_id = ? LIMIT 1", (employee_id,)) is not None


def unlink_cases(db: Database, case_ids_sql: str, employee_id: int) -> None:
    """Before the employee's cases go (payroll data, 7 years): the documents stay, unlinked."""
    db.execute(f"UPDATE uwv_documents SET case_id = NULL WHERE case_id IN ({case_ids_sql})", (employee_id,))
