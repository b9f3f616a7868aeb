"""Issue 15: a document asked for before the medical lock, whose answer comes after it (a backup
held the database thread), does not open: the UWV document's employee version and the dossier
copy for an employee's request. A user who holds no medical key (the case manager) is not
refused by a medical lock that never ran for them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.helpers.practices import ARTS, CASEMANAGER
from tests.ui import conftest as ui_fixtures
from tests.ui.conftest import log_in
from tests.ui.lock_helpers import (
    Hold,
    dossier_with_a_fresh_case,
    idle_clock,
    idle_until_the_medical_lock,
)
from ui import medical_windows
from ui.pdf_preview import PdfPreview

pytestmark = pytest.mark.gui
collect_on_the_gui_thread = ui_fixtures.collect_on_the_gui_thread
controller = ui_fixtures.controller
recorded_messages = ui_fixtures.recorded_messages
WAIT = 15000
MEDICAL = "Burn-out met slaapproblemen, concept-55120"


def _previews() -> list[PdfPreview]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreview) and w.isVisible()]


def _approved_problem_analysis(qtbot, controller):
    """As the physician: a problem analysis written and approved from the dossier's
    UWV-documenten; returns that dialog, with the document selected."""
    main = log_in(qtbot, controller, ARTS)
    controller.ctx.call(lambda s: s.unlock_medical(ARTS.medical_passphrase))
    _employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    dialog = window.uwv_documents()
    qtbot.addWidget(dialog)
    dialog.buttons["problem_analysis"].click()
    form = dialog.last_form
    qtbot.waitUntil(form.isVisible, timeout=WAIT)
    form.form.set_value("limitations", "Geen klantcontact")
    form.form.set_value("advice", "Start met 2 uur per dag")
    form.form.set_value("medical", MEDICAL)
    form.submit()
    qtbot.waitUntil(lambda: len(dialog.documents) == 1, timeout=WAIT)
    dialog.buttons["approve"].click()
    qtbot.waitUntil(lambda: dialog.documents and dialog.documents[0].approved, timeout=WAIT)
    dialog.list.selectRow(0)
    return dialog


def test_the_employees_uwv_document_asked_before_the_idle_lock_does_not_open_after_it(
        qtbot, controller, recorded_messages):
    """The physician clicks the employee's version of the problem analysis (its medical part
    included) while a backup runs, and walks away. The idle lock comes; then the backup ends and
    the PDF is made. Its preview must not open: the medical part on screen after the lock."""
    log, _answers = recorded_messages
    dialog = _approved_problem_analysis(qtbot, controller)
    controller.ctx.tasks.wait_idle(30)
    clock = idle_clock(controller)
    hold = Hold(controller)
    try:
        dialog.last_preview = None
        dialog.buttons["employee_pdf"].click()
        idle_until_the_medical_lock(controller, clock)
        assert not controller.ctx.session.medical_unlocked
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    qtbot.waitUntil(lambda: ("info", medical_windows.LOCKED_MEANWHILE) in log, timeout=WAIT)
    QApplication.processEvents()
    assert dialog.last_preview is None
    assert _previews() == []


def test_the_employees_uwv_document_asked_and_answered_while_unlocked_opens(qtbot, controller):
    """The other side: with no lock in between, the same click shows the preview."""
    dialog = _approved_problem_analysis(qtbot, controller)
    dialog.last_preview = None
    dialog.buttons["employee_pdf"].click()
    qtbot.waitUntil(lambda: dialog.last_preview is not None, timeout=WAIT)
    assert dialog.last_preview.isVisible()
    dialog.last_preview.close()


def test_a_case_managers_document_answered_after_an_idle_period_still_opens(qtbot, controller):
    """The case manager holds no medical key, so no medical lock runs for them: a letter asked
    for while a backup runs and answered after the idle time still shows."""
    from tests.ui.test_medical_tab import _three_page_pdf
    from ui.request_outcome_dialogs import show_pdf

    main = log_in(qtbot, controller, CASEMANAGER)
    clock = idle_clock(controller)
    asked_at = medical_windows.asked()
    hold = Hold(controller)
    try:
        idle_until_the_medical_lock(controller, clock)
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    show_pdf(main, "Brief aan de verzoeker", _three_page_pdf(), "brief.pdf", asked_at=asked_at)
    qtbot.waitUntil(lambda: len(_previews()) == 1, timeout=WAIT)
    _previews()[0].close()
