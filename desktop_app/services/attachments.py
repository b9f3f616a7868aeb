"""Attachments of the medical section: PDF, JPEG and PNG files, at most 25 MB, kept as BLOBs.

The type is decided from the content (the first bytes), never from the file name: a PNG named
"scan.pdf" is stored as PNG, a text file named "brief.pdf" is refused. The SHA-256 of the data is
stored and checked when the file is read back. Physicians and assistants add attachments (for
the physician); both read them; a case manager does neither. Every read is logged; nothing is
replaced or deleted here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from desktop_app.audit import Action
from desktop_app.domain.medical.attachments import AttachmentFile, AttachmentInfo, check_attachment
from desktop_app.domain.permissions import Permission
from desktop_app.errors import DatabaseDamaged
from desktop_app.services import restrictions
from desktop_app.services.authz import requires
from desktop_app.services.medical_section import (
    owned_or_taken_back,
    require_employee,
    require_entry_of,
)
from desktop_app.services.session import Session
from desktop_app.storage import attachments as store
from desktop_app.storage.lookup import get_or_not_found

T = TypeVar("T")


@requires(Permission.MEDICAL_WRITE)
def add_attachment(session: Session, employee_id: int, filename: str, data: bytes, *,
                   entry_id: int | None = None, description: str = "") -> AttachmentInfo:
    mdb = session.medical()
    require_employee(session, employee_id)
    restrictions.require_not_restricted(session, employee_id)
    data = bytes(data)
    new = check_attachment(filename, data, description)
    require_entry_of(session, entry_id, employee_id)
    with mdb.transaction():
        attachment_id = store.insert(mdb, employee_id, entry_id, new, data,
                                     hashlib.sha256(data).hexdigest(), session.user.id)
        session.record(Action.CREATE, object_type="attachment", object_id=attachment_id,
                       employee_id=employee_id, data=f"bijlage ({new.mime.label})")
    return store.get(mdb, attachment_id)  # type: ignore[return-value]


@requires(Permission.MEDICAL_WRITE)
def add_attachment_for(session: Session, employee_id: int, filename: str, data: bytes,
                       owner: Callable[[AttachmentInfo], T], *, description: str = "") -> T:
    """``add_attachment`` for a document that belongs to a record in the practice section (a
    release), which ``owner(info)`` writes. The two files cannot share one transaction: when the
    owner fails, the document is taken back, leaving none that belongs to nothing, and the owner's
    failure is the error raised. Only this way is an attachment taken back, so no caller can
    delete one it did not just make."""
    info = add_attachment(session, employee_id, filename, data, description=description)
    return owned_or_taken_back(session, info, owner, lambda: store.delete_unlinked(session.medical(), info.id),
                               employee_id=employee_id, object_type="attachment", object_id=info.id,
                               why="bijlage teruggenomen: verstrekking niet vastgelegd")


@requires(Permission.MEDICAL_READ)
def list_attachments(session: Session, employee_id: int) -> list[AttachmentInfo]:
    """The employee's attachments without their data; the read is logged."""
    mdb = session.medical()
    infos = store.for_employee(mdb, employee_id)
    session.record(Action.READ_MEDICAL, object_type="attachments", employee_id=employee_id,
                   data=f"lijst van bijlagen ({len(infos)})")
    return infos


@requires(Permission.MEDICAL_READ)
def open_attachment(session: Session, attachment_id: int) -> AttachmentFile:
    """An attachment with its data, to show from memory; the read is logged."""
    mdb = session.medical()
    info = get_or_not_found(store.get, mdb, attachment_id, what="attachment")
    pieces = checked_pieces(session, info)
    session.record(Action.READ_MEDICAL, object_type="attachment", object_id=attachment_id,
                   employee_id=info.employee_id, data=f"bijlage ({info.mime.label}) geopend")
    return AttachmentFile(info, pieces)


@requires(Permission.MEDICAL_READ)
def checked_pieces(session: Session, info: AttachmentInfo) -> tuple[bytes, ...]:
    """The attachment's pieces, checked against its SHA-256; the caller logs the read. A missing,
    extra or changed piece is damage, not a different file."""
    pieces = tuple(store.pieces(session.medical(), info.id))
    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(piece)  # hashlib lets go of Python's lock for each piece
    if digest.hexdigest() != info.sha256 or sum(map(len, pieces)) != info.size:
        raise DatabaseDamaged(detail=f"attachment {info.id} does not match its checksum")
    return pieces


@requires(Permission.MEDICAL_READ)
def get_attachment(session: Session, attachment_id: int) -> bytes:
    """The data of an attachment; the read is logged."""
    return open_attachment(session, attachment_id).data
