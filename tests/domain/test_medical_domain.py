"""Medical entry kinds, their forms and typed bodies, the FML, exposures, statements, attachments."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.medical import (
    attachments,
    bodies,
    entries,
    entry_forms,
    exposures,
    fml,
    kinds,
    statements,
)
from desktop_app.domain.permissions import Standing, permissions_for
from desktop_app.domain.roles import Role
from desktop_app.errors import ValidationError, ValidationErrors

TODAY = date(2026, 11, 23)
NL_TODAY = "23-11-2026"


def entry(kind, body, on=TODAY):
    return entries.MedicalEntry(kinds.EntryId(1), 7, None, kinds.EntryKind(kind), on, 1,
                                bodies.body_to_json(body), 1, "dr. A. Arts",
                                "2026-11-23T10:00:00+00:00")


def errors(kind, form, today=TODAY):
    with pytest.raises(ValidationErrors) as err:
        entry_forms.parse_entry(kind, form, today)
    return err.value.errors


# --- kinds -------------------------------------------------------------------------------------


def test_kinds_have_dutch_labels_and_forms():
    assert {k.value: k.label for k in kinds.EntryKind} == {
        "consultation": "Consult",
        "problem_analysis": "Probleemanalyse (medisch deel)",
        "fml": "Functionele mogelijkhedenlijst (FML)",
        "letter_in": "Brief van behandelaar",
        "letter_out": "Brief aan behandelaar",
        "diagnosis": "Diagnose",
        "note": "Aantekening",
        "open_consultation": "Consult zonder verzuim",
        "examination": "Keuring",
    }
    assert set(kinds.BODY_FIELDS) == set(kinds.EntryKind) == set(kinds.FREE_TEXT_FIELDS)


def may_record(role, kind):
    """As the table and the kind's rule decide together (an assistant with a secrecy statement)."""
    held = permissions_for(Standing(role, secrecy_on_file=True))
    return all(p in held for p in kinds.permissions_to_record(kind))


def test_who_records_which_kind():
    judgement = {kinds.EntryKind.CONSULTATION, kinds.EntryKind.PROBLEM_ANALYSIS, kinds.EntryKind.FML,
                 kinds.EntryKind.DIAGNOSIS, kinds.EntryKind.OPEN_CONSULTATION, kinds.EntryKind.EXAMINATION}
    for kind in kinds.EntryKind:
        assert may_record(Role.PHYSICIAN, kind)
        assert may_record(Role.ASSISTANT, kind) is (kind not in judgement)
        assert not may_record(Role.CASEMANAGER, kind)
    assert set(kinds.STAFF_KINDS) == set(kinds.EntryKind) - judgement


def test_an_unknown_kind_is_refused_at_its_field():
    assert "kind" in errors("röntgenfoto", {"text": "x"})


# --- entry date --------------------------------------------------------------------------------


def test_entry_date_defaults_to_today_and_never_lies_ahead():
    assert entry_forms.parse_entry("note", {"text": "x"}, TODAY).entry_date == TODAY
    assert entry_forms.parse_entry("note", {"text": "x", "entry_date": "1-11-2026"}, TODAY).entry_date == date(2026, 11, 1)
    assert entry_forms.parse_entry("note", {"text": "x"}, TODAY, default_date=date(2026, 1, 5)).entry_date == date(2026, 1, 5)
    assert "toekomst" in errors("note", {"text": "x", "entry_date": "24-11-2026"})["entry_date"]
    assert "dd-mm-jjjj" in errors("note", {"text": "x", "entry_date": "31-02-2026"})["entry_date"]


def test_every_wrong_field_is_named_at_once():
    found = errors("letter_in", {"entry_date": "morgen", "letter_date": "1-13-2026"})
    assert set(found) == {"entry_date", "correspondent", "summary", "letter_date"}
    assert found["correspondent"].startswith("Van (behandelaar):")


# --- consultation, problem analysis, note ------------------------------------------------------


def test_consultation_in_soep_or_free_text():
    soep = entry_forms.parse_entry("consultation", {"s": "Rugpijn", "p": "Fysiotherapie"}, TODAY).body
    assert soep == bodies.ConsultationBody(s="Rugpijn", p="Fysiotherapie")
    assert bodies.body_to_json(soep) == {"s": "Rugpijn", "p": "Fysiotherapie"}
    free = entry_forms.parse_entry("consultation", {"text": "Telefonisch spreekuur, gaat beter."}, TODAY).body
    assert bodies.body_to_json(free) == {"text": "Telefonisch spreekuur, gaat beter."}
    message = errors("consultation", {"s": "  ", "o": ""})["s"]
    assert "SOEP" in message
    assert "vrije tekst" in message


def test_problem_analysis_and_note_need_their_text():
    assert errors("problem_analysis", {})["text"].startswith("Medische probleemanalyse:")
    assert errors("note", {"text": " \n "})["text"].startswith("Aantekening:")
    body = entry_forms.parse_entry("problem_analysis", {"text": "Belastbaarheid verminderd."}, TODAY).body
    assert body == bodies.ProblemAnalysisBody("Belastbaarheid verminderd.")


def test_free_text_is_kept_exactly():
    text = "  Zo'n \"klacht\"; DROP TABLE x;--\r\n\tŁódź, İstanbul, Nguyễn 😷  "
    body = entry_forms.parse_entry("note", {"text": text}, TODAY).body
    assert body.text == text
    assert bodies.body_from_json(kinds.EntryKind.NOTE, bodies.body_to_json(body)).text == text


# --- letters -------------------------------------------------------------------------------


def test_letters_have_correspondent_date_and_summary():
    form = {"correspondent": "Huisarts Van Dam", "letter_date": "15-11-2026",
            "summary": "Verwijzing naar fysiotherapie."}
    body = entry_forms.parse_entry("letter_in", form, TODAY).body
    assert body == bodies.LetterBody("Huisarts Van Dam", "Verwijzing naar fysiotherapie.", date(2026, 11, 15))
    stored = bodies.body_to_json(body)
    assert stored == {"correspondent": "Huisarts Van Dam", "summary": "Verwijzing naar fysiotherapie.",
                      "letter_date": "2026-11-15"}
    assert bodies.body_from_json(kinds.EntryKind.LETTER_IN, stored) == body
    shown = entry("letter_in", body).display_lines()
    assert ("Datum van de brief", "15-11-2026") in shown
    assert ("Van (behandelaar)", "Huisarts Van Dam") in shown
    out = entry_forms.parse_entry("letter_out", {"correspondent": "Psycholoog mw. Kaya", "summary": "Vraag"}, TODAY)
    assert out.body.letter_date is None
    assert "letter_date" not in bodies.body_to_json(out.body)
    assert errors("letter_out", {"summary": "x"})["correspondent"].startswith("Aan (behandelaar):")
    assert "toekomst" in errors("letter_in", {**form, "letter_date": "1-1-2027"})["letter_date"]
    assert "één regel" in errors("letter_in", {**form, "correspondent": "Van Dam\nhuisarts"})["correspondent"]


# --- diagnosis ---------------------------------------------------------------------------------


def test_diagnosis_has_a_coding_system_a_code_and_a_description():
    body = entry_forms.parse_entry("diagnosis", {"system": "ICD-10", "code": "m54.5",
                                       "description": "Lage rugpijn"}, TODAY).body
    assert body == bodies.DiagnosisBody(bodies.CodingSystem.ICD10, "M54.5", "Lage rugpijn")
    assert bodies.body_to_json(body) == {"system": "ICD-10", "code": "M54.5", "description": "Lage rugpijn"}
    cas = entry_forms.parse_entry("diagnosis", {"system": "CAS", "code": "L84", "description": "Rugklachten"}, TODAY)
    assert cas.body.system is bodies.CodingSystem.CAS
    assert {s.value for s in bodies.CodingSystem} >= {"CAS", "ICD-10"}
    found = errors("diagnosis", {"system": "DSM", "code": "", "description": ""})
    assert set(found) == {"system", "code", "description"}
    assert "ICD-10-code" in errors("diagnosis", {"system": "ICD-10", "code": "rugpijn",
                                                 "description": "x"})["code"]


# --- FML -----------------------------------------------------------------------------------


def test_fml_has_six_rubrics_with_realistic_items():
    assert [(r.numeral, r.title) for r in fml.FML_RUBRICS] == [
        ("I", "Persoonlijk functioneren"), ("II", "Sociaal functioneren"),
        ("III", "Aanpassing aan fysieke omgevingseisen"), ("IV", "Dynamische handelingen"),
        ("V", "Statische houdingen"), ("VI", "Werktijden")]
    labels = {r.numeral: {i.label for i in r.items} for r in fml.FML_RUBRICS}
    assert {"Tillen of dragen", "Duwen of trekken", "Lopen", "Traplopen", "Knielen of hurken",
            "Buigen"} <= labels["IV"]
    assert {"Zitten", "Staan", "Geknield of gehurkt actief zijn"} <= labels["V"]
    assert {"Uren per dag", "Uren per week", "Nachtdiensten"} <= labels["VI"]
    assert all(len(r.items) >= 4 for r in fml.FML_RUBRICS)
    codes = [i.code for r in fml.FML_RUBRICS for i in r.items]
    assert len(codes) == len(set(codes)) == len(fml.FML_ITEMS)
    assert [s.value for s in fml.FmlScore] == ["normaal", "beperkt", "sterk_beperkt"]
    assert [s.label for s in fml.FmlScore] == ["normaal", "beperkt", "sterk beperkt"]


def test_fml_scores_every_item_and_explains_each_limitation():
    form = {"fml_tillen": "beperkt", "fml_tillen_note": "Niet meer dan 10 kg",
            "fml_uren_dag": "sterk_beperkt", "fml_uren_dag_note": "Hoogstens 4 uur per dag",
            "summary": "Na hernia-operatie"}
    body = entry_forms.parse_entry("fml", form, TODAY).body
    assert len(body.items) == len(fml.FML_ITEMS)
    assert body.score("tillen") == fml.FmlItemScore("tillen", fml.FmlScore.LIMITED, "Niet meer dan 10 kg")
    assert body.score("zitten").score is fml.FmlScore.NORMAL
    stored = bodies.body_to_json(body)
    assert stored["summary"] == "Na hernia-operatie"
    assert stored["items"]["uren_dag"] == {"score": "sterk_beperkt", "note": "Hoogstens 4 uur per dag"}
    assert bodies.body_from_json(kinds.EntryKind.FML, stored) == body

    found = errors("fml", {"fml_zitten": "sterk_beperkt", "fml_staan": "matig",
                           "fml_lopen": "beperkt", "fml_lopen_note": "   "})
    assert set(found) == {"fml_zitten_note", "fml_staan", "fml_lopen_note"}
    assert found["fml_zitten_note"].startswith("Zitten: licht toe")
    assert "normaal, beperkt of sterk beperkt" in found["fml_staan"]


def test_fml_total_view():
    form = {"fml_tillen": "beperkt", "fml_tillen_note": "Niet meer dan 10 kg",
            "fml_buigen": "sterk_beperkt", "fml_buigen_note": "Niet frequent",
            "fml_nachtdiensten": "sterk_beperkt", "fml_nachtdiensten_note": "Geen nachtdiensten"}
    overview = entry_forms.parse_entry("fml", form, TODAY).body.overview()
    assert (overview.limited_count, overview.strongly_limited_count) == (1, 2)
    by_numeral = {r.numeral: r for r in overview.rubrics}
    assert [i.code for i in by_numeral["IV"].limited] == ["tillen", "buigen"]
    assert by_numeral["IV"].normal_count == len(fml.FML_RUBRICS[3].items) - 2
    lines = overview.lines()
    assert lines[0].startswith("1 beperkt, 2 sterk beperkt")
    assert "I Persoonlijk functioneren: geen beperkingen" in lines
    assert "IV Dynamische handelingen: Tillen of dragen — beperkt (Niet meer dan 10 kg); " \
           "Buigen — sterk beperkt (Niet frequent)" in lines
    e = entry("fml", entry_forms.parse_entry("fml", form, TODAY).body)
    assert e.summary().startswith("3 beperking(en): Tillen of dragen, Buigen, Nachtdiensten")
    assert ("VI Werktijden", "Nachtdiensten — sterk beperkt (Geen nachtdiensten)") in e.display_lines()
    normal = entry_forms.parse_entry("fml", {}, TODAY).body.overview()
    assert normal.all_normal
    assert normal.headline().startswith("Geen beperkingen")


def test_an_fml_stored_without_an_item_counts_it_as_normal():
    body = bodies.body_from_json(kinds.EntryKind.FML, {"items": {"tillen": {"score": "beperkt", "note": "5 kg"}}})
    assert body.score("zitten").score is fml.FmlScore.NORMAL
    assert [i.code for i in body.overview().limited] == ["tillen"]


# --- corrections -------------------------------------------------------------------------------


def test_a_correction_needs_a_reason_and_may_keep_the_date():
    with pytest.raises(ValidationErrors) as err:
        entry_forms.parse_correction(kinds.EntryKind.NOTE, {"text": ""}, " ", TODAY, date(2026, 5, 1))
    assert set(err.value.errors) == {"text", "reason"}
    assert err.value.errors["reason"].startswith("Reden van de correctie:")
    parsed, reason = entry_forms.parse_correction(kinds.EntryKind.NOTE, {"text": "y"}, "Tikfout", TODAY, date(2026, 5, 1))
    assert parsed.entry_date == date(2026, 5, 1)
    assert reason == "Tikfout"


@pytest.mark.parametrize("kind, form", [
    ("consultation", {"s": "S", "o": "O", "e": "", "p": "P", "text": ""}),
    ("letter_in", {"correspondent": "Huisarts", "letter_date": "2-11-2026", "summary": "Inhoud"}),
    ("diagnosis", {"system": "ICPC", "code": "L03", "description": "Lage rugklachten"}),
    ("fml", {"summary": "x", "fml_staan": "beperkt", "fml_staan_note": "Half uur"}),
    ("note", {"text": "Afspraak verzet"}),
])
def test_the_form_of_an_entry_parses_back_to_the_same_entry(kind, form):
    parsed = entry_forms.parse_entry(kind, {**form, "entry_date": "20-11-2026"}, TODAY)
    stored = entry(kind, parsed.body, parsed.entry_date)
    again = entry_forms.parse_entry(kind, entry_forms.entry_form(stored), TODAY)
    assert again == parsed


# --- exposures and statements ------------------------------------------------------------------


def test_exposure_categories_and_form():
    assert {c.value: c.label for c in exposures.ExposureCategory} == {
        "carcinogenic": "Kankerverwekkende stoffen", "biological": "Biologische agentia",
        "ionising_radiation": "Ioniserende straling"}
    new = exposures.parse_exposure(exposures.ExposureForm("carcinogenic", "Asbest", "01-03-2001", "31-12-2004"), TODAY)
    assert new == exposures.NewExposure(exposures.ExposureCategory.CARCINOGENIC, "Asbest", date(2001, 3, 1),
                                date(2004, 12, 31))
    assert exposures.parse_exposure(exposures.ExposureForm("biological", "Q-koorts", "1-1-2020"), TODAY).end is None
    with pytest.raises(ValidationErrors) as err:
        exposures.parse_exposure(exposures.ExposureForm("radon", "", "1-1-2027", "1-1-2020"), TODAY)
    assert set(err.value.errors) == {"category", "agent", "start", "end"}
    with pytest.raises(ValidationErrors) as err:
        exposures.parse_exposure(exposures.ExposureForm("ionising_radiation", "Röntgen", "1-1-2020", "1-1-2019"), TODAY)
    assert "vóór het begin" in err.value.errors["end"]


def test_statement_form():
    new = statements.parse_statement(statements.StatementForm("Ik ben het er niet mee eens.\r\n", NL_TODAY), TODAY)
    assert new == statements.NewStatement("Ik ben het er niet mee eens.\r\n", TODAY)
    with pytest.raises(ValidationErrors) as err:
        statements.parse_statement(statements.StatementForm("", (TODAY + timedelta(days=1)).strftime("%d-%m-%Y")), TODAY)
    assert set(err.value.errors) == {"statement", "received_on"}


# --- attachments -------------------------------------------------------------------------------


def test_attachment_type_is_read_from_the_content():
    assert attachments.sniff(b"%PDF-1.7\n...") is attachments.AttachmentType.PDF
    assert attachments.sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF") is attachments.AttachmentType.JPEG
    assert attachments.sniff(b"\x89PNG\r\n\x1a\n\x00\x00") is attachments.AttachmentType.PNG
    for other in (b"", b"%PDF", b"\x89PNG\r\n", b"GIF89a", b"PK\x03\x04", b"Beste collega,"):
        assert attachments.sniff(other) is None
    assert attachments.check_attachment("scan.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 8).mime is attachments.AttachmentType.PNG
    assert attachments.check_attachment("", b"%PDF-1.4").filename == "bijlage.pdf"
    with pytest.raises(ValidationError) as err:
        attachments.check_attachment("brief.pdf", b"Beste collega, hierbij ...")
    assert err.value.field == "file"
    assert "inhoud" in err.value.message
    with pytest.raises(ValidationError) as err:
        attachments.check_attachment("leeg.pdf", b"")
    assert "leeg" in err.value.message
    with pytest.raises(ValidationError) as err:
        attachments.check_attachment("groot.pdf", b"%PDF-" + b"0" * (attachments.MAX_ATTACHMENT - 4))
    assert "25 MB" in err.value.message


# --- the property: typed text is kept exactly or refused ---------------------------------------

ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=300)
VALID = {
    "consultation": {}, "problem_analysis": {"text": "x"}, "fml": {},
    "letter_in": {"correspondent": "Huisarts", "summary": "x"},
    "letter_out": {"correspondent": "Huisarts", "summary": "x"},
    "diagnosis": {"system": "ICD-10", "code": "M54.5", "description": "x"}, "note": {"text": "x"},
    "open_consultation": {"occasion": "preventive"},
    "examination": {"examination": "periodic", "findings": "x", "outcome": "fit"},
}
FIELDS = [(kind, name) for kind, names in kinds.FREE_TEXT_FIELDS.items() for name in names] + [
    ("fml", "fml_tillen_note")]


@settings(max_examples=60, deadline=None)
@given(typed=ANY_TEXT, where=st.sampled_from(FIELDS))
def test_typed_text_is_kept_exactly_or_refused(typed, where):
    kind, name = where
    form = {**VALID[kind], name: typed}
    if name == "fml_tillen_note":
        form["fml_tillen"] = "beperkt"
    try:
        parsed = entry_forms.parse_entry(kind, form, TODAY)
    except ValidationErrors as err:
        assert set(err.errors) <= {name, "s", "fml_tillen_note"}
        assert all(err.errors.values())
        return
    stored = bodies.body_to_json(parsed.body)
    back = bodies.body_from_json(kinds.EntryKind(kind), stored)
    if name == "fml_tillen_note":
        assert back.score("tillen").note == typed
    else:
        assert getattr(back, name) == typed
