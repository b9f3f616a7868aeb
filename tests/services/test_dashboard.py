"""The dashboard's figures are the statistics' own: the same month gives the same absence
percentage and notification frequency as the statistics report (column without pregnancy), a
small group shows none, and the practice adds its employers up."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.dashboard import last_months
from desktop_app.services import dashboard, employers, statistics
from tests.helpers.practices import CASEMANAGER, login_as


@pytest.fixture
def session(practice):
    s = login_as(practice, CASEMANAGER)  # the dashboard holds no medical data
    yield s
    s.close()


def test_last_months_are_the_twelve_full_months_before_this_one():
    months = last_months(date(2026, 3, 15))
    assert months[0] == (date(2025, 3, 1), date(2025, 3, 31))
    assert months[-1] == (date(2026, 2, 1), date(2026, 2, 28))
    assert len(months) == 12


def test_each_month_matches_the_statistics_report(session):
    employer = max(employers.list_all(session), key=lambda e: employers.employee_counts(session).get(e.id, 0))
    board = dashboard.employer_dashboard(session, employer.id)
    assert board.scope == employer.name
    for month in board.months[-3:]:
        made = statistics.report(session, employer.id, month.start, month.end)
        figures = made.statistics.without_pregnancy
        if made.statistics.suppressed:
            assert (month.absence_percentage, month.notification_frequency) == (None, None)
        else:
            assert month.absence_percentage == figures.absence_percentage
            assert month.notification_frequency == figures.notification_frequency


def test_a_small_group_shows_no_figures():
    from desktop_app.domain.dashboard import build
    from desktop_app.domain.statistics import StatCase, StatEmployee

    people = [StatEmployee(contract_hours=40.0, start=date(2020, 1, 1)) for _ in range(9)]
    sick = [StatCase(0, date(2026, 1, 5), None, False)]
    board = build("Klein BV", people, sick, date(2026, 3, 15), overdue=1)
    assert all(m.absence_percentage is None and m.notification_frequency is None for m in board.months)
    assert all(shown == "—" for _label, _n, shown in board.open_classes)
    assert "minder dan 10" in board.suppressed_note
    bigger = build("Groter BV", people + [StatEmployee(contract_hours=40.0, start=date(2020, 1, 1))], sick,
                   date(2026, 3, 15), overdue=1)
    assert bigger.months[-1].absence_percentage == 10.0  # one of ten, all of February
    assert [shown for _label, _n, shown in bigger.open_classes] == ["0", "< 3", "0", "0"]  # 70 days


def test_the_practice_counts_every_employers_open_cases_and_overdue_steps(session):
    from desktop_app.services import cases

    whole = dashboard.practice_dashboard(session)
    assert whole.scope == "Hele praktijk"
    assert whole.overdue == len(cases.overdue(session, limit=100000))
    per_employer = sum(dashboard.employer_dashboard(session, e.id).overdue for e in employers.list_all(session))
    assert whole.overdue == per_employer
