"""What the medical topic services share (``medical_entries``, ``attachments``, ``exposures``,
``statements``, ``working_notes``): opening the section for a call, the checks that an employee
and a linked entry exist, who an assistant acts for, and the authors' names.

Every call opens the section through ``session.medical()``, so a case manager, an assistant
without a signed secrecy statement, and a locked section are refused in one place.
"""

from __future__ import annotations

from typing import NoReturn

from desktop_app.audit import Action, Outcome
from desktop_app.domain.roles import Role
from desktop_app.errors import NotFound, PermissionDenied, ValidationErrors
from desktop_app.services import users_store
from desktop_app.services.session import Session
from desktop_app.storage import employees as employees_store
from desktop_app.storage import medical_entries as entries_store
from desktop_app.storage.connection import Database


def medical_db(session: Session, action: Action, *, object_type: str,
               employee_id: int | None = None, object_id: int | str = "") -> Database:
    """``session.medical()``, with a refusal for the role logged as denied."""
    try:
        return session.medical()
    except PermissionDenied:
        session.record(action, outcome=Outcome.DENIED, object_type=object_type,
                       object_id=object_id, employee_id=employee_id)
        raise


def refuse(session: Session, action: Action, message: str, *, object_type: str,
           employee_id: int | None = None, object_id: int | str = "", detail: str = "") -> NoReturn:
    """Log a refused write and raise PermissionDenied with the Dutch ``message``."""
    session.record(action, outcome=Outcome.DENIED, object_type=object_type, object_id=object_id,
                   employee_id=employee_id)
    raise PermissionDenied(message, detail=detail or f"{object_type}: {session.user.role}")


def require_employee(session: Session, employee_id: int) -> None:
    if employees_store.get(session.db, employee_id) is None:
        raise NotFound(detail=f"employee {employee_id}")


def require_entry_of(session: Session, entry_id: int | None, employee_id: int) -> None:
    """An entry a record is linked to must exist and belong to the same employee."""
    if entry_id is not None and entries_store.employee_of(session.medical(), entry_id) != employee_id:
        raise ValidationErrors({"entry_id": "Aantekening: kies een aantekening uit het dossier "
                                            "van deze werknemer."})


def on_behalf_id(session: Session) -> int | None:
    """The physician an assistant acts for, as a user id (None for a physician)."""
    if session.user.role is Role.ASSISTANT and session.on_behalf_of:
        user = users_store.by_username(session.db, session.on_behalf_of)
        return user.id if user else None
    return None


def author_names(session: Session) -> dict[int, str]:
    """User id → display name, removed users included (their entries keep their name)."""
    return {u.id: u.display_name for u in users_store.all_users(session.db, include_removed=True)}
