"""Issue 16: the sealed information for UWV's insurance physician is recorded as handed over from
the dossier's rights tab, and the dialog offers only the way the law allows: via the employee."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ui.test_releases_ui import (
    cell,
    drive,
    first_employee,
    open_rights,
    select_row,
    submit_and_wait,
)

pytestmark = pytest.mark.gui


def test_the_sealed_envelope_is_handed_over_via_the_employee_from_the_rights_tab(qtbot, controller, practice,
                                                                                  monkeypatch):
    from desktop_app.domain.releases import Method
    from desktop_app.domain.uwv_documents import SealedForm
    from desktop_app.services import employees, releases, uwv_sealed
    from tests.helpers.practices import ARTS
    from ui import release_dialogs

    employee_id = first_employee(practice)
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    ctx = controller.ctx
    entries = [c.entry_id for c in ctx.call(uwv_sealed.choices, employee_id)][:1]
    assert entries, "the demo dossier has medical entries to send"
    release = ctx.call(uwv_sealed.request_sealed, employee_id, SealedForm(basis="uwv_wia", entry_ids=entries),
                       physician="arts")
    ctx.call(releases.approve, release.id)
    panel = window.rights.consents
    panel.reload()
    seen = []

    def fill(dialog):
        seen.append([dialog.form.widgets["method"].itemData(i)
                     for i in range(dialog.form.widgets["method"].count())])
        assert dialog.form.value("handed_to") == ""  # the core fills in the employee
        dialog.form.set_value("note", "Envelop meegegeven na het spreekuur")
        return submit_and_wait(qtbot, dialog)

    drive(monkeypatch, release_dialogs.ReleaseFormDialog, fill)
    table = panel.releases_table

    def approved_row_chosen() -> bool:  # earlier loads (before the approval) may still answer first
        row = select_row(qtbot, table, "Verzekeringsarts UWV")
        return cell(table, row, "Status") != "wacht op beoordeling"

    # The list and its buttons follow the answers as they come in, one per turn: wait for the
    # approved line to be the chosen one and its action offered.
    qtbot.waitUntil(lambda: approved_row_chosen() and panel.actions["handover"].isEnabled(), timeout=10000)
    panel.actions["handover"].click()
    qtbot.waitUntil(lambda: seen != [], timeout=10000)  # the dialog opens once the users are read
    assert seen == [[Method.TO_EMPLOYEE.value]]  # post, e-mail or the employer are not offered
    done = ctx.call(releases.get, release.id)
    assert done.method == Method.TO_EMPLOYEE.value
    assert done.handed_over_on == date.today()
    assert done.handed_to == ctx.call(employees.open_dossier, employee_id).display_name
