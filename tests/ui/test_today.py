"""The start screen shows the sections the core returns (``services.today``) and nothing else."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.helpers.practices import ARTS, CASEMANAGER
from tests.ui.conftest import log_in


def _shown(main) -> bool:
    return main.today.section_keys() != []


def test_a_case_manager_is_shown_no_backup_section(qtbot, controller):
    main = log_in(qtbot, controller, CASEMANAGER)
    qtbot.waitUntil(lambda: _shown(main), timeout=10000)
    assert "backup" not in main.today.section_keys()


def test_the_admin_physician_is_shown_the_backup_section(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: _shown(main), timeout=10000)
    assert "backup" in main.today.section_keys()


def test_an_overdue_step_is_shown_in_red(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: main.today.line_count("overdue") > 0, timeout=10000)
    head = main.today.model.item(main.today.section_keys().index("overdue"), 0)
    assert head.child(0, 3).foreground().color() == Qt.GlobalColor.darkRed
