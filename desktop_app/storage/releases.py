"""Rows of the releases table (the release log), as domain Releases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.releases import DecidedAs, Handover, LegalBasis, Release, ReleaseState
from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database

# The addressed physician: the release's own (since schema step 6), else its consent's.
_COLS = (
    "r.id, r.employee_id, r.consent_id, r.recipient_name, r.recipient_role, r.what, r.purpose, "
    "r.medical, r.state, r.requested_by, r.requested_at, r.decided_by, r.decided_at, "
    "r.refusal_ground, r.decision_note, r.method, r.released_at, r.copy_of, "
    "coalesce(r.physician_id, c.physician_id), r.legal_basis, r.decided_as, r.handed_over_on, "
    "r.handed_over_by, r.handed_to, r.handover_note, r.attachment_id, "
    "coalesce(up.display_name, ''), coalesce(ud.display_name, ''), coalesce(uh.display_name, '')")
_FROM = ("FROM releases r LEFT JOIN consents c ON c.id = r.consent_id "
         "LEFT JOIN users up ON up.id = coalesce(r.physician_id, c.physician_id) "
         "LEFT JOIN users ud ON ud.id = r.decided_by LEFT JOIN users uh ON uh.id = r.handed_over_by")


@dataclass(frozen=True)
class NewRelease:
    employee_id: int
    consent_id: int | None
    physician_id: int | None
    legal_basis: LegalBasis | None
    recipient_name: str
    recipient_role: str
    what: str
    purpose: str
    requested_by: int
    decision_note: str = ""
    attachment_id: int | None = None


@dataclass(frozen=True)
class NewFeedbackRelease:
    """Functional feedback to the employer (or its copy to the employee): handed over at once."""

    employee_id: int
    recipient_name: str
    recipient_role: str
    what: str
    purpose: str
    requested_by: int
    approved_by: int | None
    handover: Handover
    copy_of: int | None
    feedback_id: int | None = None  # the feedback handed to the employer (not on the copy)


def _release(r: tuple) -> Release:
    return Release(
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), ReleaseState(r[8]), r[9], r[10], r[11],
        r[12], r[13], r[14], r[15], r[16], r[17], r[18], LegalBasis(r[19]) if r[19] else None,
        DecidedAs(r[20]) if r[20] else None, to_date(r[21]), r[22], r[23], r[24], r[25], r[26],
        r[27], r[28])


def insert_request(db: Database, new: NewRelease) -> int:
    cur = db.execute(
        "INSERT INTO releases (employee_id, consent_id, physician_id, legal_basis, recipient_name, "
        "recipient_role, what, purpose, medical, state, requested_by, requested_at, decision_note, "
        "attachment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 'requested', ?, ?, ?, ?)",
        (new.employee_id, new.consent_id, new.physician_id,
         new.legal_basis.value if new.legal_basis else None, new.recipient_name, new.recipient_role,
         new.what, new.purpose, new.requested_by, now(), new.decision_note, new.attachment_id))
    return int(cur.lastrowid)


def insert_feedback_release(db: Database, new: NewFeedbackRelease) -> int:
    stamp = now()
    h = new.handover
    cur = db.execute(
        "INSERT INTO releases (employee_id, recipient_name, recipient_role, what, purpose, medical, "
        "state, requested_by, requested_at, decided_by, decided_at, method, released_at, copy_of, "
        "handed_over_on, handed_over_by, handed_to, handover_note, handover_recorded_by, feedback_id) "
        "VALUES (?, ?, ?, ?, ?, 0, 'released', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (new.employee_id, new.recipient_name, new.recipient_role, new.what, new.purpose,
         new.requested_by, stamp, new.approved_by, stamp, h.method.value, stamp, new.copy_of,
         h.handed_on.isoformat(), h.handed_by, h.handed_to, h.note, new.requested_by, new.feedback_id))
    return int(cur.lastrowid)


def feedback_handed_on(db: Database, feedback_id: int) -> date | None:
    """The day this feedback was handed to the employer, if it was."""
    r = db.one("SELECT handed_over_on FROM releases WHERE feedback_id = ? AND copy_of IS NULL", (feedback_id,))
    return to_date(r[0]) if r else None


def get(db: Database, release_id: int) -> Release | None:
    r = db.one(f"SELECT {_COLS} {_FROM} WHERE r.id = ?", (release_id,))
    return _release(r) if r else None


def for_employee(db: Database, employee_id: int) -> list[Release]:
    return [_release(r) for r in db.query(f"SELECT {_COLS} {_FROM} WHERE r.employee_id = ? ORDER BY r.id",
                                          (employee_id,))]


def for_consent(db: Database, consent_id: int) -> list[Release]:
    return [_release(r) for r in db.query(f"SELECT {_COLS} {_FROM} WHERE r.consent_id = ? ORDER BY r.id",
                                          (consent_id,))]


def in_states(db: Database, states: tuple[ReleaseState, ...]) -> list[Release]:
    marks = ",".join("?" * len(states))
    return [_release(r) for r in db.query(f"SELECT {_COLS} {_FROM} WHERE r.state IN ({marks}) ORDER BY r.id",
                                          tuple(s.value for s in states))]


def decide(db: Database, release_id: int, state: ReleaseState, *, decided_by: int, decided_as: DecidedAs,
           refusal_ground: int | None = None, note: str | None = None) -> None:
    if note is None:
        db.execute("UPDATE releases SET state = ?, decided_by = ?, decided_at = ?, decided_as = ?, "
                   "refusal_ground = ? WHERE id = ?",
                   (state.value, decided_by, now(), decided_as.value, refusal_ground, release_id))
    else:
        db.execute("UPDATE releases SET state = ?, decided_by = ?, decided_at = ?, decided_as = ?, "
                   "refusal_ground = ?, decision_note = ? WHERE id = ?",
                   (state.value, decided_by, now(), decided_as.value, refusal_ground, note, release_id))


def refer(db: Database, release_id: int, note: str) -> None:
    db.execute("UPDATE releases SET state = 'referred', decision_note = ? WHERE id = ?", (note, release_id))


def record_handover(db: Database, release_id: int, handover: Handover, recorded_by: int) -> None:
    db.execute("UPDATE releases SET state = 'released', method = ?, released_at = ?, handed_over_on = ?, "
               "handed_over_by = ?, handed_to = ?, handover_note = ?, handover_recorded_by = ? "
               "WHERE id = ? AND state = 'approved'",
               (handover.method.value, now(), handover.handed_on.isoformat(), handover.handed_by,
                handover.handed_to, handover.note, recorded_by, release_id))


def set_attachment(db: Database, release_id: int, attachment_id: int) -> None:
    db.execute("UPDATE releases SET attachment_id = ? WHERE id = ?", (attachment_id, release_id))


def anonymise_texts(db: Database, employee_id: int) -> int:
    """Empty every free text of the employee's releases (for anonymising a dossier)."""
    return db.execute("UPDATE releases SET recipient_name = '', what = '', purpose = '', decision_note = '', "
                      "handed_to = '', handover_note = '' WHERE employee_id = ?", (employee_id,)).rowcount
