"""The Medisch tab's own forms, driven through the widgets (offscreen): the consult editor, the
exposure, statement and working-note dialogs, earlier versions, and attachments shown from memory."""

from datetime import date

import pytest

from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui

TODAY = date.today().strftime("%d-%m-%Y")


@pytest.fixture
def tab(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    employee = main.employees_model.rows[0]
    main.open_dossier(employee.id)
    window = main.dossiers[employee.id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    window.medical.show_unlocked()
    qtbot.waitUntil(lambda: window.medical.entries_table.rowCount() == len(window.medical.entries),
                    timeout=10000)
    return window.medical


def _submit(qtbot, dialog, values):
    qtbot.addWidget(dialog)
    for name, value in values.items():
        dialog.form.set_value(name, value)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    return dialog.saved


def test_the_consult_editor_saves_a_consultation_with_its_date(qtbot, tab):
    from desktop_app.services import medical_entries

    yesterday = date.fromordinal(date.today().toordinal() - 1)
    tab.editor.set_values({"entry_date": yesterday.strftime("%d-%m-%Y"), "s": "Consult uit de editor"})
    tab.save()
    qtbot.waitUntil(lambda: tab.editor.value("s") == "", timeout=10000)  # emptied once saved
    saved = [e for e in tab.ctx.call(medical_entries.list_entries, tab.employee_id)
             if e.body.get("s") == "Consult uit de editor"]
    assert [e.entry_date for e in saved] == [yesterday]


def test_an_exposure_is_registered_through_its_dialog(qtbot, tab):
    from desktop_app.domain.medical.exposures import ExposureCategory
    from desktop_app.services import exposures

    saved = _submit(qtbot, tab.exposure_dialog(), {"category": "biological", "agent": "Hepatitis B",
                                                   "start": "01-02-2010", "end": ""})
    assert saved.category is ExposureCategory.BIOLOGICAL
    assert saved.end is None
    assert saved in tab.ctx.call(exposures.list_exposures, tab.employee_id)


def test_a_statement_is_recorded_through_its_dialog(qtbot, tab):
    from desktop_app.services import statements

    saved = _submit(qtbot, tab.statement_dialog(), {"statement": "Ik ben het er niet mee eens."})
    assert saved.received_on == date.today()  # the dialog's default
    assert saved in tab.ctx.call(statements.list_statements, tab.employee_id)


def test_a_working_note_is_kept_and_shown_to_its_author(qtbot, tab):
    saved = _submit(qtbot, tab.working_note_dialog(), {"body": "Eigen indruk: werkdruk"})
    assert saved.body == "Eigen indruk: werkdruk"
    tab.reload()
    qtbot.waitUntil(lambda: "Eigen indruk: werkdruk" in tab.notes.toPlainText(), timeout=10000)
    from datetime import date

    assert tab.notes.toPlainText().startswith(date.fromisoformat(saved.created_at[:10]).strftime("%d-%m-%Y"))


def test_earlier_versions_are_shown_with_the_reason(qtbot, tab, recorded_messages):
    from desktop_app.services import medical_entries

    log, _answers = recorded_messages
    entry = tab.ctx.call(medical_entries.add_entry, tab.employee_id, "note",
                         {"text": "Eerste versie", "entry_date": TODAY})
    tab.ctx.call(medical_entries.correct_entry, entry.id, {"text": "Tweede versie"}, "Tikfout")
    tab.reload()
    qtbot.waitUntil(lambda: entry.id in [e.id for e in tab.entries], timeout=10000)
    tab.entries_table.selectRow([e.id for e in tab.entries].index(entry.id))
    tab._history()
    tab.ctx.tasks.wait_idle()  # read without waiting (issue 15)
    shown = log[-1][1]
    assert "Versie 1" in shown
    assert "Versie 2" in shown
    assert "Reden: Tikfout" in shown


def test_an_attachment_is_shown_from_memory(qtbot, tab):
    from desktop_app.services import attachments
    from desktop_app.services.demo_medical import _tiny_png
    from ui.viewer import AttachmentsDialog

    info = tab.ctx.call(attachments.add_attachment, tab.employee_id, "verwijzing.png", _tiny_png())
    dialog = AttachmentsDialog(tab.ctx, tab.employee_id, tab)
    qtbot.addWidget(dialog)
    tab.ctx.tasks.wait_idle()  # the list is read without waiting (issue 15)
    ids = [dialog.list.item(i).data(0x0100) for i in range(dialog.list.count())]  # UserRole
    assert info.id in ids
    dialog.list.setCurrentRow(ids.index(info.id))
    qtbot.waitUntil(lambda: not dialog.image.pixmap().isNull(), timeout=10000)
    assert dialog.image.pixmap().width() == 8


def _three_page_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for page in range(3):
        pdf.drawString(72, 720, f"Verwijsbrief, blad {page + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_a_pdf_attachment_is_shown_whole_in_the_window(qtbot, tab):
    # Loaded on the database thread, shown on the GUI thread: every page is there, and the
    # document lives where its view does.
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtPdf import QPdfDocument

    from desktop_app.services import attachments
    from ui.viewer import AttachmentsDialog

    info = tab.ctx.call(attachments.add_attachment, tab.employee_id, "verwijzing.pdf", _three_page_pdf())
    dialog = AttachmentsDialog(tab.ctx, tab.employee_id, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    tab.ctx.tasks.wait_idle()
    ids = [dialog.list.item(i).data(0x0100) for i in range(dialog.list.count())]
    dialog.list.setCurrentRow(ids.index(info.id))
    qtbot.waitUntil(lambda: dialog._document is not None, timeout=10000)
    document = dialog._document
    assert document.status() == QPdfDocument.Status.Ready
    assert document.pageCount() == 3
    assert document.thread() is QCoreApplication.instance().thread()
    assert dialog.stack.currentWidget() is dialog.pdf_view
    assert dialog.pdf_view.document() is document
    # the first page is drawn by Qt's render thread, and it shows the letter's text (dark
    # pixels on the white page), not an empty frame
    qtbot.waitUntil(lambda: 0 in dialog.pdf_view.drawn_pages(), timeout=10000)
    image = dialog.pdf_view.page_image(0).toImage()
    assert image.width() > 300
    dark = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height() // 4, 2)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 20
    # under the pages: where the reader is in the document
    assert dialog.page_number.isVisible()
    assert dialog.page_number.text() == "Blad 1 van 3"
    bar = dialog.pdf_view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert dialog.page_number.text() == "Blad 3 van 3"


def test_a_damaged_pdf_attachment_says_it_cannot_be_shown(qtbot, tab):
    # An attachment that starts as a PDF but is not one (cut off in a scan): the window says
    # so, instead of an empty view
    from desktop_app.services import attachments
    from ui.viewer import UNREADABLE, AttachmentsDialog

    info = tab.ctx.call(attachments.add_attachment, tab.employee_id, "afgebroken-scan.pdf",
                        b"%PDF-1.4\n" + bytes(range(256)) * 40)
    dialog = AttachmentsDialog(tab.ctx, tab.employee_id, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    tab.ctx.tasks.wait_idle()
    ids = [dialog.list.item(i).data(0x0100) for i in range(dialog.list.count())]
    dialog.list.setCurrentRow(ids.index(info.id))
    qtbot.waitUntil(lambda: dialog.image.text() == UNREADABLE, timeout=10000)
    assert dialog.stack.currentIndex() == 0


def test_the_attachments_window_says_when_there_are_none(qtbot, tab):
    from desktop_app.services import attachments
    from ui.viewer import NONE_YET, AttachmentsDialog

    assert tab.ctx.call(attachments.list_attachments, tab.employee_id) == []
    dialog = AttachmentsDialog(tab.ctx, tab.employee_id, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.image.text() == NONE_YET, timeout=10000)
    assert dialog.image.isVisible()
