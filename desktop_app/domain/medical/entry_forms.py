"""Entry forms: a form (field name → text as typed) parsed into a kind's typed body, every wrong
field at once; and an entry turned back into its form, to start a correction from."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.domain import validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.field_errors import Fields
from desktop_app.domain.medical.bodies import (
    Body,
    CodingSystem,
    ConsultationBody,
    DiagnosisBody,
    LetterBody,
    NoteBody,
    ProblemAnalysisBody,
)
from desktop_app.domain.medical.entries import MedicalEntry
from desktop_app.domain.medical.examinations import ExaminationBody, ExaminationKind, Outcome
from desktop_app.domain.medical.fml import FML_ITEMS, FmlBody, FmlItemScore, FmlScore, fml_field
from desktop_app.domain.medical.free_text import MAX_LINE, MAX_NOTE, MAX_REASON, MAX_TEXT, blank
from desktop_app.domain.medical.kinds import BODY_FIELDS, EntryKind
from desktop_app.domain.medical.open_consultations import Occasion, OpenConsultationBody
from desktop_app.errors import ValidationError

_CODE_PATTERNS = {
    CodingSystem.ICD10: (re.compile(r"[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?"), "bijvoorbeeld M54.5"),
    CodingSystem.ICPC: (re.compile(r"[A-Z][0-9]{2}(\.[0-9]{1,2})?"), "bijvoorbeeld L03"),
    CodingSystem.CAS: (re.compile(r"[A-Z0-9][A-Z0-9.\-]{0,11}"), "bijvoorbeeld L84"),
}


def entry_form(entry: MedicalEntry) -> dict[str, str]:
    """The form of an entry as it stands, to start a correction from (a correction replaces the
    whole body: a field left out of the form is empty, an FML item left out is normal)."""
    content = entry.content
    form = {"entry_date": nl_date(entry.entry_date)}
    if isinstance(content, FmlBody):
        form["summary"] = content.summary
        for code in FML_ITEMS:
            item = content.score(code)
            form[fml_field(code)] = item.score.value
            form[fml_field(code) + "_note"] = item.note
        return form
    for name, _label, _required in BODY_FIELDS[entry.kind]:
        value = getattr(content, name)
        if isinstance(value, StrEnum):  # a coding system, an occasion, an outcome: its stored value
            value = value.value
        elif isinstance(value, date):
            value = nl_date(value)
        form[name] = value or ""
    return form



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


def _entry_date(f: Fields, raw: str, today: date, default: date) -> date | None:
    if blank(raw):
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


def _parse_open_consultation(f: Fields, form: Mapping[str, str], today: date) -> Body | None:
    occasion = None
    try:
        occasion = Occasion(form.get("occasion", ""))
    except ValueError:
        f.fail("occasion", "Aanleiding: kies eigen vraag of preventief consult.")
    soep = _parse_consultation(f, form, today)
    if occasion is None or soep is None:
        return None
    return OpenConsultationBody(occasion, soep.s, soep.o, soep.e, soep.p, soep.text)  # type: ignore[union-attr]


def _parse_examination(f: Fields, form: Mapping[str, str], _today: date) -> Body | None:
    kind = outcome = None
    try:
        kind = ExaminationKind(form.get("examination", ""))
    except ValueError:
        f.fail("examination", "Soort keuring: kies aanstellingskeuring of periodieke keuring.")
    findings = _free(f, form, "findings", "Medische bevindingen", required=True)
    try:
        outcome = Outcome(form.get("outcome", ""))
    except ValueError:
        f.fail("outcome", "Uitslag: kies geschikt of niet geschikt.")
    if kind is None or findings is None or outcome is None:
        return None
    return ExaminationBody(kind, findings, outcome)


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
        if not blank(raw):
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
    EntryKind.OPEN_CONSULTATION: _parse_open_consultation,
    EntryKind.EXAMINATION: _parse_examination,
}
