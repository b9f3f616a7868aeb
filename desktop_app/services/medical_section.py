"""What the medical topic services share (``medical_entries``, ``attachments``, ``exposures``,
``statements``, ``working_notes``): the checks that an employee and a linked entry exist, who an
assistant acts for, and the authors' names.

Who may call what is declared on each public function with ``@requires`` (``services.authz``):
MEDICAL_READ to read, MEDICAL_WRITE to record, MEDICAL_CLINICAL for the physician's own work. The
one mechanism checks the table and audits every refusal; a rule that also depends on the object
(the kind of entry, the author of a note) is checked inside the function, and where it refuses on
the table's terms it calls ``authz.check`` so the refusal is audited the same way. The section
itself is opened with ``session.medical()``, which refuses a locked section (MedicalLocked).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from desktop_app.audit import Action
from desktop_app.domain.permissions import Permission
from desktop_app.domain.roles import Role
from desktop_app.errors import ValidationErrors
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import employees as employees_store
from desktop_app.storage import medical_entries as entries_store
from desktop_app.storage import users as users_store
from desktop_app.storage.lookup import get_or_not_found

T = TypeVar("T")
M = TypeVar("M")


@requires(Permission.PRACTICE_READ)
def require_employee(session: Session, employee_id: int) -> None:
    get_or_not_found(employees_store.get, session.db, employee_id, what="employee")


@requires(Permission.MEDICAL_READ)
def require_entry_of(session: Session, entry_id: int | None, employee_id: int) -> None:
    """An entry a record is linked to must exist and belong to the same employee."""
    if entry_id is not None and entries_store.employee_of(session.medical(), entry_id) != employee_id:
        raise ValidationErrors({"entry_id": "Aantekening: kies een aantekening uit het dossier "
                                            "van deze werknemer."})


@requires(Permission.PRACTICE_READ)
def on_behalf_id(session: Session) -> int | None:
    """The physician an assistant acts for, as a user id (None for a physician)."""
    if session.user.role is Role.ASSISTANT and session.on_behalf_of:
        user = users_store.by_username(session.db, session.on_behalf_of)
        return user.id if user else None
    return None


@requires(Permission.PRACTICE_READ)
def author_names(session: Session) -> dict[int, str]:
    """User id → display name, removed users included (their entries keep their name)."""
    return {u.id: u.display_name for u in users_store.all_users(session.db, include_removed=True)}


@requires(Permission.MEDICAL_WRITE)
def owned_or_taken_back(session: Session, made: M, owner: Callable[[M], T], delete: Callable[[], bool], *,
                        employee_id: int, object_type: str, object_id: int, why: str) -> T:
    """``owner(made)`` records in practice.db what ``made`` (just written to medical.db) belongs to.
    The two files share no transaction: when the owner fails, ``delete`` takes ``made`` back in a
    medical transaction (logged), and the owner's failure is the error raised; a failure in taking
    back is noted on it."""
    try:
        return owner(made)
    except BaseException as exc:
        try:
            mdb = session.medical()
            with mdb.transaction():
                if delete():
                    session.record(Action.DELETE, object_type=object_type, object_id=object_id,
                                   employee_id=employee_id, data=why)
        except Exception as also:  # noqa: BLE001 - the first failure is the one to report
            exc.add_note(f"{object_type} {object_id} not taken back: {type(also).__name__}")
        raise
