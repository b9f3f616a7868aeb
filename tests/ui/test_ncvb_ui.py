"""Issue 16: the physician reports an occupational disease to the NCvB from the legal-release
dialog: the form's PDF becomes the release's document, and the release awaits review."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from desktop_app.services import employees, releases
from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui


def test_the_ncvb_report_is_written_attached_and_asked_for(qtbot, controller):
    from ui.release_dialogs import LegalReleaseDialog

    log_in(qtbot, controller, ARTS)
    controller.ctx.call(lambda s: s.unlock_medical(ARTS.medical_passphrase))
    employee = controller.ctx.call(employees.page, limit=1)[0]
    dialog = LegalReleaseDialog(controller.ctx, employee.id, [("arts", "dr. Arts")], me="arts")
    qtbot.addWidget(dialog)
    assert dialog.write_report.isHidden()  # the first basis is UWV's
    dialog.form.set_value("basis", "ncvb")
    assert not dialog.write_report.isHidden()
    job = controller.ctx.call(employees.open_dossier, employee.id).job_title
    report = dialog.open_ncvb_report()
    qtbot.waitUntil(lambda: report.form.value("profession") == job, timeout=10000)  # from the dossier
    report.submit()  # empty: refused at the fields
    qtbot.waitUntil(lambda: "vul dit in" in report.form.error("disease"), timeout=10000)
    report.form.set_value("profession", "")
    report.form.set_value("disease", "Lawaaislechthorendheid <b>beide oren</b>")
    report.form.set_value("exposure", "Lawaai boven 85 dB(A), 8 uur per dag")
    report.form.set_value("sector", "Metaal")
    report.form.set_value("profession", "Plaatwerker")
    report.submit()
    qtbot.waitUntil(lambda: dialog.document is not None, timeout=15000)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(dialog.document)).pages)
    assert "Lawaaislechthorendheid <b>beide oren</b>" in text.replace("\n", " ")  # markup stays literal
    assert dialog.document_label.text() == "Document: melding-beroepsziekte-ncvb.pdf"
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=15000)
    logged = controller.ctx.call(releases.log_for, employee.id)
    assert any(r.legal_basis is not None and r.legal_basis.value == "ncvb" and r.attachment_id for r in logged)
