"""Billable work: the time and kind of a consultation, an examination or an activity, for the
practice's bookkeeping, and its overview per employer per month.

A line holds no medical content: the day, the employee, the employer, the kind of work from a
short fixed list, the minutes, and who did it. Never an entry's text, never what an examination
found. A consultation on the employee's own question (open spreekuur) is confidential towards the
employer: its line keeps the employee for the practice (erasure, corrections) but the overview
names no one (``Line.employee_shown``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.domain import validation
from desktop_app.domain.field_errors import Fields
from desktop_app.domain.medical.free_text import blank
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.errors import ValidationError

MAX_MINUTES = 600  # ten hours: more is not one piece of work
CONFIDENTIAL = "Vertrouwelijk (eigen vraag werknemer)"


class WorkKind(StrEnum):
    CONSULTATION_HOUR = "spreekuur"
    PHONE = "telefonisch_consult"
    VIDEO = "videoconsult"
    EXAMINATION = "keuring"
    WORKPLACE = "werkplekonderzoek"
    CONSULTATION_OTHERS = "overleg"
    REPORTING = "rapportage"

    @property
    def label(self) -> str:
        return {
            "spreekuur": "Spreekuur", "telefonisch_consult": "Telefonisch consult",
            "videoconsult": "Videoconsult", "keuring": "Keuring",
            "werkplekonderzoek": "Werkplekonderzoek", "overleg": "Overleg",
            "rapportage": "Rapportage",
        }[self.value]


# The form fields that carry the time of a piece of work, on any form that has them.
WORK_FIELDS = ("work_kind", "minutes")
NOT_BILLED = ""
WORK_CHOICES: list[tuple[str, str]] = [(NOT_BILLED, "Niet declarabel")] + [(k.value, k.label) for k in WorkKind]

# The medical entries that may carry their time: the contacts themselves, not what is recorded
# about them afterwards (letters, notes, a diagnosis).
BILLABLE_ENTRY_KINDS = frozenset({EntryKind.CONSULTATION, EntryKind.OPEN_CONSULTATION, EntryKind.EXAMINATION})


class Source(StrEnum):
    MEDICAL_ENTRY = "medical_entry"
    ACTIVITY = "activity"


@dataclass(frozen=True)
class Work:
    kind: WorkKind
    minutes: int


def parse_work(form: Mapping[str, str] | None) -> Work | None:
    """The work fields of a form: None when left at "Niet declarabel" with no minutes."""
    if not form:
        return None
    raw_kind = form.get("work_kind", "") or NOT_BILLED
    raw_minutes = form.get("minutes", "")
    if raw_kind == NOT_BILLED and blank(raw_minutes):
        return None
    f = Fields()
    kind = None
    try:
        kind = WorkKind(raw_kind)
    except ValueError:
        f.fail("work_kind", "Soort werk: kies een soort uit de lijst (of 'Niet declarabel' zonder minuten).")
    minutes = f.take("minutes", _minutes, raw_minutes)
    f.done()
    return Work(kind, minutes)  # type: ignore[arg-type]


def _minutes(raw: str) -> int:
    text = validation.text(raw, "minutes", label="Tijd (minuten)", required=True, max_length=6).strip()
    if not text.isdigit() or not 0 < int(text) <= MAX_MINUTES:
        raise ValidationError(
            "minutes", f"Tijd (minuten): vul een heel aantal minuten in, van 1 tot en met {MAX_MINUTES}.")
    return int(text)


@dataclass(frozen=True)
class Line:
    """One line of the overview, as stored: no medical content."""

    on_date: date
    employee_name: str
    personnel_number: str
    kind: WorkKind
    minutes: int
    done_by: str
    confidential: bool = False

    @property
    def employee_shown(self) -> str:
        """The employee's name, or for a confidential line (or an erased employee) no one's."""
        if self.confidential:
            return CONFIDENTIAL
        return self.employee_name or "—"

    @property
    def personnel_shown(self) -> str:
        return "" if self.confidential else self.personnel_number


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def next_first_day(self) -> date:
        return date(self.year + self.month // 12, self.month % 12 + 1, 1)

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"


MONTH_NAMES = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december")


def parse_month(year: int | str, month: int | str) -> Month:
    try:
        y, m = int(year), int(month)
    except (TypeError, ValueError):
        raise ValidationError("month", "Maand: kies een maand en een jaar.") from None
    if not 1 <= m <= 12 or not 2000 <= y <= 2100:
        raise ValidationError("month", "Maand: kies een maand en een jaar (2000–2100).")
    return Month(y, m)


@dataclass(frozen=True)
class Overview:
    employer_name: str
    month: Month
    lines: tuple[Line, ...]

    @property
    def total_minutes(self) -> int:
        return sum(x.minutes for x in self.lines)

    def totals(self) -> list[tuple[WorkKind, int, int]]:
        """(kind, number of lines, minutes) per kind that occurs, in the list's order."""
        out = []
        for kind in WorkKind:
            chosen = [x.minutes for x in self.lines if x.kind is kind]
            if chosen:
                out.append((kind, len(chosen), sum(chosen)))
        return out


def hours(minutes: int) -> str:
    """Minutes as hours and minutes: 95 → "1:35"."""
    return f"{minutes // 60}:{minutes % 60:02d}"
