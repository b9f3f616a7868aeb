"""The absence statistics through the service, from dossiers entered as a practice enters them:
the hand-worked examples of tests/domain/test_statistics.py (a relapse, a part-timer at a
36-hour employer, a pregnancy) and the issue's ten-employee example, each figure equal to the
hand figure written there; the sources the figures used; the period chosen in the core; the PDF
and the screen from the same report.

Hand conventions: a recovery date is the first day worked again; Q1 2026 has 90 days, Q4 2025
92 days, 2026 365 days. The practice's today is 15 January 2027, so every period lies behind it.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from desktop_app.domain.case_facts import ReportFactsForm
from desktop_app.domain.cases import CaseForm
from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.domain.statistics import FullTimeSource, WorkforceSource
from desktop_app.domain.statistics_periods import PeriodKind
from desktop_app.domain.workforce import WorkforceForm
from desktop_app.errors import ValidationErrors
from desktop_app.services import cases, employees, employers, statistics, workforce
from tests.helpers.practices import CASEMANAGER, login_as

TODAY = date(2027, 1, 15)
Q1 = (date(2026, 1, 1), date(2026, 3, 31))
Q4_2025 = (date(2025, 10, 1), date(2025, 12, 31))
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


@pytest.fixture
def session(bare_practice):
    s = login_as(bare_practice, CASEMANAGER)
    s.today = lambda: TODAY
    yield s
    s.close()


def employer_with(session, name, n, *, hours=None, week=""):
    """An employer with ``n`` employees; ``hours`` a list of contract hours (or None each)."""
    e = employers.create(session, EmployerForm(name=name, full_time_hours=week))
    people = []
    for i in range(n):
        h = "" if hours is None or hours[i] is None else str(hours[i])
        people.append(employees.create(session, EmployeeForm(
            employer_id=e.id, surname=f"Medewerker{i:02d}", given_names="Test", contract_hours=h)))
    return e, people


def sick(session, person, first, recovered=None, kind="illness"):
    case = cases.open_case(session, person.id, CaseForm(first_day=first, kind=kind))
    if recovered:
        case = cases.report_recovery(session, case.id, recovered)
    return case


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


# --- (a) a relapse ------------------------------------------------------------------------------


@pytest.fixture
def relapse(session):
    # Employee 0: sick 10..21 Dec 2025 (recovered 22 Dec), works 14 days, sick again 5..22 Jan
    # 2026 (recovered 23 Jan): one case of 12 + 18 = 30 sick days, two sick reports.
    e, people = employer_with(session, "Relaps B.V.", 10)
    first = sick(session, people[0], "10-12-2025", "22-12-2025")
    again = sick(session, people[0], "05-01-2026", "23-01-2026")
    assert again.id == first.id  # the service joined the relapse to the case
    return e


def test_a_relapse_in_the_quarter_of_its_last_recovery(session, relapse):
    f = statistics.employer_statistics(session, relapse.id, *Q1).without_pregnancy
    assert f.absence_percentage == 2.00  # 18 / (10 × 90)
    assert f.reports == 1  # 5 Jan; the 10 Dec report lies in Q4
    assert f.notification_frequency == 0.40  # 1 / 10 × 4
    assert f.ended_cases == 1
    assert f.average_duration == 30.0  # 12 + 18, without the 14 days worked
    assert f.classes == [0, 1, 0, 0]
    assert f.ended_classes == [0, 1, 0, 0]


def test_a_relapse_did_not_end_the_case_in_the_quarter_of_the_first_recovery(session, relapse):
    f = statistics.employer_statistics(session, relapse.id, *Q4_2025).without_pregnancy
    assert f.absence_percentage == 1.30  # 12 / 920
    assert f.notification_frequency == 0.40
    assert f.ended_cases == 0
    assert f.average_duration is None
    assert f.classes == [1, 0, 0, 0]


# --- (b) a part-timer at an employer with a 36-hour week ---------------------------------------


def part_time_employer(session, week):
    # Nine employees of 36 hours and one of 18 (0.5 on 36). Employee 9 is sick 2..21 Feb
    # (recovered 22 Feb), at 50 % from 12 Feb; employee 0 is sick 2..4 March (recovered 5 March).
    e, people = employer_with(session, f"Deeltijd {week or 'onbekend'}", 10, hours=[36] * 9 + [18], week=week)
    case = sick(session, people[9], "02-02-2026")
    cases.set_percentage(session, case.id, "12-02-2026", "50")
    cases.report_recovery(session, case.id, "22-02-2026")
    sick(session, people[0], "02-03-2026", "05-03-2026")
    return e


def test_b_part_timer_at_a_36_hour_employer(session):
    e = part_time_employer(session, "36")
    s = statistics.employer_statistics(session, e.id, *Q1)
    f = s.without_pregnancy
    assert f.sick_days == 10.5  # 10 × 0.5 + 10 × 0.5 × 0.5 + 3 × 1
    assert f.available_days == 855  # 90 × 9.5
    assert f.absence_percentage == 1.23
    assert f.average_fte == 9.5
    assert f.average_headcount == 10.0
    assert f.notification_frequency == 0.80
    assert f.average_duration == 11.5  # (20 + 3) / 2
    assert f.classes == [1, 1, 0, 0]
    assert s.full_time_hours == 36
    assert s.full_time_source is FullTimeSource.EMPLOYER


def test_b_without_the_employers_week_40_hours_is_assumed_and_said(session):
    e = part_time_employer(session, "")
    s = statistics.employer_statistics(session, e.id, *Q1)
    assert s.without_pregnancy.average_fte == 8.55  # 90 × (9 × 0.9 + 0.45) / 90
    assert s.full_time_source is FullTimeSource.DEFAULT
    assert s.full_time_hours == 40


# --- (c) a pregnancy-related absence ------------------------------------------------------------


@pytest.fixture
def pregnancy(session):
    # Employee 3 is sick by her pregnancy from 5 January and still sick when her leave starts on
    # 14 February (expected date 20 March): 5 Jan .. 13 Feb = 40 sick days. Employee 4 is ill
    # 2..11 March (recovered 12 March): 10 days.
    e, people = employer_with(session, "Zwanger B.V.", 10)
    case = sick(session, people[3], "05-01-2026", kind="pregnancy")
    cases.set_report_facts(session, case.id, ReportFactsForm(expected_delivery="20-03-2026",
                                                             leave_start="14-02-2026"))
    sick(session, people[4], "02-03-2026", "12-03-2026")
    return e


def test_c_pregnancy_with_pregnancy_related_absence(session, pregnancy):
    f = statistics.employer_statistics(session, pregnancy.id, *Q1).with_pregnancy
    assert f.absence_percentage == 5.56  # (40 + 10) / 900
    assert f.notification_frequency == 0.80
    assert f.ended_cases == 2  # the pregnancy case ended on the leave's first day
    assert f.average_duration == 25.0
    assert f.classes == [1, 1, 0, 0]


def test_c_pregnancy_without_pregnancy_related_absence(session, pregnancy):
    f = statistics.employer_statistics(session, pregnancy.id, *Q1).without_pregnancy
    assert f.absence_percentage == 1.11  # 10 / 900
    assert f.notification_frequency == 0.40
    assert f.average_duration == 10.0
    assert f.classes == [1, 0, 0, 0]


def test_c_a_leave_without_an_end_is_named_to_the_practice(session, pregnancy):
    report = statistics.report(session, pregnancy.id, *Q1)
    assert any("einde niet vastgelegd" in n for n in report.practice_notes)


def test_c_that_note_is_not_printed_for_the_employer(session, pregnancy):
    assert "verlof" not in text_of(statistics.statistics_pdf(session, pregnancy.id, *Q1))


def test_illness_that_runs_on_after_the_leave_is_a_case_of_its_own(session, pregnancy):
    # With the leave's end known (14 Feb .. 5 June), the illness that ran on after it is a new
    # case from 6 June: in 2026 the pregnancy cases are 5 Jan .. 13 Feb (40 days) and
    # 6 June .. 31 Dec (209 days, still running), with employee 4's 10 days: three reports.
    case = cases.for_employee(session, employees.page(session, employer_id=pregnancy.id)[3].id)[0]
    cases.set_report_facts(session, case.id, ReportFactsForm(
        expected_delivery="20-03-2026", leave_start="14-02-2026", leave_end="05-06-2026"))
    f = statistics.employer_statistics(session, pregnancy.id, *YEAR).with_pregnancy
    assert f.reports == 3
    assert f.sick_days == 40 + 209 + 10


# --- the ten-employee example -----------------------------------------------------------


def test_the_ten_employee_example_gives_15_days_over_3_cases(session):
    """A: 2..11 Feb (10 days); B: 2..11 March, works 17 days, relapse 29 March .. 7 April: one
    case of 20 days; C: pregnancy-related 7..21 September, the leave from 22 September: 15 days.
    (10 + 20 + 15) / 3 = 15.0; the old service gave 23.5 over 2."""
    e, people = employer_with(session, "Tien B.V.", 10)
    sick(session, people[0], "02-02-2026", "12-02-2026")
    sick(session, people[1], "02-03-2026", "12-03-2026")
    sick(session, people[1], "29-03-2026", "08-04-2026")
    c = sick(session, people[2], "07-09-2026", kind="pregnancy")
    cases.set_report_facts(session, c.id, ReportFactsForm(expected_delivery="25-10-2026",
                                                          leave_start="22-09-2026"))
    s = statistics.employer_statistics(session, e.id, *YEAR)
    assert s.with_pregnancy.ended_cases == 3
    assert s.with_pregnancy.average_duration == 15.0
    assert s.with_pregnancy.notification_frequency == 0.40  # 4 reports / 10 × 1
    assert s.without_pregnancy.average_duration == 15.0  # (10 + 20) / 2


# --- the workforce the employer gave ------------------------------------------------------------


def test_entered_workforce_is_used_and_named(session):
    # The practice knows two employees (18 h and 36 h); the employer says: 40 people, 30 FTE on
    # a 36-hour week in Q1. Employee 0 is sick 12..21 Jan (10 days), employee 1 2..10 March (9).
    e, people = employer_with(session, "Groot B.V.", 2, hours=[18, 36])
    sick(session, people[0], "12-01-2026", "22-01-2026")
    sick(session, people[1], "02-03-2026", "11-03-2026")
    workforce.add(session, e.id, WorkforceForm("01-01-2026", "31-03-2026", "40", "30", "36"))
    s = statistics.employer_statistics(session, e.id, *Q1)
    assert s.workforce_source is WorkforceSource.ENTERED
    assert s.full_time_source is FullTimeSource.WORKFORCE
    assert s.suppressed is False  # 40 people, although the dossier knows only 2
    assert s.without_pregnancy.absence_percentage == 0.52  # (10 × 0.5 + 9) / (30 × 90)
    assert s.without_pregnancy.notification_frequency == 0.20  # 2 / 40 × 4


def test_a_workforce_entry_that_misses_days_gives_way_to_the_dossier(session):
    e, _people = employer_with(session, "Half B.V.", 12, hours=[40] * 12, week="40")
    workforce.add(session, e.id, WorkforceForm("01-01-2026", "28-02-2026", "40", "30"))
    s = statistics.employer_statistics(session, e.id, *Q1)
    assert s.workforce_source is WorkforceSource.DOSSIER
    assert s.employees == 12


def test_without_the_entered_workforce_a_small_dossier_is_suppressed(session):
    e, people = employer_with(session, "Klein B.V.", 2, hours=[18, 36])
    sick(session, people[0], "12-01-2026", "22-01-2026")
    assert statistics.employer_statistics(session, e.id, *Q1).suppressed is True


# --- the PDF and the screen say the same, with their sources ---------------------------------


def test_the_pdf_prints_the_reports_figures_and_sources(session):
    e = part_time_employer(session, "36")
    report = statistics.report(session, e.id, *Q1)
    text = text_of(statistics.statistics_pdf(session, e.id, *Q1))
    for label, value in report.sources:
        assert f"{label} {value}" in text


def test_the_pdf_names_an_assumed_week(session):
    e = part_time_employer(session, "")
    text = text_of(statistics.statistics_pdf(session, e.id, *Q1))
    assert "40 uur aangenomen" in text


def test_the_pdf_names_the_entered_workforce(session):
    e, people = employer_with(session, "Opgave B.V.", 2, hours=[18, 36])
    workforce.add(session, e.id, WorkforceForm("01-01-2026", "31-03-2026", "40", "30", "36"))
    text = text_of(statistics.statistics_pdf(session, e.id, *Q1))
    assert "opgegeven door de werkgever" in text


def test_the_pdf_shows_an_average_of_fewer_than_three_cases_not(session, relapse):
    text = text_of(statistics.statistics_pdf(session, relapse.id, *Q1))
    assert "30,0 dagen" not in text


def test_the_pdf_shows_the_frequencys_annualisation(session, relapse):
    text = text_of(statistics.statistics_pdf(session, relapse.id, *Q1))
    assert "kwartaal × 4" in text


# --- the period is the core's ---------------------------------------------------------------------


def test_the_offered_periods_count_back_from_today(session):
    offered = {p.kind: p for p in statistics.periods(session)}
    assert (offered[PeriodKind.LAST_QUARTER].start, offered[PeriodKind.LAST_QUARTER].end) == \
        (date(2026, 10, 1), date(2026, 12, 31))
    assert (offered[PeriodKind.LAST_YEAR].start, offered[PeriodKind.LAST_YEAR].end) == \
        (date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(("start", "end", "field"), [
    ("01-04-2026", "31-03-2026", "end"),   # ends before it starts
    ("01-01-2027", "31-01-2027", "end"),   # ends after today
    ("01-01-2010", "31-12-2020", "end"),   # longer than ten years
    ("1 januari", "31-03-2026", "start"),  # not a date
])
def test_a_custom_period_is_checked(session, start, end, field):
    with pytest.raises(ValidationErrors) as err:
        statistics.custom_period(session, start, end)
    assert field in err.value.errors


def test_a_period_given_as_dates_is_checked_the_same_way(session, relapse):
    with pytest.raises(ValidationErrors):
        statistics.statistics_pdf(session, relapse.id, date(2026, 3, 31), date(2026, 1, 1))
