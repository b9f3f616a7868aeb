"""Fixtures for driving the client: a controller on a copy of the demo practice."""

from __future__ import annotations

import gc

import pytest


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread():
    """As the program does (ui.gc_guard): no automatic collection, which could run on the
    database thread and destroy a widget there; a collection on this thread after each test."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture
def recorded_messages(monkeypatch):
    """Message boxes are recorded instead of shown; answers can be queued."""
    from ui import messages

    log: list[tuple[str, str]] = []
    answers: list[str] = []

    def ask(parent, question, title="Arbokluis"):
        log.append(("ask", question))
        return answers.pop(0) if answers else messages.CANCEL

    monkeypatch.setattr(messages, "show_error", lambda p, m, title="": log.append(("error", m)))
    monkeypatch.setattr(messages, "show_info", lambda p, m, title="": log.append(("info", m)))
    monkeypatch.setattr(messages, "ask_yes_no", lambda p, q, title="": log.append(("yesno", q)) or True)
    monkeypatch.setattr(messages, "ask_save_discard_cancel", ask)
    return log, answers


@pytest.fixture
def controller(qtbot, practice, recorded_messages):
    from ui.app import build

    _app, ctl = build(["--data-dir", str(practice)])
    ctl.start()
    yield ctl
    if ctl.main is not None:
        ctl.main.close_dossiers(force=True)
        ctl.main.close()
    if ctl.login is not None:
        ctl.login.close()
    ctl.shutdown()
    ctl.idle.pause()
    ctl.deleteLater()
    _collect_now()


def _collect_now() -> None:
    """What this test left goes now, not during a later test: deferred deletes, then cycles
    (the application collects on a GUI-thread timer, ui.gc_guard, which a test may not reach)."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def log_in(qtbot, ctl, account):
    ctl.login.form.set_value("username", account.username)
    ctl.login.form.set_value("password", account.password)
    ctl.login.submit()
    qtbot.waitUntil(lambda: ctl.main is not None and ctl.main.isVisible(), timeout=15000)
    ctl.ctx.tasks.wait_idle(15)  # the lists fill after the window shows (issue 15)
    return ctl.main
