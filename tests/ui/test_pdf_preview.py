"""The preview shows a PDF from memory; printing renders every page; nothing goes to a temp file."""

import os
import tempfile
from datetime import datetime

import pytest

pytestmark = pytest.mark.gui


def _pdf(pages=3):
    from desktop_app.documents.layout import Letterhead, build_pdf, para, styles

    st = styles()
    story = [para(f"Regel {i}", st["body"]) for i in range(60 * pages)]
    return build_pdf("Proef", story, letterhead=Letterhead("P"), created=datetime(2026, 11, 23))


def test_preview_loads_from_memory(qtbot):
    from ui.pdf_preview import PdfPreview

    before = set(os.listdir(tempfile.gettempdir()))
    preview = PdfPreview("Proef", _pdf())
    qtbot.addWidget(preview)
    assert preview.page_count >= 3
    assert set(os.listdir(tempfile.gettempdir())) - before == set()


def test_printing_renders_every_page(qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui.pdf_preview import PdfPreview, render_to

    preview = PdfPreview("Proef", _pdf(2))
    qtbot.addWidget(preview)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "geprint.pdf"))  # stands in for a real printer
    render_to(printer, preview.document)
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "geprint.pdf").pages) == preview.page_count


def test_save_as_writes_only_where_chosen(qtbot, tmp_path, monkeypatch, recorded_messages):
    from PySide6.QtWidgets import QFileDialog

    from ui.pdf_preview import PdfPreview

    target = tmp_path / "gekozen.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    pdf = _pdf(1)
    preview = PdfPreview("Proef", pdf)
    qtbot.addWidget(preview)
    preview.save_as()
    assert target.read_bytes() == pdf
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_dossier_copy_from_the_dossier_window(qtbot, controller, recorded_messages, monkeypatch):
    from tests.helpers.practices import ARTS
    from tests.ui.conftest import log_in
    from ui import pdf_preview

    shown = []
    monkeypatch.setattr(pdf_preview.PdfPreview, "exec", lambda self: shown.append(self.page_count) or 0)
    main = log_in(qtbot, controller, ARTS)
    employee = main.employees_model.rows[0]
    main.open_dossier(employee.id)
    window = main.dossiers[employee.id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    window._copy()  # medical still locked: asks to unlock first
    assert recorded_messages[0][-1][1].startswith("Ontgrendel eerst")
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    window._copy()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=15000)
    assert shown[0] >= 1
