"""Idle detection: the timers fire after the idle times and input in the program restarts them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from ui.idle import FULL_LOCK_AFTER, MEDICAL_LOCK_AFTER, IdleWatcher

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
def make_watcher(qapp):
    made = []

    def make(medical: float, full: float) -> IdleWatcher:
        watcher = IdleWatcher(qapp, medical, full)
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


def test_defaults_are_five_and_fifteen_minutes(qapp, make_watcher):
    watcher = IdleWatcher(qapp)
    try:
        assert (MEDICAL_LOCK_AFTER, FULL_LOCK_AFTER) == (300, 900)
        assert (watcher.medical_lock_after, watcher.full_lock_after) == (300, 900)
        assert not watcher.running
    finally:
        watcher.close()


def test_medical_then_full_fire_after_the_idle_times(qtbot, make_watcher):
    watcher = make_watcher(0.1, 0.25)
    fired = record(watcher)
    watcher.reset()
    with qtbot.waitSignal(watcher.full_idle, timeout=3000):
        pass
    assert fired == ["medical", "full"]
    qtbot.wait(300)
    assert fired == ["medical", "full"]  # once each until input or reset()


def _idle_for_a_while(qtbot, watcher: IdleWatcher) -> tuple[float, float]:
    watcher.reset()
    qtbot.waitUntil(lambda: watcher.remaining()[0] < 1.6, timeout=3000)
    return watcher.remaining()


@pytest.mark.parametrize("action", ["key press", "mouse move", "mouse click"])
def test_input_restarts_both_timers(qtbot, make_watcher, edit, action):
    watcher = make_watcher(2, 3)
    medical_before, full_before = _idle_for_a_while(qtbot, watcher)
    if action == "key press":
        QTest.keyClick(edit, Qt.Key.Key_A)
    elif action == "mouse move":
        QTest.mouseMove(edit, QPoint(20, 10))
        QTest.mouseMove(edit, QPoint(40, 20))
    else:
        QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
    medical, full = watcher.remaining()
    assert medical > medical_before + 0.3 and full > full_before + 0.3
    assert medical <= 2 and full <= 3


def test_other_events_do_not_count_as_activity(qtbot, make_watcher, edit):
    watcher = make_watcher(2, 3)
    medical_before, _full = _idle_for_a_while(qtbot, watcher)
    edit.resize(300, 50)
    edit.setText("bijgewerkt door het programma")
    edit.repaint()
    qtbot.wait(20)
    assert watcher.remaining()[0] <= medical_before


def test_typing_keeps_the_program_unlocked(qtbot, make_watcher, edit):
    watcher = make_watcher(1.0, 1.5)
    fired = record(watcher)
    watcher.reset()
    for _ in range(6):
        qtbot.wait(250)
        QTest.keyClick(edit, Qt.Key.Key_B)
    assert fired == []
    qtbot.waitUntil(lambda: fired == ["medical", "full"], timeout=3000)


def test_paused_while_locked(qtbot, make_watcher, edit):
    watcher = make_watcher(0.1, 0.2)
    fired = record(watcher)
    watcher.reset()
    watcher.pause()
    assert watcher.paused and not watcher.running
    QTest.keyClick(edit, Qt.Key.Key_C)
    watcher.reset()
    assert not watcher.running
    qtbot.wait(300)
    assert fired == []
    watcher.resume()
    assert watcher.running and not watcher.paused
    qtbot.waitUntil(lambda: fired == ["medical", "full"], timeout=3000)


def test_the_times_can_change_while_running(qtbot, make_watcher):
    watcher = make_watcher(100, 200)
    watcher.reset()
    watcher.set_times(2, 4)
    medical, full = watcher.remaining()
    assert 1.5 < medical <= 2 and 3.5 < full <= 4
    watcher.full_lock_after = 6
    watcher.medical_lock_after = 0.5
    assert (watcher.medical_lock_after, watcher.full_lock_after) == (0.5, 6)
    assert watcher.remaining()[0] <= 0.5
    with pytest.raises(ValueError):
        watcher.set_times(0, 10)
    with pytest.raises(ValueError):
        watcher.full_lock_after = -1


def test_close_removes_the_filter(qtbot, make_watcher, edit):
    watcher = make_watcher(2, 3)
    watcher.close()
    QTest.keyClick(edit, Qt.Key.Key_D)
    assert not watcher.running
