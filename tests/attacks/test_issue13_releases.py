"""Issue 13, releases and consents, attacked through the public services: a consent that covers
chosen entries only, and what then leaves the practice."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest

from desktop_app.errors import ArbokluisError
from desktop_app.services import consents, medical_entries, portability, releases, requests
from desktop_app.services.demo_medical import _tiny_png
from tests.helpers.dossiers import add_employee

TODAY = date.today()
PNG = _tiny_png()


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@pytest.fixture
def employee(arts):
    return add_employee(arts, surname="Kowalski", given="Paweł")


def _entry(arts, employee, text):
    return medical_entries.add_entry(arts, employee.id, "consultation", {"s": text, "entry_date": nl(TODAY)})


def _targeted_consent(arts, employee, entry, role, name):
    return consents.record(arts, employee.id, consents.ConsentForm(
        physician="arts", recipient_name=name, recipient_organisation=name, recipient_role=role,
        data_scope="", purpose="Overdracht van het knieverslag", given_on=nl(TODAY),
        valid_until=nl(TODAY + timedelta(days=60))), signature_png=PNG, entry_ids=[entry.id])


def test_a_transfer_on_a_consent_for_one_entry_carries_only_that_entry(arts, employee):
    """The employee consents to the new arbo service receiving one consultation (the knee), not
    the psychologist's note. The transfer archive holds every medical entry: medical data the
    employee did not consent to leaves the practice."""
    knee = _entry(arts, employee, "Knieklachten")
    _entry(arts, employee, "PSYCHE-GEHEIM gesprek over de relatie")
    consent = _targeted_consent(arts, employee, knee, "new_arbo_service", "Arbodienst Noord")
    archive = b""
    try:
        r = requests.receive(arts, employee.id, "transfer", nl(TODAY))
        requests.identity_at_desk(arts, r.id, "passport", nl(TODAY))
        requests.start(arts, r.id)
        portability.attach_consent(arts, r.id, consent.id)
        requests.ready_for_signoff(arts, r.id)
        requests.sign_off(arts, r.id)
        archive = portability.make_transfer(arts, r.id)
    except ArbokluisError:
        pass
    bodies = json.dumps(json.loads(zipfile.ZipFile(io.BytesIO(archive)).read("data.json"))["medical_entries"]) \
        if archive else ""
    assert "PSYCHE-GEHEIM" not in bodies


def test_a_release_request_on_a_consent_for_one_entry_cannot_ask_for_the_whole_dossier(arts, employee):
    """The consent covers one entry. Asked without naming entries (entry_ids left out, as the
    what-field is free text), the request is taken for "Het volledige medische dossier" and then
    approved: the consent's scope binds nothing."""
    knee = _entry(arts, employee, "Knieklachten")
    _entry(arts, employee, "Gesprek over de relatie")
    consent = _targeted_consent(arts, employee, knee, "specialist", "dr. P. Jansen")
    with pytest.raises(ArbokluisError):
        releases.request_release(arts, employee.id, consent.id, recipient_name="dr. P. Jansen",
                                 recipient_role="specialist", what="Het volledige medische dossier",
                                 purpose="Afstemmen van de behandeling")
