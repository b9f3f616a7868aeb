"""The application-wide shortcuts work in every window, the dossier window included (issue 15):
Ctrl+L locks, Ctrl+F goes to the search box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui
WAIT = 10000


@pytest.fixture
def dossier(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    employee_id = main.employees_model.rows[0].id
    main.open_dossier(employee_id)
    window = main.dossiers[employee_id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=WAIT)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=WAIT)
    return main, window


def _focus_in_dossier(window):
    window.tabs.currentWidget().setFocus()
    return window.focusWidget() or window


def test_ctrl_l_in_the_dossier_window_locks(qtbot, controller, dossier):
    _main, window = dossier
    QTest.keyClick(_focus_in_dossier(window), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.ctx.session is None or not controller.ctx.session.is_open, timeout=WAIT)
    assert not window.isVisible()


def test_ctrl_f_in_the_dossier_window_goes_to_the_search_box(qtbot, controller, dossier):
    main, window = dossier
    QTest.keyClick(_focus_in_dossier(window), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main.isActiveWindow(), timeout=WAIT)
    assert main.focusWidget() is main.search
