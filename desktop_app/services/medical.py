"""The medical section of a dossier: entries with history, attachments, exposures, statements,
and the physician's personal working notes.

Every call goes through ``session.medical()``, so a case manager, an assistant without a secrecy
statement, or a locked section is refused in one place. Role rules for writing:
- a physician records every kind of entry and corrects entries;
- an assistant (acting for a physician, under derived secrecy) records letters from and to
  treating physicians, notes, attachments and employee statements, but no consultation,
  problem analysis, FML or diagnosis, and corrects nothing;
- personal working notes are written by physicians only and read by their author only.
Nothing medical is overwritten or deleted here: a correction adds a version.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from desktop_app.audit import Action
from desktop_app.domain import validation
from desktop_app.domain.medical import (
    ASSISTANT_KINDS,
    EntryKind,
    ExposureCategory,
    MedicalEntry,
    parse_body,
)
from desktop_app.domain.roles import Role
from desktop_app.errors import NotFound, PermissionDenied, ValidationError
from desktop_app.services import guards, users_store
from desktop_app.services.session import Session
from desktop_app.storage import employees as employees_store
from desktop_app.storage import medical as store

MAX_ATTACHMENT = 25 * 1024 * 1024
_MAGIC = ((b"%PDF-", "application/pdf"), (b"\xff\xd8\xff", "image/jpeg"),
          (b"\x89PNG\r\n\x1a\n", "image/png"))


def _names(session: Session) -> dict[int, str]:
    return {u.id: u.display_name for u in users_store.all_users(session.db, include_removed=True)}


def _on_behalf_id(session: Session) -> int | None:
    if session.user.role is Role.ASSISTANT and session.on_behalf_of:
        user = users_store.by_username(session.db, session.on_behalf_of)
        return user.id if user else None
    return None


def _employee(session: Session, employee_id: int) -> None:
    if employees_store.get(session.db, employee_id) is None:
        raise NotFound(detail=f"employee {employee_id}")


def _may_write(session: Session, kind: EntryKind) -> None:
    if session.user.role is Role.PHYSICIAN:
        return
    if session.user.role is Role.ASSISTANT and kind in ASSISTANT_KINDS:
        return
    raise PermissionDenied(f"Een {session.user.role.label} kan geen '{kind.label.lower()}' vastleggen; "
                           "dat doet de bedrijfsarts.", detail=f"write {kind}")


def add_entry(session: Session, employee_id: int, kind: EntryKind | str, form: dict[str, str],
              entry_date: str, case_id: int | None = None) -> MedicalEntry:
    mdb = session.medical()
    _employee(session, employee_id)
    on, body = parse_body(kind, form, entry_date, session.today())
    kind = EntryKind(kind)
    _may_write(session, kind)
    guards.require_not_restricted(session, employee_id)
    with mdb.transaction():
        entry_id = store.insert_entry(mdb, employee_id, case_id, kind, on, body, session.user.id,
                                      _on_behalf_id(session))
        session.record(Action.CREATE, object_type="medical_entry", object_id=entry_id,
                       employee_id=employee_id, data=kind.label)
    return store.current(mdb, entry_id, _names(session))  # type: ignore[return-value]


def correct_entry(session: Session, entry_id: int, form: dict[str, str], entry_date: str,
                  reason: str) -> MedicalEntry:
    """A correction is a new version; the earlier ones stay readable to medical staff."""
    mdb = session.medical()
    entry = _current(session, entry_id)
    if session.user.role is not Role.PHYSICIAN:
        raise PermissionDenied("Alleen een bedrijfsarts kan een medische aantekening corrigeren.")
    guards.require_not_restricted(session, entry.employee_id)
    reason = validation.text(reason, "reason", label="Reden van de correctie", required=True,
                             max_length=1000, multiline=True)
    on, body = parse_body(entry.kind, form, entry_date, session.today())
    with mdb.transaction():
        store.add_version(mdb, entry_id, entry.version + 1, body, reason, session.user.id, None)
        if on != entry.entry_date:
            mdb.execute("UPDATE medical_entries SET entry_date = ? WHERE id = ?", (on.isoformat(), entry_id))
        session.record(Action.UPDATE, object_type="medical_entry", object_id=entry_id,
                       employee_id=entry.employee_id, data=f"correctie, versie {entry.version + 1}")
    return _current(session, entry_id)


def list_entries(session: Session, employee_id: int) -> list[MedicalEntry]:
    """Current versions, newest first; the read is logged. Working notes are never included."""
    mdb = session.medical()
    entries = store.entries_for(mdb, employee_id, _names(session))
    session.record(Action.READ_MEDICAL, object_type="medical_entries", employee_id=employee_id,
                   data=f"{len(entries)} medische aantekeningen")
    return entries


def entry_history(session: Session, entry_id: int) -> list[MedicalEntry]:
    mdb = session.medical()
    versions = store.history(mdb, entry_id, _names(session))
    if not versions:
        raise NotFound(detail=f"entry {entry_id}")
    session.record(Action.READ_MEDICAL, object_type="medical_entry", object_id=entry_id,
                   employee_id=versions[0].employee_id, data="eerdere versies")
    return versions


def mark_third_party_privacy(session: Session, entry_id: int, marked: bool) -> None:
    """Mark what concerns other people's privacy, to leave out of inspection and copies."""
    mdb = session.medical()
    if session.user.role is not Role.PHYSICIAN:
        raise PermissionDenied("Alleen een bedrijfsarts markeert gegevens over derden.")
    entry = _current(session, entry_id)
    with mdb.transaction():
        store.set_privacy_mark(mdb, entry_id, marked)
        session.record(Action.UPDATE, object_type="medical_entry", object_id=entry_id,
                       employee_id=entry.employee_id,
                       data="gemarkeerd: privacy van derden" if marked else "markering derden opgeheven")


def _current(session: Session, entry_id: int) -> MedicalEntry:
    entry = store.current(session.medical(), entry_id, _names(session))
    if entry is None:
        raise NotFound(detail=f"entry {entry_id}")
    return entry


# --- attachments ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    entry_id: int | None
    filename: str
    mime: str
    size: int
    description: str
    created_at: str


def sniff(data: bytes) -> str | None:
    """The type from the content, never from the file name."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    return None


def add_attachment(session: Session, employee_id: int, filename: str, data: bytes,
                   entry_id: int | None = None, description: str = "") -> AttachmentInfo:
    mdb = session.medical()
    _employee(session, employee_id)
    _may_write(session, EntryKind.NOTE)
    guards.require_not_restricted(session, employee_id)
    if not data:
        raise ValidationError("file", "Bijlage: het bestand is leeg.")
    if len(data) > MAX_ATTACHMENT:
        raise ValidationError("file", "Bijlage: een bijlage mag hoogstens 25 MB zijn.")
    mime = sniff(data)
    if mime is None:
        raise ValidationError("file", "Bijlage: alleen PDF, JPEG en PNG kunnen worden bewaard "
                                      "(gecontroleerd aan de inhoud, niet aan de naam).")
    filename = validation.text(filename or "bijlage", "file", label="Bestandsnaam", max_length=255)
    description = validation.text(description, "description", label="Omschrijving", max_length=500)
    with mdb.transaction():
        attachment_id = store.insert_attachment(mdb, employee_id, entry_id, filename, mime, data,
                                                hashlib.sha256(data).hexdigest(), description,
                                                session.user.id)
        session.record(Action.CREATE, object_type="attachment", object_id=attachment_id,
                       employee_id=employee_id, data=mime)
    return next(a for a in list_attachments(session, employee_id, audit=False) if a.id == attachment_id)


def list_attachments(session: Session, employee_id: int, *, audit: bool = True) -> list[AttachmentInfo]:
    mdb = session.medical()
    rows = [AttachmentInfo(*r) for r in store.attachments_for(mdb, employee_id)]
    if audit:
        session.record(Action.READ_MEDICAL, object_type="attachments", employee_id=employee_id,
                       data=f"{len(rows)} bijlagen (lijst)")
    return rows


def get_attachment(session: Session, attachment_id: int) -> tuple[str, str, bytes]:
    """(filename, mime, data) for viewing in memory; the read is logged."""
    mdb = session.medical()
    row = store.attachment_data(mdb, attachment_id)
    if row is None:
        raise NotFound(detail=f"attachment {attachment_id}")
    employee_id, filename, mime, data = row
    session.record(Action.READ_MEDICAL, object_type="attachment", object_id=attachment_id,
                   employee_id=employee_id, data="bijlage bekeken")
    return filename, mime, bytes(data)


# --- exposures and statements -------------------------------------------------------------------


def add_exposure(session: Session, employee_id: int, category: str, agent: str, start: str,
                 end: str = "", notes: str = "") -> int:
    mdb = session.medical()
    _employee(session, employee_id)
    _may_write(session, EntryKind.DIAGNOSIS)  # physicians record exposures
    try:
        category = ExposureCategory(category).value
    except ValueError:
        raise ValidationError("category", "Soort blootstelling: kies uit de lijst.") from None
    agent = validation.text(agent, "agent", label="Stof of bron", required=True, max_length=200)
    begin = validation.parse_date_nl(start, "start")
    finish = validation.parse_date_nl(end, "end") if end.strip() else None
    if finish and finish < begin:
        raise ValidationError("end", "Einde blootstelling: ligt vóór het begin.")
    notes = validation.text(notes, "notes", label="Toelichting", max_length=2000, multiline=True)
    with mdb.transaction():
        exposure_id = store.insert_exposure(mdb, employee_id, category, agent, begin, finish, notes,
                                            session.user.id)
        session.record(Action.CREATE, object_type="exposure", object_id=exposure_id,
                       employee_id=employee_id, data=category)
    return exposure_id


def exposures(session: Session, employee_id: int) -> list[tuple]:
    return store.exposures_for(session.medical(), employee_id)


def add_statement(session: Session, employee_id: int, statement: str, received_on: str,
                  entry_id: int | None = None) -> int:
    """The employee's own view, added to the dossier (e.g. when a correction is refused)."""
    mdb = session.medical()
    _employee(session, employee_id)
    _may_write(session, EntryKind.NOTE)
    text = validation.text(statement, "statement", label="Verklaring van de werknemer",
                           required=True, max_length=20000, multiline=True)
    on = validation.parse_date_nl(received_on, "received_on")
    with mdb.transaction():
        statement_id = store.insert_statement(mdb, employee_id, entry_id, on, text, session.user.id)
        session.record(Action.CREATE, object_type="employee_statement", object_id=statement_id,
                       employee_id=employee_id)
    return statement_id


def statements(session: Session, employee_id: int) -> list[tuple]:
    return store.statements_for(session.medical(), employee_id)


# --- the physician's personal working notes ----------------------------------------------------


def add_working_note(session: Session, employee_id: int, body: str) -> int:
    mdb = session.medical()
    if session.user.role is not Role.PHYSICIAN:
        raise PermissionDenied("Persoonlijke werkaantekeningen zijn er alleen voor de bedrijfsarts.")
    _employee(session, employee_id)
    body = validation.text(body, "body", label="Werkaantekening", required=True, max_length=20000,
                           multiline=True)
    with mdb.transaction():
        note_id = store.insert_note(mdb, employee_id, session.user.id, body)
        session.record(Action.CREATE, object_type="working_note", object_id=note_id,
                       employee_id=employee_id)
    return note_id


def working_notes(session: Session, employee_id: int) -> list[tuple]:
    """The current user's own working notes for this employee; nobody else's, not even a count."""
    mdb = session.medical()
    if session.user.role is not Role.PHYSICIAN:
        return []
    return store.notes_of(mdb, employee_id, session.user.id)


