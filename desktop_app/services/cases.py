"""Absence cases on the Poortwachter timeline.

A new absence within four weeks of a recovery continues that case as a new episode (art. 7:629
lid 10 BW); later deadlines move by the days worked in between. Every change recomputes the
case's deadlines into ``case_deadlines`` so the practice-wide overdue list is one indexed query.

The timeline holds the early UWV reports of pregnancy-related and safety-net cases and the
report at the end of an employment during illness (decision 0006), from the case's kind, its
safety-net ground and pregnancy facts (recorded with the case or later, ``set_report_facts``)
and the employee's end of employment. A recovery does not cancel these reports, so they stay on
"Vandaag" after it (``AFTER_RECOVERY``), while the Poortwachter steps of a recovered case leave
it. Deadlines made by older rules (before an upgrade) are recomputed before a list is read.
These facts and milestones are for the practice; nothing the employer receives shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.audit import Action
from desktop_app.domain import names, poortwachter, validation
from desktop_app.domain.absence_kind import AbsenceKind
from desktop_app.domain.case_facts import ReportFacts, ReportFactsForm, parse_report_facts
from desktop_app.domain.cases import AbsenceCase, CaseForm, parse_case, parse_recovery
from desktop_app.domain.permissions import Permission
from desktop_app.domain.poortwachter import Milestone, MilestoneCode
from desktop_app.domain.uwv_reports import Pregnancy
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services import restrictions
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import cases as store
from desktop_app.storage import employees as employees_store
from desktop_app.storage.connection import Database

# Reports to UWV that a recovery does not cancel (decision 0006): they stay on the lists.
AFTER_RECOVERY = frozenset({str(MilestoneCode.UWV_EARLY_REPORT),
                            str(MilestoneCode.UWV_END_OF_EMPLOYMENT)})
# The version of the deadline rules; stored deadlines made by an older one are recomputed.
# 1: the Poortwachter steps; 2: the early UWV reports and the report at the end of employment.
DEADLINE_RULES = 2


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
            facts = _relapse_facts(previous, new.ground, new.pregnancy)
            if facts is not None:
                store.set_report_facts(session.db, case_id, facts)
            what = "terugval binnen vier weken: zelfde ziektegeval"
        else:
            case_id = store.insert(session.db, employee_id, new.first_day, new.kind,
                                   new.percentage, session.user.id if session.user.is_physician else None,
                                   ReportFacts(new.ground, new.pregnancy))
            what = "ziekmelding"
        _refresh(session, case_id)
        session.record(Action.CREATE, object_type="absence_case", object_id=case_id,
                       employee_id=employee_id, data=what)
    return get(session, case_id)


def _relapse_facts(case: AbsenceCase, ground, pregnancy: Pregnancy | None) -> ReportFacts | None:
    """What a relapse's form adds to the case: a ground (safety-net cases) or a pregnancy not
    yet known; leave dates already recorded stay."""
    if ground is None and pregnancy is None:
        return None
    if ground is not None and case.kind is not AbsenceKind.SAFETY_NET:
        raise ValidationError("ground", "Vangnetgrond: de lopende ziekmelding is geen vangnetgeval.")
    if pregnancy is not None and case.pregnancy is not None:
        pregnancy = Pregnancy(pregnancy.expected_delivery, pregnancy.multiple,
                              case.pregnancy.leave_start, case.pregnancy.leave_end)
    return ReportFacts(ground or case.ground, pregnancy or case.pregnancy)


@requires(Permission.PRACTICE_WRITE)
def set_report_facts(session: Session, case_id: int, form: ReportFactsForm) -> AbsenceCase:
    """Record (or correct) the safety-net ground, the expected date, a multiple pregnancy and
    the leave's first and last day; the early UWV reports follow them."""
    case = get(session, case_id)
    restrictions.require_not_restricted(session, case.employee_id)
    facts = parse_report_facts(form, case.kind, session.today())
    with session.db.transaction():
        store.set_report_facts(session.db, case_id, facts)
        _refresh(session, case_id)
        session.record(Action.UPDATE, object_type="absence_case", object_id=case_id,
                       employee_id=case.employee_id, data="gegevens voor de ziekmelding bij UWV")
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
    employee = employees_store.get(session.db, case.employee_id)
    return _timeline(case, today or session.today(),
                     employee.employment_end if employee is not None else None)


def _timeline(case: AbsenceCase, today: date, employment_end: date | None = None) -> list[Milestone]:
    return poortwachter.compute_timeline(
        list(case.episodes), today=today,
        done={MilestoneCode(k): v for k, v in case.milestones_done.items()},
        evaluations_done=list(case.evaluations),
        uwv_letter_received=case.uwv_letter_received,
        wage_sanction_weeks=case.wage_sanction_weeks,
        **case.report_inputs(), employment_end=employment_end,
    )


def _store_timeline(db: Database, case: AbsenceCase, today: date,
                    employment_end: date | None = None, *, upgrade: bool = False) -> None:
    """Store the case's deadlines. On an upgrade, the reports of a case that had already ended
    are not put back on the lists (they show on its timeline): a practice's history does not
    flood "Vandaag" with reports from before these rules."""
    ended = upgrade and poortwachter.case_has_ended(case.episodes, today)
    store.store_deadlines(db, case.id, _timeline(case, today, employment_end),
                          after_recovery=frozenset() if ended else AFTER_RECOVERY,
                          rules=DEADLINE_RULES)


def _refresh(session: Session, case_id: int, *, upgrade: bool = False) -> None:
    case = store.get(session.db, case_id)
    if case is None:
        raise NotFound(detail=f"case {case_id}")
    employee = employees_store.get(session.db, case.employee_id)
    _store_timeline(session.db, case, session.today(),
                    employee.employment_end if employee is not None else None, upgrade=upgrade)


@requires(Permission.PRACTICE_WRITE)
def refresh_employee(session: Session, employee_id: int) -> None:
    """Recompute the deadlines of the employee's cases (their end of employment changed)."""
    with session.db.transaction():
        for case_id in store.case_ids_of_employee(session.db, employee_id):
            _refresh(session, case_id)


def _bring_up_to_date(session: Session) -> None:
    """Recompute the deadlines that older rules made (after an upgrade), in batches."""
    while True:
        stale = store.cases_with_older_rules(session.db, DEADLINE_RULES, limit=500)
        if not stale:
            return
        with session.db.transaction():
            for case_id in stale:
                _refresh(session, case_id, upgrade=True)


def _line(row: store.DeadlineRow | store.ContactRow, code: str, due: date) -> DeadlineLine:
    p = row.person
    try:
        label = poortwachter.LABELS[MilestoneCode(code)]
    except (ValueError, KeyError):
        label = code
    return DeadlineLine(p.case_id, p.employee_id, names.employee_name(p.given_names, p.initials, p.prefix,
                                                                     p.surname),
                        p.employer_name, code, label, due)


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
    return [OpenCaseLine(r.person.case_id, r.person.employee_id,
                         names.list_name(r.person.surname, r.person.prefix,
                                         r.person.initials or r.person.given_names),
                         r.person.employer_name, r.first_day, r.kind.label)
            for r in store.open_cases_page(session.db, offset, limit)]


@requires(Permission.PRACTICE_READ)
def count_open(session: Session) -> int:
    return store.count_open(session.db)


@requires(Permission.PRACTICE_READ)
def overdue(session: Session, today: date | None = None, limit: int = 500) -> list[DeadlineLine]:
    """Milestones past their due date across the practice, oldest first: of open cases, and the
    reports to UWV of recovered ones (a recovery does not cancel them)."""
    today = today or session.today()
    _bring_up_to_date(session)
    return [_line(r, r.code, r.due) for r in store.open_deadlines(session.db, before=today, limit=limit)]


@requires(Permission.PRACTICE_READ)
def coming(session: Session, today: date | None = None, days: int = 14, limit: int = 500) -> list[DeadlineLine]:
    today = today or session.today()
    _bring_up_to_date(session)
    rows = store.open_deadlines(session.db, before=today + timedelta(days=days + 1), after=today, limit=limit)
    return [_line(r, r.code, r.due) for r in rows]


@requires(Permission.PRACTICE_READ)
def without_recent_contact(session: Session, today: date | None = None, weeks: int = 6,
                           limit: int = 200) -> list[DeadlineLine]:
    today = today or session.today()
    rows = store.without_recent_contact(session.db, today - timedelta(weeks=weeks), limit)
    return [_line(r, "contact", r.last_contact) for r in rows]
