"""A change signal per aggregate refreshes Vandaag, the lists and the open dossiers (issue 15,
decision 0012): with the main window, Vandaag and a dossier window open, a save through a dialog
shows its new state in the list row, the dossier and Vandaag, without anyone pressing anything."""

from __future__ import annotations

import unittest.mock
from datetime import date, timedelta

import pytest

from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui
WAIT = 15000
NEW_SURNAME = "Aabeek"  # sorts to the top of the employee list


def _today_names(main) -> list[str]:
    today = main.today
    return [today.line_index(key, r).data() for key in today.section_keys() for r in range(today.line_count(key))]


def _today_line_of(main, employee_id: int) -> list[str]:
    from ui.models import IdRole

    today = main.today
    return [today.line_index(key, r, 2).data() for key in today.section_keys() for r in range(today.line_count(key))
            if today.line_index(key, r).data(IdRole) == employee_id]


@pytest.fixture
def due(qtbot, controller):
    """Logged in as the physician with Vandaag filled; the dossier of an employee on Vandaag open."""
    from ui.models import IdRole

    main = log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: main.today.line_count("overdue") > 0, timeout=WAIT)
    employee_id = int(main.today.line_index("overdue", 0).data(IdRole))
    window = main.open_dossier(employee_id)
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: not controller.ctx.tasks.busy, timeout=WAIT)
    return controller, main, window


def _rename(qtbot, ctx, employee):
    """Change the surname through the edit form, opened on its own (not from the dossier)."""
    from ui.dossier_forms import EmployeeDialog

    dialog = EmployeeDialog(ctx, employee)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    dialog.form.set_value("surname", NEW_SURNAME)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=WAIT)
    return dialog.saved


def test_a_new_name_reaches_the_open_dossier(qtbot, due):
    controller, _main, window = due
    saved = _rename(qtbot, controller.ctx, window.dossier.employee)
    qtbot.waitUntil(lambda: NEW_SURNAME in window.header.text(), timeout=WAIT)
    assert window.header.text().startswith(saved.display_name)


def test_a_new_name_reaches_the_employee_list(qtbot, due):
    controller, main, window = due
    saved = _rename(qtbot, controller.ctx, window.dossier.employee)
    model = main.employees_model
    qtbot.waitUntil(lambda: model.rows != [] and model.rows[0].id == saved.id, timeout=WAIT)
    assert model.data(model.index(0, model.COL_NAME)) == saved.list_name


def test_a_new_name_reaches_vandaag(qtbot, due):
    controller, main, window = due
    saved = _rename(qtbot, controller.ctx, window.dossier.employee)
    qtbot.waitUntil(lambda: saved.display_name in _today_names(main) or saved.list_name in _today_names(main),
                    timeout=WAIT)
    assert NEW_SURNAME in " ".join(_today_names(main))


def test_the_list_keeps_its_length_and_place_when_a_name_changes(qtbot, due):
    """A change elsewhere reads the list again in place: no reset, the same number of rows."""
    controller, main, window = due
    model = main.employees_model
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    total = model.rowCount()
    saved = _rename(qtbot, controller.ctx, window.dossier.employee)
    qtbot.waitUntil(lambda: model.rows != [] and model.rows[0].id == saved.id, timeout=WAIT)
    assert (resets, model.rowCount()) == ([], total)


@pytest.fixture
def healthy(qtbot, controller):
    """A new employee without a case, with the main window, Vandaag and their dossier open."""
    from desktop_app.domain.dossier import EmployeeForm
    from desktop_app.services import employees

    main = log_in(qtbot, controller, ARTS)
    ctx = controller.ctx
    first = main.employees_model.rows[0]
    employee = ctx.call(employees.create, EmployeeForm(employer_id=first.employer_id, surname="Aabeek",
                                                       given_names="Ria", birth_date="03-04-1975"))
    window = main.open_dossier(employee.id)
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=WAIT)
    return controller, main, window, employee


def _report_absence(qtbot, ctx, employee_id: int) -> None:
    """A new absence through the Ziekmelding dialog, opened on its own (as from another window)."""
    from ui.dossier_forms import CaseDialog

    dialog = CaseDialog(ctx, employee_id)
    qtbot.addWidget(dialog)
    dialog.form.set_value("first_day", (date.today() - timedelta(days=40)).strftime("%d-%m-%Y"))
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=WAIT)


def test_a_new_absence_reaches_the_open_dossier(qtbot, healthy):
    controller, _main, window, employee = healthy
    _report_absence(qtbot, controller.ctx, employee.id)
    qtbot.waitUntil(lambda: window.cases_table.rowCount() == 1, timeout=WAIT)
    assert window.cases_table.item(0, 2).text() == "lopend"


def test_a_new_absence_reaches_the_list_of_open_cases(qtbot, healthy):
    controller, main, _window, employee = healthy
    model = main.cases_model
    before = model.rowCount()
    _report_absence(qtbot, controller.ctx, employee.id)
    qtbot.waitUntil(lambda: model.rowCount() == before + 1, timeout=WAIT)
    qtbot.waitUntil(lambda: any(r.employee_id == employee.id for r in model.rows), timeout=WAIT)
    assert model.rowCount() == before + 1


def test_a_new_absence_reaches_vandaag(qtbot, healthy):
    """Day 40 of the absence: the problem analysis (week 6) is due within the coming 14 days."""
    controller, main, _window, employee = healthy
    assert _today_line_of(main, employee.id) == []
    _report_absence(qtbot, controller.ctx, employee.id)
    qtbot.waitUntil(lambda: _today_line_of(main, employee.id) != [], timeout=WAIT)
    assert any("robleemanalyse" in label for label in _today_line_of(main, employee.id))


def test_a_change_of_another_employee_leaves_the_dossier_alone(qtbot, healthy):
    """Only the dossiers a change concerns read again."""
    from desktop_app.services import dossier

    controller, main, window, employee = healthy
    loads: list[int] = []
    original = dossier.load

    def counted(session, employee_id):
        loads.append(employee_id)
        return original(session, employee_id)

    with unittest.mock.patch.object(dossier, "load", counted):
        other = next(r for r in main.employees_model.rows if r.id != employee.id)
        _report_absence(qtbot, controller.ctx, other.id)
        qtbot.waitUntil(lambda: not controller.ctx.tasks.busy, timeout=WAIT)
    assert employee.id not in loads


def test_the_bus_names_each_change_by_kind_and_id(qtbot, healthy):
    controller, _main, _window, employee = healthy
    seen: list[tuple[str, int]] = []
    controller.ctx.changes.changed.connect(lambda kind, object_id: seen.append((kind, object_id)))
    _report_absence(qtbot, controller.ctx, employee.id)
    qtbot.waitUntil(lambda: seen != [], timeout=WAIT)
    assert [kind for kind, _id in seen] == ["absence_case"]
