"""Medical entries (the medical section): kinds, their bodies, and the FML.

A body is a JSON object of named text fields; every version of an entry keeps its own body.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NewType

from desktop_app.domain import validation
from desktop_app.domain.forms import Fields

EntryId = NewType("EntryId", int)
MAX_TEXT = 20000


class EntryKind(StrEnum):
    CONSULTATION = "consultation"
    PROBLEM_ANALYSIS = "problem_analysis"
    FML = "fml"
    LETTER_IN = "letter_in"
    LETTER_OUT = "letter_out"
    DIAGNOSIS = "diagnosis"
    NOTE = "note"

    @property
    def label(self) -> str:
        return {
            "consultation": "Consult", "problem_analysis": "Probleemanalyse (medisch deel)",
            "fml": "Functionele mogelijkhedenlijst (FML)", "letter_in": "Brief van behandelaar",
            "letter_out": "Brief aan behandelaar", "diagnosis": "Diagnose", "note": "Aantekening",
        }[self.value]


# Which text fields each kind has: (name, Dutch label, required).
BODY_FIELDS: dict[EntryKind, list[tuple[str, str, bool]]] = {
    EntryKind.CONSULTATION: [("s", "S – subjectief", False), ("o", "O – objectief", False),
                             ("e", "E – evaluatie", False), ("p", "P – plan", False)],
    EntryKind.PROBLEM_ANALYSIS: [("text", "Medische probleemanalyse", True)],
    EntryKind.FML: [("summary", "Toelichting", False)],
    EntryKind.LETTER_IN: [("correspondent", "Van (behandelaar)", True), ("summary", "Inhoud", True)],
    EntryKind.LETTER_OUT: [("correspondent", "Aan (behandelaar)", True), ("summary", "Inhoud", True)],
    EntryKind.DIAGNOSIS: [("system", "Codering (CAS of ICD-10)", True), ("code", "Code", True),
                          ("description", "Omschrijving", True)],
    EntryKind.NOTE: [("text", "Aantekening", True)],
}

# What an assistant (under derived secrecy, acting for a physician) may record.
ASSISTANT_KINDS = frozenset({EntryKind.LETTER_IN, EntryKind.LETTER_OUT, EntryKind.NOTE})


class FmlScore(StrEnum):
    NORMAL = "normaal"
    LIMITED = "beperkt"
    STRONGLY_LIMITED = "sterk_beperkt"

    @property
    def label(self) -> str:
        return {"normaal": "normaal", "beperkt": "beperkt", "sterk_beperkt": "sterk beperkt"}[self.value]


FML_RUBRICS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("I", "Persoonlijk functioneren", [
        ("concentreren", "Concentreren"), ("verdelen_aandacht", "Verdelen van de aandacht"),
        ("herinneren", "Herinneren"), ("inzicht", "Inzicht in eigen kunnen"),
        ("handelingstempo", "Handelingstempo"), ("zelfstandig", "Zelfstandig handelen")]),
    ("II", "Sociaal functioneren", [
        ("emoties_anderen", "Omgaan met emotionele problemen van anderen"),
        ("conflicten", "Omgaan met conflicten"), ("samenwerken", "Samenwerken"),
        ("klantcontact", "Intensief klantcontact")]),
    ("III", "Aanpassing aan fysieke omgevingseisen", [
        ("hitte_koude", "Hitte of koude"), ("geluid", "Lawaai"), ("stof", "Stof, rook of dampen"),
        ("hoogte", "Werken op hoogte")]),
    ("IV", "Dynamische handelingen", [
        ("tillen", "Tillen of dragen"), ("duwen", "Duwen of trekken"), ("lopen", "Lopen"),
        ("traplopen", "Traplopen"), ("knielen", "Knielen of hurken"), ("buigen", "Buigen"),
        ("reiken", "Reiken"), ("hand_vinger", "Hand- en vingergebruik")]),
    ("V", "Statische houdingen", [
        ("zitten", "Zitten"), ("staan", "Staan"), ("geknield", "Geknield of gehurkt actief zijn"),
        ("gebogen", "Gebogen actief zijn"), ("boven_schouder", "Boven schouderhoogte actief zijn")]),
    ("VI", "Werktijden", [
        ("uren_dag", "Uren per dag"), ("uren_week", "Uren per week"), ("nachtdiensten", "Nachtdiensten"),
        ("avond", "Avondwerk")]),
]
FML_ITEMS = {code: label for _r, _t, items in FML_RUBRICS for code, label in items}


@dataclass(frozen=True)
class MedicalEntry:
    id: EntryId
    employee_id: int
    case_id: int | None
    kind: EntryKind
    entry_date: date
    version: int
    body: dict
    author_id: int
    author_name: str
    created_at: str
    reason: str = ""
    third_party_privacy: bool = False
    on_behalf_of: str = ""

    @property
    def title(self) -> str:
        return self.kind.label

    def summary(self, limit: int = 120) -> str:
        if self.kind is EntryKind.FML:
            limited = [i for i, v in self.body.get("items", {}).items() if v.get("score") != "normaal"]
            return f"{len(limited)} beperking(en): " + ", ".join(FML_ITEMS.get(i, i) for i in limited[:4])
        text = " · ".join(str(self.body.get(name, "")) for name, _l, _r in BODY_FIELDS[self.kind]
                          if self.body.get(name))
        return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_body(kind: EntryKind | str, form: dict[str, str], entry_date: str, today: date) -> tuple[date, dict]:
    """Validate an entry form; returns (entry date, body). Free text is kept exactly."""
    f = Fields()
    try:
        kind = EntryKind(kind)
    except ValueError:
        f.fail("kind", "Soort: kies een soort aantekening.")
        f.done()
    on = f.take("entry_date", validation.parse_date_nl, entry_date, "entry_date")
    if on and on > today:
        f.fail("entry_date", "Datum: ligt in de toekomst.")
    body: dict = {}
    for name, label, required in BODY_FIELDS[kind]:
        value = f.take(name, validation.text, form.get(name, ""), name, label=label,
                       required=required, max_length=MAX_TEXT, multiline=True)
        if value:
            body[name] = value
    if kind is EntryKind.CONSULTATION and not body and not f.errors:
        f.fail("s", "Consult: vul ten minste één van de SOEP-velden in.")
    if kind is EntryKind.FML:
        items = {}
        for code, label in FML_ITEMS.items():
            score = form.get(f"fml_{code}", FmlScore.NORMAL.value) or FmlScore.NORMAL.value
            if score not in {s.value for s in FmlScore}:
                f.fail(f"fml_{code}", f"{label}: kies normaal, beperkt of sterk beperkt.")
                continue
            note = f.take(f"fml_{code}_note", validation.text, form.get(f"fml_{code}_note", ""),
                          f"fml_{code}_note", label=f"{label}: toelichting", max_length=2000,
                          multiline=True) or ""
            if score != FmlScore.NORMAL.value and not note.strip():
                f.fail(f"fml_{code}_note", f"{label}: licht de beperking toe.")
            items[code] = {"score": score, "note": note}
        body["items"] = items
    f.done()
    return on, body  # type: ignore[return-value]


class ExposureCategory(StrEnum):
    CARCINOGENIC = "carcinogenic"
    BIOLOGICAL = "biological"
    IONISING_RADIATION = "ionising_radiation"

    @property
    def label(self) -> str:
        return {"carcinogenic": "Kankerverwekkende stoffen", "biological": "Biologische agentia",
                "ionising_radiation": "Ioniserende straling"}[self.value]
