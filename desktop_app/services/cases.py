"""Absence cases on the Poortwachter timeline.

A new absence within four weeks of a recovery continues that case as a new episode (art. 7:629
lid 10 BW); later deadlines move by the days worked in between. Every change recomputes the
case's deadlines into ``case_deadlines`` so the practice-wide overdue list is one indexed query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.audit import Action
from desktop_app.domain import names, poortwachter, validation
from desktop_app.domain.cases import AbsenceCase, CaseForm, parse_case, parse_recovery
from desktop_app.domain.permissions import Permission
from desktop_app.domain.poortwachter import Milestone, MilestoneCode
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services import restrictions
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import cases as store
from desktop_app.storage import employees as employees_store


@dataclass(frozen=True)
class DeadlineLine:
    """One line of "Vandaag": a milestone of a case, with whose dossier it opens."""

    case_id: int
    employee_id: int
    employee_name: str
    employer_name: str
    code: str
    label: str
    due: date


@requires(Permission.PRACTICE_WRITE)
def open_case(session: Session, employee_id: int, form: CaseForm) -> AbsenceCase:
    """Report an absence: a new case, or a relapse that continues the previous one."""
    if employees_store.get(session.db, employee_id) is None:
        raise NotFound(detail=f"employee {employee_id}")
    restrictions.require_not_restricted(session, employee_id)
    new = parse_case(form, session.today())
    previous = store.latest_for_employee(session.db, employee_id)
    with session.db.transaction():
        if previous is not None and previous.is_open:
            raise ValidationError(
                "first_day", "Eerste ziektedag: deze werknemer heeft al een lopende ziekmelding.")
        if previous is not None and new.first_day <= previous.recovered_on:  # type: ignore[operator]
            raise ValidationError(
                "first_day", "Eerste ziektedag: ligt vóór het herstel van de vorige ziekmelding.")
        if previous is not None and poortwachter.continues_case(previous.recovered_on, new.first_day):
            case_id = previous.id
            store.add_episode(session.db, case_id, new.first_day)
            store.add_level(session.db, case_id, new.first_day, new.percentage)
            what = "terugval binnen vier weken: zelfde ziektegeval"
        else:
            case_id = store.insert(session.db, employee_id, new.first_day, new.kind,
                                   new.percentage, session.user.id if session.user.is_physician else None)
            what = "ziekmelding"
        _refresh(session, case_id)
        session.record(Action.CREATE, object_type="absence_case", object_id=case_id,
                       employee_id=employee_id, data=what)
    return get(session, case_id)


@requires(Permission.PRACTICE_WRITE)
def report_recovery(session: Session, case_id: int, recovered_on: str) -> AbsenceCase:
    case = get(session, case_id)
    restrictions.require_not_restricted(session, case.employee_id)
    if not case.is_open:
        raise ValidationError("recovered_on", "Hersteldatum: deze ziekmelding is al afgesloten.")
    day = parse_recovery(recovered_on, case.episodes[-1].start, session.today())
    with session.db.transaction():
        store.close_episode(session.db, case_id, day)
        _refresh(session, case_id)
        session.record(Action.UPDATE, object_type="absence_case", object_id=case_id,
                       employee_id=case.employee_id, data="volledig hersteld gemeld")
    return get(session, case_id)


@requires(Permission.PRACTICE_WRITE)
def set_percentage(session: Session, case_id: int, from_date: str, percentage: str) -> AbsenceCase:
    """Partial recovery (or a relapse to a higher degree) from a date on."""
    case = get(session, case_id)
    restrictions.require_not_restricted(session, case.employee_id)
    day = validation.parse_date_nl(from_date, "from_date")
    if day < case.first_day:
        raise ValidationError("from_date", "Vanaf: ligt vóór de eerste ziektedag.")
    pct = float(validation.percentage(percentage, "percentage"))
    with session.db.transaction():
        store.add_level(session.db, case_id, day, pct)
        session.record(Action.UPDATE, object_type="absence_case", object_id=case_id,
                       employee_id=case.employee_id, data=f"verzuimpercentage {pct:g}%")
    return get(session, case_id)


@requires(Permission.PRACTICE_WRITE)
def record_milestone(session: Session, case_id: int, code: MilestoneCode | str, done_on: str,
                     note: str = "") -> AbsenceCase:
    case = get(session, case_id)
    restrictions.require_not_restricted(session, case.employee_id)
    try:
        code = MilestoneCode(code)
    except ValueError:
        raise ValidationError("code", "Stap: kies een stap van de Poortwachter-tijdlijn.") from None
    day = validation.parse_date_nl(done_on, "done_on")
    if day < case.first_day:
        raise ValidationError("done_on", "Datum: ligt vóór de eerste ziektedag.")
    if day > session.today():
        raise ValidationError("done_on", "Datum: ligt in de toekomst.")
    note = validation.text(note, "note", label="Toelichting", max_length=2000, multiline=True)
    with session.db.transaction():
        store.mark_milestone(session.db, case_id, str(code), day, note, session.user.id)
        _refresh(session, case_id)
        session.record(Action.UPDATE, object_type="absence_case", object_id=case_id,
                       employee_id=case.employee_id, data=f"stap afgerond: {code}")
    return get(session, case_id)


@requires(Permission.PRACTICE_WRITE)
def set_uwv_letter(session: Session, case_id: int, received_on: str) -> AbsenceCase:
    case = get(session, case_id)
    day = validation.parse_date_nl(received_on, "uwv_letter_received")
    return _set(session, case, "uwv_letter_received", day.isoformat(), "brief UWV ontvangen")


@requires(Permission.PRACTICE_WRITE)
def set_wage_sanction(session: Session, case_id: int, weeks: int) -> AbsenceCase:
    case = get(session, case_id)
    if not 0 <= weeks <= 52:
        raise ValidationError("wage_sanction_weeks", "Loonsanctie: hoogstens 52 weken.")
    return _set(session, case, "wage_sanction_weeks", int(weeks), f"loonsanctie {weeks} weken")


def _set(session: Session, case: AbsenceCase, column: str, value, what: str) -> AbsenceCase:
    restrictions.require_not_restricted(session, case.employee_id)
    with session.db.transaction():
        store.set_field(session.db, case.id, column, value)
        _refresh(session, case.id)
        session.record(Action.UPDATE, object_type="absence_case", object_id=case.id,
                       employee_id=case.employee_id, data=what)
    return get(session, case.id)


@requires(Permission.PRACTICE_READ)
def get(session: Session, case_id: int) -> AbsenceCase:
    case = store.get(session.db, case_id)
    if case is None:
        raise NotFound(detail=f"case {case_id}")
    return case


@requires(Permission.PRACTICE_READ)
def for_employee(session: Session, employee_id: int) -> list[AbsenceCase]:
    return store.for_employee(session.db, employee_id)


@requires(Permission.PRACTICE_READ)
def timeline(session: Session, case: AbsenceCase, today: date | None = None) -> list[Milestone]:
    return _timeline(case, today or session.today())


def _timeline(case: AbsenceCase, today: date) -> list[Milestone]:
    return poortwachter.compute_timeline(
        list(case.episodes), today=today,
        done={MilestoneCode(k): v for k, v in case.milestones_done.items()},
        evaluations_done=list(case.evaluations),
        uwv_letter_received=case.uwv_letter_received,
        wage_sanction_weeks=case.wage_sanction_weeks,
    )


def _refresh(session: Session, case_id: int) -> None:
    case = store.get(session.db, case_id)
    assert case is not None
    store.store_deadlines(session.db, case_id, _timeline(case, session.today()))


def _line(row: tuple, code: str, due: str) -> DeadlineLine:
    case_id, employee_id, surname, prefix, given, initials, employer = row[:7]
    try:
        label = poortwachter.LABELS[MilestoneCode(code)]
    except (ValueError, KeyError, AttributeError):
        label = code
    return DeadlineLine(case_id, employee_id, names.display_name(given or initials, prefix, surname),
                        employer, code, label, date.fromisoformat(due))


@dataclass(frozen=True)
class OpenCaseLine:
    case_id: int
    employee_id: int
    employee_name: str
    employer_name: str
    first_day: date
    kind_label: str


@requires(Permission.PRACTICE_READ)
def open_cases_page(session: Session, *, offset: int = 0, limit: int = 200) -> list[OpenCaseLine]:
    from desktop_app.domain.cases import AbsenceKind

    return [OpenCaseLine(r[0], r[1], names.list_name(r[2], r[3], r[5] or r[4]), r[6],
                         date.fromisoformat(r[7]), AbsenceKind(r[8]).label)
            for r in store.open_cases_page(session.db, offset, limit)]


@requires(Permission.PRACTICE_READ)
def count_open(session: Session) -> int:
    return store.count_open(session.db)


@requires(Permission.PRACTICE_READ)
def overdue(session: Session, today: date | None = None, limit: int = 500) -> list[DeadlineLine]:
    """Milestones past their due date across the practice, oldest first."""
    today = today or session.today()
    return [_line(r, r[7], r[8]) for r in store.open_deadlines(session.db, before=today, limit=limit)]


@requires(Permission.PRACTICE_READ)
def coming(session: Session, today: date | None = None, days: int = 14, limit: int = 500) -> list[DeadlineLine]:
    today = today or session.today()
    rows = store.open_deadlines(session.db, before=today + timedelta(days=days + 1), after=today, limit=limit)
    return [_line(r, r[7], r[8]) for r in rows]


@requires(Permission.PRACTICE_READ)
def without_recent_contact(session: Session, today: date | None = None, weeks: int = 6,
                           limit: int = 200) -> list[DeadlineLine]:
    today = today or session.today()
    rows = store.without_recent_contact(session.db, today - timedelta(weeks=weeks), limit)
    return [_line(r, "contact", r[7]) for r in rows]


