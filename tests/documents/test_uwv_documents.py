"""uwv16: the problem analysis's two PDFs and the current assessment, read back with pypdf. The
employer's holds the functional part and none of the medical part; the employee's holds both.
(The longest input of every field is in ``test_long_input``.)"""

from __future__ import annotations

import io
from datetime import date, datetime

from pypdf import PdfReader

from desktop_app.documents import uwv_letters
from desktop_app.documents.layout import Letterhead
from desktop_app.domain.medical.fml import FML_ITEMS, FmlBody, FmlItemScore, FmlScore
from desktop_app.domain.uwv_documents import (
    CurrentOpinionForm,
    OpinionFacts,
    ProblemAnalysisForm,
    UwvDocument,
    UwvKind,
    fml_lines,
    parse_current_opinion,
    parse_problem_analysis,
)

WHEN = datetime(2026, 11, 23, 10, 30)
LH = Letterhead("Arbodienst Zuid", "Markt 1", "5611 AA", "Eindhoven", "", "", "", None)
PARTIES = uwv_letters.Parties("Bakkerij Jansen B.V.", "M. Jansen", "Dorpsstraat 2, 5611 AB Eindhoven",
                              "A. (Ayşe) Yılmaz", "02-03-1980", "dr. E. Arts", "BIG 123")
MEDICAL = "Depressieve klachten; behandeling bij de huisarts, medicatie gestart"
FORM = ProblemAnalysisForm(assessed_on="20-11-2026", fitness="partly_fit", limitations="Geen klantcontact",
                           capacities="Administratief werk", expected_duration="6-12w",
                           prognosis="Herstel binnen drie maanden", advice="Opbouw in uren",
                           adjustments="Rustige werkplek", medical=MEDICAL)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _analysis() -> tuple[UwvDocument, str]:
    on, body, medical = parse_problem_analysis(FORM, first_day=date(2026, 10, 1), today=date(2026, 11, 23))
    return UwvDocument(1, 1, 1, UwvKind.PROBLEM_ANALYSIS, on, body, 7, 1, "", approved_by=1), medical


FUNCTIONAL = ("Geen klantcontact", "Administratief werk", "zes tot twaalf weken", "Herstel binnen drie maanden",
              "Opbouw in uren", "Rustige werkplek", "Gedeeltelijk arbeidsgeschikt")


def test_the_employers_problem_analysis_holds_no_medical_text():
    doc, _medical = _analysis()
    text = _text(uwv_letters.employer_pdf(doc, PARTIES, letterhead=LH, created=WHEN))
    for value in FUNCTIONAL + ("Bakkerij Jansen B.V.", "A. (Ayşe) Yılmaz"):
        assert value in text
    for word in ("Depressieve", "huisarts", "medicatie", "Deel 2"):
        assert word not in text


def test_the_employees_problem_analysis_holds_both_parts():
    doc, medical = _analysis()
    text = _text(uwv_letters.employee_pdf(doc, PARTIES, [("Medische probleemanalyse", medical)], letterhead=LH,
                                          created=WHEN))
    for value in FUNCTIONAL + (MEDICAL,):
        assert value in text
    assert text.index("Deel 1") < text.index("Deel 2") < text.index(MEDICAL)
    assert "Bakkerij Jansen B.V. t.a.v." not in text  # addressed to the employee, not the employer


def test_the_current_assessment_shows_the_fml_scores_without_their_explanations():
    on, body = parse_current_opinion(CurrentOpinionForm(assessed_on="20-11-2026", fitness="unfit",
                                                        opinion="Geen benutbare mogelijkheden"),
                                     first_day=date(2025, 1, 6), today=date(2026, 11, 23))
    fml = FmlBody((FmlItemScore("tillen", FmlScore.STRONGLY_LIMITED, "wegens de hernia"),))
    body["facts"] = OpinionFacts("06-01-2025", "100%", (("Advies", "Rust"),), fml_lines(fml.overview()),
                                 "01-10-2026", (("Spoor", "Spoor 2 (andere werkgever)"),)).to_json()
    doc = UwvDocument(2, 1, 1, UwvKind.CURRENT_OPINION, on, body, None, 1, "", approved_by=1)
    text = _text(uwv_letters.employer_pdf(doc, PARTIES, letterhead=LH, created=WHEN))
    for value in ("Tillen of dragen — sterk beperkt", "Geen benutbare mogelijkheden", "06-01-2025",
                  "Spoor 2 (andere werkgever)", "Arbeidsongeschikt"):
        assert value in text
    assert "hernia" not in text
    assert len(FML_ITEMS) == 44
