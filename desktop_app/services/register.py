"""The register of processing activities (AVG art. 30), generated from the settings and the
rules the program applies (``domain.processing_register``), as data and as a PDF."""

from __future__ import annotations

from desktop_app.documents import reports
from desktop_app.domain import statistics
from desktop_app.domain.permissions import Permission
from desktop_app.domain.processing_register import ProcessingRegister, RegisterInputs, build
from desktop_app.domain.requests import RECIPIENT_ROLES
from desktop_app.domain.retention import RULES
from desktop_app.services import retention, settings
from desktop_app.services.authz import requires
from desktop_app.services.documents import letterhead, now, record_made
from desktop_app.services.session import Session

__all__ = ["ProcessingRegister", "register", "register_pdf"]


@requires(Permission.PRACTICE_READ)
def register(session: Session) -> ProcessingRegister:
    values = settings.all_settings(session)
    periods = retention.periods(session)
    recipients = [label for key, label in RECIPIENT_ROLES.items() if key not in ("employer", "other")]
    return build(RegisterInputs(
        settings=values, setting_labels={s.key: s.label for s in settings.SETTINGS},
        retention_years={name: getattr(periods, name) for name in RULES}, consent_recipients=recipients,
        min_group=statistics.MIN_GROUP, min_cell=statistics.MIN_CELL))


def _years(periods) -> dict[str, int]:
    """The periods in force by rule name (the retention service gives them as ``Periods``)."""
    from desktop_app.domain.retention import RULES

    return {name: getattr(periods, name) for name in RULES}


@requires(Permission.PRACTICE_READ)
def register_pdf(session: Session) -> bytes:
    pdf = reports.register_pdf(register(session), letterhead=letterhead(session), created=now())
    record_made(session, "Register van verwerkingsactiviteiten")
    return pdf
