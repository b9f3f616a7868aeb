"""A password on a PDF, for sending it by e-mail: AES-256 as in PDF 2.0 (``/V 5``, ``/R 6``).

pypdf does the encryption; reportlab's own is RC4 or the older revision 5 of AES-256, and that one
only with the unmaintained pyaes package (docs/decisions/0003-pdf-encryption.md). All in memory.
"""

from __future__ import annotations

import io
import secrets

from pypdf import PdfReader, PdfWriter

from desktop_app.errors import ValidationError

FIELD = "pdf_password"
MIN_LENGTH = 8


def check_password(password: str | None) -> str:
    """The password if it may protect a PDF; otherwise ValidationError with a Dutch message."""
    if not password:
        raise ValidationError(FIELD, "Vul een wachtwoord in voor de PDF.")
    if password != password.strip():
        raise ValidationError(FIELD, "Het wachtwoord voor de PDF mag niet met een spatie beginnen of eindigen.")
    if len(password) < MIN_LENGTH:
        raise ValidationError(FIELD, f"Het wachtwoord voor de PDF moet minstens {MIN_LENGTH} tekens hebben.")
    return password


def protect(pdf: bytes, password: str) -> bytes:
    """``pdf`` encrypted with AES-256; it opens only with ``password``.

    The owner password is random and forgotten, so nobody can lift the protection without the
    user password. The document information (title, date) is encrypted with the rest.
    """
    check_password(password)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(32), algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
