"""Producing the PDFs: the data is gathered here, with the permission each document needs and an
audit event for every document produced. The PDFs are returned as bytes (previewed from memory,
saved only by an explicit choice of place)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from desktop_app.audit import Action
from desktop_app.documents import dossier_copy, feedback_letter, forms, reports
from desktop_app.documents.layout import Letterhead, short_date
from desktop_app.domain import feedback as feedback_rules
from desktop_app.domain import names
from desktop_app.domain.permissions import Permission
from desktop_app.domain.statistics import StatCase, StatEmployee, compute
from desktop_app.errors import ValidationError
from desktop_app.services import (
    activities,
    audit_log,
    cases,
    employees,
    employers,
    medical_section,
    settings,
    users_store,
)
from desktop_app.services.attachments import list_attachments
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import attachments as attachments_store
from desktop_app.storage import employee_statements, medical_entries


def _now() -> datetime:
    return datetime.now(UTC).astimezone()


@requires(Permission.PRACTICE_READ)
def letterhead(session: Session) -> Letterhead:
    return Letterhead.from_settings(settings.all_settings(session) | _logo(session))


def _logo(session: Session) -> dict[str, str]:
    value = session.db.scalar("SELECT value FROM settings WHERE key = 'practice_logo'")
    return {"practice_logo": value} if value else {}


def _record(session: Session, title: str, employee_id: int | None = None, how: str = "pdf") -> None:
    session.record(Action.PRINT if how == "pdf" else Action.EXPORT, object_type="document",
                   employee_id=employee_id, data=title)


@requires(Permission.PRACTICE_READ)
def feedback_letter_pdf(session: Session, feedback_id: int, *, password: str | None = None) -> bytes:
    """Only approved feedback; there is no path that puts a medical entry into this letter."""
    fb = activities.get_feedback(session, feedback_id)
    feedback_rules.require_approved(fb)
    employee = employees.open_dossier(session, fb.employee_id)
    employer = employers.get(session, employee.employer_id)
    approver = users_store.by_id(session.db, fb.approved_by or 0)
    parties = feedback_letter.LetterParties(
        employer.name, employer.contact_name,
        ", ".join(x for x in (employer.street, f"{employer.postcode} {employer.city}".strip()) if x),
        names.formal_name(employee.initials or employee.given_names, employee.prefix, employee.surname),
        approver.display_name if approver else "", approver.registration if approver else "")
    pdf = feedback_letter.feedback_letter_pdf(fb, parties, letterhead=letterhead(session), created=_now(),
                                              password=password)
    _record(session, feedback_letter.TITLE, fb.employee_id)
    return pdf


@requires(Permission.MEDICAL_READ, Permission.COPY_SIGN_OFF)
def dossier_copy_pdf(session: Session, employee_id: int, *, include_attachments: set[int] = frozenset(),
                     password: str | None = None, progress=None) -> bytes:
    """The copy for the employee: a physician signs off by producing it. Personal working notes
    are never part of it; entries marked as concerning others are left out, and the copy says so."""
    mdb = session.medical()
    employee = employees.open_dossier(session, employee_id)
    user_names = medical_section.author_names(session)
    left_out = []
    entries = []
    for versions in medical_entries.versions_for(mdb, employee_id, user_names).values():
        current = versions[-1]
        if current.third_party_privacy:
            left_out.append(f"{current.kind.label} van {short_date(current.entry_date)}: bevat gegevens "
                            "over anderen (privacy van derden)")
            continue
        entries.append(versions)
    entries.sort(key=lambda versions: (versions[-1].entry_date, versions[-1].id))
    left_out.append("Persoonlijke werkaantekeningen van de bedrijfsarts maken geen deel uit van het dossier.")
    statements = [(short_date(st.received_on), st.statement) for st in employee_statements.for_employee(mdb, employee_id)]
    attachments = []
    for a in list_attachments(session, employee_id):
        data = attachments_store.data(mdb, a.id) if a.id in include_attachments else None
        attachments.append((a.filename, a.mime, data))
    practice_part = []
    for case in cases.for_employee(session, employee_id):
        status = f"hersteld per {short_date(case.recovered_on)}" if case.recovered_on else "lopend"
        practice_part.append((f"Verzuim vanaf {short_date(case.first_day)}", f"{case.kind.label}; {status}"))
    for a in reversed(activities.activities(session, employee_id)):  # oldest first, like the entries
        practice_part.append((f"{short_date(a.on_date)} · {a.kind.label}",
                              a.description + (f"\nAfspraken: {a.agreements}" if a.agreements else "")))
    contents = dossier_copy.CopyContents(
        employee.display_name, short_date(employee.birth_date), employee.employer_name,
        ["verzuim en re-integratie", "medische aantekeningen", "verklaringen", "bijlagen"],
        f"{session.user.display_name}, bedrijfsarts", entries, statements, attachments, practice_part, left_out)
    pdf = dossier_copy.dossier_copy_pdf(contents, letterhead=letterhead(session), created=_now(),
                                        password=password, progress=progress)
    _record(session, dossier_copy.TITLE, employee_id)
    return pdf


@requires(Permission.CONSENT_WORDING)
def consent_form_pdf(session: Session, data: forms.ConsentFormData) -> bytes:
    pdf = forms.consent_form_pdf(data, letterhead=letterhead(session), created=_now())
    _record(session, "Toestemmingsformulier")
    return pdf


@requires(Permission.PRACTICE_READ)
def authorisation_form_pdf(session: Session, data: forms.AuthorisationFormData) -> bytes:
    pdf = forms.authorisation_form_pdf(data, letterhead=letterhead(session), created=_now())
    _record(session, "Machtigingsformulier")
    return pdf


@requires(Permission.ACCESS_LOG_EXTRACT, Permission.CONSENT_WORDING)
def access_log_pdf(session: Session, employee_id: int, releases: list[tuple[str, str, str, str]] | None = None) -> bytes:
    """The employee's own extract: who saw or changed what of the dossier, and what was released
    (the release log, unless ``releases`` gives the lines)."""
    employee = employees.open_dossier(session, employee_id)
    if releases is None:
        from desktop_app.services import releases as release_log

        releases = release_log.log_lines(session, employee_id)
    display = {u.username: u.display_name for u in users_store.all_users(session.db, include_removed=True)}
    lines = []
    for e in audit_log.extract(session, employee_id):
        when = datetime.fromisoformat(e.ts).astimezone()
        lines.append(reports.AccessLine(when.strftime("%d-%m-%Y %H:%M"), display.get(e.username, e.username),
                                        e.role, display.get(e.on_behalf_of, e.on_behalf_of), e.action,
                                        e.object_type))
    pdf = reports.access_log_pdf(employee.display_name, lines, releases,
                                 letterhead=letterhead(session), created=_now())
    _record(session, "Overzicht van inzage en verstrekking", employee_id)
    return pdf


@requires(Permission.PRACTICE_READ)
def statistics_pdf(session: Session, employer_id: int, start: date, end: date) -> bytes:
    if end < start:
        raise ValidationError("end", "Periode: het einde ligt vóór het begin.")
    employer = employers.get(session, employer_id)
    stats = employer_statistics(session, employer_id, start, end)
    pdf = reports.statistics_pdf(employer.name, stats, letterhead=letterhead(session), created=_now())
    _record(session, "Verzuimstatistiek")
    return pdf


@requires(Permission.PRACTICE_READ)
def employer_statistics(session: Session, employer_id: int, start: date, end: date):
    people = session.db.query("SELECT id, contract_hours, employment_start, employment_end FROM employees "
                              "WHERE employer_id = ?", (employer_id,))
    index = {row[0]: i for i, row in enumerate(people)}
    staff = [StatEmployee(min(1.0, (r[1] or 40) / 40), date.fromisoformat(r[2]) if r[2] else None,
                          date.fromisoformat(r[3]) if r[3] else None) for r in people]
    stat_cases = []
    for row in session.db.query("SELECT c.id FROM absence_cases c JOIN employees e ON e.id = c.employee_id "
                                "WHERE e.employer_id = ?", (employer_id,)):
        c = cases.get(session, row[0])
        stat_cases.append(StatCase(index[c.employee_id], c.first_day, c.recovered_on, c.kind.value == "pregnancy",
                                   tuple((lv.from_date, lv.percentage) for lv in c.levels),
                                   tuple((ep.start, ep.end) for ep in c.episodes)))
    return compute(staff, stat_cases, start, end)


@requires(Permission.PRACTICE_READ)
def register_pdf(session: Session) -> bytes:
    pdf = reports.register_pdf(settings.all_settings(session), letterhead=letterhead(session), created=_now())
    _record(session, "Register van verwerkingsactiviteiten")
    return pdf
