"""Each kind of request leads to its own outcome, recorded; only then is it "afgehandeld"."""

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.services import (
    medical_entries,
    request_outcomes,
    requests,
    restrictions,
    statements,
)
from tests.helpers.practices import ASSISTENT, login_as


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


TODAY = nl(date.today())


@pytest.fixture
def employee(arts):
    from tests.helpers.dossiers import add_employee

    e = add_employee(arts, surname="Kowalski", given="Paweł")
    medical_entries.add_entry(arts, e.id, "consultation", {"s": "Knieklachten", "p": "MRI via huisarts",
                                                            "entry_date": TODAY})
    return e


def in_progress(arts, employee, kind):
    r = requests.receive(arts, employee.id, kind, TODAY)
    requests.identity_at_desk(arts, r.id, "passport", TODAY)
    return requests.start(arts, r.id)


def signed_off(arts, employee, kind):
    r = in_progress(arts, employee, kind)
    requests.ready_for_signoff(arts, r.id)
    return requests.sign_off(arts, r.id)


# --- inspection -------------------------------------------------------------------------------------


def test_an_inspection_is_done_once_it_is_recorded_as_held(arts, employee):
    r = signed_off(arts, employee, "inspection")
    done = request_outcomes.record_inspection(arts, r.id, TODAY, "P. Kowalski; dr. A. de Vries")
    assert done.state.value == "done"


def test_the_inspection_records_who_was_present_and_when(arts, employee):
    r = signed_off(arts, employee, "inspection")
    request_outcomes.record_inspection(arts, r.id, TODAY, "P. Kowalski; dr. A. de Vries")
    outcome = requests.outcome(arts, r.id)
    assert (outcome.kind.value, outcome.on_date, outcome.present) == (
        "inspected", date.today(), "P. Kowalski; dr. A. de Vries")


def test_an_inspection_is_not_held_before_the_physician_signs_off(arts, employee):
    r = in_progress(arts, employee, "inspection")
    with pytest.raises(ValidationError) as err:
        request_outcomes.record_inspection(arts, r.id, TODAY, "P. Kowalski")
    assert "akkoord van de bedrijfsarts" in err.value.message


def test_an_inspection_needs_who_was_present(arts, employee):
    r = signed_off(arts, employee, "inspection")
    with pytest.raises(ValidationError) as err:
        request_outcomes.record_inspection(arts, r.id, TODAY, "  ")
    assert err.value.field == "present"


# --- copy ---------------------------------------------------------------------------------------------


def test_the_copy_for_a_request_is_the_dossier_copy(arts, employee):
    r = signed_off(arts, employee, "copy")
    pdf = request_outcomes.make_copy(arts, r.id)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Knieklachten" in text


def test_a_copy_request_is_done_when_the_copy_is_handed_over(arts, employee):
    r = signed_off(arts, employee, "copy")
    request_outcomes.make_copy(arts, r.id)
    done = request_outcomes.hand_over_copy(arts, r.id, "handed", TODAY)
    assert (done.state.value, done.outcome_kind.value) == ("done", "copy_given")


def test_the_hand_over_of_the_copy_is_recorded(arts, employee):
    r = signed_off(arts, employee, "copy")
    request_outcomes.make_copy(arts, r.id)
    request_outcomes.hand_over_copy(arts, r.id, "post", TODAY)
    outcome = requests.outcome(arts, r.id)
    assert (outcome.method, outcome.made_at is not None) == ("post", True)


def test_no_copy_is_handed_over_that_was_not_made(arts, employee):
    r = signed_off(arts, employee, "copy")
    with pytest.raises(ValidationError) as err:
        request_outcomes.hand_over_copy(arts, r.id, "handed", TODAY)
    assert err.value.message == "Maak eerst het afschrift voor dit verzoek."


def test_no_copy_is_made_before_the_sign_off(arts, employee):
    r = in_progress(arts, employee, "copy")
    with pytest.raises(ValidationError):
        request_outcomes.make_copy(arts, r.id)


def test_an_assistant_makes_no_copy(bare_practice, arts, employee):
    r = signed_off(arts, employee, "copy")
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    try:
        with pytest.raises(PermissionDenied):
            request_outcomes.make_copy(assistant, r.id)
    finally:
        assistant.close()


# --- correction -----------------------------------------------------------------------------------


def test_a_correction_makes_a_new_version_of_the_entry(arts, employee):
    entry = medical_entries.list_entries(arts, employee.id)[0]
    r = in_progress(arts, employee, "correction")
    corrected = request_outcomes.correct(arts, r.id, entry.id, {"s": "Knieklachten links"}, TODAY, "kant verwisseld")
    assert corrected.version == 2


def test_the_old_version_stays_for_medical_staff(arts, employee):
    entry = medical_entries.list_entries(arts, employee.id)[0]
    r = in_progress(arts, employee, "correction")
    request_outcomes.correct(arts, r.id, entry.id, {"s": "Knieklachten links"}, TODAY, "kant verwisseld")
    assert medical_entries.entry_history(arts, entry.id)[0].body["s"] == "Knieklachten"


def test_the_correction_is_the_requests_outcome(arts, employee):
    entry = medical_entries.list_entries(arts, employee.id)[0]
    r = in_progress(arts, employee, "correction")
    request_outcomes.correct(arts, r.id, entry.id, {"s": "Knieklachten links"}, TODAY, "kant verwisseld")
    outcome = requests.outcome(arts, r.id)
    assert (outcome.kind.value, outcome.entry_id, outcome.version) == ("corrected", entry.id, 2)


def test_when_the_physician_disagrees_the_employees_statement_is_added(arts, employee):
    entry = medical_entries.list_entries(arts, employee.id)[0]
    r = in_progress(arts, employee, "correction")
    request_outcomes.disagree(arts, r.id, "Ik vind dat de klachten door het werk komen.", TODAY, entry.id)
    assert statements.list_statements(arts, employee.id)[0].statement == "Ik vind dat de klachten door het werk komen."


def test_the_statement_is_the_requests_outcome(arts, employee):
    r = in_progress(arts, employee, "correction")
    done = request_outcomes.disagree(arts, r.id, "Ik zie het anders.", TODAY)
    assert done.outcome_kind.value == "statement_added"


def test_an_entry_of_another_employee_is_not_corrected_on_this_request(arts, employee):
    from tests.helpers.dossiers import add_employee

    other = add_employee(arts, surname="Anders", given="Eva")
    foreign = medical_entries.add_entry(arts, other.id, "note", {"text": "Iets anders", "entry_date": TODAY})
    r = in_progress(arts, employee, "correction")
    with pytest.raises(ValidationError) as err:
        request_outcomes.correct(arts, r.id, foreign.id, {"text": "Gewijzigd"}, TODAY, "verzoek")
    assert err.value.field == "entry_id"


# --- objection -------------------------------------------------------------------------------------


def test_an_honoured_objection_records_what_stops(arts, employee):
    r = in_progress(arts, employee, "objection")
    request_outcomes.decide_objection(arts, r.id, True, "Geen gebruik meer van de gegevens voor het "
                                                        "verzuimonderzoek van de werkgever.")
    assert requests.outcome(arts, r.id).note.startswith("Geen gebruik meer")


def test_a_refused_objection_ends_refused_with_its_reasons(arts, employee):
    r = in_progress(arts, employee, "objection")
    done = request_outcomes.decide_objection(arts, r.id, False, "De verwerking is nodig voor de wettelijke "
                                                                "taak van de bedrijfsarts (Wet poortwachter).")
    assert (done.state.value, done.outcome_kind.value) == ("refused", "objection_refused")


def test_an_objection_needs_its_reasons(arts, employee):
    r = in_progress(arts, employee, "objection")
    with pytest.raises(ValidationError) as err:
        request_outcomes.decide_objection(arts, r.id, False, "")
    assert err.value.field == "objection_text"


def test_an_assistant_decides_no_objection(bare_practice, arts, employee):
    r = in_progress(arts, employee, "objection")
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    try:
        with pytest.raises(PermissionDenied):
            request_outcomes.decide_objection(assistant, r.id, True, "Stopt")
    finally:
        assistant.close()


# --- restriction --------------------------------------------------------------------------------


def test_a_restriction_request_starts_the_restriction(arts, employee):
    r = in_progress(arts, employee, "restriction")
    requests.restrict(arts, employee.id, "Geschil over de juistheid", r.id)
    assert restrictions.is_restricted(arts, employee.id)


def test_the_restriction_is_the_requests_outcome(arts, employee):
    r = in_progress(arts, employee, "restriction")
    requests.restrict(arts, employee.id, "Geschil over de juistheid", r.id)
    outcome = requests.outcome(arts, r.id)
    assert (outcome.kind.value, outcome.restriction_id == restrictions.running(arts, employee.id)[0].id) == (
        "restricted", True)


def test_a_restriction_at_the_employees_request_is_lifted_only_after_telling_the_employee(arts, employee):
    r = in_progress(arts, employee, "restriction")
    requests.restrict(arts, employee.id, "Geschil over de juistheid", r.id)
    with pytest.raises(ValidationError) as err:
        requests.lift_restriction(arts, employee.id, "Geschil opgelost")
    assert err.value.field == "employee_informed_on"


def test_lifting_records_when_the_employee_was_told(arts, employee):
    r = in_progress(arts, employee, "restriction")
    requests.restrict(arts, employee.id, "Geschil over de juistheid", r.id)
    requests.lift_restriction(arts, employee.id, "Geschil opgelost", nl(date.today() - timedelta(days=1)))
    assert not restrictions.is_restricted(arts, employee.id)
