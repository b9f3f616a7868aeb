"""Small helpers to put an employer and an employee into a practice for a test."""

from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.services import employees, employers


def add_employee(session, surname="Jansen", given="Piet", employer_name="Testwerkgever B.V."):
    employer = next((e for e in employers.list_all(session) if e.name == employer_name), None)
    if employer is None:
        employer = employers.create(session, EmployerForm(name=employer_name))
    return employees.create(session, EmployeeForm(employer_id=employer.id, surname=surname,
                                                  given_names=given))


def add_sick_employee(session, surname="Jansen", given="Piet", employer_name="Testwerkgever B.V.", days=10):
    """An employee in an absence case that began ``days`` ago: one the employer may hear of (an
    appointment's notice, a no-show); an employee without a case is not (services.agenda)."""
    from datetime import date, timedelta

    from desktop_app.domain.cases import CaseForm
    from desktop_app.services import cases

    employee = add_employee(session, surname, given, employer_name)
    cases.open_case(session, employee.id, CaseForm(first_day=(date.today() - timedelta(days=days)).strftime("%d-%m-%Y")))
    return employee
