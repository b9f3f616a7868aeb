"""Unsaved work kept through a lock: drafts, encrypted, in memory only, for the user who typed them.

When the program locks (idle, the user's own Ctrl+L, the operating system's screen lock) or the
medical section locks by itself, the text in an open editor is not thrown away and not left in
the widgets either: it is sealed here and the widgets are emptied. After the *same* user logs in
(and, for medical text, unlocks the medical section) the client asks ``pending`` and offers the
drafts back ("U was bezig met …"). Logging out drops them (the client warns first).

How the drafts are protected:

- Each draft is sealed with AES-256-GCM under a key that only the user's own login yields: the
  key is derived (HKDF-SHA256) from the user's Ed25519 signature over a fixed label, practice
  and user. Ed25519 signatures are deterministic, so the same user's next session derives the
  same key, while nobody else (another user, a closed session) can: the signing key lives in the
  session only, and is wiped when the session closes or locks (``Session.close``).
- The derived key exists only for the duration of one call and is overwritten afterwards.
- Label, values and the draft's name are inside the ciphertext; the associated data binds a
  draft to its practice, user and name, so a sealed draft cannot be replayed under another.
- Nothing is written to disk: the box is a dictionary in this process.

These functions touch no database and no section key, only the session's signing key, so the
client may call them on the GUI thread (the lock must not wait behind a running job).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field

from desktop_app.errors import ArbokluisError, MedicalLocked, SessionLocked
from desktop_app.services.authz import unguarded
from desktop_app.vault import crypto
from desktop_app.vault.secret import SecretKey

_LABEL = b"arbokluis drafts v1"


class DraftUnreadable(ArbokluisError):
    """A draft that this session's key does not open (another user's, or damaged)."""

    message = "Dit concept kan niet worden geopend. Het is van een andere gebruiker of beschadigd."


@dataclass(frozen=True)
class Draft:
    """A draft as the client lists it: what the user was doing, and when it was kept."""

    key: str
    label: str
    medical: bool
    kept_at: float  # seconds since the epoch


@dataclass(frozen=True)
class DraftContent:
    """A draft opened for restoring: its label and the form values as typed."""

    label: str
    values: dict[str, str]


@dataclass
class _Sealed:
    medical: bool
    kept_at: float
    nonce: bytes
    ciphertext: bytes


@dataclass
class _Box:
    """All drafts of this process, by (practice folder, user id) and then by draft name."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    by_owner: dict[tuple[str, int], dict[str, _Sealed]] = field(default_factory=dict)


_BOX = _Box()


def _owner(session) -> tuple[str, int]:
    return (str(session.files.root), int(session.user.id))


def _key(session) -> SecretKey:
    """The user's draft key, derived from their signing key; SessionLocked once it is wiped."""
    signer = session.audit.signer if session.is_open else None
    if signer is None:
        raise SessionLocked(detail="no signing key for drafts")
    message = b"|".join((_LABEL, session.vault.practice_id.encode(), session.user.username.encode()))
    try:
        signature = signer.sign(message)
    except ValueError:
        raise SessionLocked(detail="signing key wiped") from None
    return SecretKey(crypto.hkdf(signature, "arbokluis drafts key"))


def _ad(session, key: str, medical: bool) -> bytes:
    practice_id, user_id = session.vault.practice_id, int(session.user.id)
    return crypto.canonical({"practice": practice_id, "user": user_id, "key": key, "medical": medical})


def _open(session, key: str, sealed: _Sealed, secret: SecretKey) -> DraftContent:
    try:
        plain = crypto.open_sealed(secret.bytes(), sealed.nonce, sealed.ciphertext,
                                   _ad(session, key, sealed.medical))
    except crypto.UnwrapError:
        raise DraftUnreadable(detail="draft did not open under this session's key") from None
    body = json.loads(plain.decode("ascii"))
    return DraftContent(str(body["label"]), {str(k): str(v) for k, v in body["values"].items()})


@unguarded("the user's own unsaved input, sealed to a key only their login yields; reads no stored data")
def keep(session, key: str, label: str, values: dict[str, str], *, medical: bool) -> None:
    """Seal ``values`` (form field → text) as the draft ``key``; replaces an earlier one."""
    secret = _key(session)
    try:
        # ASCII escapes: any string the widgets hold (a lone surrogate too) survives the round trip
        plain = json.dumps({"label": label, "values": dict(values)}, ensure_ascii=True).encode("ascii")
        nonce, ciphertext = crypto.seal(secret.bytes(), plain, _ad(session, key, medical))
    finally:
        secret.wipe()
    with _BOX.lock:
        _BOX.by_owner.setdefault(_owner(session), {})[key] = _Sealed(medical, time.time(), nonce, ciphertext)


@unguarded("lists the session user's own drafts; opening them needs the user's own key")
def pending(session, *, prefix: str = "") -> list[Draft]:
    """The user's drafts whose name starts with ``prefix``, oldest first (a draft this session's
    key does not open is not listed)."""
    with _BOX.lock:
        items = sorted(_BOX.by_owner.get(_owner(session), {}).items(), key=lambda kv: kv[1].kept_at)
    items = [(k, s) for k, s in items if k.startswith(prefix)]
    if not items:
        return []
    secret = _key(session)
    out = []
    try:
        for key, sealed in items:
            try:
                content = _open(session, key, sealed, secret)
            except DraftUnreadable:
                continue
            out.append(Draft(key, content.label, sealed.medical, sealed.kept_at))
    finally:
        secret.wipe()
    return out


@unguarded("gives back the session user's own draft; a medical draft only with the medical section open")
def restore(session, key: str) -> DraftContent:
    """Open and remove the draft ``key``. A medical draft needs the medical section unlocked
    (``MedicalLocked`` otherwise, and the draft stays); ``DraftUnreadable`` for no such draft."""
    with _BOX.lock:
        sealed = _BOX.by_owner.get(_owner(session), {}).get(key)
    if sealed is None:
        raise DraftUnreadable(detail="no such draft")
    if sealed.medical:
        session.medical()  # the section's own checks: role, unlocked
        if not session.medical_unlocked:  # the lock was asked for and waits behind other work
            raise MedicalLocked(detail="medical lock under way")
    secret = _key(session)
    try:
        content = _open(session, key, sealed, secret)
    finally:
        secret.wipe()
    with _BOX.lock:
        _BOX.by_owner.get(_owner(session), {}).pop(key, None)
    return content


@unguarded("removes the session user's own draft; reads nothing")
def discard(session, key: str) -> None:
    with _BOX.lock:
        _BOX.by_owner.get(_owner(session), {}).pop(key, None)


@unguarded("removes the session user's own drafts (logout); reads nothing, works on a closed session")
def drop_all(session) -> int:
    """Drop every draft of the session's user; returns how many there were."""
    with _BOX.lock:
        return len(_BOX.by_owner.pop(_owner(session), {}))


@unguarded("counts the session user's own drafts; reads nothing, works on a closed session")
def count(session) -> int:
    with _BOX.lock:
        return len(_BOX.by_owner.get(_owner(session), {}))
