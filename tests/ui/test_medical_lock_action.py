""""Medisch vergrendelen" (Ctrl+Shift+L, in every window): the physician closes the medical part
only, as the idle lock does, when someone comes to the desk; the rest of the program stays open.
A user without the medical part has no such action."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.practices import ARTS, CASEMANAGER
from tests.ui import conftest as ui_fixtures
from tests.ui.conftest import log_in
from tests.ui.lock_helpers import MARKER, open_medical_tab, visible_text

pytestmark = pytest.mark.gui
collect_on_the_gui_thread = ui_fixtures.collect_on_the_gui_thread
controller = ui_fixtures.controller
recorded_messages = ui_fixtures.recorded_messages
WAIT = 15000


def test_ctrl_shift_l_in_the_dossier_locks_the_medical_part_and_keeps_the_rest_open(qtbot, controller):
    tab = open_medical_tab(qtbot, controller, ARTS)
    qtbot.waitUntil(controller.main.lock_medical_action.isEnabled, timeout=WAIT)
    tab.editor.set_value("s", MARKER)
    window = tab.window()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()
    assert tab.is_locked
    assert not controller.ctx.session.medical_unlocked
    assert MARKER not in visible_text()  # the consult is sealed as a draft, not on screen
    assert window.isVisible()  # the dossier itself stays open
    assert controller.main.isVisible()
    assert not controller.ctx.locked
    qtbot.waitUntil(lambda: controller.main.statusBar().currentMessage() == "Medisch deel vergrendeld", timeout=WAIT)
    assert not controller.main.lock_medical_action.isEnabled()  # nothing left to lock


def test_the_case_manager_has_no_medical_lock(qtbot, controller):
    main = log_in(qtbot, controller, CASEMANAGER)
    assert main.lock_medical_action is None
    assert "Medisch vergrendelen" not in [a.text() for a in main.findChildren(type(main.lock_action))]


def test_ctrl_l_in_a_modal_window_locks_the_program(qtbot, controller):
    """A modal window (a question with exec(), a form) blocks the main window's shortcuts in Qt;
    the key, handed to the modal window as the windowing system does, still locks."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMessageBox

    main = log_in(qtbot, controller, CASEMANAGER)
    seen: dict[str, bool] = {}

    def press() -> None:
        box = QApplication.activeModalWidget()
        if box is None or not box.isVisible() or box.windowHandle() is None:
            QTimer.singleShot(20, press)
            return
        QTest.keyClick(box.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()
        seen["locked"] = controller.ctx.locked
        box.done(0)  # ends the modal loop; after the login it would come back

    QTimer.singleShot(20, press)
    box = QMessageBox(QMessageBox.Icon.Question, "Vraag", "Doorgaan?", parent=main)
    box.exec()
    assert seen == {"locked": True}
    assert controller.login is not None
    assert controller.login.isVisible()


def test_a_modal_window_does_not_take_other_keys(qtbot, controller):
    """Only the two lock keys: Ctrl+Shift+L with the medical part locked and other keys do nothing."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QInputDialog

    log_in(qtbot, controller, ARTS)
    typed: dict[str, str] = {}

    def press() -> None:
        box = QApplication.activeModalWidget()
        if box is None or not box.isVisible() or box.windowHandle() is None:
            QTimer.singleShot(20, press)
            return
        QTest.keyClick(box.windowHandle(), Qt.Key.Key_L,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        try:
            for key in (Qt.Key.Key_A, Qt.Key.Key_B):
                QTest.keyClick(box.windowHandle(), key)
            QApplication.processEvents()
        finally:
            QTimer.singleShot(0, lambda: box.done(0))
        typed["text"] = box.textValue()
        typed["locked"] = str(controller.ctx.locked)

    QTimer.singleShot(20, press)
    box = QInputDialog(controller.main)
    box.exec()
    assert typed == {"text": "ab", "locked": "False"}
