"""AVG art. 19: after a correction, erasure or restriction, the recipients of earlier releases are
listed from the release log, each gets a letter, and that it was sent (or why not) is recorded."""

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from desktop_app.domain.cases import FeedbackForm
from desktop_app.errors import ValidationError
from desktop_app.services import (
    activities,
    consents,
    destruction,
    medical_entries,
    notices,
    releases,
    request_outcomes,
    requests,
    settings,
)
from desktop_app.services.demo_medical import _tiny_png

PNG = _tiny_png()


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


TODAY = nl(date.today())


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def employee(arts):
    from tests.helpers.dossiers import add_employee

    e = add_employee(arts, surname="Kowalski", given="Paweł")
    medical_entries.add_entry(arts, e.id, "consultation", {"s": "Knieklachten", "entry_date": TODAY})
    return e


@pytest.fixture
def released(arts, employee):
    """A medical release to a specialist and feedback to the employer (with the employee's copy)."""
    consent = consents.record(arts, employee.id, consents.ConsentForm(
        physician="arts", recipient_name="dr. P. Jansen", recipient_organisation="Ziekenhuis Oost",
        recipient_role="specialist", data_scope="Consultverslagen over de knieklachten", purpose="Behandeling",
        given_on=TODAY, valid_until=nl(date.today() + timedelta(days=60))), signature_png=PNG)
    release = releases.request_release(arts, employee.id, consent.id, recipient_name="dr. P. Jansen",
                                       recipient_role="specialist", what="Consultverslag knie", purpose="behandeling")
    releases.approve(arts, release.id)
    releases.mark_released(arts, release.id, "post")
    fb = activities.add_feedback(arts, employee.id, FeedbackForm(assessed_on=TODAY, fitness="fit", advice="Hervatten"))
    activities.approve_feedback(arts, fb.id)
    releases.release_feedback_to_employer(arts, fb.id, "post")
    return release


def corrected(arts, employee):
    r = requests.receive(arts, employee.id, "correction", TODAY)
    requests.identity_at_desk(arts, r.id, "passport", TODAY)
    requests.start(arts, r.id)
    entry = medical_entries.list_entries(arts, employee.id)[0]
    request_outcomes.correct(arts, r.id, entry.id, {"s": "Knieklachten links"}, TODAY, "kant verwisseld")
    return r


def test_after_a_correction_the_recipients_of_earlier_releases_are_listed(arts, employee, released):
    r = corrected(arts, employee)
    change = notices.for_request(arts, r.id)
    assert sorted(x.name for x in change.recipients) == ["Testwerkgever B.V.", "dr. P. Jansen"]


def test_the_employees_own_copy_is_not_a_recipient_to_tell(arts, employee, released):
    r = corrected(arts, employee)
    assert "Paweł Kowalski" not in [x.name for x in notices.for_request(arts, r.id).recipients]


def test_a_release_after_the_change_is_not_listed(arts, employee, released):
    r = corrected(arts, employee)
    fb = activities.add_feedback(arts, employee.id, FeedbackForm(assessed_on=TODAY, fitness="fit", advice="Later"))
    activities.approve_feedback(arts, fb.id)
    releases.release_feedback_to_employer(arts, fb.id, "handed")
    assert len(notices.for_request(arts, r.id).recipients) == 2


def test_every_recipient_is_open_until_told(arts, employee, released):
    r = corrected(arts, employee)
    assert notices.for_request(arts, r.id).open_count == 2


def test_the_letter_tells_the_recipient_what_happened_to_what_it_received(arts, employee, released):
    r = corrected(arts, employee)
    change = notices.for_request(arts, r.id)
    text = text_of(notices.letter_pdf(arts, change.id, released.id))
    assert ("dr. P. Jansen" in text, "Consultverslag knie" in text, "gecorrigeerd" in text) == (True, True, True)


def test_the_letter_never_holds_the_new_content(arts, employee, released):
    r = corrected(arts, employee)
    change = notices.for_request(arts, r.id)
    assert "links" not in text_of(notices.letter_pdf(arts, change.id, released.id))


def test_the_letter_shows_the_fg(arts, employee, released):
    settings.update(arts, {"dpo_name": "mr. J. Smit", "dpo_email": "fg@delinde.example"})
    r = corrected(arts, employee)
    change = notices.for_request(arts, r.id)
    assert "fg@delinde.example" in text_of(notices.letter_pdf(arts, change.id, released.id))


def test_a_letter_sent_is_recorded(arts, employee, released):
    r = corrected(arts, employee)
    change = notices.for_request(arts, r.id)
    after = notices.record_sent(arts, change.id, released.id, "post", TODAY)
    (told,) = [x for x in after.recipients if x.release_id == released.id]
    assert (told.status, told.method, told.on_date) == ("sent", "post", date.today())


def test_not_telling_a_recipient_needs_a_reason(arts, employee, released):
    r = corrected(arts, employee)
    change = notices.for_request(arts, r.id)
    employer = next(x for x in change.recipients if x.role_label == "werkgever")
    with pytest.raises(ValidationError) as err:
        notices.record_not_sent(arts, change.id, employer.release_id, "")
    assert err.value.field == "reason"


def test_a_recipient_not_told_with_a_reason_is_no_longer_open(arts, employee, released):
    r = corrected(arts, employee)
    change = notices.for_request(arts, r.id)
    employer = next(x for x in change.recipients if x.role_label == "werkgever")
    after = notices.record_not_sent(arts, change.id, employer.release_id,
                                    "De werkgever ontving alleen functionele gegevens; die zijn niet gewijzigd.")
    assert after.open_count == 1


def test_a_restriction_is_a_change_to_tell_the_recipients_about(arts, employee, released):
    requests.restrict(arts, employee.id, "Geschil over de juistheid")
    (change,) = notices.for_employee(arts, employee.id)
    assert (change.kind, len(change.recipients)) == ("restriction", 2)


def test_a_destruction_on_request_is_a_change_to_tell_the_recipients_about(arts, employee, released):
    r = requests.receive(arts, employee.id, "destruction", TODAY)
    requests.identity_at_desk(arts, r.id, "passport", TODAY)
    requests.start(arts, r.id)
    destruction.destroy_on_request(arts, r.id, ["medical"], reason="Op verzoek van de werknemer")
    assert notices.for_request(arts, r.id).kind == "erasure"


def test_the_request_offers_to_tell_the_recipients_after_a_correction(arts, employee, released):
    from desktop_app.domain.request_steps import Step

    r = corrected(arts, employee)
    assert Step.NOTIFY in requests.steps(arts, r.id)
