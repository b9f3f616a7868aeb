"""What this workstation saw taken away from users, kept outside the data folder: in the OS keyring.

A backup made before a user was removed (or lost the medical section: a withdrawn secrecy
statement, a demotion) still holds that user's slots and grants. Restored, it would let them in
again, and they would see what the practice records from then on. The folder cannot tell (it is
the old folder), so the workstation remembers: one keyring entry per user, written before the key
rotation of the change starts. A restore names every user of the backup this workstation saw lose
access; the login keeps them out, and key rotations seal nothing to them, until an admin decides:
take the access away again (which rotates the keys) or let them back in (docs/decisions/0010).

The hold is by name: a practice never gives a user name out twice, and the name is what a forged
backup cannot change (its new key pairs would be the user's own word). An entry that cannot be
read holds its user: failing closed costs an admin one decision. A keyring that does not answer
holds nobody (it would hold everyone, the admins too).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import keyring

from desktop_app.vault import strictjson
from desktop_app.vault.binding import SERVICE, Binding, reachable

REMOVED = "removed"  # no longer a user of the practice
MEDICAL = "medical"  # no longer opens the medical section
REASONS = {REMOVED: "verwijderd", MEDICAL: "geen toegang meer tot het medische deel"}


def account(practice_id: str, user: str) -> str:
    return f"practice-{practice_id}-removed-{user}"


@dataclass(frozen=True)
class Held:
    user: str
    what: str  # REMOVED or MEDICAL; REMOVED also for an entry that cannot be read

    @property
    def reason(self) -> str:
        return REASONS[self.what]


class RemovedUsers:
    """The keyring entries of one practice on this workstation. Never raises for a keyring that
    is missing or fails, whatever the backend raises: the record is a second line, the key
    rotation of the change is the first."""

    def __init__(self, binding: Binding, practice_id: str) -> None:
        self.binding = binding
        self.practice_id = practice_id

    @property
    def available(self) -> bool:
        return reachable(self.binding)

    def _get(self, user: str) -> dict | None | str:
        """The entry; None when there is none or the keyring does not answer (a flaky keyring
        must not lock the whole practice out); "" when an entry is there but cannot be read."""
        try:
            value = keyring.get_password(SERVICE, account(self.practice_id, user))
        except Exception:  # noqa: BLE001 - any backend's failure
            return None
        if value is None:
            return None
        try:
            d = strictjson.loads(value, max_bytes=4096)
            if d["what"] not in REASONS or not isinstance(d["admitted"], bool):
                return ""
            return d
        except (ValueError, KeyError, TypeError):
            return ""

    def _put(self, user: str, d: dict) -> bool:
        try:
            keyring.set_password(SERVICE, account(self.practice_id, user), json.dumps(d))
        except Exception:  # noqa: BLE001 - e.g. pywintypes.error on Windows
            return False
        return True

    def add(self, user: str, what: str, on: date) -> bool:
        """Remember that ``user`` lost access (a removal outranks a lost medical section)."""
        if not self.available:
            return False
        old = self._get(user)
        if what == MEDICAL and isinstance(old, dict) and old["what"] == REMOVED and not old["admitted"]:
            return True
        return self._put(user, {"what": what, "on": on.isoformat(), "admitted": False})

    def granted_again(self, user: str) -> None:
        """The user was given the medical section again (a new secrecy statement, a medical role):
        a lost medical section is no longer a reason to hold them."""
        if not self.available:
            return
        old = self._get(user)
        if isinstance(old, dict) and old["what"] == MEDICAL:
            self._put(user, {**old, "admitted": True})

    def admit(self, user: str) -> bool:
        old = self._get(user)
        what = old["what"] if isinstance(old, dict) else REMOVED
        return self._put(user, {"what": what, "on": old.get("on", "") if isinstance(old, dict) else "",
                                "admitted": True})

    def held(self, directory: dict) -> list[Held]:
        """The users of ``directory`` (name -> Entry) this workstation saw lose what the directory
        gives them, and nobody has let back in."""
        if not self.available:
            return []
        return [h for h in (self._hold(name, entry) for name, entry in sorted(directory.items())) if h]

    def holds(self, name: str, directory: dict) -> bool:
        """Whether ``name`` is held: one keyring read (the login asks only for the one user)."""
        entry = directory.get(name)
        return entry is not None and self.available and self._hold(name, entry) is not None

    def _hold(self, name: str, entry) -> Held | None:
        d = self._get(name)
        if d is None:
            return None
        if d == "":
            return Held(name, REMOVED)
        if not d["admitted"] and (d["what"] == REMOVED or entry.medical_eligible):
            return Held(name, d["what"])
        return None

    def held_names(self, directory: dict) -> set[str]:
        return {h.user for h in self.held(directory)}
