"""Queries of medical entries and their versions. A correction adds a version; nothing here
changes or deletes what an earlier version says.

Each version keeps its own date (``medical_entry_versions.entry_date``); the entry row's date
follows the newest version, for sorting. A version without a date of its own (bulk-loaded demo
data) shows the entry row's date; before a correction moves that date, such versions are given
the date they showed, so history keeps it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.medical.bodies import Body, body_to_json
from desktop_app.domain.medical.entries import MedicalEntry
from desktop_app.domain.medical.kinds import EntryId, EntryKind
from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database

_ENTRY = ("SELECT m.id, m.employee_id, m.case_id, m.kind, coalesce(v.entry_date, m.entry_date), v.version, v.body, "
          "v.author_id, v.created_at, v.reason, m.third_party_privacy, v.on_behalf_of "
          "FROM medical_entries m JOIN medical_entry_versions v ON v.entry_id = m.id ")
_CURRENT = "v.version = (SELECT max(version) FROM medical_entry_versions WHERE entry_id = m.id)"


@dataclass(frozen=True)
class LoadedEntry:
    """An entry with its one version, loaded in bulk with its id given (the demo practice). Its
    version has no date of its own: it shows the entry's date."""

    id: int
    employee_id: int
    case_id: int | None
    kind: EntryKind
    entry_date: date
    body: dict
    author_id: int
    created_at: str


def _entry(r: tuple, names: dict[int, str]) -> MedicalEntry:
    return MedicalEntry(EntryId(r[0]), r[1], r[2], EntryKind(r[3]), to_date(r[4]), r[5],  # type: ignore[arg-type]
                        json.loads(r[6]), r[7], names.get(r[7], "?"), r[8], r[9], bool(r[10]),
                        names.get(r[11], "") if r[11] else "")


def _dump(body: Body) -> str:
    return json.dumps(body_to_json(body), ensure_ascii=False)


def insert(db: Database, employee_id: int, case_id: int | None, kind: EntryKind, entry_date: date,
           body: Body, author_id: int, on_behalf_of: int | None) -> EntryId:
    """A new entry with its first version."""
    stamp = now()
    cur = db.execute(
        "INSERT INTO medical_entries (employee_id, case_id, kind, entry_date, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (employee_id, case_id, kind.value, entry_date.isoformat(), author_id, stamp))
    entry_id = EntryId(cur.lastrowid)
    db.execute(
        "INSERT INTO medical_entry_versions (entry_id, version, entry_date, body, reason, author_id, "
        "on_behalf_of, created_at) VALUES (?, 1, ?, ?, '', ?, ?, ?)",
        (entry_id, entry_date.isoformat(), _dump(body), author_id, on_behalf_of, stamp))
    return entry_id


def add_version(db: Database, entry_id: int, entry_date: date, body: Body, reason: str,
                author_id: int, on_behalf_of: int | None) -> int:
    """The next version of an entry; returns its number. Call inside a transaction."""
    version = db.scalar("SELECT coalesce(max(version), 0) + 1 FROM medical_entry_versions "
                        "WHERE entry_id = ?", (entry_id,))
    db.execute("UPDATE medical_entry_versions SET entry_date = "
               "(SELECT entry_date FROM medical_entries WHERE id = ?) "
               "WHERE entry_id = ? AND entry_date IS NULL", (entry_id, entry_id))
    db.execute(
        "INSERT INTO medical_entry_versions (entry_id, version, entry_date, body, reason, author_id, "
        "on_behalf_of, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (entry_id, version, entry_date.isoformat(), _dump(body), reason, author_id, on_behalf_of,
         now()))
    db.execute("UPDATE medical_entries SET entry_date = ? WHERE id = ?",
               (entry_date.isoformat(), entry_id))
    return int(version)


def current(db: Database, entry_id: int, names: dict[int, str]) -> MedicalEntry | None:
    r = db.one(f"{_ENTRY} WHERE m.id = ? AND {_CURRENT}", (entry_id,))
    return _entry(r, names) if r else None


def employee_of(db: Database, entry_id: int) -> int | None:
    return db.scalar("SELECT employee_id FROM medical_entries WHERE id = ?", (entry_id,))


def history(db: Database, entry_id: int, names: dict[int, str]) -> list[MedicalEntry]:
    """Every version of one entry, oldest first."""
    return [_entry(r, names) for r in db.query(f"{_ENTRY} WHERE m.id = ? ORDER BY v.version",
                                               (entry_id,))]


def current_for(db: Database, employee_id: int, names: dict[int, str]) -> list[MedicalEntry]:
    """The current version of every entry of an employee, newest first."""
    rows = db.query(f"{_ENTRY} WHERE m.employee_id = ? AND {_CURRENT} "
                    "ORDER BY m.entry_date DESC, m.id DESC", (employee_id,))
    return [_entry(r, names) for r in rows]


def versions_for(db: Database, employee_id: int, names: dict[int, str]) -> dict[int, list[MedicalEntry]]:
    """Every version of every entry of an employee, in one query: entry id → versions, oldest first."""
    out: dict[int, list[MedicalEntry]] = {}
    for r in db.query(f"{_ENTRY} WHERE m.employee_id = ? ORDER BY m.id, v.version", (employee_id,)):
        out.setdefault(r[0], []).append(_entry(r, names))
    return out


def set_privacy_mark(db: Database, entry_id: int, marked: bool) -> None:
    """Mark an entry as concerning other people's privacy (left out of inspection and copies).
    The mark is about the entry, not its content: no version is touched."""
    db.execute("UPDATE medical_entries SET third_party_privacy = ? WHERE id = ?",
               (int(marked), entry_id))


def last_written_per_employee(db: Database) -> dict[int, str]:
    """Employee id → when the newest version of any of their entries was written (for the
    retention period, counted from the dossier's last entry)."""
    return dict(db.query("SELECT m.employee_id, max(v.created_at) FROM medical_entries m "
                         "JOIN medical_entry_versions v ON v.entry_id = m.id GROUP BY m.employee_id"))


def next_id(db: Database) -> int:
    """The id the next entry gets, for a bulk load that gives ids itself."""
    return int(db.scalar("SELECT coalesce(max(id), 0) FROM medical_entries") or 0) + 1


def load(db: Database, entries: Sequence[LoadedEntry]) -> None:
    """Insert entries with their first version in bulk; call inside a transaction."""
    db.executemany("INSERT INTO medical_entries (id, employee_id, case_id, kind, entry_date, "
                   "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(e.id, e.employee_id, e.case_id, e.kind.value, e.entry_date.isoformat(),
                     e.author_id, e.created_at) for e in entries])
    db.executemany("INSERT INTO medical_entry_versions (entry_id, version, body, reason, "
                   "author_id, created_at) VALUES (?, 1, ?, '', ?, ?)",
                   [(e.id, json.dumps(e.body, ensure_ascii=False), e.author_id, e.created_at)
                    for e in entries])


def delete_for_employee(db: Database, employee_id: int) -> int:
    """Erasure only (services.erasure): every entry of the employee with all its versions;
    returns how many entries were deleted."""
    entry_ids = [r[0] for r in db.query("SELECT id FROM medical_entries WHERE employee_id = ?",
                                        (employee_id,))]
    db.executemany("DELETE FROM medical_entry_versions WHERE entry_id = ?", [(i,) for i in entry_ids])
    return db.execute("DELETE FROM medical_entries WHERE employee_id = ?", (employee_id,)).rowcount


def delete_unreferenced(db: Database, entry_id: int) -> bool:
    """Delete an entry that has only its first version and that nothing refers to (no attachment or
    statement): a just-made entry whose owner in the practice section could not be
    recorded. Returns whether it was deleted; an entry in use is left as it is."""
    used = db.one("SELECT 1 FROM medical_entry_versions WHERE entry_id = ? AND version > 1 "
                  "UNION ALL SELECT 1 FROM attachments WHERE entry_id = ? "
                  "UNION ALL SELECT 1 FROM employee_statements WHERE entry_id = ? LIMIT 1",
                  (entry_id, entry_id, entry_id))
    if used is not None:
        return False
    db.execute("DELETE FROM medical_entry_versions WHERE entry_id = ?", (entry_id,))
    return db.execute("DELETE FROM medical_entries WHERE id = ?", (entry_id,)).rowcount > 0
