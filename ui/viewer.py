"""Attachments viewed inside the program, from memory: PDF with QtPdf, images with QPixmap.

Nothing is written to a file: the bytes go into a QBuffer or a QPixmap.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
)

from ui.context import AppContext
from ui.operations import read
from ui.screen_fit import fit


class AttachmentsDialog(QDialog):
    def __init__(self, ctx: AppContext, employee_id: int, parent=None) -> None:
        super().__init__(parent)
        from desktop_app.services import attachments

        self.ctx = ctx
        self.setWindowTitle("Bijlagen")
        row = QHBoxLayout(self)
        self.list = QListWidget()
        self.list.setMaximumWidth(260)
        self.list.currentItemChanged.connect(self._open)
        row.addWidget(self.list)
        self.stack = QStackedWidget()
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        self.stack.addWidget(scroll)
        self.pdf_view = None
        row.addWidget(self.stack, 1)
        fit(self, 1000, 720)
        self._document = None
        self._opening = 0
        read(self, ctx, attachments.list_attachments, employee_id).success(self._listed).run_in_background()

    def _listed(self, infos) -> None:
        for a in infos:
            item = QListWidgetItem(f"{a.filename} ({a.size // 1024 or 1} kB)")
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _open(self, item) -> None:
        from desktop_app.services import attachments

        if item is None:
            return
        self._opening += 1
        asked = self._opening
        # A 25 MB attachment is read and checked on the database thread; the window stays usable.
        read(self, self.ctx, attachments.open_attachment, item.data(Qt.ItemDataRole.UserRole)) \
            .with_progress("Bijlage openen…") \
            .success(lambda opened: asked == self._opening and self._opened(opened)).run_in_background()

    def _opened(self, opened) -> None:
        from desktop_app.domain.medical.attachments import AttachmentType

        if opened.info.mime is AttachmentType.PDF:
            self._show_pdf(opened.data)
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(opened.data)
            self.image.setPixmap(pixmap)
            self.stack.setCurrentIndex(0)

    def _show_pdf(self, data: bytes) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        if self.pdf_view is None:
            self.pdf_view = QPdfView()
            self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
            self.stack.addWidget(self.pdf_view)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document = QPdfDocument(self)
        self._document.load(self._buffer)
        self.pdf_view.setDocument(self._document)
        self.stack.setCurrentWidget(self.pdf_view)
