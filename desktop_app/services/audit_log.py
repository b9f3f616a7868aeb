"""Reading the audit trail: the one way in for the client and the other services.

The whole trail is for physicians (``Permission.AUDIT_READ``). The employee's own access-log
extract (who saw or changed what of their dossier) is made by medical staff
(``Permission.ACCESS_LOG_EXTRACT``) and holds only that employee's lines, without the lines about
the physician's personal working notes (not part of the dossier) or about reading the trail.
Every read is itself recorded by the trail.
"""

from __future__ import annotations

from desktop_app.audit import Action, Event
from desktop_app.domain.permissions import Permission
from desktop_app.services.authz import requires
from desktop_app.services.session import Session

EXTRACT_LIMIT = 5000
_NOT_IN_EXTRACT_ACTIONS = frozenset({Action.READ_AUDIT.value})
_NOT_IN_EXTRACT_OBJECTS = frozenset({"working_note"})


@requires(Permission.AUDIT_READ)
def events(session: Session, *, employee_id: int | None = None, limit: int = 1000,
           offset: int = 0) -> list[Event]:
    """Events of the whole trail (or of one employee), newest first."""
    return session.audit.events(session.actor, employee_id=employee_id, limit=limit, offset=offset)


@requires(Permission.ACCESS_LOG_EXTRACT)
def extract(session: Session, employee_id: int) -> list[Event]:
    """The lines of one employee's access-log extract, newest first."""
    return [e for e in session.audit.events(session.actor, employee_id=employee_id, limit=EXTRACT_LIMIT)
            if e.action not in _NOT_IN_EXTRACT_ACTIONS and e.object_type not in _NOT_IN_EXTRACT_OBJECTS]
