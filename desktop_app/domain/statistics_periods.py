"""The periods the absence statistics are offered for, and the check of a period a user typed.

Offered (counted back from today): the last full calendar quarter, the last full calendar year,
the last twelve full months, and the current year up to yesterday. A custom period is two
Dutch dates, both days included; it may not end after today (a figure needs the days to have
happened), start no earlier than ``EARLIEST``, and be at most ``MAX_YEARS`` long. The frequency's
annualisation follows from the dates (``statistics.annualisation``: a quarter × 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.domain import validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.field_errors import Fields
from desktop_app.domain.requests import add_months

MAX_YEARS = 10
EARLIEST = date(1990, 1, 1)


class PeriodKind(StrEnum):
    LAST_QUARTER = "last_quarter"
    LAST_YEAR = "last_year"
    LAST_12_MONTHS = "last_12_months"
    YEAR_TO_DATE = "year_to_date"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: date
    end: date  # last day, included
    name: str  # Dutch, e.g. "3e kwartaal 2026"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        """E.g. "3e kwartaal 2026 (01-07-2026 t/m 30-09-2026)"."""
        return f"{self.name} ({_span(self.start, self.end)})"


def _span(start: date, end: date) -> str:
    return f"{nl_date(start)} t/m {nl_date(end)}"


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def offered(today: date) -> list[Period]:
    """The periods a user can choose from, most used first."""
    this_quarter = _quarter_start(today)
    q_end = this_quarter - timedelta(days=1)
    q_start = _quarter_start(q_end)
    quarter_no = (q_start.month - 1) // 3 + 1
    month_start = date(today.year, today.month, 1)
    out = [
        Period(PeriodKind.LAST_QUARTER, q_start, q_end, f"{quarter_no}e kwartaal {q_start.year}"),
        Period(PeriodKind.LAST_YEAR, date(today.year - 1, 1, 1), date(today.year - 1, 12, 31),
               f"Jaar {today.year - 1}"),
        Period(PeriodKind.LAST_12_MONTHS, add_months(month_start, -12), month_start - timedelta(days=1),
               "Laatste 12 hele maanden"),
    ]
    yesterday = today - timedelta(days=1)
    if yesterday >= date(today.year, 1, 1):
        out.append(Period(PeriodKind.YEAR_TO_DATE, date(today.year, 1, 1), yesterday,
                          "Dit jaar tot en met gisteren"))
    return out


def custom(start_text: str, end_text: str, today: date) -> Period:
    """A period the user typed, or ValidationErrors naming the field at fault."""
    f = Fields()
    start = f.take("start", validation.parse_date_nl, start_text, "start", label="Vanaf")
    end = f.take("end", validation.parse_date_nl, end_text, "end", label="Tot en met")
    if start is not None and start < EARLIEST:
        f.fail("start", f"Vanaf: niet vóór {nl_date(EARLIEST)}.")
    if end is not None and end > today:
        f.fail("end", "Tot en met: ligt in de toekomst; cijfers gaan over dagen die voorbij zijn.")
    if start is not None and end is not None:
        if end < start:
            f.fail("end", "Tot en met: ligt vóór de begindatum.")
        elif add_months(start, 12 * MAX_YEARS) <= end:
            f.fail("end", f"Tot en met: een periode is hoogstens {MAX_YEARS} jaar lang.")
    f.done()
    return Period(PeriodKind.CUSTOM, start, end, "Andere periode")  # type: ignore[arg-type]


def check(start: date, end: date, today: date) -> Period:
    """The same checks for a period given as dates (a service caller)."""
    return custom(nl_date(start), nl_date(end), today)
