"""The occupational-disease report to the NCvB (Arbowet art. 9 lid 3), a legal duty of the
company physician: made from a form and the dossier's sex and birth date only, and sent as a
release under that legal duty (``services.releases.request_legal_release``), which a physician
reviews and whose hand-over is recorded like any other."""

from __future__ import annotations

from desktop_app.documents.ncvb_report import ncvb_report_pdf
from desktop_app.domain.ncvb import SEX_LABELS, NcvbForm, NcvbReport, age_class, check
from desktop_app.domain.permissions import Permission
from desktop_app.domain.releases import LegalBasis
from desktop_app.services import employees, releases
from desktop_app.services.authz import requires
from desktop_app.services.documents import letterhead, now, record_made
from desktop_app.services.session import Session

FILENAME = "melding-beroepsziekte-ncvb.pdf"


@requires(Permission.MEDICAL_CLINICAL)
def suggested_profession(session: Session, employee_id: int) -> str:
    """The job title in the dossier, as a start for the form's "Beroep"."""
    return employees.open_dossier(session, employee_id).job_title


@requires(Permission.MEDICAL_CLINICAL)
def report_pdf(session: Session, employee_id: int, form: NcvbForm) -> bytes:
    """The report as the NCvB receives it; ValidationErrors name the fields at fault."""
    check(form)
    employee = employees.open_dossier(session, employee_id)
    today = session.today()
    report = NcvbReport(form, SEX_LABELS.get(employee.gender, "onbekend"), age_class(employee.birth_date, today),
                        today, session.user.display_name, session.user.registration)
    pdf = ncvb_report_pdf(report, letterhead=letterhead(session), created=now())
    record_made(session, "Melding beroepsziekte NCvB", employee_id)
    return pdf


@requires(Permission.MEDICAL_CLINICAL, Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING)
def request_report(session: Session, employee_id: int, form: NcvbForm, *, physician: str):
    """Make the report and ask for its release under the legal duty, to be reviewed by
    ``physician``. The report (which names the disease) is kept with the release in the medical
    section; the release's own wording, in the practice section, says only "Melding beroepsziekte"."""
    pdf = report_pdf(session, employee_id, form)
    basis = LegalBasis.NCVB
    return releases.request_legal_release(
        session, employee_id, basis.value, physician=physician, recipient_name=basis.recipient,
        what=basis.what, purpose=basis.purpose, document=pdf, filename=FILENAME)
