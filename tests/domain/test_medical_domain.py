"""Medical entry kinds, their forms and typed bodies, the FML, exposures, statements, attachments."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain import medical as m
from desktop_app.domain.roles import Role
from desktop_app.errors import ValidationError, ValidationErrors

TODAY = date(2026, 11, 23)
NL_TODAY = "23-11-2026"


def entry(kind, body, on=TODAY):
    return m.MedicalEntry(m.EntryId(1), 7, None, m.EntryKind(kind), on, 1, m.body_to_json(body), 1,
                          "dr. A. Arts", "2026-11-23T10:00:00+00:00")


def errors(kind, form, today=TODAY):
    with pytest.raises(ValidationErrors) as err:
        m.parse_entry(kind, form, today)
    return err.value.errors


# --- kinds -------------------------------------------------------------------------------------


def test_kinds_have_dutch_labels_and_forms():
    assert {k.value: k.label for k in m.EntryKind} == {
        "consultation": "Consult",
        "problem_analysis": "Probleemanalyse (medisch deel)",
        "fml": "Functionele mogelijkhedenlijst (FML)",
        "letter_in": "Brief van behandelaar",
        "letter_out": "Brief aan behandelaar",
        "diagnosis": "Diagnose",
        "note": "Aantekening",
    }
    assert set(m.BODY_FIELDS) == set(m.EntryKind) == set(m.FREE_TEXT_FIELDS)


def test_who_records_which_kind():
    judgement = {m.EntryKind.CONSULTATION, m.EntryKind.PROBLEM_ANALYSIS, m.EntryKind.FML,
                 m.EntryKind.DIAGNOSIS}
    for kind in m.EntryKind:
        assert m.may_record(Role.PHYSICIAN, kind)
        assert m.may_record(Role.ASSISTANT, kind) is (kind not in judgement)
        assert not m.may_record(Role.CASEMANAGER, kind)
    assert m.may_correct(Role.PHYSICIAN)
    assert not m.may_correct(Role.ASSISTANT) and not m.may_correct(Role.CASEMANAGER)


def test_an_unknown_kind_is_refused_at_its_field():
    assert "kind" in errors("röntgenfoto", {"text": "x"})


# --- entry date --------------------------------------------------------------------------------


def test_entry_date_defaults_to_today_and_never_lies_ahead():
    assert m.parse_entry("note", {"text": "x"}, TODAY).entry_date == TODAY
    assert m.parse_entry("note", {"text": "x", "entry_date": "1-11-2026"}, TODAY).entry_date == date(2026, 11, 1)
    assert m.parse_entry("note", {"text": "x"}, TODAY, default_date=date(2026, 1, 5)).entry_date == date(2026, 1, 5)
    assert "toekomst" in errors("note", {"text": "x", "entry_date": "24-11-2026"})["entry_date"]
    assert "dd-mm-jjjj" in errors("note", {"text": "x", "entry_date": "31-02-2026"})["entry_date"]


def test_every_wrong_field_is_named_at_once():
    found = errors("letter_in", {"entry_date": "morgen", "letter_date": "1-13-2026"})
    assert set(found) == {"entry_date", "correspondent", "summary", "letter_date"}
    assert found["correspondent"].startswith("Van (behandelaar):")


# --- consultation, problem analysis, note ------------------------------------------------------


def test_consultation_in_soep_or_free_text():
    soep = m.parse_entry("consultation", {"s": "Rugpijn", "p": "Fysiotherapie"}, TODAY).body
    assert soep == m.ConsultationBody(s="Rugpijn", p="Fysiotherapie")
    assert m.body_to_json(soep) == {"s": "Rugpijn", "p": "Fysiotherapie"}
    free = m.parse_entry("consultation", {"text": "Telefonisch spreekuur, gaat beter."}, TODAY).body
    assert m.body_to_json(free) == {"text": "Telefonisch spreekuur, gaat beter."}
    message = errors("consultation", {"s": "  ", "o": ""})["s"]
    assert "SOEP" in message and "vrije tekst" in message


def test_problem_analysis_and_note_need_their_text():
    assert errors("problem_analysis", {})["text"].startswith("Medische probleemanalyse:")
    assert errors("note", {"text": " \n "})["text"].startswith("Aantekening:")
    body = m.parse_entry("problem_analysis", {"text": "Belastbaarheid verminderd."}, TODAY).body
    assert body == m.ProblemAnalysisBody("Belastbaarheid verminderd.")


def test_free_text_is_kept_exactly():
    text = "  Zo'n \"klacht\"; DROP TABLE x;--\r\n\tŁódź, İstanbul, Nguyễn 😷  "
    body = m.parse_entry("note", {"text": text}, TODAY).body
    assert body.text == text
    assert m.body_from_json(m.EntryKind.NOTE, m.body_to_json(body)).text == text


# --- letters -------------------------------------------------------------------------------


def test_letters_have_correspondent_date_and_summary():
    form = {"correspondent": "Huisarts Van Dam", "letter_date": "15-11-2026",
            "summary": "Verwijzing naar fysiotherapie."}
    body = m.parse_entry("letter_in", form, TODAY).body
    assert body == m.LetterBody("Huisarts Van Dam", "Verwijzing naar fysiotherapie.", date(2026, 11, 15))
    stored = m.body_to_json(body)
    assert stored == {"correspondent": "Huisarts Van Dam", "summary": "Verwijzing naar fysiotherapie.",
                      "letter_date": "2026-11-15"}
    assert m.body_from_json(m.EntryKind.LETTER_IN, stored) == body
    shown = entry("letter_in", body).display_lines()
    assert ("Datum van de brief", "15-11-2026") in shown and ("Van (behandelaar)", "Huisarts Van Dam") in shown
    out = m.parse_entry("letter_out", {"correspondent": "Psycholoog mw. Kaya", "summary": "Vraag"}, TODAY)
    assert out.body.letter_date is None and "letter_date" not in m.body_to_json(out.body)
    assert errors("letter_out", {"summary": "x"})["correspondent"].startswith("Aan (behandelaar):")
    assert "toekomst" in errors("letter_in", {**form, "letter_date": "1-1-2027"})["letter_date"]
    assert "één regel" in errors("letter_in", {**form, "correspondent": "Van Dam\nhuisarts"})["correspondent"]


# --- diagnosis ---------------------------------------------------------------------------------


def test_diagnosis_has_a_coding_system_a_code_and_a_description():
    body = m.parse_entry("diagnosis", {"system": "ICD-10", "code": "m54.5",
                                       "description": "Lage rugpijn"}, TODAY).body
    assert body == m.DiagnosisBody(m.CodingSystem.ICD10, "M54.5", "Lage rugpijn")
    assert m.body_to_json(body) == {"system": "ICD-10", "code": "M54.5", "description": "Lage rugpijn"}
    cas = m.parse_entry("diagnosis", {"system": "CAS", "code": "L84", "description": "Rugklachten"}, TODAY)
    assert cas.body.system is m.CodingSystem.CAS
    assert {s.value for s in m.CodingSystem} >= {"CAS", "ICD-10"}
    found = errors("diagnosis", {"system": "DSM", "code": "", "description": ""})
    assert set(found) == {"system", "code", "description"}
    assert "ICD-10-code" in errors("diagnosis", {"system": "ICD-10", "code": "rugpijn",
                                                 "description": "x"})["code"]


# --- FML -----------------------------------------------------------------------------------


def test_fml_has_six_rubrics_with_realistic_items():
    assert [(r.numeral, r.title) for r in m.FML_RUBRICS] == [
        ("I", "Persoonlijk functioneren"), ("II", "Sociaal functioneren"),
        ("III", "Aanpassing aan fysieke omgevingseisen"), ("IV", "Dynamische handelingen"),
        ("V", "Statische houdingen"), ("VI", "Werktijden")]
    labels = {r.numeral: {i.label for i in r.items} for r in m.FML_RUBRICS}
    assert {"Tillen of dragen", "Duwen of trekken", "Lopen", "Traplopen", "Knielen of hurken",
            "Buigen"} <= labels["IV"]
    assert {"Zitten", "Staan", "Geknield of gehurkt actief zijn"} <= labels["V"]
    assert {"Uren per dag", "Uren per week", "Nachtdiensten"} <= labels["VI"]
    assert all(len(r.items) >= 4 for r in m.FML_RUBRICS)
    codes = [i.code for r in m.FML_RUBRICS for i in r.items]
    assert len(codes) == len(set(codes)) == len(m.FML_ITEMS)
    assert [s.value for s in m.FmlScore] == ["normaal", "beperkt", "sterk_beperkt"]
    assert [s.label for s in m.FmlScore] == ["normaal", "beperkt", "sterk beperkt"]


def test_fml_scores_every_item_and_explains_each_limitation():
    form = {"fml_tillen": "beperkt", "fml_tillen_note": "Niet meer dan 10 kg",
            "fml_uren_dag": "sterk_beperkt", "fml_uren_dag_note": "Hoogstens 4 uur per dag",
            "summary": "Na hernia-operatie"}
    body = m.parse_entry("fml", form, TODAY).body
    assert len(body.items) == len(m.FML_ITEMS)
    assert body.score("tillen") == m.FmlItemScore("tillen", m.FmlScore.LIMITED, "Niet meer dan 10 kg")
    assert body.score("zitten").score is m.FmlScore.NORMAL
    stored = m.body_to_json(body)
    assert stored["summary"] == "Na hernia-operatie"
    assert stored["items"]["uren_dag"] == {"score": "sterk_beperkt", "note": "Hoogstens 4 uur per dag"}
    assert m.body_from_json(m.EntryKind.FML, stored) == body

    found = errors("fml", {"fml_zitten": "sterk_beperkt", "fml_staan": "matig",
                           "fml_lopen": "beperkt", "fml_lopen_note": "   "})
    assert set(found) == {"fml_zitten_note", "fml_staan", "fml_lopen_note"}
    assert found["fml_zitten_note"].startswith("Zitten: licht toe")
    assert "normaal, beperkt of sterk beperkt" in found["fml_staan"]


def test_fml_total_view():
    form = {"fml_tillen": "beperkt", "fml_tillen_note": "Niet meer dan 10 kg",
            "fml_buigen": "sterk_beperkt", "fml_buigen_note": "Niet frequent",
            "fml_nachtdiensten": "sterk_beperkt", "fml_nachtdiensten_note": "Geen nachtdiensten"}
    overview = m.parse_entry("fml", form, TODAY).body.overview()
    assert (overview.limited_count, overview.strongly_limited_count) == (1, 2)
    by_numeral = {r.numeral: r for r in overview.rubrics}
    assert [i.code for i in by_numeral["IV"].limited] == ["tillen", "buigen"]
    assert by_numeral["IV"].normal_count == len(m.FML_RUBRICS[3].items) - 2
    lines = overview.lines()
    assert lines[0].startswith("1 beperkt, 2 sterk beperkt")
    assert "I Persoonlijk functioneren: geen beperkingen" in lines
    assert "IV Dynamische handelingen: Tillen of dragen — beperkt (Niet meer dan 10 kg); " \
           "Buigen — sterk beperkt (Niet frequent)" in lines
    e = entry("fml", m.parse_entry("fml", form, TODAY).body)
    assert e.summary().startswith("3 beperking(en): Tillen of dragen, Buigen, Nachtdiensten")
    assert ("VI Werktijden", "Nachtdiensten — sterk beperkt (Geen nachtdiensten)") in e.display_lines()
    normal = m.parse_entry("fml", {}, TODAY).body.overview()
    assert normal.all_normal and normal.headline().startswith("Geen beperkingen")


def test_an_fml_stored_without_an_item_counts_it_as_normal():
    body = m.body_from_json(m.EntryKind.FML, {"items": {"tillen": {"score": "beperkt", "note": "5 kg"}}})
    assert body.score("zitten").score is m.FmlScore.NORMAL
    assert [i.code for i in body.overview().limited] == ["tillen"]


# --- corrections -------------------------------------------------------------------------------


def test_a_correction_needs_a_reason_and_may_keep_the_date():
    with pytest.raises(ValidationErrors) as err:
        m.parse_correction(m.EntryKind.NOTE, {"text": ""}, " ", TODAY, date(2026, 5, 1))
    assert set(err.value.errors) == {"text", "reason"}
    assert err.value.errors["reason"].startswith("Reden van de correctie:")
    parsed, reason = m.parse_correction(m.EntryKind.NOTE, {"text": "y"}, "Tikfout", TODAY, date(2026, 5, 1))
    assert parsed.entry_date == date(2026, 5, 1) and reason == "Tikfout"


@pytest.mark.parametrize("kind, form", [
    ("consultation", {"s": "S", "o": "O", "e": "", "p": "P", "text": ""}),
    ("letter_in", {"correspondent": "Huisarts", "letter_date": "2-11-2026", "summary": "Inhoud"}),
    ("diagnosis", {"system": "ICPC", "code": "L03", "description": "Lage rugklachten"}),
    ("fml", {"summary": "x", "fml_staan": "beperkt", "fml_staan_note": "Half uur"}),
    ("note", {"text": "Afspraak verzet"}),
])
def test_the_form_of_an_entry_parses_back_to_the_same_entry(kind, form):
    parsed = m.parse_entry(kind, {**form, "entry_date": "20-11-2026"}, TODAY)
    stored = entry(kind, parsed.body, parsed.entry_date)
    again = m.parse_entry(kind, m.entry_form(stored), TODAY)
    assert again == parsed


# --- exposures and statements ------------------------------------------------------------------


def test_exposure_categories_and_form():
    assert {c.value: c.label for c in m.ExposureCategory} == {
        "carcinogenic": "Kankerverwekkende stoffen", "biological": "Biologische agentia",
        "ionising_radiation": "Ioniserende straling"}
    new = m.parse_exposure(m.ExposureForm("carcinogenic", "Asbest", "01-03-2001", "31-12-2004"), TODAY)
    assert new == m.NewExposure(m.ExposureCategory.CARCINOGENIC, "Asbest", date(2001, 3, 1),
                                date(2004, 12, 31))
    assert m.parse_exposure(m.ExposureForm("biological", "Q-koorts", "1-1-2020"), TODAY).end is None
    with pytest.raises(ValidationErrors) as err:
        m.parse_exposure(m.ExposureForm("radon", "", "1-1-2027", "1-1-2020"), TODAY)
    assert set(err.value.errors) == {"category", "agent", "start", "end"}
    with pytest.raises(ValidationErrors) as err:
        m.parse_exposure(m.ExposureForm("ionising_radiation", "Röntgen", "1-1-2020", "1-1-2019"), TODAY)
    assert "vóór het begin" in err.value.errors["end"]


def test_statement_form():
    new = m.parse_statement(m.StatementForm("Ik ben het er niet mee eens.\r\n", NL_TODAY), TODAY)
    assert new == m.NewStatement("Ik ben het er niet mee eens.\r\n", TODAY)
    with pytest.raises(ValidationErrors) as err:
        m.parse_statement(m.StatementForm("", (TODAY + timedelta(days=1)).strftime("%d-%m-%Y")), TODAY)
    assert set(err.value.errors) == {"statement", "received_on"}


# --- attachments -------------------------------------------------------------------------------


def test_attachment_type_is_read_from_the_content():
    assert m.sniff(b"%PDF-1.7\n...") is m.AttachmentType.PDF
    assert m.sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF") is m.AttachmentType.JPEG
    assert m.sniff(b"\x89PNG\r\n\x1a\n\x00\x00") is m.AttachmentType.PNG
    for other in (b"", b"%PDF", b"\x89PNG\r\n", b"GIF89a", b"PK\x03\x04", b"Beste collega,"):
        assert m.sniff(other) is None
    assert m.check_attachment("scan.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 8).mime is m.AttachmentType.PNG
    assert m.check_attachment("", b"%PDF-1.4").filename == "bijlage.pdf"
    with pytest.raises(ValidationError) as err:
        m.check_attachment("brief.pdf", b"Beste collega, hierbij ...")
    assert err.value.field == "file" and "inhoud" in err.value.message
    with pytest.raises(ValidationError) as err:
        m.check_attachment("leeg.pdf", b"")
    assert "leeg" in err.value.message
    with pytest.raises(ValidationError) as err:
        m.check_attachment("groot.pdf", b"%PDF-" + b"0" * (m.MAX_ATTACHMENT - 4))
    assert "25 MB" in err.value.message


# --- the property: typed text is kept exactly or refused ---------------------------------------

ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=300)
VALID = {
    "consultation": {}, "problem_analysis": {"text": "x"}, "fml": {},
    "letter_in": {"correspondent": "Huisarts", "summary": "x"},
    "letter_out": {"correspondent": "Huisarts", "summary": "x"},
    "diagnosis": {"system": "ICD-10", "code": "M54.5", "description": "x"}, "note": {"text": "x"},
}
FIELDS = [(kind, name) for kind, names in m.FREE_TEXT_FIELDS.items() for name in names] + [
    ("fml", "fml_tillen_note")]


@settings(max_examples=60, deadline=None)
@given(typed=ANY_TEXT, where=st.sampled_from(FIELDS))
def test_typed_text_is_kept_exactly_or_refused(typed, where):
    kind, name = where
    form = {**VALID[kind], name: typed}
    if name == "fml_tillen_note":
        form["fml_tillen"] = "beperkt"
    try:
        parsed = m.parse_entry(kind, form, TODAY)
    except ValidationErrors as err:
        assert set(err.errors) <= {name, "s", "fml_tillen_note"} and all(err.errors.values())
        return
    stored = m.body_to_json(parsed.body)
    back = m.body_from_json(m.EntryKind(kind), stored)
    if name == "fml_tillen_note":
        assert back.score("tillen").note == typed
    else:
        assert getattr(back, name) == typed
