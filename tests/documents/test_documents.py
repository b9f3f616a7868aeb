"""Every generated PDF opened again with pypdf: text, pages, numbering, metadata, fonts, passwords."""

import io
import re
from datetime import date, datetime, timedelta

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from desktop_app.documents import forms
from desktop_app.documents.fonts import missing_glyphs
from desktop_app.documents.layout import Letterhead, build_pdf, para, styles
from desktop_app.documents.protect import protect
from desktop_app.documents.recovery_sheet import recovery_sheet_pdf
from desktop_app.domain.cases import FeedbackForm
from desktop_app.domain.dossier import EmployerForm
from desktop_app.domain.medical.statements import StatementForm
from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.services import (
    access_log,
    activities,
    attachments,
    documents,
    medical_entries,
    register,
    statements,
    statistics,
    working_notes,
)
from tests.helpers.dossiers import add_employee
from tests.helpers.practices import ASSISTENT, CASEMANAGER, login_as

SAMPLE_NAMES = [
    "Łukasz Wąsowski", "Żaneta Źródło", "Jiří Šťastný", "Řehoř Dvořák", "Çağrı Şahin",
    "İlknur Öztürk", "Ağaoğlu ı", "Ștefan Țurcanu", "Nguyễn Thị Ngọc Ánh", "Trần Văn Đức",
    "Phạm Thị Hương", "Ελένη Παπαδοπούλου", "Олександр Шевченко", "Дмитрий", "Ĳsselmeer ĳs",
    "van 't Hof", "d'Ancona", "O’Brien",
]
LH = Letterhead("Arbodienst De Linde", "Lindelaan 12", "3511 AB", "Utrecht", "030-1234567", "info@x.nl", "12345678")
WHEN = datetime(2026, 11, 23, 10, 30)


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in read(pdf).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_sample_name_has_a_glyph_and_comes_back_from_the_pdf():
    assert missing_glyphs("".join(SAMPLE_NAMES)) == set()
    st = styles()
    pdf = build_pdf("Proef", [para(n, st["body"]) for n in SAMPLE_NAMES], letterhead=LH, created=WHEN)
    text = squash(text_of(pdf))
    for name in SAMPLE_NAMES:
        assert name in text, name
    fonts_used = {str(f["/BaseFont"]) for p in read(pdf).pages for f in p["/Resources"]["/Font"].values()}
    assert any(f.endswith("+DejaVuSans") for f in fonts_used)  # an embedded subset of DejaVu Sans


def test_pages_are_numbered_n_of_m_and_metadata_holds_no_personal_data():
    st = styles()
    story = [para(f"Regel {i}: Nguyễn Thị Ngọc Ánh", st["body"]) for i in range(400)]
    pdf = build_pdf("Lang document", story, letterhead=LH, created=WHEN)
    reader = read(pdf)
    n = len(reader.pages)
    assert n > 3
    for i, page in enumerate(reader.pages, start=1):
        assert f"Pagina {i} van {n}" in page.extract_text()
    meta = reader.metadata
    assert meta.title == "Lang document"
    assert meta["/CreationDate"].startswith("D:20261123103000")
    assert "Nguyễn" not in str(dict(meta))
    assert "Vertrouwelijk" in reader.pages[0].extract_text()


def test_protection_is_aes_256():
    st = styles()
    pdf = protect(build_pdf("Beveiligd", [para("Geheime inhoud", st["body"])], letterhead=LH, created=WHEN),
                  "Sterk-genoeg-1")
    reader = read(pdf)
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"]
    assert encrypt["/V"] == 5
    assert encrypt["/R"] == 6
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert reader.decrypt("Sterk-genoeg-1")
    assert "Geheime inhoud" in reader.pages[0].extract_text()
    with pytest.raises(ValidationError):
        protect(pdf, "kort")


def test_recovery_sheet_shows_the_key_but_not_in_the_metadata():
    key = "ABCD-EFGH-1234-5678-9ABC-DEFG-HJKM-NPQR-STVW"
    pdf = recovery_sheet_pdf(letterhead=LH, recovery_key=key, practice_id="p-1", created=WHEN)
    assert key in text_of(pdf)
    assert key not in str(dict(read(pdf).metadata))
    assert "Pagina 1 van 1" in text_of(pdf)


def test_forms_are_filled_in():
    consent = forms.consent_form_pdf(forms.ConsentFormData(
        "Ayşe Çelik", "12-03-1985", "dr. A. de Vries", "dr. P. Jansen", "Ziekenhuis Oost", "specialist",
        "Consultverslagen van 2026", "Afstemmen behandeling", "23-02-2027"), letterhead=LH, created=WHEN)
    text = squash(text_of(consent))
    for part in ("Ayşe Çelik", "dr. P. Jansen", "Ziekenhuis Oost", "Afstemmen behandeling", "Handtekening werknemer"):
        assert part in text
    machtiging = forms.authorisation_form_pdf(forms.AuthorisationFormData(
        "Ayşe Çelik", "12-03-1985", "Mehmet Çelik", "echtgenoot", "Inzage in het hele dossier", "31-12-2026"),
        letterhead=LH, created=WHEN)
    assert "Mehmet Çelik" in text_of(machtiging)


def test_consent_with_an_on_screen_signature_prints_it():
    from desktop_app.services.demo_medical import _tiny_png

    pdf = forms.consent_form_pdf(forms.ConsentFormData(
        "A", "01-01-1990", "dr. B", "C", "D", "UWV", "E", "F", "G", "23-11-2026", _tiny_png()),
        letterhead=LH, created=WHEN)
    page = read(pdf).pages[0]
    assert any(x["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values())
    assert "op het scherm gezet" in page.extract_text()


def _medical_dossier(arts):
    employee = add_employee(arts, surname="Nguyễn", given="Thị Ngọc Ánh")
    today = date.today().strftime("%d-%m-%Y")
    medical_entries.add_entry(arts, employee.id, "consultation",
                              {"s": "GEHEIM-KLACHT hernia L5", "e": "GEHEIM-DIAGNOSE lumbago", "entry_date": today})
    medical_entries.add_entry(arts, employee.id, "diagnosis",
                              {"system": "ICD-10", "code": "M51.1", "description": "GEHEIM-HERNIA", "entry_date": today})
    return employee


def test_the_employer_letter_carries_nothing_medical(arts):
    employee = _medical_dossier(arts)
    fb = activities.add_feedback(arts, employee.id, FeedbackForm(
        assessed_on=date.today().strftime("%d-%m-%Y"), fitness="partly_fit",
        limitations="Niet tillen boven 10 kg; niet langer dan 30 minuten achtereen staan",
        advice="Opbouw in aangepast werk, 4 uur per dag", expected_duration="1-6w"))
    with pytest.raises(PermissionDenied):
        documents.feedback_letter_pdf(arts, fb.id)  # not yet approved
    activities.approve_feedback(arts, fb.id)
    pdf = documents.feedback_letter_pdf(arts, fb.id)
    text = squash(text_of(pdf))
    assert "Niet tillen boven 10 kg" in text
    assert "Gedeeltelijk arbeidsgeschikt" in text
    assert "Nguyễn" in text
    assert "BIG 19012345601" in text
    medical_texts = []
    for entry in medical_entries.list_entries(arts, employee.id):
        medical_texts += [str(v) for v in entry.body.values()]
    assert medical_texts
    for secret in medical_texts + ["GEHEIM", "M51.1", "hernia", "lumbago", "Vangnet"]:
        assert secret not in text, secret


def test_the_dossier_copy_has_cover_entries_corrections_and_attachments(arts):
    employee = _medical_dossier(arts)
    entry = medical_entries.list_entries(arts, employee.id)[-1]
    medical_entries.correct_entry(arts, entry.id, {"s": "Rugklachten, GECORRIGEERD",
                                                   "entry_date": date.today().strftime("%d-%m-%Y")},
                                  reason="Tikfout")
    other = medical_entries.add_entry(arts, employee.id, "note", {"text": "Over de partner: DERDE-PRIVACY",
                                                                  "entry_date": date.today().strftime("%d-%m-%Y")})
    medical_entries.mark_third_party_privacy(arts, other.id, True)
    working_notes.add_working_note(arts, employee.id, "WERKAANTEKENING-PRIVE")
    statements.add_statement(arts, employee.id, StatementForm("Ik ben het oneens.", date.today().strftime("%d-%m-%Y")))
    from desktop_app.services.demo_medical import _tiny_png

    png = attachments.add_attachment(arts, employee.id, "scan.png", _tiny_png())
    steps = []
    pdf = documents.dossier_copy_pdf(arts, employee.id, include_attachments={png.id},
                                     progress=lambda d, t: steps.append(d))
    text = squash(text_of(pdf))
    for part in ("Afschrift van het dossier", "Nguyễn", "Afgegeven door", "GECORRIGEERD",
                 "Eerdere versie 1", "Tikfout", "Ik ben het oneens.", "scan.png", "opgenomen in dit afschrift",
                 "privacy van derden", "werkaantekeningen"):
        assert part in text, part
    assert "DERDE-PRIVACY" not in text
    assert "WERKAANTEKENING-PRIVE" not in text
    reader = read(pdf)
    n = len(reader.pages)
    assert all("Vertrouwelijk" in p.extract_text() and f"van {n}" in p.extract_text() for p in reader.pages)
    assert "Nguyễn" not in str(dict(reader.metadata))


def test_only_a_physician_signs_off_a_copy(bare_practice, arts):
    employee = _medical_dossier(arts)
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    with pytest.raises(PermissionDenied):
        documents.dossier_copy_pdf(assistant, employee.id)
    assistant.close()
    cm = login_as(bare_practice, CASEMANAGER)
    with pytest.raises(PermissionDenied):
        documents.dossier_copy_pdf(cm, employee.id)
    with pytest.raises(PermissionDenied):
        access_log.access_log_pdf(cm, employee.id)
    cm.close()


def test_access_log_extract_lists_who_did_what(arts):
    employee = _medical_dossier(arts)
    medical_entries.list_entries(arts, employee.id)
    from desktop_app.services import working_notes

    working_notes.add_working_note(arts, employee.id, "eigen notitie")
    fb = activities.add_feedback(arts, employee.id, FeedbackForm(  # the extract reads the release log itself
        assessed_on=date.today().strftime("%d-%m-%Y"), fitness="fit", advice="Hervatten"))
    activities.approve_feedback(arts, fb.id)
    from desktop_app.services import releases

    releases.release_feedback_to_employer(arts, fb.id, "post")
    pdf = access_log.access_log_pdf(arts, employee.id)
    text = squash(text_of(pdf))
    assert "dr. A. (Anna) de Vries" in text
    assert "medisch deel ingezien" in text
    assert "Terugkoppeling" in text
    assert "bedrijfsarts" in text
    assert "physician" not in text
    assert "medical_entries" not in text
    assert "werkaantekening" not in text


def test_statistics_are_aggregated_and_small_groups_suppressed(practice):
    s = login_as(practice, CASEMANAGER)
    from desktop_app.services import employers

    big = max(employers.list_all(s), key=lambda e: employers.employee_counts(s).get(e.id, 0))
    end = date.today()
    pdf = statistics.statistics_pdf(s, big.id, end - timedelta(days=364), end)
    text = squash(text_of(pdf))
    if employers.employee_counts(s)[big.id] >= 10:
        assert "Verzuimpercentage" in text
        assert "Exclusief zwangerschapsgerelateerd" in text
    surnames = [r[0] for r in s.db.query("SELECT surname FROM employees WHERE employer_id = ?", (big.id,))]
    assert not any(n in text for n in surnames if len(n) > 4)
    small = employers.create(s, EmployerForm(name="Klein"))
    add_employee(s, employer_name="Klein")
    assert "te klein" in text_of(statistics.statistics_pdf(s, small.id, end - timedelta(days=30), end))
    s.close()


def test_register_of_processing(practice):
    s = login_as(practice, CASEMANAGER)
    text = squash(text_of(register.register_pdf(s)))
    assert "Register van verwerkingsactiviteiten" in text
    assert "Arbodienst De Linde" in text
    assert "40 jaar" in text
    s.close()
