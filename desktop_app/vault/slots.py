"""The parts of ``vault.json``: password slots, grants, the state of a section key, the recovery slot.

Plain data with their JSON form; what they mean and who may change them is in ``vaultfile`` and
docs/decisions/0005-key-hierarchy.md.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from desktop_app.vault import crypto
from desktop_app.vault.crypto import KdfParams

LOGIN = "login"
MEDICAL = "medical"
RECOVERY = "recovery"  # the recipient name of the recovery key's grants


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode(), validate=True)


def _opt(d: dict[str, Any], name: str) -> bytes | None:
    return unb64(d[name]) if d.get(name) else None


@dataclass
class PasswordSlot:
    """Private keys wrapped under Argon2id(password or medical passphrase, keyring secret).

    A login slot wraps the user's X25519 receiving key and Ed25519 signing key (``box`` and
    ``sign`` are their public halves); a medical slot wraps the X25519 medical receiving key
    (``public``). A version-1 login slot (``legacy``) wrapped the practice key itself.
    """

    id: str
    user: str
    kind: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    ct: bytes
    public: bytes | None = None
    box: bytes | None = None
    sign: bytes | None = None

    def ad(self, practice_id: str) -> bytes:
        meta: dict[str, Any] = {
            "practice_id": practice_id, "id": self.id, "user": self.user, "kind": self.kind,
            "kdf": self.kdf.to_json(), "salt": b64(self.salt),
        }
        for name in ("public", "box", "sign"):
            value = getattr(self, name)
            if value is not None:
                meta[name] = b64(value)
        return crypto.canonical(meta)

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.id, "user": self.user, "kind": self.kind, "kdf": self.kdf.to_json(),
            "salt": b64(self.salt), "nonce": b64(self.nonce), "ct": b64(self.ct),
        }
        for name in ("public", "box", "sign"):
            value = getattr(self, name)
            if value is not None:
                out[name] = b64(value)
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PasswordSlot:
        return cls(
            id=str(d["id"]), user=str(d["user"]), kind=str(d["kind"]),
            kdf=KdfParams.from_json(d["kdf"]), salt=unb64(d["salt"]), nonce=unb64(d["nonce"]),
            ct=unb64(d["ct"]), public=_opt(d, "public"), box=_opt(d, "box"), sign=_opt(d, "sign"),
        )


@dataclass
class Grant:
    """A section key of one version, sealed to one recipient's public key.

    ``section`` is part of the associated data; grants written by version 1 of the vault (the
    medical key only) carry none.
    """

    recipient: str
    version: int
    epk: bytes
    nonce: bytes
    ct: bytes
    section: str | None = None

    def ad(self, practice_id: str) -> bytes:
        meta: dict[str, Any] = {"practice_id": practice_id, "recipient": self.recipient,
                                "version": self.version}
        if self.section is not None:
            meta["section"] = self.section
        return crypto.canonical(meta)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"recipient": self.recipient, "version": self.version,
                               "epk": b64(self.epk), "nonce": b64(self.nonce), "ct": b64(self.ct)}
        if self.section is not None:
            out["section"] = self.section
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Grant:
        return cls(recipient=str(d["recipient"]), version=int(d["version"]), epk=unb64(d["epk"]),
                   nonce=unb64(d["nonce"]), ct=unb64(d["ct"]),
                   section=str(d["section"]) if d.get("section") else None)

    @classmethod
    def seal(cls, practice_id: str, section: str, recipient: str, public: bytes, version: int,
             key: bytes) -> Grant:
        grant = cls(recipient, version, b"", b"", b"", section)
        sealed = crypto.seal_to(public, key, grant.ad(practice_id))
        grant.epk, grant.nonce, grant.ct = sealed["epk"], sealed["nonce"], sealed["ct"]
        return grant

    def open(self, practice_id: str, private: bytes) -> bytes:
        return crypto.open_from(private, {"epk": self.epk, "nonce": self.nonce, "ct": self.ct},
                                self.ad(practice_id))


@dataclass
class KeyState:
    """One section key: its version, the grants of it, and a rotation's pending grants.

    ``pending_mac`` is a MAC under the *current* key of the section over the pending state
    (``pending_body``), written when the rotation is staged (``Vault.stage``). A pending key is
    used, and a pending state promoted, only when it carries that MAC: whoever merely writes the
    file can seal a key of their own to everyone's public keys, but cannot vouch for it with the
    key in use (decision 0005).
    """

    version: int = 1
    grants: list[Grant] = field(default_factory=list)
    pending_version: int | None = None
    pending_grants: list[Grant] = field(default_factory=list)
    pending_mac: bytes | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "grants": [g.to_json() for g in self.grants],
            "pending": None if self.pending_version is None else {
                "version": self.pending_version,
                "grants": [g.to_json() for g in self.pending_grants],
                "mac": self.pending_mac.hex() if self.pending_mac else None,
            },
        }

    def grants_json(self) -> dict[str, Any]:
        """What the medical MAC covers of this state: versions and grants, not the MACs."""
        return {
            "version": self.version,
            "grants": [g.to_json() for g in self.grants],
            "pending": None if self.pending_version is None else {
                "version": self.pending_version,
                "grants": [g.to_json() for g in self.pending_grants],
            },
        }

    def pending_body(self, practice_id: str, section: str) -> bytes:
        """What ``pending_mac`` covers: the section, both versions and the pending grants."""
        return crypto.canonical({
            "practice_id": practice_id, "section": section, "version": self.version,
            "pending_version": self.pending_version,
            "pending_grants": [g.to_json() for g in self.pending_grants],
        })

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> KeyState:
        pending = d.get("pending")
        return cls(
            version=int(d["version"]),
            grants=[Grant.from_json(g) for g in d["grants"]],
            pending_version=int(pending["version"]) if pending else None,
            pending_grants=[Grant.from_json(g) for g in pending["grants"]] if pending else [],
            pending_mac=bytes.fromhex(pending["mac"]) if pending and pending.get("mac") else None,
        )

    def for_recipient(self, recipient: str) -> list[tuple[int, Grant]]:
        """(version, grant) for ``recipient``: the current version first, then a pending one."""
        out = [(self.version, g) for g in self.grants
               if g.recipient == recipient and g.version == self.version]
        if self.pending_version is not None:
            out += [(self.pending_version, g) for g in self.pending_grants
                    if g.recipient == recipient and g.version == self.pending_version]
        return out

    def drop_recipient(self, recipient: str) -> None:
        self.grants = [g for g in self.grants if g.recipient != recipient]
        self.pending_grants = [g for g in self.pending_grants if g.recipient != recipient]

    def promote(self) -> None:
        if self.pending_version is None:
            return
        self.version, self.grants = self.pending_version, self.pending_grants
        self.drop_pending()

    def drop_pending(self) -> None:
        self.pending_version, self.pending_grants, self.pending_mac = None, [], None


@dataclass
class RecoverySlot:
    """The recovery key's public receiving key, and the keyring secret wrapped under its KEK.

    ``legacy_nonce``/``legacy_ct``: the practice key as version 1 wrapped it, kept only until the
    vault has been converted (then the recovery key receives a practice grant).
    """

    public: bytes
    binding_nonce: bytes | None = None
    binding_ct: bytes | None = None
    legacy_nonce: bytes | None = None
    legacy_ct: bytes | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"public": b64(self.public)}
        for name in ("binding_nonce", "binding_ct", "legacy_nonce", "legacy_ct"):
            value = getattr(self, name)
            if value is not None:
                out[name] = b64(value)
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RecoverySlot:
        return cls(public=unb64(d["public"]), binding_nonce=_opt(d, "binding_nonce"),
                   binding_ct=_opt(d, "binding_ct"), legacy_nonce=_opt(d, "legacy_nonce"),
                   legacy_ct=_opt(d, "legacy_ct"))
