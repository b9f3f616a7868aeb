"""Garbage collection on the GUI thread only.

Python's cycle collector runs in whichever thread happens to allocate when a threshold is
crossed. When that is the database thread and the cycle holds a Qt widget, the widget is
destroyed off the GUI thread, which crashes the process (seen as a segfault "Garbage-collecting"
on the database thread). As Anki does, the automatic collector is switched off and a timer on the
GUI thread collects instead.

A full collection walks every tracked object: with PySide6, reportlab and the large practice's
lists loaded that is some 250,000 objects and 300-500 ms, a visible freeze when it ran every two
seconds (issue 15's gui_stall_max_ms). So each tick collects only the generations whose counts
crossed their thresholds, as the automatic collector would, and ``freeze`` moves what start-up
and login built (modules, widgets, the styles) out of the collector's reach: a later full
collection then walks only what was made since.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


_timer: QTimer | None = None
_frozen_after_window = False


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
    freeze(collect_first=True)
    return _timer


def collect() -> int:
    """Collect the generations that are due, on the thread that calls it (the GUI thread); return
    the oldest generation collected, or -1 when none was due."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    generation = -1
    for g in range(3):
        if counts[g] <= thresholds[g]:
            break
        generation = g
    if generation >= 0:
        gc.collect(generation)
    return generation


def freeze(*, collect_first: bool) -> None:
    """Move every tracked object to the permanent generation, so that later collections do not walk
    it again. At start-up, before any window shows, a full collection first costs nothing the user
    sees; after login it would be a freeze on screen, so there the little garbage of the moment is
    frozen with the rest (it is never freed, a few kilobytes once per process)."""
    if collect_first:
        gc.collect()
    gc.freeze()


def after_first_window() -> None:
    """Freeze once per process, when the first main window stands; only where the program collects
    on its own timer (``install``), so a test's windows are not kept alive by it."""
    global _frozen_after_window
    if _timer is None or _frozen_after_window:
        return
    _frozen_after_window = True
    freeze(collect_first=False)
