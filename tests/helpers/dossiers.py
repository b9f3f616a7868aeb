"""Small helpers to put an employer and an employee into a practice for a test."""

from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.services import employees, employers


def add_employee(session, surname="Jansen", given="Piet", employer_name="Testwerkgever B.V."):
    employer = next((e for e in employers.list_all(session) if e.name == employer_name), None)
    if employer is None:
        employer = employers.create(session, EmployerForm(name=employer_name))
    return employees.create(session, EmployeeForm(employer_id=employer.id, surname=surname,
                                                  given_names=given))
