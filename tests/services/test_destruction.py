"""Destruction on the employee's request: the program finds what the practice recorded (holds,
exposure registrations, a running restriction, the fiscal duty), shows it, and refuses or asks
for a recorded reason; only what the request covers and the law allows goes."""

from datetime import date, timedelta

import pytest

from desktop_app.domain.retention import Category
from desktop_app.errors import ValidationError
from desktop_app.services import attachments, destruction, medical_entries, requests, retention
from tests.helpers.retention_practice import in_pages, nl, populate, snapshot, years

T = date.today()


def _on(monkeypatch, session, day):
    monkeypatch.setattr(session, "today", lambda: day)


def _in_progress(arts, employee_id):
    day = arts.today()
    r = requests.receive(arts, employee_id, "destruction", nl(day))
    requests.check_identity(arts, r.id, photo_blacked=True, mrz_blacked=True, number_blacked=True, bsn_blacked=True)
    return requests.start(arts, r.id)


@pytest.fixture
def plain_person(arts):
    """Medical records, no exposure."""
    return populate(arts, today=T)


@pytest.fixture
def exposed(arts):
    return populate(arts, today=T, exposure_end=years(T, -2), surname="Nowak", seed=2)


def test_medical_records_go_on_request_within_their_term_and_leave_no_page(arts, plain_person):
    r = _in_progress(arts, plain_person.employee_id)
    destruction.destroy_on_request(arts, r.id, ["medical"])
    assert medical_entries.list_entries(arts, plain_person.employee_id) == []
    assert attachments.list_attachments(arts, plain_person.employee_id) == []
    assert not in_pages(arts, plain_person.markers["medical"])


def test_a_destruction_on_request_has_its_register_line(arts, plain_person):
    r = _in_progress(arts, plain_person.employee_id)
    destruction.destroy_on_request(arts, r.id, ["medical"])
    (line,) = destruction.register(arts, plain_person.employee_id)
    assert (line.request_id, line.category) == (r.id, "medical")
    assert "medical_entries: 1" in line.categories
    assert plain_person.markers["medical"] not in repr(line)


def test_the_request_is_closed_with_what_was_destroyed(arts, plain_person):
    r = _in_progress(arts, plain_person.employee_id)
    done = destruction.destroy_on_request(arts, r.id, ["medical"])
    assert (done.state.value, done.outcome) == ("done", "vernietigd: Medisch dossier")


def test_an_exposure_registration_is_found_and_shown(arts, exposed):
    r = _in_progress(arts, exposed.employee_id)
    verdict = destruction.review(arts, r.id).verdict(Category.MEDICAL)
    assert not verdict.allowed
    assert [g.source for g in verdict.grounds] == ["Arbobesluit art. 4.10c"]


def test_an_exposure_registration_keeps_the_medical_dossier_to_the_byte(arts, exposed):
    before = snapshot(arts, exposed.employee_id)["medical"]
    r = _in_progress(arts, exposed.employee_id)
    refused = destruction.destroy_on_request(arts, r.id, ["medical"])
    assert refused.state.value == "refused"
    assert snapshot(arts, exposed.employee_id)["medical"] == before


def test_the_identity_stays_while_the_exposed_medical_dossier_stays(arts, exposed):
    r = _in_progress(arts, exposed.employee_id)
    verdict = destruction.review(arts, r.id).verdict(Category.IDENTITY)
    assert not verdict.allowed
    assert any("medisch dossier" in g.text for g in verdict.grounds)


def test_payroll_data_within_seven_years_is_not_destroyed_on_request(arts, plain_person):
    before = snapshot(arts, plain_person.employee_id)["payroll"]
    r = _in_progress(arts, plain_person.employee_id)
    destruction.destroy_on_request(arts, r.id, ["payroll", "medical"])
    assert snapshot(arts, plain_person.employee_id)["payroll"] == before


def test_only_what_the_request_covers_is_destroyed(arts, plain_person):
    before = snapshot(arts, plain_person.employee_id)
    r = _in_progress(arts, plain_person.employee_id)
    destruction.destroy_on_request(arts, r.id, ["personal"])
    after = snapshot(arts, plain_person.employee_id)
    for category in ("payroll", "trajectory", "medical", "identity"):
        assert after[category] == before[category], category


def test_the_request_itself_stays_with_its_outcome_after_personal_data_went(arts, plain_person):
    r = _in_progress(arts, plain_person.employee_id)
    destruction.destroy_on_request(arts, r.id, ["personal"])
    assert [x.id for x in requests.for_employee(arts, plain_person.employee_id)] == [r.id]


def _keep(arts, monkeypatch, person, reason):
    """At the personal data's term the practice decided to keep them; later the employee asks."""
    day = years(person.employment_end, 5)
    _on(monkeypatch, arts, day)
    retention.decide(arts, person.employee_id, "personal", "keep", reason=reason,
                     review_on=nl(day + timedelta(days=365)))
    _on(monkeypatch, arts, day + timedelta(days=30))
    return _in_progress(arts, person.employee_id)


def test_a_hold_for_proceedings_asks_for_a_recorded_reason(arts, plain_person, monkeypatch):
    r = _keep(arts, monkeypatch, plain_person, "proceedings")
    with pytest.raises(ValidationError) as err:
        destruction.destroy_on_request(arts, r.id, ["personal"])
    assert err.value.field == "reason"
    assert "bewaren wegens procedure" in err.value.message


def test_a_hold_for_proceedings_gives_way_to_a_recorded_reason(arts, plain_person, monkeypatch):
    r = _keep(arts, monkeypatch, plain_person, "proceedings")
    destruction.destroy_on_request(arts, r.id, ["personal"], reason="Procedure geschikt; werknemer akkoord")
    decision = next(d for d in arts.db.query("SELECT category, note, request_id FROM retention_decisions "
                                              "WHERE request_id = ?", (r.id,)))
    assert decision == ("personal", "Procedure geschikt; werknemer akkoord", r.id)


def test_a_hold_for_a_legal_duty_refuses(arts, plain_person, monkeypatch):
    r = _keep(arts, monkeypatch, plain_person, "legal_duty")
    refused = destruction.destroy_on_request(arts, r.id, ["personal"], reason="toch graag")
    assert refused.state.value == "refused"
    assert in_pages(arts, plain_person.markers["personal"])


def test_a_running_restriction_asks_for_a_recorded_reason(arts, plain_person):
    requests.restrict(arts, plain_person.employee_id, "geschil over de juistheid van het verslag")
    r = _in_progress(arts, plain_person.employee_id)
    with pytest.raises(ValidationError) as err:
        destruction.destroy_on_request(arts, r.id, ["medical"])
    assert "beperkt sinds" in err.value.message


def test_a_weighty_interest_of_someone_else_refuses_the_medical_dossier(arts, plain_person):
    before = snapshot(arts, plain_person.employee_id)["medical"]
    r = _in_progress(arts, plain_person.employee_id)
    destruction.destroy_on_request(arts, r.id, ["medical"], others_interest="erfelijke aandoening in de familie")
    assert snapshot(arts, plain_person.employee_id)["medical"] == before


def test_a_request_not_in_progress_destroys_nothing(arts, plain_person):
    r = requests.receive(arts, plain_person.employee_id, "destruction", nl(T))
    with pytest.raises(ValidationError):
        destruction.destroy_on_request(arts, r.id, ["medical"])
