"""The re-integration trajectory: a record of its own, with its track (spoor 1: back to work at
the own employer; spoor 2: work with another employer), the provider, its start and end, and its
reports (the plan van aanpak, its evaluations, the provider's reports).

Its end starts the 2-year retention, whether or not the employee is still employed; after that
its texts are anonymised (provider, summaries, agreements), while its dates, track and the kinds
of its reports stay for the statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NewType

from desktop_app.domain import validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.field_errors import Fields

TrajectoryId = NewType("TrajectoryId", int)
ReportId = NewType("ReportId", int)


class Track(StrEnum):
    FIRST = "first"
    SECOND = "second"

    @property
    def label(self) -> str:
        return {"first": "Spoor 1 (eigen werkgever)", "second": "Spoor 2 (andere werkgever)"}[self.value]

    @property
    def short(self) -> str:
        return {"first": "Spoor 1", "second": "Spoor 2"}[self.value]


class ReportKind(StrEnum):
    PLAN_OF_APPROACH = "plan_of_approach"
    EVALUATION = "evaluation"
    PROVIDER_REPORT = "provider_report"
    FINAL_REPORT = "final_report"

    @property
    def label(self) -> str:
        return {"plan_of_approach": "Plan van aanpak", "evaluation": "Evaluatie plan van aanpak",
                "provider_report": "Rapportage re-integratiebedrijf",
                "final_report": "Eindrapportage"}[self.value]

    @property
    def milestone(self) -> str | None:
        """The Poortwachter step this report completes on the case, if any."""
        return {"plan_of_approach": "plan_of_approach", "evaluation": "evaluation"}.get(self.value)


@dataclass(frozen=True)
class Trajectory:
    id: TrajectoryId
    employee_id: int
    case_id: int | None
    track: Track
    provider: str
    started_on: date
    ended_on: date | None
    end_reason: str
    anonymised: bool

    @property
    def running(self) -> bool:
        return self.ended_on is None

    @property
    def label(self) -> str:
        end = nl_date(self.ended_on) if self.ended_on else "lopend"
        return f"{self.track.short}, {nl_date(self.started_on)} – {end}"

    @property
    def state_label(self) -> str:
        if self.anonymised:
            return "geanonimiseerd"
        return "lopend" if self.running else "beëindigd"


@dataclass(frozen=True)
class Report:
    id: ReportId
    trajectory_id: TrajectoryId
    kind: ReportKind
    on_date: date
    summary: str
    agreements: str
    author_name: str = ""


@dataclass
class TrajectoryForm:
    track: str = Track.FIRST.value
    provider: str = ""
    started_on: str = ""


@dataclass
class EndForm:
    ended_on: str = ""
    reason: str = ""


@dataclass
class ReportForm:
    kind: str = ReportKind.PLAN_OF_APPROACH.value
    on_date: str = ""
    summary: str = ""
    agreements: str = ""


@dataclass(frozen=True)
class NewTrajectory:
    track: Track
    provider: str
    started_on: date


@dataclass(frozen=True)
class NewReport:
    kind: ReportKind
    on_date: date
    summary: str
    agreements: str


def _not_future(f: Fields, name: str, day: date | None, today: date, label: str) -> None:
    if day is not None and day > today:
        f.fail(name, f"{label}: ligt in de toekomst.")


def parse_trajectory(form: TrajectoryForm, today: date) -> NewTrajectory:
    f = Fields()
    track = None
    try:
        track = Track(form.track)
    except ValueError:
        f.fail("track", "Spoor: kies spoor 1 of spoor 2.")
    provider = f.take("provider", validation.text, form.provider, "provider",
                      label="Re-integratiebedrijf", max_length=200)
    start = f.take("started_on", validation.parse_date_nl, form.started_on, "started_on", label="Gestart op")
    _not_future(f, "started_on", start, today, "Gestart op")
    f.done()
    return NewTrajectory(track, provider or "", start)  # type: ignore[arg-type]


def parse_end(form: EndForm, started_on: date, today: date) -> tuple[date, str]:
    f = Fields()
    end = f.take("ended_on", validation.parse_date_nl, form.ended_on, "ended_on", label="Beëindigd op")
    if end is not None and end < started_on:
        f.fail("ended_on", "Beëindigd op: ligt vóór de start van het traject.")
    _not_future(f, "ended_on", end, today, "Beëindigd op")
    reason = f.take("reason", validation.text, form.reason, "reason", label="Reden van beëindiging",
                    max_length=500)
    f.done()
    return end, reason or ""  # type: ignore[return-value]


def parse_report(form: ReportForm, started_on: date, today: date) -> NewReport:
    f = Fields()
    kind = None
    try:
        kind = ReportKind(form.kind)
    except ValueError:
        f.fail("kind", "Soort: kies een soort uit de lijst.")
    on = f.take("on_date", validation.parse_date_nl, form.on_date, "on_date", label="Datum")
    if on is not None and on < started_on:
        f.fail("on_date", "Datum: ligt vóór de start van het traject.")
    _not_future(f, "on_date", on, today, "Datum")
    summary = f.take("summary", validation.text, form.summary, "summary", label="Samenvatting",
                     required=True, max_length=4000, multiline=True)
    agreements = f.take("agreements", validation.text, form.agreements, "agreements",
                        label="Afspraken", max_length=4000, multiline=True)
    f.done()
    return NewReport(kind, on, summary or "", agreements or "")  # type: ignore[arg-type]

