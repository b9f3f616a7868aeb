"""Re-integration trajectories (``domain.trajectory``): start, end, reports; an employee can have
more than one over time. Non-medical, so every role of the practice keeps them; a restricted
dossier is read-only, an anonymised trajectory is never changed.

A plan of approach or an evaluation recorded here also marks that Poortwachter step done on the
trajectory's case (its date only: the text belongs to the trajectory).
"""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.domain.dates import nl_date
from desktop_app.domain.permissions import Permission
from desktop_app.domain.poortwachter import MilestoneCode
from desktop_app.domain.trajectory import (
    EndForm,
    Report,
    ReportForm,
    Trajectory,
    TrajectoryForm,
    parse_end,
    parse_report,
    parse_trajectory,
)
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services import cases, restrictions
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import cases as cases_store
from desktop_app.storage import employees as employees_store
from desktop_app.storage import trajectories as store


@requires(Permission.PRACTICE_READ)
def get(session: Session, trajectory_id: int) -> Trajectory:
    trajectory = store.get(session.db, trajectory_id)
    if trajectory is None:
        raise NotFound(detail=f"trajectory {trajectory_id}")
    return trajectory


@requires(Permission.PRACTICE_READ)
def for_employee(session: Session, employee_id: int) -> list[Trajectory]:
    """Newest first."""
    return store.for_employee(session.db, employee_id)


@requires(Permission.PRACTICE_READ)
def reports(session: Session, trajectory_id: int) -> list[Report]:
    get(session, trajectory_id)
    return store.reports(session.db, trajectory_id)


@requires(Permission.PRACTICE_WRITE)
def start(session: Session, employee_id: int, form: TrajectoryForm, case_id: int | None = None) -> Trajectory:
    if employees_store.get(session.db, employee_id) is None:
        raise NotFound(detail=f"employee {employee_id}")
    restrictions.require_not_restricted(session, employee_id)
    if case_id is not None:
        case = cases_store.get(session.db, case_id)
        if case is None or case.employee_id != employee_id:
            raise ValidationError("case_id", "Ziekmelding: hoort niet bij deze werknemer.")
    new = parse_trajectory(form, session.today())
    with session.db.transaction():
        trajectory_id = store.insert(session.db, employee_id, case_id, new, session.user.id)
        session.record(Action.CREATE, object_type="trajectory", object_id=trajectory_id,
                       employee_id=employee_id, data=f"re-integratietraject gestart ({new.track.short})")
    return get(session, trajectory_id)


def _changeable(session: Session, trajectory_id: int) -> Trajectory:
    trajectory = get(session, trajectory_id)
    restrictions.require_not_restricted(session, trajectory.employee_id)
    if trajectory.anonymised:
        raise ValidationError("trajectory", "Dit traject is geanonimiseerd en kan niet meer worden gewijzigd.")
    return trajectory


@requires(Permission.PRACTICE_WRITE)
def end(session: Session, trajectory_id: int, form: EndForm) -> Trajectory:
    """The trajectory's end: from this date the 2-year retention runs."""
    trajectory = _changeable(session, trajectory_id)
    if not trajectory.running:
        raise ValidationError("ended_on", "Dit traject is al beëindigd.")
    ended_on, reason = parse_end(form, trajectory.started_on, session.today())
    with session.db.transaction():
        store.end(session.db, trajectory_id, ended_on, reason)
        session.record(Action.UPDATE, object_type="trajectory", object_id=trajectory_id,
                       employee_id=trajectory.employee_id, data="re-integratietraject beëindigd")
    return get(session, trajectory_id)


@requires(Permission.PRACTICE_WRITE)
def add_report(session: Session, trajectory_id: int, form: ReportForm) -> Report:
    trajectory = _changeable(session, trajectory_id)
    new = parse_report(form, trajectory.started_on, session.today())
    with session.db.transaction():
        report_id = store.insert_report(session.db, trajectory_id, new, session.user.id)
        session.record(Action.CREATE, object_type="trajectory_report", object_id=report_id,
                       employee_id=trajectory.employee_id, data=new.kind.label)
        _mark_milestone(session, trajectory, new.kind.milestone, new.on_date)
    return next(r for r in store.reports(session.db, trajectory_id) if r.id == report_id)


def _mark_milestone(session: Session, trajectory: Trajectory, code: str | None, day) -> None:
    if code is None or trajectory.case_id is None:
        return
    case = cases_store.get(session.db, trajectory.case_id)
    if case is None or day < case.first_day:
        return
    done = case.evaluations if code == "evaluation" else tuple(
        d for c, d in case.milestones_done.items() if c == code)
    if day in done:
        return
    cases.record_milestone(session, case.id, MilestoneCode(code), nl_date(day), "")
