"""The steps every request shares, as a practice takes them: identity (a masked copy or the ID
shown at the desk), a representative within a signed, dated, scoped authorisation, the extension,
the physician's sign-off, and the list of steps the core offers each user."""

from datetime import date, timedelta

import pytest

from desktop_app.domain.request_steps import Step
from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.services import requests
from desktop_app.services.demo_medical import _tiny_png
from tests.helpers.practices import ASSISTENT, CASEMANAGER, login_as

PNG = _tiny_png()


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


TODAY = nl(date.today())


def masked(session, request_id):
    return requests.check_identity(session, request_id, photo_blacked=True, mrz_blacked=True,
                                   number_blacked=True, bsn_blacked=True)


def representative(arts, employee, kind="inspection", **kw):
    values = dict(requester_kind="representative", requester_name="M. Kowalska", representative_relation="partner",
                  authorisation_scope="Inzage in het hele dossier en een afschrift",
                  authorisation_kinds=["inspection", "copy"], authorisation_signed_on=TODAY,
                  authorisation_valid_until=nl(date.today() + timedelta(days=60)), authorisation_document=PNG)
    values.update(kw)
    received = values.pop("received_on", TODAY)
    return requests.receive(arts, employee.id, kind, received, **values)


# --- identity ---------------------------------------------------------------------------------------


def test_the_id_shown_at_the_desk_is_an_identity_check(arts, employee):
    r = requests.receive(arts, employee.id, "inspection", TODAY)
    checked = requests.identity_at_desk(arts, r.id, "passport", TODAY)
    assert checked.state.value == "identity_checked"


def test_the_desk_check_records_who_which_document_and_when(arts, employee):
    r = requests.receive(arts, employee.id, "inspection", TODAY)
    checked = requests.identity_at_desk(arts, r.id, "driving_licence", TODAY)
    assert (checked.identity_method, checked.identity_document, checked.identity_checked_by,
            checked.identity_checked_on) == ("desk", "driving_licence", arts.user.id, date.today())


def test_nothing_is_copied_when_the_id_is_shown_at_the_desk(arts, employee):
    r = requests.receive(arts, employee.id, "inspection", TODAY)
    requests.identity_at_desk(arts, r.id, "id_card", TODAY)
    assert arts.db.scalar("SELECT id_copy FROM requests WHERE id = ?", (r.id,)) is None


def test_the_desk_check_needs_a_kind_of_document(arts, employee):
    r = requests.receive(arts, employee.id, "inspection", TODAY)
    with pytest.raises(ValidationError) as err:
        requests.identity_at_desk(arts, r.id, "library_card", TODAY)
    assert err.value.field == "identity_document"


def test_the_desk_check_cannot_lie_in_the_future(arts, employee):
    r = requests.receive(arts, employee.id, "inspection", TODAY)
    with pytest.raises(ValidationError) as err:
        requests.identity_at_desk(arts, r.id, "passport", nl(date.today() + timedelta(days=1)))
    assert err.value.message == "Gecontroleerd op: ligt in de toekomst."


def test_an_id_copy_without_the_bsn_blacked_out_is_refused(arts, employee):
    r = requests.receive(arts, employee.id, "copy", TODAY)
    with pytest.raises(ValidationError) as err:
        requests.check_identity(arts, r.id, photo_blacked=True, mrz_blacked=True, number_blacked=True,
                                bsn_blacked=False)
    assert "BSN" in err.value.message


# --- a representative -------------------------------------------------------------------------------


def test_a_representative_is_recorded_with_the_scope_of_the_authorisation(arts, employee):
    r = representative(arts, employee)
    assert (r.requester_name, r.authorisation.relation, r.authorisation.scope) == (
        "M. Kowalska", "partner", "Inzage in het hele dossier en een afschrift")


def test_a_representative_needs_the_signed_authorisation_itself(arts, employee):
    with pytest.raises(ValidationError) as err:
        representative(arts, employee, authorisation_document=None)
    assert err.value.field == "authorisation_document"


def test_an_authorisation_out_of_date_is_refused_with_the_reason(arts, employee):
    with pytest.raises(ValidationError) as err:
        representative(arts, employee, authorisation_signed_on=nl(date.today() - timedelta(days=400)),
                       authorisation_valid_until=nl(date.today() - timedelta(days=35)))
    assert err.value.message.startswith("Machtiging verlopen: geldig tot")


def test_an_authorisation_for_inspection_does_not_carry_a_correction(arts, employee):
    with pytest.raises(ValidationError) as err:
        representative(arts, employee, kind="correction")
    assert err.value.field == "authorisation_kinds"


def test_an_authorisation_signed_after_the_request_is_refused(arts, employee):
    with pytest.raises(ValidationError) as err:
        representative(arts, employee, received_on=nl(date.today() - timedelta(days=5)))
    assert err.value.field == "authorisation_signed_on"


def test_an_authorisation_that_runs_out_stops_the_request_at_the_next_step(arts, employee):
    r = representative(arts, employee, received_on=nl(date.today() - timedelta(days=20)),
                       authorisation_signed_on=nl(date.today() - timedelta(days=25)),
                       authorisation_valid_until=nl(date.today() - timedelta(days=2)))
    with pytest.raises(ValidationError) as err:
        masked(arts, r.id)
    assert err.value.field == "authorisation_valid_until"


# --- extension ---------------------------------------------------------------------------------------


def test_an_extension_reason_with_a_lone_surrogate_gets_a_dutch_message_at_the_field(arts, employee):
    received = date.today() - timedelta(days=5)
    r = requests.receive(arts, employee.id, "copy", nl(received))
    with pytest.raises(ValidationError) as err:
        requests.extend(arts, r.id, nl(received + timedelta(days=50)), "Veel bijlagen \ud800", TODAY)
    assert (err.value.field, "ongeldig teken" in err.value.message) == ("extension_reason", True)


def test_a_refused_extension_leaves_the_deadline_as_it_was(arts, employee):
    received = date.today() - timedelta(days=5)
    r = requests.receive(arts, employee.id, "copy", nl(received))
    with pytest.raises(ValidationError):
        requests.extend(arts, r.id, nl(received + timedelta(days=50)), "\x00", TODAY)
    assert requests.get(arts, r.id).due == received + timedelta(days=28)


# --- the physician's sign-off no longer closes the request -----------------------------------------


def _signed_off(arts, employee, kind):
    r = requests.receive(arts, employee.id, kind, TODAY)
    masked(arts, r.id)
    requests.start(arts, r.id)
    requests.ready_for_signoff(arts, r.id)
    return requests.sign_off(arts, r.id)


def test_a_signed_off_copy_request_is_not_yet_done(arts, employee):
    assert _signed_off(arts, employee, "copy").state.value == "signed_off"


def test_an_assistant_cannot_sign_off(bare_practice, arts, employee):
    r = requests.receive(arts, employee.id, "copy", TODAY)
    masked(arts, r.id)
    requests.start(arts, r.id)
    requests.ready_for_signoff(arts, r.id)
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    try:
        with pytest.raises(PermissionDenied):
            requests.sign_off(assistant, r.id)
    finally:
        assistant.close()


def test_only_a_destruction_request_is_closed_by_words_alone(arts, employee):
    r = requests.receive(arts, employee.id, "objection", TODAY)
    masked(arts, r.id)
    requests.start(arts, r.id)
    with pytest.raises(ValidationError) as err:
        requests.close(arts, r.id, "afgehandeld")
    assert "Uitvoeren" in err.value.message


# --- the steps the core offers ------------------------------------------------------------------------


def test_a_new_request_offers_the_identity_check_first(arts, employee):
    r = requests.receive(arts, employee.id, "copy", TODAY)
    assert requests.steps(arts, r.id)[0] is Step.IDENTITY


def test_a_copy_in_progress_offers_the_sign_off_route_not_the_outcome(arts, employee):
    r = requests.receive(arts, employee.id, "copy", TODAY)
    masked(arts, r.id)
    requests.start(arts, r.id)
    offered = requests.steps(arts, r.id)
    assert (Step.READY in offered, Step.PERFORM in offered) == (True, False)


def test_the_physician_is_offered_the_sign_off(arts, employee):
    r = requests.receive(arts, employee.id, "copy", TODAY)
    masked(arts, r.id)
    requests.start(arts, r.id)
    requests.ready_for_signoff(arts, r.id)
    assert Step.SIGN_OFF in requests.steps(arts, r.id)


def test_the_assistant_is_not_offered_the_sign_off(bare_practice, arts, employee):
    r = requests.receive(arts, employee.id, "copy", TODAY)
    masked(arts, r.id)
    requests.start(arts, r.id)
    requests.ready_for_signoff(arts, r.id)
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    try:
        assert Step.SIGN_OFF not in requests.steps(assistant, r.id)
    finally:
        assistant.close()


def test_a_case_manager_is_not_offered_to_carry_out_a_correction(bare_practice, arts, employee):
    r = requests.receive(arts, employee.id, "correction", TODAY)
    masked(arts, r.id)
    requests.start(arts, r.id)
    casemanager = login_as(bare_practice, CASEMANAGER)
    try:
        assert Step.PERFORM not in requests.steps(casemanager, r.id)
    finally:
        casemanager.close()


def test_the_physician_is_offered_to_carry_out_a_correction(arts, employee):
    r = requests.receive(arts, employee.id, "correction", TODAY)
    masked(arts, r.id)
    requests.start(arts, r.id)
    assert Step.PERFORM in requests.steps(arts, r.id)


def test_a_signed_off_copy_offers_the_outcome(arts, employee):
    r = _signed_off(arts, employee, "copy")
    assert Step.PERFORM in requests.steps(arts, r.id)


def test_a_finished_request_offers_no_refusal(arts, employee):
    r = requests.receive(arts, employee.id, "objection", TODAY)
    requests.refuse(arts, r.id, "Het verzoek is ingetrokken door de werknemer.")
    assert Step.REFUSE not in requests.steps(arts, r.id)


def test_anonymising_clears_the_words_of_the_requests_but_keeps_their_kind_and_dates(arts, employee):
    from desktop_app.storage import requests as store

    r = representative(arts, employee)
    requests.refuse(arts, r.id, "Ingetrokken door M. Kowalska")
    with arts.db.transaction():
        store.clear_personal(arts.db, employee.id)
    cleared = requests.get(arts, r.id)
    assert (cleared.requester_name, cleared.outcome, cleared.kind.value, cleared.received_on) == (
        "", "", "inspection", date.today())
