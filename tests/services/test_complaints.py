"""The complaint register: a complaint is registered, acknowledged with a letter, handled by
someone, decided within the term of the practice's complaint procedure; the letters show the FG
and the route to the Autoriteit Persoonsgegevens."""

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.services import complaints, settings
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.practices import CASEMANAGER, login_as


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


TODAY = nl(date.today())


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def register(arts, employee=None, **kw):
    values = dict(complainant="Piet Jansen", received_on=TODAY, channel="letter", topic="privacy",
                  description="Mijn werkgever wist van mijn diagnose.")
    values.update(kw)
    return complaints.register(arts, employee_id=employee.id if employee else None, **values)


def test_the_deadline_follows_the_complaint_procedure(arts):
    received = date.today() - timedelta(days=3)
    c = register(arts, received_on=nl(received))
    assert c.due == received + timedelta(weeks=6)


def test_a_practice_with_a_shorter_procedure_gets_its_own_deadline(arts):
    settings.update(arts, {"complaint_answer_weeks": "4"})
    assert register(arts).due == date.today() + timedelta(weeks=4)


def test_the_complaint_text_is_kept_as_typed(arts):
    text = "Klacht over <b>dr. Ünal</b> — 'Ik wil dit niet' & meer\nTweede regel"
    assert register(arts, description=text).description == text


def test_a_complaint_with_a_nul_gets_a_dutch_message_at_the_field(arts):
    with pytest.raises(ValidationError) as err:
        register(arts, description="Slecht\x00behandeld")
    assert (err.value.field, "stuurteken" in err.value.message) == ("description", True)


def test_the_audit_trail_has_the_complaint_but_not_its_words(arts):
    since = last_seq(arts)
    register(arts, description="GEHEIM-KLACHT-77")
    assert [(e[0], "GEHEIM" in repr(e)) for e in events_after(arts, since)] == [("create", False)]


def test_the_acknowledgement_is_recorded(arts):
    c = register(arts)
    assert complaints.acknowledge(arts, c.id, TODAY).acknowledged_on == date.today()


def test_the_acknowledgement_letter_gives_the_deadline(arts):
    c = register(arts)
    assert nl(c.due) in text_of(complaints.letter_pdf(arts, c.id, "acknowledgement"))


def test_the_acknowledgement_letter_names_the_fg_and_the_ap(arts):
    settings.update(arts, {"dpo_name": "mr. J. Smit", "dpo_phone": "030-1234567"})
    text = text_of(complaints.letter_pdf(arts, register(arts).id, "acknowledgement"))
    assert ("mr. J. Smit" in text, "Autoriteit Persoonsgegevens" in text) == (True, True)


def test_a_complaint_about_the_medical_judgement_names_the_disciplinary_route(arts):
    c = register(arts, topic="medical", description="Ik ben het niet eens met het oordeel.")
    assert "Tuchtcollege" in text_of(complaints.letter_pdf(arts, c.id, "acknowledgement"))


def test_the_handler_is_recorded(arts):
    c = complaints.assign(arts, register(arts).id, arts.user.id)
    assert c.handler_id == arts.user.id


def test_the_extension_adds_the_procedures_weeks_once(arts):
    c = register(arts)
    extended = complaints.extend(arts, c.id, "Wij wachten op de reactie van de bedrijfsarts.")
    assert extended.due == c.deadline + timedelta(weeks=4)


def test_a_second_extension_is_refused(arts):
    c = register(arts)
    complaints.extend(arts, c.id, "Wij wachten op de reactie van de bedrijfsarts.")
    with pytest.raises(ValidationError):
        complaints.extend(arts, c.id, "Nog eens")


def test_the_verdict_closes_the_complaint_with_what_the_practice_does(arts):
    c = register(arts)
    done = complaints.decide(arts, c.id, "founded", "De terugkoppeling noemde de diagnose.",
                             "Terugkoppelingen worden voortaan door een tweede persoon gelezen.")
    assert (done.open, done.verdict, done.measures) == (
        False, "founded", "Terugkoppelingen worden voortaan door een tweede persoon gelezen.")


def test_an_overdue_complaint_says_so(arts):
    c = register(arts, received_on=nl(date.today() - timedelta(weeks=7)))
    assert c.status(date.today()) == "termijn verstreken"


def test_a_case_manager_keeps_no_complaint_register(bare_practice, arts):
    cm = login_as(bare_practice, CASEMANAGER)
    try:
        with pytest.raises(PermissionDenied):
            complaints.register_list(cm)
    finally:
        cm.close()
