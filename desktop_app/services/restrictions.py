"""Restriction of processing (AVG art. 18): a restricted dossier can be read but not changed or
released until the restriction is lifted.

Every service that changes or releases a dossier asks ``require_not_restricted`` first. A
restriction starts at the employee's request (``services.requests.restrict``, or through a
request of that kind) and is lifted by a physician once the dispute behind it is settled, after
the employee was told (AVG art. 18 lid 3). Starting one is a change the recipients of earlier
releases are told about (AVG art. 19, ``services.notices``).
"""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.domain import validation
from desktop_app.domain.permissions import Permission
from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.services.authz import requires
from desktop_app.storage import notices as notices_store
from desktop_app.storage import restrictions as store
from desktop_app.storage.restrictions import Restriction

__all__ = ["Restricted", "Restriction", "is_restricted", "lift", "require_not_restricted", "running",
           "start"]


class Restricted(PermissionDenied):
    message = (
        "De verwerking van dit dossier is beperkt (AVG art. 18): het kan worden ingezien, maar "
        "niet gewijzigd of verstrekt tot de beperking is opgeheven."
    )


@requires(Permission.PRACTICE_READ)
def is_restricted(session, employee_id: int) -> bool:
    return store.is_running(session.db, employee_id)


@requires(Permission.PRACTICE_READ)
def require_not_restricted(session, employee_id: int) -> None:
    if is_restricted(session, employee_id):
        raise Restricted(detail=f"employee {employee_id} restricted")


@requires(Permission.PRACTICE_READ)
def running(session, employee_id: int) -> list[Restriction]:
    return store.running(session.db, employee_id)


@requires(Permission.PRACTICE_WRITE)
def start(session, employee_id: int, reason: str, *, request_id: int | None = None,
          in_transaction: bool = False) -> int:
    """Start a restriction; returns its id. The AVG-19 change is recorded with it."""
    reason = validation.text(reason, "reason", label="Reden", required=True, max_length=1000, multiline=True)

    def work() -> int:
        restriction_id = store.insert(session.db, employee_id, reason, session.user.id, request_id)
        notices_store.add_change(session.db, employee_id, "restriction", request_id, session.user.id)
        session.record(Action.UPDATE, object_type="restriction", object_id=restriction_id,
                       employee_id=employee_id, data="verwerking beperkt")
        return restriction_id

    if in_transaction:
        return work()
    with session.db.transaction():
        return work()


@requires(Permission.RESTRICTION_LIFT)
def lift(session, employee_id: int, reason: str = "", informed_on: str = "") -> int:
    """Lift the running restrictions. One started at the employee's request is lifted only after
    the employee was told (the date is recorded); returns how many were lifted."""
    current = store.running(session.db, employee_id)
    if not current:
        raise ValidationError("restriction", "Voor deze werknemer loopt geen beperking van de verwerking.")
    reason = validation.text(reason, "lift_reason", label="Reden van opheffen", max_length=1000, multiline=True)
    informed = None
    if informed_on.strip() or any(r.request_id is not None for r in current):
        informed = validation.parse_date_nl(informed_on, "employee_informed_on",
                                            label="Werknemer geïnformeerd op")
        if informed > session.today():
            raise ValidationError("employee_informed_on", "Werknemer geïnformeerd op: ligt in de toekomst.")
    with session.db.transaction():
        count = store.lift_all(session.db, employee_id, session.user.id, reason, informed)
        session.record(Action.UPDATE, object_type="restriction", employee_id=employee_id,
                       data="beperking opgeheven")
    return count
