"""Issue 16, consultation hours, attacked through the public agenda service."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.errors import ArbokluisError
from desktop_app.services import agenda, employees, employers, requests
from desktop_app.storage import agenda as agenda_store
from tests.helpers.dossiers import add_employee
from tests.helpers.practices import ARTS, login_as

TODAY = date.today()
NEXT_MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@pytest.fixture
def arts(practice, clock):
    s = login_as(practice, ARTS)
    yield s
    s.close()


def test_an_employee_is_not_booked_into_another_employers_premises(arts):
    """A block 'bij de werkgever' Alfa is held on Alfa's premises; booking an employee of Beta
    there tells Alfa's premises (and the day list) of Beta's sick employee, and the invitation
    says 'bij uw werkgever' while the slot is at Alfa. It must be refused."""
    alfa = employers.create(arts, EmployerForm(name="Alfa B.V."))
    beta = employers.create(arts, EmployerForm(name="Beta B.V."))
    piet = employees.create(arts, EmployeeForm(employer_id=beta.id, surname="Betawerker", given_names="Piet"))
    block = agenda.add_block(arts, arts.user.id, "employer", nl(NEXT_MONDAY), "09:00", "10:00", "20",
                             employer_id=alfa.id)
    booked = None
    try:
        booked = agenda.book(arts, piet.id, block.id, datetime.combine(NEXT_MONDAY, time(9)))
    except ArbokluisError:
        pass
    assert booked is None, "an employee of Beta was booked into Alfa's on-site consultation hours"


def test_a_restricted_dossiers_appointment_is_not_moved(arts):
    """``book`` refuses a restricted dossier (AVG art. 18); ``move`` changes the same booking
    (new time, new history row, audit) without asking."""
    block = agenda.add_block(arts, arts.user.id, "practice", nl(NEXT_MONDAY), "09:00", "10:00", "20")
    piet = add_employee(arts)
    b = agenda.book(arts, piet.id, block.id, datetime.combine(NEXT_MONDAY, time(9)))
    requests.restrict(arts, piet.id, "De werknemer betwist de juistheid")
    try:
        agenda.move(arts, b.id, block.id, datetime.combine(NEXT_MONDAY, time(9, 20)))
    except ArbokluisError:
        pass
    assert agenda_store.booking(arts.db, b.id).starts == datetime.combine(NEXT_MONDAY, time(9))


def test_a_restricted_dossier_gets_no_no_show_notice_for_the_employer(arts, clock):
    """'Niet verschenen' keeps a notice for the employer: new processing of a restricted dossier
    whose result is meant to leave the practice."""
    block = agenda.add_block(arts, arts.user.id, "practice", nl(NEXT_MONDAY), "09:00", "10:00", "20")
    piet = add_employee(arts)
    b = agenda.book(arts, piet.id, block.id, datetime.combine(NEXT_MONDAY, time(9)))
    requests.restrict(arts, piet.id, "De werknemer betwist de juistheid")
    clock["now"] = datetime.combine(NEXT_MONDAY, time(11))
    try:
        agenda.record_outcome(arts, b.id, "no_show")
    except ArbokluisError:
        pass
    assert agenda.no_show_notices(arts, piet.id) == []
