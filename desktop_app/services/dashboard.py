"""The dashboard per employer and for the practice: absence percentage and notification frequency
by month, open cases by duration class, overdue Poortwachter steps. The figures come from the
statistics' own computation (``services.statistics.staff_and_cases``), with its small-group rule."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.domain.dashboard import Dashboard, build
from desktop_app.domain.permissions import Permission
from desktop_app.domain.statistics import StatCase, StatEmployee
from desktop_app.services import employers
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.services.statistics import staff_and_cases
from desktop_app.storage import cases as cases_store

PRACTICE = "Hele praktijk"


@requires(Permission.PRACTICE_READ)
def employer_dashboard(session: Session, employer_id: int) -> Dashboard:
    today = session.today()
    inputs = staff_and_cases(session, employer_id)
    return build(inputs.name, inputs.people, inputs.cases, today,
                 cases_store.overdue_count(session.db, today, employer_id),
                 full_time_hours=inputs.full_time_hours, workforce_for=inputs.workforce)


@requires(Permission.PRACTICE_READ)
def practice_dashboard(session: Session) -> Dashboard:
    """All employers as one group: their staff and cases together, each employee's part-time
    factor on a 40-hour week (employers' own full-time weeks and workforce figures differ, so
    they are not combined; the per-employer dashboards use them)."""
    today = session.today()
    people: list[StatEmployee] = []
    cases: list[StatCase] = []
    for employer in employers.list_all(session):
        inputs = staff_and_cases(session, employer.id)
        offset = len(people)
        people.extend(inputs.people)
        cases.extend(replace(c, employee_index=c.employee_index + offset) for c in inputs.cases)
    return build(PRACTICE, people, cases, today, cases_store.overdue_count(session.db, today))
