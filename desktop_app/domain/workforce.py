"""The employer's workforce for a period, as the employer gave it to the practice: the average
headcount, the FTE and, when known, the full-time week those FTE count on.

A practice knows the employees who reported sick, not always the whole workforce, so these
figures are what the statistics use for the period when they cover every day of it
(``domain.statistics``: entered figures win over the dossier, and the result names its source).
Entries of one employer do not overlap: a day has one set of figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from desktop_app.domain import validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.dossier import DEFAULT_FULL_TIME_HOURS, full_time_hours, hours_text
from desktop_app.domain.field_errors import Fields, optional
from desktop_app.domain.statistics import Workforce
from desktop_app.errors import ValidationError

MAX_HEADCOUNT = Decimal(1_000_000)
MAX_HOURS_PER_WEEK = Decimal(60)  # as the contract hours: nobody's week is longer
MAX_FUTURE_DAYS = 366


@dataclass(frozen=True)
class WorkforceEntry:
    id: int
    employer_id: int
    start: date
    end: date  # last day, included
    headcount: Decimal
    fte: Decimal
    full_time_hours: Decimal | None
    entered_by: int
    entered_by_name: str
    entered_at: str  # ISO timestamp, UTC

    def for_statistics(self) -> Workforce:
        return Workforce(self.start, self.end, float(self.headcount), float(self.fte),
                         None if self.full_time_hours is None else float(self.full_time_hours))


@dataclass
class WorkforceForm:
    start: str = ""
    end: str = ""
    headcount: str = ""
    fte: str = ""
    full_time_hours: str = ""  # empty: the employer's own full-time week

    @classmethod
    def of(cls, e: WorkforceEntry) -> WorkforceForm:
        return cls(nl_date(e.start), nl_date(e.end),
                   number_text(e.headcount), number_text(e.fte), hours_text(e.full_time_hours))


@dataclass(frozen=True)
class NewWorkforce:
    start: date
    end: date
    headcount: Decimal
    fte: Decimal
    full_time_hours: Decimal | None


def number_text(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")


def _number(value: str, field: str, label: str) -> Decimal:
    try:
        number = Decimal(value.strip().replace(",", "."))
    except (InvalidOperation, AttributeError):
        raise ValidationError(field, f"{label}: vul een getal in, bijvoorbeeld 42 of 37,5.") from None
    if not number.is_finite() or number < 0:
        raise ValidationError(field, f"{label}: vul een getal van 0 of meer in.")
    if number > MAX_HEADCOUNT:
        raise ValidationError(field, f"{label}: hoogstens {MAX_HEADCOUNT:,}.".replace(",", "."))
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError(field, f"{label}: hoogstens twee cijfers achter de komma.")
    return number


def parse_workforce(form: WorkforceForm, today: date, *,
                    employer_week: Decimal | None = None) -> NewWorkforce:
    """The figures as typed, checked; ``employer_week`` is the employer's full-time week, used
    to bound the FTE when the entry does not name its own."""
    f = Fields()
    start = f.take("start", validation.parse_date_nl, form.start, "start", label="Vanaf")
    end = f.take("end", validation.parse_date_nl, form.end, "end", label="Tot en met")
    if start and end and end < start:
        f.fail("end", "Tot en met: ligt vóór de begindatum.")
    if end and end > today + timedelta(days=MAX_FUTURE_DAYS):
        f.fail("end", "Tot en met: ligt meer dan een jaar in de toekomst.")
    headcount = f.take("headcount", _number, form.headcount, "headcount", "Gemiddeld aantal werknemers")
    fte = f.take("fte", _number, form.fte, "fte", "Aantal fte")
    week = f.take("full_time_hours", optional(full_time_hours), form.full_time_hours)
    if headcount is not None and fte is not None:
        basis = week or employer_week or DEFAULT_FULL_TIME_HOURS
        most = headcount * MAX_HOURS_PER_WEEK / basis
        if fte > most:
            f.fail("fte", f"Aantal fte: kan niet meer zijn dan {number_text(most.quantize(Decimal('0.01')))}"
                          f" bij {number_text(headcount)} werknemers van hoogstens 60 uur op een "
                          f"werkweek van {number_text(basis)} uur.")
        if headcount == 0 and fte > 0:
            f.fail("headcount", "Gemiddeld aantal werknemers: 0 kan niet bij meer dan 0 fte.")
    f.done()
    return NewWorkforce(start, end, headcount, fte, week)  # type: ignore[arg-type]


def overlapping(new: NewWorkforce, entries: Sequence[WorkforceEntry],
                replacing: int | None = None) -> WorkforceEntry | None:
    """The first entry (other than ``replacing``) that shares a day with ``new``."""
    for e in sorted(entries, key=lambda x: x.start):
        if e.id != replacing and e.start <= new.end and new.start <= e.end:
            return e
    return None


def overlap_error(other: WorkforceEntry) -> ValidationError:
    return ValidationError(
        "start", f"Vanaf: overlapt met de opgave van {nl_date(other.start)} "
                 f"t/m {nl_date(other.end)}; een dag heeft één opgave. Pas die "
                 "aan of verwijder die eerst.")
