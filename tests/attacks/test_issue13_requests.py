"""Issue 13, requests and rights, attacked through the public services as the practice's users."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest

from desktop_app.errors import ArbokluisError
from desktop_app.services import medical_entries, portability, requests
from tests.helpers.dossiers import add_employee

TODAY = date.today()


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@pytest.fixture
def employee(arts):
    e = add_employee(arts, surname="Kowalski", given="Paweł")
    medical_entries.add_entry(arts, e.id, "consultation", {"s": "Knieklachten GEHEIM-MEDISCH", "entry_date": nl(TODAY)})
    return e


def test_a_portability_request_from_someone_else_yields_no_medical_export(arts, employee):
    """AVG art. 20 is the employee's own right. A request registered as coming from "ander"
    (the employer's HR officer, say), identity checked at the desk and signed off in the
    routine flow, must not produce an archive holding the medical entries: that is a release of
    medical data without consent."""
    exported = b""
    try:
        r = requests.receive(arts, employee.id, "portability", nl(TODAY), requester_kind="other",
                             requester_name="P. de Vries, HR Testwerkgever B.V.")
        requests.identity_at_desk(arts, r.id, "passport", nl(TODAY))
        requests.start(arts, r.id)
        requests.ready_for_signoff(arts, r.id)
        requests.sign_off(arts, r.id)
        exported = portability.make_export(arts, r.id)
    except ArbokluisError:
        pass
    bodies = json.loads(zipfile.ZipFile(io.BytesIO(exported)).read("data.json"))["medical_entries"] if exported else []
    assert bodies == []


def _transfer_made(arts, employee):
    from desktop_app.services import consents
    from desktop_app.services.demo_medical import _tiny_png

    r = requests.receive(arts, employee.id, "transfer", nl(TODAY))
    requests.identity_at_desk(arts, r.id, "passport", nl(TODAY))
    requests.start(arts, r.id)
    consent = consents.record(arts, employee.id, consents.ConsentForm(
        physician="arts", recipient_name="Arbodienst Noord", recipient_organisation="Arbodienst Noord B.V.",
        recipient_role="new_arbo_service", data_scope="Het hele dossier, ook het medische deel",
        purpose="Overdracht naar de nieuwe arbodienst van de werkgever", given_on=nl(TODAY),
        valid_until=nl(TODAY + timedelta(days=60))), signature_png=_tiny_png())
    portability.attach_consent(arts, r.id, consent.id)
    requests.ready_for_signoff(arts, r.id)
    requests.sign_off(arts, r.id)
    portability.make_transfer(arts, r.id)
    return r


def test_the_extract_dates_a_transfer_on_the_day_it_was_handed_over(arts, employee):
    """The archive went by post on day 1; the assistant records it on day 3 with "verstrekt op"
    = day 1. The request's outcome says day 1, but the release log (and so the employee's
    access-log extract) says day 3: hand_over_transfer does not pass the date on."""
    from desktop_app.services import releases

    r = _transfer_made(arts, employee)
    arts.today = lambda: TODAY + timedelta(days=3)
    portability.hand_over_transfer(arts, r.id, "post", nl(TODAY + timedelta(days=1)))
    (line,) = releases.log_lines(arts, employee.id)
    assert line[0] == nl(TODAY + timedelta(days=1))


@pytest.mark.parametrize("kind", ["objection", "destruction", "correction"])
def test_a_case_manager_does_not_refuse_a_request_only_a_physician_decides(bare_practice, arts, employee, kind):
    """Deciding on an objection is REQUEST_DECIDE (a physician, AVG art. 21); whether to destroy
    or correct the medical dossier is the physician's weighing (WGBO art. 7:455, 7:454). The case
    manager registers the request, checks identity at the desk, starts it, and then refuses it
    with a reason of their own through requests.refuse: the employee's right is decided by
    someone without the right to decide it."""
    from desktop_app.errors import PermissionDenied
    from tests.helpers.practices import CASEMANAGER, login_as

    cm = login_as(bare_practice, CASEMANAGER)
    try:
        r = requests.receive(cm, employee.id, kind, nl(TODAY))
        requests.identity_at_desk(cm, r.id, "passport", nl(TODAY))
        requests.start(cm, r.id)
        with pytest.raises(PermissionDenied):
            requests.refuse(cm, r.id, "Het belang van de werkgever gaat voor")
    finally:
        cm.close()


def test_a_case_manager_does_not_read_the_medical_reason_of_a_correction(bare_practice, arts, employee):
    """The employee asks to correct a consultation; the physician corrects it, giving the reason
    the form asks for ("Reden van de correctie"), which names the diagnosis. The request's outcome
    and history are PRACTICE_READ: the case manager reads the reason, a medical fact."""
    from desktop_app.domain.requests import RequestState
    from desktop_app.services import request_outcomes
    from tests.helpers.practices import CASEMANAGER, login_as

    (entry,) = medical_entries.list_entries(arts, employee.id)
    r = requests.receive(arts, employee.id, "correction", nl(TODAY))
    requests.identity_at_desk(arts, r.id, "passport", nl(TODAY))
    requests.start(arts, r.id)
    request_outcomes.correct(arts, r.id, entry.id, {"s": "Knieklachten na val"}, nl(TODAY),
                             "BURN-OUT-DIAGNOSE was onjuist genoteerd")
    assert requests.get(arts, r.id).state is RequestState.DONE
    cm = login_as(bare_practice, CASEMANAGER)
    try:
        outcome = requests.outcome(cm, r.id)
        seen = " ".join([outcome.note or "", requests.get(cm, r.id).outcome or ""]
                        + [ev.note for ev in requests.history(cm, r.id)])
    finally:
        cm.close()
    assert "BURN-OUT" not in seen


def test_a_case_manager_cannot_freeze_the_physicians_record_without_the_employees_request(
        bare_practice, arts, employee):
    """AVG art. 18: a restriction starts at the employee's request. requests.restrict without a
    request is PRACTICE_WRITE, so a case manager restricts the dossier on their own word; from
    then on the physician cannot record a consultation (WGBO art. 7:454: the duty to keep the
    record) and only a physician can lift it."""
    from tests.helpers.practices import CASEMANAGER, login_as

    cm = login_as(bare_practice, CASEMANAGER)
    try:
        try:
            requests.restrict(cm, employee.id, "Werkgever wil even pas op de plaats")
        except ArbokluisError:
            pass
    finally:
        cm.close()
    entry = medical_entries.add_entry(arts, employee.id, "consultation",
                                      {"s": "Spreekuur: klachten nemen af", "entry_date": nl(TODAY)})
    assert entry.id > 0
