"""The register of processing activities (AVG art. 30) as a PDF."""

from __future__ import annotations

from desktop_app.documents import reports
from desktop_app.domain.permissions import Permission
from desktop_app.services import settings
from desktop_app.services.authz import requires
from desktop_app.services.documents import letterhead, now, record_made
from desktop_app.services.session import Session


@requires(Permission.PRACTICE_READ)
def register_pdf(session: Session) -> bytes:
    pdf = reports.register_pdf(settings.all_settings(session), letterhead=letterhead(session), created=now())
    record_made(session, "Register van verwerkingsactiviteiten")
    return pdf
