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
