"""Work that may wait, one piece per turn of the event loop.

Qt runs every timer that is due in one turn, one after the other, before it paints or reads
input again. Three dossier windows each building their next tab, an answer from the database
thread and a module loaded in the background all fell due together and held the window for
their sum (gui_stall_max_ms). Such work goes into this one queue instead, and a single timer
runs one piece of it per turn.

The timer is armed again before a piece runs, so a modal dialog the piece opens (a nested event
loop) still gets the pieces after it; and again after, so that other timers that fell due
meanwhile (the window's own) run first.
"""

from __future__ import annotations

import collections
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer


class Turns(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: collections.deque[tuple[Callable[[], None], QObject | None]] = collections.deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # 1 ms, not 0: Qt runs a zero timer started during a turn again in that same turn.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._run_one)

    def later(self, fn: Callable[[], None], owner: QObject | None = None) -> None:
        """Run ``fn`` in a coming turn, after what was queued before it; not at all if ``owner``
        has been deleted by then."""
        self._queue.append((fn, owner))
        if not self._timer.isActive():
            self._timer.start()

    @property
    def waiting(self) -> int:
        return len(self._queue)

    def _run_one(self) -> None:
        while self._queue:
            fn, owner = self._queue.popleft()
            if owner is not None and not shiboken6.isValid(owner):
                continue  # its window is gone
            if self._queue:
                self._timer.start()
            try:
                fn()
            finally:
                if self._queue:
                    self._timer.start()
            return


_turns: Turns | None = None


def turns() -> Turns:
    """The GUI thread's queue (made on first use)."""
    global _turns
    if _turns is None or not shiboken6.isValid(_turns):
        _turns = Turns()
    return _turns


def later(fn: Callable[[], None], owner: QObject | None = None) -> None:
    turns().later(fn, owner)
