"""Employees: personalia and employment. The BSN is shown masked; revealing it is logged."""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.domain.dossier import Employee, EmployeeForm, EmployeeId, parse_employee
from desktop_app.domain.permissions import Permission
from desktop_app.errors import ValidationErrors
from desktop_app.services import cases, restrictions
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import employees as store
from desktop_app.storage import employers as employers_store
from desktop_app.storage import search as search_store
from desktop_app.storage.lookup import get_or_not_found


@requires(Permission.PRACTICE_WRITE)
def create(session: Session, form: EmployeeForm) -> Employee:
    employee = parse_employee(form, session.today())
    employer = _employer(session, employee.employer_id)
    with session.db.transaction():
        employee_id = store.insert(session.db, employee, employer.name)
        session.record(Action.CREATE, object_type="employee", object_id=employee_id,
                       employee_id=employee_id)
    return store.get(session.db, employee_id)  # type: ignore[return-value]


@requires(Permission.PRACTICE_WRITE)
def update(session: Session, employee_id: EmployeeId, form: EmployeeForm) -> Employee:
    _get(session, employee_id)
    restrictions.require_not_restricted(session, employee_id)
    employee = parse_employee(form, session.today(), employee_id)
    employer = _employer(session, employee.employer_id)
    with session.db.transaction():
        store.update(session.db, employee, employer.name)
        cases.refresh_employee(session, employee_id)  # the end of employment sets a UWV report
        session.record(Action.UPDATE, object_type="employee", object_id=employee_id,
                       employee_id=employee_id, data="personalia")
    return store.get(session.db, employee_id)  # type: ignore[return-value]


@requires(Permission.PRACTICE_READ)
def open_dossier(session: Session, employee_id: int) -> Employee:
    """Read an employee's personalia for the dossier window; the read is logged."""
    employee = _get(session, employee_id)
    session.record(Action.READ, object_type="employee", object_id=employee_id,
                   employee_id=employee_id, data="dossier geopend")
    return employee


@requires(Permission.PRACTICE_READ)
def reveal_bsn(session: Session, employee_id: int) -> str:
    employee = _get(session, employee_id)
    session.record(Action.REVEAL_BSN, object_type="employee", object_id=employee_id,
                   employee_id=employee_id, data="BSN getoond")
    return employee.bsn


@requires(Permission.PRACTICE_READ)
def page(session: Session, *, employer_id: int | None = None, offset: int = 0, limit: int = 200) -> list[Employee]:
    return store.page(session.db, employer_id=employer_id, offset=offset, limit=limit)


@requires(Permission.PRACTICE_READ)
def count(session: Session, employer_id: int | None = None) -> int:
    return store.count(session.db, employer_id)


@requires(Permission.PRACTICE_READ)
def search(session: Session, query: str, limit: int = 50, offset: int = 0) -> list[Employee]:
    """Employees matching the search box. Searches the practice section only, never medical text."""
    return search_store.search(session.db, _searchable(query), limit, offset)


@requires(Permission.PRACTICE_READ)
def search_count(session: Session, query: str) -> int:
    """How many employees the search finds (the search box says so, and can show them all)."""
    return search_store.count(session.db, _searchable(query))


def _searchable(query: str) -> str:
    """Any string is a search, even one a database cannot hold (a lone surrogate): drop those."""
    return "".join(ch for ch in query[:200] if not 0xD800 <= ord(ch) <= 0xDFFF)


def _get(session: Session, employee_id: int) -> Employee:
    return get_or_not_found(store.get, session.db, employee_id, what="employee")


def _employer(session: Session, employer_id: int):
    employer = employers_store.get(session.db, employer_id)
    if employer is None:
        raise ValidationErrors({"employer_id": "Werkgever: kies een bestaande werkgever."})
    return employer
