"""The employee's access-log extract: who saw or changed what of the dossier, and what was
released to whom."""

from __future__ import annotations

from datetime import datetime

from desktop_app.audit import Action, Event
from desktop_app.documents import reports
from desktop_app.domain.dates import nl_date_time
from desktop_app.domain.permissions import Permission
from desktop_app.services import audit_log, employees
from desktop_app.services import releases as release_log
from desktop_app.services.authz import requires
from desktop_app.services.documents import letterhead, now, record_made
from desktop_app.services.session import Session
from desktop_app.storage import users as users_store


def _action(e: Event) -> str:
    """A release event says which step it was (asked, approved, handed over, stopped): its text
    names no medical detail, only the recipient's capacity, the legal article or the method. Every
    other action is labelled by the document."""
    if e.action == Action.RELEASE and e.data:
        return e.data
    return e.action


@requires(Permission.ACCESS_LOG_EXTRACT, Permission.CONSENT_WORDING)
def access_log_pdf(session: Session, employee_id: int) -> bytes:
    """The employee's own extract: who saw or changed what of the dossier, and every release
    handed over, read from the release log itself (no caller can supply or leave out a line)."""
    employee = employees.open_dossier(session, employee_id)
    releases = release_log.log_lines(session, employee_id)
    display = {u.username: u.display_name for u in users_store.all_users(session.db, include_removed=True)}
    lines = []
    for e in audit_log.extract(session, employee_id):
        when = datetime.fromisoformat(e.ts).astimezone()
        lines.append(reports.AccessLine(nl_date_time(when), display.get(e.username, e.username),
                                        e.role, display.get(e.on_behalf_of, e.on_behalf_of), _action(e),
                                        e.object_type))
    pdf = reports.access_log_pdf(employee.display_name, lines, releases,
                                 letterhead=letterhead(session), created=now())
    record_made(session, "Overzicht van inzage en verstrekking", employee_id)
    return pdf
