"""Billable work: the time and kind a consultation, an examination or an activity carries, recorded
with the work itself (``medical_entries.add_entry``, ``activities.add_activity`` take the form's
``work_kind`` and ``minutes``) and kept in practice.db without any medical content
(``domain.billing``). The overview per employer per month is ``billable_overview``.
"""

from __future__ import annotations

from datetime import date

from desktop_app.domain.billing import Source, Work
from desktop_app.domain.permissions import Permission
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import billable_work as store
from desktop_app.storage import employees as employees_store
from desktop_app.storage.lookup import get_or_not_found


@requires(Permission.PRACTICE_WRITE)
def record(session: Session, employee_id: int, source: Source, source_id: int, on: date, work: Work,
           *, confidential: bool = False) -> int:
    """One line of billable work for a consultation, examination or activity just recorded, for
    the employer the employee works for now. Call inside a practice.db transaction (or alone)."""
    employee = get_or_not_found(employees_store.get, session.db, employee_id, what="employee")
    return store.insert(session.db, store.NewLine(employee_id, employee.employer_id, on, work.kind, work.minutes,
                                                  source, source_id, confidential, session.user.id))


@requires(Permission.PRACTICE_WRITE)
def follow_correction(session: Session, source: Source, source_id: int, *, confidential: bool) -> None:
    """After a correction of the consultation it bills (its occasion changed to or from the
    employee's own question): the line names the employee, or no one, as the entry now says."""
    with session.db.transaction():
        store.set_confidential(session.db, source, source_id, confidential)
