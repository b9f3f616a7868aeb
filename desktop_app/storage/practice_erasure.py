"""What each retention category holds in practice.db, and its destruction or anonymisation.

One function per category (``domain.retention`` says what each holds and why). Each touches its
own category's rows and columns only, and returns table → rows changed for the destruction
register (never content). The caller runs it inside its transaction with foreign keys deferred
and calls ``check_references`` before committing, so a row elsewhere that still points at what
went stops the whole transaction with a typed error instead of an untyped IntegrityError.
"""

from __future__ import annotations

from desktop_app.errors import Conflict
from desktop_app.storage import agenda, billable_work, uwv_documents
from desktop_app.storage.column_values import now
from desktop_app.storage.connection import Database

ANONYMOUS = "Geanonimiseerd"

# Activities that are part of a trajectory (its evaluations, recorded on the case before the
# trajectory had a record of its own): trajectory data, not personal data.
_TRAJECTORY_ACTIVITY = ("kind = 'evaluatie' AND case_id IN "
                        "(SELECT case_id FROM trajectories WHERE case_id IS NOT NULL)")


class ReferencesRemain(Conflict):
    """Rows elsewhere still point at what would be destroyed: nothing was done."""

    message = ("Vernietigen is niet gelukt: andere gegevens in de praktijk verwijzen nog naar wat "
               "zou worden vernietigd. Er is niets vernietigd en niets vastgelegd. Meld dit aan de "
               "beheerder van Arbokluis; de melding noemt geen persoonsgegevens.")

    def __init__(self, tables: list[str]) -> None:
        self.tables = tables
        super().__init__(detail="foreign keys from " + ", ".join(tables) + " block the erasure")


def defer_references(db: Database) -> None:
    """Inside a transaction: check foreign keys at the end (``check_references``), not per row."""
    db.execute("PRAGMA defer_foreign_keys = ON")


def check_references(db: Database) -> None:
    """Raise ReferencesRemain naming the tables whose rows point at something deleted."""
    rows = db.query("PRAGMA foreign_key_check")
    if rows:
        raise ReferencesRemain(sorted({r[0] for r in rows}))


def has_personal(db: Database, employee_id: int, *, except_request: int | None = None) -> bool:
    """Whether anything of the personal category is still there (``except_request``: not
    counting that request, the one being carried out)."""
    row = db.one(
        "SELECT (gender || street || postcode || city || phone || email || job_title) != '' "
        "FROM employees WHERE id = ?", (employee_id,))
    if row and row[0]:
        return True
    for sql in (f"SELECT 1 FROM activities WHERE employee_id = ? AND NOT ({_TRAJECTORY_ACTIVITY}) LIMIT 1",
                "SELECT 1 FROM functional_feedback WHERE employee_id = ? LIMIT 1",
                "SELECT 1 FROM letters WHERE employee_id = ? LIMIT 1",
                "SELECT 1 FROM releases WHERE employee_id = ? AND medical = 0 LIMIT 1",
                f"SELECT 1 FROM requests WHERE employee_id = ? AND id != {int(except_request or -1)} LIMIT 1",
                "SELECT 1 FROM restrictions WHERE employee_id = ? AND lifted_at IS NOT NULL LIMIT 1",
                "SELECT 1 FROM consultation_bookings WHERE employee_id = ? LIMIT 1"):  # agenda16
        if db.one(sql, (employee_id,)) is not None:
            return True
    return uwv_documents.has_any(db, employee_id)  # uwv16


def destroy_personal(db: Database, employee_id: int, *, except_request: int | None = None) -> dict[str, int]:
    """Contact details, gender, job title and the non-medical dossier. ``except_request``: the
    destruction request being carried out stays (it is closed with its outcome). The release log
    of medical data and its consents stay with the medical dossier (``destroy_medical_log``); a
    running restriction stays (it stops destruction, it is not destroyed by it)."""
    keep = except_request if except_request is not None else -1
    counts = {
        "activities": db.execute(f"DELETE FROM activities WHERE employee_id = ? AND NOT ({_TRAJECTORY_ACTIVITY})",
                                 (employee_id,)).rowcount,
        "functional_feedback": db.execute("DELETE FROM functional_feedback WHERE employee_id = ?",
                                          (employee_id,)).rowcount,
        "letters": db.execute("DELETE FROM letters WHERE employee_id = ?", (employee_id,)).rowcount,
        "releases": db.execute("DELETE FROM releases WHERE employee_id = ? AND medical = 0",
                               (employee_id,)).rowcount,
        "request_events": db.execute(
            "DELETE FROM request_events WHERE request_id IN (SELECT id FROM requests WHERE employee_id = ? "
            "AND id != ?)", (employee_id, keep)).rowcount,
        "requests": db.execute("DELETE FROM requests WHERE employee_id = ? AND id != ?",
                               (employee_id, keep)).rowcount,
        "restrictions": db.execute("DELETE FROM restrictions WHERE employee_id = ? AND lifted_at IS NOT NULL",
                                   (employee_id,)).rowcount,
        "employees.contact": db.execute(
            "UPDATE employees SET gender = '', street = '', postcode = '', city = '', phone = '', email = '', "
            "job_title = '', updated_at = ? WHERE id = ? AND (gender || street || postcode || city || phone "
            "|| email || job_title) != ''", (now(), employee_id)).rowcount,
    }
    counts.update(agenda.delete_for_employee(db, employee_id))  # agenda16: the appointments
    counts.update(uwv_documents.delete_for_employee(db, employee_id))  # uwv16: functional parts
    return counts


def destroy_medical_log(db: Database, employee_id: int) -> dict[str, int]:
    """The release log of medical data and the consents behind it: they go with the medical
    dossier, as long as which they stay."""
    return {
        "releases": db.execute("DELETE FROM releases WHERE employee_id = ? AND medical = 1",
                               (employee_id,)).rowcount,
        "consents": db.execute("DELETE FROM consents WHERE employee_id = ?", (employee_id,)).rowcount,
    }


def has_payroll(db: Database, employee_id: int) -> bool:
    if billable_work.has_for_employee(db, employee_id):  # work16: the bookkeeping's lines
        return True
    if db.one("SELECT 1 FROM absence_cases WHERE employee_id = ? LIMIT 1", (employee_id,)) is not None:
        return True
    return db.one("SELECT 1 FROM employees WHERE id = ? AND contract_hours IS NOT NULL", (employee_id,)) is not None


def destroy_payroll(db: Database, employee_id: int) -> dict[str, int]:
    """The absence cases with their episodes, degrees, milestones and deadlines, and the contract
    hours. A link from another category's row to a case that goes is cleared (the row stays)."""
    cases = "SELECT id FROM absence_cases WHERE employee_id = ?"
    _move_trajectory_texts(db, employee_id)
    counts = {}
    for table in ("case_episodes", "case_levels", "case_milestones", "case_deadlines"):
        counts[table] = db.execute(f"DELETE FROM {table} WHERE case_id IN ({cases})", (employee_id,)).rowcount
    for table in ("activities", "functional_feedback", "trajectories"):
        db.execute(f"UPDATE {table} SET case_id = NULL WHERE case_id IN ({cases})", (employee_id,))
    uwv_documents.unlink_cases(db, cases, employee_id)  # uwv16
    counts["absence_cases"] = db.execute("DELETE FROM absence_cases WHERE employee_id = ?", (employee_id,)).rowcount
    counts["employees.contract_hours"] = db.execute(
        "UPDATE employees SET contract_hours = NULL, updated_at = ? WHERE id = ? AND contract_hours IS NOT NULL",
        (now(), employee_id)).rowcount
    counts.update({k: n for k, n in billable_work.release_employee(db, employee_id).items() if n})  # work16
    return counts


def _move_trajectory_texts(db: Database, employee_id: int) -> None:
    """Trajectory data kept on a case (notes of the plan of approach and evaluations, activities
    of the kind "evaluatie") moves into the trajectory's reports before the case goes."""
    open_trajectories = ("SELECT id, case_id FROM trajectories WHERE employee_id = ? AND case_id IS NOT NULL "
                         "AND anonymised_at IS NULL")
    for trajectory_id, case_id in db.query(open_trajectories, (employee_id,)):
        db.execute(
            "INSERT INTO trajectory_reports (trajectory_id, kind, on_date, summary, author_id, created_at) "
            "SELECT ?, code, done_on, note, recorded_by, ? FROM case_milestones WHERE case_id = ? "
            "AND code IN ('plan_of_approach', 'evaluation') AND note != ''", (trajectory_id, now(), case_id))
        db.execute(
            "INSERT INTO trajectory_reports (trajectory_id, kind, on_date, summary, agreements, author_id, "
            "created_at) SELECT ?, 'evaluation', on_date, description, agreements, author_id, created_at "
            "FROM activities WHERE case_id = ? AND kind = 'evaluatie'", (trajectory_id, case_id))
        db.execute("DELETE FROM activities WHERE case_id = ? AND kind = 'evaluatie'", (case_id,))


def anonymise_trajectory(db: Database, trajectory_id: int) -> dict[str, int]:
    """The trajectory's texts: provider, end reason, its reports' texts, and the notes of the plan
    of approach and evaluations on its case. Dates, track and kinds stay."""
    case_id = db.scalar("SELECT case_id FROM trajectories WHERE id = ?", (trajectory_id,))
    counts = {
        "trajectories": db.execute("UPDATE trajectories SET provider = '', end_reason = '', anonymised_at = ? "
                                   "WHERE id = ? AND anonymised_at IS NULL", (now(), trajectory_id)).rowcount,
        "trajectory_reports": db.execute("UPDATE trajectory_reports SET summary = '', agreements = '' "
                                         "WHERE trajectory_id = ?", (trajectory_id,)).rowcount,
    }
    if case_id is not None:
        counts["case_milestones.note"] = db.execute(
            "UPDATE case_milestones SET note = '' WHERE case_id = ? AND code IN ('plan_of_approach', "
            "'evaluation') AND note != ''", (case_id,)).rowcount
        counts["activities.evaluation"] = db.execute(
            "UPDATE activities SET description = '', agreements = '' WHERE case_id = ? AND kind = 'evaluatie' "
            "AND (description != '' OR agreements != '')", (case_id,)).rowcount
    return counts


def has_identity(db: Database, employee_id: int) -> bool:
    return db.one("SELECT 1 FROM employees WHERE id = ? AND anonymised_at IS NULL", (employee_id,)) is not None


def _referencing(db: Database, employee_id: int) -> int:
    """Rows of any table with a foreign key to employees that point at this employee."""
    children = db.query(
        "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
        "WHERE m.type = 'table' AND f.\"table\" = 'employees'")
    total = 0
    for table, column in children:
        total += int(db.scalar(f'SELECT count(*) FROM "{table}" WHERE "{column}" = ?', (employee_id,)))
    return total


def destroy_identity(db: Database, employee_id: int) -> dict[str, int]:
    """Name, initials, birth date, BSN, personnel number and the search entry. The row itself goes
    when nothing points at it any more; otherwise it stays as "Geanonimiseerd" with what the
    statistics need (employer, employment dates)."""
    counts = {"employee_search": db.execute("DELETE FROM employee_search WHERE rowid = ?", (employee_id,)).rowcount}
    if _referencing(db, employee_id) == 0:
        counts["employees"] = db.execute("DELETE FROM employees WHERE id = ?", (employee_id,)).rowcount
        return counts
    counts["employees.identity"] = db.execute(
        "UPDATE employees SET surname = ?, prefix = '', given_names = '', initials = '', birth_date = NULL, "
        "bsn = '', personnel_number = '', sort_key = ?, anonymised_at = ?, updated_at = ? WHERE id = ?",
        (ANONYMOUS, "\uffff" + ANONYMOUS.casefold(), now(), now(), employee_id)).rowcount
    return counts
