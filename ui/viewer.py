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
    QVBoxLayout,
)

from ui.context import AppContext
from ui.operations import read
from ui.screen_fit import fit

NONE_YET = ("Bij deze werknemer zijn nog geen bijlagen bewaard. Voeg ze toe met \"Bijlage toevoegen…\" "
            "in het tabblad Medisch.")
PROTECTED = ("Deze PDF is met een wachtwoord beveiligd en kan daarom hier niet worden getoond. Het "
             "bestand is wel bewaard zoals het is aangeleverd. Vraag de afzender om een versie "
             "zonder wachtwoord om hem in het dossier te kunnen lezen.")
TOO_LARGE = ("Deze afbeelding is te groot om hier te tonen ({w} × {h} beeldpunten). Het bestand is "
             "wel bewaard zoals het is aangeleverd.")
UNREADABLE = ("Deze bijlage kan niet worden getoond: het bestand is beschadigd of geen geldig "
              "PDF-bestand of afbeelding. Het is wel bewaard zoals het is aangeleverd.")


def open_for_view(session, attachment_id: int, width: int = 0):
    """Database thread: the attachment opened, with what the window shows of it and the PDF's
    page sizes. For a PDF with pages: its document, loaded and moved to the GUI thread. For an
    image: the decoded QImage, no wider than ``width`` pixels (when given). Otherwise the Dutch
    sentence the window shows instead, and no sizes."""
    from PySide6.QtPdf import QPdfDocument
    from shiboken6 import delete

    from desktop_app.domain.medical.attachments import AttachmentType
    from desktop_app.services import attachments
    from ui import unlocked_calls
    from ui.pdf_pages import page_sizes

    opened = attachments.open_attachment(session, attachment_id)
    if opened.info.mime is not AttachmentType.PDF:
        return (opened, *_image(opened.pieces, width))
    document = QPdfDocument()
    buffer = QBuffer(document)  # the document's child: it moves, and goes, with it
    buffer.setData(_joined(opened.pieces))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    unlocked_calls.load_pdf(document, buffer)  # it reads the whole file
    sizes = page_sizes(document)
    if not sizes:
        protected = document.error() == QPdfDocument.Error.IncorrectPassword
        delete(document)  # here, on the thread it belongs to
        return opened, PROTECTED if protected else UNREADABLE, []
    document.moveToThread(QCoreApplication.instance().thread())
    return opened, document, sizes


def _image(pieces: tuple[bytes, ...], width: int) -> tuple:
    """Decoded here, not on the GUI thread (a 48 MP photo takes hundreds of milliseconds), turned
    as the camera says, and scaled to ``width`` while decoding where the format allows (JPEG)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImageIOHandler, QImageReader

    from ui import unlocked_calls

    buffer = QBuffer()
    buffer.setData(_joined(pieces))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    stored = reader.size()  # as in the file, before the camera's turn (invalid: read to find out)
    if stored.isValid():
        turned = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
        upright = stored.transposed() if turned else stored
        decoded = stored
        if 0 < width < upright.width():
            shown = upright.scaled(QSize(width, 1 << 30), Qt.AspectRatioMode.KeepAspectRatio)
            # Qt scales the image as stored and turns it afterwards: the size is asked unturned
            scaled = shown.transposed() if turned else shown
            reader.setScaledSize(scaled)
            decoded = _decoded_size(reader, stored, scaled)
        if decoded.width() * decoded.height() * 4 > reader.allocationLimit() * 1024 * 1024:
            return TOO_LARGE.format(w=_thousands(upright.width()), h=_thousands(upright.height())), []
    image = unlocked_calls.read_image(reader)
    return (image if not image.isNull() else UNREADABLE), []


def _decoded_size(reader, stored, scaled):
    """The most Qt decodes for ``scaled``, which it refuses past its allocation limit: the whole
    image, but for a format that decodes scaled. A JPEG is decoded at 1/1, 1/2, 1/4 or 1/8 of
    its size, the smallest of those not under ``scaled``: less than twice it, or an eighth."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImageIOHandler

    if not reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize):
        return stored
    if bytes(reader.format()) not in (b"jpeg", b"jpg"):
        return scaled
    return QSize(max(2 * scaled.width(), -(-stored.width() // 8)), max(2 * scaled.height(), -(-stored.height() // 8)))


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


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
        self.image.setWordWrap(True)  # the messages in its place; an image is not wrapped
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        self.stack.addWidget(scroll)
        self.pdf_view = None
        right = QVBoxLayout()
        right.addWidget(self.stack, 1)
        self.page_number = QLabel()  # "Blad 3 van 120" under a PDF
        self.page_number.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_number.hide()
        right.addWidget(self.page_number)
        row.addLayout(right, 1)
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
        else:
            self.image.setText(NONE_YET)

    def _open(self, item) -> None:
        if item is None:
            return
        self._opening += 1
        asked = self._opening
        # A 25 MB attachment is read and checked on the database thread; the window stays usable.
        width = round(max(200, self.stack.width() - 24) * self.devicePixelRatioF())  # an image fills the width
        read(self, self.ctx, open_for_view, item.data(Qt.ItemDataRole.UserRole), width) \
            .with_progress("Bijlage openen…") \
            .success(lambda opened: asked == self._opening and self._opened(opened)).run_in_background()

    def _opened(self, result) -> None:
        _opened, shown, sizes = result
        if sizes:  # a PDF that loaded with pages (a damaged one has none)
            self._show_pdf(shown, sizes)
            return
        self.page_number.hide()
        if isinstance(shown, QImage):
            pixmap = QPixmap.fromImage(shown)
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            self.image.setPixmap(pixmap)
        else:  # damaged, protected or too large: said in the window, not an empty view
            self.image.setTextFormat(Qt.TextFormat.PlainText)
            self.image.setText(shown)
        self.stack.setCurrentIndex(0)

    def _show_pdf(self, document, sizes) -> None:
        from ui.pdf_pages import PdfPages

        if self.pdf_view is None:
            self.pdf_view = PdfPages()
            self.pdf_view.page_shown.connect(lambda page, pages: self.page_number.setText(f"Blad {page} van {pages}"))
            self.stack.addWidget(self.pdf_view)
        self._document = document
        self.pdf_view.set_document(document, sizes)  # the view owns it from now on
        self.stack.setCurrentWidget(self.pdf_view)
        self.page_number.show()
