"""Consultations without an absence case: recorded in the medical section like a consultation,
never tied to a case, listed in the dossier, part of the copy and the portable export, and never
in what the employer receives."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from pypdf import PdfReader

from desktop_app.domain.cases import CaseForm
from desktop_app.domain.dossier import EmployeeForm
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.errors import PermissionDenied, ValidationErrors
from desktop_app.services import (
    cases,
    documents,
    employees,
    employers,
    medical_entries,
    open_consultations,
)
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as

SECRET = "Vraagt zelf naar burn-outklachten sinds de verhuizing"


@pytest.fixture
def physician(practice):
    s = login_as(practice, ARTS, unlock=True)
    yield s
    s.close()


def _without_case(session) -> int:
    employer = employers.list_all(session)[0]
    e = employees.create(session, EmployeeForm(surname="Zondergeval", given_names="Ada", employer_id=str(employer.id),
                                               birth_date="01-02-1980"))
    return e.id


def _open(session, employee_id, occasion="own_question", text=SECRET):
    return medical_entries.add_entry(session, employee_id, EntryKind.OPEN_CONSULTATION,
                                     {"occasion": occasion, "s": text})


def test_an_open_consultation_is_kept_without_a_case_and_listed_in_the_dossier(physician):
    employee_id = _without_case(physician)
    entry = _open(physician, employee_id)
    listed = medical_entries.list_entries(physician, employee_id)
    assert [e.id for e in listed] == [entry.id]
    assert listed[0].case_id is None
    assert ("Aanleiding", "Eigen vraag van de werknemer (open spreekuur)") in listed[0].display_lines()


def test_an_open_consultation_refuses_a_case(physician):
    employee_id = _without_case(physician)
    first = (physician.today() - timedelta(days=10)).strftime("%d-%m-%Y")
    case = cases.open_case(physician, employee_id, CaseForm(first_day=first))
    with pytest.raises(ValidationErrors) as refused:
        medical_entries.add_entry(physician, employee_id, EntryKind.OPEN_CONSULTATION,
                                  {"occasion": "preventive", "s": "x"}, case_id=case.id)
    assert "case_id" in refused.value.errors


def test_an_open_consultation_needs_its_occasion(physician):
    employee_id = _without_case(physician)
    with pytest.raises(ValidationErrors) as refused:
        _open(physician, employee_id, occasion="verzuim")
    assert refused.value.errors["occasion"].startswith("Aanleiding")


def test_a_case_manager_records_and_reads_no_open_consultation(practice):
    s = login_as(practice, CASEMANAGER)
    employee_id = employees.page(s, limit=1)[0].id
    with pytest.raises(PermissionDenied):
        _open(s, employee_id)
    with pytest.raises(PermissionDenied):
        medical_entries.list_entries(s, employee_id)
    s.close()


def test_an_assistant_records_no_open_consultation(practice):
    s = login_as(practice, ASSISTENT, unlock=True)
    employee_id = employees.page(s, limit=1)[0].id
    with pytest.raises(PermissionDenied):
        _open(s, employee_id)
    s.close()


def test_the_default_occasion_follows_the_cases_of_the_day(physician):
    employee_id = _without_case(physician)
    today = physician.today()
    assert open_consultations.default_occasion(physician, employee_id, today) == "own_question"


def test_the_default_occasion_is_the_absence_guidance_while_a_case_runs(physician):
    from desktop_app.storage import cases as cases_store

    employee_id = next(e.id for e in employees.page(physician, limit=200)
                       if any(c.is_open for c in cases_store.for_employee(physician.db, e.id)))
    assert open_consultations.default_occasion(physician, employee_id, physician.today()) == ""


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_the_open_consultation_is_in_the_portable_export(physician):
    from desktop_app.services.portability import _archive

    employee_id = _without_case(physician)
    _open(physician, employee_id)
    data = json.loads(zipfile.ZipFile(io.BytesIO(_archive(physician, employee_id))).read("data.json"))
    kept = [m for m in data["medical_entries"] if m["kind"] == "open_consultation"]
    assert kept[0]["body"]["s"] == SECRET


def test_the_open_consultation_is_in_the_dossier_copy(physician):
    employee_id = _without_case(physician)
    _open(physician, employee_id)
    text = " ".join(_pdf_text(documents.dossier_copy_pdf(physician, employee_id)).split())
    assert "burn-outklachten" in text


def test_the_open_consultation_never_reaches_the_employer_letters(physician):
    from desktop_app.domain.cases import FeedbackForm
    from desktop_app.services import activities

    employee_id = _without_case(physician)
    _open(physician, employee_id)
    fb = activities.add_feedback(physician, employee_id, FeedbackForm(
        assessed_on=(physician.today() - timedelta(days=1)).strftime("%d-%m-%Y"), fitness="fit",
        expected_duration="1-6w", limitations="", remaining_capacity="", advice="Hervatten"))
    activities.approve_feedback(physician, fb.id)
    text = _pdf_text(documents.feedback_letter_pdf(physician, fb.id))
    assert "burn-out" not in text
