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
