"""The key-slot file (``vault.json``): who can unwrap which section key, and how.

- a login slot per user wraps the practice key under Argon2id(password, keyring secret);
- a medical slot per medical user wraps that user's X25519 private key under Argon2id(medical
  passphrase, keyring secret); the medical key itself is sealed to each user's public key in a
  *grant*, so a rotation can rewrap it for everyone who stays;
- the recovery slot wraps the practice key and, when bound, the keyring secret under the
  recovery key, and has its own public key that receives a medical grant;
- the whole file is authenticated with an HMAC under a key derived from the practice key, so any
  edit is found once a user has logged in.

Rotation writes the new grants as ``pending`` first, rekeys medical.db, confirms by reopening, and
only then promotes them: a crash at any point leaves a key that opens the database.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.errors import VaultDamaged
from desktop_app.fileio import atomic_write
from desktop_app.vault import crypto, recovery
from desktop_app.vault.binding import Binding
from desktop_app.vault.crypto import KdfParams, UnwrapError

FORMAT = "arbokluis-vault"
VERSION = 1
RECOVERY = "recovery"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode(), validate=True)


@dataclass
class PasswordSlot:
    """A secret wrapped under a key derived from a user's password or medical passphrase."""

    id: str
    user: str
    kind: str  # "login" or "medical"
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    ct: bytes
    public: bytes | None = None  # medical slots: the user's X25519 public key

    def ad(self, practice_id: str) -> bytes:
        meta: dict[str, Any] = {
            "practice_id": practice_id,
            "id": self.id,
            "user": self.user,
            "kind": self.kind,
            "kdf": self.kdf.to_json(),
            "salt": _b64(self.salt),
        }
        if self.public is not None:
            meta["public"] = _b64(self.public)
        return crypto.canonical(meta)

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "user": self.user,
            "kind": self.kind,
            "kdf": self.kdf.to_json(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "ct": _b64(self.ct),
        }
        if self.public is not None:
            out["public"] = _b64(self.public)
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PasswordSlot:
        return cls(
            id=str(d["id"]),
            user=str(d["user"]),
            kind=str(d["kind"]),
            kdf=KdfParams.from_json(d["kdf"]),
            salt=_unb64(d["salt"]),
            nonce=_unb64(d["nonce"]),
            ct=_unb64(d["ct"]),
            public=_unb64(d["public"]) if d.get("public") else None,
        )


@dataclass
class Grant:
    """The medical key of one version, sealed to one recipient's public key."""

    recipient: str  # a username, or "recovery"
    version: int
    epk: bytes
    nonce: bytes
    ct: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "recipient": self.recipient,
            "version": self.version,
            "epk": _b64(self.epk),
            "nonce": _b64(self.nonce),
            "ct": _b64(self.ct),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Grant:
        return cls(
            recipient=str(d["recipient"]),
            version=int(d["version"]),
            epk=_unb64(d["epk"]),
            nonce=_unb64(d["nonce"]),
            ct=_unb64(d["ct"]),
        )


def _grant_ad(practice_id: str, recipient: str, version: int) -> bytes:
    return crypto.canonical({"practice_id": practice_id, "recipient": recipient, "version": version})


@dataclass
class RecoverySlot:
    nonce: bytes
    ct: bytes  # the practice key
    public: bytes  # X25519 public key derived from the recovery key
    binding_nonce: bytes | None = None
    binding_ct: bytes | None = None  # the keyring secret, when bound

    def to_json(self) -> dict[str, Any]:
        out = {"nonce": _b64(self.nonce), "ct": _b64(self.ct), "public": _b64(self.public)}
        if self.binding_ct is not None and self.binding_nonce is not None:
            out["binding_nonce"] = _b64(self.binding_nonce)
            out["binding_ct"] = _b64(self.binding_ct)
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RecoverySlot:
        return cls(
            nonce=_unb64(d["nonce"]),
            ct=_unb64(d["ct"]),
            public=_unb64(d["public"]),
            binding_nonce=_unb64(d["binding_nonce"]) if d.get("binding_nonce") else None,
            binding_ct=_unb64(d["binding_ct"]) if d.get("binding_ct") else None,
        )


@dataclass
class Vault:
    practice_id: str
    created: str
    binding: Binding
    recovery: RecoverySlot
    login_slots: dict[str, PasswordSlot] = field(default_factory=dict)
    medical_slots: dict[str, PasswordSlot] = field(default_factory=dict)
    medical_version: int = 1
    grants: list[Grant] = field(default_factory=list)
    pending_version: int | None = None
    pending_grants: list[Grant] = field(default_factory=list)
    mac: bytes | None = None

    # --- serialisation -------------------------------------------------------------------

    def _body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "practice_id": self.practice_id,
            "created": self.created,
            "binding": self.binding.to_json(),
            "recovery": self.recovery.to_json(),
            "login_slots": [s.to_json() for s in sorted(self.login_slots.values(), key=_by_user)],
            "medical_slots": [
                s.to_json() for s in sorted(self.medical_slots.values(), key=_by_user)
            ],
            "medical_version": self.medical_version,
            "grants": [g.to_json() for g in self.grants],
            "pending": None
            if self.pending_version is None
            else {
                "version": self.pending_version,
                "grants": [g.to_json() for g in self.pending_grants],
            },
        }

    def to_bytes(self) -> bytes:
        body = self._body()
        body["mac"] = self.mac.hex() if self.mac else None
        return json.dumps(body, indent=1, sort_keys=True).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Vault:
        try:
            d = json.loads(data.decode("utf-8"))
            if d.get("format") != FORMAT:
                raise ValueError("not a vault file")
            if int(d["version"]) > VERSION:
                raise ValueError("vault file from a newer version")
            pending = d.get("pending")
            return cls(
                practice_id=str(d["practice_id"]),
                created=str(d["created"]),
                binding=Binding.from_json(d["binding"]),
                recovery=RecoverySlot.from_json(d["recovery"]),
                login_slots={
                    s.user: s for s in map(PasswordSlot.from_json, d["login_slots"])
                },
                medical_slots={
                    s.user: s for s in map(PasswordSlot.from_json, d["medical_slots"])
                },
                medical_version=int(d["medical_version"]),
                grants=[Grant.from_json(g) for g in d["grants"]],
                pending_version=int(pending["version"]) if pending else None,
                pending_grants=[Grant.from_json(g) for g in pending["grants"]] if pending else [],
                mac=bytes.fromhex(d["mac"]) if d.get("mac") else None,
            )
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise VaultDamaged(detail=f"vault unreadable: {type(exc).__name__}") from None

    @classmethod
    def load(cls, path: Path) -> Vault:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise
        except OSError as exc:
            raise VaultDamaged(detail=f"vault unreadable: errno {exc.errno}") from None
        return cls.from_bytes(data)

    def save(self, path: Path, practice_key: bytes) -> None:
        self.sign(practice_key)
        atomic_write(Path(path), self.to_bytes())

    # --- authentication of the whole file --------------------------------------------------

    @staticmethod
    def _mac_key(practice_key: bytes) -> bytes:
        return crypto.hkdf(practice_key, "arbokluis vault mac")

    def sign(self, practice_key: bytes) -> None:
        self.mac = crypto.mac(self._mac_key(practice_key), crypto.canonical(self._body()))

    def verify(self, practice_key: bytes) -> None:
        expected = crypto.mac(self._mac_key(practice_key), crypto.canonical(self._body()))
        if self.mac is None or not crypto.mac_equal(expected, self.mac):
            raise VaultDamaged(detail="vault MAC mismatch")

    # --- password slots ---------------------------------------------------------------------

    def _wrap(
        self, kind: str, user: str, secret: str, pepper: bytes | None, payload: bytes,
        public: bytes | None = None, kdf: KdfParams = crypto.DEFAULT_KDF,
    ) -> PasswordSlot:
        slot = PasswordSlot(
            id=secrets.token_hex(8), user=user, kind=kind, kdf=kdf,
            salt=crypto.random_bytes(crypto.SALT_BYTES), nonce=b"", ct=b"", public=public,
        )
        kek = crypto.argon2id(secret, slot.salt, slot.kdf, pepper)
        slot.nonce, slot.ct = crypto.seal(kek, payload, slot.ad(self.practice_id))
        return slot

    def _unwrap(self, slot: PasswordSlot, secret: str, pepper: bytes | None) -> bytes:
        kek = crypto.argon2id(secret, slot.salt, slot.kdf, pepper)
        return crypto.open_sealed(kek, slot.nonce, slot.ct, slot.ad(self.practice_id))

    def set_login(self, user: str, password: str, pepper: bytes | None, practice_key: bytes) -> None:
        self.login_slots[user] = self._wrap("login", user, password, pepper, practice_key)

    def open_login(self, user: str, password: str, pepper: bytes | None) -> bytes:
        """The practice key, or UnwrapError. Unknown users cost the same derivation."""
        slot = self.login_slots.get(user)
        if slot is None:
            crypto.argon2id(password, b"\0" * crypto.SALT_BYTES, crypto.DEFAULT_KDF, pepper)
            raise UnwrapError("no such slot")
        return self._unwrap(slot, password, pepper)

    def check_login_password(self, user: str, password: str, pepper: bytes | None) -> bool:
        try:
            self.open_login(user, password, pepper)
        except UnwrapError:
            return False
        return True

    def set_medical(
        self, user: str, passphrase: str, pepper: bytes | None, medical_key: bytes
    ) -> None:
        """Give ``user`` a medical slot with a fresh key pair and a grant of the current key."""
        private, public = crypto.new_keypair()
        self.medical_slots[user] = self._wrap("medical", user, passphrase, pepper, private, public)
        self.grants = [g for g in self.grants if g.recipient != user]
        self.grants.append(self._grant(user, public, self.medical_version, medical_key))

    def rewrap_medical(
        self, user: str, old_passphrase: str, new_passphrase: str, pepper: bytes | None
    ) -> None:
        slot = self.medical_slots[user]
        private = self._unwrap(slot, old_passphrase, pepper)
        self.medical_slots[user] = self._wrap(
            "medical", user, new_passphrase, pepper, private, slot.public
        )

    def open_medical(self, user: str, passphrase: str, pepper: bytes | None) -> list[tuple[int, bytes]]:
        """Candidate medical keys (version, key): the current one, then a pending one."""
        slot = self.medical_slots.get(user)
        if slot is None:
            raise UnwrapError("no medical slot")
        private = self._unwrap(slot, passphrase, pepper)
        return self._candidates(user, private)

    def _candidates(self, recipient: str, private: bytes) -> list[tuple[int, bytes]]:
        out: list[tuple[int, bytes]] = []
        for version, grants in ((self.medical_version, self.grants),
                                (self.pending_version, self.pending_grants)):
            if version is None:
                continue
            for g in grants:
                if g.recipient == recipient and g.version == version:
                    sealed = {"epk": g.epk, "nonce": g.nonce, "ct": g.ct}
                    out.append((version, crypto.open_from(
                        private, sealed, _grant_ad(self.practice_id, recipient, version))))
        if not out:
            raise UnwrapError("no grant")
        return out

    def _grant(self, recipient: str, public: bytes, version: int, medical_key: bytes) -> Grant:
        sealed = crypto.seal_to(public, medical_key, _grant_ad(self.practice_id, recipient, version))
        return Grant(recipient, version, sealed["epk"], sealed["nonce"], sealed["ct"])

    def remove_user(self, user: str) -> None:
        self.login_slots.pop(user, None)
        self.medical_slots.pop(user, None)
        self.grants = [g for g in self.grants if g.recipient != user]
        self.pending_grants = [g for g in self.pending_grants if g.recipient != user]

    def remove_medical(self, user: str) -> None:
        self.medical_slots.pop(user, None)
        self.grants = [g for g in self.grants if g.recipient != user]
        self.pending_grants = [g for g in self.pending_grants if g.recipient != user]

    # --- rotation of the medical key ---------------------------------------------------------

    def stage_rotation(self, new_key: bytes) -> int:
        """Seal ``new_key`` for every medical user and the recovery slot, as pending."""
        version = self.medical_version + 1
        grants = [
            self._grant(user, slot.public, version, new_key)
            for user, slot in sorted(self.medical_slots.items())
            if slot.public is not None
        ]
        grants.append(self._grant(RECOVERY, self.recovery.public, version, new_key))
        self.pending_version, self.pending_grants = version, grants
        return version

    def promote_pending(self) -> None:
        if self.pending_version is None:
            return
        self.medical_version = self.pending_version
        self.grants = self.pending_grants
        self.pending_version, self.pending_grants = None, []

    def drop_pending(self) -> None:
        self.pending_version, self.pending_grants = None, []

    # --- recovery ---------------------------------------------------------------------------

    @classmethod
    def create(
        cls, practice_id: str, binding: Binding, pepper: bytes | None, recovery_key: str,
        practice_key: bytes, medical_key: bytes,
    ) -> Vault:
        material = recovery.key_material(recovery_key)
        kek = recovery.derive(material, practice_id, "kek")
        _, public = crypto.keypair_from_seed(recovery.derive(material, practice_id, "x25519"))
        ad = _recovery_ad(practice_id)
        nonce, ct = crypto.seal(kek, practice_key, ad)
        slot = RecoverySlot(nonce=nonce, ct=ct, public=public)
        if pepper is not None:
            slot.binding_nonce, slot.binding_ct = crypto.seal(kek, pepper, ad + b"|binding")
        vault = cls(
            practice_id=practice_id,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            binding=binding,
            recovery=slot,
        )
        vault.grants.append(vault._grant(RECOVERY, public, vault.medical_version, medical_key))
        return vault

    def open_recovery(self, recovery_key: str) -> RecoveryOpening:
        """Everything the recovery key opens; raises InvalidRecoveryKey via normalise/UnwrapError."""
        material = recovery.key_material(recovery_key)
        kek = recovery.derive(material, self.practice_id, "kek")
        ad = _recovery_ad(self.practice_id)
        practice_key = crypto.open_sealed(kek, self.recovery.nonce, self.recovery.ct, ad)
        pepper = None
        if self.recovery.binding_ct is not None and self.recovery.binding_nonce is not None:
            pepper = crypto.open_sealed(
                kek, self.recovery.binding_nonce, self.recovery.binding_ct, ad + b"|binding")
        private, _ = crypto.keypair_from_seed(recovery.derive(material, self.practice_id, "x25519"))
        return RecoveryOpening(practice_key, self._candidates(RECOVERY, private), pepper)

    def set_binding(self, binding: Binding, pepper: bytes | None, recovery_key: str) -> None:
        material = recovery.key_material(recovery_key)
        kek = recovery.derive(material, self.practice_id, "kek")
        self.binding = binding
        if pepper is None:
            self.recovery.binding_nonce = self.recovery.binding_ct = None
        else:
            self.recovery.binding_nonce, self.recovery.binding_ct = crypto.seal(
                kek, pepper, _recovery_ad(self.practice_id) + b"|binding")


@dataclass
class RecoveryOpening:
    practice_key: bytes
    medical_candidates: list[tuple[int, bytes]]
    pepper: bytes | None


def _recovery_ad(practice_id: str) -> bytes:
    return crypto.canonical({"practice_id": practice_id, "kind": "recovery"})


def _by_user(slot: PasswordSlot) -> str:
    return slot.user
