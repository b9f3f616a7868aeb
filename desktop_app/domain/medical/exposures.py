"""Exposure registrations (carcinogenic substances, biological agents, ionising radiation), which
lengthen the retention of the medical record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NewType

from desktop_app.domain import validation
from desktop_app.domain.field_errors import Fields
from desktop_app.domain.medical.free_text import MAX_LINE, MAX_NOTE, blank

ExposureId = NewType("ExposureId", int)


class ExposureCategory(StrEnum):
    """Exposures that lengthen the retention of the medical record (see the retention rules)."""

    CARCINOGENIC = "carcinogenic"
    BIOLOGICAL = "biological"
    IONISING_RADIATION = "ionising_radiation"

    @property
    def label(self) -> str:
        return {"carcinogenic": "Kankerverwekkende stoffen", "biological": "Biologische agentia",
                "ionising_radiation": "Ioniserende straling"}[self.value]


@dataclass
class ExposureForm:
    category: str = ""
    agent: str = ""
    start: str = ""
    end: str = ""
    notes: str = ""


@dataclass(frozen=True)
class NewExposure:
    category: ExposureCategory
    agent: str
    start: date
    end: date | None
    notes: str = ""


@dataclass(frozen=True)
class Exposure:
    id: ExposureId
    employee_id: int
    category: ExposureCategory
    agent: str
    start: date
    end: date | None
    notes: str
    recorded_by: int
    recorded_at: str


def parse_exposure(form: ExposureForm, today: date) -> NewExposure:
    f = Fields()
    category = None
    try:
        category = ExposureCategory(form.category)
    except ValueError:
        f.fail("category", "Soort blootstelling: kies kankerverwekkende stoffen, biologische "
                           "agentia of ioniserende straling.")
    agent = f.take("agent", validation.text, form.agent, "agent", label="Stof, agens of bron",
                   required=True, max_length=MAX_LINE)
    start = f.take("start", validation.parse_date_nl, form.start, "start",
                   label="Begin van de blootstelling")
    end = None
    if not blank(form.end):
        end = f.take("end", validation.parse_date_nl, form.end, "end",
                     label="Einde van de blootstelling")
    if start and start > today:
        f.fail("start", "Begin van de blootstelling: ligt in de toekomst.")
    if end and end > today:
        f.fail("end", "Einde van de blootstelling: ligt in de toekomst. Laat het leeg zolang de "
                      "blootstelling duurt.")
    if start and end and end < start:
        f.fail("end", "Einde van de blootstelling: ligt vóór het begin.")
    notes = f.take("notes", validation.text, form.notes, "notes", label="Toelichting",
                   max_length=MAX_NOTE, multiline=True)
    f.done()
    return NewExposure(category, agent, start, end, notes)  # type: ignore[arg-type]
