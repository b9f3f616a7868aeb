"""Examinations (keuringen): the medical findings stay in the medical section; the employer learns
only the outcome, "geschikt" or "niet geschikt", and only after the employee has had it first.

The Wet op de medische keuringen gives the examined person the right to hear the outcome first and
to decide whether it goes to the employer. So the hand-over to the employer needs an earlier
hand-over to the employee, and the employee's recorded choice not to stop it
(``outcome_handover_problems``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from desktop_app.domain.dates import nl_date


class ExaminationKind(StrEnum):
    PRE_EMPLOYMENT = "pre_employment"
    PERIODIC = "periodic"

    @property
    def label(self) -> str:
        return {"pre_employment": "Aanstellingskeuring", "periodic": "Periodieke keuring"}[self.value]


class Outcome(StrEnum):
    """Exactly two: nothing in between reaches the employer ("met beperkingen" would say more)."""

    FIT = "fit"
    UNFIT = "unfit"

    @property
    def label(self) -> str:
        return {"fit": "geschikt", "unfit": "niet geschikt"}[self.value]


@dataclass(frozen=True)
class ExaminationBody:
    examination: ExaminationKind
    findings: str
    outcome: Outcome

    def to_json(self) -> dict[str, Any]:
        return {"examination": self.examination.value, "findings": self.findings,
                "outcome": self.outcome.value}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ExaminationBody:
        return cls(ExaminationKind(data.get("examination", ExaminationKind.PRE_EMPLOYMENT.value)),
                   str(data.get("findings", "")), Outcome(data.get("outcome", Outcome.UNFIT.value)))


@dataclass(frozen=True)
class OutcomeLetter:
    """What the outcome letter holds: nothing from the findings, by construction."""

    employee_name: str
    birth_date: date | None
    employer_name: str
    job_title: str
    examination: ExaminationKind
    examined_on: date
    outcome: Outcome
    physician_name: str


@dataclass(frozen=True)
class OutcomeStatus:
    """Where the outcome of one examination has gone."""

    to_employee_on: date | None
    to_employer_on: date | None


def outcome_handover_problems(status: OutcomeStatus, handed_on: date, *, employee_agreed: bool,
                              examined_on: date) -> dict[str, str]:
    """Why the outcome may not (yet) go to the employer on ``handed_on``: field → Dutch message."""
    if status.to_employer_on is not None:
        return {"examination": "De uitslag van deze keuring is al aan de werkgever verstrekt."}
    if status.to_employee_on is None:
        return {"examination": "De werknemer krijgt de uitslag eerst. Leg vast dat de werknemer de "
                               "uitslag heeft gekregen; daarna kan de werkgever hem krijgen."}
    out = {}
    if handed_on < status.to_employee_on:
        out["handed_on"] = ("Verstrekt op: ligt vóór de dag waarop de werknemer de uitslag kreeg "
                            f"({nl_date(status.to_employee_on)}).")
    if handed_on < examined_on:
        out["handed_on"] = "Verstrekt op: ligt vóór de keuring."
    if not employee_agreed:
        out["employee_agreed"] = ("De werknemer beslist of de uitslag naar de werkgever gaat. Vink aan "
                                  "dat de werknemer de uitslag heeft gezien en dat niet heeft tegengehouden.")
    return out
