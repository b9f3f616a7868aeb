"""The way forward after a break in the audit trail, which repairs nothing.

An admin physician records one signed event that names every break ``verify`` finds (kind and
event numbers) and re-anchors the head, in the head file and in the keyring. The events stay as
they are; ``verify`` keeps listing the acknowledged breaks, as warnings, and the program can write
to the trail again.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from desktop_app import audit_chain
from desktop_app.audit import Action
from desktop_app.domain.permissions import Permission, refusal_message
from desktop_app.errors import ArbokluisError, AuditTrailBroken, PermissionDenied
from desktop_app.services import practice
from desktop_app.services.authz import unguarded


@dataclass(frozen=True)
class Acknowledged:
    seq: int | None  # the acknowledging event; None when there was nothing to acknowledge
    breaks: list[str]


@unguarded("logs in itself; then needs USERS_MANAGE and AUDIT_READ (an admin physician)")
def acknowledge_breaks(root: str | Path | None, username: str, password: str,
                       medical_passphrase: str | None = None) -> Acknowledged:
    """``medical_passphrase`` proves the directory first: only the medical key vouches for who
    is an admin physician, and an acknowledgement re-anchors the keyring head."""
    opened = practice.open_keys(root, username, password)
    db, version, key = practice.open_practice_db(opened)
    session = practice.start_session(opened, db, version, key, record=False)
    try:
        for needed in (Permission.USERS_MANAGE, Permission.AUDIT_READ):
            if not session.may(needed):
                _record_refusal(session, needed)
                raise PermissionDenied(refusal_message(needed),
                                       detail=f"acknowledge: needs {needed}")
        _prove_admin(opened, session, medical_passphrase)
        report = session.audit.check()
        if report.ok:
            session.record(Action.LOGIN)
            return Acknowledged(None, [])
        tokens = " ".join(f.token for f in report.findings)
        event = session.audit.record(
            session.actor, Action.AUDIT_ACKNOWLEDGED, object_type="audit", object_id=tokens,
            data="erkend: " + audit_chain.summary(report), force=True)
        session.audit.anchor_now(checked=False)  # the rollback, if any, is named on the trail
        return Acknowledged(event.seq, [f.text for f in report.findings])
    finally:
        session.close()


class DirectoryNotProven(PermissionDenied):
    message = ("Alleen een bedrijfsarts met beheerrechten kan breuken erkennen, en dat zegt alleen "
               "het medische deel van het sleutelbestand: geef ook uw medische wachtzin "
               "(ARBOKLUIS_MEDICAL_PASSPHRASE). Er is niets vastgelegd.")


def _prove_admin(opened, session, medical_passphrase: str | None) -> None:
    """Before anything is written: the medical passphrase opens the current medical key, which
    must vouch for the directory, and the directory must name this user an admin physician."""
    from desktop_app.services.verify import prove_directory

    if medical_passphrase is None:
        _record_refusal(session, Permission.USERS_MANAGE)
        raise DirectoryNotProven(detail="acknowledge: no medical passphrase")
    problem = prove_directory(opened, medical_passphrase)
    if problem is not None:
        raise problem
    admins = session.vault.proven_admins()
    if admins is None or session.user.username not in admins:
        _record_refusal(session, Permission.USERS_MANAGE)
        raise DirectoryNotProven(detail="acknowledge: not a proven admin")


def _record_refusal(session, needed: Permission) -> None:
    """On the trail when it can take the event: head file and keyring head in order (a broken
    trail is the very thing an acknowledgement is for, and nothing is written to it)."""
    try:
        session.audit.check_head_now()
        session.audit.check_anchor()
    except AuditTrailBroken:
        return
    with contextlib.suppress(ArbokluisError):
        session.record_refusal("acknowledge_breaks", needed)
