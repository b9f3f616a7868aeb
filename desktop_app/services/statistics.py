"""Absence statistics per employer (Vernet definitions, small groups suppressed): the figures
the client shows and the PDF come from ``report``, with the sources they used.

The period is chosen here: ``periods`` offers the usual ones, ``custom_period`` checks one the
user typed, and every function that takes dates checks them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.documents import reports
from desktop_app.domain.permissions import Permission
from desktop_app.domain.statistics import StatCase, StatEmployee, Statistics, Workforce, compute
from desktop_app.domain.statistics_periods import Period, check, custom, offered
from desktop_app.domain.statistics_report import StatisticsReport, all_stat_cases
from desktop_app.services import employers
from desktop_app.services.authz import requires
from desktop_app.services.documents import letterhead, now, record_made
from desktop_app.services.session import Session
from desktop_app.storage import cases as cases_store
from desktop_app.storage import statistics as store
from desktop_app.storage import workforce as workforce_store

__all__ = ["Period", "StatisticsReport", "custom_period", "employer_statistics", "periods",
           "report", "statistics_pdf"]


@requires(Permission.PRACTICE_READ)
def periods(session: Session) -> list[Period]:
    """The periods on offer today: last full quarter, last year, last 12 months, this year."""
    return offered(session.today())


@requires(Permission.PRACTICE_READ)
def custom_period(session: Session, start: str, end: str) -> Period:
    """A period as typed (dd-mm-jjjj), checked; ValidationErrors name the field at fault."""
    return custom(start, end, session.today())


@requires(Permission.PRACTICE_READ)
def employer_statistics(session: Session, employer_id: int, start: date, end: date) -> Statistics:
    return _compute(session, employer_id, start, end)[0]


def _compute(session: Session, employer_id: int, start: date, end: date) -> tuple[Statistics, list[str]]:
    """The statistics, and notes for the practice only (they may concern one employee)."""
    check(start, end, session.today())
    inputs = staff_and_cases(session, employer_id)
    stats = compute(inputs.people, inputs.cases, start, end, full_time_hours=inputs.full_time_hours,
                    workforce=inputs.workforce(start, end) or None)
    return stats, inputs.notes


@dataclass(frozen=True)
class Inputs:
    """What the statistics of one employer are computed from: nobody's name, no medical data."""

    session: Session
    employer_id: int
    name: str
    people: list[StatEmployee]
    cases: list[StatCase]
    notes: list[str]
    full_time_hours: float | None

    def workforce(self, start: date, end: date) -> list[Workforce]:
        return [w.for_statistics() for w in workforce_store.in_period(self.session.db, self.employer_id, start, end)]


@requires(Permission.PRACTICE_READ)
def staff_and_cases(session: Session, employer_id: int) -> Inputs:
    """What the statistics and the dashboard (``services.dashboard``) are computed from."""
    employer = employers.get(session, employer_id)
    staff = store.staff(session.db, employer_id)
    index = {row.employee_id: i for i, row in enumerate(staff)}
    people = [StatEmployee(contract_hours=None if r.contract_hours is None else float(r.contract_hours),
                           start=r.employment_start, end=r.employment_end) for r in staff]
    stat_cases, notes = all_stat_cases(cases_store.for_employer(session.db, employer_id), index)
    week = None if employer.full_time_hours is None else float(employer.full_time_hours)
    return Inputs(session, employer_id, employer.name, people, stat_cases, notes, week)


@requires(Permission.PRACTICE_READ)
def report(session: Session, employer_id: int, start: date, end: date) -> StatisticsReport:
    """The figures with the period and the sources, as the screen shows them and the PDF prints them."""
    period = check(start, end, session.today())
    period = next((p for p in offered(session.today()) if (p.start, p.end) == (start, end)), period)
    employer = employers.get(session, employer_id)
    stats, practice_notes = _compute(session, employer_id, start, end)
    return StatisticsReport(employer_id, employer.name, period, stats, tuple(practice_notes))


@requires(Permission.PRACTICE_READ)
def statistics_pdf(session: Session, employer_id: int, start: date, end: date) -> bytes:
    made = report(session, employer_id, start, end)
    pdf = reports.statistics_pdf(made, letterhead=letterhead(session), created=now())
    record_made(session, "Verzuimstatistiek")
    return pdf
