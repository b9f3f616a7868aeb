"""The key-slot file (``vault.json``): who can open which section, and who vouches for it.

(docs/decisions/0005-key-hierarchy.md)

- a login slot per user wraps that user's X25519 receiving key and Ed25519 signing key under
  Argon2id(password, keyring secret); a medical slot per medical user wraps an X25519 medical
  receiving key under Argon2id(medical passphrase, keyring secret);
- each section key (practice, medical) reaches its holders as *grants* sealed to their public
  keys, so it rotates without anyone's password: pending grants first, promoted once the
  database has been rekeyed and reopened;
- the recovery key's X25519 pair receives grants of both keys; the keyring secret is wrapped under
  the recovery key's KEK;
- the whole file carries an HMAC under the practice key (outsiders), and the *medical part* — the
  medical slots' public keys, the medical grants, the recovery public key and the user directory —
  an HMAC under the medical key, which a case manager cannot produce.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.errors import DirectoryMismatch, VaultDamaged, VaultTampered
from desktop_app.fileio import atomic_write
from desktop_app.vault import crypto, recovery, strictjson
from desktop_app.vault.binding import Binding
from desktop_app.vault.crypto import KdfParams, UnwrapError
from desktop_app.vault.directory import (
    ASSISTANT,
    CASEMANAGER,
    PHYSICIAN,
    Entry,
    RetiredKey,
    SigningKey,
)
from desktop_app.vault.slots import (
    LOGIN,
    MEDICAL,
    RECOVERY,
    Grant,
    KeyState,
    PasswordSlot,
    RecoverySlot,
    b64,
)

FORMAT = "arbokluis-vault"
VERSION = 2
PRACTICE_SECTION, MEDICAL_SECTION = "practice", "medical"
_KEY = crypto.KEY_BYTES


class NoGrant(UnwrapError):
    """The slot opened, but no grant of the section key is sealed to it."""


@dataclass
class UserKeys:
    """What a login slot yields: the user's private keys and their public halves."""

    user: str
    box_private: bytes
    sign_private: bytes
    box: bytes
    sign: bytes


@dataclass
class RecoveryOpening:
    practice_key: bytes
    medical_candidates: list[tuple[int, bytes]]
    pepper: bytes | None
    practice_candidates: list[tuple[int, bytes]] = field(default_factory=list)


@dataclass
class Vault:
    practice_id: str
    created: str
    binding: Binding
    recovery: RecoverySlot
    login_slots: dict[str, PasswordSlot] = field(default_factory=dict)
    medical_slots: dict[str, PasswordSlot] = field(default_factory=dict)
    practice: KeyState = field(default_factory=KeyState)
    medical: KeyState = field(default_factory=KeyState)
    directory: dict[str, Entry] = field(default_factory=dict)
    retired: list[RetiredKey] = field(default_factory=list)
    keyring_fingerprint: str | None = None
    medical_mac: bytes | None = None
    mac: bytes | None = None
    # Version 1 (decision 0001) left-overs, until every user has logged in once (vault.legacy).
    legacy_login_slots: dict[str, PasswordSlot] = field(default_factory=dict)
    legacy_body: dict[str, Any] | None = None
    # Users of a version-1 vault who had not logged in when the medical part got its MAC
    # (covered by it), and the entries they made since, until a medical unlock confirms them.
    awaiting: list[str] = field(default_factory=list)
    unconfirmed: dict[str, Entry] = field(default_factory=dict)
    # Awaited users whose version-1 slot a practice rotation dropped (covered by the medical MAC):
    # only a reset with the recovery key lets them in again, as awaited users.
    reset_needed: list[str] = field(default_factory=list)
    # Digest of the medical part as last loaded, sealed or checked: saving without the medical key
    # is allowed only while it is unchanged.
    _sealed: bytes | None = field(default=None, repr=False, compare=False)
    # Digest of the medical part as last proven in this process: checked with the medical key or
    # sealed with it. Only such a directory names who may acknowledge a break in the trail.
    _proven: bytes | None = field(default=None, repr=False, compare=False)
    # Users a rotation seals nothing to (held after a restore, ``vault.removed``); not stored.
    withheld: set[str] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._sealed is None:
            self._sealed = self._medical_digest()

    # --- compatibility names for the medical key's state -----------------------------------

    @property
    def medical_version(self) -> int:
        return self.medical.version

    @property
    def pending_version(self) -> int | None:
        return self.medical.pending_version

    @property
    def grants(self) -> list[Grant]:
        return self.medical.grants

    @property
    def pending_grants(self) -> list[Grant]:
        return self.medical.pending_grants

    # --- serialisation -------------------------------------------------------------------

    def _body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "practice_id": self.practice_id,
            "created": self.created,
            "binding": self.binding.to_json(),
            "keyring_fingerprint": self.keyring_fingerprint,
            "recovery": self.recovery.to_json(),
            "login_slots": [s.to_json() for _, s in sorted(self.login_slots.items())],
            "medical_slots": [s.to_json() for _, s in sorted(self.medical_slots.items())],
            "practice": self.practice.to_json(),
            "medical": self.medical.to_json(),
            "directory": {u: e.to_json() for u, e in sorted(self.directory.items())},
            "retired": [r.to_json() for r in self.retired],
            "medical_mac": self.medical_mac.hex() if self.medical_mac else None,
        }
        if self.legacy_login_slots:
            body["legacy_login_slots"] = [s.to_json() for _, s in sorted(self.legacy_login_slots.items())]
        if self.awaiting or self.unconfirmed:
            body["awaiting"] = sorted(self.awaiting)
            body["unconfirmed"] = {u: e.to_json() for u, e in sorted(self.unconfirmed.items())}
        if self.reset_needed:
            body["reset_needed"] = sorted(self.reset_needed)
        return body

    def to_bytes(self) -> bytes:
        body = self._body()
        body["mac"] = self.mac.hex() if self.mac else None
        return json.dumps(body, indent=1, sort_keys=True).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Vault:
        from desktop_app.vault import legacy

        try:
            d = strictjson.loads(data)
            if not isinstance(d, dict):
                raise ValueError("not an object")
            if d.get("format") != FORMAT:
                raise ValueError("not a vault file")
            version = int(d["version"])
            if version > VERSION:
                raise ValueError("vault file from a newer version")
            if version == 1:
                return legacy.from_v1(cls, d)
            return cls(
                practice_id=str(d["practice_id"]),
                created=str(d["created"]),
                binding=Binding.from_json(d["binding"]),
                recovery=RecoverySlot.from_json(d["recovery"]),
                login_slots={s.user: s for s in map(PasswordSlot.from_json, d["login_slots"])},
                medical_slots={s.user: s for s in map(PasswordSlot.from_json, d["medical_slots"])},
                practice=KeyState.from_json(d["practice"]),
                medical=KeyState.from_json(d["medical"]),
                directory={str(u): Entry.from_json(e) for u, e in d["directory"].items()},
                retired=[RetiredKey.from_json(r) for r in d["retired"]],
                keyring_fingerprint=d.get("keyring_fingerprint") or None,
                medical_mac=bytes.fromhex(d["medical_mac"]) if d.get("medical_mac") else None,
                mac=bytes.fromhex(d["mac"]) if d.get("mac") else None,
                legacy_login_slots={s.user: s for s in map(
                    PasswordSlot.from_json, d.get("legacy_login_slots") or [])},
                awaiting=[str(u) for u in d.get("awaiting") or []],
                unconfirmed={str(u): Entry.from_json(e)
                             for u, e in (d.get("unconfirmed") or {}).items()},
                reset_needed=[str(u) for u in d.get("reset_needed") or []],
            )
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
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

    def save(self, path: Path, practice_key: bytes, medical_key: bytes | None = None) -> None:
        """Write the file; with ``medical_key`` the medical part is re-authenticated first.

        A medical part changed without the medical key is a bug in the caller, and refused.
        """
        if medical_key is not None:
            self.seal_medical(medical_key)
        elif self.medical_mac is not None and not self.medical_part_unchanged():
            raise ValueError("the medical part changed without the medical key")
        self.sign(practice_key)
        atomic_write(Path(path), self.to_bytes())

    # --- the practice MAC (whole file) ------------------------------------------------------

    @staticmethod
    def _mac_key(practice_key: bytes) -> bytes:
        return crypto.hkdf(practice_key, "arbokluis vault mac")

    def sign(self, practice_key: bytes) -> None:
        self.legacy_body = None
        self.mac = crypto.mac(self._mac_key(practice_key), crypto.canonical(self._body()))

    def verify(self, practice_key: bytes) -> None:
        body = self.legacy_body if self.legacy_body is not None else self._body()
        expected = crypto.mac(self._mac_key(practice_key), crypto.canonical(body))
        if self.mac is None or not crypto.mac_equal(expected, self.mac):
            raise VaultDamaged(detail="vault MAC mismatch")

    def verify_current(self, candidates: dict[int, bytes]) -> None:
        """The practice MAC under the key of the *current* practice version, and no other.

        A pending key is sealed by whoever staged the rotation, which anyone who can write the
        file can imitate with a key of their own: its word counts for nothing.
        """
        key = candidates.get(self.practice.version)
        if key is None:
            raise VaultDamaged(detail="no current practice key")
        self.verify(key)

    # --- the medical MAC (medical slots, medical grants, recovery public key, directory) ----

    def medical_body(self) -> bytes:
        extra = {"reset_needed": sorted(self.reset_needed)} if self.reset_needed else {}
        return crypto.canonical({
            **extra,
            "practice_id": self.practice_id,
            "medical": self.medical.grants_json(),
            "medical_slots": [{"user": u, "public": b64(s.public) if s.public else None}
                              for u, s in sorted(self.medical_slots.items())],
            "recovery_public": b64(self.recovery.public),
            "directory": {u: e.to_json() for u, e in sorted(self.directory.items())},
            "retired": [r.to_json() for r in self.retired],
            "awaiting": sorted(self.awaiting),
        })

    @staticmethod
    def _medical_mac_key(medical_key: bytes) -> bytes:
        return crypto.hkdf(medical_key, "arbokluis vault medical part")

    def _medical_tag(self, medical_key: bytes) -> bytes:
        return crypto.mac(self._medical_mac_key(medical_key), self.medical_body())

    def seal_medical(self, medical_key: bytes) -> None:
        self.medical_mac = self._medical_tag(medical_key)
        self._sealed = self._proven = self._medical_digest()

    def _medical_digest(self) -> bytes:
        return hashlib.sha256(self.medical_body()).digest()

    def medical_part_unchanged(self) -> bool:
        return self._sealed == self._medical_digest()

    def check_medical(self, medical_key: bytes) -> None:
        """Raise VaultTampered unless the medical part carries ``medical_key``'s MAC.

        Callers pass the *current-version* medical key: the MAC covers the pending grants too, so
        a pending state is trusted only on the word of the key in use.
        """
        stored = self.medical_mac
        if stored is None or not crypto.mac_equal(self._medical_tag(medical_key), stored):
            raise VaultTampered(detail="medical MAC mismatch")
        self._proven = self._medical_digest()

    def proven_admins(self) -> frozenset[str] | None:
        """The admin physicians of the directory, when this process proved it with the medical key
        and it has not changed since; None otherwise (then nobody's word is checked)."""
        if self._proven is None or self._proven != self._medical_digest():
            return None
        return frozenset(u for u, e in self.directory.items() if e.role == PHYSICIAN and e.admin)

    # --- password slots ---------------------------------------------------------------------

    def _wrap(self, kind: str, user: str, secret: str, pepper: bytes | None, payload: bytes,
              kdf: KdfParams = crypto.DEFAULT_KDF, **public: bytes) -> PasswordSlot:
        slot = PasswordSlot(id=secrets.token_hex(8), user=user, kind=kind, kdf=kdf,
                            salt=crypto.random_bytes(crypto.SALT_BYTES), nonce=b"", ct=b"", **public)
        kek = crypto.argon2id(secret, slot.salt, slot.kdf, pepper)
        slot.nonce, slot.ct = crypto.seal(kek, payload, slot.ad(self.practice_id))
        return slot

    def _unwrap(self, slot: PasswordSlot, secret: str, pepper: bytes | None) -> bytes:
        kek = crypto.argon2id(secret, slot.salt, slot.kdf, pepper)
        return crypto.open_sealed(kek, slot.nonce, slot.ct, slot.ad(self.practice_id))

    @staticmethod
    def _dummy_derivation(secret: str, pepper: bytes | None) -> None:
        crypto.argon2id(secret, b"\0" * crypto.SALT_BYTES, crypto.DEFAULT_KDF, pepper)

    # --- users --------------------------------------------------------------------------------

    def add_user(self, user: str, password: str, pepper: bytes | None, role: str, *,
                 practice_key: bytes, supervisor: bool = False, admin: bool = False,
                 secrecy: bool = False, unconfirmed: bool = False) -> UserKeys:
        """A login slot with fresh key pairs, a directory entry, and a grant of the practice key.

        ``unconfirmed``: a version-1 user converting after the medical part got its MAC; the
        entry waits outside the directory until a medical unlock confirms it.
        """
        box_private, box = crypto.new_keypair()
        sign_private, sign = crypto.new_signing_keypair()
        keys = UserKeys(user, box_private, sign_private, box, sign)
        self.set_password(keys, password, pepper)
        entry = Entry(role, box, sign, supervisor, admin, secrecy)
        if unconfirmed:
            self.unconfirmed[user] = self.vouched_awaited(user, entry)
        else:
            self.directory[user] = entry
            self.unconfirmed.pop(user, None)
        self.grant_practice(user, practice_key)
        return keys

    def has_login(self, user: str) -> bool:
        """Whether ``user`` has a login slot (of this scheme or of version 1)."""
        return user in self.login_slots or user in self.legacy_login_slots

    def entry_of(self, user: str) -> Entry | None:
        """The user's directory entry, or their unconfirmed one while they are awaited."""
        entry = self.directory.get(user)
        if entry is None and user in self.awaiting:
            entry = self.unconfirmed.get(user)
        return entry

    def await_again(self, user: str) -> None:
        """A user whose version-1 slot a rotation dropped is awaited again (a recovery reset; the
        caller re-MACs with the medical key)."""
        if user in self.reset_needed:
            self.reset_needed.remove(user)
            self.awaiting = sorted({*self.awaiting, user})

    def vouched_awaited(self, user: str, entry: Entry) -> Entry:
        """``entry`` (role and flags from ``practice.db``, the only source for a version-1 user
        still awaited) cut down to what the medical part already says of ``user``.

        The medical key's word on an awaited user is their medical slot and their grant of the
        current medical key, both under the medical MAC: a medical role needs the slot, medical
        access (a physician, an assistant's statement) needs the grant. A role or statement
        planted in ``practice.db`` therefore yields no medical key, now or at a later rotation.
        """
        has_slot = user in self.medical_slots
        has_grant = any(g.recipient == user for g in self.medical.grants)
        if entry.role in (PHYSICIAN, ASSISTANT) and not has_slot:
            return replace(entry, role=CASEMANAGER, supervisor=False, admin=False, secrecy=False)
        if entry.role == PHYSICIAN and not has_grant:
            return replace(entry, role=ASSISTANT, supervisor=False, admin=False, secrecy=False)
        if entry.role == ASSISTANT and entry.secrecy and not has_grant:
            return replace(entry, secrecy=False)
        return entry

    def confirm_awaited(self) -> list[str]:
        """Move the awaited users' entries into the directory (the caller, holding the medical
        key it has just checked the medical part with, re-MACs), each cut down to what the medical
        part says of them (``vouched_awaited``)."""
        names = sorted(u for u in self.unconfirmed if u in self.awaiting)
        for name in names:
            self.directory[name] = self.vouched_awaited(name, self.unconfirmed.pop(name))
            self.awaiting.remove(name)
        return names

    def set_password(self, keys: UserKeys, password: str, pepper: bytes | None) -> None:
        """(Re)wrap a user's private keys under a password: the public keys stay the same."""
        self.login_slots[keys.user] = self._wrap(
            LOGIN, keys.user, password, pepper, keys.box_private + keys.sign_private,
            box=keys.box, sign=keys.sign)
        self.legacy_login_slots.pop(keys.user, None)

    def open_user(self, user: str, password: str, pepper: bytes | None) -> UserKeys:
        """The user's private keys, checked against the directory.

        UnwrapError for a wrong password or an unknown user (who cost the same derivation);
        DirectoryMismatch when the slot's keys have no matching directory entry.
        """
        slot = self.login_slots.get(user)
        if slot is None or slot.box is None or slot.sign is None:
            self._dummy_derivation(password, pepper)
            raise UnwrapError("no such slot")
        payload = self._unwrap(slot, password, pepper)
        keys = UserKeys(user, payload[:_KEY], payload[_KEY:], slot.box, slot.sign)
        entry = self.entry_of(user)
        if entry is None:
            raise DirectoryMismatch(detail="login slot without a directory entry")
        if (crypto.x25519_public(keys.box_private) != entry.box
                or crypto.signing_public(keys.sign_private) != entry.sign
                or slot.box != entry.box or slot.sign != entry.sign):
            raise DirectoryMismatch(detail="login slot keys differ from the directory")
        return keys

    def practice_candidates(self, user: str, box_private: bytes) -> list[tuple[int, bytes]]:
        """(version, key) of the practice key: the current version first, then a pending one.

        NoGrant without a grant of the current version: a pending grant alone proves nothing.
        """
        return _candidates(self.practice, self.practice_id, user, box_private, "practice")

    def open_login(self, user: str, password: str, pepper: bytes | None) -> bytes:
        """The practice key (current version if granted, else a pending one), or UnwrapError."""
        if user in self.legacy_login_slots and user not in self.login_slots:
            return self._unwrap(self.legacy_login_slots[user], password, pepper)
        keys = self.open_user(user, password, pepper)
        return self.practice_candidates(user, keys.box_private)[0][1]

    def check_login_password(self, user: str, password: str, pepper: bytes | None) -> bool:
        try:
            self.open_user(user, password, pepper)
        except UnwrapError:
            return False
        return True

    def grant_practice(self, user: str, practice_key: bytes) -> None:
        entry = self.entry_of(user)
        if entry is None:
            raise VaultDamaged(detail="grant for a user without a vault entry")
        self._unstaged(PRACTICE_SECTION)
        self.practice.drop_recipient(user)
        self.practice.grants.append(Grant.seal(self.practice_id, PRACTICE_SECTION, user, entry.box,
                                               self.practice.version, practice_key))

    def set_role(self, user: str, role: str, *, supervisor: bool, admin: bool) -> None:
        entry = self.directory[user]
        entry.role, entry.supervisor, entry.admin = role, supervisor, admin
        if role != "assistant":
            entry.secrecy = False

    def set_secrecy(self, user: str, in_force: bool) -> None:
        self.directory[user].secrecy = in_force

    def remove_user(self, user: str, until_seq: int) -> None:
        """Slots, grants and directory entry go; the signing key is kept as retired."""
        entry = self.directory.pop(user, None) or self.unconfirmed.pop(user, None)
        if entry is not None:
            self.retired.append(RetiredKey(user, entry.sign, until_seq))
        self.unconfirmed.pop(user, None)
        if user in self.awaiting:
            self.awaiting.remove(user)
        if user in self.reset_needed:
            self.reset_needed.remove(user)
        self.login_slots.pop(user, None)
        self.legacy_login_slots.pop(user, None)
        self._unstaged(PRACTICE_SECTION)
        self.practice.drop_recipient(user)
        self.remove_medical(user)

    def retire_signing_key(self, user: str, until_seq: int) -> None:
        entry = self.entry_of(user)
        if entry is not None:
            self.retired.append(RetiredKey(user, entry.sign, until_seq))

    def signing_keys(self) -> dict[str, list[SigningKey]]:
        """Every public key an audit event may be checked against, per user name."""
        out: dict[str, list[SigningKey]] = {}
        for r in self.retired:
            out.setdefault(r.user, []).append(SigningKey(r.sign, r.until))
        awaited = {u: e for u, e in self.unconfirmed.items() if u in self.awaiting}
        entries = {**awaited, **self.directory}  # as entry_of: the directory's entry first
        for user in sorted(entries):
            out.setdefault(user, []).append(SigningKey(entries[user].sign))
        return out

    # --- medical slots and grants ----------------------------------------------------------------

    def set_medical_slot(self, user: str, passphrase: str, pepper: bytes | None) -> None:
        """A medical slot with a fresh key pair (no grant yet)."""
        private, public = crypto.new_keypair()
        self._unstaged(MEDICAL_SECTION)
        self.medical_slots[user] = self._wrap(MEDICAL, user, passphrase, pepper, private,
                                              public=public)
        self.medical.drop_recipient(user)

    def set_medical(self, user: str, passphrase: str, pepper: bytes | None, medical_key: bytes) -> None:
        """A medical slot with a fresh key pair and a grant of the current medical key."""
        self.set_medical_slot(user, passphrase, pepper)
        self.grant_medical(user, medical_key)

    def grant_medical(self, user: str, medical_key: bytes) -> None:
        slot = self.medical_slots[user]
        if slot.public is None:
            raise VaultDamaged(detail="medical slot without a public key")
        self._unstaged(MEDICAL_SECTION)
        self.medical.drop_recipient(user)
        self.medical.grants.append(Grant.seal(self.practice_id, MEDICAL_SECTION, user, slot.public,
                                              self.medical.version, medical_key))

    def revoke_medical_grant(self, user: str) -> None:
        self._unstaged(MEDICAL_SECTION)
        self.medical.drop_recipient(user)

    def rewrap_medical(self, user: str, old_passphrase: str, new_passphrase: str,
                       pepper: bytes | None) -> None:
        slot = self.medical_slots[user]
        private = self._unwrap(slot, old_passphrase, pepper)
        self.medical_slots[user] = self._wrap(MEDICAL, user, new_passphrase, pepper, private,
                                              public=slot.public)

    def open_medical(self, user: str, passphrase: str, pepper: bytes | None) -> list[tuple[int, bytes]]:
        """Candidate medical keys (version, key): the current one, then a pending one.

        UnwrapError for a wrong passphrase (or no slot); NoGrant when the slot opened but no
        grant is sealed to it.
        """
        slot = self.medical_slots.get(user)
        if slot is None:
            self._dummy_derivation(passphrase, pepper)
            raise UnwrapError("no medical slot")
        return self._medical_candidates(user, self._unwrap(slot, passphrase, pepper))

    def _medical_candidates(self, recipient: str, private: bytes) -> list[tuple[int, bytes]]:
        return _candidates(self.medical, self.practice_id, recipient, private, "medical")

    def remove_medical(self, user: str) -> None:
        self._unstaged(MEDICAL_SECTION)
        self.medical_slots.pop(user, None)
        self.medical.drop_recipient(user)

    # --- rotation -------------------------------------------------------------------------------

    def state(self, section: str) -> KeyState:
        return self.practice if section == PRACTICE_SECTION else self.medical

    def recipients(self, section: str) -> list[tuple[str, bytes]]:
        """Who receives the next key of ``section``: every eligible user, then the recovery key."""
        if section == PRACTICE_SECTION:
            names = (set(self.directory) | (set(self.unconfirmed) & set(self.awaiting))) - self.withheld
            out = [(u, self.entry_of(u).box) for u in sorted(names)]  # type: ignore[union-attr]
        else:
            out = [(u, s.public) for u, s in sorted(self.medical_slots.items())
                   if s.public is not None and u in self.directory
                   and self.directory[u].medical_eligible and u not in self.withheld]
        return out + [(RECOVERY, self.recovery.public)]

    def stage(self, section: str, new_key: bytes, current_key: bytes) -> int:
        """Seal ``new_key`` to every recipient as pending, vouched for by ``current_key``.

        The pending state's MAC is made here and nowhere else: only the holder of the key in use
        can stage a rotation that a later login or unlock will finish.
        """
        state = self.state(section)
        version = state.version + 1
        state.pending_version = version
        state.pending_grants = [
            Grant.seal(self.practice_id, section, name, public, version, new_key)
            for name, public in self.recipients(section)
        ]
        state.pending_mac = self._pending_tag(section, current_key)
        return version

    def _pending_tag(self, section: str, current_key: bytes) -> bytes:
        key = crypto.hkdf(current_key, f"arbokluis vault {section} pending rotation")
        return crypto.mac(key, self.state(section).pending_body(self.practice_id, section))

    def check_pending(self, section: str, current_key: bytes) -> None:
        """Unless the pending state of ``section`` was staged with ``current_key``: VaultTampered
        (medical) or VaultDamaged (practice; the practice key is every user's)."""
        state = self.state(section)
        if state.pending_version is None:
            return
        if (state.pending_version != state.version + 1 or state.pending_mac is None
                or not crypto.mac_equal(self._pending_tag(section, current_key), state.pending_mac)):
            error = VaultTampered if section == MEDICAL_SECTION else VaultDamaged
            raise error(detail=f"{section} rotation not staged with the current key")

    def usable_keys(self, section: str, candidates: dict[int, bytes]) -> list[tuple[int, bytes]]:
        """The keys that may open ``section``: the current one, then a pending one only when the
        current key vouches for it (``check_pending``; VaultTampered when it does not)."""
        state = self.state(section)
        current = candidates.get(state.version)
        if current is None:
            raise NoGrant(f"no current {section} grant")
        out = [(state.version, current)]
        if state.pending_version is not None and state.pending_version in candidates:
            self.check_pending(section, current)
            out.append((state.pending_version, candidates[state.pending_version]))
        return out

    def pending(self, section: str) -> bool:
        return self.state(section).pending_version is not None

    def promote_pending(self, section: str, current_key: bytes) -> None:
        """The pending key becomes current, once ``current_key`` is shown to vouch for it."""
        self.check_pending(section, current_key)
        self.state(section).promote()

    def _unstaged(self, section: str) -> None:
        """Grants change only while no rotation of ``section`` is pending: its MAC covers them."""
        if self.pending(section):
            raise ValueError(f"{section} grants changed while a rotation is pending")

    # --- recovery ---------------------------------------------------------------------------

    @classmethod
    def create(cls, practice_id: str, binding: Binding, pepper: bytes | None, recovery_key: str,
               practice_key: bytes, medical_key: bytes) -> Vault:
        """A new vault: both keys granted to the recovery key, no users yet."""
        material = recovery.key_material(recovery_key)
        _, public = crypto.keypair_from_seed(recovery.derive(material, practice_id, "x25519"))
        vault = cls(practice_id=practice_id,
                    created=datetime.now(UTC).isoformat(timespec="seconds"),
                    binding=binding, recovery=RecoverySlot(public=public))
        vault.set_binding(binding, pepper, recovery_key)
        for section, key in ((PRACTICE_SECTION, practice_key), (MEDICAL_SECTION, medical_key)):
            vault.state(section).grants.append(
                Grant.seal(practice_id, section, RECOVERY, public, 1, key))
        vault.seal_medical(medical_key)
        return vault

    def open_recovery(self, recovery_key: str) -> RecoveryOpening:
        """Everything the recovery key opens; InvalidRecoveryKey (typing) or UnwrapError."""
        material = recovery.key_material(recovery_key)
        kek = recovery.derive(material, self.practice_id, "kek")
        ad = _recovery_ad(self.practice_id)
        pepper = None
        if self.recovery.binding_ct is not None and self.recovery.binding_nonce is not None:
            pepper = crypto.open_sealed(
                kek, self.recovery.binding_nonce, self.recovery.binding_ct, ad + b"|binding")
        private, public = crypto.keypair_from_seed(
            recovery.derive(material, self.practice_id, "x25519"))
        if public != self.recovery.public:
            raise UnwrapError("recovery public key differs")
        if self.recovery.legacy_ct is not None and self.recovery.legacy_nonce is not None:
            practice = [(1, crypto.open_sealed(kek, self.recovery.legacy_nonce,
                                               self.recovery.legacy_ct, ad))]
        else:
            practice = _candidates(self.practice, self.practice_id, RECOVERY, private, "practice")
        return RecoveryOpening(practice[0][1], self._medical_candidates(RECOVERY, private),
                               pepper, practice)

    def set_binding(self, binding: Binding, pepper: bytes | None, recovery_key: str) -> None:
        from desktop_app.vault.binding import fingerprint

        material = recovery.key_material(recovery_key)
        kek = recovery.derive(material, self.practice_id, "kek")
        self.binding = binding
        self.keyring_fingerprint = fingerprint(pepper) if pepper is not None else None
        if pepper is None:
            self.recovery.binding_nonce = self.recovery.binding_ct = None
        else:
            self.recovery.binding_nonce, self.recovery.binding_ct = crypto.seal(
                kek, pepper, _recovery_ad(self.practice_id) + b"|binding")


def _candidates(state: KeyState, practice_id: str, recipient: str, private: bytes,
                section: str) -> list[tuple[int, bytes]]:
    grants = state.for_recipient(recipient)
    if not grants or grants[0][0] != state.version:
        raise NoGrant(f"no current {section} grant")
    return [(v, g.open(practice_id, private)) for v, g in grants]


def _recovery_ad(practice_id: str) -> bytes:
    return crypto.canonical({"practice_id": practice_id, "kind": "recovery"})

