"""Garbage collection on the GUI thread only.

Python's cycle collector runs in whichever thread happens to allocate when a threshold is
crossed. When that is the database thread and the cycle holds a Qt widget, the widget is
destroyed off the GUI thread, which crashes the process (seen as a segfault "Garbage-collecting"
on the database thread). As Anki does, the automatic collector is switched off and a timer on the
GUI thread collects instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 2000


_timer: QTimer | None = None


def install(parent: QObject) -> QTimer:
    """Switch off the automatic collector; collect every ``INTERVAL_MS`` on the GUI thread. One
    timer per process: a second call (a new controller on the same application) returns it."""
    global _timer
    gc.disable()
    if _timer is None:
        _timer = QTimer(parent)
        _timer.setInterval(INTERVAL_MS)
        _timer.timeout.connect(collect)
    _timer.start()
    return _timer


def collect() -> None:
    """One full collection, on the thread that calls it (the GUI thread)."""
    gc.collect()
