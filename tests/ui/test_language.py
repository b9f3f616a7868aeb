"""Language in the client (issue 15): date errors with an example that fits the field, the
demo accounts' labels, and no working destruction buttons for who may not destroy."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from tests.helpers.practices import ARTS, CASEMANAGER, login_as
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui
WAIT = 15000


def _submit_and_wait(qtbot, dialog, field):
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.form.error(field) != "", timeout=WAIT)
    return dialog.form.error(field)


def _example_year(message: str) -> int:
    return int(message.rstrip(".").rsplit("-", 1)[-1])


@pytest.fixture
def physician(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    return controller, main.employees_model.rows[0]


def test_a_birth_date_in_the_wrong_form_gets_an_example_decades_back(qtbot, physician):
    from ui.dossier_forms import EmployeeDialog

    controller, row = physician
    employee = controller.ctx.call(lambda s: __import__("desktop_app.services.employees",
                                                        fromlist=["x"]).open_dossier(s, row.id))
    dialog = EmployeeDialog(controller.ctx, employee)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    dialog.form.set_value("birth_date", "1970-02-01")
    assert _example_year(_submit_and_wait(qtbot, dialog, "birth_date")) < date.today().year - 16


def test_a_first_day_of_illness_in_the_wrong_form_gets_todays_date_as_example(qtbot, physician):
    from ui.dossier_forms import CaseDialog

    controller, row = physician
    dialog = CaseDialog(controller.ctx, row.id)
    qtbot.addWidget(dialog)
    dialog.form.set_value("first_day", "gisteren")
    assert _submit_and_wait(qtbot, dialog, "first_day").endswith(f"{date.today():%d-%m-%Y}.")


def test_a_day_that_does_not_exist_gets_the_last_day_of_its_month_as_example(qtbot, physician):
    from ui.dossier_forms import CaseDialog

    controller, row = physician
    dialog = CaseDialog(controller.ctx, row.id)
    qtbot.addWidget(dialog)
    dialog.form.set_value("first_day", "31-02-2026")
    assert _submit_and_wait(qtbot, dialog, "first_day").endswith("bijvoorbeeld 28-02-2026.")


def test_the_demo_accounts_read_without_a_double_bracket(qtbot, controller):
    from ui.login import LoginDialog

    controller.ctx.demo = True
    dialog = LoginDialog(controller.ctx, "Demo")
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel) if "casemanager" in label.text()]
    assert texts
    assert not any("((" in t or "))" in t for t in texts)


def _destruction_request(practice) -> int:
    from desktop_app.services import requests

    s = login_as(practice, ARTS)
    try:
        employee_id = s.db.scalar("SELECT min(id) FROM employees")
        return requests.receive(s, employee_id, "destruction", f"{date.today():%d-%m-%Y}").id
    finally:
        s.close()


def _offered(widget, *texts) -> list[str]:
    return [b.text() for b in widget.findChildren(QPushButton)
            if b.text() in texts and not b.isHidden() and b.isEnabled()]


def test_the_case_manager_is_offered_no_destruction_in_the_request_dialog(qtbot, practice, controller):
    from ui.destruction_dialog import DestructionDialog

    request_id = _destruction_request(practice)
    log_in(qtbot, controller, CASEMANAGER)
    dialog = DestructionDialog(controller.ctx, request_id)
    qtbot.addWidget(dialog)
    assert _offered(dialog, "Vernietigen…", "Anonimiseren…") == []


def test_the_case_manager_is_offered_no_destruction_on_the_retention_page(qtbot, controller):
    main = log_in(qtbot, controller, CASEMANAGER)
    main.nav.setCurrentRow(4)
    qtbot.waitUntil(lambda: "Alleen een bedrijfsarts" in main.retention.note.text(), timeout=WAIT)
    assert _offered(main.retention, "Vernietigen…", "Anonimiseren…") == []


def test_the_physician_is_offered_destruction_in_the_request_dialog(qtbot, practice, controller):
    from ui.destruction_dialog import DestructionDialog

    request_id = _destruction_request(practice)
    log_in(qtbot, controller, ARTS)
    dialog = DestructionDialog(controller.ctx, request_id)
    qtbot.addWidget(dialog)
    assert _offered(dialog, "Vernietigen…") == ["Vernietigen…"]
