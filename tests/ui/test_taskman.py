"""The database thread: one worker, results and errors on the GUI thread, progress, shutdown."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject

from desktop_app.errors import NotFound
from ui.taskman import REPORT, TaskManager

pytestmark = pytest.mark.gui


@pytest.fixture
def tasks():
    manager = TaskManager()
    yield manager
    manager.close()


def test_every_call_runs_on_the_same_worker_thread_that_is_not_the_gui_thread(qtbot, tasks):
    gui = threading.get_ident()
    ran_on, delivered_on = [], []

    def callback(ident):
        ran_on.append(ident)
        delivered_on.append(threading.get_ident())

    for _ in range(5):
        tasks.run(threading.get_ident, on_success=callback)
    assert tasks.wait_idle()
    assert len(ran_on) == 5
    assert len(set(ran_on)) == 1
    assert ran_on[0] != gui
    assert delivered_on == [gui] * 5
    assert tasks.call(threading.get_ident) == ran_on[0]
    assert tasks.call(tasks.on_worker_thread)
    assert not tasks.on_worker_thread()


def test_work_runs_in_order_and_forwards_keyword_arguments(qtbot, tasks):
    results = []
    for n in range(4):
        tasks.run(lambda n, scale=1: n * scale, n, scale=10, on_success=results.append)
    assert tasks.wait_idle()
    assert results == [0, 10, 20, 30]


def test_errors_reach_the_gui_thread_without_worker_frames(qtbot, tasks):
    gui = threading.get_ident()
    errors = []

    def lookup():
        try:
            {}["x"]
        except KeyError as inner:
            raise NotFound() from inner

    tasks.run(lookup, on_failure=lambda exc: errors.append((exc, threading.get_ident())))
    assert tasks.wait_idle()
    (exc, thread), = errors
    assert thread == gui
    assert isinstance(exc, NotFound)
    assert exc.__traceback__ is None
    assert exc.__cause__.__traceback__ is None
    assert [f[2] for f in exc.worker_frames][-1] == "lookup"  # kept for the crash report
    assert "KeyError" in exc.worker_traceback
    assert "'x'" not in exc.worker_traceback
    with pytest.raises(NotFound):
        tasks.call(lookup)


def test_an_unhandled_error_goes_to_the_crash_hook(qtbot, tasks):
    with qtbot.captureExceptions() as caught:
        tasks.run(lambda: 1 / 0)
        assert tasks.wait_idle()
    assert [c[0] for c in caught] == [ZeroDivisionError]


def test_callbacks_for_a_deleted_owner_are_dropped(qtbot, tasks):
    owner = QObject()
    release = threading.Event()
    seen = []
    tasks.run(release.wait, 5, on_success=seen.append, owner=owner)
    tasks.run(lambda: seen.append("ran"))
    owner.deleteLater()
    qtbot.waitUntil(lambda: _deleted(owner))
    release.set()
    assert tasks.wait_idle()
    assert seen == ["ran"]


def _deleted(obj) -> bool:
    import shiboken6

    return not shiboken6.isValid(obj)


def test_progress_is_reported_on_the_gui_thread_and_coalesced(qtbot, tasks):
    gui = threading.get_ident()
    reports, order = [], []

    def work(report, steps):
        for i in range(1, steps + 1):
            report(i, steps, f"stap {i}")
        return "klaar"

    def progress(done, total, text):
        reports.append((done, total, text, threading.get_ident() == gui))
        order.append("progress")

    tasks.run(work, REPORT, steps=2000, on_progress=progress,
              on_success=lambda result: order.append(result))
    assert tasks.wait_idle()
    assert order[-1] == "klaar"
    assert "progress" in order
    assert reports[-1] == (2000, 2000, "stap 2000", True)
    assert all(r[3] for r in reports)
    assert len(reports) < 2000  # a tight loop does not queue one event per report


def test_report_without_a_listener_is_harmless(qtbot, tasks):
    results = []
    tasks.run(lambda progress: progress(1, 2, "x") or "ok", progress=REPORT, on_success=results.append)
    assert tasks.wait_idle()
    assert results == ["ok"]


def test_close_asks_pending_work_to_stop_and_joins_the_thread(qtbot):
    tasks = TaskManager()
    stop = threading.Event()
    worker = []

    def long_work():
        worker.append(threading.current_thread())
        stop.wait(10)
        return stop.is_set()

    tasks.run(long_work, on_shutdown=stop.set)
    qtbot.waitUntil(lambda: bool(worker))
    assert tasks.busy
    tasks.close()
    assert stop.is_set()
    assert not worker[0].is_alive()
    with pytest.raises(RuntimeError):
        tasks.run(lambda: None)
    tasks.close()  # twice is fine


def test_wait_idle_reports_a_timeout(qtbot, tasks):
    release = threading.Event()
    tasks.run(release.wait, 5)
    assert tasks.wait_idle(timeout=0.05) is False
    release.set()
    assert tasks.wait_idle()
    assert not tasks.busy


def test_emit_does_not_lose_references(qtbot):
    """PySide6 6.12.0's ``emit()`` returns a borrowed bool; ``ui.taskman.emit`` gives it back."""
    import gc
    import sys

    from PySide6.QtCore import Signal

    from ui.taskman import _emit_returns_borrowed, emit

    class Source(QObject):
        changed = Signal(str)

    source = Source()
    source.changed.connect(lambda _text: None)
    assert isinstance(_emit_returns_borrowed(), bool)
    gc.collect()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(3000):
        emit(source.changed, "x")
    gc.collect()
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] - before[0] >= -10
    assert after[1] - before[1] >= -10


def _arrived_together(tasks, count: int, on_success) -> None:
    """``count`` pieces of work, all finished before the GUI thread looks: their answers wait
    in the event queue together, as the list pages and Vandaag do after a login."""
    import time

    done = threading.Semaphore(0)

    def work(n):
        done.release()
        return n

    for n in range(count):
        tasks.run(work, n, on_success=on_success)
    for _ in range(count):
        assert done.acquire(timeout=10)
    time.sleep(0.05)  # the last answer is posted just after its work returns


def test_answers_that_arrive_together_are_handed_over_one_per_turn(qtbot, tasks):
    # A 10 ms timer, as the window's own, gets its turn between two heavy answers.
    import time

    from PySide6.QtCore import QTimer

    seen: list[str] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: seen.append("tick"))
    ticker.start(10)

    def heavy(n) -> None:
        seen.append(f"answer {n}")
        time.sleep(0.03)  # a window filling its lists

    try:
        _arrived_together(tasks, 3, heavy)
        assert tasks.wait_idle()
    finally:
        ticker.stop()
    answers = [i for i, what in enumerate(seen) if what.startswith("answer")]
    assert [seen[i] for i in answers] == ["answer 0", "answer 1", "answer 2"]  # in order
    assert all("tick" in seen[a:b] for a, b in zip(answers, answers[1:], strict=False))


def test_a_dialog_opened_by_an_answer_still_gets_the_answers_after_it(qtbot, tasks):
    # A callback that runs a nested event loop (a modal dialog) must not hold the rest back.
    from PySide6.QtCore import QEventLoop, QTimer

    got: list[int] = []
    loop = QEventLoop()

    def answered(n) -> None:
        got.append(n)
        if n == 0:
            QTimer.singleShot(5000, loop.quit)  # a failing test ends, it does not hang
            loop.exec()  # the "dialog": it waits for answers 1 and 2 before it closes
        elif n == 2:
            loop.quit()

    _arrived_together(tasks, 3, answered)
    assert tasks.wait_idle()
    assert got == [0, 1, 2]


def test_answers_of_a_manager_deleted_before_they_are_handed_over_are_dropped(qtbot):
    # As Qt drops the events posted to a deleted object: the program shutting down while an
    # answer waits for its turn calls nothing of the deleted manager.
    import shiboken6
    from PySide6.QtCore import QCoreApplication

    manager = TaskManager()
    finished = threading.Event()
    got: list = []

    def work():
        return "antwoord"

    manager.run(work, on_success=got.append)
    manager.run(finished.set)
    assert finished.wait(10)
    import time

    time.sleep(0.05)  # the answers are posted
    QCoreApplication.sendPostedEvents(manager)  # they wait for their turn now
    manager.close()
    shiboken6.delete(manager)
    qtbot.wait(50)
    assert got == []
