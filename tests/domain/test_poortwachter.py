"""The Poortwachter timeline with worked dates.

Convention (module docstring): a step due "in week N" is due on sick day 7N, the last day of week N;
without a gap that is first_day + 7N - 1. FIRST is Monday 5 January 2026, so every week ends on a
Sunday.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.absence_kind import AbsenceKind as K
from desktop_app.domain.poortwachter import (
    LABELS,
    Episode,
    Milestone,
    case_has_ended,
    compute_timeline,
    continues_case,
    date_for_sick_day,
    date_for_sick_week,
    overdue,
    sick_day_number,
    sort_key,
)
from desktop_app.domain.poortwachter import MilestoneCode as C
from desktop_app.domain.poortwachter import MilestoneState as S
from desktop_app.domain.uwv_reports import Pregnancy, ReportRule, SafetyNetGround, early_report
from desktop_app.errors import ValidationError

FIRST = date(2026, 1, 5)  # a Monday
D = timedelta


def timeline(episodes=None, today=FIRST, **kw):
    return compute_timeline(episodes or [Episode(FIRST)], today=today, **kw)


def by_code(milestones):
    """One milestone per code; for evaluations the one still to do (done ones are history)."""
    return {m.code: m for m in milestones if not (m.code == C.EVALUATION and m.state == S.DONE)}


# --- worked dates -----------------------------------------------------------------------------


def test_worked_dates_from_monday_5_january_2026():
    t = by_code(timeline())
    # Week 6 ends on sick day 42 = Jan 5 + 41 days: 26 days to Jan 31, 15 more → Sunday 15 Feb.
    assert t[C.PROBLEM_ANALYSIS].due == date(2026, 2, 15)
    # Week 8: 15 Feb + 14 days → Sunday 1 March (2026 is not a leap year).
    assert t[C.PLAN_OF_APPROACH].due == date(2026, 3, 1)
    # Week 42: Jan 5 + 293; Jan 5 → Oct 5 is 273 days, 20 more → Sunday 25 October.
    assert t[C.UWV_REPORT].due == date(2026, 10, 25)
    # Week 52: Jan 5 + 363, two days short of a year → Sunday 3 January 2027.
    assert t[C.FIRST_YEAR_EVALUATION].due == date(2027, 1, 3)
    # Week 90 (no UWV letter yet): Jan 5 + 629 = 5 Jan 2027 (+365) + 264 → Sunday 26 Sep 2027.
    assert t[C.CURRENT_OPINION].due == date(2027, 9, 26)
    # Week 91: one week later, Sunday 3 October 2027.
    assert t[C.REINTEGRATION_REPORT].due == date(2027, 10, 3)
    # Week 93: two weeks later again, Sunday 17 October 2027.
    assert t[C.WIA_APPLICATION].due == date(2027, 10, 17)
    # Week 104: Jan 5 + 727 = 5 Jan 2027 (+365) + 362 → Sunday 2 January 2028.
    assert t[C.END_OF_WAITING_PERIOD].due == date(2028, 1, 2)
    # The WIA application is due eleven weeks before the end of the waiting period.
    assert t[C.END_OF_WAITING_PERIOD].due - t[C.WIA_APPLICATION].due == D(weeks=11)
    assert all(m.due.weekday() == 6 for m in t.values())  # every week ends on a Sunday


def test_labels_are_dutch_and_the_timeline_is_in_due_order():
    t = timeline()
    assert [m.code for m in t] == [C.PROBLEM_ANALYSIS, C.PLAN_OF_APPROACH, C.UWV_REPORT,
                                   C.FIRST_YEAR_EVALUATION, C.CURRENT_OPINION,
                                   C.REINTEGRATION_REPORT, C.WIA_APPLICATION,
                                   C.END_OF_WAITING_PERIOD]
    assert [m.label for m in t][:2] == ["Probleemanalyse", "Plan van aanpak"]
    assert C.UWV_REPORT.label == "Ziekmelding UWV (week 42)"
    assert LABELS[C.EVALUATION] == "Evaluatie plan van aanpak"
    assert S.DUE_SOON.label == "binnenkort"
    assert all(m.label == LABELS[m.code] for m in t)


def test_sick_week_and_sick_day_of_a_single_episode():
    eps = [Episode(FIRST)]
    assert date_for_sick_day(eps, 1) == FIRST
    assert date_for_sick_week(eps, 1) == date(2026, 1, 11)  # sick days 1..7, Monday to Sunday
    assert sick_day_number(eps, FIRST) == 1
    assert sick_day_number(eps, FIRST - D(days=1)) == 0
    assert sick_day_number(eps, date(2026, 2, 15)) == 42  # the last day of week 6
    with pytest.raises(ValueError):
        date_for_sick_day(eps, 0)


# --- states against a fixed today -------------------------------------------------------------


def test_states_against_today():
    today = date(2026, 2, 20)  # 5 days after week 6, 9 days before week 8
    t = by_code(timeline(today=today))
    assert t[C.PROBLEM_ANALYSIS].state == S.OVERDUE
    assert t[C.PLAN_OF_APPROACH].state == S.DUE_SOON  # due 1 March, 9 days away
    assert t[C.UWV_REPORT].state == S.OPEN
    assert [m.code for m in overdue(timeline(today=today))] == [C.PROBLEM_ANALYSIS]


def test_problem_analysis_done_sets_the_plan_two_weeks_later():
    today = date(2026, 2, 20)
    t = by_code(timeline(today=today, done={C.PROBLEM_ANALYSIS: date(2026, 2, 18)}))
    assert t[C.PROBLEM_ANALYSIS].state == S.DONE
    assert t[C.PROBLEM_ANALYSIS].done == date(2026, 2, 18)
    assert t[C.PROBLEM_ANALYSIS].due == date(2026, 2, 15)  # the due date does not move
    # Done three days late on 18 Feb: the plan is due 14 days later, 4 March (after week 8).
    assert t[C.PLAN_OF_APPROACH].due == date(2026, 3, 4)
    early = by_code(timeline(today=today, done={C.PROBLEM_ANALYSIS: date(2026, 1, 30)}))
    assert early[C.PLAN_OF_APPROACH].due == date(2026, 2, 13)  # 30 Jan + 14, before week 8
    assert overdue(timeline(today=today, done={C.PROBLEM_ANALYSIS: date(2026, 2, 18)})) == []


def test_due_soon_window_edges():
    # Problem analysis due 15 Feb; due_soon_days = 14.
    def state(today, **kw):
        return by_code(timeline(today=today, **kw))[C.PROBLEM_ANALYSIS].state

    assert state(date(2026, 1, 31)) == S.OPEN  # 15 days ahead
    assert state(date(2026, 2, 1)) == S.DUE_SOON  # 14 days ahead
    assert state(date(2026, 2, 15)) == S.DUE_SOON  # due today: not yet late
    assert state(date(2026, 2, 16)) == S.OVERDUE  # the day after
    assert state(date(2026, 2, 1), due_soon_days=7) == S.OPEN
    assert state(date(2026, 2, 15), due_soon_days=0) == S.DUE_SOON


def test_a_planned_absence_has_a_timeline_and_nothing_overdue():
    first = date(2026, 6, 1)  # an operation planned three weeks ahead
    t = timeline([Episode(first)], today=date(2026, 5, 11))
    assert by_code(t)[C.PROBLEM_ANALYSIS].due == date(2026, 7, 12)  # 1 June + 41
    assert overdue(t) == []
    assert {m.state for m in t} == {S.OPEN}


def test_end_of_waiting_period_passed_while_open_is_a_prompt_to_close():
    t = by_code(timeline(today=date(2028, 1, 3)))  # the day after week 104
    end = t[C.END_OF_WAITING_PERIOD]
    assert end.state == S.OVERDUE
    assert "Wachttijd verstreken" in end.note


# --- relapse and recovery ---------------------------------------------------------------------


def test_relapse_after_ten_days_of_work_moves_later_deadlines_by_ten_days():
    # Sick 5..19 Jan (15 sick days), works 20..29 Jan (10 days), sick again from 30 Jan.
    eps = [Episode(FIRST, date(2026, 1, 20)), Episode(date(2026, 1, 30))]
    assert continues_case(date(2026, 1, 20), date(2026, 1, 30))
    assert sick_day_number(eps, date(2026, 1, 19)) == 15
    assert sick_day_number(eps, date(2026, 1, 25)) == 15  # a day worked does not count
    assert sick_day_number(eps, date(2026, 1, 30)) == 16
    t = by_code(timeline(eps))
    # Sick day 42 is day 27 of the second episode: 30 Jan + 26 = 25 Feb (= 15 Feb + 10).
    assert t[C.PROBLEM_ANALYSIS].due == date(2026, 2, 25)
    assert t[C.PLAN_OF_APPROACH].due == date(2026, 3, 11)  # 1 March + 10
    assert t[C.UWV_REPORT].due == date(2026, 11, 4)  # 25 Oct + 10
    assert t[C.WIA_APPLICATION].due == date(2027, 10, 27)  # 17 Oct + 10
    assert t[C.END_OF_WAITING_PERIOD].due == date(2028, 1, 12)  # 2 Jan + 10
    plain = by_code(timeline())
    assert all(t[c].due - plain[c].due == D(days=10) for c in plain)


def test_a_step_done_before_the_gap_keeps_its_clock_in_sick_days():
    # Problem analysis done on 10 Jan, sick day 6; the plan is due on sick day 20.
    # Sick days 16.. start on 30 Jan, so sick day 20 is 3 Feb (calendar: 24 Jan + 10 worked days).
    eps = [Episode(FIRST, date(2026, 1, 20)), Episode(date(2026, 1, 30))]
    t = by_code(timeline(eps, done={C.PROBLEM_ANALYSIS: date(2026, 1, 10)}))
    assert t[C.PLAN_OF_APPROACH].due == date(2026, 2, 3)
    # Done on 25 Jan, a day worked: the clock stands at sick day 15, plan due on sick day 29,
    # the 14th day of the second episode: 30 Jan + 13 = 12 Feb.
    t = by_code(timeline(eps, done={C.PROBLEM_ANALYSIS: date(2026, 1, 25)}))
    assert t[C.PLAN_OF_APPROACH].due == date(2026, 2, 12)


def test_relapse_after_exactly_28_days_is_a_new_case():
    assert continues_case(date(2026, 3, 1), date(2026, 3, 28))  # worked 1..27 March: 27 days
    assert not continues_case(date(2026, 3, 1), date(2026, 3, 29))  # worked 28 days
    with pytest.raises(ValidationError) as err:
        timeline([Episode(FIRST, date(2026, 3, 1)), Episode(date(2026, 3, 29))])
    assert err.value.field == "first_day"
    assert "nieuwe ziekmelding" in err.value.message
    # 27 days is a relapse: week 6 moves from 15 Feb to 14 March.
    t = by_code(timeline([Episode(FIRST, date(2026, 2, 1)), Episode(date(2026, 2, 28))]))
    assert t[C.PROBLEM_ANALYSIS].due == date(2026, 3, 14)


def test_recovery_ends_the_case_after_four_weeks_without_relapse():
    # Sick 5 Jan .. 9 March, back at work on 10 March; 28 days later is 7 April.
    eps = [Episode(FIRST, date(2026, 3, 10))]
    assert not case_has_ended(eps, date(2026, 4, 6))
    assert case_has_ended(eps, date(2026, 4, 7))
    ended = by_code(timeline(eps, today=date(2026, 4, 7)))
    assert ended[C.PROBLEM_ANALYSIS].state == S.OVERDUE  # missed while still sick
    assert ended[C.PLAN_OF_APPROACH].state == S.OVERDUE
    for code in (C.UWV_REPORT, C.FIRST_YEAR_EVALUATION, C.WIA_APPLICATION, C.END_OF_WAITING_PERIOD):
        assert ended[code].state == S.NOT_APPLICABLE, code
    assert ended[C.UWV_REPORT].note == ("Vervallen: hersteld per 10-03-2026 zonder terugval "
                                         "binnen vier weken.")


def test_within_four_weeks_of_recovery_later_steps_wait():
    eps = [Episode(FIRST, date(2026, 3, 10))]
    t = by_code(timeline(eps, today=date(2026, 4, 6)))  # 27 days after recovery
    assert t[C.UWV_REPORT].state == S.OPEN
    assert "07-04-2026" in t[C.UWV_REPORT].note
    # A deadline that would fall in the window is not "due soon": the clock stands still.
    eps = [Episode(FIRST, date(2026, 2, 10))]
    t = by_code(timeline(eps, today=date(2026, 2, 12)))
    assert t[C.PROBLEM_ANALYSIS].due == date(2026, 2, 15)
    assert t[C.PROBLEM_ANALYSIS].state == S.OPEN


def test_a_done_step_stays_done_after_recovery():
    eps = [Episode(FIRST, date(2026, 12, 1))]
    t = by_code(timeline(eps, today=date(2027, 6, 1), done={C.UWV_REPORT: date(2026, 10, 20)}))
    assert t[C.UWV_REPORT].state == S.DONE
    assert t[C.FIRST_YEAR_EVALUATION].state == S.NOT_APPLICABLE


# --- evaluations ------------------------------------------------------------------------------


def test_no_evaluation_before_a_plan():
    assert all(m.code != C.EVALUATION for m in timeline())


def test_first_evaluation_six_weeks_after_the_plan():
    plan = date(2026, 2, 25)
    t = timeline(today=date(2026, 3, 1),
                 done={C.PROBLEM_ANALYSIS: date(2026, 2, 10), C.PLAN_OF_APPROACH: plan})
    evals = [m for m in t if m.code == C.EVALUATION]
    # 25 Feb + 42: 4 days to 1 March, 38 more → 8 April.
    assert [(m.due, m.state) for m in evals] == [(date(2026, 4, 8), S.OPEN)]


def test_evaluations_every_six_weeks_from_the_last_one():
    plan = date(2026, 2, 25)
    done_evals = [date(2026, 5, 13), date(2026, 4, 1)]  # any order
    t = timeline(today=date(2026, 6, 10),
                 done={C.PROBLEM_ANALYSIS: date(2026, 2, 10), C.PLAN_OF_APPROACH: plan},
                 evaluations_done=done_evals)
    evals = [(m.due, m.done, m.state) for m in t if m.code == C.EVALUATION]
    # Next: 13 May + 42 = 24 June, 14 days after 10 June: due soon.
    assert evals == [(date(2026, 4, 1), date(2026, 4, 1), S.DONE),
                     (date(2026, 5, 13), date(2026, 5, 13), S.DONE),
                     (date(2026, 6, 24), None, S.DUE_SOON)]
    late = timeline(today=date(2026, 6, 25),
                    done={C.PROBLEM_ANALYSIS: date(2026, 2, 10), C.PLAN_OF_APPROACH: plan},
                    evaluations_done=done_evals)
    assert [m.code for m in overdue(late)] == [C.EVALUATION]


def test_an_evaluation_recorded_under_done_counts_too():
    t = timeline(done={C.PLAN_OF_APPROACH: date(2026, 2, 25), C.EVALUATION: date(2026, 4, 1)})
    evals = [m for m in t if m.code == C.EVALUATION]
    assert [m.due for m in evals] == [date(2026, 4, 1), date(2026, 5, 13)]


def test_a_gap_after_the_plan_moves_the_next_evaluation():
    # Plan done 25 Feb; works 1..10 March (10 days); next evaluation 8 April + 10 = 18 April.
    eps = [Episode(FIRST, date(2026, 3, 1)), Episode(date(2026, 3, 11))]
    t = by_code(timeline(eps, done={C.PLAN_OF_APPROACH: date(2026, 2, 25)}))
    assert t[C.EVALUATION].due == date(2026, 4, 18)


def test_no_evaluation_after_the_end_of_the_waiting_period():
    plan = date(2026, 3, 1)
    t = by_code(timeline(today=date(2027, 12, 1), done={C.PLAN_OF_APPROACH: plan},
                         evaluations_done=[date(2027, 12, 1)]))
    assert t[C.EVALUATION].due == date(2028, 1, 12)  # 1 Dec 2027 + 42, after 2 Jan 2028
    assert t[C.EVALUATION].state == S.NOT_APPLICABLE


# --- UWV letter and wage sanction -------------------------------------------------------------


def test_uwv_letter_sets_the_current_opinion_but_not_after_week_91():
    letter = date(2027, 9, 14)  # Tuesday of week 89
    t = by_code(timeline(uwv_letter_received=letter))
    assert t[C.CURRENT_OPINION].due == date(2027, 9, 28)  # 14 days later
    assert "14-09-2027" in t[C.CURRENT_OPINION].note
    late = by_code(timeline(uwv_letter_received=date(2027, 9, 25)))
    # 25 Sep + 14 = 9 Oct is after week 91 (3 Oct): capped.
    assert late[C.CURRENT_OPINION].due == date(2027, 10, 3)
    # Same due date as the re-integration report; the code order breaks the tie.
    codes = [m.code for m in timeline(uwv_letter_received=date(2027, 9, 25))]
    assert codes.index(C.CURRENT_OPINION) + 1 == codes.index(C.REINTEGRATION_REPORT)


def test_wage_sanction_of_52_weeks_extends_the_waiting_period():
    t = by_code(timeline(wage_sanction_weeks=52))
    # 2 Jan 2028 + 364 days; 2028 is a leap year so a full year would be 366: 31 Dec 2028.
    assert t[C.END_OF_WAITING_PERIOD].due == date(2028, 12, 31)
    assert t[C.WIA_APPLICATION].due == date(2028, 10, 15)  # 17 Oct 2027 + 364
    assert t[C.REINTEGRATION_REPORT].due == date(2028, 10, 1)  # 3 Oct 2027 + 364
    assert t[C.CURRENT_OPINION].due == date(2028, 9, 24)  # 26 Sep 2027 + 364
    assert "52 weken loonsanctie" in t[C.END_OF_WAITING_PERIOD].note
    base = by_code(timeline())
    for code in (C.PROBLEM_ANALYSIS, C.PLAN_OF_APPROACH, C.UWV_REPORT, C.FIRST_YEAR_EVALUATION):
        assert t[code].due == base[code].due, code
    assert by_code(timeline(wage_sanction_weeks=1))[C.END_OF_WAITING_PERIOD].due == date(2028, 1, 9)


@pytest.mark.parametrize("weeks", [53, 104, -1])
def test_wage_sanction_out_of_range_is_refused(weeks):
    with pytest.raises(ValidationError) as err:
        timeline(wage_sanction_weeks=weeks)
    assert err.value.field == "wage_sanction_weeks"
    assert err.value.message.startswith("Loonsanctie:")


# --- leap years -------------------------------------------------------------------------------


def test_leap_year_arithmetic():
    first = date(2027, 12, 30)  # a Thursday; 2028 has 29 February
    eps = [Episode(first)]
    t = by_code(timeline(eps, today=first))
    # +41: 2 days to 31 Dec, 31 in January (33), 8 more → 9 February 2028.
    assert t[C.PROBLEM_ANALYSIS].due == date(2028, 2, 9)
    assert t[C.PLAN_OF_APPROACH].due == date(2028, 2, 23)  # +55
    # Week 10, +69: 9 Feb + 20 = 29 Feb, 8 more → 8 March.
    assert date_for_sick_week(eps, 10) == date(2028, 3, 8)
    # 30 Dec 2027 → 30 Dec 2028 is 366 days, so +363 = 27 December 2028.
    assert t[C.FIRST_YEAR_EVALUATION].due == date(2028, 12, 27)
    # +727 = 366 + 361: 30 Dec 2028 + 361 → 26 December 2029.
    assert t[C.END_OF_WAITING_PERIOD].due == date(2029, 12, 26)
    # Dec 30, 31 (2) + January (31) + February (29) → 29 Feb is sick day 62.
    assert sick_day_number(eps, date(2028, 2, 29)) == 62
    assert date_for_sick_day(eps, 63) == date(2028, 3, 1)


# --- validation -------------------------------------------------------------------------------


def test_recovery_before_the_first_day_is_refused():
    with pytest.raises(ValidationError) as err:
        timeline([Episode(FIRST, FIRST - D(days=1))])
    assert err.value.field == "recovered_on"
    assert "Hersteldatum" in err.value.message


@pytest.mark.parametrize("episodes", [
    [Episode(FIRST, date(2026, 2, 1)), Episode(date(2026, 1, 20))],  # overlaps
    [Episode(FIRST, date(2026, 2, 1)), Episode(date(2026, 2, 1))],  # sick on the day back at work
    [Episode(FIRST), Episode(date(2026, 2, 1))],  # an open episode followed by another
    [],
])
def test_episodes_that_cannot_be_one_case_are_refused(episodes):
    with pytest.raises(ValidationError) as err:
        compute_timeline(episodes, today=FIRST)
    assert err.value.field == "first_day"


def test_episodes_in_any_order_and_a_same_day_recovery_are_accepted():
    # Back at work on the first day itself: no sick day; the relapse 5 days later starts the clock.
    eps = [Episode(date(2026, 1, 10)), Episode(FIRST, FIRST)]
    assert sick_day_number(eps, date(2026, 1, 9)) == 0
    assert by_code(timeline(eps))[C.PROBLEM_ANALYSIS].due == date(2026, 2, 20)  # 10 Jan + 41


def test_sort_key_and_overdue_helper():
    today = date(2026, 3, 5)  # problem analysis and plan both overdue
    t = timeline(today=today)
    assert t == sorted(t, key=sort_key)
    assert [m.code for m in overdue(list(reversed(t)))] == [C.PROBLEM_ANALYSIS, C.PLAN_OF_APPROACH]
    a = Milestone(C.EVALUATION, "x", date(2026, 4, 1), date(2026, 4, 1), S.DONE)
    b = Milestone(C.UWV_REPORT, "x", date(2026, 4, 1), None, S.OPEN)
    assert sorted([b, a], key=sort_key) == [a, b]


# --- properties -------------------------------------------------------------------------------

FIXED = [C.PROBLEM_ANALYSIS, C.PLAN_OF_APPROACH, C.UWV_REPORT, C.FIRST_YEAR_EVALUATION,
         C.CURRENT_OPINION, C.REINTEGRATION_REPORT, C.WIA_APPLICATION, C.END_OF_WAITING_PERIOD]

firsts = st.dates(date(2000, 1, 1), date(2040, 1, 1))


@given(first=firsts, sanction=st.integers(0, 52), today_offset=st.integers(-100, 1200),
       analysis=st.none() | st.integers(0, 200), letter=st.none() | st.integers(0, 900),
       evaluations=st.lists(st.integers(0, 700), max_size=5))
def test_milestones_are_never_before_the_first_day(first, sanction, today_offset, analysis,
                                                   letter, evaluations):
    done = {C.PLAN_OF_APPROACH: first + D(days=20)}
    if analysis is not None:
        done[C.PROBLEM_ANALYSIS] = first + D(days=analysis)
    t = compute_timeline([Episode(first)], today=first + D(days=today_offset), done=done,
                         evaluations_done=[first + D(days=e) for e in evaluations],
                         uwv_letter_received=None if letter is None else first + D(days=letter),
                         wage_sanction_weeks=sanction)
    assert all(m.due >= first for m in t)
    assert t == sorted(t, key=sort_key)


@given(first=firsts, sanction=st.integers(0, 52))
def test_fixed_milestones_come_in_order(first, sanction):
    t = by_code(compute_timeline([Episode(first)], today=first, wage_sanction_weeks=sanction))
    dues = [t[c].due for c in FIXED]
    assert dues == sorted(dues)
    assert len(set(dues)) == len(dues)


@given(first=firsts, worked_after=st.integers(1, 800), gap=st.integers(1, 27),
       sanction=st.integers(0, 52))
def test_a_gap_moves_every_later_fixed_milestone_by_its_length(first, worked_after, gap, sanction):
    recovered = first + D(days=worked_after)
    one = by_code(compute_timeline([Episode(first)], today=first, wage_sanction_weeks=sanction))
    two = by_code(compute_timeline([Episode(first, recovered), Episode(recovered + D(days=gap))],
                                   today=first, wage_sanction_weeks=sanction))
    for code in FIXED:
        if one[code].due >= recovered:
            assert two[code].due - one[code].due == D(days=gap), code
        else:
            assert two[code].due == one[code].due, code


@given(first=firsts, lengths=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 27)),
                                      max_size=4),
       n=st.integers(1, 1000))
def test_sick_day_number_and_date_for_sick_day_agree(first, lengths, n):
    episodes, start = [], first
    for sick, worked in lengths:
        episodes.append(Episode(start, start + D(days=sick)))
        start += D(days=sick + worked)
    episodes.append(Episode(start))
    day = date_for_sick_day(episodes, n)
    assert sick_day_number(episodes, day) == n
    assert sick_day_number(episodes, day - D(days=1)) == n - 1
    assert day >= first


@given(first=firsts, today_offset=st.integers(-50, 900), soon=st.integers(0, 30))
def test_states_of_a_running_case_follow_today(first, today_offset, soon):
    today = first + D(days=today_offset)
    for m in compute_timeline([Episode(first)], today=today, due_soon_days=soon):
        if today > m.due:
            assert m.state == S.OVERDUE
        elif (m.due - today).days <= soon:
            assert m.state == S.DUE_SOON
        else:
            assert m.state == S.OPEN


# --- early reports to UWV (decision 0006) -----------------------------------------------------
#
# F is the first sick day (sick day 1). "Within 6 weeks" is due on F + 41, the last day of the
# sixth week; "the 4th sick day" is F + 3. The flexibilisation period starts 6 weeks (twins: 10)
# before the day after the expected date; the leave starts at the latest 4 weeks (twins: 8)
# before that day.

UWV_EXAMPLE = Pregnancy(date(2026, 7, 1))  # uwv.nl's example: expected on 1 July


def early(milestones):
    return by_code(milestones)[C.UWV_EARLY_REPORT]


def test_pregnancy_before_the_leave_six_weeks():
    m = early(timeline(kind=K.PREGNANCY))
    # Mon 5 Jan 2026 + 41: 26 days to 31 Jan, 15 more → Sunday 15 February 2026.
    assert m.due == date(2026, 2, 15)
    assert m.label == "Ziekmelding UWV (Ziektewet)"
    assert "binnen 6 weken" in m.note
    assert "uitgerekende datum is niet vastgelegd" in m.note


def test_six_weeks_over_the_end_of_february_in_a_leap_year():
    # 20 Jan 2028 + 41: 11 days to 31 Jan, 29 days of February (2028 is a leap year) → 29 Feb is
    # +40, so the due date is 1 March 2028. In 2027 (28 days) the same count ends on 2 March.
    leap = early_report(K.PREGNANCY, date(2028, 1, 20))
    common = early_report(K.PREGNANCY, date(2027, 1, 20))
    assert leap.due == date(2028, 3, 1)
    assert common.due == date(2027, 3, 2)


def test_the_fourth_sick_day_over_a_month_end():
    # Fictitious employment, sick from Thu 29 Jan 2026: 29, 30, 31 Jan, 1 Feb → 1 February.
    r = early_report(K.SAFETY_NET, date(2026, 1, 29), ground=SafetyNetGround.FICTITIOUS_EMPLOYMENT)
    assert r.due == date(2026, 2, 1)
    assert r.rule is ReportRule.FICTITIOUS_EMPLOYMENT
    # Organ donation from 27 Feb: 27, 28 Feb, 1, 2 March in 2026; 27, 28, 29 Feb, 1 March in 2028.
    assert early_report(K.SAFETY_NET, date(2026, 2, 27), ground="organ_donation").due == date(2026, 3, 2)
    assert early_report(K.SAFETY_NET, date(2028, 2, 27), ground="organ_donation").due == date(2028, 3, 1)


def test_the_flexibilisation_period_of_uwvs_example():
    # Expected 1 July 2026, the day after is 2 July; 6 weeks before: 2 July - 2 = 30 June,
    # - 30 = 31 May, - 10 = 21 May. 4 weeks before: 4 June (uwv.nl: "21 mei tot en met 4 juni").
    assert UWV_EXAMPLE.flex_start == date(2026, 5, 21)
    assert UWV_EXAMPLE.latest_leave_start == date(2026, 6, 4)


def test_already_sick_when_the_flexibilisation_period_starts():
    # uwv.nl's Fatima: sick by her pregnancy from 15 May, not yet reported. Six weeks would be
    # 15 May + 41 = 25 June, but the period starts on 21 May while she is sick: its 4th day is
    # 24 May.
    r = early_report(K.PREGNANCY, date(2026, 5, 15), pregnancy=UWV_EXAMPLE)
    assert r.due == date(2026, 5, 24)
    assert r.rule is ReportRule.PREGNANCY_FLEX_STARTS


def test_any_illness_that_starts_in_the_flexibilisation_period():
    # An ordinary illness of a pregnant employee from Wed 27 May 2026: 4th sick day 30 May.
    r = early_report(K.ILLNESS, date(2026, 5, 27), pregnancy=UWV_EXAMPLE)
    assert r.due == date(2026, 5, 30)
    assert r.rule is ReportRule.FLEX_PERIOD
    # Through the timeline: the same milestone, next to the week-42 report.
    t = by_code(compute_timeline([Episode(date(2026, 5, 27))], today=date(2026, 5, 27),
                                 kind=K.ILLNESS, pregnancy=UWV_EXAMPLE))
    assert t[C.UWV_EARLY_REPORT].due == date(2026, 5, 30)
    assert t[C.UWV_EARLY_REPORT].state == S.DUE_SOON
    assert C.UWV_REPORT in t


def test_an_ordinary_illness_before_the_flexibilisation_period_has_no_early_report():
    assert early_report(K.ILLNESS, date(2026, 3, 2), recovered_on=date(2026, 3, 9),
                        pregnancy=UWV_EXAMPLE) is None
    assert early_report(K.WORK_ACCIDENT, date(2026, 3, 2)) is None


def test_twins_and_a_leap_year_move_the_flexibilisation_period():
    # Expected 10 April 2028, the day after is 11 April. 42 days before: 11 days back to 31 March,
    # 31 more to 29 February (2028 is a leap year). 70 days before (twins): 28 more → 1 February.
    single = Pregnancy(date(2028, 4, 10))
    twins = Pregnancy(date(2028, 4, 10), multiple=True)
    assert single.flex_start == date(2028, 2, 29)
    assert twins.flex_start == date(2028, 2, 1)
    # Ill on 29 Feb 2028, the first day of the period: 29 Feb, 1, 2, 3 March → 3 March.
    assert early_report(K.ILLNESS, date(2028, 2, 29), pregnancy=single).due == date(2028, 3, 3)
    # Twins: the leave starts at the latest 56 days before 11 April, i.e. on 15 February, so
    # the period is 1..14 Feb. Ill on 10 Feb: 10, 11, 12, 13 Feb → 13 February.
    assert twins.latest_leave_start == date(2028, 2, 15)
    assert early_report(K.ILLNESS, date(2028, 2, 10), pregnancy=twins).due == date(2028, 2, 13)
    # One child: 10 Feb lies before the period. Still ill when it starts on 29 Feb → its 4th day,
    # 3 March; recovered on 20 Feb → no early report.
    ongoing = early_report(K.ILLNESS, date(2028, 2, 10), pregnancy=single)
    assert ongoing.due == date(2028, 3, 3)
    assert ongoing.rule is ReportRule.PREGNANCY_FLEX_STARTS
    assert early_report(K.ILLNESS, date(2028, 2, 10), recovered_on=date(2028, 2, 20),
                        pregnancy=single) is None


def test_after_the_leave_the_fourth_sick_day():
    # Leave until 21 Oct 2026; ill by the childbirth from Mon 26 Oct: 26, 27, 28, 29 Oct.
    p = Pregnancy(date(2026, 7, 1), leave_start=date(2026, 6, 4), leave_end=date(2026, 10, 21))
    r = early_report(K.PREGNANCY, date(2026, 10, 26), pregnancy=p)
    assert r.due == date(2026, 10, 29)
    assert r.rule is ReportRule.AFTER_LEAVE


def test_during_the_leave_no_report():
    first = date(2026, 6, 10)  # after the latest leave start (4 June)
    t = by_code(compute_timeline([Episode(first)], today=first, kind=K.PREGNANCY,
                                 pregnancy=UWV_EXAMPLE))
    assert t[C.UWV_EARLY_REPORT].state == S.NOT_APPLICABLE
    assert "geen ziekmelding" in t[C.UWV_EARLY_REPORT].note


def test_no_risk_policy_six_weeks_or_with_the_recovery_report():
    # Sick from 2 March 2026: 2 March + 41 = 12 April (29 days to 31 March, 12 more).
    assert early_report(K.SAFETY_NET, date(2026, 3, 2), ground="no_risk_policy").due == date(2026, 4, 12)
    # Back at work on 9 March before the report: report with the recovery, by 10 March.
    r = early_report(K.SAFETY_NET, date(2026, 3, 2), ground="no_risk_policy",
                     recovered_on=date(2026, 3, 9))
    assert r.due == date(2026, 3, 10)
    assert r.rule is ReportRule.RECOVERED_FIRST


def test_a_recovery_does_not_cancel_the_report():
    # Recovered on 9 March, not reported, today 30 April (52 days after recovery): the report
    # is overdue, not "not applicable" like the Poortwachter steps after a recovery.
    t = by_code(compute_timeline([Episode(date(2026, 3, 2), date(2026, 3, 9))],
                                 today=date(2026, 4, 30), kind=K.SAFETY_NET,
                                 ground=SafetyNetGround.NO_RISK_POLICY))
    assert t[C.UWV_EARLY_REPORT].due == date(2026, 3, 10)
    assert t[C.UWV_EARLY_REPORT].state == S.OVERDUE
    assert t[C.PROBLEM_ANALYSIS].state == S.NOT_APPLICABLE


def test_a_safety_net_case_without_its_ground_gets_the_strictest_deadline():
    m = early(timeline(kind=K.SAFETY_NET))
    assert m.due == FIRST + D(days=3)  # Thursday 8 January 2026
    assert "Leg de grond vast" in m.note


def test_a_relapse_needs_its_own_report():
    # Organ donation: sick 5..11 Jan (reported 7 Jan), back 12 Jan, ill again from 26 Jan:
    # the new episode's 4th sick day is 29 Jan; the report of 7 Jan was for the first episode.
    episodes = [Episode(FIRST, date(2026, 1, 12)), Episode(date(2026, 1, 26))]
    t = by_code(compute_timeline(episodes, today=date(2026, 1, 27), kind=K.SAFETY_NET,
                                 ground="organ_donation",
                                 done={C.UWV_EARLY_REPORT: date(2026, 1, 7)}))
    assert t[C.UWV_EARLY_REPORT].due == date(2026, 1, 29)
    assert t[C.UWV_EARLY_REPORT].done is None
    assert t[C.UWV_EARLY_REPORT].state == S.DUE_SOON
    done = by_code(compute_timeline(episodes, today=date(2026, 1, 29), kind=K.SAFETY_NET,
                                    ground="organ_donation",
                                    done={C.UWV_EARLY_REPORT: date(2026, 1, 28)}))
    assert done[C.UWV_EARLY_REPORT].state == S.DONE


def test_employment_ending_while_sick_is_reported_on_its_last_day():
    t = by_code(timeline(employment_end=date(2026, 3, 31)))
    assert t[C.UWV_END_OF_EMPLOYMENT].due == date(2026, 3, 31)
    assert t[C.UWV_END_OF_EMPLOYMENT].label == "Ziekmelding UWV bij einde dienstverband"
    recovered = by_code(timeline([Episode(FIRST, date(2026, 3, 16))], employment_end=date(2026, 3, 31)))
    assert C.UWV_END_OF_EMPLOYMENT not in recovered


def test_without_the_new_inputs_the_timeline_is_unchanged():
    codes = {m.code for m in timeline()}
    assert C.UWV_EARLY_REPORT not in codes
    assert C.UWV_END_OF_EMPLOYMENT not in codes


@given(first=firsts, ground=st.sampled_from(list(SafetyNetGround)),
       sick=st.none() | st.integers(0, 100))
def test_early_reports_come_before_week_42(first, ground, sick):
    recovered = None if sick is None else first + D(days=sick)
    r = early_report(K.SAFETY_NET, first, ground=ground, recovered_on=recovered)
    assert first <= r.due < first + D(days=7 * 42 - 1)
