"""The letters to the requester: the extension with its reason, the answer with what was done, the
refusal with the reasons and the route to the Autoriteit Persoonsgegevens; each names the FG and
the complaint procedure."""

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from desktop_app.errors import ValidationError
from desktop_app.services import request_letters, request_outcomes, requests, settings


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


TODAY = nl(date.today())


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def practice_contacts(arts):
    settings.update(arts, {"dpo_name": "mr. J. Smit", "dpo_email": "fg@delinde.example",
                           "complaint_contact": "de klachtenfunctionaris van De Linde",
                           "complaint_answer_weeks": "6", "complaint_extension_weeks": "4"})


def refused(arts, employee):
    r = requests.receive(arts, employee.id, "objection", TODAY)
    return requests.refuse(arts, r.id, "De werknemer heeft het verzoek schriftelijk ingetrokken.")


def test_the_refusal_letter_gives_the_reasons(arts, employee, practice_contacts):
    r = refused(arts, employee)
    assert "schriftelijk ingetrokken" in text_of(request_letters.letter_pdf(arts, r.id, "refusal"))


def test_the_refusal_letter_names_the_route_to_the_autoriteit_persoonsgegevens(arts, employee, practice_contacts):
    r = refused(arts, employee)
    assert "Postbus 93374" in text_of(request_letters.letter_pdf(arts, r.id, "refusal"))


def test_the_letter_names_the_fg(arts, employee, practice_contacts):
    r = refused(arts, employee)
    assert "fg@delinde.example" in text_of(request_letters.letter_pdf(arts, r.id, "refusal"))


def test_the_letter_names_the_complaint_procedure_and_its_term(arts, employee, practice_contacts):
    r = refused(arts, employee)
    text = text_of(request_letters.letter_pdf(arts, r.id, "refusal"))
    assert "klachtenfunctionaris van De Linde. U krijgt binnen 6 weken" in text


def test_the_extension_letter_gives_the_reason_and_the_new_date(arts, employee, practice_contacts):
    received = date.today() - timedelta(days=3)
    r = requests.receive(arts, employee.id, "copy", nl(received))
    r = requests.extend(arts, r.id, nl(received + timedelta(days=60)), "Veel bijlagen van de specialist", TODAY)
    text = text_of(request_letters.letter_pdf(arts, r.id, "extension"))
    assert ("Veel bijlagen van de specialist" in text, nl(received + timedelta(days=60)) in text) == (True, True)


def test_the_answer_to_an_inspection_says_when_and_who_was_present(arts, employee, practice_contacts):
    r = requests.receive(arts, employee.id, "inspection", TODAY)
    requests.identity_at_desk(arts, r.id, "passport", TODAY)
    requests.start(arts, r.id)
    requests.ready_for_signoff(arts, r.id)
    requests.sign_off(arts, r.id)
    request_outcomes.record_inspection(arts, r.id, TODAY, "P. Jansen en dr. A. de Vries")
    assert "P. Jansen en dr. A. de Vries" in text_of(request_letters.letter_pdf(arts, r.id, "answer"))


def test_no_answer_letter_before_the_request_is_done(arts, employee):
    r = requests.receive(arts, employee.id, "inspection", TODAY)
    with pytest.raises(ValidationError) as err:
        request_letters.letter_pdf(arts, r.id, "answer")
    assert err.value.field == "which"
