"""Queries of the medical section: entries and versions, attachments, exposures, statements, notes."""

from __future__ import annotations

import json
from datetime import date

from desktop_app.domain.medical import EntryId, EntryKind, MedicalEntry
from desktop_app.storage.connection import Database
from desktop_app.storage.rows import now, to_date

_ENTRY = ("SELECT m.id, m.employee_id, m.case_id, m.kind, m.entry_date, v.version, v.body, "
          "v.author_id, v.created_at, v.reason, m.third_party_privacy, v.on_behalf_of "
          "FROM medical_entries m JOIN medical_entry_versions v ON v.entry_id = m.id ")
_CURRENT = "v.version = (SELECT max(version) FROM medical_entry_versions WHERE entry_id = m.id)"


def _entry(r: tuple, names: dict[int, str]) -> MedicalEntry:
    return MedicalEntry(EntryId(r[0]), r[1], r[2], EntryKind(r[3]), to_date(r[4]), r[5],
                        json.loads(r[6]), r[7], names.get(r[7], "?"), r[8], r[9], bool(r[10]),
                        names.get(r[11], "") if r[11] else "")


def insert_entry(db: Database, employee_id: int, case_id: int | None, kind: EntryKind,
                 entry_date: date, body: dict, author_id: int, on_behalf_of: int | None,
                 third_party_privacy: bool = False) -> EntryId:
    stamp = now()
    cur = db.execute(
        "INSERT INTO medical_entries (employee_id, case_id, kind, entry_date, third_party_privacy, "
        "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (employee_id, case_id, kind.value, entry_date.isoformat(), int(third_party_privacy),
         author_id, stamp))
    entry_id = EntryId(cur.lastrowid)
    add_version(db, entry_id, 1, body, "", author_id, on_behalf_of)
    return entry_id


def add_version(db: Database, entry_id: int, version: int, body: dict, reason: str,
                author_id: int, on_behalf_of: int | None) -> None:
    db.execute(
        "INSERT INTO medical_entry_versions (entry_id, version, body, reason, author_id, "
        "on_behalf_of, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (entry_id, version, json.dumps(body, ensure_ascii=False), reason, author_id, on_behalf_of, now()))


def current(db: Database, entry_id: int, names: dict[int, str]) -> MedicalEntry | None:
    r = db.one(f"{_ENTRY} WHERE m.id = ? AND {_CURRENT}", (entry_id,))
    return _entry(r, names) if r else None


def history(db: Database, entry_id: int, names: dict[int, str]) -> list[MedicalEntry]:
    return [_entry(r, names) for r in db.query(f"{_ENTRY} WHERE m.id = ? ORDER BY v.version", (entry_id,))]


def versions_for(db: Database, employee_id: int, names: dict[int, str]) -> dict[int, list[MedicalEntry]]:
    """Every version of every entry of an employee, in one query: entry id → versions, oldest first."""
    out: dict[int, list[MedicalEntry]] = {}
    for r in db.query(f"{_ENTRY} WHERE m.employee_id = ? ORDER BY m.id, v.version", (employee_id,)):
        out.setdefault(r[0], []).append(_entry(r, names))
    return out


def entries_for(db: Database, employee_id: int, names: dict[int, str]) -> list[MedicalEntry]:
    rows = db.query(f"{_ENTRY} WHERE m.employee_id = ? AND {_CURRENT} "
                    "ORDER BY m.entry_date DESC, m.id DESC", (employee_id,))
    return [_entry(r, names) for r in rows]


def set_privacy_mark(db: Database, entry_id: int, marked: bool) -> None:
    db.execute("UPDATE medical_entries SET third_party_privacy = ? WHERE id = ?", (int(marked), entry_id))


# --- attachments ------------------------------------------------------------------------------


def insert_attachment(db: Database, employee_id: int, entry_id: int | None, filename: str, mime: str,
                      data: bytes, sha256: str, description: str, author_id: int) -> int:
    cur = db.execute(
        "INSERT INTO attachments (employee_id, entry_id, filename, mime, size, sha256, data, "
        "description, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (employee_id, entry_id, filename, mime, len(data), sha256, data, description, author_id, now()))
    return int(cur.lastrowid)


def attachments_for(db: Database, employee_id: int) -> list[tuple]:
    """(id, entry_id, filename, mime, size, description, created_at) without the data."""
    return db.query("SELECT id, entry_id, filename, mime, size, description, created_at FROM attachments "
                    "WHERE employee_id = ? ORDER BY id", (employee_id,))


def attachment_data(db: Database, attachment_id: int) -> tuple | None:
    return db.one("SELECT employee_id, filename, mime, data FROM attachments WHERE id = ?", (attachment_id,))


# --- exposures, statements, working notes ------------------------------------------------------


def insert_exposure(db: Database, employee_id: int, category: str, agent: str, start: date,
                    end: date | None, notes: str, author_id: int) -> int:
    cur = db.execute(
        "INSERT INTO exposures (employee_id, category, agent, start, end, notes, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (employee_id, category, agent, start.isoformat(), end.isoformat() if end else None, notes,
         author_id, now()))
    return int(cur.lastrowid)


def exposures_for(db: Database, employee_id: int) -> list[tuple]:
    return db.query("SELECT id, category, agent, start, end, notes FROM exposures WHERE employee_id = ? "
                    "ORDER BY start", (employee_id,))


def insert_statement(db: Database, employee_id: int, entry_id: int | None, received_on: date,
                     statement: str, author_id: int) -> int:
    cur = db.execute(
        "INSERT INTO employee_statements (employee_id, entry_id, received_on, statement, recorded_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (employee_id, entry_id, received_on.isoformat(), statement, author_id, now()))
    return int(cur.lastrowid)


def statements_for(db: Database, employee_id: int) -> list[tuple]:
    return db.query("SELECT id, entry_id, received_on, statement, recorded_by FROM employee_statements "
                    "WHERE employee_id = ? ORDER BY received_on", (employee_id,))


def insert_note(db: Database, employee_id: int, author_id: int, body: str) -> int:
    stamp = now()
    cur = db.execute("INSERT INTO working_notes (employee_id, author_id, body, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, ?)", (employee_id, author_id, body, stamp, stamp))
    return int(cur.lastrowid)


def notes_of(db: Database, employee_id: int, author_id: int) -> list[tuple]:
    """Only the author's own notes: the author is part of the query, never filtered afterwards."""
    return db.query("SELECT id, body, created_at FROM working_notes WHERE employee_id = ? AND author_id = ? "
                    "ORDER BY id", (employee_id, author_id))
