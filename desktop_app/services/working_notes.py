"""The physician's personal working notes (DESIGN.md §4).

Kept apart from the dossier: never part of an inspection or a copy (``services.medical_entries.
list_entries`` never returns them), destroyed with the dossier. Only a physician writes them, and
only their author ever sees them: another physician or an assistant gets an empty list — not an
error and not a count, so nothing tells them notes exist — and a case manager is refused the
medical section altogether. The author's reads are logged without a count for the same reason. A
restricted dossier (AVG art. 18) takes no new notes.
"""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.domain.medical.working_notes import WorkingNote, parse_working_note
from desktop_app.domain.permissions import Permission
from desktop_app.services import restrictions
from desktop_app.services.authz import requires
from desktop_app.services.medical_section import require_employee
from desktop_app.services.session import Session
from desktop_app.storage import working_notes as store


@requires(Permission.MEDICAL_CLINICAL)
def add_working_note(session: Session, employee_id: int, body: str) -> WorkingNote:
    mdb = session.medical()
    require_employee(session, employee_id)
    restrictions.require_not_restricted(session, employee_id)
    text = parse_working_note(body)
    with mdb.transaction():
        note_id = store.insert(mdb, employee_id, session.user.id, text)
        session.record(Action.CREATE, object_type="working_note", object_id=note_id,
                       employee_id=employee_id, data="eigen werkaantekening")
    return store.get_own(mdb, note_id, session.user.id)  # type: ignore[return-value]


@requires(Permission.MEDICAL_READ)
def list_working_notes(session: Session, employee_id: int) -> list[WorkingNote]:
    """The caller's own notes on this employee, oldest first; nobody else's."""
    mdb = session.medical()
    if not session.holds((Permission.MEDICAL_CLINICAL,)):
        return []  # only a physician writes notes, so nobody else has any (and no read is logged)
    notes = store.own_for_employee(mdb, employee_id, session.user.id)
    session.record(Action.READ_MEDICAL, object_type="working_notes", employee_id=employee_id,
                   data="eigen werkaantekeningen")
    return notes
