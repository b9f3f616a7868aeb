"""Consent, releases and the employee's rights, as the law asks them to behave."""

import io
from datetime import date, timedelta

import pytest

from desktop_app.domain.cases import FeedbackForm
from desktop_app.errors import PermissionDenied, ValidationError, ValidationErrors
from desktop_app.services import (
    access_log,
    activities,
    consents,
    employees,
    medical_entries,
    releases,
    request_outcomes,
    requests,
)
from desktop_app.services.demo_medical import _tiny_png
from desktop_app.services.restrictions import Restricted
from tests.helpers.dossiers import add_employee
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as

PNG = _tiny_png()


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


TODAY = nl(date.today())


@pytest.fixture
def employee(arts):
    e = add_employee(arts, surname="Kowalski", given="Paweł")
    medical_entries.add_entry(arts, e.id, "consultation", {"s": "Knieklachten", "p": "MRI via huisarts", "entry_date": TODAY})
    return e


def consent_form(**kw):
    values = dict(physician="arts", recipient_name="dr. P. Jansen", recipient_organisation="Ziekenhuis Oost",
                  recipient_role="specialist", data_scope="Consultverslagen over de knieklachten van 2026",
                  purpose="Afstemmen van de behandeling", given_on=TODAY, valid_until=nl(date.today() + timedelta(days=90)))
    values.update(kw)
    return consents.ConsentForm(**values)


def test_consent_needs_a_signature_and_never_names_the_employer(arts, employee):
    with pytest.raises(ValidationErrors) as err:
        consents.record(arts, employee.id, consent_form(recipient_role="employer", data_scope="kort"))
    assert {"signature", "recipient_role", "data_scope"} <= set(err.value.errors)
    c = consents.record(arts, employee.id, consent_form(), signature_png=PNG)
    assert c.has_signature
    assert consents.signature(arts, c.id) == PNG


def test_casemanager_records_no_consent_and_requests_no_release(bare_practice, arts, employee):
    c = consents.record(arts, employee.id, consent_form(), signature_png=PNG)
    cm = login_as(bare_practice, CASEMANAGER)
    with pytest.raises(PermissionDenied):
        consents.record(cm, employee.id, consent_form(), signature_png=PNG)
    with pytest.raises(PermissionDenied):
        releases.request_release(cm, employee.id, c.id, recipient_name="dr. P. Jansen",
                                 recipient_role="specialist", what="Consultverslagen", purpose="behandeling")
    cm.close()


def _request(arts, employee, consent, **kw):
    values = dict(recipient_name="dr. P. Jansen", recipient_role="specialist", what="Consultverslagen 2026",
                  purpose="behandeling")
    values.update(kw)
    return releases.request_release(arts, employee.id, consent.id, **values)


def test_no_release_without_a_valid_recent_covering_consent(arts, employee):
    stale = consents.record(arts, employee.id, consent_form(given_on=nl(date.today() - timedelta(days=120)),
                                                            valid_until=nl(date.today() + timedelta(days=30))),
                            signature_png=PNG)
    with pytest.raises(ValidationError) as err:
        _request(arts, employee, stale)
    assert "ouder dan 3 maanden" in err.value.message
    good = consents.record(arts, employee.id, consent_form(), signature_png=PNG)
    with pytest.raises(ValidationError) as err:
        _request(arts, employee, good, recipient_name="dr. Q. Anders")
    assert "andere ontvanger" in err.value.message
    entry = medical_entries.list_entries(arts, employee.id)[0]
    narrow = consents.record(arts, employee.id, consent_form(), signature_png=PNG, entry_ids=[entry.id])
    with pytest.raises(ValidationError) as err:
        _request(arts, employee, narrow, entry_ids=[entry.id, entry.id + 999])
    assert "meer gevraagd" in err.value.message
    consents.revoke(arts, good.id, TODAY)
    with pytest.raises(ValidationError) as err:
        _request(arts, employee, good)
    assert "ingetrokken" in err.value.message
    with pytest.raises(PermissionDenied):
        _request(arts, employee, narrow, recipient_role="employer")


def test_approval_by_a_physician_before_anything_is_produced(bare_practice, arts, employee):
    c = consents.record(arts, employee.id, consent_form(), signature_png=PNG)
    release = _request(arts, employee, c)
    with pytest.raises(PermissionDenied):
        releases.require_approved(arts, release.id)
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    with pytest.raises(PermissionDenied):
        releases.approve(assistant, release.id)
    assistant.close()
    with pytest.raises(ValidationError):
        releases.refuse(arts, release.id, ground=4)
    approved = releases.approve(arts, release.id)
    assert approved.state == "approved"
    assert approved.decided_by == arts.user.id
    releases.mark_released(arts, release.id, "email_protected")
    lines = releases.log_lines(arts, employee.id)
    assert lines[0][2] == "dr. P. Jansen"
    assert "wachtwoord" in lines[0][3]


def test_refusal_names_a_ground_and_unusual_cases_go_to_the_supervisor(bare_practice, arts, employee):
    from desktop_app.domain.roles import Role
    from desktop_app.services import users
    from desktop_app.services.practice import NewUser

    users.add_user(arts, NewUser("jong", "dr. J. Jong", Role.PHYSICIAN, "Jonge-arts-2026!", "Jonge-medisch-2026!"))
    c = consents.record(arts, employee.id, consent_form(physician="jong"), signature_png=PNG)
    junior = login_as(bare_practice, type(ARTS)("jong", "Jonge-arts-2026!", "Jonge-medisch-2026!", ""), unlock=True)
    r1 = _request(junior, employee, c)
    refused = releases.refuse(junior, r1.id, ground=2, note="Alleen de MRI-uitslag is nodig")
    assert refused.state == "refused"
    assert refused.refusal_ground == 2
    r2 = _request(junior, employee, c)
    releases.refer_to_supervisor(junior, r2.id, "Ongebruikelijk verzoek")
    with pytest.raises(PermissionDenied):
        releases.approve(junior, r2.id)  # only the supervising physician decides now
    junior.close()
    assert [r.id for r in releases.pending(arts)] == [r2.id]
    assert releases.approve(arts, r2.id).state == "approved"


def test_employer_gets_only_approved_feedback_and_the_employee_the_same(arts, employee):
    fb = activities.add_feedback(arts, employee.id, FeedbackForm(
        assessed_on=TODAY, fitness="partly_fit", limitations="Geen knielend werk", advice="Aangepast werk"))
    with pytest.raises(PermissionDenied):
        releases.release_feedback_to_employer(arts, fb.id, "post")
    activities.approve_feedback(arts, fb.id)
    to_employer, to_employee = releases.release_feedback_to_employer(arts, fb.id, "post")
    assert to_employer.recipient_role == "employer"
    assert not to_employer.medical
    assert to_employee.copy_of == to_employer.id
    assert to_employee.recipient_name == "Paweł Kowalski"
    assert len(releases.log_lines(arts, employee.id)) == 2


def test_restriction_blocks_changes_and_releases_until_lifted(arts, employee):
    c = consents.record(arts, employee.id, consent_form(), signature_png=PNG)
    release = _request(arts, employee, c)
    requests.restrict(arts, employee.id, "Geschil over de juistheid")
    with pytest.raises(Restricted):
        releases.approve(arts, release.id)
    with pytest.raises(Restricted):
        medical_entries.add_entry(arts, employee.id, "note", {"text": "x", "entry_date": TODAY})
    with pytest.raises(Restricted):
        _update(arts, employee)
    assert medical_entries.list_entries(arts, employee.id)  # reading goes on
    requests.lift_restriction(arts, employee.id)
    assert releases.approve(arts, release.id).state == "approved"


def _update(session, employee):
    from desktop_app.domain.dossier import EmployeeForm

    employees.update(session, employee.id, EmployeeForm.of(employee))


def _in_progress(arts, employee, kind):
    r = requests.receive(arts, employee.id, kind, TODAY)
    requests.check_identity(arts, r.id, photo_blacked=True, mrz_blacked=True, number_blacked=True, bsn_blacked=True)
    return requests.start(arts, r.id)


def test_request_deadline_extension_and_signoff(bare_practice, arts, employee):
    received = date.today() - timedelta(days=10)
    r = requests.receive(arts, employee.id, "copy", nl(received))
    assert r.deadline == received + timedelta(days=28)
    with pytest.raises(ValidationError):  # identity copy not properly blacked out
        requests.check_identity(arts, r.id, photo_blacked=True, mrz_blacked=False, number_blacked=True, bsn_blacked=True)
    requests.check_identity(arts, r.id, photo_blacked=True, mrz_blacked=True, number_blacked=True, bsn_blacked=True)
    requests.start(arts, r.id)
    r = requests.extend(arts, r.id, nl(received + timedelta(days=60)), "Veel bijlagen", TODAY)
    assert r.due == received + timedelta(days=60)
    with pytest.raises(ValidationError):
        requests.extend(arts, r.id, nl(received + timedelta(days=70)), "Nog eens", TODAY)
    with pytest.raises(ValidationError):  # a copy is not done without sign-off
        requests.close(arts, r.id, "klaar")
    requests.ready_for_signoff(arts, r.id)
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    with pytest.raises(PermissionDenied):
        requests.sign_off(assistant, r.id)
    assistant.close()
    signed = requests.sign_off(arts, r.id, "akkoord bedrijfsarts")
    assert signed.state.value == "signed_off"
    assert signed.signed_off_by == arts.user.id
    request_outcomes.make_copy(arts, r.id)
    done = request_outcomes.hand_over_copy(arts, r.id, "handed", TODAY)
    assert done.state.value == "done"
    states = [h.to_state for h in requests.history(arts, r.id)]
    assert states == ["received", "identity_checked", "in_progress", "in_progress", "awaiting_signoff",
                      "signed_off", "signed_off", "done"]


def test_today_lists_requests_near_and_past_deadline_and_expiring_consents(arts, employee):
    late = requests.receive(arts, employee.id, "inspection", nl(date.today() - timedelta(days=30)))
    soon = requests.receive(arts, employee.id, "copy", nl(date.today() - timedelta(days=25)))
    later = requests.receive(arts, employee.id, "objection", TODAY)
    ids = [line.request_id for line in requests.due_soon(arts)]
    assert ids == [late.id, soon.id]
    assert later.id not in ids
    consents.record(arts, employee.id, consent_form(valid_until=nl(date.today() + timedelta(days=10))),
                    signature_png=PNG)
    assert len(requests.consents_expiring(arts)) == 1


def test_access_log_extract_includes_the_release_log(arts, employee):
    fb = activities.add_feedback(arts, employee.id, FeedbackForm(
        assessed_on=TODAY, fitness="fit", advice="Volledig hervatten"))
    activities.approve_feedback(arts, fb.id)
    releases.release_feedback_to_employer(arts, fb.id, "post")
    pdf = access_log.access_log_pdf(arts, employee.id)
    import re

    from pypdf import PdfReader

    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "afschrift werknemer" in text
    assert "per post" in text
