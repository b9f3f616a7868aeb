"""What a session changed, for the windows that show it (decision 0012).

Every change the core makes is recorded in the audit trail (``Session.record``): a create, an
update, a delete, a release, a backup, a change of users. The session also keeps, for the client,
which object each committed change concerned: its kind (the audit event's ``object_type``:
``"employee"``, ``"employer"``, ``"absence_case"``, ``"consent"``, ``"release"``, ``"request"``,
``"consultation_booking"`` …), its id and the employee whose dossier it belongs to. A change
whose transaction rolled back is not kept. The client takes them after each piece of work
(``Session.take_changes``, on the database thread) and tells its windows; the core knows no
window and imports no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.audit_events import Action, Outcome

__all__ = ["CHANGING", "Change", "change_of"]

# The audit actions that change something a window shows (reads, prints and logins do not).
CHANGING = frozenset({Action.CREATE, Action.UPDATE, Action.DELETE, Action.RELEASE, Action.BACKUP,
                      Action.RESTORE, Action.USER_CHANGE})


@dataclass(frozen=True)
class Change:
    kind: str  # the audit event's object_type
    id: int  # the object's id; 0 where the event names none (or not by number)
    employee_id: int | None = None  # the dossier it belongs to, if any


def change_of(action: Action | str, outcome: Outcome | str, object_type: str, object_id: str | int,
              employee_id: int | None) -> Change | None:
    """The change an audit event records, or None for an event that changes nothing shown."""
    if str(action) not in CHANGING or str(outcome) != Outcome.OK:
        return None
    text = str(object_id)
    return Change(object_type, int(text) if text.isdigit() else 0, employee_id)
