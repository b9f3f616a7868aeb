"""The recovery key: 160 random bits, written as nine groups of four characters.

Crockford-style base32 (no I, L, O, U) so it can be read aloud and typed back; the last group is a
checksum, so a typing error is told apart from a wrong key. Because the key has full entropy, a
fast HKDF (not Argon2id) derives its wrapping keys, and it does not mix in the keyring secret: it
is the way back when that secret is gone.
"""

from __future__ import annotations

import hashlib

from desktop_app.errors import InvalidRecoveryKey
from desktop_app.vault import crypto

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(ALPHABET)}
_DECODE.update({"O": 0, "I": 1, "L": 1, "U": _DECODE["V"]})
RANDOM_BYTES = 20  # 160 bits → 32 characters
GROUP = 4


def _encode(data: bytes) -> str:
    bits = int.from_bytes(data, "big")
    n_chars = (len(data) * 8 + 4) // 5
    return "".join(ALPHABET[(bits >> (5 * (n_chars - 1 - i))) & 31] for i in range(n_chars))


def _checksum(body: str) -> str:
    digest = hashlib.sha256(("arbokluis-recovery:" + body).encode()).digest()
    return _encode(digest[:3])[:GROUP]


def generate() -> str:
    body = _encode(crypto.random_bytes(RANDOM_BYTES))
    return format_groups(body + _checksum(body))


def format_groups(chars: str) -> str:
    return "-".join(chars[i : i + GROUP] for i in range(0, len(chars), GROUP))


def normalise(text: str) -> str:
    """Parse what a user typed; raise InvalidRecoveryKey with a Dutch message if it cannot be one."""
    cleaned = "".join(ch for ch in text.upper() if not ch.isspace() and ch not in "-_.")
    if len(cleaned) != 36:
        raise InvalidRecoveryKey(
            "Een herstelsleutel bestaat uit negen groepen van vier tekens. Controleer het aantal."
        )
    try:
        canon = "".join(ALPHABET[_DECODE[ch]] for ch in cleaned)
    except KeyError:
        raise InvalidRecoveryKey(
            "De herstelsleutel bevat een teken dat er niet in kan voorkomen."
        ) from None
    body, check = canon[:32], canon[32:]
    if _checksum(body) != check:
        raise InvalidRecoveryKey(
            "De herstelsleutel klopt niet: waarschijnlijk is een teken verkeerd overgenomen."
        )
    return body


def key_material(text: str) -> bytes:
    """The 160-bit secret behind a recovery key as typed."""
    body = normalise(text)
    bits = 0
    for ch in body:
        bits = (bits << 5) | _DECODE[ch]
    return bits.to_bytes(RANDOM_BYTES, "big")


def derive(material: bytes, practice_id: str, purpose: str) -> bytes:
    return crypto.hkdf(material, f"arbokluis recovery {purpose}", salt=practice_id.encode())
