"""The employee's own statements: their view, added to the dossier — for instance where the
physician does not agree to a requested correction (DESIGN.md §5), linked to that entry.

A physician or an assistant (for the physician) records a statement the employee handed in;
medical staff read them. A restricted dossier still takes the employee's statement: it is added
at the employee's own request, which is what restriction during a dispute is for. Nothing is
changed or deleted here.
"""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.domain.medical.statements import EmployeeStatement, StatementForm, parse_statement
from desktop_app.domain.permissions import Permission
from desktop_app.services.authz import requires
from desktop_app.services.medical_section import require_employee, require_entry_of
from desktop_app.services.session import Session
from desktop_app.storage import employee_statements as store


@requires(Permission.MEDICAL_WRITE)
def add_statement(session: Session, employee_id: int, form: StatementForm, *,
                  entry_id: int | None = None) -> EmployeeStatement:
    mdb = session.medical()
    require_employee(session, employee_id)
    new = parse_statement(form, session.today())
    require_entry_of(session, entry_id, employee_id)
    with mdb.transaction():
        statement_id = store.insert(mdb, employee_id, entry_id, new, session.user.id)
        session.record(Action.CREATE, object_type="employee_statement", object_id=statement_id,
                       employee_id=employee_id, data="verklaring van de werknemer")
    return store.get(mdb, statement_id)  # type: ignore[return-value]


@requires(Permission.MEDICAL_READ)
def list_statements(session: Session, employee_id: int) -> list[EmployeeStatement]:
    """In the order received; the read is logged."""
    mdb = session.medical()
    found = store.for_employee(mdb, employee_id)
    session.record(Action.READ_MEDICAL, object_type="employee_statements", employee_id=employee_id,
                   data=f"verklaringen van de werknemer ({len(found)})")
    return found
