"""Every window action is an operation (issue 15): typed errors show their Dutch message where
they arose, anything else reaches the crash hook, the GUI thread never waits on the database
queue, the lock proceeds while a job runs, and cancelled work leaves nothing half written."""

from __future__ import annotations

import ast
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from desktop_app.cancel import Cancelled, CancelToken
from desktop_app.errors import ValidationError
from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui

UI = Path(__file__).resolve().parents[2] / "ui"

@pytest.fixture
def crashes(monkeypatch):
    seen: list[type] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: seen.append(t))
    return seen


def waits_on_the_database_thread() -> set[tuple[str, str]]:
    """Every ``x.call(...)`` in ui/ (TaskManager.call, AppContext.call), by file and function;
    QtDBus's ``call`` in os_lock is a D-Bus call, not the database queue."""
    found = set()
    for path in sorted(UI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "call"
                        and not (path.name == "os_lock.py" and ast.unparse(node.func.value) == "system")
                        and not (path.name == "context.py" and func.name == "call")):  # for tests
                    found.add((path.name, func.name))
    return found


def test_no_window_waits_on_the_database_queue():
    assert waits_on_the_database_thread() == set()


def test_the_lists_the_search_the_attachments_and_the_lock_do_not_wait():
    waiting = {name for name, _f in waits_on_the_database_thread()}
    assert not waiting & {"models.py", "search_box.py", "viewer.py", "controller.py", "main_window.py",
                          "consents_panel.py", "permissions.py"}


def test_cancelled_lives_in_the_core():
    from ui import operations

    assert operations.Cancelled is Cancelled


def test_an_expected_error_shows_its_dutch_message_at_the_field(qtbot, crashes):
    from ui.operations import Operation
    from ui.taskman import TaskManager

    tasks = TaskManager()
    label = QLabel()
    qtbot.addWidget(label)

    def refuse():
        raise ValidationError("what", "Vul in welke gegevens worden verstrekt.")

    op = Operation(label, tasks, refuse).errors_to(label).run_in_background()
    qtbot.waitUntil(lambda: op.finished)
    tasks.close()
    assert label.text() == "Vul in welke gegevens worden verstrekt."


def test_an_unexpected_error_reaches_the_crash_hook_not_the_field(qtbot, crashes):
    from ui.operations import Operation
    from ui.taskman import TaskManager

    tasks = TaskManager()
    label = QLabel("leeg")
    qtbot.addWidget(label)
    op = Operation(label, tasks, lambda: {}["bug"]).errors_to(label).run_in_background()
    qtbot.waitUntil(lambda: op.finished)
    tasks.close()
    assert crashes == [KeyError]
    assert label.text() == "leeg"


def test_a_bug_while_a_dossier_loads_reaches_the_crash_hook(qtbot, controller, recorded_messages, crashes,
                                                            monkeypatch):
    from desktop_app.services import dossier

    main = log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: main.employees_model.rows != [], timeout=10000)
    monkeypatch.setattr(dossier, "load", lambda session, employee_id: [][0])
    main.open_dossier(main.employees_model.rows[0].id)
    qtbot.waitUntil(lambda: crashes != [], timeout=10000)
    assert crashes == [IndexError]
    log, _answers = recorded_messages
    assert ("error", "Fout") not in log


@pytest.fixture
def held_queue(controller):
    """A job that holds the database thread until the test lets it go."""
    release = threading.Event()
    ended: list = []
    yield release, ended
    release.set()


def hold(ctl, release, ended):
    ctl.ctx.tasks.run(lambda: release.wait(30), on_success=ended.append, on_failure=ended.append)


def test_the_window_keeps_answering_while_a_long_job_runs(qtbot, controller, held_queue):
    from ui.viewer import AttachmentsDialog

    release, ended = held_queue
    main = log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: main.employees_model.rows != [] and not controller.ctx.tasks.busy, timeout=10000)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    hold(controller, release, ended)
    main.employees_model.employer_id = None
    main.employees_model.reload()  # each of these used to wait for the job to end
    main.search.setText("a")
    main.search.search_now()
    dialog = AttachmentsDialog(controller.ctx, main.employees_model.rows[0].id, main)
    main.refresh()
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=10000)
    timer.stop()
    dialog.close()
    assert not release.is_set()  # all of it happened while the job held the queue
    assert ended == []
    release.set()
    qtbot.waitUntil(lambda: not controller.ctx.tasks.busy, timeout=10000)
    assert main.search.found is not None


def test_the_lock_proceeds_while_a_job_runs(qtbot, controller, held_queue):
    release, ended = held_queue
    main = log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: not controller.ctx.tasks.busy, timeout=10000)
    session = controller.ctx.session
    hold(controller, release, ended)
    controller.lock("handmatig")
    assert not main.isVisible()
    assert controller.login.isVisible()
    assert ended == []  # the job still runs
    release.set()
    qtbot.waitUntil(lambda: not session.is_open, timeout=10000)


def test_a_cancelled_backup_leaves_no_file(practice, tmp_path):
    from desktop_app.services import backup
    from tests.helpers.practices import login_as

    token = CancelToken()
    target = tmp_path / "doel"
    target.mkdir()
    s = login_as(practice, ARTS, unlock=True)
    try:
        def report(done, total, text=""):
            if done > 0:
                token.cancel()

        with pytest.raises(Cancelled):
            backup.create_backup(s, target / "kopie", progress=report, cancel=token)
    finally:
        s.close()
    assert list(target.iterdir()) == []


def test_a_cancelled_dossier_copy_is_not_recorded_as_made(practice):
    from desktop_app.documents import dossier_copy
    from desktop_app.services import audit_log, documents, employees
    from tests.helpers.practices import login_as

    token = CancelToken()
    s = login_as(practice, ARTS, unlock=True)
    try:
        employee = employees.page(s, offset=0, limit=1)[0]

        def made() -> int:
            return sum(dossier_copy.TITLE in (e.data or "") for e in audit_log.events(s, employee_id=employee.id))

        before = made()
        token.cancel()
        with pytest.raises(Cancelled):
            documents.dossier_copy_pdf(s, employee.id, cancel=token)
        after = made()
    finally:
        s.close()
    assert after == before


def test_a_cancelled_rotation_leaves_the_keys_as_they_were(practice):
    from desktop_app.services import rotation
    from tests.helpers.practices import login_as

    token = CancelToken()
    token.cancel()
    vault = (practice / "vault.json").read_bytes()
    s = login_as(practice, ARTS, unlock=True)
    try:
        with pytest.raises(Cancelled):
            rotation.rotate(s, "test", cancel=token)
    finally:
        s.close()
    assert (practice / "vault.json").read_bytes() == vault


def test_a_read_answered_after_the_lock_shows_no_box(qtbot, recorded_messages):
    from desktop_app.errors import SessionLocked
    from ui.operations import Operation
    from ui.taskman import TaskManager

    tasks = TaskManager()
    label = QLabel()
    qtbot.addWidget(label)

    def locked():
        raise SessionLocked(detail="session closed")

    op = Operation(label, tasks, locked).run_in_background()
    qtbot.waitUntil(lambda: op.finished)
    tasks.close()
    log, _answers = recorded_messages
    assert log == []


def test_the_program_collects_garbage_on_the_gui_thread_only(qtbot):
    """The automatic collector is off once the program is built, and a GUI-thread timer collects."""
    import gc

    from PySide6.QtWidgets import QApplication

    from ui import gc_guard

    gc.enable()
    timer = gc_guard.install(QApplication.instance())
    try:
        assert not gc.isenabled()
        assert timer.isActive()
        assert gc_guard.install(QApplication.instance()) is timer  # one per process, not per window
        assert gc.get_freeze_count() > 0  # start-up objects are not walked by every collection
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_tick_collects_only_the_generations_that_are_due():
    """A full collection walks every object (hundreds of ms on the large practice): the timer's tick
    collects generation 0 when only it is due, and nothing when nothing is."""
    import gc

    from ui import gc_guard

    gc.collect()
    assert gc_guard.collect() == -1
    junk = [[] for _ in range(gc.get_threshold()[0] + 1)]
    assert gc_guard.collect() == 0
    assert gc.get_count()[0] < gc.get_threshold()[0]
    del junk


def test_a_window_asking_after_shutdown_gets_nothing_and_raises_nothing():
    """A panel that reloads as its last dialog closes, after the program shut its task manager
    (seen in CI as an error at a test's teardown): nothing runs, nothing is raised."""
    from ui.context import AppContext
    from ui.taskman import TaskManager

    tasks = TaskManager()
    tasks.close()
    ran = []
    AppContext(tasks, None).run(lambda s: ran.append(s), on_success=ran.append)
    assert tasks.closed
    assert ran == []
