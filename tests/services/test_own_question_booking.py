"""An appointment for the employee's own question (open spreekuur): the slot is taken for everyone,
but only medical staff see whose it is, only they plan or change it, and the employer never hears
of it, not even after "niet verschenen" (docs/decisions/0013)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from desktop_app.errors import Conflict, NotFound
from desktop_app.services import agenda, authz, today
from tests.helpers.dossiers import add_employee
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as

TODAY = date.today()
NEXT_MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm))


@pytest.fixture
def setting(practice, clock):
    """The physician's Monday hour, an own-question appointment at 09:00 made by the physician,
    and a case manager's session beside it."""
    arts = login_as(practice, ARTS)
    cm = login_as(practice, CASEMANAGER)
    block = agenda.add_block(arts, arts.user.id, "practice", NEXT_MONDAY.strftime("%d-%m-%Y"), "09:00", "10:00", "20")
    piet = add_employee(arts, surname="Geheimhouder")
    b = agenda.book(arts, piet.id, block.id, at(NEXT_MONDAY, 9), confidential=True)
    yield arts, cm, block, piet, b
    arts.close()
    cm.close()


def test_the_physician_sees_whose_appointment_it_is(setting):
    arts, _cm, _block, piet, b = setting
    line = agenda.day_list(arts, NEXT_MONDAY).lines[0]
    assert line.booking.id == b.id
    assert "Geheimhouder" in line.employee_name
    assert line.state_label == "gepland, eigen vraag"
    assert [x.id for x in agenda.bookings_for(arts, piet.id)] == [b.id]


def test_the_case_manager_sees_the_slot_taken_and_no_name(setting):
    _arts, cm, _block, piet, _b = setting
    line = agenda.day_list(cm, NEXT_MONDAY).lines[0]
    assert (line.booking, line.employee_name, line.employer_name) == (None, "", "")
    assert line.state_label == "bezet"
    week_line = agenda.week(cm, NEXT_MONDAY)[0].lines[0]
    assert week_line.booking is None
    assert agenda.bookings_for(cm, piet.id) == []


def test_the_case_manager_cannot_book_the_taken_slot(setting):
    _arts, cm, block, _piet, _b = setting
    kees = add_employee(cm, surname="Bakker")
    with pytest.raises(Conflict) as caught:
        agenda.book(cm, kees.id, block.id, at(NEXT_MONDAY, 9))
    assert "bezet" in caught.value.message
    assert at(NEXT_MONDAY, 9) not in [s.starts for s in agenda.free_slots(cm, NEXT_MONDAY, NEXT_MONDAY)]


def test_booking_the_same_employee_beside_it_does_not_tell_the_case_manager_anything(setting):
    """The employee's own appointment at an overlapping time (with another physician) does not
    count for the case manager: any refusal would name whose the hidden appointment is. The
    physician is told."""
    from desktop_app.domain import agenda as rules
    from desktop_app.domain.agenda import Location, Slot

    _arts, _cm, block, piet, b = setting
    beside = Slot(block_id=block.id + 1, physician_id=99, starts=at(NEXT_MONDAY, 9, 10), minutes=30,
                  location=Location.PHONE)
    assert rules.booking_conflict(beside, piet.id, [b], see_confidential=False) is None
    assert "al een afspraak" in rules.booking_conflict(beside, piet.id, [b], see_confidential=True)


def test_the_case_manager_cannot_find_move_or_end_it(setting, clock):
    _arts, cm, block, _piet, b = setting
    with pytest.raises(NotFound):
        agenda.history(cm, b.id)
    with pytest.raises(NotFound):
        agenda.move(cm, b.id, block.id, at(NEXT_MONDAY, 9, 20))
    with pytest.raises(NotFound):
        agenda.cancel(cm, b.id)
    clock["now"] = at(NEXT_MONDAY, 11)
    with pytest.raises(NotFound):
        agenda.record_outcome(cm, b.id, "no_show")


def test_only_medical_staff_plan_one(setting):
    arts, cm, block, _piet, _b = setting
    kees = add_employee(arts, surname="Bakker")
    with pytest.raises(authz.Refused):
        agenda.book(cm, kees.id, block.id, at(NEXT_MONDAY, 9, 20), confidential=True)
    assert agenda.bookings_for(arts, kees.id) == []


def test_an_assistant_without_a_secrecy_statement_sees_no_name(setting, practice):
    """The assistant's reach follows the secrecy statement: without it, as the case manager."""
    from desktop_app.services import users

    arts, _cm, _block, _piet, _b = setting
    assistant = login_as(practice, ASSISTENT)
    try:
        assert "Geheimhouder" in agenda.day_list(assistant, NEXT_MONDAY).lines[0].employee_name
    finally:
        assistant.close()
    admin = login_as(practice, ARTS, unlock=True)  # the rotation needs the medical key
    try:
        users.revoke_secrecy_statement(admin, ASSISTENT.username)
    finally:
        admin.close()
    assistant = login_as(practice, ASSISTENT)
    try:
        assert agenda.day_list(assistant, NEXT_MONDAY).lines[0].employee_name == ""
    finally:
        assistant.close()


def test_no_show_of_an_own_question_makes_no_notice_for_the_employer(setting, clock):
    arts, cm, _block, piet, b = setting
    clock["now"] = at(NEXT_MONDAY, 11)
    agenda.record_outcome(arts, b.id, "no_show")
    assert agenda.no_show_notices(arts, piet.id) == []
    assert agenda.no_shows(arts, piet.id) == []
    assert agenda.letters_to_make(arts) == []
    lines = [line for section in today.today(cm).sections for line in section.lines]
    assert not any("Geheimhouder" in line.employee_name for line in lines)
