"""The users this workstation saw removed, kept outside the data folder: in the OS keyring.

A backup made before a user was removed still holds that user's slots and grants. Restored, it
would let them in again, and they would see what the practice records from then on. The folder
cannot tell (it is the old folder), so the workstation remembers: each removal adds the user's
name and signing public key here. A restore names every user of the backup that this workstation
saw removed, and the login keeps them out until an admin decides: remove them again (which
rotates the keys) or let them back in (docs/decisions/0010).

The signing key tells a revived user from a new user of the same name: a user added again later
gets new key pairs. Unbound practices have no keyring and so no record; a restore on another
workstation cannot know either. Both are said in the decision's threat table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import keyring
import keyring.errors

from desktop_app.vault import strictjson
from desktop_app.vault.binding import SERVICE, Binding, backend_name
from desktop_app.vault.slots import b64, unb64

MAX_BYTES = 256 * 1024  # some thousands of removals


def account(practice_id: str) -> str:
    return f"practice-{practice_id}-removed"


@dataclass(frozen=True)
class Removed:
    user: str
    sign: bytes  # the Ed25519 public key the user had when removed
    on: str  # ISO date of the removal
    admitted: bool = False  # an admin let the revived user back in after a restore

    def to_json(self) -> dict:
        return {"user": self.user, "sign": b64(self.sign), "on": self.on, "admitted": self.admitted}

    @classmethod
    def from_json(cls, d: dict) -> Removed:
        return cls(user=str(d["user"]), sign=unb64(d["sign"]), on=str(d["on"]),
                   admitted=bool(d.get("admitted", False)))


class RemovedUsers:
    """The keyring record of one practice on this workstation. Never raises for a keyring that
    is missing or fails: the record is a second line, the key rotation of a removal is the first."""

    def __init__(self, binding: Binding, practice_id: str) -> None:
        self.binding = binding
        self.practice_id = practice_id

    @property
    def available(self) -> bool:
        return self.binding.bound and backend_name() is not None

    def load(self) -> list[Removed]:
        if not self.available:
            return []
        try:
            value = keyring.get_password(SERVICE, account(self.practice_id))
        except keyring.errors.KeyringError:
            return []
        if not value:
            return []
        try:
            return [Removed.from_json(d) for d in strictjson.loads(value, max_bytes=MAX_BYTES)["removed"]]
        except (ValueError, KeyError, TypeError, AttributeError):
            return []

    def _store(self, records: list[Removed]) -> bool:
        if not self.available:
            return False
        try:
            keyring.set_password(SERVICE, account(self.practice_id),
                                 json.dumps({"removed": [r.to_json() for r in records]}))
        except keyring.errors.KeyringError:
            return False
        return True

    def add(self, user: str, sign: bytes, on: date) -> bool:
        records = [r for r in self.load() if not (r.user == user and r.sign == sign)]
        return self._store([*records, Removed(user, sign, on.isoformat())])

    def admit(self, user: str, sign: bytes) -> bool:
        records = [Removed(r.user, r.sign, r.on, True) if (r.user == user and r.sign == sign) else r
                   for r in self.load()]
        return self._store(records)

    def held(self, directory: dict) -> list[Removed]:
        """The users of ``directory`` (name -> Entry) this workstation saw removed with the very
        signing key they still have there, and nobody has let back in."""
        return [r for r in self.load() if not r.admitted and r.user in directory
                and directory[r.user].sign == r.sign]
