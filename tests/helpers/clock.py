"""A clock for ui.idle that tests move by hand: no test waits on real time."""

from __future__ import annotations

from collections.abc import Callable


class ManualClock:
    """``now()`` stands still until the test moves it.

    - ``advance(s)``: time goes on and the wake-up runs at its own moment on the way (an idle
      event loop);
    - ``jump(s)``: time goes on first and a wake-up that fell due runs afterwards, late (a busy
      event loop, or a machine that slept);
    - ``wake_early()``: the pending wake-up runs now, before its time (a timer that fired early).
    """

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._wake: tuple[float, Callable[[], None]] | None = None

    def now(self) -> float:
        return self._now

    def wake_in(self, seconds: float, callback: Callable[[], None]) -> None:
        self._wake = (self._now + max(0.0, seconds), callback)

    def cancel(self) -> None:
        self._wake = None

    @property
    def next_wake(self) -> float | None:
        """Seconds from now until the pending wake-up (None when there is none)."""
        return None if self._wake is None else self._wake[0] - self._now

    def advance(self, seconds: float) -> None:
        """Move time on, running each wake-up at its own moment on the way."""
        end = self._now + seconds
        while self._wake is not None and self._wake[0] <= end:
            due, callback = self._wake
            self._wake = None
            self._now = max(self._now, due)
            callback()
        self._now = end

    def jump(self, seconds: float) -> None:
        self._now += seconds
        while self._wake is not None and self._wake[0] <= self._now:
            _due, callback = self._wake
            self._wake = None
            callback()

    def wake_early(self) -> None:
        if self._wake is not None:
            _due, callback = self._wake
            self._wake = None
            callback()
