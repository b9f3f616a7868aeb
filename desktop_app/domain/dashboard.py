"""The dashboard's figures: per month the absence percentage and the notification frequency, the
open cases by duration class today, and the overdue Poortwachter steps. The figures are the
statistics' own (``domain.statistics.compute``, Vernet definitions), so a small group shows no
figures here either, and a duration class below the small-number rule shows as "< 3". The
column is the statistics' "zonder zwangerschap", which is never withheld (the other one may be:
set against it, it could give away a pregnancy)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.statistics import (
    CLASS_LABELS,
    MIN_GROUP,
    StatCase,
    StatEmployee,
    Workforce,
    compute,
    shown,
)

MONTHS = 12
MONTH_NAMES = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class MonthFigures:
    start: date
    end: date
    absence_percentage: float | None  # None: the group is too small, or nothing to divide by
    notification_frequency: float | None  # reports per employee, to a year

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.start.month - 1]} {self.start.year}"

    @property
    def short_label(self) -> str:
        """The month's name alone (the chart's title gives the years), with a dash when the
        group was too small for figures."""
        name = MONTH_NAMES[self.start.month - 1]
        return name if self.absence_percentage is not None else f"{name} —"


@dataclass(frozen=True)
class Dashboard:
    scope: str  # the employer's name, or "Hele praktijk"
    months: tuple[MonthFigures, ...]
    open_classes: tuple[tuple[str, int, str], ...]  # (class label, count, count as shown)
    overdue: int
    suppressed_note: str  # Dutch; empty when every figure is shown

    @property
    def period_label(self) -> str:
        return f"{self.months[0].label} – {self.months[-1].label}" if self.months else ""

    @property
    def open_bars(self) -> list[float]:
        """What a chart may draw of each class: its count where it is shown exactly, else 0
        (its label says "< 3" or "—")."""
        return [float(count) if shown == str(count) else 0.0 for _label, count, shown in self.open_classes]


def last_months(today: date, n: int = MONTHS) -> list[tuple[date, date]]:
    """The last ``n`` full calendar months before ``today``'s month, oldest first."""
    periods = []
    first = today.replace(day=1)
    for _ in range(n):
        end = first - timedelta(days=1)
        first = end.replace(day=1)
        periods.append((first, end))
    return periods[::-1]


def build(scope: str, people: Sequence[StatEmployee], cases: Sequence[StatCase], today: date,
          overdue: int, *, full_time_hours: float | None = None,
          workforce_for: Callable[[date, date], Sequence[Workforce]] | None = None) -> Dashboard:
    """The dashboard of one group of employees (an employer, or the practice as a whole)."""
    months = []
    small = False
    for start, end in last_months(today):
        entries = list(workforce_for(start, end)) if workforce_for is not None else None
        stats = compute(people, cases, start, end, full_time_hours=full_time_hours,
                        workforce=entries or None)
        figures = stats.without_pregnancy
        if stats.suppressed or figures is None:
            small = True
            months.append(MonthFigures(start, end, None, None))
        else:
            months.append(MonthFigures(start, end, figures.absence_percentage,
                                       figures.notification_frequency))
    open_now = compute(people, cases, today, today, full_time_hours=full_time_hours)
    counts = open_now.without_pregnancy.classes if open_now.without_pregnancy is not None else []
    if open_now.suppressed or not counts:
        small = True
        counts = [0] * len(CLASS_LABELS)
        classes = tuple((label, 0, "—") for label in CLASS_LABELS)
    else:
        classes = tuple((label, n, shown(n)) for label, n in zip(CLASS_LABELS, counts, strict=True))
    note = (f"Bij minder dan {MIN_GROUP} werknemers worden geen cijfers getoond, en kleine aantallen "
            "als \u201c< 3\u201d, zoals in de verzuimstatistiek." if small or any(0 < n < 3 for n in counts)
            else "")
    return Dashboard(scope, tuple(months), classes, overdue, note)
