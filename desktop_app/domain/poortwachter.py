"""The Wet verbetering poortwachter timeline of an absence case (REFERENCE.md).

Episodes. A case is one or more episodes ``Episode(start, end)``. ``start`` is the first sick day;
``end`` is the day of full recovery, the first day the employee works again, so an episode's sick
days are ``start <= day < end`` (``end == start`` is accepted: sick in the morning, back at work
that day, no sick day counted). ``end is None`` means still sick. Episodes are sorted by start;
they must not overlap and a new one must start after the previous recovery
(``next.start > prev.end``), since on ``prev.end`` the employee worked. Only the last episode may be
open. A first day after ``today`` is accepted: a planned absence (an operation) gets its timeline
in advance and nothing is overdue before it starts.

Relapse (art. 7:629 lid 10 BW). Periods of incapacity that follow each other with an interruption
of less than four weeks are added together: ``continues_case(recovery, new_first_day)`` is true
when ``(new_first_day - recovery).days < 28``, i.e. fewer than 28 days worked in between. A new
absence 28 or more days after recovery is a new case, and ``compute_timeline`` refuses episodes
with such a gap. (The law also bridges periods around pregnancy and childbirth leave; that is not
modelled here.)

Counting convention. Deadlines are counted in sick days. Sick day 1 is the first day of absence;
sick week N is sick days 7N-6 ... 7N; a step due "in week N" is due on the LAST day of week N, sick
day 7N. Without a gap that is ``first_day + 7N - 1``: from Monday 2026-01-05 week 6 ends on Sunday
2026-02-15 and week 104 on Sunday 2028-01-02. Days worked between episodes do not count, so a gap
of G days moves every later deadline by exactly G days. For projection the last episode counts on
as if it were still running, so a recovered case still has due dates (shown as not applicable).

Deadlines (``w`` = weeks of wage sanction):
- problem analysis: end of week 6;
- plan of approach: 14 sick days after the problem analysis was done; while it is not done, 14
  sick days after its due date, the end of week 8;
- evaluations: each done evaluation is listed as done; once the plan of approach is done the next
  evaluation is due 42 sick days (six weeks) after the plan or the latest evaluation;
- report to UWV (ziekmelding, week 42): end of week 42; first-year evaluation: end of week 52;
- the physician's current opinion (actueel oordeel): 14 calendar days after UWV's letter (which
  comes around week 88), but not after the end of week 91 + w; while no letter is recorded, the
  end of week 90 + w (a letter expected at the end of week 88, plus 14 days);
- re-integration report: end of week 91 + w; WIA application: end of week 93 + w, i.e. eleven
  weeks before the end of the waiting period;
- end of the waiting period: end of week 104 + w. A wage sanction of more than 52 weeks (or a
  negative one) is refused.

States, first match wins:
- ``done``: a done date is recorded (evaluations: each date in ``evaluations_done``);
- ``not_applicable``: the case ended before the deadline came: the employee recovered before the
  due date and at least 28 days have passed since (``today >= recovery + 28``) so no relapse can
  continue it; also an evaluation due after the end of the waiting period;
- ``open``: the employee recovered before the due date but fewer than 28 days ago (or the recovery
  lies ahead): the clock stands still and a relapse would move the deadline, so it is neither due
  soon nor overdue;
- ``overdue``: ``today > due``. A deadline that fell while the employee was still sick stays
  overdue after a recovery: it was missed. The end of the waiting period is "overdue" once passed
  while the case is open, a prompt to close the case;
- ``due_soon``: ``0 <= (due - today).days <= due_soon_days``;
- ``open`` otherwise.

Early UWV reports (``uwv_reports``, decision 0006). Given the case's ``kind`` and, where they
apply, the safety-net ``ground``, a ``pregnancy`` (expected date, leave) and the
``employment_end``, the timeline also holds:
- ``UWV_EARLY_REPORT``: the Ziektewet sick report of pregnancy-related illness and safety-net
  cases (6 weeks or the 4th sick day, see ``uwv_reports``), for the current (last) episode: a
  done date before that episode's first day belongs to an earlier episode and is not counted.
  During the pregnancy leave no report is needed (``not_applicable``);
- ``UWV_END_OF_EMPLOYMENT``: the report on the last day of an employment that ends while the
  employee is sick, any kind of case.
A recovery does not cancel these: the benefit for the days already sick still needs the report.
Without those inputs the timeline is as before. The milestones are for the practice; they say
that a case falls under the safety net and must not reach the employer (DESIGN.md §5).

Done dates are taken as given (the service checks them against the first day and today).
Milestones are sorted by due date, then by the order of ``MilestoneCode``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.domain import uwv_reports
from desktop_app.domain.absence_kind import AbsenceKind
from desktop_app.domain.dates import nl_date
from desktop_app.domain.uwv_reports import EarlyReport, Pregnancy, SafetyNetGround
from desktop_app.errors import ValidationError

RELAPSE_DAYS = 28
MAX_WAGE_SANCTION_WEEKS = 52
PLAN_AFTER_ANALYSIS_DAYS = 14
EVALUATION_INTERVAL_DAYS = 42
OPINION_AFTER_LETTER_DAYS = 14


class MilestoneCode(StrEnum):
    PROBLEM_ANALYSIS = "problem_analysis"
    PLAN_OF_APPROACH = "plan_of_approach"
    EVALUATION = "evaluation"
    UWV_REPORT = "uwv_report"
    FIRST_YEAR_EVALUATION = "first_year_evaluation"
    CURRENT_OPINION = "current_opinion"
    REINTEGRATION_REPORT = "reintegration_report"
    WIA_APPLICATION = "wia_application"
    END_OF_WAITING_PERIOD = "end_of_waiting_period"
    UWV_EARLY_REPORT = "uwv_early_report"
    UWV_END_OF_EMPLOYMENT = "uwv_end_of_employment"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS: dict[MilestoneCode, str] = {
    MilestoneCode.PROBLEM_ANALYSIS: "Probleemanalyse",
    MilestoneCode.PLAN_OF_APPROACH: "Plan van aanpak",
    MilestoneCode.EVALUATION: "Evaluatie plan van aanpak",
    MilestoneCode.UWV_REPORT: "Ziekmelding UWV (week 42)",
    MilestoneCode.FIRST_YEAR_EVALUATION: "Eerstejaarsevaluatie",
    MilestoneCode.CURRENT_OPINION: "Actueel oordeel bedrijfsarts",
    MilestoneCode.REINTEGRATION_REPORT: "Re-integratieverslag",
    MilestoneCode.WIA_APPLICATION: "WIA-aanvraag",
    MilestoneCode.END_OF_WAITING_PERIOD: "Einde wachttijd",
    MilestoneCode.UWV_EARLY_REPORT: "Ziekmelding UWV (Ziektewet)",
    MilestoneCode.UWV_END_OF_EMPLOYMENT: "Ziekmelding UWV bij einde dienstverband",
}

CODE_ORDER: dict[MilestoneCode, int] = {code: i for i, code in enumerate(MilestoneCode)}


class MilestoneState(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    OPEN = "open"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    MilestoneState.DONE: "gedaan",
    MilestoneState.OVERDUE: "te laat",
    MilestoneState.DUE_SOON: "binnenkort",
    MilestoneState.OPEN: "gepland",
    MilestoneState.NOT_APPLICABLE: "niet van toepassing",
}


@dataclass(frozen=True)
class Episode:
    """Sick from ``start``; ``end`` is the first day worked again after full recovery."""

    start: date
    end: date | None = None


@dataclass(frozen=True)
class Milestone:
    code: MilestoneCode
    label: str
    due: date
    done: date | None
    state: MilestoneState
    note: str = ""


# --- counting ------------------------------------------------------------------------------


def continues_case(previous_recovery: date, new_first_day: date) -> bool:
    """A new absence less than four weeks (28 days) after recovery continues the same case."""
    return (new_first_day - previous_recovery).days < RELAPSE_DAYS


def check_episodes(episodes: Sequence[Episode]) -> list[Episode]:
    """The episodes sorted by start, or ValidationError (Dutch message) when they cannot be a case."""
    if not episodes:
        raise ValidationError("first_day", "Eerste ziektedag: ontbreekt.")
    ordered = sorted(episodes, key=lambda e: e.start)
    for ep in ordered:
        if ep.end is not None and ep.end < ep.start:
            raise ValidationError("recovered_on", "Hersteldatum: ligt vóór de eerste ziektedag.")
    for prev, nxt in zip(ordered, ordered[1:], strict=False):
        if prev.end is None:
            raise ValidationError("first_day", "Eerste ziektedag: er loopt nog een eerdere periode "
                                               "van verzuim zonder hersteldatum.")
        if nxt.start <= prev.end:
            raise ValidationError("first_day", "Eerste ziektedag: overlapt met een eerdere periode "
                                               "van verzuim.")
        if not continues_case(prev.end, nxt.start):
            raise ValidationError("first_day", "Eerste ziektedag: ligt vier weken of meer na het "
                                               "herstel; dat is een nieuwe ziekmelding.")
    return ordered


def _projected(episodes: Sequence[Episode]) -> list[Episode]:
    """Sorted episodes with the last one running on (its recovery ignored)."""
    ordered = sorted(episodes, key=lambda e: e.start)
    return [*ordered[:-1], Episode(ordered[-1].start)]


def date_for_sick_day(episodes: Sequence[Episode], n: int) -> date:
    """The date of sick day ``n`` (1-based), skipping the days worked between episodes.

    The last episode is taken to run on, so a recovered case still yields a (projected) date.
    """
    if n < 1:
        raise ValueError(f"sick day {n} < 1")
    remaining = n
    ordered = _projected(episodes)
    for ep in ordered[:-1]:
        length = (ep.end - ep.start).days  # type: ignore[operator]
        if remaining <= length:
            return ep.start + timedelta(days=remaining - 1)
        remaining -= length
    return ordered[-1].start + timedelta(days=remaining - 1)


def date_for_sick_week(episodes: Sequence[Episode], week: int) -> date:
    """The last day of sick week ``week`` (sick day ``7 * week``)."""
    return date_for_sick_day(episodes, 7 * week)


def sick_day_number(episodes: Sequence[Episode], day: date) -> int:
    """The number of sick days from the first day up to and including ``day``.

    Days worked (between episodes, or after the last recovery) do not count, so on such a day the
    number stays at the last sick day; before the first day it is 0. On a sick day ``d`` it is the
    ``n`` with ``date_for_sick_day(episodes, n) == d``.
    """
    total = 0
    after = day + timedelta(days=1)
    for ep in sorted(episodes, key=lambda e: e.start):
        if ep.start >= after:
            break
        stop = after if ep.end is None else min(after, ep.end)
        total += max(0, (stop - ep.start).days)
    return total


def _sick_days_after(projected: Sequence[Episode], day: date, days: int) -> date:
    """The date ``days`` sick days after ``day`` (the clock stands still on days worked)."""
    return date_for_sick_day(projected, sick_day_number(projected, day) + days)


def case_has_ended(episodes: Sequence[Episode], today: date) -> bool:
    """Recovered, and 28 days have passed so a relapse would be a new case."""
    last = max(episodes, key=lambda e: e.start)
    return last.end is not None and not continues_case(last.end, today)


# --- the timeline -------------------------------------------------------------------------


def compute_timeline(
    episodes: Sequence[Episode],
    *,
    today: date,
    done: Mapping[MilestoneCode, date] | None = None,
    evaluations_done: Sequence[date] = (),
    uwv_letter_received: date | None = None,
    wage_sanction_weeks: int = 0,
    due_soon_days: int = 14,
    kind: AbsenceKind | str | None = None,
    ground: SafetyNetGround | str | None = None,
    pregnancy: Pregnancy | None = None,
    employment_end: date | None = None,
) -> list[Milestone]:
    """Every step of the timeline with its due date, done date and state, in ``sort_key`` order.

    ``done`` maps a code to the day it was done; a date under ``EVALUATION`` counts as one more
    entry of ``evaluations_done``. ``kind``, ``ground`` (safety-net cases), ``pregnancy`` (a
    pregnant employee, whatever the kind) and ``employment_end`` (last day of employment) add the
    early UWV reports; without them the timeline has only the Poortwachter steps.
    """
    ordered = check_episodes(episodes)
    if wage_sanction_weeks < 0 or wage_sanction_weeks > MAX_WAGE_SANCTION_WEEKS:
        raise ValidationError("wage_sanction_weeks",
                              "Loonsanctie: vul een aantal weken in van 0 tot en met 52.")
    if due_soon_days < 0:
        raise ValidationError("due_soon_days", "Binnenkort: vul een aantal dagen in van 0 of meer.")
    done_on = {MilestoneCode(k): v for k, v in (done or {}).items()}
    evaluations = sorted({*evaluations_done, *([done_on.pop(MilestoneCode.EVALUATION)]
                                                if MilestoneCode.EVALUATION in done_on else [])})
    projected = _projected(ordered)
    w = wage_sanction_weeks

    def week(n: int) -> date:
        return date_for_sick_week(projected, n)

    due: dict[MilestoneCode, tuple[date, str]] = {}
    due[MilestoneCode.PROBLEM_ANALYSIS] = (week(6), "Uiterlijk in week 6.")
    analysis = done_on.get(MilestoneCode.PROBLEM_ANALYSIS)
    if analysis is not None:
        due[MilestoneCode.PLAN_OF_APPROACH] = (
            _sick_days_after(projected, analysis, PLAN_AFTER_ANALYSIS_DAYS),
            f"Twee weken na de probleemanalyse van {nl_date(analysis)}.")
    else:
        due[MilestoneCode.PLAN_OF_APPROACH] = (
            _sick_days_after(projected, week(6), PLAN_AFTER_ANALYSIS_DAYS), "Uiterlijk in week 8.")
    due[MilestoneCode.UWV_REPORT] = (week(42), "Uiterlijk in week 42.")
    due[MilestoneCode.FIRST_YEAR_EVALUATION] = (week(52), "Rond week 52.")
    sanction = f" Verlengd met {w} weken loonsanctie." if w else ""
    latest_opinion = week(91 + w)
    if uwv_letter_received is not None:
        due[MilestoneCode.CURRENT_OPINION] = (
            min(uwv_letter_received + timedelta(days=OPINION_AFTER_LETTER_DAYS), latest_opinion),
            f"Twee weken na de brief van UWV van {nl_date(uwv_letter_received)}, uiterlijk in week "
            f"{91 + w}.")
    else:
        due[MilestoneCode.CURRENT_OPINION] = (
            week(90 + w), f"Na de brief van UWV (rond week {88 + w}); die is nog niet vastgelegd.")
    due[MilestoneCode.REINTEGRATION_REPORT] = (latest_opinion, f"Uiterlijk in week {91 + w}.")
    due[MilestoneCode.WIA_APPLICATION] = (week(93 + w), f"Uiterlijk in week {93 + w}.{sanction}")
    end_of_waiting = week(104 + w)
    due[MilestoneCode.END_OF_WAITING_PERIOD] = (end_of_waiting, f"Week {104 + w}.{sanction}")

    state = _StateRule(ordered[-1].end, today, due_soon_days, end_of_waiting)
    milestones = [state.milestone(code, on, done_on.get(code), note)
                  for code, (on, note) in due.items()]
    for on in evaluations:
        milestones.append(Milestone(MilestoneCode.EVALUATION, LABELS[MilestoneCode.EVALUATION],
                                    on, on, MilestoneState.DONE))
    latest = ordered[-1]
    early = None
    if kind is not None or pregnancy is not None:
        early = uwv_reports.early_report(kind or AbsenceKind.ILLNESS, latest.start,
                                         recovered_on=latest.end, ground=ground, pregnancy=pregnancy)
    if early is not None:
        reported = done_on.get(MilestoneCode.UWV_EARLY_REPORT)
        if reported is not None and reported < latest.start:
            reported = None  # the report of an earlier episode
        milestones.append(state.report(MilestoneCode.UWV_EARLY_REPORT, early, reported, latest.start))
    leaving = uwv_reports.end_of_employment_report([(e.start, e.end) for e in ordered], employment_end)
    if leaving is not None:
        milestones.append(state.report(MilestoneCode.UWV_END_OF_EMPLOYMENT, leaving,
                                       done_on.get(MilestoneCode.UWV_END_OF_EMPLOYMENT), latest.start))
    plan = done_on.get(MilestoneCode.PLAN_OF_APPROACH)
    if plan is not None:
        base = max([plan, *evaluations])
        after = "de vorige evaluatie" if base != plan else "het plan van aanpak"
        milestones.append(state.milestone(
            MilestoneCode.EVALUATION, _sick_days_after(projected, base, EVALUATION_INTERVAL_DAYS),
            None, f"Uiterlijk zes weken na {after} van {nl_date(base)}.", evaluation=True))
    milestones.sort(key=sort_key)
    return milestones


@dataclass(frozen=True)
class _StateRule:
    recovered_on: date | None
    today: date
    due_soon_days: int
    end_of_waiting: date

    def milestone(self, code: MilestoneCode, due: date, done: date | None, note: str = "",
                  *, evaluation: bool = False) -> Milestone:
        rec = self.recovered_on
        if done is not None:
            state = MilestoneState.DONE
        elif rec is not None and due >= rec and not continues_case(rec, self.today):
            state = MilestoneState.NOT_APPLICABLE
            note = f"Vervallen: hersteld per {nl_date(rec)} zonder terugval binnen vier weken."
        elif evaluation and due > self.end_of_waiting:
            state = MilestoneState.NOT_APPLICABLE
            note = "Vervallen: na het einde van de wachttijd."
        elif rec is not None and due >= rec:
            state = MilestoneState.OPEN
            note = (f"Hersteld per {nl_date(rec)}; deze termijn loopt alleen door bij terugval vóór "
                    f"{nl_date(rec + timedelta(days=RELAPSE_DAYS))}.")
        elif self.today > due:
            state = MilestoneState.OVERDUE
            if code is MilestoneCode.END_OF_WAITING_PERIOD:
                note = "Wachttijd verstreken: sluit de ziekmelding af."
        elif (due - self.today).days <= self.due_soon_days:
            state = MilestoneState.DUE_SOON
        else:
            state = MilestoneState.OPEN
        return Milestone(code, LABELS[code], due, done, state, note)

    def report(self, code: MilestoneCode, report: EarlyReport, done: date | None,
               first_day: date) -> Milestone:
        """A report to UWV: a recovery does not cancel it; no due date means none needed."""
        due = report.due
        if done is not None:
            state = MilestoneState.DONE
        elif due is None:
            state = MilestoneState.NOT_APPLICABLE
        elif self.today > due:
            state = MilestoneState.OVERDUE
        elif (due - self.today).days <= self.due_soon_days:
            state = MilestoneState.DUE_SOON
        else:
            state = MilestoneState.OPEN
        return Milestone(code, LABELS[code], due or first_day, done, state, report.note)


def sort_key(milestone: Milestone) -> tuple[date, int, date]:
    """Due date, then the order of ``MilestoneCode``, then the done date (stable and total)."""
    return (milestone.due, CODE_ORDER[milestone.code], milestone.done or date.max)


def overdue(milestones: Sequence[Milestone]) -> list[Milestone]:
    """The overdue milestones, in ``sort_key`` order."""
    return sorted((m for m in milestones if m.state is MilestoneState.OVERDUE), key=sort_key)
