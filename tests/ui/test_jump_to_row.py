"""The long lists can jump to any row (issue 15): dragging the scrollbar to the bottom shows the
last employee, not the end of the pages read so far."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from tests.helpers.practices import ARTS, login_as
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui
EXTRA = 450  # more than two pages of 200 beside the demo's own


@pytest.fixture
def big(practice):
    from desktop_app.domain.dossier import EmployeeForm
    from desktop_app.services import employees, employers

    s = login_as(practice, ARTS)
    try:
        employer = employers.list_all(s)[0]
        for i in range(EXTRA):
            employees.create(s, EmployeeForm(employer_id=employer.id, surname=f"Zzijlstra{i:04d}"))
        return employees.count(s)
    finally:
        s.close()


@pytest.fixture
def view(qtbot, controller, big):
    main = log_in(qtbot, controller, ARTS)
    main.nav.setCurrentRow(2)
    qtbot.wait(50)
    return main.employees_view


def test_the_list_has_every_row_from_the_start(view, big):
    assert view.model().rowCount() == big


def test_the_scrollbar_at_the_bottom_shows_the_last_employee(qtbot, view, big):
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.wait(50)
    last = view.indexAt(QPoint(2, view.viewport().height() - 3))  # the lowest row in sight
    assert last.siblingAtColumn(0).data() == f"Zzijlstra{EXTRA - 1:04d}"
