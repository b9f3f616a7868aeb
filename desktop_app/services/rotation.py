"""Rotating the section keys, so that a removed or demoted user's old slots open no live file.

For each section rotated (practice on a removal; medical when a user loses medical access):
1. check the medical part of the vault (only the medical key vouches for the recipients);
2. seal the new key to every remaining eligible user and the recovery key, as *pending*; save;
3. re-encrypt the file (``storage.maintenance.rekey``); close; reopen with the new key to confirm
   (on a read-only file the rekey reports success and keeps the old key); re-encrypt the
   pre-migration copies (or remove them);
4. promote the pending grants and save the vault.
A crash at any point leaves a key on disk that opens each file: the next login (practice) or
medical unlock completes the rotation (``complete_practice`` / ``complete_medical``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from desktop_app.audit import Action, Outcome
from desktop_app.cancel import CancelToken
from desktop_app.cancel import check as check_cancel
from desktop_app.domain.permissions import Permission
from desktop_app.errors import ArbokluisError, StorageError, VaultTampered
from desktop_app.services.authz import requires, unguarded
from desktop_app.storage import maintenance
from desktop_app.storage.migrations import rekey_copies
from desktop_app.storage.sections import MEDICAL, PRACTICE, open_section
from desktop_app.vault import crypto

Progress = Callable[[int, int, str], None]

LABELS = {PRACTICE: "praktijkdeel", MEDICAL: "medische deel"}


def _noop(done: int, total: int, text: str) -> None:
    pass


def _path(session, section: str):
    return session.files.practice_db if section == PRACTICE else session.files.medical_db


@unguarded("checks the vault with the session's own medical key; grants nothing")
def check_vault(session) -> None:
    """The medical part of the vault against the session's medical key; recorded when it fails."""
    try:
        session.vault.check_medical(session.medical_key())
    except VaultTampered:
        with contextlib.suppress(ArbokluisError):
            session.record(Action.VAULT_TAMPERED, outcome=Outcome.FAILED, object_type="vault",
                           data="medisch deel van het sleutelbestand klopt niet")
        raise


@requires(Permission.USERS_MANAGE)
def rotate(session, reason: str, *, practice: bool = True, medical: bool = True,
           progress: Progress | None = None, change: Callable | None = None,
           cancel: CancelToken | None = None) -> dict[str, int]:
    """Rotate the chosen section keys; ``change(vault)`` runs after the vault check, before
    anything is sealed (e.g. removing the user). Returns the new version per section.
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
        vault.awaiting = [u for u in vault.awaiting if u in vault.unconfirmed]
    total = 2 + 2 * len(sections)
    step = 0
    report(step, total, "Nieuwe sleutels voorbereiden")
    check_cancel(cancel)  # the last point where stopping leaves everything as it was
    old = {PRACTICE: session.practice_key(), MEDICAL: session.medical_key()}
    new = {s: crypto.random_bytes() for s in sections}
    versions = {s: vault.stage(s, new[s]) for s in sections}
    session.save_vault()
    done: list[str] = []
    for s in sections:
        step += 1
        report(step, total, f"Het {LABELS[s]} opnieuw versleutelen")
        try:
            _rekey(session, s, old[s], new[s], versions[s])
        except BaseException:
            for later in sections:
                if later not in done and later != s:
                    vault.drop_pending(later)
            raise
        done.append(s)
        step += 1
        report(step, total, f"Oude kopieën van het {LABELS[s]} bijwerken")
        rekey_copies(_path(session, s), old[s], new[s])
    step += 1
    report(step, total, "Sleutels van gebruikers bijwerken")
    for s in sections:
        vault.promote_pending(s)
    session.save_vault()
    what = ", ".join(f"{LABELS[s]} versie {versions[s]}" for s in sections)
    extra = f"; opnieuw instellen met de herstelsleutel nodig voor: {', '.join(dropped)}" if dropped else ""
    session.record(Action.KEY_ROTATION, object_type="keys", data=f"{what}: {reason}{extra}")
    session.audit.anchor_now()
    report(total, total, "Klaar")
    return versions


def _rekey(session, section: str, old_key: bytes, new_key: bytes, version: int) -> None:
    """Rekey one open section and reopen it with the new key; the session uses it from then on."""
    check = session.checks.pop(section, None)
    if check is not None:  # its read connection must not see the rekey half-way
        check.cancel()
    db = session.db if section == PRACTICE else session.medical()
    try:
        maintenance.rekey(db, new_key)
    finally:
        db.close()
    reopened = _try_open(session, section, new_key)
    if reopened is not None:
        _replace(session, section, reopened, new_key, version)
        return
    vault = session.vault
    previous = _try_open(session, section, old_key)
    if previous is None:
        # Neither key opens it now: keep the pending grants, they may be the right ones.
        raise StorageError(
            f"Het {LABELS[section]} kon na het opnieuw versleutelen niet worden geopend. Er is "
            "niets verwijderd; meld u opnieuw aan of zet een back-up terug.",
            detail=f"rotation: neither key opens {section}")
    # The rekey did not take (e.g. a read-only file): the old key stays in use.
    _replace(session, section, previous, old_key, vault.state(section).version)
    vault.drop_pending(section)
    session.save_vault()
    with contextlib.suppress(ArbokluisError):
        session.record(Action.KEY_ROTATION, outcome=Outcome.FAILED, object_type="keys",
                       data=f"{LABELS[section]}: opnieuw versleutelen mislukt")
    raise StorageError(
        f"Het opnieuw versleutelen van het {LABELS[section]} is mislukt; de oude sleutel blijft in "
        "gebruik en er is niets verloren.", detail="rekey did not take")


def _replace(session, section: str, db, key: bytes, version: int) -> None:
    if section == PRACTICE:
        session.replace_practice(db, key, version)
    else:
        session.replace_medical(db, key, version)


def _try_open(session, section: str, key: bytes):
    try:
        return open_section(section, _path(session, section), key, session.vault.practice_id)
    except StorageError:
        return None


# --- completing a rotation that was cut off ---------------------------------------------------


def _complete(session, section: str, candidates: dict[int, bytes], used: int, key: bytes) -> bool:
    state = session.vault.state(section)
    pending = state.pending_version
    if pending is None:
        return False
    if used == pending:
        # Cut off after the rekey: the database already opens with the pending key.
        # Copies still under the old key are re-encrypted; without it they are removed.
        old = candidates.get(state.version, key)
        rekey_copies(_path(session, section), old, key)
    elif pending in candidates:
        # Cut off before the rekey: do it now.
        _rekey(session, section, key, candidates[pending], pending)
        rekey_copies(_path(session, section), key, candidates[pending])
    else:
        return False
    state.promote()
    session.save_vault()
    session.record(Action.KEY_ROTATION, object_type="keys",
                   data=f"{LABELS[section]}: onderbroken sleutelwissel afgerond (versie {pending})")
    return True


@unguarded("completes a rotation an admin started; runs inside login, for whoever logs in")
def complete_practice(session, candidates: dict[int, bytes]) -> bool:
    return _complete(session, PRACTICE, candidates, session.practice_version, session.practice_key())


@unguarded("completes a rotation an admin started; runs inside the medical unlock")
def complete_medical(session, candidates: dict[int, bytes]) -> bool:
    assert session.medical_version is not None
    return _complete(session, MEDICAL, candidates, session.medical_version, session.medical_key())

