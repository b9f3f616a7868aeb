"""The audit head kept outside the data folder: in the OS keyring, for bound practices.

Written at login, at logout and lock, after a key rotation and after an acknowledgement, so that a
folder rolled back together with its head file still disagrees with what this workstation saw.
Someone who can use the OS account can rewrite it too (docs/decisions/0005). A keyring that fails
while writing does not stop the program: the head file still guards every write.
"""

from __future__ import annotations

import json

import keyring
import keyring.errors

from desktop_app.vault import strictjson
from desktop_app.vault.binding import SERVICE, Binding, backend_name, reachable

UNBOUND = "niet beschikbaar: de praktijk is niet gekoppeld aan een sleutelbos"
UNREACHABLE = "niet beschikbaar: de sleutelbos van dit werkstation is niet bereikbaar"


def account(practice_id: str) -> str:
    return f"practice-{practice_id}-audit-head"


class KeyringAnchor:
    def __init__(self, binding: Binding, practice_id: str) -> None:
        self.binding = binding
        self.practice_id = practice_id

    @property
    def available(self) -> bool:
        return reachable(self.binding)

    def store(self, count: int, h: bytes) -> bool:
        if not self.available:
            return False
        try:
            keyring.set_password(SERVICE, account(self.practice_id),
                                 json.dumps({"count": count, "hash": h.hex()}))
        except keyring.errors.KeyringError:
            return False
        return True

    def load(self) -> tuple[int, bytes] | None | str:
        """(count, hash); None when the keyring holds none; a Dutch reason when unavailable."""
        if not self.binding.bound:
            return UNBOUND
        if backend_name() is None:
            return UNREACHABLE
        try:
            value = keyring.get_password(SERVICE, account(self.practice_id))
        except keyring.errors.KeyringError:
            return UNREACHABLE
        if not value:
            return None
        try:
            d = strictjson.loads(value, max_bytes=64 * 1024)
            return int(d["count"]), bytes.fromhex(d["hash"])
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
            return None

    def forget(self) -> None:
        try:
            keyring.delete_password(SERVICE, account(self.practice_id))
        except keyring.errors.KeyringError:
            pass
