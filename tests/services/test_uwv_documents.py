"""Issue 16, UWV documents: the problem analysis (functional part for employer and employee, the
medical part for the employee only), the physician's current assessment, and the sealed medical
information for UWV's insurance physician. Each made from the dossier, approved by a physician,
logged where it leaves, and done on the Poortwachter timeline."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from desktop_app.domain.cases import CaseForm, FeedbackForm
from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.domain.poortwachter import MilestoneCode, MilestoneState
from desktop_app.domain.uwv_documents import (
    CurrentOpinionForm,
    NotApproved,
    ProblemAnalysisForm,
    SealedForm,
)
from desktop_app.errors import PermissionDenied, ValidationError, ValidationErrors
from desktop_app.services import (
    activities,
    cases,
    employees,
    employers,
    medical_entries,
    releases,
    uwv_documents,
    uwv_sealed,
)
from desktop_app.services.authz import Refused
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as

TODAY = date.today()
MEDICAL = "Lumbale hernia L5-S1 met uitstraling; MRI gepland, fysiotherapie loopt"
FUNCTIONAL = "Niet tillen boven 5 kg, niet langer dan 30 minuten achtereen staan"


def nl(d: date) -> str:
    from desktop_app.domain.dates import nl_date

    return nl_date(d)


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def arts(practice):
    s = login_as(practice, ARTS, unlock=True)
    yield s
    s.close()


@pytest.fixture
def casemanager(practice):
    s = login_as(practice, CASEMANAGER)
    yield s
    s.close()


@pytest.fixture
def assistent(practice):
    s = login_as(practice, ASSISTENT, unlock=True)
    yield s
    s.close()


@pytest.fixture
def case(arts):
    employer = employers.create(arts, EmployerForm(name="Bouwbedrijf De Vries"))
    employee = employees.create(arts, EmployeeForm(employer_id=employer.id, surname="Yılmaz",
                                                   given_names="Ayşe", birth_date="02-03-1980"))
    return cases.open_case(arts, employee.id, CaseForm(first_day=nl(TODAY - timedelta(days=40))))


def analysis_form(**over) -> ProblemAnalysisForm:
    values = dict(assessed_on=nl(TODAY), fitness="partly_fit", limitations=FUNCTIONAL,
                  capacities="Zittend werk, halve dagen", expected_duration="6-12w",
                  prognosis="Naar verwachting over 8 weken volledig hervat",
                  advice="Start met aangepast werk, 4 uur per dag", adjustments="Sta-zitbureau", medical=MEDICAL)
    values.update(over)
    return ProblemAnalysisForm(**values)


def step(session, case_id: int, code: MilestoneCode):
    return next(m for m in cases.timeline(session, cases.get(session, case_id)) if m.code is code)


# --- the problem analysis -----------------------------------------------------------------------


def test_the_medical_part_goes_to_the_medical_section_and_not_the_practice_row(arts, case):
    doc = uwv_documents.make_problem_analysis(arts, case.employee_id, case.id, analysis_form())
    assert MEDICAL not in repr(doc.body)
    entry = medical_entries.get_entry(arts, doc.medical_entry_id)
    assert entry.kind is EntryKind.PROBLEM_ANALYSIS
    assert entry.body["text"] == MEDICAL
    assert entry.case_id == case.id


def test_an_unapproved_problem_analysis_does_not_leave(arts, case):
    doc = uwv_documents.make_problem_analysis(arts, case.employee_id, case.id, analysis_form())
    with pytest.raises(NotApproved):
        uwv_documents.employer_pdf(arts, doc.id)
    with pytest.raises(NotApproved):
        releases.release_uwv_document_to_employer(arts, doc.id, "post", handed_on=nl(TODAY))


def test_the_employer_gets_the_functional_part_and_the_employee_both(arts, case):
    doc = uwv_documents.make_problem_analysis(arts, case.employee_id, case.id, analysis_form())
    doc = uwv_documents.approve(arts, doc.id)
    employer = text_of(uwv_documents.employer_pdf(arts, doc.id))
    employee = text_of(uwv_documents.employee_pdf(arts, doc.id))
    assert FUNCTIONAL in employer
    assert "Sta-zitbureau" in employer
    for medical_word in ("Lumbale", "hernia", "MRI", "fysiotherapie", "Medisch deel"):
        assert medical_word not in employer
    assert FUNCTIONAL in employee
    assert MEDICAL in employee
    assert "Deel 2" in employee


def test_approval_marks_the_problem_analysis_done_on_the_timeline(arts, case):
    assert step(arts, case.id, MilestoneCode.PROBLEM_ANALYSIS).state is not MilestoneState.DONE
    doc = uwv_documents.make_problem_analysis(arts, case.employee_id, case.id,
                                              analysis_form(assessed_on=nl(TODAY - timedelta(days=2))))
    assert step(arts, case.id, MilestoneCode.PROBLEM_ANALYSIS).done is None  # made, not yet approved
    uwv_documents.approve(arts, doc.id)
    done = step(arts, case.id, MilestoneCode.PROBLEM_ANALYSIS)
    assert done.state is MilestoneState.DONE
    assert done.done == TODAY - timedelta(days=2)


def test_the_hand_over_logs_the_employer_and_the_employee_in_full(arts, casemanager, case):
    doc = uwv_documents.approve(arts, uwv_documents.make_problem_analysis(
        arts, case.employee_id, case.id, analysis_form()).id)
    to_employer, to_employee = releases.release_uwv_document_to_employer(casemanager, doc.id, "post",
                                                                         handed_on=nl(TODAY))
    assert to_employer.recipient_role == "employer"
    assert to_employer.recipient_name == "Bouwbedrijf De Vries"
    assert "functioneel" in to_employer.what
    assert to_employee.copy_of == to_employer.id
    assert "medisch deel" in to_employee.what
    assert not to_employer.medical
    assert uwv_documents.get(arts, doc.id).handed_release_id == to_employer.id
    with pytest.raises(ValidationError):  # a second press records no second hand-over
        releases.release_uwv_document_to_employer(casemanager, doc.id, "post", handed_on=nl(TODAY))


def test_the_fields_are_checked_and_named_in_dutch(arts, case):
    with pytest.raises(ValidationErrors) as refused:
        uwv_documents.make_problem_analysis(arts, case.employee_id, case.id, analysis_form(
            assessed_on=nl(TODAY + timedelta(days=1)), fitness="", advice="", medical="", limitations="x\x00"))
    assert set(refused.value.errors) == {"assessed_on", "fitness", "advice", "medical", "limitations"}
    assert refused.value.errors["medical"].startswith("Medisch deel")
    assert medical_entries.list_entries(arts, case.employee_id) == []  # nothing written


def test_a_date_before_the_first_sick_day_is_refused(arts, case):
    with pytest.raises(ValidationErrors) as refused:
        uwv_documents.make_problem_analysis(arts, case.employee_id, case.id, analysis_form(
            assessed_on=nl(case.first_day - timedelta(days=1))))
    assert "eerste ziektedag" in refused.value.errors["assessed_on"]


# --- who may ------------------------------------------------------------------------------------


def test_the_case_manager_is_refused_the_medical_and_sealed_documents(arts, casemanager, case):
    doc = uwv_documents.approve(arts, uwv_documents.make_problem_analysis(
        arts, case.employee_id, case.id, analysis_form()).id)
    for call in (lambda: uwv_documents.employee_pdf(casemanager, doc.id),
                 lambda: uwv_documents.make_problem_analysis(casemanager, case.employee_id, case.id, analysis_form()),
                 lambda: uwv_documents.opinion_facts(casemanager, case.employee_id, case.id),
                 lambda: uwv_sealed.choices(casemanager, case.employee_id),
                 lambda: uwv_sealed.sealed_pdf_for(casemanager, case.employee_id,
                                                   SealedForm(entry_ids=[doc.medical_entry_id])),
                 lambda: uwv_sealed.request_sealed(casemanager, case.employee_id,
                                                   SealedForm(entry_ids=[doc.medical_entry_id]), physician="arts")):
        with pytest.raises(Refused):
            call()
    # what the employer receives, the case manager may see and print
    assert FUNCTIONAL in text_of(uwv_documents.employer_pdf(casemanager, doc.id))
    assert [d.id for d in uwv_documents.for_employee(casemanager, case.employee_id)] == [doc.id]


def test_the_assistant_neither_makes_nor_approves_them(arts, assistent, case):
    with pytest.raises(Refused):
        uwv_documents.make_problem_analysis(assistent, case.employee_id, case.id, analysis_form())
    doc = uwv_documents.make_problem_analysis(arts, case.employee_id, case.id, analysis_form())
    with pytest.raises(Refused):
        uwv_documents.approve(assistent, doc.id)
    uwv_documents.approve(arts, doc.id)
    assert MEDICAL in text_of(uwv_documents.employee_pdf(assistent, doc.id))  # she prints the employee's copy


# --- the current assessment -----------------------------------------------------------------------


def test_the_current_assessment_is_made_from_the_dossier_and_marks_its_step(arts, case):
    fb = activities.add_feedback(arts, case.employee_id, FeedbackForm(
        assessed_on=nl(TODAY), fitness="partly_fit", limitations="Geen knielend werk", advice="Aangepast werk"),
        case.id)
    activities.approve_feedback(arts, fb.id)
    medical_entries.add_entry(arts, case.employee_id, "fml", {"fml_tillen": "sterk_beperkt",
                                                              "fml_tillen_note": "door de hernia"})
    doc = uwv_documents.make_current_opinion(arts, case.employee_id, case.id, CurrentOpinionForm(
        assessed_on=nl(TODAY), fitness="partly_fit", opinion="Benutbare mogelijkheden voor licht werk",
        prognosis="Geen verdere verbetering verwacht", reintegration="Voldoende inspanningen"))
    assert step(arts, case.id, MilestoneCode.CURRENT_OPINION).done is None
    uwv_documents.approve(arts, doc.id)
    assert step(arts, case.id, MilestoneCode.CURRENT_OPINION).state is MilestoneState.DONE
    text = text_of(uwv_documents.employer_pdf(arts, doc.id))
    for shown in ("Benutbare mogelijkheden voor licht werk", "Geen knielend werk", "Tillen of dragen — sterk beperkt",
                  nl(case.first_day)):
        assert shown in text
    assert "hernia" not in text  # the FML's explanation stays in the medical section
    # kept as made: a later feedback does not change the approved document
    later = activities.add_feedback(arts, case.employee_id, FeedbackForm(
        assessed_on=nl(TODAY), fitness="fit", advice="Volledig hervatten"), case.id)
    activities.approve_feedback(arts, later.id)
    assert "Volledig hervatten" not in text_of(uwv_documents.employer_pdf(arts, doc.id))


# --- the sealed information for UWV's insurance physician -----------------------------------------


def test_the_sealed_information_is_a_legal_release_with_its_cover(arts, case):
    doc = uwv_documents.make_problem_analysis(arts, case.employee_id, case.id, analysis_form())
    chosen = [c.entry_id for c in uwv_sealed.choices(arts, case.employee_id) if c.chosen]
    assert chosen == [doc.medical_entry_id]
    release = uwv_sealed.request_sealed(arts, case.employee_id, SealedForm(
        basis="uwv_wia", entry_ids=chosen, note="Graag contact bij vragen"), physician="arts")
    assert release.legal_basis.value == "uwv_wia"
    assert release.state.undecided  # reviewed by a physician before it leaves
    assert "hernia" not in release.what.lower()  # the practice section holds no medical wording
    kept = text_of(releases.document(arts, release.id).data)
    for shown in ("MEDISCH GEHEIM", "Voor de verzekeringsarts van UWV", "gesloten envelop",
                  "Niet via de werkgever", MEDICAL, "Graag contact bij vragen"):
        assert shown in kept


def test_the_sealed_information_goes_through_the_employee_never_the_employer(arts, case):
    doc = uwv_documents.make_problem_analysis(arts, case.employee_id, case.id, analysis_form())
    release = uwv_sealed.request_sealed(arts, case.employee_id, SealedForm(entry_ids=[doc.medical_entry_id]),
                                        physician="arts")
    with pytest.raises(PermissionDenied):
        uwv_sealed.hand_over_sealed(arts, release.id, handed_on=nl(TODAY))  # not yet approved
    releases.approve(arts, release.id)
    with pytest.raises(PermissionDenied):  # recorded as handed to the employer: refused
        releases.mark_released(arts, release.id, "handed", handed_on=nl(TODAY), handed_to="Bouwbedrijf De Vries")
    for spelled in ("bouwbedrijf de vries B.V.", "  BOUWBEDRIJF   DE VRIES, afd. P&O"):
        with pytest.raises(PermissionDenied):  # however spelled
            releases.mark_released(arts, release.id, "to_employee", handed_on=nl(TODAY), handed_to=spelled)
    with pytest.raises(ValidationError) as caught:  # by post, past the employee: refused at the method
        releases.mark_released(arts, release.id, "post", handed_on=nl(TODAY), handed_to="UWV Utrecht")
    assert "via de werknemer" in caught.value.message
    done = uwv_sealed.hand_over_sealed(arts, release.id, handed_on=nl(TODAY))
    assert done.method == "to_employee"
    assert done.handed_to == employees.open_dossier(arts, case.employee_id).display_name


def test_the_sealed_form_is_checked(arts, case):
    with pytest.raises(ValidationErrors) as refused:
        uwv_sealed.sealed_pdf_for(arts, case.employee_id, SealedForm(basis="ncvb", recipient_name="",
                                                                     entry_ids=[], note="\x00"))
    assert set(refused.value.errors) == {"basis", "recipient_name", "entry_ids", "note"}
    with pytest.raises(ValidationErrors) as other:  # an entry of someone else
        uwv_sealed.sealed_pdf_for(arts, case.employee_id, SealedForm(entry_ids=[999999]))
    assert "entry_ids" in other.value.errors


def test_a_problem_analysis_the_practice_section_cannot_record_leaves_no_medical_part_behind(arts, case,
                                                                                            monkeypatch):
    """The medical part goes into medical.db before the functional part into practice.db; the two
    files share no transaction. When the practice write fails (the disk full as the document row
    goes in), the medical part is taken back, so no problem-analysis entry stays in the medical
    list without its document, and the user sees the disk's own error."""
    from desktop_app.errors import DiskFull
    from desktop_app.storage import uwv_documents as store

    before = [e.id for e in medical_entries.list_entries(arts, case.employee_id)]

    def full(*_a, **_k):
        raise DiskFull(detail="practice.db: database or disk is full")

    monkeypatch.setattr(store, "insert", full)
    with pytest.raises(DiskFull):
        uwv_documents.make_problem_analysis(arts, case.employee_id, case.id, analysis_form())
    assert [e.id for e in medical_entries.list_entries(arts, case.employee_id)] == before
    assert uwv_documents.for_employee(arts, case.employee_id) == []


@pytest.mark.parametrize(("surname", "typed"), [
    ("Jansen", "P. Jansen"), ("Jansen", "Jansen, P."), ("Jansen", "mevr. P. Jansen"),
    ("van der Berg", "v.d. Berg"), ("Jansen-de Vries", "A. de Vries"), ("Çelik", "Celik"),
    ("O'Brien", ""), ("Baas", ""),
])
def test_the_envelope_is_recorded_as_given_to_the_employee_however_their_name_is_written(arts, surname, typed):
    """The employee's own name passes in the spellings a desk uses; empty means the employee."""
    from desktop_app.domain.dossier import EmployeeForm, EmployerForm
    from desktop_app.domain.releases import Method

    employer = employers.create(arts, EmployerForm(name="Schoonmaakbedrijf Glans B.V."))
    e = employees.create(arts, EmployeeForm(employer_id=employer.id, surname=surname, given_names="Piet"))
    entry = medical_entries.add_entry(arts, e.id, EntryKind.NOTE, {"text": "Hernia L5-S1"})
    sealed = uwv_sealed.request_sealed(arts, e.id, SealedForm(entry_ids=[entry.id]), physician="arts")
    releases.approve(arts, sealed.id)
    done = releases.mark_released(arts, sealed.id, "to_employee", handed_to=typed)
    assert done.method == Method.TO_EMPLOYEE.value
