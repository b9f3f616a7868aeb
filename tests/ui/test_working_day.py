"""Issue 16's working day, end to end through the windows: the assistant's step on Vandaag is
planned into a slot, the invitation is made and printed, the physician opens the consultation
from the day list, "niet verschenen" is recorded and the employer told without a reason, and the
problem analysis is made, with what the employer's and the employee's PDFs contain checked."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_app.services import agenda, letters
from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in
from tests.ui.lock_helpers import unlock_tab
from ui.models import IdRole

pytestmark = pytest.mark.gui

TODAY = date.today()
NEXT_MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _vandaag_line(qtbot, today):
    """A coming (or overdue) Poortwachter step on Vandaag: the line the assistant plans from."""
    qtbot.waitUntil(lambda: today.line_count("coming") + today.line_count("overdue") > 0, timeout=10000)
    key = "coming" if today.line_count("coming") else "overdue"
    line = today.line_index(key, 0)
    today.view.setCurrentIndex(line)
    return int(line.data(IdRole))


def _printed(tmp_path, preview) -> bytes:
    """What the printer gets: every page of the preview rendered to a PDF printer."""
    from PySide6.QtPrintSupport import QPrinter

    from ui.pdf_preview import render_to

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printer.pdf"
    printer.setOutputFileName(str(out))  # stands in for the practice's printer
    render_to(printer, preview.document)
    return out.read_bytes()


def test_the_working_day_from_vandaag_to_the_problem_analysis(qtbot, controller, tmp_path, monkeypatch):
    main = log_in(qtbot, controller, ARTS)
    ctx = controller.ctx
    ctx.call(agenda.add_block, ctx.session.user.id, "practice", nl(NEXT_MONDAY), "09:00", "12:00", "20",
             nl(NEXT_MONDAY + timedelta(weeks=6)))

    # 1. Plan the employee of a coming step into a slot, from Vandaag.
    employee_id = _vandaag_line(qtbot, main.today)
    plan = main.today.plan_dialog()
    qtbot.addWidget(plan)
    qtbot.waitUntil(lambda: plan.slots != [], timeout=10000)
    plan.submit()
    qtbot.waitUntil(lambda: plan.booked is not None, timeout=10000)
    booked = plan.booked
    assert booked.employee_id == employee_id

    # 2. The day list shows it; make and print the invitation.
    hours = main.open_agenda()
    hours.day = booked.starts.date()
    hours.reload()
    qtbot.waitUntil(lambda: hours.shown == booked.starts.date(), timeout=10000)
    row = next(r for r, x in enumerate(hours.day_lines) if x.booking is not None and x.booking.id == booked.id)
    hours.day_table.selectRow(row)
    qtbot.mouseClick(hours.findChild(QPushButton, "agenda_invitation"), Qt.MouseButton.LeftButton)
    invitation = hours.letter_dialog
    qtbot.addWidget(invitation)
    qtbot.waitUntil(lambda: invitation.options is not None and invitation.form is not None, timeout=10000)
    invitation.make_button.click()
    qtbot.waitUntil(lambda: invitation.made is not None and invitation.preview is not None, timeout=15000)
    printed = PdfReader(io.BytesIO(_printed(tmp_path, invitation.preview)))  # pages as images
    assert len(printed.pages) == invitation.preview.page_count >= 1
    text = text_of(invitation.made.pdf)
    assert f"Datum: {nl(booked.starts.date())}" in text
    assert f"Tijd: {booked.starts:%H:%M}" in text
    invitation.preview.close()
    invitation.close()

    # 3. From the day list, one action opens the dossier with a new consultation on the slot's day.
    hours.day_table.selectRow(row)
    hours.open_selected()
    window = main.dossiers[employee_id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    assert window.tabs.currentWidget() is window.medical
    assert window.medical.consult_date == booked.starts.date()

    # 4. The employee did not appear: recorded, and the employer's letter names no reason.
    monkeypatch.setattr(agenda, "now_local", lambda: booked.starts + timedelta(hours=1))
    hours.day_table.selectRow(row)
    qtbot.mouseClick(hours.findChild(QPushButton, "agenda_no_show"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hours.day_table.item(row, 5).text() == "niet verschenen", timeout=10000)
    hours.day_table.selectRow(row)
    qtbot.mouseClick(hours.findChild(QPushButton, "agenda_no_show_letter"), Qt.MouseButton.LeftButton)
    notice = hours.letter_dialog
    qtbot.addWidget(notice)
    qtbot.waitUntil(lambda: notice.options is not None and notice.form is not None, timeout=10000)
    notice.make_button.click()
    qtbot.waitUntil(lambda: notice.made is not None, timeout=15000)
    employer_text = text_of(notice.made.pdf)
    assert f"op {nl(booked.starts.date())} om {booked.starts:%H:%M}" in employer_text
    assert "reden" in employer_text
    assert "geven wij niet door" in employer_text
    kept = [k.template_key for k in ctx.call(letters.kept_letters, employee_id)]
    assert "melding_niet_verschenen" in kept
    notice.preview.close()
    notice.close()
    hours.close()

    # 5. The problem analysis, from the dossier: the employer's PDF in work terms only, the
    # employee's with the medical part too; approved, it is done on the Poortwachter timeline.
    unlock_tab(qtbot, window.medical, ARTS.medical_passphrase)
    open_case = next(r for r, (case, _m) in enumerate(window.dossier.cases) if case.is_open)
    window.cases_table.selectRow(open_case)
    uwv = window.uwv_documents()
    qtbot.addWidget(uwv)
    uwv.buttons["problem_analysis"].click()
    form = uwv.last_form
    form.form.set_value("limitations", "Niet tillen boven 10 kg, geen nachtdiensten")
    form.form.set_value("advice", "Opbouw in aangepast werk, 4 uur per dag")
    form.form.set_value("medical", MEDICAL)
    form.submit()
    qtbot.waitUntil(lambda: len(uwv.documents) == 1, timeout=10000)
    uwv.buttons["approve"].click()
    qtbot.waitUntil(lambda: uwv.documents[0].approved, timeout=10000)
    employer_pdf = _preview_text(qtbot, uwv, "employer_pdf")
    employee_pdf = _preview_text(qtbot, uwv, "employee_pdf")
    assert "Niet tillen boven 10 kg, geen nachtdiensten" in employer_pdf
    assert "Opbouw in aangepast werk, 4 uur per dag" in employer_pdf
    for medical_word in ("hernia", "L5-S1", "neuroloog"):
        assert medical_word not in employer_pdf
    assert "Niet tillen boven 10 kg, geen nachtdiensten" in employee_pdf
    assert MEDICAL in employee_pdf
    uwv.accept()
    qtbot.waitUntil(lambda: any(str(m.code) == "problem_analysis" and m.done is not None
                                for case, ms in window.dossier.cases if case.is_open for m in ms), timeout=10000)


MEDICAL = "Lumbale hernia L5-S1 links, verwezen naar de neuroloog"


def _preview_text(qtbot, dialog, button: str) -> str:
    dialog.last_preview = None
    dialog.buttons[button].click()
    qtbot.waitUntil(lambda: getattr(dialog, "last_preview", None) is not None, timeout=10000)
    preview = dialog.last_preview
    qtbot.addWidget(preview)
    text = text_of(preview.pdf)
    preview.close()
    return text
