"""Absence statistics of one employer by the Vernet definitions, aggregated only.

Sources (read 2026-12-01): vernet.nl/definities ("Definities en rekenregels"); the Vernet
dashboard definitions at zwconnect.arbeidsmarktinbeeld.nl/zwconnect-dashboard/definities-verzuim;
the 1996 standard "Berekening van ziekteverzuim" (Projectgroep Uniformering Verzuimgrootheden,
CBS et al.) that Vernet builds on, as reproduced at compucase.nl/berekening-ziekteverzuim
(§2.2 ZVP, §2.3 ZMF, §2.4 GZVD); supportvzs.vismaverzuim.com "Rekenmethodieken" (part-time
factor). The rules below are what this module computes; where a source leaves a point open the
choice is marked *ours*.

Words. A **case** (verzuimgeval) is one absence case of the practice: one or more **episodes**
joined by relapse (a new absence less than 28 days after recovery continues the case, art. 7:629
lid 10 BW; see ``poortwachter``). Each episode is one **sick report** (ziekmelding). The
**recovery date** (hersteldatum) is the first day worked again (``recovered_on``), so an
episode's sick days are ``start <= day < end``. A **sick day** is a calendar day in an episode
(weekends count), within the employee's employment and before a pregnancy and childbirth leave.

- **Absence percentage** = Σ(sick days in the period × part-time factor × incapacity factor)
  ÷ Σ(employment days in the period × part-time factor) × 100 (Vernet; 1996 §2.2). Only days
  inside the period count. The incapacity factor is the case's percentage on that day ÷ 100.
- **Part-time factor** = contract hours ÷ the employer's full-time week (Visma, after CBS), not
  capped: 40 hours at a 36-hour employer is 1.11. The full-time week is an input per employer;
  40 hours is used only when nothing is known, and the result says which was used. A contract
  without hours counts as full time (*ours*).
- **Notification frequency** = sick reports in the period ÷ the average number of employees
  (headcount, not FTE), per year (Vernet; 1996 §2.3). Each episode of a joined case is a report of
  its own ("ziektegevallen die elkaar opvolgen na een onderbreking van minder dan vier weken
  gelden voor het bepalen van de meldingsfrequentie als aparte ziektegevallen", 1996 §2.3); a
  change of percentage is not a report. A report counts in the period that holds its first day.
  Per year: a period of whole calendar months is multiplied by 12 ÷ months, so a quarter × 4
  (Vernet: "de meldingsfrequentie van een kwartaal [wordt] altijd vermenigvuldigd met vier"), a
  year × 1; any other period by 365 ÷ its days (1996 §2.3 formula).
- **Average duration** = Σ durations of the cases that ended in the period ÷ their number
  (Vernet; 1996 §2.4). A case *ended in the period* when its final recovery date lies in the
  period ("hersteldatum in de verslagperiode"); a recovery followed by a relapse did not end the
  case, so a joined case is counted once, in the period of its last recovery (the issue's rule:
  once for duration, separately for reports). Its *duration* counts from the case's first day,
  also days before the period: the sick days of all its episodes; the days worked between
  episodes are not sick days and do not count (*ours*, after the law's joining, where "de
  onderbreking zelf tel je niet mee"). Partial days count as whole days (1996 §2.4), a
  same-day recovery as one day (*ours*), and no case lasts longer than 730 days (Vernet).
- **Duration classes** (Vernet): 1–14, 15–91, 92–365, 366–730 days. ``classes`` counts every case
  with a sick day in the period by its length from its first day up to its recovery or the end of
  the period, whichever comes first (Vernet: "vanaf de eerste verzuimdag tot en met de
  hersteldatum of de einddatum van de verslagperiode"); ``ended_classes`` counts the ended cases
  by their duration, to go with the average duration.
- **Pregnancy.** Figures come with and without pregnancy-related illness (cases of the kind
  "pregnancy"); the usual figure is without (Vernet shows "exclusief zwangerschap"). The
  pregnancy and childbirth leave (WAZO) itself is never absence: an illness before the leave
  ends on the leave's first day ("een ziektegeval voorafgaande aan het zwangerschaps- of
  bevallingsverlof eindigt op de dag waarop dit verlof ingaat", 1996 §2.3), and an illness after
  the leave is a case of its own: pass it as a separate ``StatCase``. (1996 §2.2 also describes a
  percentage that counts the leave; it is not offered, since the practice does not record
  leave as absence.)
- **Employment.** Only employment days count; a case of an employee whose employment ends while
  sick ends, for this employer's statistics, on the last day of employment (*ours*).
- **Workforce.** The average headcount and FTE come from the dossier (the employees the practice
  knows: employment days ÷ period days, and Σ employment days × part-time factor ÷ period days)
  or from figures the employer gave for the period (``Workforce`` entries covering every day of
  it). A practice often knows only who reported sick, so entered figures win when they cover the
  whole period; otherwise the dossier is used and ``notes`` says why. The result names its source.
- **Small groups.** A group of fewer than ``MIN_GROUP`` employees is not reported at all; counts
  below ``MIN_CELL`` are shown as "< 3" (``shown``), so no one can be recognised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

MIN_GROUP = 10
MIN_CELL = 3
MAX_CASE_DAYS = 730
DEFAULT_FULL_TIME_HOURS = 40.0
CLASSES = ((1, 14), (15, 91), (92, 365), (366, 730))
CLASS_LABELS = ("1–14 dagen", "15–91 dagen", "92–365 dagen", "366–730 dagen")
_DAY = timedelta(days=1)


class WorkforceSource(StrEnum):
    DOSSIER = "dossier"
    ENTERED = "entered"

    @property
    def label(self) -> str:
        return {"dossier": "werknemers in het dossier van de praktijk",
                "entered": "opgegeven door de werkgever"}[self.value]


class FullTimeSource(StrEnum):
    WORKFORCE = "workforce"  # the entered workforce figures name their full-time week
    EMPLOYER = "employer"
    DEFAULT = "default"

    @property
    def label(self) -> str:
        return {"workforce": "opgegeven bij het personeelsbestand", "employer": "van de werkgever",
                "default": "aangenomen (40 uur; niet vastgelegd)"}[self.value]


@dataclass(frozen=True)
class StatEmployee:
    """One employee of the employer. Give ``contract_hours``; ``part_time`` is a factor the
    caller computed itself (older callers, on a 40-hour week) and is used only without hours."""

    part_time: float | None = None
    start: date | None = None
    end: date | None = None  # last day of employment
    contract_hours: float | None = None


@dataclass(frozen=True)
class StatCase:
    employee_index: int
    first_day: date
    recovered_on: date | None  # first day at work again after the last episode
    pregnancy: bool  # pregnancy-related illness
    levels: tuple[tuple[date, float], ...] = ()  # (from, percentage)
    episodes: tuple[tuple[date, date | None], ...] = ()  # (start, recovery); empty: one episode
    leave_start: date | None = None  # first day of the pregnancy and childbirth leave

    def spans(self) -> tuple[tuple[date, date | None], ...]:
        return tuple(sorted(self.episodes)) or ((self.first_day, self.recovered_on),)

    def incapacity(self, day: date) -> float:
        if not any(s <= day and (e is None or day < e) for s, e in self.spans()):
            return 0.0
        pct = 100.0
        for start, value in sorted(self.levels):
            if start <= day:
                pct = value
        return pct / 100


@dataclass(frozen=True)
class Workforce:
    """Workforce figures the employer gave for a period (both days included)."""

    start: date
    end: date
    headcount: float  # average number of employees
    fte: float  # average full-time equivalents on ``full_time_hours``
    full_time_hours: float | None = None


@dataclass
class Figures:
    absence_percentage: float | None
    notification_frequency: float | None
    average_duration: float | None
    ended_cases: int
    reports: int
    average_headcount: float
    classes: list[int] = field(default_factory=list)
    ended_classes: list[int] = field(default_factory=list)
    average_fte: float = 0.0
    sick_days: float = 0.0  # Σ sick days × part-time factor × incapacity factor, in the period
    available_days: float = 0.0  # Σ employment days × part-time factor, in the period
    duration_days: int = 0  # Σ durations of the ended cases
    # Dutch, non-empty: the column is not shown, because set against the other column it would
    # give away fewer than MIN_CELL pregnancy-related cases (a fact about someone's health).
    withheld: str = ""


@dataclass
class Statistics:
    start: date
    end: date
    employees: float  # the group size the suppression rule used
    suppressed: bool
    with_pregnancy: Figures | None
    without_pregnancy: Figures | None
    workforce_source: WorkforceSource = WorkforceSource.DOSSIER
    full_time_hours: float = DEFAULT_FULL_TIME_HOURS
    full_time_source: FullTimeSource = FullTimeSource.DEFAULT
    annualisation: float = 1.0  # the frequency's factor to a year
    annualisation_basis: str = ""  # in Dutch, e.g. "kwartaal × 4"
    notes: tuple[str, ...] = ()  # in Dutch


def shown(count: int) -> str:
    """A count as printed: small numbers are not shown exactly."""
    return f"< {MIN_CELL}" if 0 < count < MIN_CELL else str(count)


def part_time_factor(contract_hours: float | None, full_time_hours: float) -> float:
    """Contract hours over the full-time week; unknown hours count as full time."""
    if full_time_hours <= 0:
        raise ValueError("full-time week must be positive")
    return 1.0 if contract_hours is None else contract_hours / full_time_hours


def annualisation(start: date, end: date) -> tuple[float, str]:
    """The frequency's factor to a year, and its basis in Dutch."""
    after = end + _DAY
    if start.day == 1 and after.day == 1:
        months = (after.year - start.year) * 12 + after.month - start.month
        if months == 3:
            return 4.0, "kwartaal × 4"
        if months == 12:
            return 1.0, "jaar × 1"
        return 12 / months, f"{months} maanden × 12/{months}"
    days = (end - start).days + 1
    return 365 / days, f"{days} dagen × 365/{days}"


def compute(employees: Sequence[StatEmployee], cases: Sequence[StatCase], start: date, end: date,
            *, full_time_hours: float | None = None,
            workforce: Workforce | Sequence[Workforce] | None = None) -> Statistics:
    """The statistics of one employer for ``start``..``end`` (both included).

    ``full_time_hours`` is the employer's full-time week (None: not known, 40 is assumed);
    ``workforce`` the employer's own figures for the period, used when they cover all of it.
    """
    if end < start:
        raise ValueError("period ends before it starts")
    entries = _entries(workforce)
    basis = _Basis(start, end, entries, full_time_hours)
    factor, how = annualisation(start, end)
    if basis.source is WorkforceSource.ENTERED:
        group: float = basis.entered_headcount()
    else:
        group = sum(1 for e in employees if _employed_in(e, start, end))
    common = dict(workforce_source=basis.source, full_time_hours=basis.week_shown,
                  full_time_source=basis.week_source, annualisation=factor,
                  annualisation_basis=how, notes=basis.notes)
    if group < MIN_GROUP:
        return Statistics(start, end, group, True, None, None, **common)
    for c in cases:
        _check_case(c)
    with_p = _figures(employees, cases, basis, factor)
    without_p = _figures(employees, [c for c in cases if not c.pregnancy], basis, factor)
    # The small-number rule covers the difference of the columns too: the employer subtracts.
    differences = (with_p.reports - without_p.reports, with_p.ended_cases - without_p.ended_cases)
    if any(0 < d < MIN_CELL for d in differences):
        with_p.withheld = (f"niet getoond: het verschil met de kolom zonder zwangerschap zou minder dan "
                           f"{MIN_CELL} zwangerschapsgerelateerde verzuimgevallen prijsgeven")
    return Statistics(start, end, group, False, with_p, without_p, **common)


# --- the pieces ---------------------------------------------------------------------------------


def _entries(workforce: Workforce | Sequence[Workforce] | None) -> list[Workforce]:
    if workforce is None:
        return []
    entries = sorted([workforce] if isinstance(workforce, Workforce) else list(workforce),
                     key=lambda w: w.start)
    for w in entries:
        if w.end < w.start or w.headcount < 0 or w.fte < 0:
            raise ValueError("workforce entry with a bad period or negative figures")
        if w.full_time_hours is not None and w.full_time_hours <= 0:
            raise ValueError("workforce entry with a non-positive full-time week")
    for a, b in zip(entries, entries[1:], strict=False):
        if b.start <= a.end:
            raise ValueError("workforce entries overlap")
    return entries


def _check_case(c: StatCase) -> None:
    if c.leave_start is not None and any(s >= c.leave_start for s, _e in c.spans()):
        raise ValueError("an episode starts on or after the leave: pass it as a case of its own")


def _employed_in(e: StatEmployee, start: date, end: date) -> bool:
    return (e.start is None or e.start <= end) and (e.end is None or e.end >= start)


def _overlap(a0: date, a1: date, b0: date, b1: date) -> int:
    first, last = max(a0, b0), min(a1, b1)
    return (last - first).days + 1 if last >= first else 0


class _Basis:
    """Where the denominators and the full-time week come from."""

    def __init__(self, start: date, end: date, entries: list[Workforce],
                 employer_week: float | None) -> None:
        if employer_week is not None and employer_week <= 0:
            raise ValueError("full-time week must be positive")
        self.start, self.end = start, end
        self.days = (end - start).days + 1
        self.employer_week = employer_week
        inside = [w for w in entries if w.end >= start and w.start <= end]
        covered = sum(_overlap(w.start, w.end, start, end) for w in inside)
        notes: list[str] = []
        if inside and covered == self.days:
            self.source = WorkforceSource.ENTERED
            self.entries = inside
        else:
            self.source = WorkforceSource.DOSSIER
            self.entries = []
            if inside:
                notes.append("Het opgegeven personeelsbestand dekt niet de hele periode; de "
                             "werknemers in het dossier zijn gebruikt.")
        weeks = {w.full_time_hours for w in self.entries if w.full_time_hours is not None}
        self.varies = bool(weeks)  # the full-time week may differ from day to day
        if weeks:
            self.week_source = FullTimeSource.WORKFORCE
            self.week_shown = self.week_on(end)
            if len(weeks) > 1:
                notes.append("De voltijdse werkweek verschilt per opgegeven periode; elke dag "
                             "is gewogen met de week van zijn periode.")
        elif employer_week is not None:
            self.week_source, self.week_shown = FullTimeSource.EMPLOYER, employer_week
        else:
            self.week_source, self.week_shown = FullTimeSource.DEFAULT, DEFAULT_FULL_TIME_HOURS
            notes.append("De voltijdse werkweek van de werkgever is niet vastgelegd; 40 uur is "
                         "aangenomen.")
        self.notes = tuple(notes)

    def week_on(self, day: date) -> float:
        for w in self.entries:
            if w.start <= day <= w.end and w.full_time_hours is not None:
                return w.full_time_hours
        return self.employer_week if self.employer_week is not None else DEFAULT_FULL_TIME_HOURS

    def factor(self, e: StatEmployee, day: date) -> float:
        if e.contract_hours is None and e.part_time is not None:
            return e.part_time
        return part_time_factor(e.contract_hours, self.week_on(day))

    def entered_headcount(self) -> float:
        return sum(w.headcount * _overlap(w.start, w.end, self.start, self.end)
                   for w in self.entries) / self.days

    def entered_fte_days(self) -> float:
        return sum(w.fte * _overlap(w.start, w.end, self.start, self.end) for w in self.entries)


def _days(first: date, last: date):
    d = first
    while d <= last:
        yield d
        d += _DAY


@dataclass(frozen=True)
class _CaseView:
    """A case as the statistics see it: its sick days (within employment, before the leave)
    and the day it closes (recovery, leave, or the last day of employment)."""

    sick: tuple[tuple[date, date], ...]  # (first, last) sick day of each counted stretch
    reports: tuple[date, ...]  # first days of the episodes that are reports
    closed_on: date | None  # the date that decides "ended in the period"

    def length_through(self, day: date) -> int:
        """Sick days from the case's first day up to and including ``day``, 1..730."""
        n = sum(_overlap(a, b, date.min, day) for a, b in self.sick)
        return min(MAX_CASE_DAYS, max(1, n))


def _view(c: StatCase, e: StatEmployee) -> _CaseView:
    stop = c.leave_start  # first day no longer counted
    spans = c.spans()
    stretches = []
    for s, rec in spans:
        last = rec - _DAY if rec is not None else date.max
        if stop is not None:
            last = min(last, stop - _DAY)
        if e.end is not None:
            last = min(last, e.end)
        first = max(s, e.start) if e.start is not None else s
        if last >= first:
            stretches.append((first, last))
        elif rec is not None and rec == s and (e.start is None or e.start <= s) and (
                e.end is None or s <= e.end):
            stretches.append((s, s - _DAY))  # same-day recovery: a report, no full sick day
    reports = tuple(s for s, _r in spans
                    if (e.start is None or e.start <= s) and (e.end is None or s <= e.end))
    final = spans[-1][1]
    closed: date | None = final
    if stop is not None and (final is None or final > stop):
        closed = stop
    if e.end is not None and (closed is None or closed > e.end + _DAY):
        closed = e.end
    return _CaseView(tuple(stretches), reports, closed)


def _weighted(c: StatCase, e: StatEmployee, first: date, last: date, basis: _Basis) -> float:
    """Σ part-time factor × incapacity factor over the sick days ``first``..``last``."""
    if last < first:
        return 0.0
    levels = sorted(c.levels)
    total = 0.0
    i, pct = 0, 100.0
    constant = None if basis.varies else basis.factor(e, first)
    for d in _days(first, last):
        while i < len(levels) and levels[i][0] <= d:
            pct = levels[i][1]
            i += 1
        total += (constant if constant is not None else basis.factor(e, d)) * pct / 100
    return total


def _classify(lengths: list[int]) -> list[int]:
    return [sum(1 for n in lengths if lo <= n <= hi) for lo, hi in CLASSES]


def _figures(employees: Sequence[StatEmployee], cases: Sequence[StatCase], basis: _Basis,
             annual: float) -> Figures:
    start, end, days = basis.start, basis.end, basis.days
    employment_days = 0
    available = 0.0
    for e in employees:
        first = max(start, e.start or start)
        last = min(end, e.end or end)
        if last < first:
            continue
        employment_days += (last - first).days + 1
        if basis.source is WorkforceSource.DOSSIER:
            available += (sum(basis.factor(e, d) for d in _days(first, last)) if basis.varies
                          else basis.factor(e, first) * ((last - first).days + 1))
    if basis.source is WorkforceSource.ENTERED:
        available = basis.entered_fte_days()
        headcount = basis.entered_headcount()
    else:
        headcount = employment_days / days

    sick_weighted = 0.0
    reports = 0
    durations: list[int] = []
    in_period: list[int] = []
    for c in cases:
        e = employees[c.employee_index]
        v = _view(c, e)
        for a, b in v.sick:
            sick_weighted += _weighted(c, e, max(a, start), min(b, end), basis)
        reports += sum(1 for s in v.reports if start <= s <= end)
        if v.closed_on is not None and start <= v.closed_on <= end:
            durations.append(v.length_through(date.max))
        if any(_overlap(a, b, start, end) for a, b in v.sick):
            in_period.append(v.length_through(end))

    fte = available / days
    return Figures(
        absence_percentage=round(100 * sick_weighted / available, 2) if available else None,
        notification_frequency=round(reports / headcount * annual, 2) if headcount else None,
        average_duration=round(sum(durations) / len(durations), 1) if durations else None,
        ended_cases=len(durations), reports=reports, average_headcount=round(headcount, 1),
        classes=_classify(in_period), ended_classes=_classify(durations),
        average_fte=round(fte, 2), sick_days=round(sick_weighted, 2),
        available_days=round(available, 2), duration_days=sum(durations),
    )
