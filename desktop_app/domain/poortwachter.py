"""The Wet verbetering poortwachter timeline of an absence case (REFERENCE.md).

Counting convention: day 1 is the first day of absence; "week N" is sick days 7N−6 … 7N, and a
step due "in week N" is due on the last day of that week, sick day 7N. Only sick days count:
when an employee recovers and falls ill again within four weeks (art. 7:629 lid 10 BW), the days
worked in between do not count, so every later deadline moves by the length of the gap. The
last episode counts on as if it were still running (deadlines of a recovered case are shown as
not applicable).

Deadlines:
- problem analysis: end of week 6;
- plan of approach: two weeks after the problem analysis was done, else end of week 8;
- evaluations: at most six weeks after the plan of approach or the previous evaluation;
- report to UWV (ziekmelding): end of week 42; first-year evaluation: end of week 52;
- the physician's current opinion: two weeks after UWV's letter (which comes around week 88),
  but not later than the end of week 91; without the letter, the end of week 90;
- re-integration report: end of week 91; WIA application: end of week 93, i.e. eleven weeks
  before the end of the waiting period;
- end of the waiting period: end of week 104, extended by a wage sanction of up to 52 weeks,
  which moves the current opinion, the report and the WIA application along with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.errors import ValidationError

RELAPSE_DAYS = 28
MAX_WAGE_SANCTION_WEEKS = 52


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
}


class MilestoneState(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    OPEN = "open"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return {"done": "gedaan", "overdue": "te laat", "due_soon": "binnenkort",
                "open": "gepland", "not_applicable": "niet van toepassing"}[self.value]


@dataclass(frozen=True)
class Episode:
    """A stretch of absence; ``end`` is the day of full recovery (the first day worked again)."""

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


def continues_case(previous_recovery: date, new_first_day: date) -> bool:
    """A new absence less than four weeks after recovery continues the same case."""
    return (new_first_day - previous_recovery).days < RELAPSE_DAYS


def check_episodes(episodes: Sequence[Episode]) -> None:
    if not episodes:
        raise ValidationError("first_day", "Eerste ziektedag: ontbreekt.")
    for i, ep in enumerate(episodes):
        if ep.end is not None and ep.end < ep.start:
            raise ValidationError("recovered_on", "Hersteldatum: ligt vóór de eerste ziektedag.")
        if i + 1 < len(episodes):
            nxt = episodes[i + 1]
            if ep.end is None or nxt.start < ep.end:
                raise ValidationError("first_day", "Eerste ziektedag: overlapt met een eerdere "
                                                   "periode van verzuim.")


def date_for_sick_day(episodes: Sequence[Episode], n: int) -> date:
    """The date of sick day ``n`` (1-based), skipping the days worked between episodes."""
    remaining = n
    for i, ep in enumerate(episodes):
        last = i == len(episodes) - 1
        if last or ep.end is None:
            return ep.start + timedelta(days=remaining - 1)
        length = (ep.end - ep.start).days
        if remaining <= length:
            return ep.start + timedelta(days=remaining - 1)
        remaining -= length
    raise AssertionError("unreachable")


def date_for_sick_week(episodes: Sequence[Episode], week: int) -> date:
    """The last day of sick week ``week``."""
    return date_for_sick_day(episodes, 7 * week)


def sick_day_number(episodes: Sequence[Episode], day: date) -> int:
    """How many sick days have passed by ``day`` (inclusive)."""
    total = 0
    for i, ep in enumerate(episodes):
        if day < ep.start:
            break
        end = ep.end if (ep.end is not None and i < len(episodes) - 1) else None
        stop = min(day + timedelta(days=1), end) if end else day + timedelta(days=1)
        total += max(0, (stop - ep.start).days)
    return total


def compute_timeline(
    episodes: Sequence[Episode],
    *,
    today: date,
    done: Mapping[MilestoneCode, date] | None = None,
    evaluations_done: Sequence[date] = (),
    uwv_letter_received: date | None = None,
    wage_sanction_weeks: int = 0,
    due_soon_days: int = 14,
) -> list[Milestone]:
    """Every step of the timeline with its due date, done date and state, in due-date order."""
    episodes = sorted(episodes, key=lambda e: e.start)
    check_episodes(episodes)
    if not 0 <= wage_sanction_weeks <= MAX_WAGE_SANCTION_WEEKS:
        raise ValidationError("wage_sanction_weeks", "Loonsanctie: hoogstens 52 weken.")
    done = {MilestoneCode(k): v for k, v in (done or {}).items()}
    week = lambda n: date_for_sick_week(episodes, n)  # noqa: E731
    extra = timedelta(weeks=wage_sanction_weeks)

    due: dict[MilestoneCode, date] = {}
    due[MilestoneCode.PROBLEM_ANALYSIS] = week(6)
    pa_done = done.get(MilestoneCode.PROBLEM_ANALYSIS)
    due[MilestoneCode.PLAN_OF_APPROACH] = (pa_done + timedelta(days=14)) if pa_done else week(8)
    due[MilestoneCode.UWV_REPORT] = week(42)
    due[MilestoneCode.FIRST_YEAR_EVALUATION] = week(52)
    latest_opinion = week(91) + extra
    if uwv_letter_received is not None:
        due[MilestoneCode.CURRENT_OPINION] = min(uwv_letter_received + timedelta(days=14), latest_opinion)
    else:
        due[MilestoneCode.CURRENT_OPINION] = week(90) + extra
    due[MilestoneCode.REINTEGRATION_REPORT] = week(91) + extra
    end = week(104) + extra
    due[MilestoneCode.WIA_APPLICATION] = end - timedelta(weeks=11)
    due[MilestoneCode.END_OF_WAITING_PERIOD] = end

    last = episodes[-1]
    recovered_on = last.end
    milestones: list[Milestone] = []
    for code, due_on in due.items():
        milestones.append(_milestone(code, due_on, done.get(code), today, recovered_on, due_soon_days))

    plan_done = done.get(MilestoneCode.PLAN_OF_APPROACH)
    for on in sorted(evaluations_done):
        milestones.append(Milestone(MilestoneCode.EVALUATION, LABELS[MilestoneCode.EVALUATION],
                                    on, on, MilestoneState.DONE))
    if plan_done is not None:
        base = max([plan_done, *evaluations_done])
        milestones.append(_milestone(MilestoneCode.EVALUATION, base + timedelta(weeks=6), None,
                                     today, recovered_on, due_soon_days))
    order = list(MilestoneCode)
    milestones.sort(key=lambda m: (m.due, order.index(m.code)))
    return milestones


def _milestone(code: MilestoneCode, due: date, done: date | None, today: date,
               recovered_on: date | None, due_soon_days: int) -> Milestone:
    if done is not None:
        state = MilestoneState.DONE
    elif recovered_on is not None and due >= recovered_on:
        state = MilestoneState.NOT_APPLICABLE
    elif today > due:
        state = MilestoneState.OVERDUE
    elif (due - today).days <= due_soon_days:
        state = MilestoneState.DUE_SOON
    else:
        state = MilestoneState.OPEN
    return Milestone(code, LABELS[code], due, done, state)


def overdue(milestones: Sequence[Milestone]) -> list[Milestone]:
    return [m for m in milestones if m.state is MilestoneState.OVERDUE]
