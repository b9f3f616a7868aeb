"""Erasing data so that no page keeps it: delete with secure_delete on, checkpoint the WAL,
vacuum. Shared by the destruction request and the retention decisions; always followed by a
register line that says what happened, never what the content was.

Every function here destroys or anonymises (``Permission.DESTROY``, physicians only); those that
reach into the medical section also need it open (``MEDICAL_WRITE``)."""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.domain.dossier import EmployeeId
from desktop_app.domain.permissions import Permission
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import medical_erasure
from desktop_app.storage.connection import Database
from desktop_app.storage.rows import now


def _compact(db: Database) -> None:
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@requires(Permission.DESTROY, Permission.MEDICAL_WRITE)
def erase_medical(session: Session, employee_id: int) -> dict[str, int]:
    mdb = session.medical()
    with mdb.transaction():
        counts = medical_erasure.delete_employee(mdb, employee_id)
    _compact(mdb)
    return counts


ANONYMOUS = "Geanonimiseerd"


@requires(Permission.DESTROY)
def anonymise_personal(session: Session, employee_id: EmployeeId) -> dict[str, int]:
    """Remove what identifies the employee; keep what statistics need (employer, contract hours,
    employment dates, absence cases with their dates, kinds and percentages)."""
    db = session.db
    counts = {}
    with db.transaction():
        db.execute("UPDATE employees SET surname = ?, prefix = '', given_names = '', initials = '', "
                   "birth_date = NULL, gender = '', bsn = '', street = '', postcode = '', city = '', phone = '', "
                   "email = '', personnel_number = '', job_title = '', sort_key = ?, anonymised_at = ? WHERE id = ?",
                   (ANONYMOUS, "\uffff" + ANONYMOUS.casefold(), now(), employee_id))
        db.execute("DELETE FROM employee_search WHERE rowid = ?", (employee_id,))
        counts.update(clear_trajectory(session, employee_id, in_transaction=True))
        for table in ("consents", "restrictions"):
            counts[table] = db.execute(f"DELETE FROM {table} WHERE employee_id = ?", (employee_id,)).rowcount
        db.execute("UPDATE requests SET requester_name = '', authorisation_scope = '', authorisation_document = NULL, "
                   "id_copy = NULL WHERE employee_id = ?", (employee_id,))
        db.execute("UPDATE releases SET recipient_name = '', what = '', purpose = '', decision_note = '' "
                   "WHERE employee_id = ?", (employee_id,))
    _compact(db)
    return counts


@requires(Permission.DESTROY)
def clear_trajectory(session: Session, employee_id: int, *, in_transaction: bool = False) -> dict[str, int]:
    """The re-integration trajectory's texts go; the dates and kinds of the cases stay."""
    db = session.db

    def work() -> dict[str, int]:
        return {
            "activities": db.execute("UPDATE activities SET description = '', agreements = '' WHERE employee_id = ?",
                                     (employee_id,)).rowcount,
            "functional_feedback": db.execute(
                "UPDATE functional_feedback SET limitations = '', remaining_capacity = '', advice = '', "
                "adjustments = '' WHERE employee_id = ?", (employee_id,)).rowcount,
            "case_milestones": db.execute("UPDATE case_milestones SET note = '' WHERE case_id IN "
                                          "(SELECT id FROM absence_cases WHERE employee_id = ?)", (employee_id,)).rowcount,
        }

    if in_transaction:
        return work()
    with db.transaction():
        counts = work()
    _compact(db)
    return counts


@requires(Permission.DESTROY)
def register(session: Session, employee_id: int, counts: dict[str, int], reason: str,
             request_id: int | None = None) -> None:
    categories = ", ".join(f"{k}: {v}" for k, v in counts.items() if v) or "geen gegevens"
    with session.db.transaction():
        session.db.execute("INSERT INTO destruction_register (employee_id, request_id, destroyed_at, destroyed_by, "
                           "categories, reason) VALUES (?, ?, ?, ?, ?, ?)",
                           (employee_id, request_id, now(), session.user.id, categories, reason))
        session.record(Action.DELETE, object_type="retention", employee_id=employee_id, data=reason)


@requires(Permission.DESTROY, Permission.MEDICAL_WRITE)
def destroy_employee(session: Session, employee_id: int) -> dict[str, int]:
    """Everything about the employee, in both sections (the medical section must be open)."""
    counts = erase_medical(session, employee_id)
    db = session.db
    with db.transaction():
        db.execute("DELETE FROM employee_search WHERE rowid = ?", (employee_id,))
        case_ids = [(r[0],) for r in db.query("SELECT id FROM absence_cases WHERE employee_id = ?", (employee_id,))]
        for table in ("case_episodes", "case_levels", "case_milestones", "case_deadlines"):
            db.executemany(f"DELETE FROM {table} WHERE case_id = ?", case_ids)
        db.execute("DELETE FROM request_events WHERE request_id IN (SELECT id FROM requests WHERE employee_id = ?)",
                   (employee_id,))
        for table in ("activities", "functional_feedback", "releases", "consents", "requests", "restrictions",
                      "absence_cases"):
            counts[table] = db.execute(f"DELETE FROM {table} WHERE employee_id = ?", (employee_id,)).rowcount
        counts["employees"] = db.execute("DELETE FROM employees WHERE id = ?", (employee_id,)).rowcount
    _compact(db)
    return counts
