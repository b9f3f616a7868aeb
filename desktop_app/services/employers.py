"""Employers: the practice's clients. Every role may read and write them."""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.domain.dossier import Employer, EmployerForm, EmployerId, parse_employer
from desktop_app.domain.permissions import Permission
from desktop_app.errors import NotFound
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import employees as employees_store
from desktop_app.storage import employers as store


@requires(Permission.PRACTICE_WRITE)
def create(session: Session, form: EmployerForm) -> Employer:
    employer = parse_employer(form)
    with session.db.transaction():
        employer_id = store.insert(session.db, employer)
        session.record(Action.CREATE, object_type="employer", object_id=employer_id)
    return get(session, employer_id)


@requires(Permission.PRACTICE_WRITE)
def update(session: Session, employer_id: EmployerId, form: EmployerForm) -> Employer:
    get(session, employer_id)
    employer = parse_employer(form, employer_id)
    with session.db.transaction():
        store.update(session.db, employer)
        employees_store.reindex_employer(session.db, employer_id, employer.name)
        session.record(Action.UPDATE, object_type="employer", object_id=employer_id)
    return employer


@requires(Permission.PRACTICE_READ)
def get(session: Session, employer_id: int) -> Employer:
    employer = store.get(session.db, employer_id)
    if employer is None:
        raise NotFound(detail=f"employer {employer_id}")
    return employer


@requires(Permission.PRACTICE_READ)
def list_all(session: Session) -> list[Employer]:
    return store.all_employers(session.db)


@requires(Permission.PRACTICE_READ)
def employee_counts(session: Session) -> dict[int, int]:
    return store.employee_counts(session.db)
