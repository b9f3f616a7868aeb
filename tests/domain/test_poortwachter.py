"""The Poortwachter timeline with worked dates (convention: due on the last day of week N)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.poortwachter import (
    Episode,
    compute_timeline,
    continues_case,
    date_for_sick_week,
    sick_day_number,
)
from desktop_app.domain.poortwachter import (
    MilestoneCode as C,
)
from desktop_app.domain.poortwachter import (
    MilestoneState as S,
)
from desktop_app.errors import ValidationError

FIRST = date(2026, 1, 5)  # a Monday


def by_code(milestones):
    return {m.code: m for m in milestones if not (m.code == C.EVALUATION and m.state == S.DONE)}


def test_worked_dates_from_monday_5_january_2026():
    t = by_code(compute_timeline([Episode(FIRST)], today=FIRST))
    # Jan 5 + 41 days: 26 days to Jan 31, 15 more → Sunday 15 February (last day of week 6).
    assert t[C.PROBLEM_ANALYSIS].due == date(2026, 2, 15)
    assert t[C.PLAN_OF_APPROACH].due == date(2026, 3, 1)  # +55, end of week 8
    assert t[C.UWV_REPORT].due == FIRST + timedelta(days=42 * 7 - 1) == date(2026, 10, 25)
    assert t[C.FIRST_YEAR_EVALUATION].due == date(2027, 1, 3)  # +363
    # +727: 2027-01-05 is +365, 362 more → 2 January 2028.
    assert t[C.END_OF_WAITING_PERIOD].due == date(2028, 1, 2)
    # Eleven weeks earlier, the end of week 93: 17 October 2027.
    assert t[C.WIA_APPLICATION].due == date(2027, 10, 17)
    assert t[C.REINTEGRATION_REPORT].due == FIRST + timedelta(days=91 * 7 - 1)
    assert t[C.CURRENT_OPINION].due == FIRST + timedelta(days=90 * 7 - 1)


def test_states_against_today():
    today = date(2026, 2, 20)  # after week 6, before week 8
    t = by_code(compute_timeline([Episode(FIRST)], today=today))
    assert t[C.PROBLEM_ANALYSIS].state == S.OVERDUE
    assert t[C.PLAN_OF_APPROACH].state == S.DUE_SOON  # due 1 March, 9 days away
    assert t[C.UWV_REPORT].state == S.OPEN
    done = by_code(compute_timeline([Episode(FIRST)], today=today,
                                    done={C.PROBLEM_ANALYSIS: date(2026, 2, 18)}))
    assert done[C.PROBLEM_ANALYSIS].state == S.DONE
    # The plan is due two weeks after the analysis was done.
    assert done[C.PLAN_OF_APPROACH].due == date(2026, 3, 4)


def test_evaluations_every_six_weeks_after_the_plan():
    plan = date(2026, 2, 25)
    t = compute_timeline([Episode(FIRST)], today=date(2026, 3, 1),
                         done={C.PROBLEM_ANALYSIS: date(2026, 2, 10), C.PLAN_OF_APPROACH: plan},
                         evaluations_done=[date(2026, 4, 1)])
    evals = [m for m in t if m.code == C.EVALUATION]
    assert [(m.due, m.state) for m in evals] == [
        (date(2026, 4, 1), S.DONE), (date(2026, 5, 13), S.OPEN)]  # 1 April + 42 days


def test_no_evaluation_before_a_plan():
    assert all(m.code != C.EVALUATION for m in compute_timeline([Episode(FIRST)], today=FIRST))


def test_relapse_after_ten_days_of_work_moves_later_deadlines_by_ten_days():
    eps = [Episode(FIRST, date(2026, 1, 20)), Episode(date(2026, 1, 30))]  # 15 sick days, 10 worked
    t = by_code(compute_timeline(eps, today=FIRST))
    plain = by_code(compute_timeline([Episode(FIRST)], today=FIRST))
    for code in (C.PROBLEM_ANALYSIS, C.UWV_REPORT, C.END_OF_WAITING_PERIOD, C.WIA_APPLICATION):
        assert t[code].due - plain[code].due == timedelta(days=10), code
    assert continues_case(date(2026, 1, 20), date(2026, 1, 30))


def test_four_weeks_after_recovery_is_a_new_case():
    assert continues_case(date(2026, 3, 1), date(2026, 3, 28))  # 27 days
    assert not continues_case(date(2026, 3, 1), date(2026, 3, 29))  # exactly 28 days


def test_recovery_makes_later_steps_not_applicable_but_keeps_missed_ones():
    eps = [Episode(FIRST, date(2026, 3, 10))]
    t = by_code(compute_timeline(eps, today=date(2026, 4, 1)))
    assert t[C.PROBLEM_ANALYSIS].state == S.OVERDUE  # missed before the recovery
    assert t[C.UWV_REPORT].state == S.NOT_APPLICABLE
    assert t[C.END_OF_WAITING_PERIOD].state == S.NOT_APPLICABLE


def test_wage_sanction_extends_by_up_to_52_weeks():
    base = by_code(compute_timeline([Episode(FIRST)], today=FIRST))
    t = by_code(compute_timeline([Episode(FIRST)], today=FIRST, wage_sanction_weeks=52))
    assert t[C.END_OF_WAITING_PERIOD].due == date(2028, 12, 31)  # 2 Jan 2028 + 364 days
    assert t[C.WIA_APPLICATION].due - base[C.WIA_APPLICATION].due == timedelta(weeks=52)
    assert t[C.UWV_REPORT].due == base[C.UWV_REPORT].due
    with pytest.raises(ValidationError) as err:
        compute_timeline([Episode(FIRST)], today=FIRST, wage_sanction_weeks=53)
    assert err.value.field == "wage_sanction_weeks"


def test_uwv_letter_sets_the_current_opinion_but_not_after_week_91():
    letter = FIRST + timedelta(days=88 * 7)
    t = by_code(compute_timeline([Episode(FIRST)], today=FIRST, uwv_letter_received=letter))
    assert t[C.CURRENT_OPINION].due == letter + timedelta(days=14)
    late = FIRST + timedelta(days=91 * 7)
    t = by_code(compute_timeline([Episode(FIRST)], today=FIRST, uwv_letter_received=late))
    assert t[C.CURRENT_OPINION].due == FIRST + timedelta(days=91 * 7 - 1)


def test_leap_year_arithmetic():
    first = date(2027, 12, 30)
    t = by_code(compute_timeline([Episode(first)], today=first))
    assert t[C.PROBLEM_ANALYSIS].due == date(2028, 2, 9)
    assert date_for_sick_week([Episode(first)], 10) == date(2028, 3, 8)  # across 29 Feb 2028


def test_bad_episodes_are_refused():
    with pytest.raises(ValidationError):
        compute_timeline([Episode(FIRST, FIRST - timedelta(days=1))], today=FIRST)
    with pytest.raises(ValidationError):
        compute_timeline([Episode(FIRST, date(2026, 2, 1)), Episode(date(2026, 1, 20))], today=FIRST)
    with pytest.raises(ValidationError):
        compute_timeline([], today=FIRST)


def test_sick_day_number_skips_the_gap():
    eps = [Episode(FIRST, date(2026, 1, 10)), Episode(date(2026, 1, 20))]
    assert sick_day_number(eps, FIRST) == 1
    assert sick_day_number(eps, date(2026, 1, 15)) == 5  # the gap does not count
    assert sick_day_number(eps, date(2026, 1, 20)) == 6


FIXED = [C.PROBLEM_ANALYSIS, C.UWV_REPORT, C.FIRST_YEAR_EVALUATION, C.REINTEGRATION_REPORT,
         C.WIA_APPLICATION, C.END_OF_WAITING_PERIOD]


@given(first=st.dates(date(2000, 1, 1), date(2040, 1, 1)), gap=st.integers(1, 27),
       worked_after=st.integers(1, 300), sanction=st.integers(0, 52))
def test_properties(first, gap, worked_after, sanction):
    one = compute_timeline([Episode(first)], today=first, wage_sanction_weeks=sanction)
    assert all(m.due >= first for m in one)
    dues = [by_code(one)[c].due for c in FIXED]
    assert dues == sorted(dues)
    recovered = first + timedelta(days=worked_after)
    two = compute_timeline([Episode(first, recovered), Episode(recovered + timedelta(days=gap))],
                           today=first, wage_sanction_weeks=sanction)
    a, b = by_code(one), by_code(two)
    for code in FIXED:
        if a[code].due >= recovered:
            assert b[code].due - a[code].due == timedelta(days=gap)
        else:
            assert b[code].due == a[code].due
