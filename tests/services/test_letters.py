"""Letters from templates through the service: made, previewed and kept in the dossier (medical
letters in the medical section), the request to a treating physician only on a valid consent,
templates saved by the practice with unknown fields refused, values printed as text."""

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from desktop_app.domain.letter_defaults import (
    EMPLOYER_NOTICE,
    GENERAL,
    INFO_REQUEST,
    INVITATION,
    RECIPIENT_NOTICE,
    RIGHTS_REPLY,
)
from desktop_app.errors import PermissionDenied, ValidationErrors
from desktop_app.services import (
    attachments,
    consents,
    letters,
    medical_entries,
    notices,
    releases,
    request_outcomes,
    requests,
)
from desktop_app.services.demo_medical import _tiny_png
from tests.helpers.practices import ARTS, CASEMANAGER, login_as

PNG = _tiny_png()


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


TODAY = nl(date.today())
APPOINTMENT = {"afspraak.datum": "14-12-2026", "afspraak.tijd": "10:30", "afspraak.plaats": "Spreekkamer 2",
               "afspraak.meenemen": "Uw legitimatiebewijs"}


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def consent_for(arts, employee, *, role="treating_physician", valid_days=60, given=TODAY):
    return consents.record(arts, employee.id, consents.ConsentForm(
        physician="arts", recipient_name="dr. H. de Vries", recipient_organisation="Huisartsenpraktijk Oost",
        recipient_role=role, data_scope="Behandelgegevens over de rugklachten", purpose="Begeleiding bij verzuim",
        given_on=given, valid_until=nl(date.today() + timedelta(days=valid_days))), signature_png=PNG)


def test_the_invitation_carries_the_appointment_and_the_employee(arts, employee):
    made = letters.make_letter(arts, employee.id, INVITATION, APPOINTMENT)
    text = text_of(made.pdf)
    assert ("14-12-2026" in text, "10:30" in text, "Spreekkamer 2" in text, "Piet Jansen" in text,
            made.medical) == (True, True, True, True, False)


def test_the_invitation_is_kept_in_the_dossier(arts, employee):
    made = letters.make_letter(arts, employee.id, INVITATION, APPOINTMENT)
    kept = letters.kept_letters(arts, employee.id)
    assert [k.id for k in kept] == [made.letter_id]
    assert letters.kept_letter_pdf(arts, made.letter_id) == made.pdf


def test_a_preview_keeps_nothing(arts, employee):
    pdf = letters.preview_letter(arts, employee.id, INVITATION, APPOINTMENT)
    assert pdf.startswith(b"%PDF")
    assert letters.kept_letters(arts, employee.id) == []


def test_the_employer_notice_goes_to_the_employer(arts):
    from tests.helpers.dossiers import add_sick_employee

    employee = add_sick_employee(arts, surname="Ziek")
    text = text_of(letters.make_letter(arts, employee.id, EMPLOYER_NOTICE, APPOINTMENT).pdf)
    assert "Testwerkgever B.V." in text
    assert "Medische gegevens ontvangt u niet" in text
    assert "14-12-2026" in text
    assert "Spreekkamer 2" not in text  # issue 16: the employer's notice has the date and time only


def test_an_appointment_field_not_given_shows_a_gap(arts, employee):
    text = text_of(letters.preview_letter(arts, employee.id, INVITATION, {"afspraak.datum": "14-12-2026"}))
    assert "Tijd: …" in text


def test_a_field_the_user_may_not_type_is_refused(arts, employee):
    with pytest.raises(ValidationErrors) as exc:
        letters.preview_letter(arts, employee.id, INVITATION, {"werknemer.naam": "Iemand anders"})
    assert "werknemer.naam" in exc.value.errors


def test_the_request_to_a_treating_physician_names_the_consent(arts, employee):
    consent = consent_for(arts, employee)
    made = letters.make_letter(arts, employee.id, INFO_REQUEST, {"brief.vraag": "Wat is de prognose?"},
                               consent_id=consent.id)
    text = text_of(made.pdf)
    assert ("dr. H. de Vries" in text, "Behandelgegevens over de rugklachten" in text,
            f"getekend op {TODAY}" in text, "Wat is de prognose?" in text) == (True, True, True, True)


def test_the_request_to_a_treating_physician_is_kept_in_the_medical_section(arts, employee):
    consent = consent_for(arts, employee)
    made = letters.make_letter(arts, employee.id, INFO_REQUEST, {"brief.vraag": "Prognose?"}, consent_id=consent.id)
    entry = medical_entries.get_entry(arts, made.entry_id)
    pdfs = [a for a in attachments.list_attachments(arts, employee.id) if a.entry_id == made.entry_id]
    assert (entry.kind.value, made.medical, letters.kept_letters(arts, employee.id), len(pdfs)) == \
        ("letter_out", True, [], 1)
    assert attachments.get_attachment(arts, pdfs[0].id) == made.pdf


def test_the_request_to_a_treating_physician_is_refused_without_a_consent(arts, employee):
    with pytest.raises(ValidationErrors) as exc:
        letters.make_letter(arts, employee.id, INFO_REQUEST, {}, consent_id=None)
    assert "geldige toestemming" in exc.value.errors["consent_id"]


def test_the_request_is_refused_on_a_revoked_consent(arts, employee):
    consent = consent_for(arts, employee)
    consents.revoke(arts, consent.id, TODAY)
    with pytest.raises(ValidationErrors) as exc:
        letters.make_letter(arts, employee.id, INFO_REQUEST, {}, consent_id=consent.id)
    assert "ingetrokken" in exc.value.errors["consent_id"]


def test_the_request_is_refused_on_a_consent_for_an_insurance_physician(arts, employee):
    consent = consent_for(arts, employee, role="insurance_physician")
    with pytest.raises(ValidationErrors) as exc:
        letters.make_letter(arts, employee.id, INFO_REQUEST, {}, consent_id=consent.id)
    assert "niet voor een behandelaar" in exc.value.errors["consent_id"]


def test_a_refused_request_keeps_nothing(arts, employee):
    with pytest.raises(ValidationErrors):
        letters.make_letter(arts, employee.id, INFO_REQUEST, {}, consent_id=None)
    assert medical_entries.list_entries(arts, employee.id) == []


def test_the_reply_to_a_request_gives_the_outcome(arts, employee):
    r = requests.receive(arts, employee.id, "objection", TODAY)
    requests.refuse(arts, r.id, "De werknemer heeft het verzoek schriftelijk ingetrokken.")
    text = text_of(letters.make_letter(arts, employee.id, RIGHTS_REPLY, {}, request_id=r.id).pdf)
    assert "schriftelijk ingetrokken" in text
    assert "bezwaar" in text


def test_the_reply_waits_until_the_request_is_done(arts, employee):
    r = requests.receive(arts, employee.id, "inspection", TODAY)
    with pytest.raises(ValidationErrors) as exc:
        letters.make_letter(arts, employee.id, RIGHTS_REPLY, {}, request_id=r.id)
    assert "afgehandeld" in exc.value.errors["request_id"]


def test_the_notice_to_an_earlier_recipient_after_a_correction(arts, employee):
    medical_entries.add_entry(arts, employee.id, "consultation", {"s": "Rugklachten", "entry_date": TODAY})
    consent = consent_for(arts, employee, role="specialist")
    release = releases.request_release(arts, employee.id, consent.id, recipient_name="dr. H. de Vries",
                                       recipient_role="specialist", what="Consultverslag rug", purpose="behandeling")
    releases.approve(arts, release.id)
    releases.mark_released(arts, release.id, "post")
    r = requests.receive(arts, employee.id, "correction", TODAY)
    requests.identity_at_desk(arts, r.id, "passport", TODAY)
    requests.start(arts, r.id)
    entry = medical_entries.list_entries(arts, employee.id)[0]
    request_outcomes.correct(arts, r.id, entry.id, {"s": "Rugklachten links"}, TODAY, "kant verwisseld")
    assert notices.for_request(arts, r.id) is not None
    text = text_of(letters.make_letter(arts, employee.id, RECIPIENT_NOTICE, {}, request_id=r.id,
                                       release_id=release.id).pdf)
    assert ("Consultverslag rug" in text, "gecorrigeerd" in text, "links" in text) == (True, True, False)


def test_a_name_with_markup_stays_literal_in_the_pdf(arts):
    from tests.helpers.dossiers import add_employee

    e = add_employee(arts, surname="<b>Bold</b> & {werknemer.voornamen}", given="<i>Anna</i>")
    text = text_of(letters.make_letter(arts, e.id, GENERAL, {"brief.tekst": "<font color='red'>rood</font>"}).pdf)
    assert "<b>Bold</b> & {werknemer.voornamen}" in text
    assert "<font color='red'>rood</font>" in text


def test_the_practice_edits_a_template_and_the_letter_follows(arts, employee):
    letters.save_template(arts, GENERAL, "Over uw dossier", "Beste {werknemer.voornamen},\n\nTot ziens.")
    text = text_of(letters.make_letter(arts, employee.id, GENERAL, {}).pdf)
    assert "Beste Piet," in text
    assert "Over uw dossier" in text
    assert letters.template(arts, GENERAL).edited


def test_saving_a_template_with_an_unknown_field_is_refused_and_keeps_the_old_text(arts):
    before = letters.template(arts, GENERAL)
    with pytest.raises(ValidationErrors) as exc:
        letters.save_template(arts, GENERAL, "Onderwerp", "Beste {werknemer.bijnaam},")
    assert "{werknemer.bijnaam}" in exc.value.errors["body"]
    assert letters.template(arts, GENERAL) == before


def test_a_reset_template_is_the_default_again(arts):
    letters.save_template(arts, GENERAL, "Anders", "Tekst")
    assert letters.reset_template(arts, GENERAL).subject == letters.template(arts, GENERAL).subject != "Anders"


def test_a_case_manager_may_not_save_templates_nor_make_a_medical_letter(bare_practice, employee, arts):
    consent = consent_for(arts, employee)
    cm = login_as(bare_practice, CASEMANAGER)
    try:
        with pytest.raises(PermissionDenied):
            letters.save_template(cm, GENERAL, "Onderwerp", "Tekst")
        with pytest.raises(PermissionDenied):
            letters.make_letter(cm, employee.id, INFO_REQUEST, {}, consent_id=consent.id)
        assert letters.make_letter(cm, employee.id, INVITATION, APPOINTMENT).letter_id is not None
    finally:
        cm.close()


def test_a_medical_letter_needs_the_unlocked_medical_section(bare_practice, employee, arts):
    from desktop_app.errors import MedicalLocked

    consent = consent_for(arts, employee)
    locked = login_as(bare_practice, ARTS)
    try:
        with pytest.raises(MedicalLocked):
            letters.make_letter(locked, employee.id, INFO_REQUEST, {}, consent_id=consent.id)
    finally:
        locked.close()



def test_a_kept_letter_goes_with_the_personal_data_on_request(arts):
    from desktop_app.services import destruction
    from tests.helpers.retention_practice import populate

    person = populate(arts, today=date.today())
    letters.make_letter(arts, person.employee_id, GENERAL, {"brief.tekst": "Uw adres is gewijzigd."})
    r = requests.receive(arts, person.employee_id, "destruction", TODAY)
    requests.check_identity(arts, r.id, photo_blacked=True, mrz_blacked=True, number_blacked=True, bsn_blacked=True)
    requests.start(arts, r.id)
    destruction.destroy_on_request(arts, r.id, ["personal"])
    assert letters.kept_letters(arts, person.employee_id) == []


def test_a_case_manager_does_not_see_a_letter_that_names_what_a_request_names(bare_practice, employee, arts):
    r = requests.receive(arts, employee.id, "objection", TODAY)
    requests.refuse(arts, r.id, "Ingetrokken")
    letters.make_letter(arts, employee.id, RIGHTS_REPLY, {}, request_id=r.id)
    invitation = letters.make_letter(arts, employee.id, INVITATION, APPOINTMENT)
    cm = login_as(bare_practice, CASEMANAGER)
    try:
        assert [k.id for k in letters.kept_letters(cm, employee.id)] == [invitation.letter_id]
    finally:
        cm.close()


def test_the_choices_offer_a_case_manager_no_letter_that_needs_medical_wording(bare_practice, employee, arts):
    from desktop_app.services import letter_choices

    consent_for(arts, employee)
    cm = login_as(bare_practice, CASEMANAGER)
    try:
        offered = {t.key for t in letter_choices.choices(cm, employee.id).templates}
    finally:
        cm.close()
    assert offered == {INVITATION, EMPLOYER_NOTICE, GENERAL}


def test_the_choices_offer_the_physician_the_valid_consent_for_a_treating_physician(arts, employee):
    from desktop_app.services import letter_choices

    consent = consent_for(arts, employee)
    consent_for(arts, employee, role="insurance_physician")
    assert [i for i, _label in letter_choices.choices(arts, employee.id).consents] == [consent.id]


def test_a_kept_letter_is_part_of_the_employees_copy_of_the_dossier(arts, employee):
    from desktop_app.services import documents

    letters.make_letter(arts, employee.id, GENERAL, {"brief.tekst": "Uw nieuwe adres is verwerkt."})
    assert "Uw nieuwe adres is verwerkt." in text_of(documents.dossier_copy_pdf(arts, employee.id))


def test_a_restricted_dossier_keeps_no_new_letter_but_the_answer_to_a_request(arts, employee):
    from desktop_app.services.restrictions import Restricted

    r = requests.receive(arts, employee.id, "objection", TODAY)
    requests.refuse(arts, r.id, "Ingetrokken")
    requests.restrict(arts, employee.id, "De werknemer betwist de juistheid")
    with pytest.raises(Restricted):
        letters.make_letter(arts, employee.id, INVITATION, APPOINTMENT)
    assert letters.make_letter(arts, employee.id, RIGHTS_REPLY, {}, request_id=r.id).letter_id is not None


def test_the_service_gives_a_value_for_every_field_of_the_catalogue(arts, employee, monkeypatch):
    """Every field not typed by the user has its value from the dossier: none is left to chance."""
    from datetime import datetime, time

    from desktop_app.domain.cases import CaseForm
    from desktop_app.domain.letter_defaults import BY_KEY, NO_SHOW_NOTICE
    from desktop_app.domain.letter_fields import FIELDS, TYPED_SOURCES
    from desktop_app.services import agenda, cases
    from desktop_app.services.letter_values import gather

    cases.open_case(arts, employee.id, CaseForm(first_day=TODAY, kind="illness", percentage="100"))
    medical_entries.add_entry(arts, employee.id, "consultation", {"s": "Rugklachten", "entry_date": TODAY})
    consent = consent_for(arts, employee, role="specialist")
    release = releases.request_release(arts, employee.id, consent.id, recipient_name="dr. H. de Vries",
                                       recipient_role="specialist", what="Consultverslag rug", purpose="behandeling")
    releases.approve(arts, release.id)
    releases.mark_released(arts, release.id, "post")
    r = requests.receive(arts, employee.id, "correction", TODAY)
    requests.identity_at_desk(arts, r.id, "passport", TODAY)
    requests.start(arts, r.id)
    entry = medical_entries.list_entries(arts, employee.id)[0]
    request_outcomes.correct(arts, r.id, entry.id, {"s": "Rugklachten links"}, TODAY, "kant verwisseld")
    consent = consent_for(arts, employee)
    monday = date.today() + timedelta(days=7 - date.today().weekday())
    block = agenda.add_block(arts, arts.user.id, "practice", nl(monday), "09:00", "10:00", "20")
    booking = agenda.book(arts, employee.id, block.id, datetime.combine(monday, time(9)))
    monkeypatch.setattr(agenda, "now_local", lambda: datetime.combine(monday, time(12)))
    agenda.record_outcome(arts, booking.id, "no_show")
    given = set()
    for key, kwargs in ((INFO_REQUEST, {"consent_id": consent.id}),
                        (RECIPIENT_NOTICE, {"request_id": r.id, "release_id": release.id}),
                        (NO_SHOW_NOTICE, {"booking_id": booking.id})):
        given |= set(gather(arts, BY_KEY[key], employee.id, **kwargs)[0])
    assert {n for n, f in FIELDS.items() if f.source not in TYPED_SOURCES} - given == set()


def test_a_long_medical_letter_is_kept_whole_in_its_attachment(arts, employee):
    consent = consent_for(arts, employee)
    question = ("Wat is de prognose? " * 250)[:5000]  # five times over: longer than an entry's 20.000
    letters.save_template(arts, INFO_REQUEST, "Verzoek", "{brief.vraag}\n\n" * 5)
    made = letters.make_letter(arts, employee.id, INFO_REQUEST, {"brief.vraag": question}, consent_id=consent.id)
    entry = medical_entries.get_entry(arts, made.entry_id)
    assert entry.body["summary"].endswith("(de hele brief staat in de bijlage)")
