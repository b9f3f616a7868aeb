"""The employer's letter after "niet verschenen": made from the agenda's record, naming the
appointment's date and time and nothing else, closing the notice on Vandaag when it is made."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, time, timedelta

import pytest
from pypdf import PdfReader

from desktop_app.domain.letter_defaults import NO_SHOW_NOTICE
from desktop_app.errors import ValidationErrors
from desktop_app.services import agenda, letter_choices, letters, medical_entries, today
from tests.helpers.dossiers import add_employee, add_sick_employee
from tests.helpers.practices import ARTS, CASEMANAGER, login_as

TODAY = date.today()
NEXT_MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def arts(practice, clock):
    s = login_as(practice, ARTS, unlock=True)
    yield s
    s.close()


@pytest.fixture
def missed(arts, clock):
    """Piet, in an absence case, did not appear at next Monday's 09:20 appointment (recorded at
    11:00 that day)."""
    block = agenda.add_block(arts, arts.user.id, "practice", nl(NEXT_MONDAY), "09:00", "10:00", "20")
    piet = add_sick_employee(arts)
    b = agenda.book(arts, piet.id, block.id, datetime.combine(NEXT_MONDAY, time(9, 20)))
    medical_entries.add_entry(arts, piet.id, "consultation", {"s": "Vertelt over slaapproblemen door stress",
                                                             "entry_date": nl(TODAY)})
    clock["now"] = datetime.combine(NEXT_MONDAY, time(11))
    agenda.record_outcome(arts, b.id, "no_show")
    return piet, b


def _lines(session):
    section = today.today(session).section("no_shows")
    return [(x.employee_id, x.due) for x in section.lines] if section else None


def test_the_letter_names_the_appointment_and_nothing_medical(arts, missed):
    piet, b = missed
    made = letters.make_letter(arts, piet.id, NO_SHOW_NOTICE, {}, booking_id=b.id)
    text = text_of(made.pdf)
    assert f"op {nl(NEXT_MONDAY)} om 09:20" in text
    assert "niet verschenen" in text
    assert "slaapproblemen" not in text
    assert "stress" not in text
    assert not made.medical
    assert made.letter_id is not None


def test_vandaag_lists_the_letter_to_make_until_it_is_made(arts, missed):
    piet, b = missed
    assert _lines(arts) == [(piet.id, NEXT_MONDAY)]
    letters.preview_letter(arts, piet.id, NO_SHOW_NOTICE, {}, booking_id=b.id)
    assert _lines(arts) == [(piet.id, NEXT_MONDAY)], "a preview makes no letter"
    letters.make_letter(arts, piet.id, NO_SHOW_NOTICE, {}, booking_id=b.id)
    assert _lines(arts) == []
    [notice] = agenda.no_show_notices(arts, piet.id)
    assert notice.letter_made_at is not None


def test_the_letter_needs_a_recorded_no_show_of_this_employee(arts, missed, clock):
    piet, b = missed
    kees = add_employee(arts, surname="Bakker", given="Kees")
    for employee_id, booking_id in ((piet.id, None), (kees.id, b.id), (piet.id, b.id + 999)):
        with pytest.raises(ValidationErrors) as caught:
            letters.make_letter(arts, employee_id, NO_SHOW_NOTICE, {}, booking_id=booking_id)
        assert "booking_id" in caught.value.errors
    assert letters.kept_letters(arts, kees.id) == []


def test_a_seen_appointment_gives_no_no_show_letter(arts, clock):
    block = agenda.add_block(arts, arts.user.id, "practice", nl(NEXT_MONDAY), "09:00", "10:00", "20")
    piet = add_employee(arts)
    b = agenda.book(arts, piet.id, block.id, datetime.combine(NEXT_MONDAY, time(9)))
    clock["now"] = datetime.combine(NEXT_MONDAY, time(11))
    agenda.record_outcome(arts, b.id, "seen")
    offered = {t.key for t in letter_choices.choices(arts, piet.id).templates}
    assert NO_SHOW_NOTICE not in offered
    with pytest.raises(ValidationErrors):
        letters.make_letter(arts, piet.id, NO_SHOW_NOTICE, {}, booking_id=b.id)


def test_the_choices_offer_the_no_show_with_its_date(arts, missed):
    piet, b = missed
    choices = letter_choices.choices(arts, piet.id)
    assert NO_SHOW_NOTICE in {t.key for t in choices.templates}
    assert choices.no_shows == ((b.id, f"niet verschenen op {nl(NEXT_MONDAY)} om 09:20"),)


def test_the_case_manager_makes_the_letter_too(practice, arts, missed):
    """The letter holds no medical content: the case manager who arranges the appointments makes it."""
    piet, b = missed
    cm = login_as(practice, CASEMANAGER)
    try:
        assert _lines(cm) == [(piet.id, NEXT_MONDAY)]
        made = letters.make_letter(cm, piet.id, NO_SHOW_NOTICE, {}, booking_id=b.id)
        assert "09:20" in text_of(made.pdf)
    finally:
        cm.close()
