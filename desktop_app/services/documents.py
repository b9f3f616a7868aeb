"""Producing the PDFs: the data is gathered here, with the permission each document needs and an
audit event for every document produced. The PDFs are returned as bytes (previewed from memory,
saved only by an explicit choice of place)."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop_app.audit import Action
from desktop_app.cancel import CancelToken, cancelling
from desktop_app.cancel import check as check_cancel
from desktop_app.documents import dossier_copy, feedback_letter, forms
from desktop_app.documents.layout import Letterhead
from desktop_app.domain import feedback as feedback_rules
from desktop_app.domain import names
from desktop_app.domain.dates import nl_date
from desktop_app.domain.permissions import Permission
from desktop_app.services import (
    activities,
    cases,
    consents,
    employees,
    employers,
    medical_section,
    settings,
    trajectories,
)
from desktop_app.services.attachments import checked_pieces, list_attachments
from desktop_app.services.authz import requires, unguarded
from desktop_app.services.session import Session
from desktop_app.storage import agenda as agenda_store
from desktop_app.storage import cases as cases_store
from desktop_app.storage import employee_statements, medical_entries
from desktop_app.storage import letters as letters_store
from desktop_app.storage import users as users_store
from desktop_app.storage import uwv_documents as uwv_store


@unguarded("the clock: no data")
def now() -> datetime:
    """The time a document is made, in local time."""
    return datetime.now(UTC).astimezone()


@requires(Permission.PRACTICE_READ)
def letterhead(session: Session) -> Letterhead:
    """The practice's name, address and logo (``practice_logo``, stored with the settings)."""
    return Letterhead.from_settings(settings.all_settings(session))


@requires(Permission.PRACTICE_READ)
def record_made(session: Session, title: str, employee_id: int | None = None, how: str = "pdf") -> None:
    """The audit event for a document produced (printed or exported), by its title."""
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
        names.employee_formal_name(employee.given_names, employee.initials, employee.prefix, employee.surname),
        approver.display_name if approver else "", approver.registration if approver else "")
    pdf = feedback_letter.feedback_letter_pdf(fb, parties, letterhead=letterhead(session), created=now(),
                                              password=password)
    record_made(session, feedback_letter.TITLE, fb.employee_id)
    return pdf


@requires(Permission.MEDICAL_READ, Permission.COPY_SIGN_OFF)
def dossier_copy_pdf(session: Session, employee_id: int, *, include_attachments: set[int] = frozenset(),
                     password: str | None = None, progress=None, cancel: CancelToken | None = None) -> bytes:
    """The copy for the employee: a physician signs off by producing it. Personal working notes
    are never part of it; entries marked as concerning others are left out, and the copy says so.
    ``cancel`` stops it between entries, attachments and pages; nothing is written or recorded
    until the whole copy is made."""
    mdb = session.medical()
    employee = employees.open_dossier(session, employee_id)
    user_names = medical_section.author_names(session)
    left_out = []
    entries = []
    for versions in medical_entries.versions_for(mdb, employee_id, user_names).values():
        check_cancel(cancel)
        current = versions[-1]
        if current.third_party_privacy:
            left_out.append(f"{current.kind.label} van {nl_date(current.entry_date)}: bevat gegevens "
                            "over anderen (privacy van derden)")
            continue
        entries.append(versions)
    entries.sort(key=lambda versions: (versions[-1].entry_date, versions[-1].id))
    left_out.append("Persoonlijke werkaantekeningen van de bedrijfsarts maken geen deel uit van het dossier.")
    statements = [(nl_date(st.received_on), st.statement) for st in employee_statements.for_employee(mdb, employee_id)]
    attachments = []
    for a in list_attachments(session, employee_id):
        check_cancel(cancel)
        data = b"".join(checked_pieces(session, a)) if a.id in include_attachments else None
        attachments.append((a.filename, a.mime, data))
    contents = dossier_copy.CopyContents(
        employee.display_name, nl_date(employee.birth_date), employee.employer_name,
        ["verzuim en re-integratie", "terugkoppeling", "activiteiten", "toestemmingen", "brieven",
         "medische aantekeningen", "verklaringen", "bijlagen"],
        f"{session.user.display_name}, bedrijfsarts", entries, statements, attachments,
        _practice_part(session, employee_id), left_out)
    pdf = dossier_copy.dossier_copy_pdf(contents, letterhead=letterhead(session), created=now(),
                                        password=password, progress=cancelling(progress, cancel))
    check_cancel(cancel)
    record_made(session, dossier_copy.TITLE, employee_id)
    return pdf


def _practice_part(session: Session, employee_id: int) -> list[tuple[str, str]]:
    """Section 1 of the copy: every absence with its Poortwachter steps, the re-integration
    trajectories with their reports, the feedback to the employer, the activities and the
    consents, the UWV documents, the appointments and the letters: all the employee is entitled to
    see, oldest first
    within each kind."""
    part: list[tuple[str, str]] = []
    for case in sorted(cases.for_employee(session, employee_id), key=lambda c: c.first_day):
        status = f"hersteld per {nl_date(case.recovered_on)}" if case.recovered_on else "lopend"
        notes = cases_store.milestone_notes(session.db, case.id)
        steps = [f"{m.label}: gedaan op {nl_date(m.done)}" + (f". {notes[str(m.code)]}" if str(m.code) in notes else "")
                 for m in cases.timeline(session, case) if m.done is not None]
        part.append((f"Verzuim vanaf {nl_date(case.first_day)}",
                     "\n".join([f"{case.kind.label}; {status}", *steps])))
    for t in sorted(trajectories.for_employee(session, employee_id), key=lambda t: t.started_on):
        lines = [f"Uitvoerder: {t.provider}" if t.provider else "",
                 f"Beëindigd: {t.end_reason}" if t.ended_on and t.end_reason else ""]
        for r in trajectories.reports(session, t.id):
            lines.append(f"{nl_date(r.on_date)} · {r.kind.label}: {r.summary}"
                         + (f" Afspraken: {r.agreements}" if r.agreements else ""))
        part.append((f"Re-integratietraject: {t.label}", "\n".join(x for x in lines if x) or "Geen rapportages."))
    for f in sorted(activities.feedback_for(session, employee_id), key=lambda f: (f.assessed_on, f.id)):
        state = f"goedgekeurd door {f.approver_name}" if f.approved else "concept, nog niet goedgekeurd"
        lines = [f"Oordeel: {f.fitness.label}", f"Beperkingen: {f.limitations}" if f.limitations else "",
                 f"Mogelijkheden: {f.remaining_capacity}" if f.remaining_capacity else "",
                 f"Verwachte duur: {f.expected_duration.label}", f"Advies: {f.advice}",
                 f"Aanpassingen: {f.adjustments}" if f.adjustments else ""]
        part.append((f"{nl_date(f.assessed_on)} · Terugkoppeling aan de werkgever ({state})",
                     "\n".join(x for x in lines if x)))
    for a in reversed(activities.activities(session, employee_id)):  # oldest first, like the entries
        part.append((f"{nl_date(a.on_date)} · {a.kind.label}",
                     a.description + (f"\nAfspraken: {a.agreements}" if a.agreements else "")))
    for c in sorted(consents.for_employee(session, employee_id), key=lambda c: (c.given_on, c.id)):
        to = ", ".join(x for x in (c.recipient_name, c.recipient_organisation, c.role_label) if x)
        end = f"ingetrokken op {nl_date(c.revoked_on)}" if c.revoked_on else f"geldig tot {nl_date(c.valid_until)}"
        part.append((f"{nl_date(c.given_on)} · Toestemming voor {to}",
                     f"Gegevens: {c.data_scope}\nDoel: {c.purpose}\n{end[0].upper()}{end[1:]}"))
    for d in sorted(uwv_store.for_employee(session.db, employee_id), key=lambda d: (d.assessed_on, d.id)):
        # the problem analysis's and the current assessment's part for employer and employee (the
        # problem analysis's medical part is a medical entry: in section 2)
        part.append((f"{nl_date(d.assessed_on)} · {d.kind.label} ({d.state_label})",
                     "\n".join(f"{label}: {text}" for label, text in d.functional_rows() if text)))
    notices = {n.booking_id: n for n in agenda_store.no_show_notices(session.db, employee_id=employee_id)}
    for b in sorted(agenda_store.bookings_for(session.db, employee_id), key=lambda b: (b.starts, b.id)):
        lines = [f"{b.location.label}; {b.state.label}" + ("; op eigen vraag (open spreekuur)" if b.confidential else "")]
        if b.id in notices:
            lines.append("De werkgever is gemeld dat u niet verscheen (zonder reden)"
                         + (f"; brief gemaakt op {nl_date(datetime.fromisoformat(notices[b.id].letter_made_at).date())}"
                            if notices[b.id].letter_made_at else "; brief nog niet gemaakt"))
        part.append((f"{nl_date(b.starts.date())} {b.starts:%H:%M} · Afspraak op het spreekuur", "\n".join(lines)))
    for k in reversed(letters_store.letters_for(session.db, employee_id)):  # letters from templates, oldest first
        made_on = nl_date(datetime.fromisoformat(k.made_at).date())
        part.append((f"{made_on} · Brief: {k.title}, aan {k.addressee}", f"{k.subject}\n\n{k.body}"))
    return part


@requires(Permission.CONSENT_WORDING)
def consent_form_pdf(session: Session, data: forms.ConsentFormData) -> bytes:
    pdf = forms.consent_form_pdf(data, letterhead=letterhead(session), created=now())
    record_made(session, "Toestemmingsformulier")
    return pdf


@requires(Permission.PRACTICE_READ)
def authorisation_form_pdf(session: Session, data: forms.AuthorisationFormData) -> bytes:
    pdf = forms.authorisation_form_pdf(data, letterhead=letterhead(session), created=now())
    record_made(session, "Machtigingsformulier")
    return pdf
