"""The typed body of each kind of entry, and its stored JSON object (shapes: see ``kinds``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from desktop_app.domain.medical.examinations import ExaminationBody
from desktop_app.domain.medical.fml import FmlBody
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.domain.medical.open_consultations import OpenConsultationBody


@dataclass(frozen=True)
class ConsultationBody:
    """SOEP (subjectief, objectief, evaluatie, plan) or free text; at least one is filled in."""

    s: str = ""
    o: str = ""
    e: str = ""
    p: str = ""
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in (("s", self.s), ("o", self.o), ("e", self.e), ("p", self.p),
                                  ("text", self.text)) if v}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ConsultationBody:
        return cls(*(str(data.get(k, "")) for k in ("s", "o", "e", "p", "text")))


@dataclass(frozen=True)
class ProblemAnalysisBody:
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ProblemAnalysisBody:
        return cls(str(data.get("text", "")))


@dataclass(frozen=True)
class LetterBody:
    """A letter from (letter_in) or to (letter_out) a treating physician."""

    correspondent: str
    summary: str
    letter_date: date | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"correspondent": self.correspondent, "summary": self.summary}
        if self.letter_date:
            out["letter_date"] = self.letter_date.isoformat()
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LetterBody:
        raw = data.get("letter_date")
        return cls(str(data.get("correspondent", "")), str(data.get("summary", "")),
                   date.fromisoformat(raw) if raw else None)


class CodingSystem(StrEnum):
    CAS = "CAS"
    ICD10 = "ICD-10"
    ICPC = "ICPC"

    @property
    def label(self) -> str:
        return {"CAS": "CAS (Classificaties voor Arbo en SV)", "ICD-10": "ICD-10",
                "ICPC": "ICPC (huisartsen)"}[self.value]


@dataclass(frozen=True)
class DiagnosisBody:
    system: CodingSystem
    code: str
    description: str

    def to_json(self) -> dict[str, Any]:
        return {"system": self.system.value, "code": self.code, "description": self.description}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DiagnosisBody:
        return cls(CodingSystem(data.get("system", "ICD-10")), str(data.get("code", "")),
                   str(data.get("description", "")))


@dataclass(frozen=True)
class NoteBody:
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NoteBody:
        return cls(str(data.get("text", "")))


Body = (ConsultationBody | ProblemAnalysisBody | FmlBody | LetterBody | DiagnosisBody | NoteBody
        | OpenConsultationBody | ExaminationBody)

_BODY_TYPES: dict[EntryKind, type] = {
    EntryKind.CONSULTATION: ConsultationBody,
    EntryKind.PROBLEM_ANALYSIS: ProblemAnalysisBody,
    EntryKind.FML: FmlBody,
    EntryKind.LETTER_IN: LetterBody,
    EntryKind.LETTER_OUT: LetterBody,
    EntryKind.DIAGNOSIS: DiagnosisBody,
    EntryKind.NOTE: NoteBody,
    EntryKind.OPEN_CONSULTATION: OpenConsultationBody,
    EntryKind.EXAMINATION: ExaminationBody,
}


def body_to_json(body: Body) -> dict[str, Any]:
    return body.to_json()


def body_from_json(kind: EntryKind, data: Mapping[str, Any]) -> Body:
    return _BODY_TYPES[kind].from_json(data)
