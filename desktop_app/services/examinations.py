"""Examinations (keuringen): the outcome letter, and its hand-over, first to the employee, then
(if the employee does not stop it) to the employer.

The examination itself is a medical entry (``EntryKind.EXAMINATION``, recorded by the physician
with ``medical_entries.add_entry``): its findings stay in the medical section. What leaves is the
outcome letter (``documents.examination_outcome``): the kind of examination, its date, "geschikt"
or "niet geschikt" — the same letter for both. Each hand-over is logged as a release (how, when,
by whom, to whom), as functional feedback is (``releases.release_feedback_to_employer``), and
appears in the employee's access-log extract.

Permissions: reading the outcome needs the medical section (``MEDICAL_READ``: the physician, or
the assistant under derived medical secrecy who hands letters over); recording a hand-over also
``PRACTICE_WRITE``. A case manager does neither.
"""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.documents import examination_outcome
from desktop_app.documents.letter_parts import Addressee
from desktop_app.domain import names, validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.field_errors import Fields, optional
from desktop_app.domain.medical.entries import MedicalEntry
from desktop_app.domain.medical.examinations import (
    ExaminationBody,
    OutcomeLetter,
    OutcomeStatus,
    outcome_handover_problems,
)
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.domain.permissions import Permission
from desktop_app.domain.releases import Handover, Method
from desktop_app.errors import Conflict, NotFound, ValidationErrors
from desktop_app.services import employees, employers, medical_entries, restrictions
from desktop_app.services.authz import requires
from desktop_app.services.documents import letterhead, now, record_made
from desktop_app.services.session import Session
from desktop_app.storage import examination_releases as store
from desktop_app.storage import users as users_store

EMPLOYEE = "employee"
EMPLOYER = "employer"


def _examination(session: Session, entry_id: int) -> tuple[MedicalEntry, ExaminationBody]:
    entry = medical_entries.get_entry(session, entry_id)
    if entry.kind is not EntryKind.EXAMINATION:
        raise NotFound("Dit is geen keuring.", detail=f"entry {entry_id} is {entry.kind}")
    return entry, entry.content  # type: ignore[return-value]


def _letter(session: Session, entry: MedicalEntry, body: ExaminationBody) -> OutcomeLetter:
    employee = employees.open_dossier(session, entry.employee_id)
    author = users_store.by_id(session.db, entry.author_id)
    return OutcomeLetter(employee.display_name, employee.birth_date, employee.employer_name,
                         employee.job_title, body.examination, entry.entry_date, body.outcome,
                         author.display_name if author else entry.author_name)


@requires(Permission.MEDICAL_READ)
def outcome_letter(session: Session, entry_id: int) -> OutcomeLetter:
    """What the outcome letter says (no findings: the type has no field for them)."""
    entry, body = _examination(session, entry_id)
    return _letter(session, entry, body)


@requires(Permission.MEDICAL_READ)
def outcome_status(session: Session, entry_id: int) -> OutcomeStatus:
    _examination(session, entry_id)
    return store.status(session.db, entry_id)


@requires(Permission.MEDICAL_READ)
def outcome_pdf(session: Session, entry_id: int, recipient: str = EMPLOYEE, *,
                password: str | None = None) -> bytes:
    """The outcome letter, addressed to the employee (``"employee"``) or the employer
    (``"employer"``); the same facts in both."""
    entry, body = _examination(session, entry_id)
    letter = _letter(session, entry, body)
    employee = employees.open_dossier(session, entry.employee_id)
    if recipient == EMPLOYER:
        employer = employers.get(session, employee.employer_id)
        to = Addressee(employer.name, tuple(x for x in (
            f"t.a.v. {employer.contact_name}" if employer.contact_name else "", employer.street,
            f"{employer.postcode} {employer.city}".strip()) if x))
    else:
        to = Addressee(names.employee_formal_name(employee.given_names, employee.initials, employee.prefix,
                                                  employee.surname),
                       tuple(x for x in (employee.street, f"{employee.postcode} {employee.city}".strip()) if x))
    pdf = examination_outcome.outcome_pdf(letter, to, for_employee=recipient != EMPLOYER,
                                          letterhead=letterhead(session), created=now(), password=password)
    record_made(session, examination_outcome.TITLE, entry.employee_id)
    return pdf


def _handover(session: Session, method: str, handed_on: str, handed_to: str, note: str, *,
              default_to: str) -> Handover:
    f = Fields()
    how = None
    try:
        how = Method(method)
    except ValueError:
        f.fail("method", "Hoe verstrekt: kies uit de lijst.")
    day = f.take("handed_on", optional(validation.parse_date_nl), handed_on, "handed_on", label="Verstrekt op")
    to = f.take("handed_to", validation.text, handed_to, "handed_to", label="Aan (wie het ontving)",
                max_length=200)
    text = f.take("note", validation.text, note, "note", label="Toelichting", max_length=1000, multiline=True)
    day = day or session.today()
    if "handed_on" not in f.errors and day > session.today():
        f.fail("handed_on", "Verstrekt op: ligt in de toekomst.")
    f.done()
    return Handover(how, day, session.user.id, (to or "").strip() or default_to, text or "")  # type: ignore[arg-type]


def _what(entry: MedicalEntry, body: ExaminationBody) -> str:
    return f"Uitslag {body.examination.label.lower()} van {nl_date(entry.entry_date)}: {body.outcome.label}"


@requires(Permission.PRACTICE_WRITE, Permission.MEDICAL_READ)
def give_outcome_to_employee(session: Session, entry_id: int, method: str, *, handed_on: str = "",
                             note: str = "") -> int:
    """The employee has had the outcome (first): logged as a release to the employee."""
    entry, body = _examination(session, entry_id)
    restrictions.require_not_restricted(session, entry.employee_id)
    employee = employees.open_dossier(session, entry.employee_id)
    handover = _handover(session, method, handed_on, "", note, default_to=employee.display_name)
    if handover.handed_on < entry.entry_date:
        raise ValidationErrors({"handed_on": "Verstrekt op: ligt vóór de keuring."})
    with session.db.transaction():
        if store.status(session.db, entry_id).to_employee_on is not None:
            raise Conflict("De werknemer heeft de uitslag van deze keuring al gekregen.",
                           detail="outcome already given to the employee")
        release_id = store.insert(session.db, store.NewOutcomeRelease(
            entry_id, entry.employee_id, employee.display_name, EMPLOYEE, _what(entry, body), session.user.id,
            entry.author_id, handover))
        session.record(Action.RELEASE, object_type="release", object_id=release_id,
                       employee_id=entry.employee_id, data="uitslag keuring aan werknemer")
    return release_id


@requires(Permission.PRACTICE_WRITE, Permission.MEDICAL_READ)
def release_outcome_to_employer(session: Session, entry_id: int, method: str, *, handed_on: str = "",
                                handed_to: str = "", note: str = "", employee_agreed: bool = False) -> int:
    """The outcome to the employer: only after the employee had it, and only when the employee
    did not stop it (``employee_agreed``). Logged as a release to the employer."""
    entry, body = _examination(session, entry_id)
    restrictions.require_not_restricted(session, entry.employee_id)
    employee = employees.open_dossier(session, entry.employee_id)
    handover = _handover(session, method, handed_on, handed_to, note, default_to=employee.employer_name)
    with session.db.transaction():
        status = store.status(session.db, entry_id)
        found = outcome_handover_problems(status, handover.handed_on, employee_agreed=employee_agreed,
                                          examined_on=entry.entry_date)
        if "examination" in found:
            raise Conflict(found["examination"], detail="outcome not (or already) handed over")
        if found:
            raise ValidationErrors(found)
        release_id = store.insert(session.db, store.NewOutcomeRelease(
            entry_id, entry.employee_id, employee.employer_name, EMPLOYER, _what(entry, body), session.user.id,
            entry.author_id, handover))
        session.record(Action.RELEASE, object_type="release", object_id=release_id,
                       employee_id=entry.employee_id, data="uitslag keuring aan werkgever")
    return release_id


__all__ = ["EMPLOYEE", "EMPLOYER", "give_outcome_to_employee", "outcome_letter", "outcome_pdf",
           "outcome_status", "release_outcome_to_employer"]
