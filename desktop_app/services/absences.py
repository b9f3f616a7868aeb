"""Physicians' absences: while one is absent, the supervising physician decides on the releases
addressed to them (``services.releases``).

An admin (``USERS_MANAGE``) records and withdraws anyone's absence; a physician their own. The
check for another's absence goes through ``authz.check``, so a refusal is on the audit trail.
Everyone may see who is absent when (it names no employee).
"""

from __future__ import annotations

from datetime import date

from desktop_app.audit import Action
from desktop_app.domain import validation
from desktop_app.domain.absences import Absence
from desktop_app.domain.field_errors import Fields, optional
from desktop_app.domain.permissions import Permission
from desktop_app.domain.roles import User
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services import authz
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import absences as store
from desktop_app.storage import users as users_store
from desktop_app.storage.absences import NewAbsence

__all__ = ["Absence", "absence_on", "list_absences", "record_absence", "withdraw_absence"]


def _may_manage(session: Session, name: str, user: User) -> None:
    if user.id != session.user.id:
        authz.check(session, name, [Permission.USERS_MANAGE])


@requires(Permission.PRACTICE_WRITE)
def record_absence(session: Session, physician: str, starts_on: str, ends_on: str = "",
                   note: str = "") -> Absence:
    """Record that ``physician`` (a username) is absent from ``starts_on`` to ``ends_on``
    (dd-mm-jjjj, inclusive; empty: until further notice)."""
    f = Fields()
    user = users_store.by_username(session.db, physician.strip().casefold())
    if user is None or not user.is_physician:
        f.fail("physician", "Arts: kies de bedrijfsarts die afwezig is.")
    else:
        _may_manage(session, "absences.record_absence", user)
    start = f.take("starts_on", validation.parse_date_nl, starts_on, "starts_on", label="Afwezig vanaf")
    end = f.take("ends_on", optional(validation.parse_date_nl), ends_on, "ends_on", label="Afwezig tot en met")
    if start and end and end < start:
        f.fail("ends_on", "Afwezig tot en met: ligt vóór de eerste dag.")
    text = f.take("note", validation.text, note, "note", label="Toelichting", max_length=200)
    f.done()
    with session.db.transaction():
        absence_id = store.insert(session.db, NewAbsence(user.id, start, end, text or "",  # type: ignore[union-attr,arg-type]
                                                         session.user.id))
        session.record(Action.CREATE, object_type="absence", object_id=absence_id,
                       data="afwezigheid van een bedrijfsarts vastgelegd")
    return store.get(session.db, absence_id)  # type: ignore[return-value]


@requires(Permission.PRACTICE_WRITE)
def withdraw_absence(session: Session, absence_id: int) -> Absence:
    """An absence recorded by mistake, or cut short: it no longer counts from now on."""
    absence = store.get(session.db, absence_id)
    if absence is None:
        raise NotFound(detail=f"absence {absence_id}")
    user = users_store.by_id(session.db, absence.user_id)
    if user is None:
        raise NotFound(detail=f"user {absence.user_id}")
    _may_manage(session, "absences.withdraw_absence", user)
    if absence.withdrawn_at is not None:
        raise ValidationError("absence", "Deze afwezigheid is al ingetrokken.")
    with session.db.transaction():
        store.withdraw(session.db, absence_id, session.user.id)
        session.record(Action.UPDATE, object_type="absence", object_id=absence_id,
                       data="afwezigheid van een bedrijfsarts ingetrokken")
    return store.get(session.db, absence_id)  # type: ignore[return-value]


@requires(Permission.PRACTICE_READ)
def list_absences(session: Session) -> list[Absence]:
    """Absences that run now or start later."""
    return store.current_and_future(session.db, session.today())


@requires(Permission.PRACTICE_READ)
def absence_on(session: Session, user_id: int, day: date) -> Absence | None:
    """The recorded absence of a physician on ``day``, if any."""
    return store.covering(session.db, user_id, day)
