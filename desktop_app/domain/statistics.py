"""Absence statistics by the Dutch (Vernet) definitions, aggregated only.

- absence percentage = Σ(sick days × part-time factor × incapacity factor)
                       ÷ Σ(employment days × part-time factor) × 100;
- notification frequency = sick reports ÷ average number of employees, per year;
- average duration = days of the cases that ended in the period, counted from their first day
  (also days before the period), ÷ the number of ended cases;
- duration classes of the ended cases: 1–14, 15–91, 92–365, 366–730 days (and longer).
Figures are computed with and without pregnancy-related absence. A group smaller than
``MIN_GROUP`` employees is not reported at all, and class counts below ``MIN_CELL`` are shown as
"< 3", so no one can be recognised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

MIN_GROUP = 10
MIN_CELL = 3
CLASSES = ((1, 14), (15, 91), (92, 365), (366, 730), (731, 10**6))
CLASS_LABELS = ("1–14 dagen", "15–91 dagen", "92–365 dagen", "366–730 dagen", "langer dan 730 dagen")


@dataclass(frozen=True)
class StatEmployee:
    part_time: float  # contract hours / 40, at most 1
    start: date | None
    end: date | None


@dataclass(frozen=True)
class StatCase:
    employee_index: int
    first_day: date
    recovered_on: date | None  # first day at work again
    pregnancy: bool
    levels: tuple[tuple[date, float], ...] = ()  # (from, percentage)
    episodes: tuple[tuple[date, date | None], ...] = ()

    def incapacity(self, day: date) -> float:
        spans = self.episodes or ((self.first_day, self.recovered_on),)
        if not any(s <= day and (e is None or day < e) for s, e in spans):
            return 0.0
        pct = 100.0
        for start, value in self.levels:
            if start <= day:
                pct = value
        return pct / 100


@dataclass
class Figures:
    absence_percentage: float | None
    notification_frequency: float | None
    average_duration: float | None
    ended_cases: int
    reports: int
    average_headcount: float
    classes: list[int] = field(default_factory=list)


@dataclass
class Statistics:
    start: date
    end: date
    employees: int
    suppressed: bool
    with_pregnancy: Figures | None
    without_pregnancy: Figures | None


def _days(a: date, b: date):
    d = a
    while d <= b:
        yield d
        d += timedelta(days=1)


def compute(employees: list[StatEmployee], cases: list[StatCase], start: date, end: date) -> Statistics:
    if end < start:
        raise ValueError("period ends before it starts")
    headcount = sum(1 for e in employees if _employed_in(e, start, end))
    if headcount < MIN_GROUP:
        return Statistics(start, end, headcount, True, None, None)
    return Statistics(start, end, headcount, False, _figures(employees, cases, start, end),
                      _figures(employees, [c for c in cases if not c.pregnancy], start, end))


def _employed_in(e: StatEmployee, start: date, end: date) -> bool:
    return (e.start is None or e.start <= end) and (e.end is None or e.end >= start)


def _figures(employees, cases, start: date, end: date) -> Figures:
    period_days = (end - start).days + 1
    denominator = 0.0
    employment_days = 0
    for e in employees:
        first = max(start, e.start or start)
        last = min(end, e.end or end)
        if last >= first:
            n = (last - first).days + 1
            employment_days += n
            denominator += n * e.part_time
    numerator = 0.0
    for c in cases:
        e = employees[c.employee_index]
        first = max(start, c.first_day, e.start or start)
        last = min(end, (c.recovered_on - timedelta(days=1)) if c.recovered_on else end, e.end or end)
        for d in _days(first, last) if last >= first else ():
            numerator += e.part_time * c.incapacity(d)
    reports = sum(1 for c in cases for s, _e in (c.episodes or ((c.first_day, c.recovered_on),))
                  if start <= s <= end)
    average_headcount = employment_days / period_days
    ended = [c for c in cases if c.recovered_on is not None and start <= c.recovered_on <= end + timedelta(days=1)]
    durations = [(c.recovered_on - c.first_day).days for c in ended]  # type: ignore[operator]
    classes = [sum(1 for d in durations if lo <= d <= hi) for lo, hi in CLASSES]
    return Figures(
        absence_percentage=round(100 * numerator / denominator, 2) if denominator else None,
        notification_frequency=round(reports / average_headcount * 365 / period_days, 2) if average_headcount else None,
        average_duration=round(sum(durations) / len(durations), 1) if durations else None,
        ended_cases=len(ended), reports=reports, average_headcount=round(average_headcount, 1),
        classes=classes,
    )


def shown(count: int) -> str:
    """A class count as printed: small numbers are not shown exactly."""
    return f"< {MIN_CELL}" if 0 < count < MIN_CELL else str(count)
