"""The non-medical log of a dossier (every role), and functional feedback for the employer.

Feedback may be drafted by anyone in the practice (a case manager often does), but only a
physician approves it (``Permission.RELEASE_APPROVE``: it is what leaves for the employer), and
only approved feedback can be printed or sent (``domain.feedback.require_approved``). An approved
feedback is never changed: a new assessment is a new record.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app.audit import Action
from desktop_app.domain.billing import Source, parse_work
from desktop_app.domain.cases import (
    Activity,
    ActivityForm,
    FeedbackForm,
    FunctionalFeedback,
    parse_activity,
    parse_feedback,
)
from desktop_app.domain.permissions import Permission
from desktop_app.errors import ValidationError, ValidationErrors
from desktop_app.services import billable_work, restrictions
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import activities as store
from desktop_app.storage import cases as cases_store
from desktop_app.storage import employees as employees_store
from desktop_app.storage.lookup import get_or_not_found


def _check_target(session: Session, employee_id: int, case_id: int | None) -> None:
    get_or_not_found(employees_store.get, session.db, employee_id, what="employee")
    if case_id is not None:
        case = cases_store.get(session.db, case_id)
        if case is None or case.employee_id != employee_id:
            raise ValidationError("case_id", "Ziekmelding: hoort niet bij deze werknemer.")
    restrictions.require_not_restricted(session, employee_id)


@requires(Permission.PRACTICE_WRITE)
def add_activity(session: Session, employee_id: int, form: ActivityForm, case_id: int | None = None,
                 *, work: Mapping[str, str] | None = None) -> Activity:
    """An activity; ``work`` (``work_kind``, ``minutes``) its billable time (``billable_work``)."""
    _check_target(session, employee_id, case_id)
    on, kind, description, agreements = _parse_with_work(form, work, session.today())
    billed = parse_work(work)
    with session.db.transaction():
        activity_id = store.insert_activity(session.db, store.NewActivity(
            employee_id, case_id, on, kind, description, agreements, session.user.id))
        if billed is not None:
            billable_work.record(session, employee_id, Source.ACTIVITY, activity_id, on, billed)
        session.record(Action.CREATE, object_type="activity", object_id=activity_id,
                       employee_id=employee_id, data=kind.value)
    return next(a for a in store.activities_for(session.db, employee_id) if a.id == activity_id)


def _parse_with_work(form: ActivityForm, work: Mapping[str, str] | None, today):
    """The activity and its time, every wrong field of both at once."""
    errors: dict[str, str] = {}
    parsed = None
    try:
        parsed = parse_activity(form, today)
    except ValidationErrors as exc:
        errors.update(exc.errors)
    try:
        parse_work(work)
    except ValidationErrors as exc:
        errors.update(exc.errors)
    if errors:
        raise ValidationErrors(errors)
    return parsed


@requires(Permission.PRACTICE_READ)
def activities(session: Session, employee_id: int) -> list[Activity]:
    return store.activities_for(session.db, employee_id)


@requires(Permission.PRACTICE_WRITE)
def add_feedback(session: Session, employee_id: int, form: FeedbackForm, case_id: int | None = None) -> FunctionalFeedback:
    _check_target(session, employee_id, case_id)
    values = parse_feedback(form, session.today())
    with session.db.transaction():
        feedback_id = store.insert_feedback(session.db, store.NewFeedback(
            employee_id=employee_id, case_id=case_id, author_id=session.user.id, **values))
        session.record(Action.CREATE, object_type="functional_feedback", object_id=feedback_id,
                       employee_id=employee_id, data="concept terugkoppeling werkgever")
    return get_feedback(session, feedback_id)


@requires(Permission.PRACTICE_WRITE, Permission.RELEASE_APPROVE)
def approve_feedback(session: Session, feedback_id: int) -> FunctionalFeedback:
    feedback = get_feedback(session, feedback_id)
    if feedback.approved:
        return feedback
    restrictions.require_not_restricted(session, feedback.employee_id)
    with session.db.transaction():
        store.approve_feedback(session.db, feedback_id, session.user.id)
        session.record(Action.UPDATE, object_type="functional_feedback", object_id=feedback_id,
                       employee_id=feedback.employee_id, data="terugkoppeling goedgekeurd")
    return get_feedback(session, feedback_id)


@requires(Permission.PRACTICE_READ)
def get_feedback(session: Session, feedback_id: int) -> FunctionalFeedback:
    return get_or_not_found(store.get_feedback, session.db, feedback_id, what="feedback")


@requires(Permission.PRACTICE_READ)
def feedback_for(session: Session, employee_id: int) -> list[FunctionalFeedback]:
    return store.feedback_for(session.db, employee_id)
