"""Idle detection: keyboard and mouse input in the program count as activity.

Two timers: the medical section locks after ``medical_lock_after`` seconds without input
(default 5 minutes), the whole program after ``full_lock_after`` (default 15).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
}


class IdleWatcher(QObject):
    medical_idle = Signal()
    full_idle = Signal()

    def __init__(self, app, medical_lock_after: float = 300, full_lock_after: float = 900,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._medical = QTimer(self)
        self._medical.setSingleShot(True)
        self._medical.timeout.connect(self.medical_idle)
        self._full = QTimer(self)
        self._full.setSingleShot(True)
        self._full.timeout.connect(self.full_idle)
        self.set_times(medical_lock_after, full_lock_after)
        self._paused = False
        app.installEventFilter(self)

    def set_times(self, medical_lock_after: float, full_lock_after: float) -> None:
        self._medical.setInterval(int(medical_lock_after * 1000))
        self._full.setInterval(int(full_lock_after * 1000))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self._paused and event.type() in ACTIVITY:
            self.reset()
        return False

    def reset(self) -> None:
        if self._paused:
            return
        self._medical.start()
        self._full.start()

    def pause(self) -> None:
        self._paused = True
        self._medical.stop()
        self._full.stop()

    def resume(self) -> None:
        self._paused = False
        self.reset()

    @property
    def running(self) -> bool:
        return self._full.isActive()
