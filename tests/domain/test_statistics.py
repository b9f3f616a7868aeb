"""Vernet statistics with hand-computed figures."""

from datetime import date

import pytest

from desktop_app.domain.statistics import MIN_GROUP, StatCase, StatEmployee, compute, shown

JAN1, DEC31 = date(2026, 1, 1), date(2026, 12, 31)  # 365 days


def staff(n=10, part_time=1.0):
    return [StatEmployee(part_time, None, None) for _ in range(n)]


def test_absence_percentage_weights_part_time_and_incapacity():
    people = staff(9) + [StatEmployee(0.5, None, None)]
    # Employee 9 (half time) is sick 10 days at 100 %, employee 0 (full time) 20 days at 50 %.
    cases = [StatCase(9, date(2026, 3, 1), date(2026, 3, 11), False),
             StatCase(0, date(2026, 5, 1), date(2026, 5, 21), False, levels=((date(2026, 5, 1), 50.0),))]
    s = compute(people, cases, JAN1, DEC31)
    numerator = 10 * 0.5 * 1.0 + 20 * 1.0 * 0.5  # 15
    denominator = 365 * (9 * 1.0 + 0.5)  # 3467.5
    assert s.with_pregnancy.absence_percentage == round(100 * numerator / denominator, 2) == 0.43


def test_frequency_is_reports_per_average_employee_per_year():
    cases = [StatCase(i, date(2026, 2, 1), date(2026, 2, 5), False) for i in range(5)]
    s = compute(staff(10), cases, JAN1, DEC31)
    assert s.with_pregnancy.notification_frequency == 0.5
    quarter = compute(staff(10), cases, date(2026, 1, 1), date(2026, 3, 31))  # 90 days
    assert quarter.with_pregnancy.notification_frequency == round(5 / 10 * 365 / 90, 2)  # × ~4


def test_average_duration_counts_from_the_first_day_even_before_the_period():
    cases = [StatCase(0, date(2025, 12, 22), date(2026, 1, 11), False),  # 20 days, 10 before
             StatCase(1, date(2026, 6, 1), date(2026, 6, 11), False),  # 10 days
             StatCase(2, date(2026, 12, 1), None, False)]  # not ended: not counted
    s = compute(staff(), cases, JAN1, DEC31)
    assert s.with_pregnancy.average_duration == 15.0 and s.with_pregnancy.ended_cases == 2
    assert s.with_pregnancy.classes == [1, 1, 0, 0, 0]


def test_pregnancy_is_reported_with_and_without():
    cases = [StatCase(0, date(2026, 4, 1), date(2026, 4, 21), True),
             StatCase(1, date(2026, 4, 1), date(2026, 4, 6), False)]
    s = compute(staff(), cases, JAN1, DEC31)
    assert s.with_pregnancy.reports == 2 and s.without_pregnancy.reports == 1
    assert s.with_pregnancy.absence_percentage > s.without_pregnancy.absence_percentage


def test_small_groups_are_suppressed():
    s = compute(staff(MIN_GROUP - 1), [StatCase(0, date(2026, 1, 5), None, False)], JAN1, DEC31)
    assert s.suppressed and s.with_pregnancy is None
    assert shown(1) == "< 3" and shown(0) == "0" and shown(7) == "7"


def test_employment_days_only_count_while_employed():
    people = staff(9) + [StatEmployee(1.0, date(2026, 7, 1), None)]
    s = compute(people, [], JAN1, DEC31)
    assert s.with_pregnancy.average_headcount == round((9 * 365 + 184) / 365, 1)


def test_bad_period():
    with pytest.raises(ValueError):
        compute(staff(), [], DEC31, JAN1)
