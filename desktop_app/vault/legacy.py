"""Vaults of version 1 (decision 0001), converted user by user at their first login.

A version-1 login slot wrapped the practice key itself, and the recovery slot wrapped it too.
Reading such a file keeps those slots as *legacy* slots; the first login of each user replaces
theirs with a slot of fresh key pairs, a directory entry and a practice grant
(``convert_login``). The medical part gets its MAC at the first medical unlock after the
conversion (``services.session``), which ``medical.db`` then remembers.
"""

from __future__ import annotations

from typing import Any

from desktop_app.vault.binding import Binding
from desktop_app.vault.slots import RECOVERY, Grant, KeyState, PasswordSlot, RecoverySlot, unb64


def from_v1(cls, d: dict[str, Any]):
    pending = d.get("pending")
    medical = KeyState(
        version=int(d["medical_version"]),
        grants=[Grant.from_json(g) for g in d["grants"]],
        pending_version=int(pending["version"]) if pending else None,
        pending_grants=[Grant.from_json(g) for g in pending["grants"]] if pending else [],
    )
    r = d["recovery"]
    rec = RecoverySlot(
        public=unb64(r["public"]),
        binding_nonce=unb64(r["binding_nonce"]) if r.get("binding_nonce") else None,
        binding_ct=unb64(r["binding_ct"]) if r.get("binding_ct") else None,
        legacy_nonce=unb64(r["nonce"]), legacy_ct=unb64(r["ct"]),
    )
    return cls(
        practice_id=str(d["practice_id"]),
        created=str(d["created"]),
        binding=Binding.from_json(d["binding"]),
        recovery=rec,
        medical_slots={s.user: s for s in map(PasswordSlot.from_json, d["medical_slots"])},
        medical=medical,
        practice=KeyState(version=1),
        mac=bytes.fromhex(d["mac"]) if d.get("mac") else None,
        legacy_login_slots={s.user: s for s in map(PasswordSlot.from_json, d["login_slots"])},
        legacy_body={k: v for k, v in d.items() if k != "mac"},
    )


def is_legacy_login(vault, user: str) -> bool:
    return user in vault.legacy_login_slots and user not in vault.login_slots


def open_legacy_login(vault, user: str, password: str, pepper: bytes | None) -> bytes:
    """The practice key from a version-1 login slot (UnwrapError when the password is wrong)."""
    return vault._unwrap(vault.legacy_login_slots[user], password, pepper)


def convert_login(vault, user: str, password: str, pepper: bytes | None, practice_key: bytes, *,
                  role: str, supervisor: bool, admin: bool, secrecy: bool):
    """Replace ``user``'s version-1 slot by one with key pairs; the recovery key gets a grant."""
    if vault.recovery.legacy_ct is not None:
        vault.practice.grants.append(Grant.seal(vault.practice_id, "practice", RECOVERY,
                                                vault.recovery.public, vault.practice.version,
                                                practice_key))
        vault.recovery.legacy_nonce = vault.recovery.legacy_ct = None
    return vault.add_user(user, password, pepper, role, practice_key=practice_key,
                          supervisor=supervisor, admin=admin, secrecy=secrecy,
                          unconfirmed=vault.medical_mac is not None)


def authenticate(vault, medical_key: bytes) -> None:
    """The first medical unlock after the conversion: who has not converted yet is awaited."""
    reseal_medical_grants(vault, medical_key)
    vault.awaiting = sorted(set(vault.legacy_login_slots) - set(vault.directory))


def reseal_medical_grants(vault, medical_key: bytes) -> None:
    """Version-1 medical grants carry no section in their associated data: seal them anew."""
    if all(g.section is not None for g in vault.medical.grants):
        return
    version = vault.medical.version
    fresh = []
    for g in vault.medical.grants:
        if g.recipient == RECOVERY:
            public = vault.recovery.public
        elif g.recipient in vault.medical_slots and vault.medical_slots[g.recipient].public:
            public = vault.medical_slots[g.recipient].public
        else:
            continue
        fresh.append(Grant.seal(vault.practice_id, "medical", g.recipient, public, version,
                                medical_key))
    vault.medical.grants = fresh
