"""The database thread, plain-text messages, the paged models and the idle watcher."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMessageBox

pytestmark = pytest.mark.gui


def test_all_work_runs_on_one_thread_that_is_not_the_gui_thread(qtbot):
    from ui.taskman import TaskManager

    tasks = TaskManager()
    seen = []
    for _ in range(3):
        tasks.run(lambda: threading.get_ident(), on_success=seen.append)
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    assert len(set(seen)) == 1
    assert seen[0] != threading.get_ident()
    assert tasks.call(threading.get_ident) == seen[0]
    errors = []
    tasks.run(lambda: 1 / 0, on_failure=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert isinstance(errors[0], ZeroDivisionError)
    tasks.close()


def test_message_boxes_are_plain_text(qtbot, monkeypatch):
    from ui import messages

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    messages.show_error(None, "<b>Jansen</b> & co")
    assert shown[0].textFormat() == Qt.TextFormat.PlainText
    assert shown[0].text() == "<b>Jansen</b> & co"


def test_models_pass_the_model_tester(qtbot, qtmodeltester, practice):
    from desktop_app.services.practice import login
    from tests.helpers.practices import CASEMANAGER
    from ui.context import AppContext
    from ui.models import PAGE, EmployeesModel, EmployersModel, OpenCasesModel
    from ui.taskman import TaskManager

    tasks = TaskManager()
    session = tasks.call(login, practice, CASEMANAGER.username, CASEMANAGER.password)
    ctx = AppContext(tasks, practice, session=session)
    employees = EmployeesModel(ctx)
    assert employees.rowCount() == min(PAGE, employees._total)
    qtmodeltester.check(employees)
    qtmodeltester.check(EmployersModel(ctx))
    qtmodeltester.check(OpenCasesModel(ctx))
    tasks.call(session.close)
    tasks.close()


def test_idle_watcher_fires_and_resets_on_input(qtbot, qapp):
    from ui.idle import IdleWatcher

    watcher = IdleWatcher(qapp, 0.3, 0.6)
    fired = []
    watcher.medical_idle.connect(lambda: fired.append("medical"))
    watcher.full_idle.connect(lambda: fired.append("full"))
    edit = QLineEdit()
    edit.show()
    watcher.reset()
    for _ in range(4):  # keep typing: nothing fires
        qtbot.wait(150)
        QTest.keyClick(edit.windowHandle(), Qt.Key.Key_A)  # through the window, as typing comes in
    assert fired == []
    assert edit.text() == "aaaa"
    qtbot.waitUntil(lambda: fired == ["medical", "full"], timeout=3000)
    watcher.close()


def test_exceptions_cross_to_the_gui_thread_without_worker_frames(qtbot):
    from desktop_app.errors import ValidationError
    from ui.taskman import TaskManager

    tasks = TaskManager()

    def fail():
        try:
            raise KeyError("binnen")
        except KeyError as inner:
            raise ValidationError("x", "Bericht") from inner

    errors = []
    tasks.run(fail, on_failure=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert errors[0].__traceback__ is None
    assert errors[0].__cause__.__traceback__ is None
    assert "KeyError" in errors[0].worker_traceback
    with pytest.raises(ValidationError) as raised:
        tasks.call(fail)
    assert raised.value.message == "Bericht"
    tasks.close()

