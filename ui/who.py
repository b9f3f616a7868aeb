"""Who a screen is about, said so that two people with one name can be told apart."""

from __future__ import annotations

from ui.tables import nl


def identify(employee) -> str:
    """Name, birth date and employer: shown wherever an employee is chosen for something irreversible."""
    born = nl(employee.birth_date) or "onbekend"
    return f"{employee.display_name} · geboren {born} · {employee.employer_name or 'geen werkgever'}"


def about_request(session, request_id: int):
    """The employee a request is about (a logged read of the personalia), for the dialog's header."""
    from desktop_app.services import employees, requests

    return employees.open_dossier(session, requests.get(session, request_id).employee_id)
