"""Idle detection: the locks fire after the idle times and input in the program restarts them.

The watcher runs on a clock the tests move by hand (tests/helpers/clock.py), so no test waits on
real time and a loaded machine cannot make one fail. Input is real: it comes in through the
window, as the windowing system hands it to the program (QTest's window overloads), and reaches
the widget from there. One test at the end runs the real clock, and only checks the order.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from tests.helpers.clock import ManualClock
from ui.idle import (
    FULL_LOCK_AFTER,
    MEDICAL_LOCK_AFTER,
    WINDOWS_LOOKED_UP_EVERY_MS,
    IdleWatcher,
    QtClock,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def edit(qtbot):
    widget = QLineEdit()
    qtbot.addWidget(widget)
    widget.resize(200, 40)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def make_watcher(qapp, clock):
    made = []

    def make(medical: float, full: float) -> IdleWatcher:
        watcher = IdleWatcher(qapp, medical, full, clock=clock)
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.close()
        watcher.deleteLater()


def record(watcher: IdleWatcher) -> list[str]:
    fired: list[str] = []
    watcher.medical_idle.connect(lambda: fired.append("medical"))
    watcher.full_idle.connect(lambda: fired.append("full"))
    return fired


def test_defaults_are_five_and_fifteen_minutes(qapp):
    watcher = IdleWatcher(qapp)
    try:
        assert (MEDICAL_LOCK_AFTER, FULL_LOCK_AFTER) == (300, 900)
        assert (watcher.medical_lock_after, watcher.full_lock_after) == (300, 900)
        assert not watcher.running
    finally:
        watcher.close()


def test_nothing_counts_before_the_first_input_or_reset(make_watcher, clock):
    watcher = make_watcher(300, 900)
    fired = record(watcher)
    clock.advance(10_000)
    assert fired == []
    assert watcher.remaining() == (-1.0, -1.0)


def test_the_medical_lock_fires_at_its_idle_time_and_not_before(make_watcher, clock):
    watcher = make_watcher(300, 900)
    fired = record(watcher)
    watcher.reset()
    clock.advance(299.999)
    assert fired == []
    clock.advance(0.001)
    assert fired == ["medical"]


def test_the_full_lock_follows_at_its_own_idle_time(make_watcher, clock):
    watcher = make_watcher(300, 900)
    fired = record(watcher)
    watcher.reset()
    clock.advance(899.999)
    assert fired == ["medical"]
    clock.advance(0.001)
    assert fired == ["medical", "full"]


def test_each_lock_fires_once_until_input_or_reset(make_watcher, clock):
    watcher = make_watcher(300, 900)
    fired = record(watcher)
    watcher.reset()
    clock.advance(900)
    clock.advance(10_000)
    assert fired == ["medical", "full"]
    assert not watcher.running


def test_a_late_wake_up_fires_both_in_order(make_watcher, clock):
    watcher = make_watcher(300, 900)
    fired = record(watcher)
    watcher.reset()
    clock.jump(5000)  # one wake-up, long after both deadlines
    assert fired == ["medical", "full"]


def test_an_early_wake_up_fires_nothing_and_sleeps_for_the_rest(make_watcher, clock):
    watcher = make_watcher(300, 900)
    fired = record(watcher)
    watcher.reset()
    clock.advance(299.5)
    clock.wake_early()
    assert fired == []
    assert clock.next_wake == 0.5


def test_a_shorter_full_time_fires_first(make_watcher, clock):
    watcher = make_watcher(900, 300)
    fired = record(watcher)
    watcher.reset()
    clock.advance(300)
    assert fired == ["full"]
    clock.advance(600)
    assert fired == ["full", "medical"]


def _key(widget, key=Qt.Key.Key_A) -> None:
    """A key typed into ``widget``'s window, which hands it to the widget with the focus."""
    QTest.keyClick(widget.window().windowHandle(), key)


def _send(edit, action: str) -> None:
    window = edit.window().windowHandle()
    if action == "key press":
        _key(edit)
    elif action == "mouse move":
        QTest.mouseMove(window, QPoint(20, 10))
        QTest.mouseMove(window, QPoint(40, 20))
    else:
        QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(20, 10))


@pytest.mark.parametrize("action", ["key press", "mouse move", "mouse click"])
def test_input_restarts_both_counts(make_watcher, clock, edit, action):
    watcher = make_watcher(300, 900)
    watcher.reset()
    clock.advance(200)
    assert watcher.remaining() == (100, 700)
    _send(edit, action)
    assert watcher.remaining() == (300, 900)


def test_a_key_typed_into_the_window_reaches_the_field(make_watcher, clock, edit):
    # The path the tests drive is the real one: the window hands the key on to its widget.
    watcher = make_watcher(300, 900)
    watcher.reset()
    _key(edit, Qt.Key.Key_Q)
    assert edit.text() == "q"


def test_a_window_opened_later_is_watched_when_it_gets_the_focus(qtbot, make_watcher, clock):
    watcher = make_watcher(300, 900)
    watcher.reset()
    dialog = QLineEdit()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle(), timeout=5000)
    clock.advance(200)
    _key(dialog)
    assert watcher.remaining() == (300, 900)


def test_a_window_that_never_gets_the_focus_is_watched_within_a_second(qtbot, qapp, make_watcher, clock):
    # Some windows (a menu, a tool window on some desktops) show without the focus moving: the
    # application then says nothing, which blocking its signals stands in for here.
    watcher = make_watcher(300, 900)
    watcher.reset()
    other = QLineEdit()
    qtbot.addWidget(other)
    qapp.blockSignals(True)
    try:
        other.show()
        qtbot.waitExposed(other)
        qtbot.wait(WINDOWS_LOOKED_UP_EVERY_MS + 300)
    finally:
        qapp.blockSignals(False)
    clock.advance(200)
    QTest.mouseMove(other.windowHandle(), QPoint(10, 10))
    QTest.mouseMove(other.windowHandle(), QPoint(30, 12))
    assert watcher.remaining() == (300, 900)


@pytest.mark.parametrize("action", ["key press", "mouse move", "mouse click"])
def test_input_postpones_the_lock(make_watcher, clock, edit, action):
    watcher = make_watcher(300, 900)
    fired = record(watcher)
    watcher.reset()
    clock.advance(200)
    _send(edit, action)
    clock.advance(299)  # 499 s after reset(), 299 s after the input
    assert fired == []
    clock.advance(1)
    assert fired == ["medical"]


def test_input_after_the_medical_lock_counts_again_from_zero(make_watcher, clock, edit):
    watcher = make_watcher(300, 900)
    fired = record(watcher)
    watcher.reset()
    clock.advance(400)
    _key(edit, Qt.Key.Key_A)
    clock.advance(300)
    assert fired == ["medical", "medical"]
    assert watcher.remaining() == (-1.0, 600)


def test_other_events_do_not_count_as_activity(qapp, make_watcher, clock, edit):
    watcher = make_watcher(300, 900)
    watcher.reset()
    clock.advance(200)
    edit.resize(300, 50)
    edit.setText("bijgewerkt door het programma")
    edit.repaint()
    qapp.processEvents()
    assert watcher.remaining() == (100, 700)


def test_typing_keeps_the_program_unlocked(make_watcher, clock, edit):
    watcher = make_watcher(300, 900)
    fired = record(watcher)
    watcher.reset()
    for _ in range(20):  # a key every four minutes for 80 minutes
        clock.advance(240)
        _key(edit, Qt.Key.Key_B)
    assert fired == []
    clock.advance(900)
    assert fired == ["medical", "full"]


def test_paused_while_locked(make_watcher, clock, edit):
    watcher = make_watcher(300, 900)
    fired = record(watcher)
    watcher.reset()
    watcher.pause()
    assert watcher.paused
    assert not watcher.running
    _key(edit, Qt.Key.Key_C)
    watcher.reset()
    assert not watcher.running
    clock.advance(10_000)
    assert fired == []
    watcher.resume()
    assert watcher.running
    assert not watcher.paused
    clock.advance(900)
    assert fired == ["medical", "full"]


def test_a_lock_that_pauses_stops_the_next_one(make_watcher, clock):
    # The controller's lock pauses the watcher: a lock due at the same wake-up then stays quiet.
    watcher = make_watcher(300, 900)
    fired = record(watcher)
    watcher.medical_idle.connect(watcher.pause)
    watcher.reset()
    clock.jump(5000)
    assert fired == ["medical"]


def test_the_times_can_change_while_running(make_watcher, clock):
    watcher = make_watcher(100, 200)
    watcher.reset()
    clock.advance(50)
    watcher.set_times(2, 4)
    assert watcher.remaining() == (2, 4)
    watcher.full_lock_after = 6
    watcher.medical_lock_after = 0.5
    assert (watcher.medical_lock_after, watcher.full_lock_after) == (0.5, 6)
    assert watcher.remaining() == (0.5, 6)


def test_a_shorter_time_fires_at_the_shorter_deadline(make_watcher, clock):
    watcher = make_watcher(300, 900)
    fired = record(watcher)
    watcher.reset()
    clock.advance(10)
    watcher.set_times(60, 120)
    clock.advance(60)
    assert fired == ["medical"]


@pytest.mark.parametrize(("medical", "full"), [(0, 10), (10, -1)])
def test_an_idle_time_must_be_positive(make_watcher, medical, full):
    watcher = make_watcher(300, 900)
    with pytest.raises(ValueError):
        watcher.set_times(medical, full)


def test_a_refused_time_changes_nothing(make_watcher):
    watcher = make_watcher(300, 900)
    with pytest.raises(ValueError):
        watcher.full_lock_after = -1
    assert (watcher.medical_lock_after, watcher.full_lock_after) == (300, 900)


def test_close_removes_the_filter(make_watcher, edit):
    watcher = make_watcher(300, 900)
    watcher.close()
    _key(edit, Qt.Key.Key_D)
    assert not watcher.running


def test_the_real_clock_fires_medical_then_full(qtbot, qapp):
    # The Qt seam itself: the precise timer wakes the watcher. Only the order is checked, with
    # a generous timeout, so a loaded machine makes it slower, never red.
    watcher = IdleWatcher(qapp, 0.05, 0.1)
    fired = record(watcher)
    try:
        watcher.reset()
        qtbot.waitUntil(lambda: len(fired) == 2, timeout=30_000)
        assert fired == ["medical", "full"]
    finally:
        watcher.close()


def test_the_real_clock_keeps_one_wake_up(qtbot):
    clock = QtClock()
    calls: list[str] = []
    clock.wake_in(3600, lambda: calls.append("replaced"))
    clock.wake_in(0, lambda: calls.append("kept"))
    qtbot.waitUntil(lambda: calls == ["kept"], timeout=30_000)
    clock.wake_in(0, lambda: calls.append("cancelled"))
    clock.cancel()
    qtbot.wait(50)
    assert calls == ["kept"]
