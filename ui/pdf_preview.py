"""PDF preview from memory (QtPdf over a QBuffer), an explicit "save as", and printing through the
system's print dialog. No PDF or image is written to a temporary file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ui import messages
from ui.context import AppContext
from ui.screen_fit import fit


class PdfPreview(QDialog):
    def __init__(self, title: str, pdf: bytes, parent=None, *, suggested_name: str = "document.pdf") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("pdf_preview")
        self.pdf = pdf
        self.suggested_name = suggested_name
        col = QVBoxLayout(self)
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        col.addWidget(self.view)
        row = QHBoxLayout()
        for text, slot in (("Opslaan als…", self.save_as), ("Met wachtwoord opslaan…", self.save_protected),
                           ("Afdrukken…", self.print_)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        col.addLayout(row)
        self._load(pdf)
        fit(self, 900, 900)

    def _load(self, pdf: bytes) -> None:
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        self.view.setDocument(self.document)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def _write(self, data: bytes) -> None:
        from desktop_app.errors import ArbokluisError
        from desktop_app.fileio import atomic_write

        path, _f = QFileDialog.getSaveFileName(self, "Opslaan als", self.suggested_name, "PDF (*.pdf)")
        if not path:
            return
        try:
            from pathlib import Path

            atomic_write(Path(path), data, mode=0o600)
        except ArbokluisError as exc:
            messages.show_error(self, exc.message)
        else:
            messages.show_info(self, "Het document is opgeslagen.")

    def save_as(self) -> None:
        self._write(self.pdf)

    def save_protected(self) -> None:
        from desktop_app.documents.protect import protect
        from desktop_app.errors import ValidationError

        password, ok = QInputDialog.getText(self, "Wachtwoord", "Wachtwoord voor de PDF (minstens 8 tekens; "
                                            "geef het de ontvanger apart, bijvoorbeeld telefonisch):",
                                            QLineEdit.EchoMode.Password)
        if not ok:
            return
        try:
            data = protect(self.pdf, password)
        except ValidationError as exc:
            messages.show_error(self, exc.message)
            return
        self._write(data)

    def print_(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        render_to(printer, self.document)


def render_to(printer, document: QPdfDocument) -> None:
    """Each page rendered at the printer's resolution, in memory."""
    painter = QPainter(printer)
    try:
        for i in range(document.pageCount()):
            if i:
                printer.newPage()
            rect = painter.viewport()
            size = document.pagePointSize(i).toSize()
            target = QSize(rect.width(), int(rect.width() * size.height() / max(size.width(), 1)))
            image = document.render(i, target)
            painter.drawImage(0, 0, image)
    finally:
        painter.end()


def produce(ctx: AppContext, parent, title: str, fn: Callable, *args, suggested_name: str = "document.pdf",
            cancellable: bool = False, medical: bool = False, **kwargs) -> None:
    """Build a document off the GUI thread and preview it: a progress dialog shows if it takes
    longer than 600 ms (with "Annuleren" when ``cancellable``: give the work ``cancel=TOKEN``);
    a typed error shows its Dutch message, anything else reaches the crash hook. A ``medical``
    document is closed by the medical lock and not shown once the section was locked meanwhile."""
    from ui import medical_windows
    from ui.operations import job

    def show(pdf: bytes) -> None:
        preview = PdfPreview(title, pdf, parent, suggested_name=suggested_name)
        if medical:
            medical_windows.mark(preview)
            if not medical_windows.still_unlocked(ctx, preview):
                return
        preview.exec()

    job(parent, ctx, fn, *args, label=f"{title} wordt gemaakt…", cancellable=cancellable, **kwargs) \
        .success(show).run_in_background()
