"""Queries of attachments (PDF, JPEG, PNG kept as BLOBs in the medical section).

An attachment's bytes are kept in pieces of at most ``PIECE`` bytes (``attachment_pieces``), read
and written one piece per call: a 25 MB value built in one call held Python's lock, and so the GUI
thread, for tens of milliseconds (schema_medical migration 4).
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.domain.medical.attachments import (
    AttachmentId,
    AttachmentInfo,
    AttachmentType,
    NewAttachment,
)
from desktop_app.storage.column_values import now
from desktop_app.storage.connection import Database

PIECE = 1 << 20

_INFO = ("SELECT id, employee_id, entry_id, filename, mime, size, sha256, description, created_by, "
         "created_at FROM attachments ")


def _info(r: tuple) -> AttachmentInfo:
    return AttachmentInfo(AttachmentId(r[0]), r[1], r[2], r[3], AttachmentType(r[4]), r[5], r[6],
                          r[7], r[8], r[9])


def insert(db: Database, employee_id: int, entry_id: int | None, new: NewAttachment, data: bytes,
           sha256: str, author_id: int) -> AttachmentId:
    cur = db.execute(
        "INSERT INTO attachments (employee_id, entry_id, filename, mime, size, sha256, "
        "description, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (employee_id, entry_id, new.filename, new.mime.value, len(data), sha256,
         new.description, author_id, now()))
    attachment_id = AttachmentId(cur.lastrowid)
    view = memoryview(data)
    for n, start in enumerate(range(0, max(len(view), 1), PIECE)):
        db.execute("INSERT INTO attachment_pieces (attachment_id, n, data) VALUES (?, ?, ?)",
                   (attachment_id, n, view[start:start + PIECE]))
    return attachment_id


def get(db: Database, attachment_id: int) -> AttachmentInfo | None:
    r = db.one(_INFO + "WHERE id = ?", (attachment_id,))
    return _info(r) if r else None


def for_employee(db: Database, employee_id: int) -> list[AttachmentInfo]:
    """Without the data, in the order they were added."""
    return [_info(r) for r in db.query(_INFO + "WHERE employee_id = ? ORDER BY id", (employee_id,))]


def pieces(db: Database, attachment_id: int) -> Iterator[bytes]:
    """The attachment's bytes in order, one piece per query (none for an unknown id). Each piece
    is its own query, so no statement stays open between them."""
    n = 0
    while (blob := db.scalar("SELECT data FROM attachment_pieces WHERE attachment_id = ? AND n = ?",
                             (attachment_id, n))) is not None:
        yield bytes(blob)
        n += 1


def delete_for_employee(db: Database, employee_id: int) -> int:
    """Erasure only (services.erasure); returns how many were deleted."""
    db.execute("DELETE FROM attachment_pieces WHERE attachment_id IN "
               "(SELECT id FROM attachments WHERE employee_id = ?)", (employee_id,))
    return db.execute("DELETE FROM attachments WHERE employee_id = ?", (employee_id,)).rowcount


def delete_unlinked(db: Database, attachment_id: int) -> int:
    """Take back an attachment that belongs to no entry (one whose release was not recorded)."""
    db.execute("DELETE FROM attachment_pieces WHERE attachment_id = "
               "(SELECT id FROM attachments WHERE id = ? AND entry_id IS NULL)", (attachment_id,))
    return db.execute("DELETE FROM attachments WHERE id = ? AND entry_id IS NULL", (attachment_id,)).rowcount
