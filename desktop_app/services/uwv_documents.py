"""The problem analysis (week 6) and the physician's current assessment (weeks 87–91), made from
the dossier, approved by a physician, and marked done on the Poortwachter timeline.

Who does what (DESIGN.md §1 and §5):

- making either is the physician's (``MEDICAL_CLINICAL``): the problem analysis writes its medical
  part into the medical section, the current assessment reads the FML there;
- approving is a physician's (``RELEASE_APPROVE``), as for the functional feedback; the approval
  marks the step (``MilestoneCode.PROBLEM_ANALYSIS`` / ``CURRENT_OPINION``) done on the case on
  the document's date;
- the list and the employer's PDF (functional, approved only) are for the whole practice, as the
  feedback is: the case manager sees what the employer receives, and nothing more;
- the employee's PDF holds the problem analysis's medical part and is for medical staff
  (``MEDICAL_READ``);
- the hand-over to the employer, with the same to the employee, is logged by
  ``releases.release_uwv_document_to_employer``.
"""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.documents import uwv_letters
from desktop_app.domain import names
from desktop_app.domain.dates import nl_date
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.domain.permissions import Permission
from desktop_app.domain.uwv_documents import (
    CurrentOpinionForm,
    OpinionFacts,
    ProblemAnalysisForm,
    UwvDocument,
    UwvKind,
    fml_lines,
    parse_current_opinion,
    parse_problem_analysis,
    percentage_text,
    require_approved,
)
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services import (
    activities,
    cases,
    employees,
    employers,
    medical_entries,
    restrictions,
    trajectories,
)
from desktop_app.services.authz import requires
from desktop_app.services.documents import letterhead, now, record_made
from desktop_app.services.session import Session
from desktop_app.storage import users as users_store
from desktop_app.storage import uwv_documents as store

EMPLOYER_FILENAME = {UwvKind.PROBLEM_ANALYSIS: "probleemanalyse-werkgever.pdf",
                     UwvKind.CURRENT_OPINION: "actueel-oordeel-bedrijfsarts.pdf"}
EMPLOYEE_FILENAME = {UwvKind.PROBLEM_ANALYSIS: "probleemanalyse-werknemer.pdf",
                     UwvKind.CURRENT_OPINION: "actueel-oordeel-bedrijfsarts-werknemer.pdf"}


def _case(session: Session, employee_id: int, case_id: int):
    case = cases.get(session, case_id)
    if case.employee_id != employee_id:
        raise ValidationError("case_id", "Ziekmelding: hoort niet bij deze werknemer.")
    return case


def _ready(session: Session, employee_id: int, case_id: int):
    employees.open_dossier(session, employee_id)
    restrictions.require_not_restricted(session, employee_id)
    return _case(session, employee_id, case_id)


@requires(Permission.PRACTICE_READ)
def get(session: Session, document_id: int) -> UwvDocument:
    document = store.get(session.db, document_id)
    if document is None:
        raise NotFound(detail=f"uwv document {document_id}")
    return document


@requires(Permission.PRACTICE_READ)
def for_employee(session: Session, employee_id: int) -> list[UwvDocument]:
    """Newest first; the functional parts only."""
    return store.for_employee(session.db, employee_id)


@requires(Permission.PRACTICE_WRITE, Permission.MEDICAL_CLINICAL)
def make_problem_analysis(session: Session, employee_id: int, case_id: int,
                          form: ProblemAnalysisForm) -> UwvDocument:
    """The functional part goes to the practice section, the medical part becomes a medical entry
    (``EntryKind.PROBLEM_ANALYSIS``) of the case. Both checked before either is written; if the
    practice side still fails, the medical part is taken back (``medical_entries.add_entry_for``)."""
    case = _ready(session, employee_id, case_id)
    on, body, medical = parse_problem_analysis(form, first_day=case.first_day, today=session.today())
    return medical_entries.add_entry_for(
        session, employee_id, EntryKind.PROBLEM_ANALYSIS, {"text": medical, "entry_date": nl_date(on)},
        lambda entry: _insert(session, store.NewUwvDocument(employee_id, case_id, UwvKind.PROBLEM_ANALYSIS, on,
                                                            body, entry.id, session.user.id)),
        case_id=case_id)


def _insert(session: Session, new: store.NewUwvDocument) -> UwvDocument:
    with session.db.transaction():
        document_id = store.insert(session.db, new)
        session.record(Action.CREATE, object_type="uwv_document", object_id=document_id,
                       employee_id=new.employee_id, data=f"{new.kind.label} (concept)")
    return get(session, document_id)


@requires(Permission.MEDICAL_CLINICAL)
def opinion_facts(session: Session, employee_id: int, case_id: int) -> OpinionFacts:
    """What the dossier holds today for the current assessment: the case, the latest approved
    functional feedback, the latest FML (scores only) and the trajectory of the case."""
    case = _case(session, employee_id, case_id)
    today = session.today()
    feedback = next((f for f in activities.feedback_for(session, employee_id) if f.approved), None)
    fb_rows: tuple[tuple[str, str], ...] = ()
    if feedback is not None:
        fb_rows = (("Datum", nl_date(feedback.assessed_on)), ("Oordeel", feedback.fitness.label),
                   ("Beperkingen in werk", feedback.limitations), ("Mogelijkheden", feedback.remaining_capacity),
                   ("Verwachte duur", feedback.expected_duration.label), ("Advies", feedback.advice),
                   ("Aanpassingen of voorzieningen", feedback.adjustments))
    fml = next((e for e in medical_entries.list_entries(session, employee_id) if e.kind is EntryKind.FML), None)
    running = trajectories.for_employee(session, employee_id)
    trajectory = next((t for t in running if t.case_id == case_id), running[0] if running else None)
    tr_rows: tuple[tuple[str, str], ...] = ()
    if trajectory is not None:
        tr_rows = (("Spoor", trajectory.track.label), ("Uitvoerder", trajectory.provider),
                   ("Periode", f"{nl_date(trajectory.started_on)} – "
                               f"{nl_date(trajectory.ended_on) if trajectory.ended_on else 'lopend'}"))
    return OpinionFacts(nl_date(case.first_day), percentage_text(case.percentage_on(today)), fb_rows,
                        fml_lines(fml.content.overview()) if fml is not None else (),
                        nl_date(fml.entry_date) if fml is not None else "", tr_rows)


@requires(Permission.PRACTICE_WRITE, Permission.MEDICAL_CLINICAL)
def make_current_opinion(session: Session, employee_id: int, case_id: int,
                         form: CurrentOpinionForm) -> UwvDocument:
    """The assessment, kept with the dossier's data as it stands now (``opinion_facts``)."""
    case = _ready(session, employee_id, case_id)
    on, body = parse_current_opinion(form, first_day=case.first_day, today=session.today())
    body["facts"] = opinion_facts(session, employee_id, case_id).to_json()
    return _insert(session, store.NewUwvDocument(employee_id, case_id, UwvKind.CURRENT_OPINION, on, body,
                                                 None, session.user.id))


@requires(Permission.PRACTICE_WRITE, Permission.RELEASE_APPROVE)
def approve(session: Session, document_id: int) -> UwvDocument:
    """A physician approves; the document's step is then done on the case's timeline."""
    document = get(session, document_id)
    if document.approved:
        return document
    restrictions.require_not_restricted(session, document.employee_id)
    with session.db.transaction():
        store.approve(session.db, document_id, session.user.id)
        session.record(Action.UPDATE, object_type="uwv_document", object_id=document_id,
                       employee_id=document.employee_id, data=f"{document.kind.label} goedgekeurd")
        if document.case_id is not None:
            cases.record_milestone(session, document.case_id, document.kind.milestone,
                                   nl_date(document.assessed_on), f"{document.kind.label} goedgekeurd")
    return get(session, document_id)


def _parties(session: Session, document: UwvDocument) -> uwv_letters.Parties:
    employee = employees.open_dossier(session, document.employee_id)
    employer = employers.get(session, employee.employer_id)
    approver = users_store.by_id(session.db, document.approved_by or 0)
    return uwv_letters.Parties(
        employer.name, employer.contact_name,
        ", ".join(x for x in (employer.street, f"{employer.postcode} {employer.city}".strip()) if x),
        names.employee_formal_name(employee.given_names, employee.initials, employee.prefix, employee.surname),
        nl_date(employee.birth_date), approver.display_name if approver else "",
        approver.registration if approver else "")


@requires(Permission.PRACTICE_READ)
def employer_pdf(session: Session, document_id: int, *, password: str | None = None) -> bytes:
    """For the employer: the functional part only. No path puts a medical entry in it."""
    document = get(session, document_id)
    require_approved(document)
    pdf = uwv_letters.employer_pdf(document, _parties(session, document), letterhead=letterhead(session),
                                   created=now(), password=password)
    record_made(session, f"{document.kind.label} (werkgever)", document.employee_id)
    return pdf


@requires(Permission.PRACTICE_READ, Permission.MEDICAL_READ)
def employee_pdf(session: Session, document_id: int, *, password: str | None = None) -> bytes:
    """For the employee: the whole document, the problem analysis with its medical part (read
    from the medical section, the read logged)."""
    document = get(session, document_id)
    require_approved(document)
    medical: list[tuple[str, str]] | None = None
    if document.kind is UwvKind.PROBLEM_ANALYSIS:
        medical = []
        if document.medical_entry_id is not None:
            try:
                medical = medical_entries.get_entry(session, document.medical_entry_id).display_lines()
            except NotFound:
                medical = []  # destroyed with the medical records; the document says so
    pdf = uwv_letters.employee_pdf(document, _parties(session, document), medical, letterhead=letterhead(session),
                                   created=now(), password=password)
    record_made(session, f"{document.kind.label} (werknemer)", document.employee_id)
    return pdf
