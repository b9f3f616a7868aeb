"""Queries of the AVG art. 19 register: each correction, erasure or restriction of an employee's
data, and per recipient of an earlier release whether they were told, how and when, or why not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database


@dataclass(frozen=True)
class Change:
    id: int
    employee_id: int
    kind: str  # correction, erasure, restriction
    request_id: int | None
    changed_at: str
    recorded_by: int
    release_ids: frozenset[int]


@dataclass(frozen=True)
class Notice:
    change_id: int
    release_id: int
    decision: str  # sent, not_sent
    method: str
    on_date: date
    reason: str
    recorded_by: int


_CHANGE_COLS = "id, employee_id, kind, request_id, changed_at, recorded_by, release_ids"


def _change(r: tuple) -> Change:
    return Change(*r[:6], frozenset(int(x) for x in r[6].split(",") if x))


@dataclass(frozen=True)
class Recipient:
    """A recipient of an earlier release as it stood at the change: kept with the change, so an
    erasure that deletes the release log still says whom to tell (AVG art. 19)."""

    release_id: int
    name: str
    role: str
    what: str
    released_on: date


def add_change(db: Database, employee_id: int, kind: str, request_id: int | None, user_id: int,
               recipients: list[Recipient] | None = None) -> int:
    """The change, with the releases handed over until now (their recipients are to be told).
    ``recipients``: those captured before the change deleted the release log (an erasure)."""
    if recipients is None:
        recipients = released_recipients(db, employee_id)
    cur = db.execute("INSERT INTO disclosure_changes (employee_id, kind, request_id, changed_at, recorded_by, "
                     "release_ids) VALUES (?, ?, ?, ?, ?, ?)",
                     (employee_id, kind, request_id, now(), user_id,
                      ",".join(str(r.release_id) for r in recipients)))
    db.executemany("INSERT INTO disclosure_recipients (change_id, employee_id, release_id, recipient_name, "
                   "recipient_role, what, released_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(cur.lastrowid, employee_id, r.release_id, r.name, r.role, r.what, r.released_on.isoformat())
                    for r in recipients])
    return cur.lastrowid


def released_recipients(db: Database, employee_id: int) -> list[Recipient]:
    """The recipients of the releases handed over until now (not the employee, not copies)."""
    rows = db.query("SELECT id, recipient_name, recipient_role, what, "
                    "COALESCE(handed_over_on, substr(released_at, 1, 10), date('now')) FROM releases "
                    "WHERE employee_id = ? AND state = 'released' AND recipient_role != 'employee' "
                    "AND copy_of IS NULL ORDER BY id", (employee_id,))
    return [Recipient(r[0], r[1], r[2], r[3], to_date(r[4])) for r in rows]  # type: ignore[arg-type]


def recipients(db: Database, change_id: int) -> list[Recipient]:
    rows = db.query("SELECT release_id, recipient_name, recipient_role, what, released_on "
                    "FROM disclosure_recipients WHERE change_id = ? ORDER BY release_id", (change_id,))
    return [Recipient(r[0], r[1], r[2], r[3], to_date(r[4])) for r in rows]  # type: ignore[arg-type]


def change(db: Database, change_id: int) -> Change | None:
    r = db.one(f"SELECT {_CHANGE_COLS} FROM disclosure_changes WHERE id = ?", (change_id,))
    return _change(r) if r else None


def changes_for(db: Database, employee_id: int) -> list[Change]:
    rows = db.query(f"SELECT {_CHANGE_COLS} FROM disclosure_changes WHERE employee_id = ? ORDER BY id",
                    (employee_id,))
    return [_change(r) for r in rows]


def change_for_request(db: Database, request_id: int) -> Change | None:
    r = db.one(f"SELECT {_CHANGE_COLS} FROM disclosure_changes WHERE request_id = ? ORDER BY id DESC LIMIT 1",
               (request_id,))
    return _change(r) if r else None


def notices(db: Database, change_id: int) -> dict[int, Notice]:
    """By release id."""
    rows = db.query("SELECT change_id, release_id, decision, method, on_date, reason, recorded_by "
                    "FROM recipient_notices WHERE change_id = ?", (change_id,))
    return {r[1]: Notice(r[0], r[1], r[2], r[3], to_date(r[4]), r[5], r[6]) for r in rows}  # type: ignore[arg-type]


def save_notice(db: Database, employee_id: int, n: Notice) -> None:
    db.execute("INSERT OR REPLACE INTO recipient_notices (change_id, employee_id, release_id, decision, method, "
               "on_date, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (n.change_id, employee_id, n.release_id, n.decision, n.method, n.on_date.isoformat(), n.reason,
                n.recorded_by, now()))


def delete_for_employee(db: Database, employee_id: int) -> int:
    """Erasure of the whole dossier: the register lines go with it."""
    db.execute("DELETE FROM recipient_notices WHERE employee_id = ?", (employee_id,))
    db.execute("DELETE FROM disclosure_recipients WHERE employee_id = ?", (employee_id,))
    return db.execute("DELETE FROM disclosure_changes WHERE employee_id = ?", (employee_id,)).rowcount
