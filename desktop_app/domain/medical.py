"""The medical section of a dossier: entry kinds and their typed bodies, the FML, exposures,
employee statements, working notes and attachment types.

Forms carry strings exactly as typed (a mapping of field name → text); ``parse_*`` turns them into
typed, frozen records or raises ValidationErrors naming every wrong field with a Dutch message.
Free text is kept exactly: never trimmed, re-cased or otherwise changed.

A body is stored as a JSON object in ``medical_entry_versions.body`` (``body_to_json``), one per
version of an entry. The stored shapes, which copies and exports read too:

=================  =====================================================================
consultation       ``{"s", "o", "e", "p", "text"}`` — only the fields that were filled in
problem_analysis   ``{"text"}``
fml                ``{"summary"?, "items": {item code: {"score": score code, "note": text}}}``
letter_in / _out   ``{"correspondent", "summary", "letter_date"?}`` (ISO date)
diagnosis          ``{"system", "code", "description"}``
note               ``{"text"}``
=================  =====================================================================

Who may record which kind is decided here (``may_record``) and enforced by the services.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, NewType

from desktop_app.domain import validation
from desktop_app.domain.forms import Fields
from desktop_app.domain.roles import Role
from desktop_app.errors import ValidationError

EntryId = NewType("EntryId", int)
AttachmentId = NewType("AttachmentId", int)
ExposureId = NewType("ExposureId", int)
StatementId = NewType("StatementId", int)
WorkingNoteId = NewType("WorkingNoteId", int)

MAX_TEXT = 20000  # a long free-text field (consultation, letter summary, statement)
MAX_LINE = 200  # a one-line field (correspondent, agent)
MAX_NOTE = 2000  # an explanation (FML item, exposure)
MAX_REASON = 1000  # the reason of a correction


# --- kinds and who records them --------------------------------------------------------------


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
        return _KIND_LABELS[self.value]


_KIND_LABELS = {
    "consultation": "Consult",
    "problem_analysis": "Probleemanalyse (medisch deel)",
    "fml": "Functionele mogelijkhedenlijst (FML)",
    "letter_in": "Brief van behandelaar",
    "letter_out": "Brief aan behandelaar",
    "diagnosis": "Diagnose",
    "note": "Aantekening",
}

# The assistant, under derived medical secrecy and acting for a physician, records what arrives
# and goes out (letters), administrative notes, attachments and the employee's statements. The
# medical judgement — consultation, problem analysis, FML, diagnosis — is the physician's, and so
# are corrections and exposure registrations.
ASSISTANT_KINDS = frozenset({EntryKind.LETTER_IN, EntryKind.LETTER_OUT, EntryKind.NOTE})


def may_record(role: Role, kind: EntryKind) -> bool:
    if role is Role.PHYSICIAN:
        return True
    return role is Role.ASSISTANT and kind in ASSISTANT_KINDS


def may_correct(role: Role) -> bool:
    return role is Role.PHYSICIAN


# Which fields each kind's form has: (name, Dutch label, required). FML items come on top.
BODY_FIELDS: dict[EntryKind, list[tuple[str, str, bool]]] = {
    EntryKind.CONSULTATION: [("s", "S – subjectief", False), ("o", "O – objectief", False),
                             ("e", "E – evaluatie", False), ("p", "P – plan", False),
                             ("text", "Vrije tekst", False)],
    EntryKind.PROBLEM_ANALYSIS: [("text", "Medische probleemanalyse", True)],
    EntryKind.FML: [("summary", "Toelichting", False)],
    EntryKind.LETTER_IN: [("correspondent", "Van (behandelaar)", True),
                          ("letter_date", "Datum van de brief", False), ("summary", "Inhoud", True)],
    EntryKind.LETTER_OUT: [("correspondent", "Aan (behandelaar)", True),
                           ("letter_date", "Datum van de brief", False), ("summary", "Inhoud", True)],
    EntryKind.DIAGNOSIS: [("system", "Codering", True), ("code", "Code", True),
                          ("description", "Omschrijving", True)],
    EntryKind.NOTE: [("text", "Aantekening", True)],
}


# --- bodies ------------------------------------------------------------------------------------


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


_CODE_PATTERNS = {
    CodingSystem.ICD10: (re.compile(r"[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?"), "bijvoorbeeld M54.5"),
    CodingSystem.ICPC: (re.compile(r"[A-Z][0-9]{2}(\.[0-9]{1,2})?"), "bijvoorbeeld L03"),
    CodingSystem.CAS: (re.compile(r"[A-Z0-9][A-Z0-9.\-]{0,11}"), "bijvoorbeeld L84"),
}


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


# --- the FML ---------------------------------------------------------------------------------


class FmlScore(StrEnum):
    """An FML item scored against normal (what a healthy person of the same age can do)."""

    NORMAL = "normaal"
    LIMITED = "beperkt"
    STRONGLY_LIMITED = "sterk_beperkt"

    @property
    def label(self) -> str:
        return {"normaal": "normaal", "beperkt": "beperkt", "sterk_beperkt": "sterk beperkt"}[self.value]


@dataclass(frozen=True)
class FmlItem:
    code: str
    label: str


@dataclass(frozen=True)
class FmlRubric:
    numeral: str
    title: str
    items: tuple[FmlItem, ...]

    @property
    def heading(self) -> str:
        return f"{self.numeral} {self.title}"


def _rubric(numeral: str, title: str, *items: tuple[str, str]) -> FmlRubric:
    return FmlRubric(numeral, title, tuple(FmlItem(code, label) for code, label in items))


FML_RUBRICS: tuple[FmlRubric, ...] = (
    _rubric("I", "Persoonlijk functioneren",
            ("concentreren", "Concentreren (vasthouden van de aandacht)"),
            ("verdelen_aandacht", "Verdelen van de aandacht"), ("herinneren", "Herinneren"),
            ("inzicht", "Inzicht in eigen kunnen"), ("handelingstempo", "Handelingstempo"),
            ("zelfstandig", "Zelfstandig handelen"),
            ("deadlines", "Werken onder tijdsdruk, deadlines of productiepieken"),
            ("persoonlijk_risico", "Persoonlijk risico (gevaarlijke machines, verkeer)")),
    _rubric("II", "Sociaal functioneren",
            ("emoties_anderen", "Omgaan met emotionele problemen van anderen"),
            ("conflicten", "Omgaan met conflicten"), ("samenwerken", "Samenwerken"),
            ("klantcontact", "Intensief klantcontact"), ("leidinggeven", "Leidinggeven")),
    _rubric("III", "Aanpassing aan fysieke omgevingseisen",
            ("zien", "Zien"), ("horen", "Horen"), ("huidcontact", "Huidcontact met stoffen of vocht"),
            ("beschermende_middelen", "Dragen van beschermende middelen"),
            ("hitte_koude", "Hitte of koude"), ("geluid", "Lawaai"), ("trillingen", "Trillingen"),
            ("stof", "Stof, rook of dampen"), ("hoogte", "Werken op hoogte")),
    _rubric("IV", "Dynamische handelingen",
            ("tillen", "Tillen of dragen"), ("duwen", "Duwen of trekken"), ("lopen", "Lopen"),
            ("traplopen", "Traplopen"), ("klimmen", "Klimmen"), ("knielen", "Knielen of hurken"),
            ("buigen", "Buigen"), ("torderen", "Torderen (draaien van de romp)"),
            ("reiken", "Reiken"), ("hand_vinger", "Hand- en vingergebruik"),
            ("repeterend", "Repeterende handelingen")),
    _rubric("V", "Statische houdingen",
            ("zitten", "Zitten"), ("staan", "Staan"), ("geknield", "Geknield of gehurkt actief zijn"),
            ("gebogen", "Gebogen of getordeerd actief zijn"),
            ("boven_schouder", "Boven schouderhoogte actief zijn"),
            ("hoofd_fixeren", "Het hoofd in één stand houden")),
    _rubric("VI", "Werktijden",
            ("uren_dag", "Uren per dag"), ("uren_week", "Uren per week"),
            ("avond", "Avondwerk"), ("nachtdiensten", "Nachtdiensten"),
            ("onregelmatig", "Onregelmatige of wisselende diensten")),
)
FML_ITEMS: dict[str, str] = {i.code: i.label for r in FML_RUBRICS for i in r.items}


def fml_field(code: str) -> str:
    """The form field of an item's score; its explanation is ``fml_field(code) + "_note"``."""
    return f"fml_{code}"


@dataclass(frozen=True)
class FmlItemScore:
    code: str
    score: FmlScore = FmlScore.NORMAL
    note: str = ""

    @property
    def label(self) -> str:
        return FML_ITEMS.get(self.code, self.code)


@dataclass(frozen=True)
class FmlRubricView:
    numeral: str
    title: str
    limited: tuple[FmlItemScore, ...]
    normal_count: int

    def describe(self) -> str:
        if not self.limited:
            return "geen beperkingen"
        return "; ".join(f"{i.label} — {i.score.label}" + (f" ({i.note})" if i.note else "")
                         for i in self.limited)

    def line(self) -> str:
        return f"{self.numeral} {self.title}: {self.describe()}"


@dataclass(frozen=True)
class FmlOverview:
    """The total view of an FML: per rubric what is limited, and the counts."""

    rubrics: tuple[FmlRubricView, ...]

    @property
    def limited(self) -> tuple[FmlItemScore, ...]:
        return tuple(i for r in self.rubrics for i in r.limited)

    @property
    def limited_count(self) -> int:
        return sum(1 for i in self.limited if i.score is FmlScore.LIMITED)

    @property
    def strongly_limited_count(self) -> int:
        return sum(1 for i in self.limited if i.score is FmlScore.STRONGLY_LIMITED)

    @property
    def all_normal(self) -> bool:
        return not self.limited

    def headline(self) -> str:
        if self.all_normal:
            return "Geen beperkingen: alle onderdelen normaal."
        return (f"{self.limited_count} beperkt, {self.strongly_limited_count} sterk beperkt "
                f"(van {sum(len(r.items) for r in FML_RUBRICS)} onderdelen).")

    def lines(self) -> list[str]:
        return [self.headline()] + [r.line() for r in self.rubrics]


@dataclass(frozen=True)
class FmlBody:
    """Every item of every rubric with its score; an item not given counts as normal."""

    items: tuple[FmlItemScore, ...]
    summary: str = ""

    def score(self, code: str) -> FmlItemScore:
        for item in self.items:
            if item.code == code:
                return item
        return FmlItemScore(code)

    def overview(self) -> FmlOverview:
        views = []
        for rubric in FML_RUBRICS:
            scored = [self.score(i.code) for i in rubric.items]
            limited = tuple(s for s in scored if s.score is not FmlScore.NORMAL)
            views.append(FmlRubricView(rubric.numeral, rubric.title, limited,
                                       len(scored) - len(limited)))
        return FmlOverview(tuple(views))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.summary:
            out["summary"] = self.summary
        out["items"] = {i.code: {"score": i.score.value, "note": i.note} for i in self.items}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FmlBody:
        stored = data.get("items") or {}
        items = tuple(FmlItemScore(code, FmlScore(v.get("score", "normaal")), str(v.get("note", "")))
                      for code, v in stored.items())
        return cls(items, str(data.get("summary", "")))


Body = ConsultationBody | ProblemAnalysisBody | FmlBody | LetterBody | DiagnosisBody | NoteBody

_BODY_TYPES: dict[EntryKind, type] = {
    EntryKind.CONSULTATION: ConsultationBody,
    EntryKind.PROBLEM_ANALYSIS: ProblemAnalysisBody,
    EntryKind.FML: FmlBody,
    EntryKind.LETTER_IN: LetterBody,
    EntryKind.LETTER_OUT: LetterBody,
    EntryKind.DIAGNOSIS: DiagnosisBody,
    EntryKind.NOTE: NoteBody,
}


def body_to_json(body: Body) -> dict[str, Any]:
    return body.to_json()


def body_from_json(kind: EntryKind, data: Mapping[str, Any]) -> Body:
    return _BODY_TYPES[kind].from_json(data)


# --- the stored entry --------------------------------------------------------------------------


@dataclass(frozen=True)
class MedicalEntry:
    """One version of an entry. ``body`` is the stored JSON object; ``content`` the typed body."""

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

    @property
    def content(self) -> Body:
        return body_from_json(self.kind, self.body)

    def display_lines(self) -> list[tuple[str, str]]:
        """(Dutch label, text) pairs to show or print, dates as dd-mm-jjjj."""
        content = self.content
        if isinstance(content, FmlBody):
            lines = [("Toelichting", content.summary)] if content.summary else []
            return lines + [(f"{r.numeral} {r.title}", r.describe())
                            for r in content.overview().rubrics]
        out = []
        for name, label, _required in BODY_FIELDS[self.kind]:
            value = getattr(content, name)
            if isinstance(value, CodingSystem):
                value = value.value
            elif isinstance(value, date):
                value = validation.format_date_nl(value)
            if value:
                out.append((label, value))
        return out

    def summary(self, limit: int = 120) -> str:
        content = self.content
        if isinstance(content, FmlBody):
            overview = content.overview()
            if overview.all_normal:
                return "Geen beperkingen"
            limited = overview.limited
            return (f"{len(limited)} beperking(en): " + ", ".join(i.label for i in limited[:4])
                    + (", …" if len(limited) > 4 else ""))
        text = " · ".join(value for _label, value in self.display_lines())
        return text if len(text) <= limit else text[: limit - 1] + "…"


def entry_form(entry: MedicalEntry) -> dict[str, str]:
    """The form of an entry as it stands, to start a correction from (a correction replaces the
    whole body: a field left out of the form is empty, an FML item left out is normal)."""
    content = entry.content
    form = {"entry_date": validation.format_date_nl(entry.entry_date)}
    if isinstance(content, FmlBody):
        form["summary"] = content.summary
        for code in FML_ITEMS:
            item = content.score(code)
            form[fml_field(code)] = item.score.value
            form[fml_field(code) + "_note"] = item.note
        return form
    for name, _label, _required in BODY_FIELDS[entry.kind]:
        value = getattr(content, name)
        if isinstance(value, CodingSystem):
            value = value.value
        elif isinstance(value, date):
            value = validation.format_date_nl(value)
        form[name] = value or ""
    return form


# --- parsing an entry form --------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedEntry:
    kind: EntryKind
    entry_date: date
    body: Body


def parse_kind(value: EntryKind | str) -> EntryKind:
    try:
        return EntryKind(value)
    except ValueError:
        raise ValidationError("kind", "Soort: kies een soort aantekening uit de lijst.") from None


def parse_entry(kind: EntryKind | str, form: Mapping[str, str], today: date, *,
                default_date: date | None = None) -> ParsedEntry:
    """Validate an entry form. An empty ``entry_date`` means ``default_date`` (else today)."""
    f = Fields()
    parsed = _parse_entry(f, kind, form, today, default_date)
    f.done()
    return parsed  # type: ignore[return-value]


def parse_correction(kind: EntryKind, form: Mapping[str, str], reason: str, today: date,
                     current_date: date) -> tuple[ParsedEntry, str]:
    """A correction's new content and its reason (required), every wrong field at once."""
    f = Fields()
    parsed = _parse_entry(f, kind, form, today, current_date)
    reason = f.take("reason", validation.text, reason, "reason", label="Reden van de correctie",
                    required=True, max_length=MAX_REASON, multiline=True)
    f.done()
    return parsed, reason  # type: ignore[return-value]


def _parse_entry(f: Fields, kind: EntryKind | str, form: Mapping[str, str], today: date,
                 default_date: date | None) -> ParsedEntry | None:
    kind = f.take("kind", parse_kind, kind)
    if kind is None:
        f.done()
    on = _entry_date(f, form.get("entry_date", ""), today, default_date or today)
    body = _PARSERS[kind](f, form, today)  # type: ignore[index]
    if on is None or body is None:
        return None
    return ParsedEntry(kind, on, body)  # type: ignore[arg-type]


def _blank(value: object) -> bool:
    """An optional field left empty (only a string can be empty; anything else is checked)."""
    return isinstance(value, str) and not value.strip()


def _entry_date(f: Fields, raw: str, today: date, default: date) -> date | None:
    if _blank(raw):
        return default
    on = f.take("entry_date", validation.parse_date_nl, raw, "entry_date", label="Datum")
    if on and on > today:
        f.fail("entry_date", "Datum: ligt in de toekomst. Een aantekening gaat over wat is gebeurd.")
        return None
    return on


def _free(f: Fields, form: Mapping[str, str], name: str, label: str, *, required: bool = False,
          max_length: int = MAX_TEXT, multiline: bool = True) -> str | None:
    """A free-text field: exactly as typed, or an error at the field."""
    return f.take(name, validation.text, form.get(name, ""), name, label=label, required=required,
                  max_length=max_length, multiline=multiline)


def _parse_consultation(f: Fields, form: Mapping[str, str], _today: date) -> Body | None:
    labels = {name: label for name, label, _r in BODY_FIELDS[EntryKind.CONSULTATION]}
    values = {name: _free(f, form, name, label) for name, label in labels.items()}
    if any(v is None for v in values.values()):
        return None
    if not any(v.strip() for v in values.values()):  # type: ignore[union-attr]
        f.fail("s", "Consult: vul ten minste één van de SOEP-velden in, of de vrije tekst.")
        return None
    return ConsultationBody(**values)  # type: ignore[arg-type]


def _parse_problem_analysis(f: Fields, form: Mapping[str, str], _today: date) -> Body | None:
    text = _free(f, form, "text", "Medische probleemanalyse", required=True)
    return None if text is None else ProblemAnalysisBody(text)


def _parse_letter(direction: EntryKind):
    who = "Van (behandelaar)" if direction is EntryKind.LETTER_IN else "Aan (behandelaar)"

    def parse(f: Fields, form: Mapping[str, str], today: date) -> Body | None:
        correspondent = _free(f, form, "correspondent", who, required=True, max_length=MAX_LINE,
                              multiline=False)
        summary = _free(f, form, "summary", "Inhoud", required=True)
        raw = form.get("letter_date", "")
        letter_date = None
        if not _blank(raw):
            letter_date = f.take("letter_date", validation.parse_date_nl, raw, "letter_date",
                                 label="Datum van de brief")
            if letter_date and letter_date > today:
                f.fail("letter_date", "Datum van de brief: ligt in de toekomst.")
                return None
            if letter_date is None:
                return None
        if correspondent is None or summary is None:
            return None
        return LetterBody(correspondent, summary, letter_date)

    return parse


def _parse_diagnosis(f: Fields, form: Mapping[str, str], _today: date) -> Body | None:
    system = None
    try:
        system = CodingSystem(form.get("system", ""))
    except ValueError:
        f.fail("system", "Codering: kies CAS, ICD-10 of ICPC.")
    code = f.take("code", _diagnosis_code, form.get("code", ""), system)
    description = _free(f, form, "description", "Omschrijving", required=True, max_length=500,
                        multiline=False)
    if system is None or code is None or description is None:
        return None
    return DiagnosisBody(system, code, description)


def _diagnosis_code(value: str, system: CodingSystem | None) -> str:
    code = validation.text(value, "code", label="Code", required=True, max_length=20)
    code = code.strip().upper()
    if system is not None:
        pattern, example = _CODE_PATTERNS[system]
        if not pattern.fullmatch(code):
            raise ValidationError("code", f"Code: dit is geen {system.value}-code ({example}).")
    return code


def _parse_note(f: Fields, form: Mapping[str, str], _today: date) -> Body | None:
    text = _free(f, form, "text", "Aantekening", required=True)
    return None if text is None else NoteBody(text)


def _parse_fml(f: Fields, form: Mapping[str, str], _today: date) -> Body | None:
    summary = _free(f, form, "summary", "Toelichting")
    items = []
    ok = summary is not None
    for code, label in FML_ITEMS.items():
        name = fml_field(code)
        raw = form.get(name, "") or FmlScore.NORMAL.value
        try:
            score = FmlScore(raw)
        except ValueError:
            f.fail(name, f"{label}: kies normaal, beperkt of sterk beperkt.")
            ok = False
            continue
        note = _free(f, form, name + "_note", f"{label}: toelichting", max_length=MAX_NOTE)
        if note is None:
            ok = False
            continue
        if score is not FmlScore.NORMAL and not note.strip():
            f.fail(name + "_note", f"{label}: licht toe wat de werknemer niet of minder kan "
                                   f"({score.label}).")
            ok = False
            continue
        items.append(FmlItemScore(code, score, note))
    return FmlBody(tuple(items), summary) if ok else None  # type: ignore[arg-type]


_PARSERS = {
    EntryKind.CONSULTATION: _parse_consultation,
    EntryKind.PROBLEM_ANALYSIS: _parse_problem_analysis,
    EntryKind.FML: _parse_fml,
    EntryKind.LETTER_IN: _parse_letter(EntryKind.LETTER_IN),
    EntryKind.LETTER_OUT: _parse_letter(EntryKind.LETTER_OUT),
    EntryKind.DIAGNOSIS: _parse_diagnosis,
    EntryKind.NOTE: _parse_note,
}

# Free-text fields per kind, kept exactly as typed (the FML's explanations come on top).
FREE_TEXT_FIELDS: dict[EntryKind, tuple[str, ...]] = {
    EntryKind.CONSULTATION: ("s", "o", "e", "p", "text"),
    EntryKind.PROBLEM_ANALYSIS: ("text",),
    EntryKind.FML: ("summary",),
    EntryKind.LETTER_IN: ("correspondent", "summary"),
    EntryKind.LETTER_OUT: ("correspondent", "summary"),
    EntryKind.DIAGNOSIS: ("description",),
    EntryKind.NOTE: ("text",),
}


# --- exposures -------------------------------------------------------------------------------


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
    if not _blank(form.end):
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


# --- the employee's statements ----------------------------------------------------------------


@dataclass
class StatementForm:
    statement: str = ""
    received_on: str = ""


@dataclass(frozen=True)
class NewStatement:
    statement: str
    received_on: date


@dataclass(frozen=True)
class EmployeeStatement:
    """The employee's own view, e.g. where a requested correction was refused."""

    id: StatementId
    employee_id: int
    entry_id: int | None
    received_on: date
    statement: str
    recorded_by: int
    recorded_at: str


def parse_statement(form: StatementForm, today: date) -> NewStatement:
    f = Fields()
    text = f.take("statement", validation.text, form.statement, "statement",
                  label="Verklaring van de werknemer", required=True, max_length=MAX_TEXT,
                  multiline=True)
    on = f.take("received_on", validation.parse_date_nl, form.received_on, "received_on",
                label="Ontvangen op")
    if on and on > today:
        f.fail("received_on", "Ontvangen op: ligt in de toekomst.")
    f.done()
    return NewStatement(text, on)  # type: ignore[arg-type]


# --- the physician's personal working notes ----------------------------------------------------


@dataclass(frozen=True)
class WorkingNote:
    """Kept apart from the dossier: never in an inspection or a copy; only its author sees it."""

    id: WorkingNoteId
    employee_id: int
    author_id: int
    body: str
    created_at: str
    updated_at: str


def parse_working_note(body: str) -> str:
    return validation.text(body, "body", label="Werkaantekening", required=True,
                           max_length=MAX_TEXT, multiline=True)


# --- attachments -------------------------------------------------------------------------------

MAX_ATTACHMENT = 25 * 1024 * 1024  # 25 MB


class AttachmentType(StrEnum):
    """The kinds of file kept, as MIME types; decided from the content, never from the name."""

    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"

    @property
    def label(self) -> str:
        return {"application/pdf": "PDF", "image/jpeg": "JPEG-afbeelding",
                "image/png": "PNG-afbeelding"}[self.value]


_MAGIC = ((b"%PDF-", AttachmentType.PDF), (b"\xff\xd8\xff", AttachmentType.JPEG),
          (b"\x89PNG\r\n\x1a\n", AttachmentType.PNG))


_EXTENSIONS = {AttachmentType.PDF: "pdf", AttachmentType.JPEG: "jpg", AttachmentType.PNG: "png"}


def sniff(data: bytes) -> AttachmentType | None:
    """The file's type from its first bytes (magic numbers); None for anything else."""
    head = bytes(data[:8])
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


@dataclass(frozen=True)
class NewAttachment:
    filename: str
    mime: AttachmentType
    description: str


@dataclass(frozen=True)
class AttachmentInfo:
    """An attachment without its data."""

    id: AttachmentId
    employee_id: int
    entry_id: int | None
    filename: str
    mime: AttachmentType
    size: int
    sha256: str
    description: str
    created_by: int
    created_at: str


def check_attachment(filename: str, data: bytes, description: str = "") -> NewAttachment:
    """Refuse an empty or too large file, and any type but PDF, JPEG and PNG (by content)."""
    if not data:
        raise ValidationError("file", "Bijlage: het bestand is leeg.")
    if len(data) > MAX_ATTACHMENT:
        raise ValidationError("file", f"Bijlage: het bestand is {len(data) / 1024 / 1024:.1f} MB; "
                                      "een bijlage mag hoogstens 25 MB zijn.")
    mime = sniff(data)
    if mime is None:
        raise ValidationError("file", "Bijlage: alleen PDF, JPEG en PNG kunnen worden bewaard. Dit "
                                      "bestand is geen van drieën (gecontroleerd aan de inhoud, "
                                      "niet aan de naam).")
    name = validation.text(filename, "filename", label="Bestandsnaam", max_length=255)
    if not name.strip():
        name = "bijlage." + _EXTENSIONS[mime]
    description = validation.text(description, "description", label="Omschrijving",
                                  max_length=500)
    return NewAttachment(name, mime, description)
