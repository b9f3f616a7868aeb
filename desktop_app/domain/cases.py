"""Absence cases, activities and functional feedback: the practice section's case records.

Functional feedback is the only thing that goes to an employer, so it is a record type of its own
with functional fields only: there is no field a diagnosis, a treatment or the safety-net status
could be put in (DESIGN.md §5, KNMG-code).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NewType

from desktop_app.domain import validation
from desktop_app.domain.absence_kind import AbsenceKind
from desktop_app.domain.dossier import CaseId, EmployeeId
from desktop_app.domain.field_errors import Fields, optional
from desktop_app.domain.poortwachter import Episode
from desktop_app.domain.statistics import StatCase
from desktop_app.domain.uwv_reports import Pregnancy, SafetyNetGround
from desktop_app.errors import ValidationError

ActivityId = NewType("ActivityId", int)
FeedbackId = NewType("FeedbackId", int)

RELAPSE_DAYS = 28  # a new absence within four weeks of recovery continues the same case


@dataclass(frozen=True)
class Level:
    from_date: date
    percentage: float


@dataclass(frozen=True)
class AbsenceCase:
    id: CaseId
    employee_id: EmployeeId
    first_day: date
    kind: AbsenceKind
    recovered_on: date | None
    wage_sanction_weeks: int = 0
    uwv_letter_received: date | None = None
    trajectory_end: date | None = None
    episodes: tuple[Episode, ...] = ()
    levels: tuple[Level, ...] = ()
    milestones_done: dict = field(default_factory=dict, compare=False)
    evaluations: tuple[date, ...] = ()
    ground: SafetyNetGround | None = None  # safety-net cases: why UWV pays (practice only)
    pregnancy: Pregnancy | None = None  # a pregnant employee: expected date, leave (practice only)

    @property
    def is_open(self) -> bool:
        return self.recovered_on is None

    def report_inputs(self) -> dict:
        """The case's part of ``poortwachter.compute_timeline``'s early-report inputs (the
        caller adds ``employment_end`` from the employee)."""
        return {"kind": self.kind, "ground": self.ground, "pregnancy": self.pregnancy}

    def stat_case(self, employee_index: int) -> StatCase:
        """The case as the statistics count it."""
        return StatCase(employee_index, self.first_day, self.recovered_on,
                        self.kind is AbsenceKind.PREGNANCY,
                        tuple((lv.from_date, lv.percentage) for lv in self.levels),
                        tuple((ep.start, ep.end) for ep in self.episodes),
                        leave_start=self.pregnancy.leave_start if self.pregnancy else None)

    def percentage_on(self, day: date) -> float:
        """Degree of incapacity on ``day`` (0 outside the episodes)."""
        if not any(ep.start <= day and (ep.end is None or day < ep.end) for ep in self.episodes):
            return 0.0
        current = 100.0
        for level in self.levels:
            if level.from_date <= day:
                current = level.percentage
        return current


@dataclass
class CaseForm:
    first_day: str = ""
    kind: str = AbsenceKind.ILLNESS.value
    percentage: str = "100"
    ground: str = ""  # SafetyNetGround value, safety-net cases only; empty: not known
    expected_delivery: str = ""  # dd-mm-jjjj, any kind: the employee is pregnant
    multiple_pregnancy: bool = False


@dataclass(frozen=True)
class NewCase:
    first_day: date
    kind: AbsenceKind
    percentage: float
    ground: SafetyNetGround | None = None
    pregnancy: Pregnancy | None = None


def parse_case(form: CaseForm, today: date) -> NewCase:
    f = Fields()
    first = f.take("first_day", validation.parse_date_nl, form.first_day, "first_day")
    if first and (first - today).days > 31:
        f.fail("first_day", "Eerste ziektedag: ligt meer dan een maand in de toekomst.")
    kind = None
    try:
        kind = AbsenceKind(form.kind)
    except ValueError:
        f.fail("kind", "Soort verzuim: kies een soort uit de lijst.")
    pct = f.take("percentage", validation.percentage, form.percentage, "percentage")
    ground = None
    if form.ground.strip():
        try:
            ground = SafetyNetGround(form.ground.strip())
        except ValueError:
            f.fail("ground", "Vangnetgrond: kies een grond uit de lijst.")
        if kind is not None and kind is not AbsenceKind.SAFETY_NET:
            f.fail("ground", "Vangnetgrond: alleen bij een vangnetgeval.")
    pregnancy = None
    expected = f.take("expected_delivery", optional(validation.parse_date_nl),
                      form.expected_delivery, "expected_delivery", label="Uitgerekende datum")
    if expected is not None:
        if (expected - today).days > 300:
            f.fail("expected_delivery", "Uitgerekende datum: ligt meer dan 300 dagen in de toekomst.")
        pregnancy = Pregnancy(expected, multiple=form.multiple_pregnancy)
    f.done()
    return NewCase(first, kind, float(pct), ground, pregnancy)  # type: ignore[arg-type]


def parse_recovery(value: str, first_day: date, today: date) -> date:
    day = validation.parse_date_nl(value, "recovered_on")
    validation.recovery_date(first_day, day)
    if (day - today).days > 31:
        raise ValidationError("recovered_on", "Hersteldatum: ligt meer dan een maand in de toekomst.")
    return day


# --- activities (non-medical log) ----------------------------------------------------------


class ActivityKind(StrEnum):
    CONVERSATION = "gesprek"
    PHONE = "telefoon"
    EMPLOYER = "werkgever"
    LETTER = "brief"
    EVALUATION = "evaluatie"
    AGREEMENT = "afspraak"
    OTHER = "overig"

    @property
    def label(self) -> str:
        return {
            "gesprek": "Gesprek met werknemer",
            "telefoon": "Telefonisch contact",
            "werkgever": "Overleg met werkgever",
            "brief": "Brief of e-mail",
            "evaluatie": "Evaluatie plan van aanpak",
            "afspraak": "Afspraak vastgelegd",
            "overig": "Overig",
        }[self.value]


@dataclass(frozen=True)
class Activity:
    id: ActivityId
    employee_id: EmployeeId
    case_id: CaseId | None
    on_date: date
    kind: ActivityKind
    description: str
    agreements: str
    author_id: int
    author_name: str = ""


@dataclass
class ActivityForm:
    on_date: str = ""
    kind: str = ActivityKind.CONVERSATION.value
    description: str = ""
    agreements: str = ""


def parse_activity(form: ActivityForm, today: date) -> tuple[date, ActivityKind, str, str]:
    f = Fields()
    on = f.take("on_date", validation.parse_date_nl, form.on_date, "on_date")
    if on and on > today:
        f.fail("on_date", "Datum: een activiteit ligt niet in de toekomst.")
    kind = None
    try:
        kind = ActivityKind(form.kind)
    except ValueError:
        f.fail("kind", "Soort: kies een soort uit de lijst.")
    desc = f.take("description", validation.text, form.description, "description",
                  label="Omschrijving", required=True, max_length=4000, multiline=True)
    agreements = f.take("agreements", validation.text, form.agreements, "agreements",
                        label="Afspraken", max_length=4000, multiline=True)
    f.done()
    return on, kind, desc, agreements or ""  # type: ignore[return-value]


# --- functional feedback to the employer ---------------------------------------------------


class Fitness(StrEnum):
    FIT = "fit"
    PARTLY_FIT = "partly_fit"
    UNFIT = "unfit"

    @property
    def label(self) -> str:
        return {"fit": "Arbeidsgeschikt", "partly_fit": "Gedeeltelijk arbeidsgeschikt",
                "unfit": "Arbeidsongeschikt"}[self.value]


class ExpectedDuration(StrEnum):
    UNDER_1_WEEK = "lt1w"
    WEEKS_1_6 = "1-6w"
    WEEKS_6_12 = "6-12w"
    OVER_3_MONTHS = "gt3m"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {"lt1w": "korter dan een week", "1-6w": "een tot zes weken",
                "6-12w": "zes tot twaalf weken", "gt3m": "langer dan drie maanden",
                "unknown": "nog niet te zeggen"}[self.value]


@dataclass(frozen=True)
class FunctionalFeedback:
    id: FeedbackId
    employee_id: EmployeeId
    case_id: CaseId | None
    assessed_on: date
    fitness: Fitness
    limitations: str
    remaining_capacity: str
    expected_duration: ExpectedDuration
    advice: str
    adjustments: str
    author_id: int
    approved_by: int | None = None
    approved_at: str | None = None
    author_name: str = ""
    approver_name: str = ""

    @property
    def approved(self) -> bool:
        return self.approved_by is not None


@dataclass
class FeedbackForm:
    assessed_on: str = ""
    fitness: str = ""
    limitations: str = ""
    remaining_capacity: str = ""
    expected_duration: str = ExpectedDuration.UNKNOWN.value
    advice: str = ""
    adjustments: str = ""


def parse_feedback(form: FeedbackForm, today: date) -> dict:
    f = Fields()
    on = f.take("assessed_on", validation.parse_date_nl, form.assessed_on, "assessed_on")
    if on and on > today:
        f.fail("assessed_on", "Datum beoordeling: ligt in de toekomst.")
    fitness = duration = None
    try:
        fitness = Fitness(form.fitness)
    except ValueError:
        f.fail("fitness", "Oordeel: kies arbeidsgeschikt, gedeeltelijk of arbeidsongeschikt.")
    try:
        duration = ExpectedDuration(form.expected_duration)
    except ValueError:
        f.fail("expected_duration", "Verwachte duur: kies uit de lijst.")
    texts = {}
    for name, label, required in (
        ("limitations", "Beperkingen in werktermen", fitness is not Fitness.FIT),
        ("remaining_capacity", "Mogelijkheden", False),
        ("advice", "Advies", True),
        ("adjustments", "Aanpassingen of voorzieningen", False),
    ):
        texts[name] = f.take(name, validation.text, getattr(form, name), name, label=label,
                             required=required, max_length=4000, multiline=True) or ""
    f.done()
    return {"assessed_on": on, "fitness": fitness, "expected_duration": duration, **texts}
