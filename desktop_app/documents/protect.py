"""Password protection with AES-256 for sending a PDF by e-mail (pypdf; reportlab offers RC4/AES-128)."""

from __future__ import annotations

import io
import secrets

from pypdf import PdfReader, PdfWriter

from desktop_app.errors import ValidationError

MIN_LENGTH = 8


def protect(pdf: bytes, password: str) -> bytes:
    if len(password) < MIN_LENGTH or password != password.strip():
        raise ValidationError("pdf_password", f"Wachtwoord voor de PDF: minstens {MIN_LENGTH} tekens, "
                                              "zonder spaties aan begin of eind.")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(24), algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
