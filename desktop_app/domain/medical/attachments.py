"""Attachment types (PDF, JPEG, PNG, decided from the content) and the checks on a new file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

from desktop_app.domain import validation
from desktop_app.errors import ValidationError

AttachmentId = NewType("AttachmentId", int)

MAX_ATTACHMENT = 25 * 1024 * 1024  # 25 MB


class AttachmentType(StrEnum):
    """The kinds of file kept, as MIME types; decided from the content, never from the name."""

    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"

    @property
    def label(self) -> str:
        return {"application/pdf": "PDF", "image/jpeg": "JPEG-afbeelding",
                "image/png": "PNG-afbeelding"}[self.value]


_MAGIC = ((b"%PDF-", AttachmentType.PDF), (b"\xff\xd8\xff", AttachmentType.JPEG),
          (b"\x89PNG\r\n\x1a\n", AttachmentType.PNG))


_EXTENSIONS = {AttachmentType.PDF: "pdf", AttachmentType.JPEG: "jpg", AttachmentType.PNG: "png"}


def sniff(data: bytes) -> AttachmentType | None:
    """The file's type from its first bytes (magic numbers); None for anything else."""
    head = bytes(data[:8])
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


@dataclass(frozen=True)
class NewAttachment:
    filename: str
    mime: AttachmentType
    description: str


@dataclass(frozen=True)
class AttachmentInfo:
    """An attachment without its data."""

    id: AttachmentId
    employee_id: int
    entry_id: int | None
    filename: str
    mime: AttachmentType
    size: int
    sha256: str
    description: str
    created_by: int
    created_at: str


@dataclass(frozen=True)
class AttachmentFile:
    """An attachment with its data, to show from memory, in the pieces it is kept in (at most a
    megabyte each: a viewer copies them on one by one). The data stays out of ``repr``, so no
    log line or crash report can carry it."""

    info: AttachmentInfo
    pieces: tuple[bytes, ...] = field(repr=False)

    @property
    def data(self) -> bytes:
        """The whole file as one value (one copy of it)."""
        return b"".join(self.pieces)


def check_attachment(filename: str, data: bytes, description: str = "") -> NewAttachment:
    """Refuse an empty or too large file, and any type but PDF, JPEG and PNG (by content)."""
    if not data:
        raise ValidationError("file", "Bijlage: het bestand is leeg.")
    if len(data) > MAX_ATTACHMENT:
        raise ValidationError("file", f"Bijlage: het bestand is {len(data) / 1024 / 1024:.1f} MB; "
                                      "een bijlage mag hoogstens 25 MB zijn.")
    mime = sniff(data)
    if mime is None:
        raise ValidationError("file", "Bijlage: alleen PDF, JPEG en PNG kunnen worden bewaard. Dit "
                                      "bestand is geen van drieën (gecontroleerd aan de inhoud, "
                                      "niet aan de naam).")
    name = validation.text(filename, "filename", label="Bestandsnaam", max_length=255)
    if not name.strip():
        name = "bijlage." + _EXTENSIONS[mime]
    description = validation.text(description, "description", label="Omschrijving",
                                  max_length=500)
    return NewAttachment(name, mime, description)
