"""Failed logins: an increasing delay, and a report to the user who next logs in.

Kept in ``login-attempts.json`` beside the vault, because a failed login has no key to write to
the encrypted trail; the next successful login of that user copies the failures into the audit
trail and clears them. The file holds user names and times only. Deleting it resets the delay,
which only matters to someone with access to the folder, who faces Argon2id and the keyring
secret anyway.

The file cannot be made to grow without bound: a name that is not a user of the practice is
counted under one shared key (``UNKNOWN_USER``; the caller decides, since only the vault knows
the users), at most ``MAX_TIMES`` failures are kept per key and ``MAX_USERS`` keys in all, and a
file larger than ``MAX_BYTES`` or not plain JSON (deep nesting, ``Infinity``) is read as empty.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

from desktop_app.errors import LoginThrottled
from desktop_app.fileio import atomic_write
from desktop_app.vault import strictjson

FREE_ATTEMPTS = 3
FIRST_DELAY_S = 5.0
MAX_DELAY_S = 300.0
UNKNOWN_USER = "*"  # not a valid user name (normalise_username): no user can collide with it
MAX_TIMES = 100
MAX_USERS = 256
MAX_BYTES = 256 * 1024


@dataclass(frozen=True)
class Failures:
    count: int
    times: tuple[float, ...]

    @property
    def last(self) -> float | None:
        return self.times[-1] if self.times else None


def delay_after(count: int) -> float:
    if count < FREE_ATTEMPTS:
        return 0.0
    return min(FIRST_DELAY_S * 2 ** (count - FREE_ATTEMPTS), MAX_DELAY_S)


class LoginThrottle:
    def __init__(self, path: Path, clock=time.time) -> None:
        self.path = Path(path)
        self.clock = clock

    def _load(self) -> dict[str, list[float]]:
        """The failures per user; a damaged file counts as none (deleting it does the same)."""
        try:
            with self.path.open("rb") as fh:
                raw = fh.read(MAX_BYTES + 1)
            data = strictjson.loads(raw, max_bytes=MAX_BYTES)
            out = {str(k): [float(t) for t in v][-MAX_TIMES:] for k, v in data.items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, AttributeError, OverflowError):
            return {}
        return {k: [t for t in v if math.isfinite(t)] for k, v in out.items()}

    def _save(self, data: dict[str, list[float]]) -> None:
        atomic_write(self.path, json.dumps(data).encode())

    def failures(self, user: str) -> Failures:
        times = self._load().get(user, [])
        return Failures(len(times), tuple(times))

    def check(self, user: str) -> None:
        f = self.failures(user)
        wait = delay_after(f.count)
        if wait and f.last is not None:
            # A failure dated in the future (a planted file, a clock set back) counts as now.
            remaining = min(f.last + wait - self.clock(), wait)
            if remaining > 0:
                raise LoginThrottled(remaining)

    def failed(self, user: str) -> None:
        data = self._load()
        data.setdefault(user, []).append(self.clock())
        data[user] = data[user][-MAX_TIMES:]
        if len(data) > MAX_USERS:  # keep the keys with the latest failures
            keep = sorted(data, key=lambda k: data[k][-1] if data[k] else 0.0)[-MAX_USERS:]
            data = {k: data[k] for k in keep}
        self._save(data)

    def succeeded(self, user: str) -> Failures:
        data = self._load()
        times = data.pop(user, [])
        if times:
            self._save(data)
        return Failures(len(times), tuple(times))
