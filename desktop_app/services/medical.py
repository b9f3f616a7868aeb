"""The medical section of a dossier: entries with their history.

Every call opens the section through ``session.medical()``, so a case manager, an assistant
without a signed secrecy statement, and a locked section are refused in one place; a refusal for
the role is itself logged (outcome "denied"). Every read is logged as READ_MEDICAL with the
employee and which data, every write as CREATE or UPDATE.

Who may write (DESIGN.md §1, and what a practice expects):

- a **physician** records every kind of entry — consultation, problem analysis (medical part),
  FML, letters from and to treating physicians, diagnosis, note — corrects entries, registers
  exposures, marks entries that concern other people's privacy, and keeps personal working notes;
- an **assistant** (derived medical secrecy, acting on behalf of a physician, who is stored with
  the entry) records letters from and to treating physicians, notes, attachments and the
  employee's statements; not a consultation, problem analysis, FML or diagnosis, and corrects
  nothing — a correction of the medical record is the physician's;
- a **case manager** nothing, and reads nothing.

Both medical roles read everything in the section except working notes, which only their author
sees (``services.working_notes``). Nothing medical is overwritten or deleted here: a correction
adds a version and the earlier ones stay readable to medical staff; there is no delete. A
restricted dossier (AVG art. 18) refuses writes; reading goes on.

Attachments, exposures, statements and working notes live in their own modules. The names they
had here before (``add_attachment``, ``statements`` …) still work for the callers that use them,
at the end of this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

from desktop_app.audit import Action, Outcome
from desktop_app.domain.medical.entries import MedicalEntry
from desktop_app.domain.medical.entry_forms import parse_correction, parse_entry, parse_kind
from desktop_app.domain.medical.kinds import EntryId, EntryKind, permissions_to_record
from desktop_app.domain.permissions import Permission
from desktop_app.domain.roles import Role
from desktop_app.errors import NotFound, PermissionDenied, ValidationError, ValidationErrors
from desktop_app.services import guards, users_store
from desktop_app.services.session import Session
from desktop_app.storage import cases as cases_store
from desktop_app.storage import employees as employees_store
from desktop_app.storage import medical_entries as store
from desktop_app.storage.connection import Database

# --- shared by the medical services --------------------------------------------------------------


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


def require_entry_of(mdb: Database, entry_id: int | None, employee_id: int) -> None:
    """An entry a record is linked to must exist and belong to the same employee."""
    if entry_id is not None and store.employee_of(mdb, entry_id) != employee_id:
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


_names = author_names  # the name services.documents uses


# --- entries ---------------------------------------------------------------------------------


def add_entry(session: Session, employee_id: int, kind: EntryKind | str, form: Mapping[str, str],
              entry_date: str | None = None, case_id: int | None = None) -> MedicalEntry:
    """Record an entry. ``form`` holds the kind's fields as typed (see BODY_FIELDS and the FML
    fields) and ``entry_date`` ("dd-mm-jjjj"; empty: today). The date may also be passed on its
    own, as older callers do."""
    mdb = medical_db(session, Action.CREATE, object_type="medical_entry", employee_id=employee_id)
    try:
        kind = parse_kind(kind)
    except ValidationError as exc:
        raise ValidationErrors({exc.field: exc.message}) from None
    if not session.holds(permissions_to_record(kind)):
        refuse(session, Action.CREATE, f"Een {session.user.role.label} kan geen "
               f"'{kind.label.lower()}' vastleggen; dat doet de bedrijfsarts.",
               object_type="medical_entry", employee_id=employee_id)
    require_employee(session, employee_id)
    guards.require_not_restricted(session, employee_id)
    if entry_date is not None:
        form = {**form, "entry_date": entry_date}
    parsed = parse_entry(kind, form, session.today())
    if case_id is not None:
        case = cases_store.get(session.db, case_id)
        if case is None or case.employee_id != employee_id:
            raise ValidationErrors({"case_id": "Verzuimgeval: kies een verzuimgeval van deze "
                                               "werknemer."})
    with mdb.transaction():
        entry_id = store.insert(mdb, employee_id, case_id, parsed.kind, parsed.entry_date,
                                parsed.body, session.user.id, on_behalf_id(session))
        session.record(Action.CREATE, object_type="medical_entry", object_id=entry_id,
                       employee_id=employee_id, data=kind.label)
    return store.current(mdb, entry_id, author_names(session))  # type: ignore[return-value]


def correct_entry(session: Session, entry_id: int, form: Mapping[str, str], *args: str,
                  reason: str | None = None) -> MedicalEntry:
    """``correct_entry(session, entry_id, form, reason)``: a NEW version with the form's content
    and the reason (required). The form replaces the whole body (start from
    ``domain.medical.entry_form``); an empty ``entry_date`` keeps the entry's date. Earlier
    versions stay readable to medical staff (``entry_history``).

    The older call ``correct_entry(session, entry_id, form, entry_date, reason)`` (also with
    ``reason=`` as keyword) is still accepted for the callers that use it.
    """
    form, reason = _correction_args(form, args, reason)
    mdb = medical_db(session, Action.UPDATE, object_type="medical_entry", object_id=entry_id)
    entry = _current(session, mdb, entry_id)
    if not session.holds((Permission.MEDICAL_CLINICAL,)):
        refuse(session, Action.UPDATE, "Alleen een bedrijfsarts kan een medische aantekening "
               "corrigeren.", object_type="medical_entry", object_id=entry_id,
               employee_id=entry.employee_id)
    guards.require_not_restricted(session, entry.employee_id)
    parsed, reason = parse_correction(entry.kind, form, reason, session.today(), entry.entry_date)
    with mdb.transaction():
        version = store.add_version(mdb, entry_id, parsed.entry_date, parsed.body, reason,
                                    session.user.id, on_behalf_id(session))
        session.record(Action.UPDATE, object_type="medical_entry", object_id=entry_id,
                       employee_id=entry.employee_id,
                       data=f"{entry.kind.label}: correctie, versie {version}")
    return _current(session, mdb, entry_id)


def _correction_args(form: Mapping[str, str], args: tuple[str, ...],
                     reason: str | None) -> tuple[Mapping[str, str], str]:
    if reason is None and len(args) == 1:
        return form, args[0]
    if reason is None and len(args) == 2:
        return {**form, "entry_date": args[0]}, args[1]
    if reason is not None and len(args) == 1:
        return {**form, "entry_date": args[0]}, reason
    if reason is not None and not args:
        return form, reason
    raise TypeError("correct_entry(session, entry_id, form, reason)")


def entry_history(session: Session, entry_id: int) -> list[MedicalEntry]:
    """Every version of an entry, oldest first, with who wrote it and why it was corrected."""
    mdb = medical_db(session, Action.READ_MEDICAL, object_type="medical_entry", object_id=entry_id)
    versions = store.history(mdb, entry_id, author_names(session))
    if not versions:
        raise NotFound(detail=f"entry {entry_id}")
    session.record(Action.READ_MEDICAL, object_type="medical_entry", object_id=entry_id,
                   employee_id=versions[0].employee_id,
                   data=f"{versions[0].kind.label}: {len(versions)} versie(s)")
    return versions


def get_entry(session: Session, entry_id: EntryId | int) -> MedicalEntry:
    """The current version of one entry; the read is logged."""
    mdb = medical_db(session, Action.READ_MEDICAL, object_type="medical_entry", object_id=entry_id)
    entry = _current(session, mdb, entry_id)
    session.record(Action.READ_MEDICAL, object_type="medical_entry", object_id=entry_id,
                   employee_id=entry.employee_id, data=entry.kind.label)
    return entry


def list_entries(session: Session, employee_id: int) -> list[MedicalEntry]:
    """The current version of every entry, newest first; the read is logged. The physician's
    personal working notes are never among them."""
    mdb = medical_db(session, Action.READ_MEDICAL, object_type="medical_entries",
                       employee_id=employee_id)
    entries = store.current_for(mdb, employee_id, author_names(session))
    session.record(Action.READ_MEDICAL, object_type="medical_entries", employee_id=employee_id,
                   data=f"medische aantekeningen ({len(entries)})")
    return entries


def mark_third_party_privacy(session: Session, entry_id: int, marked: bool) -> None:
    """Mark an entry as concerning other people's privacy, to leave out of inspection and copies.
    A physician's decision; the entry's content is untouched."""
    mdb = medical_db(session, Action.UPDATE, object_type="medical_entry", object_id=entry_id)
    entry = _current(session, mdb, entry_id)
    if session.user.role is not Role.PHYSICIAN:
        refuse(session, Action.UPDATE, "Alleen een bedrijfsarts markeert gegevens over derden.",
               object_type="medical_entry", object_id=entry_id, employee_id=entry.employee_id)
    with mdb.transaction():
        store.set_privacy_mark(mdb, entry_id, marked)
        session.record(Action.UPDATE, object_type="medical_entry", object_id=entry_id,
                       employee_id=entry.employee_id,
                       data="gemarkeerd: privacy van derden" if marked else "markering derden opgeheven")


def _current(session: Session, mdb: Database, entry_id: int) -> MedicalEntry:
    entry = store.current(mdb, entry_id, author_names(session))
    if entry is None:
        raise NotFound(detail=f"entry {entry_id}")
    return entry


# --- the names callers used before the section was split into modules -------------------------
# services.requests, services.documents, services.consents and the ui call these; new code
# uses services.attachments, .exposures, .statements and .working_notes directly.

_MOVED = {
    "MAX_ATTACHMENT": "attachments", "AttachmentInfo": "attachments", "sniff": "attachments",
    "add_attachment": "attachments", "list_attachments": "attachments",
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        import importlib

        return getattr(importlib.import_module(f"desktop_app.services.{_MOVED[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def get_attachment(session: Session, attachment_id: int) -> tuple[str, str, bytes]:
    """(file name, MIME type, data); see ``services.attachments.open_attachment``."""
    from desktop_app.services import attachments

    info, data = attachments.open_attachment(session, attachment_id)
    return info.filename, info.mime.value, data


def add_exposure(session: Session, employee_id: int, category: str, agent: str, start: str,
                 end: str = "", notes: str = "") -> int:
    from desktop_app.domain.medical.exposures import ExposureForm
    from desktop_app.services import exposures

    return exposures.add_exposure(session, employee_id,
                                  ExposureForm(category, agent, start, end, notes)).id


def exposures(session: Session, employee_id: int) -> list[tuple]:
    """(id, category, agent, start, end, notes), dates as ISO text."""
    from desktop_app.services import exposures as service

    return [(x.id, x.category.value, x.agent, x.start.isoformat(),
             x.end.isoformat() if x.end else None, x.notes)
            for x in service.list_exposures(session, employee_id)]


def add_statement(session: Session, employee_id: int, statement: str, received_on: str,
                  entry_id: int | None = None) -> int:
    from desktop_app.domain.medical.statements import StatementForm
    from desktop_app.services import statements as service

    return service.add_statement(session, employee_id, StatementForm(statement, received_on),
                                 entry_id=entry_id).id


def statements(session: Session, employee_id: int) -> list[tuple]:
    """(id, entry_id, received_on as ISO text, statement, recorded_by)."""
    from desktop_app.services import statements as service

    return [(s.id, s.entry_id, s.received_on.isoformat(), s.statement, s.recorded_by)
            for s in service.list_statements(session, employee_id)]


def add_working_note(session: Session, employee_id: int, body: str) -> int:
    from desktop_app.services import working_notes

    return working_notes.add_working_note(session, employee_id, body).id


def working_notes(session: Session, employee_id: int) -> list[tuple]:
    """(id, body, created_at) of the caller's own notes."""
    from desktop_app.services import working_notes as service

    return [(n.id, n.body, n.created_at) for n in service.list_working_notes(session, employee_id)]
