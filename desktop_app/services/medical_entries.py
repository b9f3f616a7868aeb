"""Medical entries with their history: consultation, problem analysis (medical part), FML,
letters from and to treating physicians, diagnosis, note.

Every read is logged as READ_MEDICAL with the employee and which data, every write as CREATE or
UPDATE.

Who may write (DESIGN.md §1, and what a practice expects):

- a **physician** records every kind of entry, corrects entries and marks entries that concern
  other people's privacy;
- an **assistant** (derived medical secrecy, acting on behalf of a physician, who is stored with
  the entry) records letters from and to treating physicians and notes; not a consultation,
  problem analysis, FML or diagnosis (``domain.medical.kinds.permissions_to_record``), and
  corrects nothing — a correction of the medical record is the physician's;
- a **case manager** nothing, and reads nothing.

Both medical roles read every entry. Nothing medical is overwritten or deleted here: a correction
adds a version and the earlier ones stay readable to medical staff; there is no delete. A
restricted dossier (AVG art. 18) refuses writes; reading goes on. The physician's personal
working notes are never entries (``services.working_notes``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from desktop_app.audit import Action
from desktop_app.domain.billing import BILLABLE_ENTRY_KINDS, Source, Work, parse_work
from desktop_app.domain.medical.entries import MedicalEntry
from desktop_app.domain.medical.entry_forms import (
    ParsedEntry,
    parse_correction,
    parse_entry,
    parse_kind,
)
from desktop_app.domain.medical.kinds import WITHOUT_CASE, EntryId, EntryKind, permissions_to_record
from desktop_app.domain.permissions import Permission
from desktop_app.errors import PermissionDenied, ValidationError, ValidationErrors
from desktop_app.services import authz, billable_work, restrictions
from desktop_app.services.authz import requires
from desktop_app.services.medical_section import (
    author_names,
    on_behalf_id,
    owned_or_taken_back,
    require_employee,
)
from desktop_app.services.session import Session
from desktop_app.storage import cases as cases_store
from desktop_app.storage import medical_entries as store
from desktop_app.storage.connection import Database
from desktop_app.storage.lookup import get_or_not_found

T = TypeVar("T")


@requires(Permission.MEDICAL_WRITE)
def add_entry(session: Session, employee_id: int, kind: EntryKind | str, form: Mapping[str, str],
              *, case_id: int | None = None, work: Mapping[str, str] | None = None) -> MedicalEntry:
    """Record an entry. ``form`` holds the kind's fields as typed (see ``kinds.BODY_FIELDS`` and
    the FML fields) and ``entry_date`` ("dd-mm-jjjj"; empty or absent: today).

    An open consultation and an examination are never tied to an absence case. ``work``
    (``work_kind``, ``minutes``) is the billable time of a consultation or examination, kept in
    practice.db without any medical content (``services.billable_work``)."""
    mdb = session.medical()
    try:
        kind = parse_kind(kind)
    except ValidationError as exc:
        raise ValidationErrors({exc.field: exc.message}) from None
    _check_kind(session, kind, employee_id)
    require_employee(session, employee_id)
    restrictions.require_not_restricted(session, employee_id)
    parsed, billed = _parse_with_work(kind, form, work, session.today())
    if case_id is not None and kind in WITHOUT_CASE:
        raise ValidationErrors({"case_id": f"{kind.label}: hoort niet bij een verzuimgeval."})
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
    if billed is not None:  # practice.db: checked above, so only the disk can stop it now; then the entry goes

        def bill(_entry_id) -> None:
            with session.db.transaction():
                billable_work.record(session, employee_id, Source.MEDICAL_ENTRY, entry_id, parsed.entry_date, billed,
                                     confidential=bool(getattr(parsed.body, "confidential", False)))

        owned_or_taken_back(session, entry_id, bill, lambda: store.delete_unreferenced(mdb, entry_id),
                            employee_id=employee_id, object_type="medical_entry", object_id=entry_id,
                            why="aantekening teruggenomen: declarabele tijd niet vastgelegd")
    return store.current(mdb, entry_id, author_names(session))  # type: ignore[return-value]



@requires(Permission.MEDICAL_WRITE)
def add_entry_for(session: Session, employee_id: int, kind: EntryKind | str, form: Mapping[str, str],
                  owner: Callable[[MedicalEntry], T], *, case_id: int | None = None) -> T:
    """``add_entry`` for an entry that belongs to a document in the practice section (the problem
    analysis's functional part), which ``owner(entry)`` writes. The two files share no
    transaction: when the owner fails, the entry is taken back, leaving none that belongs to
    nothing, and the owner's failure is the error raised. Only this way is an entry deleted
    outside an erasure, so no caller can remove one it did not just make."""
    entry = add_entry(session, employee_id, kind, form, case_id=case_id)
    return owned_or_taken_back(session, entry, owner, lambda: store.delete_unreferenced(session.medical(), entry.id),
                               employee_id=employee_id, object_type="medical_entry", object_id=entry.id,
                               why="aantekening teruggenomen: document niet vastgelegd")

def _parse_with_work(kind: EntryKind, form: Mapping[str, str], work: Mapping[str, str] | None,
                     today) -> tuple[ParsedEntry, Work | None]:
    """The entry and its billable time, every wrong field of both at once."""
    errors: dict[str, str] = {}
    parsed = billed = None
    try:
        parsed = parse_entry(kind, form, today)
    except ValidationErrors as exc:
        errors.update(exc.errors)
    try:
        billed = parse_work(work)
    except ValidationErrors as exc:
        errors.update(exc.errors)
    if billed is not None and kind not in BILLABLE_ENTRY_KINDS:
        errors["work_kind"] = f"Soort werk: bij een {kind.label.lower()} wordt geen tijd vastgelegd."
    if errors:
        raise ValidationErrors(errors)
    return parsed, billed  # type: ignore[return-value]


@requires(Permission.MEDICAL_CLINICAL)
def correct_entry(session: Session, entry_id: int, form: Mapping[str, str],
                  reason: str) -> MedicalEntry:
    """A NEW version with the form's content and the reason (required). The form replaces the
    whole body (start from ``domain.medical.entry_forms.entry_form``); an empty or absent
    ``entry_date`` keeps the entry's date. Earlier versions stay readable to medical staff
    (``entry_history``)."""
    mdb = session.medical()
    entry = _current(session, mdb, entry_id)
    restrictions.require_not_restricted(session, entry.employee_id)
    parsed, reason = parse_correction(entry.kind, form, reason, session.today(), entry.entry_date)
    with mdb.transaction():
        version = store.add_version(mdb, entry_id, parsed.entry_date, parsed.body, reason,
                                    session.user.id, on_behalf_id(session))
        session.record(Action.UPDATE, object_type="medical_entry", object_id=entry_id,
                       employee_id=entry.employee_id,
                       data=f"{entry.kind.label}: correctie, versie {version}")
    if entry.kind in BILLABLE_ENTRY_KINDS:  # its bookkeeping line names the employee only if it may
        billable_work.follow_correction(session, Source.MEDICAL_ENTRY, entry_id,
                                        confidential=bool(getattr(parsed.body, "confidential", False)))
    return _current(session, mdb, entry_id)


@requires(Permission.MEDICAL_READ)
def entry_history(session: Session, entry_id: int) -> list[MedicalEntry]:
    """Every version of an entry, oldest first, with who wrote it and why it was corrected."""
    mdb = session.medical()
    versions = get_or_not_found(store.history, mdb, entry_id, author_names(session),
                                what="medical entry")
    session.record(Action.READ_MEDICAL, object_type="medical_entry", object_id=entry_id,
                   employee_id=versions[0].employee_id,
                   data=f"{versions[0].kind.label}: {len(versions)} versie(s)")
    return versions


@requires(Permission.MEDICAL_READ)
def get_entry(session: Session, entry_id: EntryId | int) -> MedicalEntry:
    """The current version of one entry; the read is logged."""
    mdb = session.medical()
    entry = _current(session, mdb, entry_id)
    session.record(Action.READ_MEDICAL, object_type="medical_entry", object_id=entry_id,
                   employee_id=entry.employee_id, data=entry.kind.label)
    return entry


@requires(Permission.MEDICAL_READ)
def list_entries(session: Session, employee_id: int) -> list[MedicalEntry]:
    """The current version of every entry, newest first; the read is logged. The physician's
    personal working notes are never among them."""
    mdb = session.medical()
    entries = store.current_for(mdb, employee_id, author_names(session))
    session.record(Action.READ_MEDICAL, object_type="medical_entries", employee_id=employee_id,
                   data=f"medische aantekeningen ({len(entries)})")
    return entries


@requires(Permission.MEDICAL_CLINICAL)
def mark_third_party_privacy(session: Session, entry_id: int, marked: bool) -> None:
    """Mark an entry as concerning other people's privacy, to leave out of inspection and copies.
    A physician's decision; the entry's content is untouched."""
    mdb = session.medical()
    entry = _current(session, mdb, entry_id)
    with mdb.transaction():
        store.set_privacy_mark(mdb, entry_id, marked)
        session.record(Action.UPDATE, object_type="medical_entry", object_id=entry_id,
                       employee_id=entry.employee_id,
                       data="gemarkeerd: privacy van derden" if marked else "markering derden opgeheven")


def _check_kind(session: Session, kind: EntryKind, employee_id: int) -> None:
    """The kind decides what recording needs (an assistant records a letter, not a consultation);
    refused through the one mechanism, so it is audited like any refusal, with the kind named."""
    try:
        authz.check(session, "medical_entries.add_entry", permissions_to_record(kind),
                    employee_id=employee_id)
    except PermissionDenied as exc:
        exc.message = (f"Een {session.user.role.label} kan geen '{kind.label.lower()}' vastleggen; "
                       "dat doet de bedrijfsarts.")
        raise


def _current(session: Session, mdb: Database, entry_id: int) -> MedicalEntry:
    return get_or_not_found(store.current, mdb, entry_id, author_names(session),
                            what="medical entry")
