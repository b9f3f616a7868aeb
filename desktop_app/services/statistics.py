"""Absence statistics per employer (Vernet definitions, small groups suppressed), as figures and
as a PDF."""

from __future__ import annotations

from datetime import date

from desktop_app.documents import reports
from desktop_app.domain.permissions import Permission
from desktop_app.domain.statistics import StatCase, StatEmployee, compute
from desktop_app.errors import ValidationError
from desktop_app.services import cases, employers
from desktop_app.services.authz import requires
from desktop_app.services.documents import letterhead, now, record_made
from desktop_app.services.session import Session


@requires(Permission.PRACTICE_READ)
def statistics_pdf(session: Session, employer_id: int, start: date, end: date) -> bytes:
    if end < start:
        raise ValidationError("end", "Periode: het einde ligt vóór het begin.")
    employer = employers.get(session, employer_id)
    stats = employer_statistics(session, employer_id, start, end)
    pdf = reports.statistics_pdf(employer.name, stats, letterhead=letterhead(session), created=now())
    record_made(session, "Verzuimstatistiek")
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
