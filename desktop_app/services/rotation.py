"""Rotating the medical key, so that a removed or demoted user's old slot opens nothing.

The order keeps a key that opens medical.db on disk at every moment:
1. seal the new key for every medical user and the recovery slot as *pending* in the vault;
2. ``PRAGMA rekey``; close; reopen with the new key to confirm (on a read-only file rekey
   reports success and keeps the old key);
3. promote the pending grants and write the vault.
A crash after 1 leaves the old key working; after 2, the pending grant opens the database and the
next unlock finishes step 3 (``finish_interrupted``).
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.audit import Action, Outcome
from desktop_app.errors import StorageError
from desktop_app.storage.sections import MEDICAL, open_section
from desktop_app.vault import crypto

Progress = Callable[[int, int, str], None]


def rotate_medical_key(session, reason: str, progress: Progress | None = None) -> int:
    """Rekey medical.db under a fresh key; the session's medical section stays open."""
    report = progress or (lambda done, total, text: None)
    session.require_admin()
    db = session.medical()
    old_key = session.medical_key()
    new_key = crypto.random_bytes()
    vault = session.vault

    report(0, 4, "Nieuwe sleutel voorbereiden")
    version = vault.stage_rotation(new_key)
    session.save_vault()

    report(1, 4, "Medische gegevens opnieuw versleutelen")
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    finally:
        db.close()
    report(2, 4, "Nieuwe sleutel controleren")
    reopened = _try_open(session, new_key)
    if reopened is None:
        old = _try_open(session, old_key)
        if old is None:
            # Neither key opens it now: keep the pending grants, they may be the right ones.
            raise StorageError(
                "Het medische deel kon na het opnieuw versleutelen niet worden geopend. Er is "
                "niets verwijderd; meld u opnieuw aan of zet een back-up terug.",
                detail="rotation: neither key opens medical.db")
        # The rekey did not take (e.g. a read-only file): the old key stays in use.
        vault.drop_pending()
        session.save_vault()
        session.replace_medical(old, old_key)
        session.record(Action.KEY_ROTATION, outcome=Outcome.FAILED, object_type="medical",
                       data=reason)
        raise StorageError(
            "Het opnieuw versleutelen van het medische deel is mislukt; de oude sleutel blijft "
            "in gebruik en er is niets verloren.", detail="rekey did not take")

    report(3, 4, "Sleutels van gebruikers bijwerken")
    vault.promote_pending()
    session.save_vault()
    session.replace_medical(reopened, new_key)
    session.record(Action.KEY_ROTATION, object_type="medical", data=f"versie {version}: {reason}")
    report(4, 4, "Klaar")
    return version


def finish_interrupted(session) -> None:
    """The database opened with the pending key: a rotation was cut off after the rekey."""
    session.vault.promote_pending()
    session.save_vault()
    session.record(Action.KEY_ROTATION, object_type="medical",
                   data="onderbroken sleutelwissel afgerond")


def _try_open(session, key: bytes):
    try:
        return open_section(MEDICAL, session.files.medical_db, key, session.vault.practice_id)
    except StorageError:
        return None
