"""The user directory in ``vault.json``: who the practice's users are, by the medical key's word.

For every user: role and flags, the X25519 public key their practice grants are sealed to, and
the Ed25519 public key their audit events are checked against. Signing keys that are no longer in
use (a removed user, a reset with the recovery key) stay as *retired* keys, with the last audit
event they may have signed. The whole directory is covered by the medical MAC (``vaultfile``), so
only a holder of the medical key can change it unseen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.vault.slots import b64, unb64

PHYSICIAN, ASSISTANT, CASEMANAGER = "physician", "assistant", "casemanager"
ROLES = (PHYSICIAN, ASSISTANT, CASEMANAGER)


@dataclass
class Entry:
    role: str
    box: bytes  # X25519: receives practice grants
    sign: bytes  # Ed25519: checks the user's audit events
    supervisor: bool = False
    admin: bool = False
    secrecy: bool = False  # an assistant's secrecy statement is in force

    @property
    def medical_eligible(self) -> bool:
        """Whether the medical key is sealed to this user's medical slot."""
        return self.role == PHYSICIAN or (self.role == ASSISTANT and self.secrecy)

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "supervisor": self.supervisor, "admin": self.admin,
                "secrecy": self.secrecy, "box": b64(self.box), "sign": b64(self.sign)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Entry:
        role = str(d["role"])
        if role not in ROLES:
            raise ValueError("unknown role in the directory")
        return cls(role=role, box=unb64(d["box"]), sign=unb64(d["sign"]),
                   supervisor=bool(d["supervisor"]), admin=bool(d["admin"]),
                   secrecy=bool(d["secrecy"]))


@dataclass(frozen=True)
class RetiredKey:
    """A signing key out of use; events after ``until`` signed with it are forged."""

    user: str
    sign: bytes
    until: int

    def to_json(self) -> dict[str, Any]:
        return {"user": self.user, "sign": b64(self.sign), "until": self.until}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RetiredKey:
        return cls(user=str(d["user"]), sign=unb64(d["sign"]), until=int(d["until"]))


@dataclass(frozen=True)
class SigningKey:
    """A public key an event may be checked against: valid up to ``until`` (None: in use)."""

    public: bytes
    until: int | None = None
