"""Queries of the practice's own letter templates and of the non-medical letters kept in the
dossier (practice.db). A letter with medical content is a medical entry (``medical_entries``)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.storage.column_values import now
from desktop_app.storage.connection import Database


@dataclass(frozen=True)
class TemplateText:
    key: str
    subject: str
    body: str
    updated_by: int
    updated_at: str


@dataclass(frozen=True)
class KeptLetter:
    id: int
    employee_id: int
    template_key: str
    title: str
    addressee: str
    subject: str
    body: str
    made_by: int
    made_at: str


_LETTER = "id, employee_id, template_key, title, addressee, subject, body, made_by, made_at"


def template_texts(db: Database) -> dict[str, TemplateText]:
    rows = db.query("SELECT key, subject, body, updated_by, updated_at FROM letter_templates")
    return {r[0]: TemplateText(*r) for r in rows}


def save_template(db: Database, key: str, subject: str, body: str, user_id: int) -> None:
    db.execute(
        "INSERT INTO letter_templates (key, subject, body, updated_by, updated_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET subject = excluded.subject, body = excluded.body, "
        "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        (key, subject, body, user_id, now()))


def reset_template(db: Database, key: str) -> None:
    db.execute("DELETE FROM letter_templates WHERE key = ?", (key,))


def insert_letter(db: Database, employee_id: int, template_key: str, title: str, addressee: str, subject: str,
                  body: str, pdf: bytes, user_id: int) -> int:
    cur = db.execute(
        "INSERT INTO letters (employee_id, template_key, title, addressee, subject, body, pdf, made_by, made_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (employee_id, template_key, title, addressee, subject, body, pdf, user_id, now()))
    return cur.lastrowid


def letters_for(db: Database, employee_id: int) -> list[KeptLetter]:
    """Newest first."""
    rows = db.query(f"SELECT {_LETTER} FROM letters WHERE employee_id = ? ORDER BY id DESC", (employee_id,))
    return [KeptLetter(*r) for r in rows]


def get_letter(db: Database, letter_id: int) -> KeptLetter | None:
    r = db.one(f"SELECT {_LETTER} FROM letters WHERE id = ?", (letter_id,))
    return KeptLetter(*r) if r else None


def letter_pdf(db: Database, letter_id: int) -> bytes | None:
    r = db.one("SELECT pdf FROM letters WHERE id = ?", (letter_id,))
    return bytes(r[0]) if r else None
