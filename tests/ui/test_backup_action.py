"""Praktijk › Back-up maken…: medical staff back up with progress and can cancel; a case manager
is refused with the service's message, before any file is chosen."""

import threading

import pytest

from tests.helpers.practices import ARTS, CASEMANAGER
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui


@pytest.fixture
def save_dialog(monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    asked = []
    target = tmp_path / "backups" / "praktijk.arbokluis-backup"

    def answer(parent, title, name, filters):
        asked.append(name)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return asked, target


def test_the_physician_makes_a_backup(qtbot, controller, recorded_messages, save_dialog):
    log, _answers = recorded_messages
    asked, target = save_dialog
    main = log_in(qtbot, controller, ARTS)
    main._backup()
    qtbot.waitUntil(lambda: any(kind == "info" for kind, _m in log), timeout=20000)
    assert asked[0].endswith(".arbokluis-backup")  # the service's suggested name
    assert target.exists()
    assert ("info", f"De back-up is gemaakt en gecontroleerd:\n{target}") in log


def test_a_case_manager_is_refused_before_choosing_a_file(qtbot, controller, recorded_messages, save_dialog):
    log, _answers = recorded_messages
    asked, target = save_dialog
    main = log_in(qtbot, controller, CASEMANAGER)
    main._backup()
    qtbot.waitUntil(lambda: any(kind == "error" for kind, _m in log), timeout=20000)
    assert [m for kind, m in log if kind == "error"] == [
        "Een back-up bevat het medische deel; alleen medisch personeel mag er een maken."]
    assert asked == []
    assert not target.parent.exists()
    denied = controller.ctx.call(lambda s: s.db.query(
        "SELECT object_id, data FROM audit_events WHERE action = 'access_denied'"))
    assert denied == [("backup", "backup.suggested_name")]


def test_a_cancelled_backup_says_so_and_leaves_no_file(qtbot, controller, recorded_messages, monkeypatch,
                                                      tmp_path):
    from PySide6.QtWidgets import QFileDialog

    log, _answers = recorded_messages
    target = tmp_path / "backups" / "praktijk.arbokluis-backup"
    gate = threading.Event()

    def answer(parent, title, name, filters):
        # While the user confirms the file, the database thread is busy with earlier work, so
        # the backup waits in the queue; the user presses "Annuleren" before it starts.
        controller.ctx.tasks.run(lambda: gate.wait(20))
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    main = log_in(qtbot, controller, ARTS)
    main._backup()
    qtbot.waitUntil(lambda: getattr(main, "backup_operation", None) is not None, timeout=20000)
    main.backup_operation.token.cancel()
    gate.set()
    qtbot.waitUntil(lambda: any("afgebroken" in m for _k, m in log), timeout=20000)
    assert ("info", "De back-up is afgebroken. Er is geen bestand achtergebleven.") in log
    assert not target.parent.exists()  # cancelled before it began: not even the folder
