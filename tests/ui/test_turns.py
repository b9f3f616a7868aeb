"""Waiting work runs one piece per turn of the event loop (ui.turns), whoever queued it."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QObject, QTimer

from ui import turns

pytestmark = pytest.mark.gui


def test_pieces_of_several_windows_take_turns_with_the_windows_own_timer(qtbot):
    # Three windows each with a next step due at once: the 10 ms timer runs between any two.
    seen: list[str] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: seen.append("tick"))
    ticker.start(10)
    windows = [QObject() for _ in range(3)]

    def step(n: int) -> None:
        seen.append(f"step {n}")
        time.sleep(0.03)  # building a tab

    try:
        for n, window in enumerate(windows):
            turns.later(lambda n=n: step(n), owner=window)
        qtbot.waitUntil(lambda: turns.turns().waiting == 0 and "step 2" in seen, timeout=5000)
    finally:
        ticker.stop()
    steps = [i for i, what in enumerate(seen) if what.startswith("step")]
    assert [seen[i] for i in steps] == ["step 0", "step 1", "step 2"]
    assert all("tick" in seen[a:b] for a, b in zip(steps, steps[1:], strict=False))


def test_a_piece_of_a_closed_window_is_dropped(qtbot):
    ran: list[str] = []
    gone, kept = QObject(), QObject()
    turns.later(lambda: ran.append("gone"), owner=gone)
    turns.later(lambda: ran.append("kept"), owner=kept)
    import shiboken6

    shiboken6.delete(gone)
    qtbot.waitUntil(lambda: ran != [], timeout=5000)
    qtbot.wait(20)
    assert ran == ["kept"]


def test_a_piece_that_fails_does_not_stop_the_rest(qtbot, monkeypatch):
    import sys

    ran: list[str] = []
    errors: list = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: errors.append(exc[0]))

    def fails() -> None:
        raise RuntimeError("kapot")

    turns.later(fails)
    turns.later(lambda: ran.append("next"))
    qtbot.waitUntil(lambda: ran == ["next"], timeout=5000)
    assert errors == [RuntimeError]  # reported, as any slot's error is
