"""Queries of attachments (PDF, JPEG, PNG kept as BLOBs in the medical section)."""

from __future__ import annotations

from desktop_app.domain.medical.attachments import (
    AttachmentId,
    AttachmentInfo,
    AttachmentType,
    NewAttachment,
)
from desktop_app.storage.column_values import now
from desktop_app.storage.connection import Database

_INFO = ("SELECT id, employee_id, entry_id, filename, mime, size, sha256, description, created_by, "
         "created_at FROM attachments ")


def _info(r: tuple) -> AttachmentInfo:
    return AttachmentInfo(AttachmentId(r[0]), r[1], r[2], r[3], AttachmentType(r[4]), r[5], r[6],
                          r[7], r[8], r[9])


def insert(db: Database, employee_id: int, entry_id: int | None, new: NewAttachment, data: bytes,
           sha256: str, author_id: int) -> AttachmentId:
    cur = db.execute(
        "INSERT INTO attachments (employee_id, entry_id, filename, mime, size, sha256, data, "
        "description, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (employee_id, entry_id, new.filename, new.mime.value, len(data), sha256, data,
         new.description, author_id, now()))
    return AttachmentId(cur.lastrowid)


def get(db: Database, attachment_id: int) -> AttachmentInfo | None:
    r = db.one(_INFO + "WHERE id = ?", (attachment_id,))
    return _info(r) if r else None


def for_employee(db: Database, employee_id: int) -> list[AttachmentInfo]:
    """Without the data, in the order they were added."""
    return [_info(r) for r in db.query(_INFO + "WHERE employee_id = ? ORDER BY id", (employee_id,))]


def data(db: Database, attachment_id: int) -> bytes | None:
    blob = db.scalar("SELECT data FROM attachments WHERE id = ?", (attachment_id,))
    return None if blob is None else bytes(blob)


def delete_for_employee(db: Database, employee_id: int) -> int:
    """Erasure only (services.erasure); returns how many were deleted."""
    return db.execute("DELETE FROM attachments WHERE employee_id = ?", (employee_id,)).rowcount


def delete_unlinked(db: Database, attachment_id: int) -> int:
    """Take back an attachment that belongs to no entry (one whose release was not recorded)."""
    return db.execute("DELETE FROM attachments WHERE id = ? AND entry_id IS NULL", (attachment_id,)).rowcount
