"""Examinations (keuringen): the findings stay in the medical section; the letter carries only the
outcome, "geschikt" or "niet geschikt"; the employee has it first and decides; each hand-over is
logged as a release and shows in the employee's access-log extract."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from desktop_app.domain.dossier import EmployeeForm
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.errors import Conflict, PermissionDenied, ValidationErrors
from desktop_app.services import employees, employers, examinations, medical_entries, releases
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as

FINDINGS = "Visus rechts 0,3 en kleurzienblindheid Ishihara 6 van 14"


@pytest.fixture
def physician(practice):
    s = login_as(practice, ARTS, unlock=True)
    yield s
    s.close()


def _examined(session, outcome="unfit") -> tuple[int, int]:
    employer = employers.list_all(session)[0]
    e = employees.create(session, EmployeeForm(surname="Keurling", given_names="Bo", employer_id=str(employer.id),
                                               birth_date="03-04-1999", job_title="Heftruckchauffeur"))
    entry = medical_entries.add_entry(session, e.id, EntryKind.EXAMINATION, {
        "examination": "pre_employment", "findings": FINDINGS, "outcome": outcome})
    return e.id, entry.id


def _text(pdf: bytes) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.mark.parametrize("recipient", ["employee", "employer"])
def test_the_letter_holds_the_outcome_and_none_of_the_findings(physician, recipient):
    _e, entry_id = _examined(physician)
    text = _text(examinations.outcome_pdf(physician, entry_id, recipient))
    assert "niet geschikt" in text
    assert "Aanstellingskeuring" in text
    for word in ("Visus", "Ishihara", "kleurzienblindheid", "0,3"):
        assert word not in text


def test_the_outcome_is_one_of_exactly_two(physician):
    employer = employers.list_all(physician)[0]
    e = employees.create(physician, EmployeeForm(surname="Drie", employer_id=str(employer.id)))
    with pytest.raises(ValidationErrors) as refused:
        medical_entries.add_entry(physician, e.id, EntryKind.EXAMINATION, {
            "examination": "periodic", "findings": "x", "outcome": "fit_with_limitations"})
    assert refused.value.errors["outcome"] == "Uitslag: kies geschikt of niet geschikt."


def test_the_employer_gets_nothing_before_the_employee(physician):
    _e, entry_id = _examined(physician)
    with pytest.raises(Conflict) as refused:
        examinations.release_outcome_to_employer(physician, entry_id, "post", employee_agreed=True)
    assert "eerst" in refused.value.message
    assert examinations.outcome_status(physician, entry_id).to_employer_on is None


def test_the_employee_decides_whether_the_employer_gets_it(physician):
    _e, entry_id = _examined(physician)
    examinations.give_outcome_to_employee(physician, entry_id, "handed")
    with pytest.raises(ValidationErrors) as refused:
        examinations.release_outcome_to_employer(physician, entry_id, "post")
    assert "employee_agreed" in refused.value.errors


def test_both_hand_overs_are_logged_as_releases_and_in_the_extract(physician):
    employee_id, entry_id = _examined(physician, outcome="fit")
    examinations.give_outcome_to_employee(physician, entry_id, "handed")
    examinations.release_outcome_to_employer(physician, entry_id, "secure_mail", employee_agreed=True)
    status = examinations.outcome_status(physician, entry_id)
    assert status.to_employer_on == physician.today()
    lines = releases.log_lines(physician, employee_id)
    assert [line[1] for line in lines] == [f"Uitslag aanstellingskeuring van {physician.today():%d-%m-%Y}: geschikt"] * 2
    assert not any(FINDINGS[:5] in " ".join(line) for line in lines)


def test_the_employer_gets_it_once(physician):
    _e, entry_id = _examined(physician)
    examinations.give_outcome_to_employee(physician, entry_id, "handed")
    examinations.release_outcome_to_employer(physician, entry_id, "post", employee_agreed=True)
    with pytest.raises(Conflict):
        examinations.release_outcome_to_employer(physician, entry_id, "post", employee_agreed=True)


def test_a_hand_over_before_the_employee_had_it_is_refused(physician):
    _e, entry_id = _examined(physician)
    examinations.give_outcome_to_employee(physician, entry_id, "handed")
    earlier = (physician.today() - timedelta(days=1)).strftime("%d-%m-%Y")
    with pytest.raises(ValidationErrors) as refused:
        examinations.release_outcome_to_employer(physician, entry_id, "post", handed_on=earlier,
                                                 employee_agreed=True)
    assert "handed_on" in refused.value.errors


def test_a_case_manager_neither_reads_nor_hands_over_an_outcome(practice, physician):
    _e, entry_id = _examined(physician)
    s = login_as(practice, CASEMANAGER)
    with pytest.raises(PermissionDenied):
        examinations.outcome_pdf(s, entry_id, "employer")
    with pytest.raises(PermissionDenied):
        examinations.give_outcome_to_employee(s, entry_id, "handed")
    s.close()


def test_an_assistant_hands_over_but_records_no_examination(practice, physician):
    employee_id, entry_id = _examined(physician)
    s = login_as(practice, ASSISTENT, unlock=True)
    with pytest.raises(PermissionDenied):
        medical_entries.add_entry(s, employee_id, EntryKind.EXAMINATION, {
            "examination": "periodic", "findings": "x", "outcome": "fit"})
    assert examinations.give_outcome_to_employee(s, entry_id, "handed") > 0
    s.close()
