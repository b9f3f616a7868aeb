"""The portable export (AVG art. 20) and the transfer to another arbo service are requests: identity,
a physician's sign-off, for a transfer the employee's consent first; nothing else makes the archive."""

import ast
import io
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.services import (
    attachments,
    consents,
    medical_entries,
    portability,
    releases,
    requests,
)
from desktop_app.services.demo_medical import _tiny_png
from tests.helpers.practices import ASSISTENT, login_as

PNG = _tiny_png()
ROOT = Path(__file__).resolve().parents[2]


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


TODAY = nl(date.today())


@pytest.fixture
def employee(arts):
    from tests.helpers.dossiers import add_employee

    e = add_employee(arts, surname="Kowalski", given="Paweł")
    medical_entries.add_entry(arts, e.id, "consultation", {"s": "Knieklachten", "entry_date": TODAY})
    return e


def in_progress(arts, employee, kind):
    r = requests.receive(arts, employee.id, kind, TODAY)
    requests.identity_at_desk(arts, r.id, "passport", TODAY)
    return requests.start(arts, r.id)


def signed_off(arts, employee, kind="portability"):
    r = in_progress(arts, employee, kind)
    requests.ready_for_signoff(arts, r.id)
    return requests.sign_off(arts, r.id)


def transfer_consent(arts, employee, **kw):
    values = dict(physician="arts", recipient_name="Arbodienst Noord", recipient_organisation="Arbodienst Noord B.V.",
                  recipient_role="new_arbo_service", data_scope="Het hele dossier, ook het medische deel",
                  purpose="Overdracht naar de nieuwe arbodienst van de werkgever", given_on=TODAY,
                  valid_until=nl(date.today() + timedelta(days=60)))
    values.update(kw)
    return consents.record(arts, employee.id, consents.ConsentForm(**values), signature_png=PNG)


# --- portability ------------------------------------------------------------------------------------


def test_the_export_round_trips_the_dossier(arts, employee):
    png = attachments.add_attachment(arts, employee.id, "röntgen foto.png", PNG)
    r = signed_off(arts, employee)
    z = zipfile.ZipFile(io.BytesIO(portability.make_export(arts, r.id)))
    data = json.loads(z.read("data.json"))
    stored = {e.id: e.body for e in medical_entries.list_entries(arts, employee.id)}
    (attachment,) = data["attachments"]
    assert (data["schema"], data["employee"]["given_names"], {m["id"]: m["body"] for m in data["medical_entries"]},
            z.read(attachment["file"]), attachment["id"]) == ("arbokluis-portable/1", "Paweł", stored, PNG, png.id)


def test_no_export_before_the_physician_signs_off(arts, employee):
    r = in_progress(arts, employee, "portability")
    with pytest.raises(ValidationError) as err:
        portability.make_export(arts, r.id)
    assert "akkoord van de bedrijfsarts" in err.value.message


def test_an_assistant_makes_no_export(bare_practice, arts, employee):
    r = signed_off(arts, employee)
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    try:
        with pytest.raises(PermissionDenied):
            portability.make_export(assistant, r.id)
    finally:
        assistant.close()


def test_the_export_request_is_done_when_the_export_is_handed_over(arts, employee):
    r = signed_off(arts, employee)
    portability.make_export(arts, r.id)
    done = portability.hand_over_export(arts, r.id, "handed", TODAY)
    assert (done.state.value, done.outcome_kind.value) == ("done", "exported")


def test_nothing_else_in_the_services_makes_the_archive():
    """Only make_export and make_transfer call the archive builder; the old export_portable
    without a request is gone."""
    callers = set()
    for path in (ROOT / "desktop_app" / "services").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            calls = {c.func.id for c in ast.walk(fn) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)}
            if "_archive" in calls or any(isinstance(c, ast.Attribute) and c.attr == "_archive"
                                          for c in ast.walk(fn)):
                callers.add(f"{path.stem}.{fn.name}")
    assert callers == {"portability.make_export", "portability.make_transfer"}


def test_the_requests_service_no_longer_exports_without_a_request():
    assert not hasattr(requests, "export_portable")


# --- transfer -----------------------------------------------------------------------------------------


def test_a_transfer_is_not_signed_off_without_the_employees_consent(arts, employee):
    r = in_progress(arts, employee, "transfer")
    with pytest.raises(ValidationError) as err:
        requests.ready_for_signoff(arts, r.id)
    assert err.value.field == "consent_id"


def test_a_consent_for_another_kind_of_recipient_does_not_carry_a_transfer(arts, employee):
    r = in_progress(arts, employee, "transfer")
    consent = transfer_consent(arts, employee, recipient_role="specialist")
    with pytest.raises(ValidationError) as err:
        portability.attach_consent(arts, r.id, consent.id)
    assert "nieuwe arbodienst" in err.value.message


def test_a_revoked_consent_stops_the_transfer_before_the_archive_is_made(arts, employee):
    r = in_progress(arts, employee, "transfer")
    consent = transfer_consent(arts, employee)
    portability.attach_consent(arts, r.id, consent.id)
    requests.ready_for_signoff(arts, r.id)
    requests.sign_off(arts, r.id)
    consents.revoke(arts, consent.id, TODAY)
    with pytest.raises(ValidationError) as err:
        portability.make_transfer(arts, r.id)
    assert "ingetrokken" in err.value.message


def _transferred(arts, employee):
    r = in_progress(arts, employee, "transfer")
    portability.attach_consent(arts, r.id, transfer_consent(arts, employee).id)
    requests.ready_for_signoff(arts, r.id)
    requests.sign_off(arts, r.id)
    portability.make_transfer(arts, r.id)
    return portability.hand_over_transfer(arts, r.id, "post", TODAY)


def test_a_transfer_ends_as_transferred(arts, employee):
    assert _transferred(arts, employee).outcome_kind.value == "transferred"


def test_a_transfer_is_in_the_release_log_as_handed_over(arts, employee):
    _transferred(arts, employee)
    (release,) = releases.log_for(arts, employee.id)
    assert (release.recipient_name, release.recipient_role, release.state) == (
        "Arbodienst Noord", "new_arbo_service", "released")


def test_the_access_log_extract_lists_the_transfer(arts, employee):
    _transferred(arts, employee)
    assert [line[2] for line in releases.log_lines(arts, employee.id)] == ["Arbodienst Noord"]
