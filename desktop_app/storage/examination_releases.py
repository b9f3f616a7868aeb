"""The outcome of an examination handed over: a release row (practice.db) that names the
examination (a medical entry's id), once to the employee and once to the employer. The release
says only what went ("Uitslag aanstellingskeuring: geschikt"), never the findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.medical.examinations import OutcomeStatus
from desktop_app.domain.releases import Handover
from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database


@dataclass(frozen=True)
class NewOutcomeRelease:
    examination_id: int
    employee_id: int
    recipient_name: str
    recipient_role: str  # "employee" or "employer"
    what: str
    recorded_by: int
    decided_by: int  # the physician who recorded the outcome
    handover: Handover
    copy_of: int | None = None


def insert(db: Database, new: NewOutcomeRelease) -> int:
    stamp = now()
    h = new.handover
    cur = db.execute(
        "INSERT INTO releases (employee_id, recipient_name, recipient_role, what, purpose, medical, "
        "state, requested_by, requested_at, decided_by, decided_at, method, released_at, copy_of, "
        "handed_over_on, handed_over_by, handed_to, handover_note, handover_recorded_by, examination_id) "
        "VALUES (?, ?, ?, ?, 'keuring', 0, 'released', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (new.employee_id, new.recipient_name, new.recipient_role, new.what, new.recorded_by, stamp,
         new.decided_by, stamp, h.method.value, stamp, new.copy_of, h.handed_on.isoformat(), h.handed_by,
         h.handed_to, h.note, new.recorded_by, new.examination_id))
    return int(cur.lastrowid)


def status(db: Database, examination_id: int) -> OutcomeStatus:
    found: dict[str, date | None] = {}
    for role, day in db.query("SELECT recipient_role, handed_over_on FROM releases WHERE examination_id = ?",
                              (examination_id,)):
        found[role] = to_date(day)
    return OutcomeStatus(found.get("employee"), found.get("employer"))


def to_employee_release(db: Database, examination_id: int) -> int | None:
    return db.scalar("SELECT id FROM releases WHERE examination_id = ? AND recipient_role = 'employee'",
                     (examination_id,))
