"""An employee's whole dossier in one read, for the dossier window (and its benchmark)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.cases import AbsenceCase, Activity, FunctionalFeedback
from desktop_app.domain.dossier import Employee
from desktop_app.domain.permissions import Permission
from desktop_app.domain.poortwachter import Milestone
from desktop_app.services import activities, cases, employees, restrictions
from desktop_app.services.authz import requires
from desktop_app.services.session import Session


@dataclass(frozen=True)
class Dossier:
    employee: Employee
    cases: list[tuple[AbsenceCase, list[Milestone]]]
    activities: list[Activity]
    feedback: list[FunctionalFeedback]
    restricted: bool
    today: date


@requires(Permission.PRACTICE_READ)
def load(session: Session, employee_id: int) -> Dossier:
    """The practice part of a dossier; the read is logged. Medical entries load separately."""
    employee = employees.open_dossier(session, employee_id)
    today = session.today()
    return Dossier(
        employee,
        [(c, cases.timeline(session, c, today)) for c in cases.for_employee(session, employee_id)],
        activities.activities(session, employee_id),
        activities.feedback_for(session, employee_id),
        restrictions.is_restricted(session, employee_id),
        today,
    )
