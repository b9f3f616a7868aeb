"""The physician's documents for the Poortwachter process and UWV, as data and their rules.

- The problem analysis (probleemanalyse, week 6) has two parts. The functional part, written in
  work terms like the functional feedback (fit / partly fit / unfit, limitations and remaining
  capacity, expected duration and recovery, advice, adjustments), goes to the employer and the
  employee; it is kept in the practice section. The medical part is a medical entry
  (``EntryKind.PROBLEM_ANALYSIS``) in the medical section and goes to the employee only: the
  employer's PDF is built without it, the employee's with both (DESIGN.md §5: what goes to the
  employer goes to the employee, in full).
- The physician's current assessment (actueel oordeel, weeks 87–91) for the re-integration
  report: made from what the dossier holds on the day it is made — the case, the latest approved
  functional feedback, the latest FML (its scores only, never its explanations), the trajectory —
  kept as made (``OpinionFacts``), with the physician's own judgement on top. Functional, so it goes
  to the employer (in the re-integration report) and the employee alike.
- Each is approved by a physician before it leaves (``require_approved``); its approval marks
  its step done on the Poortwachter timeline (``milestone``).

The sealed medical information for UWV's insurance physician is a release under a legal duty
(``services.uwv_sealed``); its form is here (``SealedForm``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NewType

from desktop_app.domain import validation
from desktop_app.domain.cases import ExpectedDuration, Fitness
from desktop_app.domain.field_errors import Fields
from desktop_app.domain.medical.free_text import MAX_TEXT
from desktop_app.domain.poortwachter import MilestoneCode
from desktop_app.errors import PermissionDenied

UwvDocumentId = NewType("UwvDocumentId", int)

MAX_FIELD = 4000  # each functional field, as the feedback's
MAX_RECIPIENT = 200


class UwvKind(StrEnum):
    PROBLEM_ANALYSIS = "problem_analysis"
    CURRENT_OPINION = "current_opinion"

    @property
    def label(self) -> str:
        return {"problem_analysis": "Probleemanalyse",
                "current_opinion": "Actueel oordeel bedrijfsarts"}[self.value]

    @property
    def milestone(self) -> MilestoneCode:
        return {"problem_analysis": MilestoneCode.PROBLEM_ANALYSIS,
                "current_opinion": MilestoneCode.CURRENT_OPINION}[self.value]


class NotApproved(PermissionDenied):
    message = ("Dit document is nog niet goedgekeurd door een bedrijfsarts en kan nog niet worden "
               "afgedrukt of verstrekt.")


# --- the forms ------------------------------------------------------------------------------------


@dataclass
class ProblemAnalysisForm:
    """As typed. ``medical`` is the medical part: it goes to the medical section, never here."""

    assessed_on: str = ""
    fitness: str = ""
    limitations: str = ""
    capacities: str = ""
    expected_duration: str = ExpectedDuration.UNKNOWN.value
    prognosis: str = ""
    advice: str = ""
    adjustments: str = ""
    medical: str = ""


@dataclass
class CurrentOpinionForm:
    assessed_on: str = ""
    fitness: str = ""
    opinion: str = ""
    prognosis: str = ""
    reintegration: str = ""
    advice: str = ""


# (name, Dutch label, required) of the functional fields; "limitations" is required unless fit.
PROBLEM_ANALYSIS_TEXTS = (
    ("limitations", "Beperkingen in werktermen", False),
    ("capacities", "Mogelijkheden", False),
    ("prognosis", "Verwachting herstel en werkhervatting", False),
    ("advice", "Advies over werkhervatting en re-integratie", True),
    ("adjustments", "Aanpassingen of voorzieningen", False),
)
CURRENT_OPINION_TEXTS = (
    ("opinion", "Actueel oordeel: beperkingen en mogelijkheden", True),
    ("prognosis", "Prognose", False),
    ("reintegration", "Oordeel over de re-integratie tot nu toe", False),
    ("advice", "Advies voor de komende periode", False),
)
MEDICAL_LABEL = "Medisch deel (alleen voor de werknemer)"


def _day(f: Fields, value: str, first_day: date | None, today: date) -> date | None:
    on = f.take("assessed_on", validation.parse_date_nl, value, "assessed_on", label="Datum")
    if on is None:
        return None
    if on > today:
        f.fail("assessed_on", "Datum: ligt in de toekomst.")
    elif first_day is not None and on < first_day:
        f.fail("assessed_on", "Datum: ligt vóór de eerste ziektedag.")
    return on


def _fitness(f: Fields, value: str) -> Fitness | None:
    try:
        return Fitness(value)
    except ValueError:
        f.fail("fitness", "Oordeel: kies arbeidsgeschikt, gedeeltelijk of arbeidsongeschikt.")
        return None


def _texts(f: Fields, form, fields, *, fitness: Fitness | None) -> dict[str, str]:
    out = {}
    for name, label, required in fields:
        needed = required or (name == "limitations" and fitness is not Fitness.FIT)
        out[name] = f.take(name, validation.text, getattr(form, name), name, label=label, required=needed,
                           max_length=MAX_FIELD, multiline=True) or ""
    return out


def parse_problem_analysis(form: ProblemAnalysisForm, *, first_day: date | None,
                           today: date) -> tuple[date, dict, str]:
    """(date, the functional part as stored, the medical part's text), or ValidationErrors naming
    each field at fault."""
    f = Fields()
    on = _day(f, form.assessed_on, first_day, today)
    fitness = _fitness(f, form.fitness)
    try:
        duration = ExpectedDuration(form.expected_duration)
    except ValueError:
        duration = None
        f.fail("expected_duration", "Verwachte duur: kies uit de lijst.")
    texts = _texts(f, form, PROBLEM_ANALYSIS_TEXTS, fitness=fitness)
    medical = f.take("medical", validation.text, form.medical, "medical", label="Medisch deel", required=True,
                     max_length=MAX_TEXT, multiline=True)
    f.done()
    body = {"fitness": fitness.value, "expected_duration": duration.value, **texts}  # type: ignore[union-attr]
    return on, body, medical  # type: ignore[return-value]


def parse_current_opinion(form: CurrentOpinionForm, *, first_day: date | None, today: date) -> tuple[date, dict]:
    f = Fields()
    on = _day(f, form.assessed_on, first_day, today)
    fitness = _fitness(f, form.fitness)
    texts = _texts(f, form, CURRENT_OPINION_TEXTS, fitness=Fitness.FIT)  # no "limitations" field here
    f.done()
    return on, {"fitness": fitness.value, **texts}  # type: ignore[union-attr,return-value]


# --- what the current assessment is made from -------------------------------------------------


@dataclass(frozen=True)
class OpinionFacts:
    """The dossier's data on the day the current assessment was made, in words, kept with it."""

    first_day: str = ""
    percentage: str = ""
    feedback: tuple[tuple[str, str], ...] = ()  # the latest approved functional feedback
    fml: tuple[str, ...] = ()  # the latest FML: headline and per rubric what is limited, scores only
    fml_date: str = ""
    trajectory: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict:
        return {"first_day": self.first_day, "percentage": self.percentage,
                "feedback": [list(p) for p in self.feedback], "fml": list(self.fml), "fml_date": self.fml_date,
                "trajectory": [list(p) for p in self.trajectory]}

    @classmethod
    def from_json(cls, data: dict) -> OpinionFacts:
        return cls(str(data.get("first_day", "")), str(data.get("percentage", "")),
                   tuple((str(a), str(b)) for a, b in data.get("feedback", ())),
                   tuple(str(x) for x in data.get("fml", ())), str(data.get("fml_date", "")),
                   tuple((str(a), str(b)) for a, b in data.get("trajectory", ())))


def fml_lines(overview) -> tuple[str, ...]:
    """An FML overview in work terms: which items are limited and how much. The explanations
    (which may name a cause) are left out."""
    lines = [overview.headline()]
    for rubric in overview.rubrics:
        limited = "; ".join(f"{i.label} — {i.score.label}" for i in rubric.limited) or "geen beperkingen"
        lines.append(f"{rubric.numeral} {rubric.title}: {limited}")
    return tuple(lines)


def percentage_text(value: float) -> str:
    return f"{value:g}".replace(".", ",") + "%"


# --- the documents -----------------------------------------------------------------------------


@dataclass(frozen=True)
class UwvDocument:
    id: UwvDocumentId
    employee_id: int
    case_id: int | None  # None once the case itself was destroyed (payroll data, 7 years)
    kind: UwvKind
    assessed_on: date
    body: dict
    medical_entry_id: int | None
    author_id: int
    created_at: str
    approved_by: int | None = None
    approved_at: str | None = None
    handed_release_id: int | None = None
    author_name: str = ""
    approver_name: str = ""

    @property
    def approved(self) -> bool:
        return self.approved_by is not None

    @property
    def fitness(self) -> Fitness:
        return Fitness(self.body["fitness"])

    @property
    def facts(self) -> OpinionFacts:
        return OpinionFacts.from_json(self.body.get("facts", {}))

    @property
    def state_label(self) -> str:
        if self.handed_release_id is not None:
            return "verstrekt"
        return f"goedgekeurd door {self.approver_name}" if self.approved else "wacht op goedkeuring"

    def functional_rows(self) -> list[tuple[str, str]]:
        """(label, text) of the part for employer and employee, in the document's order."""
        b = self.body
        rows = [("Oordeel", self.fitness.label)]
        if self.kind is UwvKind.PROBLEM_ANALYSIS:
            rows += [(label, b.get(name, "")) for name, label, _r in PROBLEM_ANALYSIS_TEXTS[:2]]
            rows.append(("Verwachte duur", ExpectedDuration(b["expected_duration"]).label))
            rows += [(label, b.get(name, "")) for name, label, _r in PROBLEM_ANALYSIS_TEXTS[2:]]
        else:
            rows += [(label, b.get(name, "")) for name, label, _r in CURRENT_OPINION_TEXTS]
        return rows


def require_approved(document: UwvDocument) -> None:
    """Before printing or handing over: only an approved document leaves the practice."""
    if not document.approved:
        raise NotApproved(detail=f"uwv document {document.id} not approved")


# --- the sealed information for UWV's insurance physician -------------------------------------

SEALED_BASES = ("uwv_wia", "uwv_zw")


@dataclass
class SealedForm:
    basis: str = "uwv_wia"
    recipient_name: str = "Verzekeringsarts UWV"
    entry_ids: Sequence[int] = field(default_factory=tuple)
    note: str = ""


def parse_sealed(form: SealedForm, available: Sequence[int]) -> tuple[str, str, tuple[int, ...], str]:
    """(basis, recipient, entry ids in the given order, note) or ValidationErrors."""
    f = Fields()
    if form.basis not in SEALED_BASES:
        f.fail("basis", "Wettelijke grondslag: kies WIA of Ziektewet.")
    name = f.take("recipient_name", validation.text, form.recipient_name, "recipient_name", label="Ontvanger",
                  required=True, max_length=MAX_RECIPIENT)
    ids = tuple(dict.fromkeys(int(i) for i in form.entry_ids))
    if not ids:
        f.fail("entry_ids", "Medische gegevens: kies ten minste één aantekening.")
    elif any(i not in available for i in ids):
        f.fail("entry_ids", "Medische gegevens: kies aantekeningen van deze werknemer.")
    note = f.take("note", validation.text, form.note, "note", label="Toelichting voor de verzekeringsarts",
                  max_length=MAX_FIELD, multiline=True)
    f.done()
    return form.basis, name, ids, note  # type: ignore[return-value]
