"""Every place that shows a full BSN logs it (issue 15): the personalia reveal, and the edit form."""

from __future__ import annotations

import pytest

from desktop_app.audit_events import Action
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.practices import ASSISTENT
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui
BSN = "123456782"


@pytest.fixture
def employee(qtbot, controller):
    from desktop_app.domain.dossier import EmployeeForm
    from desktop_app.services import employees

    log_in(qtbot, controller, ASSISTENT)
    ctx = controller.ctx
    first = ctx.call(employees.page, limit=1)[0]
    return ctx.call(employees.create, EmployeeForm(employer_id=first.employer_id, surname="Visser",
                                                   birth_date="03-04-1975", bsn=BSN))


def _reveals(ctx, since, employee_id):
    return [row for row in ctx.call(lambda s: events_after(s, since))
            if row[0] == Action.REVEAL_BSN and row[2] == employee_id]


def test_the_edit_form_shows_the_full_bsn(qtbot, controller, employee):
    from ui.dossier_forms import EmployeeDialog

    dialog = EmployeeDialog(controller.ctx, employee)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    assert dialog.form.value("bsn") == BSN


def test_opening_the_edit_form_logs_that_the_bsn_was_shown(qtbot, controller, employee):
    from ui.dossier_forms import EmployeeDialog

    ctx = controller.ctx
    since = ctx.call(last_seq)
    dialog = EmployeeDialog(ctx, employee)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    assert len(_reveals(ctx, since, employee.id)) == 1


def test_the_personalia_reveal_is_logged_too(qtbot, controller, employee):
    ctx = controller.ctx
    main = controller.main
    main.open_dossier(employee.id)
    window = main.dossiers[employee.id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    since = ctx.call(last_seq)
    window.bsn_button.click()
    qtbot.waitUntil(lambda: window.bsn_label.text() == BSN, timeout=10000)
    assert len(_reveals(ctx, since, employee.id)) == 1
