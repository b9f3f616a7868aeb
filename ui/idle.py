"""Idle detection: keyboard, mouse and touch input in the program count as activity.

An event filter on each of the program's windows restarts the idle count on every input event:
the windowing system hands input to a window before the window hands it to its widgets, so a
filter there sees all of it and none of the rest (paint, layout, timers). An application-wide
filter saw every event of every widget in Python, which made building a window about twice as
slow (gui_stall_max_ms). The windows are looked up when the focus moves to another window and
once a second, so a dialog or a menu that opens is watched from its first input on. Text from an
input method (dictation, an IME, a compose engine) goes to the focus object, not through the
window, so the focused widget is filtered too, for that event type only. The medical
section locks after ``medical_lock_after`` seconds without input (default 5 minutes), the whole
program after ``full_lock_after`` (default 15). Input in other programs does not count. While the
program is locked the watcher is paused: input then restarts nothing.

Time comes from a clock (``now()`` plus one pending wake-up), by default ``QtClock``: the
monotonic clock and one precise single-shot QTimer. Tests pass a clock they advance by hand, so
they never wait on real time. Input only notes the time; a wake-up that comes before the (moved)
deadline looks again and sleeps for the rest, so a mouse move costs no timer restart.
"""

from __future__ import annotations

import math
import time
import weakref
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow
from shiboken6 import isValid

ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.InputMethod,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.TabletMove,
})

WINDOWS_LOOKED_UP_EVERY_MS = 1000
MEDICAL_LOCK_AFTER = 5 * 60
FULL_LOCK_AFTER = 15 * 60

_MEDICAL, _FULL = 0, 1


class Clock(Protocol):
    """What the watcher needs of time: seconds on a monotonic scale, and one wake-up."""

    def now(self) -> float: ...

    def wake_in(self, seconds: float, callback: Callable[[], None]) -> None:
        """Call ``callback`` once, ``seconds`` from now; replaces a wake-up still pending."""

    def cancel(self) -> None:
        """Drop the pending wake-up, if any."""


class QtClock(QObject):
    """The real clock: ``time.monotonic`` (Qt's timers run on the same clock on Linux) and one
    precise single-shot timer, rounded up to the millisecond so it does not wake too early."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callback: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may be 5 % off
        self._timer.timeout.connect(self._fire)

    def now(self) -> float:
        return time.monotonic()

    def wake_in(self, seconds: float, callback: Callable[[], None]) -> None:
        self._callback = callback
        self._timer.start(max(0, math.ceil(seconds * 1000)))

    def cancel(self) -> None:
        self._timer.stop()
        self._callback = None

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


def _milliseconds(seconds: float) -> int:
    if not seconds > 0:
        raise ValueError("an idle time must be more than zero seconds")
    return max(1, round(seconds * 1000))


class IdleWatcher(QObject):
    """Filters the input to ``app``'s windows. The count starts with the first input or ``reset()``; the
    controller keeps it paused until someone has logged in. Each signal fires once per count."""

    medical_idle = Signal()
    full_idle = Signal()

    def __init__(self, app: QCoreApplication | None = None,
                 medical_lock_after: float = MEDICAL_LOCK_AFTER,
                 full_lock_after: float = FULL_LOCK_AFTER,
                 parent: QObject | None = None, *, clock: Clock | None = None) -> None:
        super().__init__(parent)
        self._clock: Clock = clock if clock is not None else QtClock(self)
        self._signals = (self.medical_idle, self.full_idle)
        self._after_ms = [0, 0]
        self._paused = False
        self._since = 0.0                  # when the current count began
        self._pending: set[int] = set()    # the locks of this count that have not fired yet
        self._wake_at: float | None = None
        self._epoch = 0                    # changes whenever the count restarts or stops
        self.set_times(medical_lock_after, full_lock_after)
        self._app = app or QCoreApplication.instance()
        self._look_up = QTimer(self)
        self._look_up.setInterval(WINDOWS_LOOKED_UP_EVERY_MS)
        self._look_up.timeout.connect(self.watch_windows)
        self._focus: weakref.ref | None = None  # the focus object, filtered for input-method text
        if isinstance(self._app, QGuiApplication):
            self._app.focusWindowChanged.connect(self.watch_windows)
            self._app.focusObjectChanged.connect(self._watch_focus)
            self._look_up.start()
            self.watch_windows()
            self._watch_focus(self._app.focusObject())

    # --- configuration -----------------------------------------------------------------------

    def use_clock(self, clock: Clock) -> None:
        """Count on ``clock`` from now on (tests hand the controller's watcher a manual clock)."""
        self._clock.cancel()
        self._clock = clock
        self._wake_at = None  # a moment on the old clock's scale means nothing on the new one
        if self.running:
            self.reset()

    def set_times(self, medical_lock_after: float, full_lock_after: float) -> None:
        """Both idle times in seconds; a running count starts again with the new times."""
        self._after_ms = [_milliseconds(medical_lock_after), _milliseconds(full_lock_after)]
        if self.running:
            self.reset()

    @property
    def medical_lock_after(self) -> float:
        return self._after_ms[_MEDICAL] / 1000

    @medical_lock_after.setter
    def medical_lock_after(self, seconds: float) -> None:
        self.set_times(seconds, self.full_lock_after)

    @property
    def full_lock_after(self) -> float:
        return self._after_ms[_FULL] / 1000

    @full_lock_after.setter
    def full_lock_after(self, seconds: float) -> None:
        self.set_times(self.medical_lock_after, seconds)

    # --- state -------------------------------------------------------------------------------

    def watch_windows(self, *_focus) -> None:
        """Filter the input of every window the program has (installing twice is harmless: Qt
        keeps one filter per watcher and object)."""
        if self._app is None:
            return
        for window in QGuiApplication.topLevelWindows():
            window.installEventFilter(self)

    def _watch_focus(self, focus: QObject | None) -> None:
        # A weak reference: a strong one kept a closed dialog alive until the focus moved on,
        # and it was then deleted in the middle of Qt's focus change.
        previous = self._focus() if self._focus is not None else None
        if previous is not None and isValid(previous):
            previous.removeEventFilter(self)
        self._focus = None
        if focus is not None and not isinstance(focus, QWindow):
            focus.installEventFilter(self)
            self._focus = weakref.ref(focus)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if self._paused or kind not in ACTIVITY:
            return False
        if kind is QEvent.Type.InputMethod or isinstance(obj, QWindow):  # at the focus widget: only IME text
            self._restart()
        return False

    def reset(self) -> None:
        """Count from now (no effect while paused)."""
        if not self._paused:
            self.watch_windows()  # the windows shown since (the main window after the login)
            self._restart()

    def pause(self) -> None:
        """While locked: stop counting and ignore input."""
        self._paused = True
        self._stop()

    def resume(self) -> None:
        self._paused = False
        self.reset()

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def running(self) -> bool:
        return bool(self._pending)

    def remaining(self) -> tuple[float, float]:
        """Seconds until the medical and the full lock (-1 for a lock that is not counting)."""
        now = self._clock.now()

        def left(which: int) -> float:
            return max(0.0, self._deadline(which) - now) if which in self._pending else -1.0
        return left(_MEDICAL), left(_FULL)

    def close(self) -> None:
        """Stop, and filter no window any more."""
        self.pause()
        self._look_up.stop()
        if isinstance(self._app, QGuiApplication):
            self._app.focusWindowChanged.disconnect(self.watch_windows)
            self._app.focusObjectChanged.disconnect(self._watch_focus)
            for window in QGuiApplication.topLevelWindows():
                window.removeEventFilter(self)
            self._watch_focus(None)
        self._app = None

    # --- the count ---------------------------------------------------------------------------

    def _deadline(self, which: int) -> float:
        return self._since + self._after_ms[which] / 1000

    def _restart(self) -> None:
        self._epoch += 1
        self._since = self._clock.now()
        self._pending = {_MEDICAL, _FULL}
        self._schedule()

    def _stop(self) -> None:
        self._epoch += 1
        self._pending = set()
        self._wake_at = None
        self._clock.cancel()

    def _schedule(self) -> None:
        """Make sure a wake-up comes no later than the next deadline."""
        if not self._pending:
            self._wake_at = None
            self._clock.cancel()
            return
        due = min(self._deadline(w) for w in self._pending)
        if self._wake_at is not None and self._wake_at <= due:
            return  # an earlier wake-up looks again then
        self._wake_at = due
        self._clock.wake_in(max(0.0, due - self._clock.now()), self._wake)

    def _wake(self) -> None:
        self._wake_at = None
        now = self._clock.now()
        epoch = self._epoch
        for which in sorted(self._pending, key=lambda w: (self._deadline(w), w)):
            if now < self._deadline(which):
                break
            self._pending.discard(which)
            self._signals[which].emit()
            if self._epoch != epoch:
                return  # a slot paused or restarted the count, which scheduled what it needs
        self._schedule()
