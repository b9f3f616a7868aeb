"""What a session changed, kept for the client's windows (decision 0012): every committed change
the audit trail records, by kind, id and dossier; nothing for a read or a refused change."""

from __future__ import annotations

import pytest

from desktop_app.changes import Change
from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.errors import ValidationErrors
from desktop_app.services import employees, employers
from tests.helpers.practices import CASEMANAGER, login_as


@pytest.fixture
def session(bare_practice):
    s = login_as(bare_practice, CASEMANAGER)
    s.take_changes()  # whatever the login did
    yield s
    s.close()


@pytest.fixture
def employer(session):
    made = employers.create(session, EmployerForm(name="Bouwbedrijf Test B.V."))
    session.take_changes()
    return made


def test_a_new_employee_is_a_change_of_that_employee(session, employer):
    e = employees.create(session, EmployeeForm(employer_id=employer.id, surname="Berg"))
    assert session.take_changes() == (Change("employee", e.id, e.id),)


def test_an_employer_change_names_the_employer(session, employer):
    employers.update(session, employer.id, EmployerForm(name="Bouwbedrijf Nieuw B.V."))
    assert session.take_changes() == (Change("employer", employer.id, None),)


def test_the_changes_are_taken_once(session, employer):
    employees.create(session, EmployeeForm(employer_id=employer.id, surname="Berg"))
    session.take_changes()
    assert session.take_changes() == ()


def test_a_read_changes_nothing(session, employer):
    e = employees.create(session, EmployeeForm(employer_id=employer.id, surname="Berg"))
    session.take_changes()
    employees.open_dossier(session, e.id)
    employees.page(session)
    assert session.take_changes() == ()


def test_a_refused_change_is_no_change(session, employer):
    with pytest.raises(ValidationErrors):
        employees.create(session, EmployeeForm(employer_id=employer.id, surname=""))
    assert session.take_changes() == ()


def test_a_change_whose_transaction_rolled_back_is_not_kept(session, employer):
    with pytest.raises(RuntimeError), session.db.transaction():
        employees.create(session, EmployeeForm(employer_id=employer.id, surname="Berg"))
        raise RuntimeError("the outer work failed after the employee was written")
    assert session.take_changes() == ()
