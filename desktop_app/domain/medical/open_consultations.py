"""Consultations without an absence case: the employee's own question (open spreekuur) and a
preventive consultation. Kept in the medical section like any consultation, never tied to a case,
never to the employer.

An open consultation on the employee's own question is confidential towards the employer: the
employer does not learn that it took place (``confidential``), so the bookkeeping overview shows it
without the employee's name (``domain.billing``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from desktop_app.domain.medical.kinds import EntryKind


class Occasion(StrEnum):
    OWN_QUESTION = "own_question"
    PREVENTIVE = "preventive"

    @property
    def label(self) -> str:
        return {"own_question": "Eigen vraag van de werknemer (open spreekuur)",
                "preventive": "Preventief consult"}[self.value]


# The consult editor's "Aanleiding": "" is a consultation in the absence guidance (kind
# CONSULTATION); the others are open consultations.
ABSENCE = ""
OCCASION_CHOICES: list[tuple[str, str]] = [(ABSENCE, "Verzuimbegeleiding")] + [
    (o.value, o.label) for o in Occasion]


@dataclass(frozen=True)
class OpenConsultationBody:
    """SOEP or free text, as a consultation, with why it took place."""

    occasion: Occasion
    s: str = ""
    o: str = ""
    e: str = ""
    p: str = ""
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"occasion": self.occasion.value} | {
            k: v for k, v in (("s", self.s), ("o", self.o), ("e", self.e), ("p", self.p),
                              ("text", self.text)) if v}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> OpenConsultationBody:
        return cls(Occasion(data.get("occasion", Occasion.OWN_QUESTION.value)),
                   *(str(data.get(k, "")) for k in ("s", "o", "e", "p", "text")))

    @property
    def confidential(self) -> bool:
        return self.occasion is Occasion.OWN_QUESTION


def consultation_kind(occasion: str) -> EntryKind:
    """The kind the consult editor records for its "Aanleiding"."""
    return EntryKind.CONSULTATION if occasion == ABSENCE else EntryKind.OPEN_CONSULTATION


class _Case(Protocol):
    first_day: date
    recovered_on: date | None


def default_occasion(cases: Iterable[_Case], on: date) -> str:
    """What a consultation on ``on`` is about by default: the absence guidance while a case runs
    that day, else the employee's own question (an appointment without an absence case)."""
    running = any(c.first_day <= on and (c.recovered_on is None or c.recovered_on >= on) for c in cases)
    return ABSENCE if running else Occasion.OWN_QUESTION.value
