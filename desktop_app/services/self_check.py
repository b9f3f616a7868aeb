"""What ``arbokluis --self-test`` asks the core (``ui/self_test.py``): the encryption library
loads, and a practice's medical section takes an encrypted write and reads it back."""

from __future__ import annotations

from desktop_app.domain.permissions import Permission
from desktop_app.services.authz import requires, unguarded
from desktop_app.services.session import Session
from desktop_app.storage import connection, sections


@unguarded("the program's self-test: reports the encryption library's version, opens no practice")
def encryption_library() -> str:
    """"SQLCipher x.y.z", from a keyed in-memory database."""
    return f"SQLCipher {connection.cipher_version()}"


@requires(Permission.MEDICAL_READ)
def medical_write_read(session: Session) -> bool:
    """Write a probe into the unlocked medical section, read it back and remove it."""
    return sections.write_read_probe(session.medical())
