"""Rotating the section keys, so that a removed or demoted user's old slots open no live file.

For each section rotated (practice on a removal; medical when a user loses medical access):
1. check the medical part of the vault (only the medical key vouches for the recipients), and
   that no earlier rotation is still pending;
2. seal the new key to every remaining eligible user and the recovery key, as *pending*, with a
   MAC under the key in use (``Vault.stage``); save;
3. per section: ``storage.maintenance.rekey``; close; reopen with the new key to confirm (on a read-only file
   rekey fails or keeps the old key); re-encrypt the pre-migration copies the program recorded;
   promote the pending grants and save the vault, whose MACs are then under the new key.
A crash at any point leaves a key on disk that opens each file: the next login (practice) or
medical unlock completes the rotation (``complete_practice`` / ``complete_medical``; the recovery
key's ways back use ``open_finished``). A pending state is used only on the word of the key in
use: a pending key that someone sealed to everyone's public keys without it is never adopted
(decision 0005).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from desktop_app.audit import Action, Outcome
from desktop_app.cancel import CancelToken
from desktop_app.cancel import check as check_cancel
from desktop_app.domain.permissions import Permission
from desktop_app.errors import (
    ArbokluisError,
    MedicalLocked,
    ReadOnly,
    StorageError,
    VaultDamaged,
    VaultTampered,
)
from desktop_app.services.authz import requires, unguarded
from desktop_app.storage import maintenance
from desktop_app.storage.connection import Database
from desktop_app.storage.migrations import rekey_copies
from desktop_app.storage.sections import MEDICAL, PRACTICE, open_section
from desktop_app.vault import crypto

Progress = Callable[[int, int, str], None]

LABELS = {PRACTICE: "praktijkdeel", MEDICAL: "medische deel"}
NEXT = {PRACTICE: "de volgende aanmelding", MEDICAL: "de volgende ontgrendeling van het medische deel"}


class RotationPending(ArbokluisError):
    """A rotation that could not be finished is still open: nothing is sealed until it is."""

    message = (
        "Een eerdere sleutelwissel is nog niet afgerond (een databasebestand kon niet worden "
        "gewijzigd). Er is niets gewijzigd. Zorg dat de gegevensmap weer schrijfbaar is, meld u "
        "af en weer aan en ontgrendel het medische deel; daarna kunt u dit opnieuw doen."
    )


def _noop(done: int, total: int, text: str) -> None:
    pass


def _path(session, section: str):
    return session.files.practice_db if section == PRACTICE else session.files.medical_db


def _db(session, section: str) -> Database:
    return session.db if section == PRACTICE else session.medical()


@unguarded("checks the vault with the session's own medical key; grants nothing")
def check_vault(session) -> None:
    """The medical part of the vault against the session's medical key; recorded when it fails.

    Refused too while a rotation is pending: its MAC covers the grants, so none may change.
    """
    try:
        session.vault.check_medical(session.medical_key())
    except VaultTampered:
        with contextlib.suppress(ArbokluisError):
            session.record(Action.VAULT_TAMPERED, outcome=Outcome.FAILED, object_type="vault",
                           data="medisch deel van het sleutelbestand klopt niet")
        raise
    if session.vault.pending(PRACTICE) or session.vault.pending(MEDICAL):
        raise RotationPending(detail="a rotation is still pending")


@requires(Permission.USERS_MANAGE)
def rotate(session, reason: str, *, practice: bool = True, medical: bool = True,
           progress: Progress | None = None, change: Callable | None = None,
           cancel: CancelToken | None = None) -> dict[str, int]:
    """Rotate the chosen section keys; ``change(vault)`` runs after the vault check, before
    anything is sealed (e.g. removing the user). Returns the new version per section.

    A section whose file cannot be rekeyed (read-only) keeps its pending grants: the next login
    or unlock on a writable file finishes it. ``ReadOnly`` names the file.

    ``cancel`` is honoured up to the point where the new keys are staged: once one section is
    rekeyed the rotation must finish, or the sections would hold keys of different versions."""
    report = progress or _noop
    vault = session.vault
    check_cancel(cancel)
    check_vault(session)
    check_cancel(cancel)
    if change is not None:
        change(vault)
    sections = [s for s, on in ((PRACTICE, practice), (MEDICAL, medical)) if on]
    dropped: list[str] = []
    if practice and vault.legacy_login_slots:  # version-1 slots would open no new key
        dropped = sorted(vault.legacy_login_slots)
        vault.legacy_login_slots.clear()
        vault.reset_needed = sorted({*vault.reset_needed,
                                     *(u for u in vault.awaiting if u not in vault.unconfirmed)})
        vault.awaiting = [u for u in vault.awaiting if u in vault.unconfirmed]
    total = 2 + 2 * len(sections)
    step = 0
    report(step, total, "Nieuwe sleutels voorbereiden")
    check_cancel(cancel)  # the last point where stopping leaves everything as it was
    old = {PRACTICE: session.practice_key(), MEDICAL: session.medical_key()}
    new = {s: crypto.random_bytes() for s in sections}
    from desktop_app.vault.removed import RemovedUsers

    # Held after a restore: no new key for them until an admin lets them back in.
    vault.withheld = RemovedUsers(vault.binding, vault.practice_id).held_names(vault.directory)
    versions = {s: vault.stage(s, new[s], old[s]) for s in sections}
    session.save_vault()
    for s in sections:
        step += 1
        report(step, total, f"Het {LABELS[s]} opnieuw versleutelen")
        _rekey(session, s, old[s], new[s], versions[s])
        step += 1
        report(step, total, f"Oude kopieën van het {LABELS[s]} bijwerken")
        rekey_copies(_db(session, s), _path(session, s), old[s], new[s])
        # Promoted and saved at once: from here on the vault's MACs are under the new key.
        vault.promote_pending(s, old[s])
        session.save_vault()
        if s == MEDICAL:  # the new version, signed on the trail: an older vault.json is refused
            session.record_medical_state()
    step += 1
    report(step, total, "Sleutels van gebruikers bijwerken")
    what = ", ".join(f"{LABELS[s]} versie {versions[s]}" for s in sections)
    extra = f"; opnieuw instellen met de herstelsleutel nodig voor: {', '.join(dropped)}" if dropped else ""
    session.record(Action.KEY_ROTATION, object_type="keys", data=f"{what}: {reason}{extra}")
    session.audit.anchor_now()
    report(total, total, "Klaar")
    return versions


def _rekey_file(section: str, path: Path, practice_id: str, db: Database, old_key: bytes,
                new_key: bytes) -> tuple[Database, bool, StorageError | None]:
    """Rekey the open section and reopen it: (open db, whether the new key took, the error).

    StorageError when neither key opens the file afterwards (nothing is removed then).
    """
    failure: StorageError | None = None
    try:
        maintenance.rekey(db, new_key)
    except StorageError as exc:
        failure = exc
    finally:
        db.close()
    reopened = _try_open(section, path, new_key, practice_id)
    if reopened is not None:
        return reopened, True, None
    previous = _try_open(section, path, old_key, practice_id)
    if previous is None:
        raise StorageError(
            f"Het {LABELS[section]} kon na het opnieuw versleutelen niet worden geopend. Er is "
            "niets verwijderd; meld u opnieuw aan of zet een back-up terug.",
            detail=f"rotation: neither key opens {section}")
    return previous, False, failure


def _not_rekeyed(section: str, path: Path, failure: StorageError | None) -> StorageError:
    """The error of a rekey that did not take: the old key stays in use, the rotation pending."""
    later = (f"De oude sleutel blijft voorlopig in gebruik en er is niets verloren; de sleutelwissel "
             f"wordt afgerond bij {NEXT[section]} zodra het bestand weer schrijfbaar is.")
    if isinstance(failure, ReadOnly) or not _writable(path):
        return ReadOnly(f"Het bestand {path.name} kan niet worden gewijzigd (alleen-lezen), dus het "
                        f"{LABELS[section]} is niet opnieuw versleuteld. {later}",
                        detail=f"rekey of {path.name}: read-only")
    return StorageError(f"Het opnieuw versleutelen van het {LABELS[section]} ({path.name}) is "
                        f"mislukt. {later}", detail=f"rekey of {path.name} did not take")


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _rekey(session, section: str, old_key: bytes, new_key: bytes, version: int) -> None:
    """Rekey one open section and reopen it with the new key; the session uses it from then on.

    When the rekey does not take, the session goes on with the old key, the pending grants stay
    (the next login or unlock finishes the rotation) and the failure is recorded and raised.
    """
    check = session.checks.pop(section, None)
    if check is not None:  # its read connection must not see the rekey half-way
        check.cancel()
    path = _path(session, section)
    db, took, failure = _rekey_file(section, path, session.vault.practice_id, _db(session, section),
                                    old_key, new_key)
    if took:
        _replace(session, section, db, new_key, version)
        return
    _replace(session, section, db, old_key, session.vault.state(section).version)
    with contextlib.suppress(ArbokluisError):
        session.record(Action.KEY_ROTATION, outcome=Outcome.FAILED, object_type="keys",
                       data=f"{LABELS[section]}: opnieuw versleutelen mislukt; de sleutelwissel "
                            "blijft open")
    raise _not_rekeyed(section, path, failure)


def _replace(session, section: str, db, key: bytes, version: int) -> None:
    if section == PRACTICE:
        session.replace_practice(db, key, version)
    else:
        session.replace_medical(db, key, version)


def _try_open(section: str, path: Path, key: bytes, practice_id: str):
    try:
        return open_section(section, path, key, practice_id)
    except StorageError:
        return None


# --- completing a rotation that was cut off ---------------------------------------------------


def _complete(session, section: str, candidates: dict[int, bytes], used: int, key: bytes) -> bool:
    vault = session.vault
    state = vault.state(section)
    pending = state.pending_version
    if pending is None:
        return False
    usable = dict(vault.usable_keys(section, candidates))  # only as the current key vouches
    if pending not in usable:
        return False  # no pending grant for this user: someone who has one finishes it
    current, new = usable[state.version], usable[pending]
    if used != pending:
        # Cut off before the rekey: do it now.
        try:
            _rekey(session, section, current, new, pending)
        except StorageError:
            return False  # recorded; still pending, finished at a later login or unlock
    # Copies still under the old key are re-encrypted; those that do not open are removed.
    rekey_copies(_db(session, section), _path(session, section), current, new)
    vault.promote_pending(section, current)
    session.save_vault()
    session.record(Action.KEY_ROTATION, object_type="keys",
                   data=f"{LABELS[section]}: onderbroken sleutelwissel afgerond (versie {pending})")
    return True


@unguarded("completes a rotation an admin started; runs inside login, for whoever logs in")
def complete_practice(session, candidates: dict[int, bytes]) -> bool:
    return _complete(session, PRACTICE, candidates, session.practice_version, session.practice_key())


@unguarded("completes a rotation an admin started; runs inside the medical unlock")
def complete_medical(session, candidates: dict[int, bytes]) -> bool:
    if session.medical_version is None:
        raise MedicalLocked(detail="medical locked")
    return _complete(session, MEDICAL, candidates, session.medical_version, session.medical_key())


@unguarded("the recovery key's ways back, before any login: the recovery key is the check")
def open_finished(vault, section: str, path: Path,
                  candidates: dict[int, bytes]) -> tuple[Database, bytes, bool]:
    """Open ``section`` and finish a rotation of it that was cut off, without a session.

    Returns the section open with the key that is then current, that key, and whether a rotation
    was finished (the caller saves the vault and records it). The pending key is used only as the
    current key vouches for it; ``RotationPending`` when it cannot be finished here.
    """
    usable = vault.usable_keys(section, candidates)
    state = vault.state(section)
    last: Exception | None = None
    opened: int | None = None  # the version whose key opened the section
    for version, key in usable:
        try:
            db = open_section(section, path, key, vault.practice_id)
        except StorageError as exc:
            last = exc
            continue
        opened = version
        break
    else:
        if last is None:
            raise VaultDamaged(detail=f"no key candidate for the {section} section")
        raise last
    if state.pending_version is None:
        return db, key, False
    if len(usable) < 2:
        db.close()
        raise RotationPending(detail=f"{section} rotation pending without a grant to finish it")
    (_, current), (_, new) = usable
    if opened == state.version:
        db, took, failure = _rekey_file(section, path, vault.practice_id, db, current, new)
        if not took:
            db.close()
            raise _not_rekeyed(section, path, failure)
    rekey_copies(db, path, current, new)
    vault.promote_pending(section, current)
    return db, new, True
