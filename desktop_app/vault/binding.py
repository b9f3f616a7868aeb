"""The per-installation secret in the OS keyring, behind a small interface.

The secret is mixed into every password derivation (Argon2id's ``secret`` input), so a copied data
folder or backup cannot be attacked offline without this workstation's keyring. Without a keyring
backend the practice runs unbound, and says so; a bound practice never silently drops the binding.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

import keyring
import keyring.backends.fail
import keyring.errors

from desktop_app.errors import KeyringBackendChanged, KeyringSecretMissing, KeyringUnavailable
from desktop_app.vault import crypto

SERVICE = "Arbokluis"
MODE_KEYRING = "keyring"
MODE_NONE = "none"

UNBOUND_NOTICE = (
    "Op dit werkstation is geen sleutelbos van het besturingssysteem beschikbaar. De praktijk "
    "werkt zonder koppeling aan dit werkstation: wie een kopie van de gegevensmap of een back-up "
    "heeft, heeft dan alleen nog een wachtwoord nodig. Bewaar back-ups en de gegevensmap daarom "
    "extra zorgvuldig."
)


def backend_name() -> str | None:
    """The active backend's class, or None when there is no usable one."""
    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring):
        return None
    children = getattr(backend, "backends", None)
    if children is not None and not children:  # a chainer with nothing in it
        return None
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def reachable(binding: Binding) -> bool:
    """Whether this practice keeps things in this workstation's keyring now: bound, and a backend."""
    return binding.bound and backend_name() is not None


def account(practice_id: str) -> str:
    return f"practice-{practice_id}"


@dataclass(frozen=True)
class Binding:
    mode: str
    backend: str | None = None

    def to_json(self) -> dict:
        return {"mode": self.mode, "backend": self.backend, "service": SERVICE}

    @classmethod
    def from_json(cls, data: dict) -> Binding:
        mode = data.get("mode")
        if mode not in (MODE_KEYRING, MODE_NONE):
            raise ValueError("unknown binding mode")
        return cls(mode=mode, backend=data.get("backend"))

    @property
    def bound(self) -> bool:
        return self.mode == MODE_KEYRING


def create(practice_id: str) -> tuple[Binding, bytes | None]:
    """Bind a new practice to this workstation's keyring if there is one."""
    name = backend_name()
    if name is None:
        return Binding(MODE_NONE), None
    secret = crypto.random_bytes()
    try:
        store(practice_id, secret)
    except keyring.errors.KeyringError:
        return Binding(MODE_NONE), None
    return Binding(MODE_KEYRING, name), secret


def store(practice_id: str, secret: bytes) -> None:
    keyring.set_password(SERVICE, account(practice_id), base64.b64encode(secret).decode())
    if load_raw(practice_id) != secret:
        raise keyring.errors.KeyringError("secret did not read back")


def load_raw(practice_id: str) -> bytes | None:
    value = keyring.get_password(SERVICE, account(practice_id))
    return base64.b64decode(value) if value else None


def secret_for(binding: Binding, practice_id: str) -> bytes | None:
    """The installation secret for a login, or a clear error why it cannot be had."""
    if not binding.bound:
        return None
    current = backend_name()
    if current is None:
        raise KeyringUnavailable(detail="no keyring backend")
    if current != binding.backend:
        raise KeyringBackendChanged(detail="keyring backend changed")
    try:
        secret = load_raw(practice_id)
    except keyring.errors.KeyringError:
        raise KeyringUnavailable(detail="keyring error") from None
    except ValueError:
        raise KeyringSecretMissing(detail="keyring secret unreadable") from None
    if secret is None:
        raise KeyringSecretMissing(detail="keyring secret missing")
    return secret


def fingerprint(secret: bytes) -> str:
    """A short, domain-tagged digest of the (random) secret: tells one secret from another."""
    return hashlib.sha256(b"arbokluis keyring fingerprint\0" + secret).hexdigest()[:16]


def forget(practice_id: str) -> None:
    try:
        keyring.delete_password(SERVICE, account(practice_id))
    except keyring.errors.KeyringError:
        pass
