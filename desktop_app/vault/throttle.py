"""Failed logins: an increasing delay, and a report to the user who next logs in.

Kept in ``login-attempts.json`` beside the vault, because a failed login has no key to write to
the encrypted trail; the next successful login of that user copies the failures into the audit
trail and clears them. The file holds user names and times only. Deleting it resets the delay,
which only matters to someone with access to the folder, who faces Argon2id and the keyring
secret anyway.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from desktop_app.errors import LoginThrottled
from desktop_app.fileio import atomic_write

FREE_ATTEMPTS = 3
FIRST_DELAY_S = 5.0
MAX_DELAY_S = 300.0


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
        try:
            data = json.loads(self.path.read_bytes())
            return {str(k): [float(t) for t in v] for k, v in data.items()}
        except FileNotFoundError:
            return {}
        except (ValueError, TypeError, AttributeError):
            return {}

    def _save(self, data: dict[str, list[float]]) -> None:
        atomic_write(self.path, json.dumps(data).encode())

    def failures(self, user: str) -> Failures:
        times = self._load().get(user, [])
        return Failures(len(times), tuple(times))

    def check(self, user: str) -> None:
        f = self.failures(user)
        wait = delay_after(f.count)
        if wait and f.last is not None:
            remaining = f.last + wait - self.clock()
            if remaining > 0:
                raise LoginThrottled(remaining)

    def failed(self, user: str) -> None:
        data = self._load()
        data.setdefault(user, []).append(self.clock())
        data[user] = data[user][-100:]
        self._save(data)

    def succeeded(self, user: str) -> Failures:
        data = self._load()
        times = data.pop(user, [])
        if times:
            self._save(data)
        return Failures(len(times), tuple(times))
