"""The cryptographic primitives of the vault, all from ``cryptography``.

- Argon2id derives a key-encryption key from a password, with the installation secret from the
  OS keyring as Argon2's ``secret`` input where the practice is bound to one.
- AES-256-GCM wraps keys, with the slot's metadata as associated data.
- X25519 sealing gives every user a receiving key pair, so a section key can be rotated and
  sealed to every remaining user without knowing their passwords (docs/decisions/0005).
- Ed25519 gives every user a signing key for the audit trail.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import asdict, dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop_app.errors import ValidationError

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16


class UnwrapError(Exception):
    """The secret was wrong or the wrapped data or its metadata were changed."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters, stored with every slot so they can be raised later."""

    memory_kib: int = 65536
    iterations: int = 3
    lanes: int = 4
    algorithm: str = "argon2id"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        params = cls(
            memory_kib=int(data["memory_kib"]),
            iterations=int(data["iterations"]),
            lanes=int(data["lanes"]),
            algorithm=str(data["algorithm"]),
        )
        if params.algorithm != "argon2id" or params.memory_kib < 65536 or params.iterations < 1:
            raise ValueError("unsupported or too weak key derivation parameters")
        # A damaged or planted slot must not make a login allocate or spin without bound.
        if params.memory_kib > 4 * 1024 * 1024 or params.iterations > 64 \
                or not 1 <= params.lanes <= 64:
            raise ValueError("key derivation parameters out of range")
        return params


DEFAULT_KDF = KdfParams()


def random_bytes(n: int = KEY_BYTES) -> bytes:
    return os.urandom(n)


def argon2id(secret: str, salt: bytes, params: KdfParams, pepper: bytes | None) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
        secret=pepper or None,
    )
    try:
        data = secret.encode("utf-8")
    except UnicodeEncodeError:  # every caller checks first (policy.usable); this is the backstop
        raise ValidationError("secret", "Het wachtwoord of de wachtzin bevat een teken dat niet "
                                        "kan worden gebruikt. Typ het opnieuw.") from None
    return kdf.derive(data)


def hkdf(key: bytes, info: str, salt: bytes | None = None, length: int = KEY_BYTES) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info.encode()).derive(key)


def canonical(obj: Any) -> bytes:
    """A stable byte form of JSON-able data: used as associated data and as MAC input."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def seal(kek: bytes, plaintext: bytes, ad: bytes) -> tuple[bytes, bytes]:
    nonce = random_bytes(NONCE_BYTES)
    return nonce, AESGCM(kek).encrypt(nonce, plaintext, ad)


def open_sealed(kek: bytes, nonce: bytes, ciphertext: bytes, ad: bytes) -> bytes:
    try:
        return AESGCM(kek).decrypt(nonce, ciphertext, ad)
    except InvalidTag:
        raise UnwrapError("authentication failed") from None


def mac(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


def mac_equal(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)


# --- X25519 sealing of the medical key to a recipient's public key ----------------------------


def new_keypair() -> tuple[bytes, bytes]:
    """A fresh X25519 key pair as (private bytes, public bytes)."""
    private = X25519PrivateKey.generate()
    return private.private_bytes_raw(), public_bytes(private)


def x25519_public(private: bytes) -> bytes:
    return public_bytes(X25519PrivateKey.from_private_bytes(private))


def keypair_from_seed(seed: bytes) -> tuple[bytes, bytes]:
    private = X25519PrivateKey.from_private_bytes(seed)
    return seed, public_bytes(private)


def public_bytes(private: X25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def seal_to(public: bytes, plaintext: bytes, ad: bytes) -> dict[str, bytes]:
    ephemeral = X25519PrivateKey.generate()
    epk = public_bytes(ephemeral)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    key = hkdf(shared, "arbokluis sealed key", salt=epk + public)
    nonce, ct = seal(key, plaintext, ad)
    return {"epk": epk, "nonce": nonce, "ct": ct}


def open_from(private: bytes, sealed: dict[str, bytes], ad: bytes) -> bytes:
    priv = X25519PrivateKey.from_private_bytes(private)
    public = public_bytes(priv)
    shared = priv.exchange(X25519PublicKey.from_public_bytes(sealed["epk"]))
    key = hkdf(shared, "arbokluis sealed key", salt=sealed["epk"] + public)
    return open_sealed(key, sealed["nonce"], sealed["ct"], ad)


# --- Ed25519 signatures (audit events and heads) ------------------------------------------------


def new_signing_keypair() -> tuple[bytes, bytes]:
    """A fresh Ed25519 key pair as (private bytes, public bytes)."""
    private = Ed25519PrivateKey.generate()
    return private.private_bytes_raw(), signing_public(private.private_bytes_raw())


def signing_public(private: bytes) -> bytes:
    key = Ed25519PrivateKey.from_private_bytes(private)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def signature_valid(public: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


class Signer:
    """A user's signing key, ready to sign (the key object is made once: signing costs ~35 µs)."""

    __slots__ = ("user", "public", "_key")

    def __init__(self, user: str, private: bytes) -> None:
        self.user = user
        self._key: Ed25519PrivateKey | None = Ed25519PrivateKey.from_private_bytes(private)
        self.public = self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def sign(self, message: bytes) -> bytes:
        if self._key is None:
            raise ValueError("signing key has been dropped")
        return self._key.sign(message)

    def wipe(self) -> None:
        """Drop the key object (the library keeps its own copy until it is collected)."""
        self._key = None
