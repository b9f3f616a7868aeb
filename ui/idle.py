"""Idle detection: keyboard, mouse and touch input in the program count as activity.

An application-wide event filter restarts two single-shot timers on every input event: the
medical section locks after ``medical_lock_after`` seconds without input (default 5 minutes),
the whole program after ``full_lock_after`` (default 15). Input in other programs does not count.
While the program is locked the watcher is paused: input then restarts nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal

ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.InputMethod,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.TabletMove,
})

MEDICAL_LOCK_AFTER = 5 * 60
FULL_LOCK_AFTER = 15 * 60


def _milliseconds(seconds: float) -> int:
    if not seconds > 0:
        raise ValueError("an idle time must be more than zero seconds")
    return max(1, round(seconds * 1000))


class IdleWatcher(QObject):
    """Filters ``app``'s events. The timers start with the first input or ``reset()``; the
    controller keeps it paused until someone has logged in."""

    medical_idle = Signal()
    full_idle = Signal()

    def __init__(self, app: QCoreApplication | None = None,
                 medical_lock_after: float = MEDICAL_LOCK_AFTER,
                 full_lock_after: float = FULL_LOCK_AFTER,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._medical = self._timer(self.medical_idle)
        self._full = self._timer(self.full_idle)
        self._paused = False
        self.set_times(medical_lock_after, full_lock_after)
        self._app = app or QCoreApplication.instance()
        if self._app is not None:
            self._app.installEventFilter(self)

    def _timer(self, signal: Signal) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may be 5 % off
        timer.timeout.connect(signal)
        return timer

    # --- configuration -----------------------------------------------------------------------

    def set_times(self, medical_lock_after: float, full_lock_after: float) -> None:
        """Both idle times in seconds; running timers start again with the new times."""
        medical, full = _milliseconds(medical_lock_after), _milliseconds(full_lock_after)
        self._medical.setInterval(medical)
        self._full.setInterval(full)
        if self.running:
            self.reset()

    @property
    def medical_lock_after(self) -> float:
        return self._medical.interval() / 1000

    @medical_lock_after.setter
    def medical_lock_after(self, seconds: float) -> None:
        self.set_times(seconds, self.full_lock_after)

    @property
    def full_lock_after(self) -> float:
        return self._full.interval() / 1000

    @full_lock_after.setter
    def full_lock_after(self, seconds: float) -> None:
        self.set_times(self.medical_lock_after, seconds)

    # --- state -------------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self._paused and event.type() in ACTIVITY:
            self._medical.start()
            self._full.start()
        return False

    def reset(self) -> None:
        """Count from now (no effect while paused)."""
        if self._paused:
            return
        self._medical.start()
        self._full.start()

    def pause(self) -> None:
        """While locked: stop both timers and ignore input."""
        self._paused = True
        self._medical.stop()
        self._full.stop()

    def resume(self) -> None:
        self._paused = False
        self.reset()

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def running(self) -> bool:
        return self._medical.isActive() or self._full.isActive()

    def remaining(self) -> tuple[float, float]:
        """Seconds until the medical and the full lock (-1 for a timer that is not running)."""
        def left(timer: QTimer) -> float:
            return timer.remainingTime() / 1000 if timer.isActive() else -1.0
        return left(self._medical), left(self._full)

    def close(self) -> None:
        """Stop and remove the event filter."""
        self.pause()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None
