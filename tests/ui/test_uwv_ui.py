"""Issue 16: the physician makes the problem analysis from the dossier's "UWV-documenten…", approves
it, and the timeline shows it done; the employer's PDF holds the functional part only and the
employee's both. The sealed information for UWV is asked for from the same dialog."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop_app.domain.cases import CaseForm
from desktop_app.domain.dates import nl_date
from desktop_app.services import cases, employees, releases
from tests.helpers.practices import ARTS, CASEMANAGER
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui

WAIT = 15000
MEDICAL = "Burn-out met slaapproblemen; verwezen naar de POH-GGZ"


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _dossier(qtbot, controller, account, *, unlock: bool):
    log_in(qtbot, controller, account)
    if unlock:
        controller.ctx.call(lambda s: s.unlock_medical(account.medical_passphrase))
    employee = controller.ctx.call(employees.page, limit=1)[0]
    for case in controller.ctx.call(cases.for_employee, employee.id):
        if case.is_open:
            controller.ctx.call(cases.report_recovery, case.id, nl_date(date.today() - timedelta(days=1)))
    controller.ctx.call(cases.open_case, employee.id, CaseForm(first_day=nl_date(date.today() - timedelta(days=30))))
    controller.main.open_dossier(employee.id)
    dossier = controller.main.dossiers[employee.id]
    qtbot.waitUntil(lambda: dossier.dossier is not None and bool(dossier.dossier.cases), timeout=WAIT)
    return employee, dossier


def _preview(qtbot, dialog, button: str) -> str:
    dialog.last_preview = None
    dialog.buttons[button].click()
    qtbot.waitUntil(lambda: getattr(dialog, "last_preview", None) is not None, timeout=WAIT)
    preview = dialog.last_preview
    qtbot.addWidget(preview)
    text = _text(preview.pdf)
    preview.close()
    return text


def test_the_physician_makes_and_approves_the_problem_analysis(qtbot, controller):
    employee, dossier = _dossier(qtbot, controller, ARTS, unlock=True)
    dossier.cases_table.selectRow(0)
    dialog = dossier.uwv_documents()
    qtbot.addWidget(dialog)
    dialog.buttons["problem_analysis"].click()
    form = dialog.last_form
    form.submit()  # empty: refused at the fields
    qtbot.waitUntil(lambda: "vul dit in" in form.form.error("advice"), timeout=WAIT)
    assert "vul dit in" in form.form.error("medical")
    form.form.set_value("limitations", "Geen klantcontact, geen deadlines")
    form.form.set_value("advice", "Start met 2 uur per dag, <b>rustige</b> taken")
    form.form.set_value("medical", MEDICAL)
    form.submit()
    qtbot.waitUntil(lambda: len(dialog.documents) == 1, timeout=WAIT)
    assert dialog.list.item(0, 2).text() == "wacht op goedkeuring"

    dialog.buttons["employer_pdf"].click()  # not approved: refused, said in the dialog
    qtbot.waitUntil(lambda: "nog niet goedgekeurd" in dialog.error.text(), timeout=WAIT)

    dialog.buttons["approve"].click()
    qtbot.waitUntil(lambda: dialog.documents and dialog.documents[0].approved, timeout=WAIT)
    dialog.accept()
    qtbot.waitUntil(lambda: any(str(m.code) == "problem_analysis" and m.done is not None
                                for _c, ms in dossier.dossier.cases for m in ms), timeout=WAIT)
    rows = [[dossier.timeline.item(r, c).text() for c in range(4)] for r in range(dossier.timeline.rowCount())]
    assert ["Probleemanalyse", rows[0][1], nl_date(date.today()), "gedaan"] in [r[:4] for r in rows]

    dialog = dossier.uwv_documents()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.documents) == 1, timeout=WAIT)
    employer = _preview(qtbot, dialog, "employer_pdf")
    assert "Geen klantcontact, geen deadlines" in employer
    assert "Start met 2 uur per dag, <b>rustige</b> taken" in employer  # markup stays literal
    for medical_word in ("Burn-out", "slaapproblemen", "POH-GGZ"):
        assert medical_word not in employer
    employee_text = _preview(qtbot, dialog, "employee_pdf")
    assert "Geen klantcontact, geen deadlines" in employee_text
    assert MEDICAL in employee_text

    dialog.buttons["hand_over"].click()
    handover = dialog.last_form
    handover.form.set_value("method", "post")
    handover.submit()
    qtbot.waitUntil(lambda: dialog.documents and dialog.documents[0].handed_release_id is not None, timeout=WAIT)
    logged = controller.ctx.call(releases.log_for, employee.id)
    assert {r.recipient_role for r in logged if r.what.startswith("Probleemanalyse")} == {"employer", "employee"}


def test_the_sealed_information_is_asked_for_from_the_dialog(qtbot, controller):
    employee, dossier = _dossier(qtbot, controller, ARTS, unlock=True)
    from desktop_app.services import medical_entries

    entry = controller.ctx.call(medical_entries.add_entry, employee.id, "diagnosis",
                                {"system": "ICPC", "code": "P78", "description": "Surmenage"})
    dialog = dossier.uwv_documents()
    qtbot.addWidget(dialog)
    dialog.buttons["sealed"].click()
    qtbot.waitUntil(lambda: dialog.last_form is not None and dialog.last_form.entries.count() > 0, timeout=WAIT)
    sealed = dialog.last_form
    assert entry.id in sealed.chosen()
    sealed.submit()
    qtbot.waitUntil(lambda: sealed.result() == 1, timeout=WAIT)
    release = sealed.saved
    assert release.legal_basis.value == "uwv_wia"
    assert "Surmenage" not in release.what
    assert "MEDISCH GEHEIM" in _text(controller.ctx.call(releases.document, release.id).data)


def test_the_case_manager_sees_no_medical_buttons(qtbot, controller):
    _employee, dossier = _dossier(qtbot, controller, CASEMANAGER, unlock=False)
    dialog = dossier.uwv_documents()
    qtbot.addWidget(dialog)
    hidden = {name for name, b in dialog.buttons.items() if b.isHidden()}
    assert hidden == {"problem_analysis", "current_opinion", "approve", "employee_pdf", "sealed"}


def test_sealed_information_without_entries_is_refused_under_the_list(qtbot, controller):
    from desktop_app.services import medical_entries

    employee, dossier = _dossier(qtbot, controller, ARTS, unlock=True)
    controller.ctx.call(medical_entries.add_entry, employee.id, "note", {"text": "Gebeld"})
    dialog = dossier.uwv_documents()
    qtbot.addWidget(dialog)
    dialog.buttons["sealed"].click()
    qtbot.waitUntil(lambda: dialog.last_form is not None, timeout=WAIT)
    sealed = dialog.last_form
    qtbot.waitUntil(lambda: sealed.entries.count() > 0, timeout=WAIT)
    for i in range(sealed.entries.count()):
        sealed.entries.item(i).setCheckState(Qt.CheckState.Unchecked)
    sealed.submit()
    qtbot.waitUntil(lambda: "ten minste één" in sealed.entries_error.text(), timeout=WAIT)
    assert sealed.error.text() == ""
    assert sealed.result() == 0
