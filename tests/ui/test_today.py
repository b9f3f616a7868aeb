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
    from PySide6.QtGui import QColor

    today = main.today
    main.resize(1280, 720)
    qtbot.wait(50)
    index = today.line_index("overdue", 0, 3)
    assert today.line_index("overdue", 0, 2).data(Qt.ItemDataRole.ForegroundRole) is None  # only the date
    # as painted: the date's pixels are dark red
    today.view.scrollTo(index)
    rect = today.view.visualRect(index)
    image = today.view.viewport().grab(rect).toImage()
    red = QColor(Qt.GlobalColor.darkRed)
    inked = [QColor(image.pixel(x, y)) for x in range(image.width()) for y in range(image.height())]
    assert any(c.red() > 100 and c.green() < 40 and c.blue() < 40 for c in inked), "no dark red in the date"
    assert index.data(Qt.ItemDataRole.ForegroundRole) == red


def test_each_section_is_a_head_row_across_the_table_with_its_lines_below(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: len(main.today.section_keys()) >= 2, timeout=10000)
    today = main.today
    view = today.view
    rows = []
    for key in today.section_keys():
        head = today.head_index(key)
        count = today.line_count(key)
        assert head.data().endswith(f"({count})")
        assert view.columnSpan(head.row(), 0) == 4  # the title is not cut at the first column
        assert head.data(Qt.ItemDataRole.FontRole).bold()
        rows.append(head.row())
        rows.extend(today.line_index(key, line).row() for line in range(count))
    assert rows == list(range(today.model.rowCount()))  # every row is a head or a line, in order
