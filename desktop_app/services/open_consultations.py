"""Consultations without an absence case (``domain.medical.open_consultations``): what a new
consultation from an appointment is about by default."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.medical.open_consultations import Occasion
from desktop_app.domain.medical.open_consultations import default_occasion as _default
from desktop_app.domain.permissions import Permission
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import agenda as agenda_store
from desktop_app.storage import cases as cases_store


@requires(Permission.MEDICAL_READ)
def default_occasion(session: Session, employee_id: int, on: date) -> str:
    """The employee's own question when an own-question appointment (``agenda``, confidential) of
    the employee falls on ``on``; else the absence guidance ("") while a case of the employee runs
    that day; otherwise the own question (an appointment for an employee without an absence case)."""
    if any(b.confidential and b.active and b.starts.date() == on
           for b in agenda_store.bookings_for(session.db, employee_id)):
        return Occasion.OWN_QUESTION.value
    return _default(cases_store.for_employee(session.db, employee_id), on)
