"""The occupational-disease report to the NCvB: the PDF names the disease, the exposure, the
sector and the profession, and nothing that identifies the employee; it goes out as a release
under the legal duty, reviewed by a physician, with the disease kept out of the practice section."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from desktop_app.domain.ncvb import NcvbForm, age_class
from desktop_app.errors import PermissionDenied, ValidationErrors
from desktop_app.services import employees, ncvb, releases
from tests.helpers.practices import ARTS, CASEMANAGER, login_as

FORM = NcvbForm(disease="Contacteczeem handen", exposure="Natte handen, schoonmaakmiddelen, 6 uur per dag",
                sector="Schoonmaak", profession="Schoonmaker", disease_code="E.01", absence="kort")


@pytest.fixture
def physician(practice):
    s = login_as(practice, ARTS, unlock=True)
    yield s
    s.close()


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_report_names_the_disease_and_nobody(physician):
    employee = employees.page(physician, limit=1)[0]
    text = _text(ncvb.report_pdf(physician, employee.id, FORM))
    for shown in ("Contacteczeem handen", "Schoonmaak", "Schoonmaker", "korter dan 6 weken", "E.01"):
        assert shown in text
    full = employees.open_dossier(physician, employee.id)
    for hidden in (full.surname, full.bsn, full.given_names):
        if hidden:
            assert hidden not in text
    assert age_class(full.birth_date, physician.today()) in text


def test_the_report_goes_out_as_a_legal_release_without_the_disease_in_its_wording(physician):
    employee = employees.page(physician, limit=1)[0]
    release = ncvb.request_report(physician, employee.id, FORM, physician="arts")
    assert release.legal_basis.value == "ncvb"
    assert "Contacteczeem" not in release.what  # the practice section holds no diagnosis
    kept = releases.document(physician, release.id)
    assert "Contacteczeem handen" in _text(kept.data)


def test_missing_fields_are_named_in_dutch(physician):
    employee = employees.page(physician, limit=1)[0]
    with pytest.raises(ValidationErrors) as refused:
        ncvb.report_pdf(physician, employee.id, NcvbForm(disease="", exposure="x\x00", sector="", profession="p"))
    assert set(refused.value.errors) == {"disease", "exposure", "sector"}
    assert refused.value.errors["disease"].startswith("Beroepsziekte")


def test_a_case_manager_cannot_make_a_report(practice):
    s = login_as(practice, CASEMANAGER)
    try:
        employee = employees.page(s, limit=1)[0]
        with pytest.raises(PermissionDenied):
            ncvb.report_pdf(s, employee.id, FORM)
    finally:
        s.close()


def test_age_classes_are_five_years_wide():
    from datetime import date

    assert age_class(date(1980, 6, 2), date(2026, 6, 1)) == "45–49 jaar"
    assert age_class(date(1980, 6, 1), date(2026, 6, 1)) == "45–49 jaar"
    assert age_class(date(1981, 6, 2), date(2026, 6, 1)) == "40–44 jaar"
    assert age_class(None, date(2026, 6, 1)) == "onbekend"


def test_a_release_the_practice_section_cannot_record_leaves_no_report_behind(physician, monkeypatch):
    """The report goes into medical.db before the release into practice.db; the two files share
    no transaction. When the practice write fails (here: the disk is full as the release row goes
    in), the report is taken back, so no disease stays in the medical section unreleased and
    unlisted, and the user sees the disk's own error."""
    from desktop_app.errors import DiskFull
    from desktop_app.services import attachments
    from desktop_app.storage import releases as release_store

    employee = employees.page(physician, limit=1)[0]
    before = [a.id for a in attachments.list_attachments(physician, employee.id)]

    def full(*_a, **_k):
        raise DiskFull(detail="practice.db: database or disk is full")

    monkeypatch.setattr(release_store, "insert_request", full)
    with pytest.raises(DiskFull):
        ncvb.request_report(physician, employee.id, FORM, physician="arts")
    assert [a.id for a in attachments.list_attachments(physician, employee.id)] == before
    assert not [r for r in releases.log_for(physician, employee.id) if r.legal_basis and r.legal_basis.value == "ncvb"]
