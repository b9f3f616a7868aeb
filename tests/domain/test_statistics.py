"""Vernet statistics against examples worked out by hand (definitions: the module docstring).

Conventions used in the hand figures: a recovery date is the first day worked again, so a case
from 2 February recovered on 12 February has the sick days 2..11 February = 10 days. Q1 2026 has
31 + 28 + 31 = 90 days, Q4 2025 has 31 + 30 + 31 = 92 days, 2026 has 365 days.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.statistics import (
    CLASS_LABELS,
    MIN_CELL,
    MIN_GROUP,
    FullTimeSource,
    StatCase,
    StatEmployee,
    Workforce,
    WorkforceSource,
    annualisation,
    compute,
    part_time_factor,
    shown,
)

Q1 = (date(2026, 1, 1), date(2026, 3, 31))  # 90 days
Q4_2025 = (date(2025, 10, 1), date(2025, 12, 31))  # 92 days
YEAR = (date(2026, 1, 1), date(2026, 12, 31))  # 365 days


def staff(n=10, hours=None):
    return [StatEmployee(contract_hours=hours) for _ in range(n)]


# --- (a) a relapse -----------------------------------------------------------------------------

# Employee 0 is sick 10..21 December 2025 (recovered 22 Dec: 12 sick days), works 22 Dec .. 4 Jan
# (14 days, fewer than 28), and is sick again 5..22 January 2026 (recovered 23 Jan: 18 sick days).
# The relapse continues the case: one case of 12 + 18 = 30 sick days, two sick reports.
RELAPSE = StatCase(0, date(2025, 12, 10), date(2026, 1, 23), False,
                   episodes=((date(2025, 12, 10), date(2025, 12, 22)),
                             (date(2026, 1, 5), date(2026, 1, 23))))


def test_a_relapse_in_the_quarter_of_its_last_recovery():
    f = compute(staff(), [RELAPSE], *Q1).without_pregnancy
    # Percentage: 18 sick days in Q1 ÷ (10 employees × 90 days) = 18 / 900 = 2.00 %.
    assert f.absence_percentage == 2.00
    # Frequency: one report in Q1 (5 Jan; the 10 Dec report lies in Q4), 1 / 10 × 4 = 0.40.
    assert f.reports == 1
    assert f.notification_frequency == 0.40
    # Duration: the case ended in Q1 (last recovery 23 Jan); counted once, from its first day,
    # also the 12 days before the period, without the 14 days worked: 12 + 18 = 30 → 30.0.
    assert f.ended_cases == 1
    assert f.average_duration == 30.0
    # Classes: 30 days lies in 15–91, for the case in the period and for the ended case.
    assert f.classes == [0, 1, 0, 0]
    assert f.ended_classes == [0, 1, 0, 0]


def test_a_relapse_did_not_end_the_case_in_the_quarter_of_the_first_recovery():
    f = compute(staff(), [RELAPSE], *Q4_2025).without_pregnancy
    # Percentage: 12 sick days (10..21 Dec) ÷ (10 × 92) = 12 / 920 = 1.304… → 1.30 %.
    assert f.absence_percentage == 1.30
    # Frequency: the 10 Dec report, 1 / 10 × 4 = 0.40.
    assert f.notification_frequency == 0.40
    # The recovery of 22 Dec was followed by a relapse, so the case had not ended: no duration.
    assert f.ended_cases == 0
    assert f.average_duration is None
    # Classes: the case was in the period; its length up to 31 Dec is its 12 sick days → 1–14.
    assert f.classes == [1, 0, 0, 0]
    assert f.ended_classes == [0, 0, 0, 0]


# --- (b) a part-timer at an employer with a 36-hour week -----------------------------------------

# Nine employees work 36 hours (factor 36/36 = 1), employee 9 works 18 hours (18/36 = 0.5).
# Employee 9 is sick 2..21 Feb (recovered 22 Feb, 20 days): 2..11 Feb at 100 %, from 12 Feb at
# 50 %. Employee 0 is sick 2..4 March (recovered 5 March, 3 days) at 100 %.
PART_TIME_STAFF = staff(9, hours=36) + [StatEmployee(contract_hours=18)]
PART_TIME_CASES = [
    StatCase(9, date(2026, 2, 2), date(2026, 2, 22), False, levels=((date(2026, 2, 12), 50.0),)),
    StatCase(0, date(2026, 3, 2), date(2026, 3, 5), False),
]


def test_b_part_timer_at_a_36_hour_employer():
    s = compute(PART_TIME_STAFF, PART_TIME_CASES, *Q1, full_time_hours=36)
    f = s.without_pregnancy
    # Numerator: 10 × 0.5 × 1 + 10 × 0.5 × 0.5 + 3 × 1 × 1 = 5 + 2.5 + 3 = 10.5.
    assert f.sick_days == 10.5
    # Denominator: 90 days × (9 × 1 + 0.5) = 90 × 9.5 = 855.
    assert f.available_days == 855
    # Percentage: 10.5 / 855 = 0.012280… → 1.23 %.
    assert f.absence_percentage == 1.23
    # FTE: 855 / 90 = 9.5; headcount 10.
    assert f.average_fte == 9.5
    assert f.average_headcount == 10.0
    # Frequency: two reports, 2 / 10 × 4 = 0.80.
    assert f.notification_frequency == 0.80
    # Duration: 20 and 3 days (partial days count whole), (20 + 3) / 2 = 11.5.
    assert f.average_duration == 11.5
    # Classes: 3 → 1–14, 20 → 15–91.
    assert f.classes == [1, 1, 0, 0]
    assert s.full_time_hours == 36
    assert s.full_time_source is FullTimeSource.EMPLOYER


def test_b_without_the_employers_week_40_hours_is_assumed_and_said():
    s = compute(PART_TIME_STAFF, PART_TIME_CASES, *Q1)
    # On 40 hours the factors become 0.9 and 0.45: FTE 90 × (9 × 0.9 + 0.45) / 90 = 8.55,
    # which understates this employer's workforce; the result says the week was assumed.
    assert s.without_pregnancy.average_fte == 8.55
    assert s.full_time_source is FullTimeSource.DEFAULT
    assert s.full_time_hours == 40
    assert any("40 uur" in n for n in s.notes)


def test_part_time_factor_is_hours_over_the_full_time_week_and_not_capped():
    assert part_time_factor(18, 36) == 0.5
    assert part_time_factor(40, 36) == pytest.approx(1.111, abs=0.001)
    assert part_time_factor(None, 36) == 1.0
    with pytest.raises(ValueError):
        part_time_factor(20, 0)


# --- (c) a pregnancy-related absence -----------------------------------------------------------

# Employee 3 is sick from 5 January by her pregnancy and still sick when her pregnancy and
# childbirth leave starts on 14 February: the illness ends there, 5 Jan .. 13 Feb = 27 + 13 = 40
# sick days. The leave (14 Feb .. 31 Mar, 46 days) is not absence. Employee 4 is ill 2..11 March
# (recovered 12 March): 10 days.
PREGNANCY_CASES = [
    StatCase(3, date(2026, 1, 5), None, True, leave_start=date(2026, 2, 14)),
    StatCase(4, date(2026, 3, 2), date(2026, 3, 12), False),
]


def test_c_pregnancy_with_pregnancy_related_absence():
    f = compute(staff(), PREGNANCY_CASES, *Q1).with_pregnancy
    # Percentage: (40 + 10) / 900 = 0.0555… → 5.56 %.
    assert f.absence_percentage == 5.56
    # Frequency: 2 / 10 × 4 = 0.80.
    assert f.notification_frequency == 0.80
    # Duration: the pregnancy case ended on 14 Feb (the leave), (40 + 10) / 2 = 25.0.
    assert f.ended_cases == 2
    assert f.average_duration == 25.0
    # Classes: 10 → 1–14, 40 → 15–91.
    assert f.classes == [1, 1, 0, 0]


def test_c_pregnancy_without_pregnancy_related_absence():
    f = compute(staff(), PREGNANCY_CASES, *Q1).without_pregnancy
    # Percentage: 10 / 900 = 0.0111… → 1.11 %.
    assert f.absence_percentage == 1.11
    # Frequency: 1 / 10 × 4 = 0.40.
    assert f.notification_frequency == 0.40
    # Duration: 10 / 1 = 10.0.
    assert f.average_duration == 10.0
    assert f.classes == [1, 0, 0, 0]


def test_an_episode_after_the_leave_is_refused_it_is_a_case_of_its_own():
    case = StatCase(0, date(2026, 1, 5), None, True, leave_start=date(2026, 2, 14),
                    episodes=((date(2026, 1, 5), date(2026, 1, 20)), (date(2026, 2, 20), None)))
    with pytest.raises(ValueError):
        compute(staff(), [case], *Q1)


# --- the 10-employee example -----------------------------------------------------------


def test_the_ten_employee_example_gives_15_days_over_3_cases():
    """2026, ten full-time employees, three cases that ended in the year:

    - A: 2..11 Feb (recovered 12 Feb), 10 days;
    - B: 2..11 March (recovered 12 March), works 12..28 March (17 days), relapse 29 March ..
      7 April (recovered 8 April): one case of 10 + 10 = 20 sick days, two reports;
    - C: pregnancy-related, 7..21 September, then the leave from 22 September: 15 days.

    Vernet: (10 + 20 + 15) / 3 = 15.0. The old rules gave 23.5 over 2: B from its first day to
    its recovery, days worked included (37 days), and C not ended (the leave was counted as
    absence): (10 + 37) / 2.
    """
    cases = [
        StatCase(0, date(2026, 2, 2), date(2026, 2, 12), False),
        StatCase(1, date(2026, 3, 2), date(2026, 4, 8), False,
                 episodes=((date(2026, 3, 2), date(2026, 3, 12)),
                           (date(2026, 3, 29), date(2026, 4, 8)))),
        StatCase(2, date(2026, 9, 7), None, True, leave_start=date(2026, 9, 22)),
    ]
    s = compute(staff(), cases, *YEAR)
    f = s.with_pregnancy
    assert f.ended_cases == 3
    assert f.duration_days == 45
    assert f.average_duration == 15.0
    # Reports: A, B twice, C = 4; per year 4 / 10 × 1 = 0.40.
    assert f.notification_frequency == 0.40
    # Percentage: 45 / 3650 = 0.01232… → 1.23 %.
    assert f.absence_percentage == 1.23
    assert f.classes == [1, 2, 0, 0]
    # Without pregnancy: (10 + 20) / 2 = 15.0, 3 reports → 0.30, 30 / 3650 → 0.82 %.
    assert s.without_pregnancy.average_duration == 15.0
    assert s.without_pregnancy.notification_frequency == 0.30
    assert s.without_pregnancy.absence_percentage == 0.82


# --- per year: a quarter × 4 --------------------------------------------------------------------


def test_a_quarters_frequency_is_multiplied_by_four():
    # Three reports in Q1 among ten employees: 3 / 10 × 4 = 1.20 (365 / 90 would give 1.22).
    cases = [StatCase(i, date(2026, 2, 2), date(2026, 2, 4), False) for i in range(3)]
    s = compute(staff(), cases, *Q1)
    assert s.with_pregnancy.notification_frequency == 1.20
    assert s.annualisation == 4.0
    assert s.annualisation_basis == "kwartaal × 4"


def test_other_periods_are_normalised_to_a_year():
    assert annualisation(date(2026, 1, 1), date(2026, 12, 31)) == (1.0, "jaar × 1")
    assert annualisation(date(2026, 2, 1), date(2026, 2, 28))[0] == 12.0  # one month × 12
    assert annualisation(date(2026, 1, 1), date(2026, 6, 30))[0] == 2.0  # half a year × 2
    assert annualisation(date(2026, 1, 1), date(2026, 1, 10))[0] == 36.5  # 365 / 10 days


# --- the workforce: dossier or entered ---------------------------------------------------------


def test_entered_workforce_is_used_and_named():
    # The practice knows two employees of this employer; the employer says: 40 people, 30 FTE
    # on a 36-hour week in Q1. Employee 0 (18 h, 0.5) is sick 12..21 Jan (10 days), employee 1
    # (36 h, 1.0) 2..10 March (9 days).
    known = [StatEmployee(contract_hours=18), StatEmployee(contract_hours=36)]
    cases = [StatCase(0, date(2026, 1, 12), date(2026, 1, 22), False),
             StatCase(1, date(2026, 3, 2), date(2026, 3, 11), False)]
    given_figures = Workforce(*Q1, headcount=40, fte=30, full_time_hours=36)
    s = compute(known, cases, *Q1, workforce=given_figures)
    f = s.without_pregnancy
    assert s.workforce_source is WorkforceSource.ENTERED
    assert s.full_time_source is FullTimeSource.WORKFORCE
    assert s.suppressed is False  # 40 people, although the dossier knows only 2
    # Percentage: (10 × 0.5 + 9 × 1) / (30 × 90) = 14 / 2700 = 0.005185… → 0.52 %.
    assert f.absence_percentage == 0.52
    # Frequency: 2 / 40 × 4 = 0.20.
    assert f.notification_frequency == 0.20
    assert f.average_headcount == 40.0
    assert f.average_fte == 30.0


def test_the_full_time_week_decides_the_percentage_against_entered_fte():
    known = [StatEmployee(contract_hours=18), StatEmployee(contract_hours=36)]
    cases = [StatCase(0, date(2026, 1, 12), date(2026, 1, 22), False),
             StatCase(1, date(2026, 3, 2), date(2026, 3, 11), False)]
    # Same figures, but the entry does not name its week and the employer's is unknown: on 40
    # hours the sick days weigh 10 × 0.45 + 9 × 0.9 = 12.6, 12.6 / 2700 = 0.4666… → 0.47 %.
    s = compute(known, cases, *Q1, workforce=Workforce(*Q1, headcount=40, fte=30))
    assert s.without_pregnancy.absence_percentage == 0.47
    assert s.full_time_source is FullTimeSource.DEFAULT


def test_entries_per_month_are_weighted_by_their_days():
    # Jan–Feb (59 days): 40 people, 30 FTE; March (31 days): 50 people, 39 FTE.
    # Headcount (40 × 59 + 50 × 31) / 90 = 3910 / 90 = 43.44… → 43.4;
    # FTE (30 × 59 + 39 × 31) / 90 = 2979 / 90 = 33.1.
    entries = [Workforce(date(2026, 1, 1), date(2026, 2, 28), 40, 30, 36),
               Workforce(date(2026, 3, 1), date(2026, 3, 31), 50, 39, 36)]
    f = compute(staff(2, hours=36), [], *Q1, workforce=entries).without_pregnancy
    assert f.average_headcount == 43.4
    assert f.average_fte == 33.1


def test_entered_figures_that_miss_days_give_way_to_the_dossier():
    s = compute(staff(12, hours=40), [], *Q1,
                workforce=Workforce(date(2026, 1, 1), date(2026, 2, 28), 40, 30), full_time_hours=40)
    assert s.workforce_source is WorkforceSource.DOSSIER
    assert s.employees == 12
    assert any("dekt niet de hele periode" in n for n in s.notes)


def test_overlapping_entries_are_refused():
    with pytest.raises(ValueError):
        compute(staff(), [], *Q1, workforce=[Workforce(date(2026, 1, 1), date(2026, 2, 28), 40, 30),
                                             Workforce(date(2026, 2, 1), date(2026, 3, 31), 40, 30)])


# --- employment, small groups, odds and ends ---------------------------------------------------


def test_employment_days_only_count_while_employed():
    people = staff(9) + [StatEmployee(start=date(2026, 7, 1))]
    s = compute(people, [], *YEAR)
    # (9 × 365 + 184) / 365 = 3469 / 365 = 9.504… → 9.5.
    assert s.with_pregnancy.average_headcount == 9.5


def test_a_case_ends_with_the_employment_for_this_employer():
    # Employee 0 leaves on 31 January while sick since 20 January: 12 sick days for this employer,
    # the case ended in Q1 with 12 days.
    people = [StatEmployee(end=date(2026, 1, 31))] + staff(10)
    f = compute(people, [StatCase(0, date(2026, 1, 20), None, False)], *Q1).with_pregnancy
    assert f.sick_days == 12
    assert f.ended_cases == 1
    assert f.average_duration == 12.0


def test_older_callers_with_a_part_time_factor_still_work():
    people = [StatEmployee(0.5, None, None)] + [StatEmployee(1.0, None, None) for _ in range(9)]
    f = compute(people, [StatCase(0, date(2026, 1, 5), date(2026, 1, 15), False)], *Q1).with_pregnancy
    # 10 × 0.5 / (90 × 9.5) = 5 / 855 = 0.00584… → 0.58 %.
    assert f.absence_percentage == 0.58


def test_a_case_is_at_most_730_days_long():
    f = compute(staff(), [StatCase(0, date(2024, 1, 1), date(2026, 3, 1), False)], *Q1).with_pregnancy
    assert f.average_duration == 730.0
    assert f.ended_classes == [0, 0, 0, 1]


def test_small_groups_are_suppressed():
    s = compute(staff(MIN_GROUP - 1), [StatCase(0, date(2026, 1, 5), None, False)], *YEAR)
    assert s.suppressed is True
    assert s.with_pregnancy is None
    assert s.without_pregnancy is None


def test_small_counts_are_not_shown_exactly():
    assert shown(1) == "< 3"
    assert shown(2) == "< 3"
    assert shown(0) == "0"
    assert shown(MIN_CELL) == "3"
    assert len(CLASS_LABELS) == 4


def test_bad_period():
    with pytest.raises(ValueError):
        compute(staff(), [], YEAR[1], YEAR[0])


# --- properties --------------------------------------------------------------------------------

PERIOD = Q1


@st.composite
def employer(draw):
    """Employees with contract hours and employment dates, at most one case each."""
    n = draw(st.integers(MIN_GROUP, 16))
    people, cases = [], []
    for i in range(n):
        begin = draw(st.none() | st.dates(date(2025, 6, 1), date(2026, 3, 1)))
        stop = draw(st.none() | st.dates(date(2026, 1, 1), date(2026, 9, 1)))
        if begin and stop and stop < begin:
            begin, stop = stop, begin
        people.append(StatEmployee(start=begin, end=stop,
                                   contract_hours=draw(st.none() | st.integers(4, 60))))
        if draw(st.booleans()):
            first = draw(st.dates(date(2025, 11, 1), date(2026, 3, 31)))
            length = draw(st.integers(0, 120))
            rec = first + timedelta(days=length) if draw(st.booleans()) else None
            pct = draw(st.sampled_from([100.0, 50.0, 0.0]))
            cases.append(StatCase(i, first, rec, draw(st.booleans()),
                                  levels=((first + timedelta(days=draw(st.integers(0, 30))), pct),)))
    return people, cases


@settings(max_examples=60, deadline=None)
@given(employer())
def test_percentage_lies_between_0_and_100(data):
    people, cases = data
    s = compute(people, cases, *PERIOD, full_time_hours=36)
    for f in (s.with_pregnancy, s.without_pregnancy):
        if f is not None and f.absence_percentage is not None:
            assert 0 <= f.absence_percentage <= 100


@settings(max_examples=60, deadline=None)
@given(employer())
def test_with_hours_known_the_percentage_does_not_depend_on_the_week(data):
    people, cases = data
    people = [StatEmployee(start=p.start, end=p.end, contract_hours=p.contract_hours or 20)
              for p in people]
    a = compute(people, cases, *PERIOD, full_time_hours=36).with_pregnancy
    b = compute(people, cases, *PERIOD, full_time_hours=40).with_pregnancy
    if a is not None and b is not None:
        assert a.absence_percentage == b.absence_percentage


@settings(max_examples=60, deadline=None)
@given(employer())
def test_classes_count_each_case_once(data):
    people, cases = data
    f = compute(people, cases, *PERIOD).with_pregnancy
    if f is not None:
        assert sum(f.ended_classes) == f.ended_cases


@settings(max_examples=60, deadline=None)
@given(st.integers(0, MIN_GROUP - 1), st.integers(MIN_GROUP, 40))
def test_suppression_follows_the_group_size(small, large):
    assert compute(staff(small), [], *PERIOD).suppressed is True
    assert compute(staff(large), [], *PERIOD).suppressed is False
