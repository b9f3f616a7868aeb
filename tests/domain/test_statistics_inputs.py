"""What the statistics are given: periods offered and checked, a case split around the pregnancy
leave, the source lines, the part-time factor of an employee, the case facts for UWV."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.absence_kind import AbsenceKind
from desktop_app.domain.case_facts import ReportFactsForm, parse_report_facts
from desktop_app.domain.cases import AbsenceCase
from desktop_app.domain.dossier import CaseId, Employee, EmployeeId, EmployerId
from desktop_app.domain.poortwachter import Episode
from desktop_app.domain.statistics import Statistics, WorkforceSource
from desktop_app.domain.statistics_periods import PeriodKind, custom, offered
from desktop_app.domain.statistics_report import source_lines, stat_cases
from desktop_app.domain.uwv_reports import Pregnancy
from desktop_app.errors import ValidationErrors


def case(episodes, *, kind=AbsenceKind.PREGNANCY, pregnancy=None):
    eps = tuple(Episode(s, e) for s, e in episodes)
    return AbsenceCase(CaseId(1), EmployeeId(1), eps[0].start, kind, eps[-1].end, episodes=eps,
                       pregnancy=pregnancy)


# --- periods ------------------------------------------------------------------------------------


def test_the_last_full_quarter_on_the_first_of_december_is_the_third():
    p = offered(date(2026, 12, 1))[0]
    assert (p.kind, p.start, p.end) == (PeriodKind.LAST_QUARTER, date(2026, 7, 1), date(2026, 9, 30))


def test_the_last_full_quarter_in_january_is_last_years_fourth():
    p = offered(date(2027, 1, 2))[0]
    assert (p.start, p.end, p.name) == (date(2026, 10, 1), date(2026, 12, 31), "4e kwartaal 2026")


def test_the_last_twelve_months_end_with_the_last_full_month():
    p = next(p for p in offered(date(2026, 12, 1)) if p.kind is PeriodKind.LAST_12_MONTHS)
    assert (p.start, p.end) == (date(2025, 12, 1), date(2026, 11, 30))


def test_on_new_years_day_there_is_no_year_to_date():
    assert PeriodKind.YEAR_TO_DATE not in {p.kind for p in offered(date(2027, 1, 1))}


def test_a_custom_period_of_ten_years_exactly_is_too_long():
    with pytest.raises(ValidationErrors):
        custom("01-01-2016", "01-01-2026", date(2026, 12, 1))


def test_a_custom_period_just_under_ten_years_is_taken():
    assert custom("01-01-2016", "31-12-2025", date(2026, 12, 1)).days == 3653


# --- the pregnancy leave splits a case ----------------------------------------------------------


def test_a_case_before_the_leave_stays_one_case_that_ends_on_the_leave():
    c = case([(date(2026, 1, 5), None)], pregnancy=Pregnancy(date(2026, 3, 20), leave_start=date(2026, 2, 14)))
    parts, _notes = stat_cases(c, 0)
    assert [(p.first_day, p.leave_start) for p in parts] == [(date(2026, 1, 5), date(2026, 2, 14))]


def test_illness_running_on_after_the_leave_becomes_a_case_from_the_day_after():
    c = case([(date(2026, 1, 5), None)],
             pregnancy=Pregnancy(date(2026, 3, 20), False, date(2026, 2, 14), date(2026, 6, 5)))
    parts, _notes = stat_cases(c, 0)
    assert [p.spans() for p in parts] == [((date(2026, 1, 5), None),), ((date(2026, 6, 6), None),)]


def test_a_relapse_during_the_leave_counts_from_its_end():
    c = case([(date(2026, 1, 5), date(2026, 2, 1)), (date(2026, 3, 1), date(2026, 7, 1))],
             pregnancy=Pregnancy(date(2026, 3, 20), False, date(2026, 2, 14), date(2026, 6, 5)))
    parts, _notes = stat_cases(c, 0)
    assert parts[1].spans() == ((date(2026, 6, 6), date(2026, 7, 1)),)


def test_a_relapse_that_recovered_within_the_leave_is_not_absence():
    c = case([(date(2026, 1, 5), date(2026, 2, 1)), (date(2026, 3, 1), date(2026, 4, 1))],
             pregnancy=Pregnancy(date(2026, 3, 20), False, date(2026, 2, 14), date(2026, 6, 5)))
    parts, _notes = stat_cases(c, 0)
    assert len(parts) == 1


def test_an_unknown_leave_end_is_a_note_for_the_practice():
    c = case([(date(2026, 1, 5), None)], pregnancy=Pregnancy(date(2026, 3, 20), leave_start=date(2026, 2, 14)))
    _parts, notes = stat_cases(c, 0)
    assert len(notes) == 1


def test_an_illness_case_of_a_pregnant_employee_also_ends_on_the_leave():
    c = case([(date(2026, 1, 5), None)], kind=AbsenceKind.ILLNESS,
             pregnancy=Pregnancy(date(2026, 3, 20), leave_start=date(2026, 2, 14)))
    parts, _notes = stat_cases(c, 0)
    assert (parts[0].pregnancy, parts[0].leave_start) == (False, date(2026, 2, 14))


def test_source_lines_name_the_entered_workforce():
    s = Statistics(date(2026, 1, 1), date(2026, 3, 31), 40, False, None, None,
                   workforce_source=WorkforceSource.ENTERED, annualisation_basis="kwartaal × 4")
    assert dict(source_lines(s))["Personeelsbestand"] == "opgegeven door de werkgever voor de hele periode"


# --- the employee's part-time factor ------------------------------------------------------------


def _employee(hours):
    return Employee(EmployeeId(1), EmployerId(1), "X", contract_hours=None if hours is None else Decimal(hours))


def test_the_part_time_factor_is_not_capped_at_one():
    assert _employee(40).part_time_factor(Decimal(36)) == Decimal(40) / Decimal(36)


def test_the_part_time_factor_assumes_40_hours_without_a_week():
    assert _employee(20).part_time_factor() == Decimal("0.5")


# --- the case facts -----------------------------------------------------------------------------


def test_twins_move_the_latest_leave_start_to_eight_weeks():
    facts = parse_report_facts(ReportFactsForm(expected_delivery="31-12-2026", multiple_pregnancy=True,
                                               leave_start="06-11-2026"), AbsenceKind.PREGNANCY, date(2026, 10, 1))
    assert facts.pregnancy.latest_leave_start == date(2026, 11, 6)


def test_twins_without_an_expected_date_are_refused():
    with pytest.raises(ValidationErrors) as err:
        parse_report_facts(ReportFactsForm(multiple_pregnancy=True), AbsenceKind.PREGNANCY, date(2026, 10, 1))
    assert "expected_delivery" in err.value.errors


def test_the_leave_ends_after_it_starts():
    with pytest.raises(ValidationErrors) as err:
        parse_report_facts(ReportFactsForm(expected_delivery="31-12-2026", leave_start="01-12-2026",
                                           leave_end="30-11-2026"), AbsenceKind.PREGNANCY, date(2026, 10, 1))
    assert "leave_end" in err.value.errors
