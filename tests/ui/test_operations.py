"""Operations: callbacks, error display, the delayed progress dialog and cancelling."""

from __future__ import annotations

import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.errors import ArbokluisError, ValidationError
from ui import messages
from ui.operations import REPORT, TOKEN, Cancelled, CancelToken, Operation, ProgressDialog
from ui.taskman import TaskManager

pytestmark = pytest.mark.gui


@pytest.fixture
def tasks():
    manager = TaskManager()
    yield manager
    manager.close()


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def shown_errors(monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title="": shown.append(text))
    return shown


def progress_dialogs() -> list[ProgressDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, ProgressDialog) and shiboken6.isValid(w) and w.isVisible()]


def gone(dialog) -> bool:
    return dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_success_runs_on_the_worker_and_calls_back_on_the_gui_thread(qtbot, tasks, window):
    gui = threading.get_ident()
    got = []
    op = Operation(window, tasks, lambda a, b=0: (a + b, threading.get_ident()), 2, b=3)
    op.success(lambda result: got.append((result, threading.get_ident()))).run_in_background()
    qtbot.waitUntil(lambda: op.finished)
    ((total, worker), delivered), = got
    assert total == 5
    assert worker != gui
    assert delivered == gui
    assert worker == tasks.call(threading.get_ident)


def test_an_expected_error_shows_its_dutch_message_as_plain_text(qtbot, tasks, window, shown_errors):
    def save():
        raise ValidationError("achternaam", "Vul de achternaam van <b>Jansen</b> in.")

    op = Operation(window, tasks, save).run_in_background()
    qtbot.waitUntil(lambda: op.finished)
    assert shown_errors == ["Vul de achternaam van <b>Jansen</b> in."]


def test_a_failure_callback_takes_over_expected_errors(qtbot, tasks, window, shown_errors):
    failures = []
    op = Operation(window, tasks, _raise, ArbokluisError("Niet gelukt."))
    op.failure(failures.append).run_in_background()
    qtbot.waitUntil(lambda: op.finished)
    assert [f.message for f in failures] == ["Niet gelukt."]
    assert shown_errors == []


def test_an_unexpected_error_goes_to_the_crash_hook_and_the_failure_callback(
        qtbot, tasks, window, shown_errors):
    failures = []
    with qtbot.captureExceptions() as caught:
        op = Operation(window, tasks, _raise, RuntimeError("Jansen")).failure(failures.append)
        op.run_in_background()
        qtbot.waitUntil(lambda: op.finished)
    assert [type(c[1]) for c in caught] == [RuntimeError]
    assert [type(f) for f in failures] == [RuntimeError]
    assert shown_errors == []


def _raise(exc: BaseException):
    raise exc


def test_fast_work_shows_no_progress_dialog(qtbot, tasks, window):
    op = Operation(window, tasks, lambda: 42).with_progress("Laden…", delay_ms=100)
    op.run_in_background()
    qtbot.waitUntil(lambda: op.finished)
    qtbot.wait(250)  # well past the delay
    assert op.dialog is None
    assert progress_dialogs() == []


def test_slow_work_shows_the_dialog_after_the_delay_and_closes_it(qtbot, tasks, window):
    release = threading.Event()
    started = threading.Event()

    def slow(report):
        started.set()
        report(1, 4, "Bestanden controleren")
        release.wait(10)
        return "klaar"

    results = []
    op = Operation(window, tasks, slow, REPORT).with_progress("Back-up maken…", delay_ms=50)
    op.success(results.append).run_in_background()
    assert started.wait(5)
    qtbot.waitUntil(lambda: op.dialog is not None and op.dialog.isVisible())
    dialog = op.dialog
    assert dialog.parent() is window
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.cancel_button is None
    qtbot.waitUntil(lambda: dialog.bar.maximum() == 4 and dialog.bar.value() == 1)
    assert dialog.label.text() == "Back-up maken…\nBestanden controleren"
    dialog.close()  # not cancellable: it stays
    assert dialog.isVisible()
    release.set()
    qtbot.waitUntil(lambda: op.finished)
    assert results == ["klaar"]
    qtbot.waitUntil(lambda: gone(dialog))


def test_cancel_stops_a_loop(qtbot, tasks, window, shown_errors):
    rounds = []

    def loop(token: CancelToken, report):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            token.raise_if_cancelled()
            rounds.append(1)
            report(len(rounds), 0, "")
            time.sleep(0.005)
        return "not cancelled"

    cancelled, results = [], []
    op = (Operation(window, tasks, loop, TOKEN, report=REPORT)
          .with_progress("Importeren…", cancellable=True, delay_ms=50)
          .success(results.append).on_cancel(lambda: cancelled.append(True)))
    op.run_in_background()
    qtbot.waitUntil(lambda: op.dialog is not None and op.dialog.isVisible())
    dialog = op.dialog
    assert dialog.cancel_button.text() == "Annuleren"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert op.token.cancelled
    assert dialog.label.text() == "Bezig met afbreken…"
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert cancelled == [True]
    assert results == []
    assert shown_errors == []
    count = len(rounds)
    time.sleep(0.05)
    assert len(rounds) == count  # the loop has ended
    qtbot.waitUntil(lambda: gone(dialog))


def test_escape_cancels_a_cancellable_dialog(qtbot, tasks, window):
    def wait(token):
        while not token.cancelled:
            time.sleep(0.005)
        token.raise_if_cancelled()

    cancelled = []
    op = (Operation(window, tasks, wait, TOKEN).with_progress("Bezig…", cancellable=True, delay_ms=0)
          .on_cancel(lambda: cancelled.append(True)).run_in_background())
    qtbot.waitUntil(lambda: op.dialog is not None and op.dialog.isVisible())
    qtbot.keyClick(op.dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: cancelled == [True])


def test_closing_the_window_cancels_the_work_and_drops_the_callbacks(qtbot, tasks, shown_errors):
    parent = QWidget()
    parent.show()
    started = threading.Event()

    def work(token):
        started.set()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            token.raise_if_cancelled()
            time.sleep(0.005)

    called = []
    op = (Operation(parent, tasks, work, token=TOKEN).success(called.append)
          .failure(called.append).on_cancel(lambda: called.append("cancel")))
    op.run_in_background()
    assert started.wait(5)
    parent.deleteLater()
    qtbot.waitUntil(lambda: op.token.cancelled)
    assert tasks.wait_idle()
    assert called == []
    assert shown_errors == []


def test_an_operation_runs_once(qtbot, tasks):
    op = Operation(None, tasks, lambda: None).run_in_background()
    with pytest.raises(RuntimeError):
        op.run_in_background()
    qtbot.waitUntil(lambda: op.finished)


def test_the_token(qtbot):
    token = CancelToken()
    token.raise_if_cancelled()
    assert not token.cancelled
    token.cancel()
    with pytest.raises(Cancelled) as raised:
        token.raise_if_cancelled()
    assert isinstance(raised.value, ArbokluisError)
    assert raised.value.message
