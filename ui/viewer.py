"""Attachments viewed inside the program, from memory: PDF with QtPdf, images with QPixmap.

Nothing is written to a file: the bytes go into a QBuffer or a QPixmap.

A PDF is read, copied into its buffer and loaded by QtPdf on the database thread, with its page
sizes, and only the loaded document is handed to the window: for a 25 MB scan the copy and
pdfium's first parse held the GUI thread for some 30 ms (gui_stall_max_ms). The bytes come in the
pieces the section keeps them in (a megabyte at most) and go into the buffer one piece per call:
one call copying 25 MB into fresh memory held Python's lock, and so the GUI thread, for 15-125 ms
on the benchmark machine. Its pages are drawn by Qt's render thread (``ui.pdf_pages``).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
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

UNREADABLE = ("Deze bijlage kan niet worden getoond: het bestand is beschadigd of geen geldig "
              "PDF-bestand of afbeelding. Het is wel bewaard zoals het is aangeleverd.")


def open_for_view(session, attachment_id: int):
    """Database thread: the attachment opened with what the window shows of it: for a PDF its
    document, loaded, with its page sizes, moved to the GUI thread; for an image the decoded
    QImage (null when damaged) and no sizes."""
    from PySide6.QtPdf import QPdfDocument

    from desktop_app.domain.medical.attachments import AttachmentType
    from desktop_app.services import attachments
    from ui import pdf_load
    from ui.pdf_pages import page_sizes

    opened = attachments.open_attachment(session, attachment_id)
    if opened.info.mime is not AttachmentType.PDF:
        # Decoded here, not on the GUI thread: a 25 MB scan takes far longer than a frame.
        return opened, QImage.fromData(_joined(opened.pieces)), []
    document = QPdfDocument()
    try:
        buffer = QBuffer(document)  # the document's child: it moves, and goes, with it
        buffer.setData(_joined(opened.pieces))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        pdf_load.load(document, buffer)  # without Python's lock: it reads the whole file
        sizes = page_sizes(document)
    finally:
        document.moveToThread(QCoreApplication.instance().thread())
    return opened, document, sizes


def _joined(pieces: tuple[bytes, ...]) -> QByteArray:
    """The pieces copied into one QByteArray, one piece per call; between these calls the GUI
    thread gets its turn."""
    out = QByteArray()
    out.reserve(sum(map(len, pieces)))
    for piece in pieces:
        out.append(piece)
    return out


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
        if item is None:
            return
        self._opening += 1
        asked = self._opening
        # A 25 MB attachment is read and checked on the database thread; the window stays usable.
        read(self, self.ctx, open_for_view, item.data(Qt.ItemDataRole.UserRole)) \
            .with_progress("Bijlage openen…") \
            .success(lambda opened: asked == self._opening and self._opened(opened)).run_in_background()

    def _opened(self, result) -> None:
        _opened, shown, sizes = result
        if sizes:  # a PDF that loaded with pages (a damaged one has none)
            self._show_pdf(shown, sizes)
            return
        pixmap = QPixmap.fromImage(shown) if isinstance(shown, QImage) else QPixmap()
        self.image.setPixmap(pixmap)
        if pixmap.isNull():  # a damaged file: said in the window, not an empty view
            self.image.setTextFormat(Qt.TextFormat.PlainText)
            self.image.setText(UNREADABLE)
        self.stack.setCurrentIndex(0)

    def _show_pdf(self, document, sizes) -> None:
        from ui.pdf_pages import PdfPages

        if self.pdf_view is None:
            self.pdf_view = PdfPages()
            self.stack.addWidget(self.pdf_view)
        self._document = document
        self.pdf_view.set_document(document, sizes)  # the view owns it from now on
        self.stack.setCurrentWidget(self.pdf_view)
