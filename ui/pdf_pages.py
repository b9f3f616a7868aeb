"""The pages of a PDF attachment, one below the other, fitted to the window's width.

QPdfView was used before. Its ``setDocument`` loads the first page on the GUI thread to find its
links (QPdfLinkModel), and pdfium parses the whole page to do that: 22-170 ms for a 25 MB page
(gui_stall_max_ms). Here the GUI thread makes no pdfium call at all:

- the page sizes are read with the document, on the database thread (``page_sizes``);
- each page is drawn by Qt's own render thread (``QPdfPageRenderer``, multi-threaded; a C++
  thread, so it does not hold Python's lock either) when it comes near the visible part;
- a page far out of view gives its image back, so a 300-page scan does not hold 300 images.

A page is never drawn larger than ``MAX_SIDE`` pixels a side, whatever size the file claims.
Links in an attachment are not followed: it is a document to read, not to navigate.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtPdf import QPdfPageRenderer
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

GAP = 12  # between pages, and around them
MAX_SIDE = 6000  # pixels: a page claiming to be 5 m tall is drawn no larger than this
NEAR = 1.0  # viewports above and below the visible part that are drawn ahead
FAR = 3.0  # viewports away, a drawn page gives its image back


def page_sizes(document) -> list[QSizeF]:
    """Database thread: every page's size in points, read while the document is loaded there."""
    return [document.pagePointSize(page) for page in range(document.pageCount())]


def fitted(points: QSizeF, width: int) -> QSize:
    """A page of ``points`` drawn ``width`` pixels wide, at most ``MAX_SIDE`` a side."""
    w, h = max(points.width(), 1.0), max(points.height(), 1.0)
    scale = min(max(width, 1) / w, MAX_SIDE / w, MAX_SIDE / h)
    return QSize(max(1, round(w * scale)), max(1, round(h * scale)))


class PdfPages(QScrollArea):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        # Always there: a scroll bar appearing once the pages are laid out would narrow the
        # viewport under them, and the pages would need a horizontal one
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self._column = QWidget()
        self._layout = QVBoxLayout(self._column)
        self._layout.setContentsMargins(GAP, GAP, GAP, GAP)
        self._layout.setSpacing(GAP)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._column)
        self._renderer: QPdfPageRenderer | None = None
        self._document = None
        self._sizes: list[QSizeF] = []
        self._pages: list[QLabel] = []
        self._wanted: dict[int, QSize] = {}  # page -> the pixel size asked of the render thread
        self._drawn: set[int] = set()
        self._width = 0
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(80)  # a window being resized draws once it rests
        self._relayout.timeout.connect(self._lay_out)
        self.verticalScrollBar().valueChanged.connect(self._draw_near)

    def document(self):
        return self._document

    def set_document(self, document, sizes: list[QSizeF]) -> None:
        """Show ``document`` (loaded, and moved to this thread); the view owns it from now on.

        Each document gets its own renderer, and owns it by being its child: a renderer waits
        for its render thread when it goes, so the document it draws from outlives any drawing."""
        if self._renderer is not None:
            self._renderer.pageRendered.disconnect(self._rendered)
            self._renderer.deleteLater()  # takes the old document with it
        renderer = QPdfPageRenderer(self)
        renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        document.setParent(renderer)
        renderer.setDocument(document)
        renderer.pageRendered.connect(self._rendered)
        self._renderer, self._document, self._sizes = renderer, document, list(sizes)
        for label in self._pages:
            label.deleteLater()
        self._pages = []
        for page in range(len(self._sizes)):
            label = QLabel()
            label.setObjectName(f"pdf_page_{page + 1}")
            label.setAutoFillBackground(True)
            label.setBackgroundRole(QPalette.ColorRole.Base)
            label.setAccessibleName(f"Blad {page + 1} van {len(self._sizes)}")
            self._layout.addWidget(label)
            self._pages.append(label)
        self._width = 0
        self._lay_out()

    def drawn_pages(self) -> set[int]:
        """The pages (from 0) whose image is shown now."""
        return set(self._drawn)

    def page_label(self, page: int) -> QLabel:
        return self._pages[page]

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._pages:
            self._relayout.start()

    def _page_width(self) -> int:
        return max(50, self.viewport().width() - 2 * GAP)

    def _lay_out(self) -> None:
        width = self._page_width()
        if width == self._width:
            self._draw_near()
            return
        self._width = width
        self._wanted.clear()  # drawings asked for at the old width are not shown when they come
        self._drawn.clear()
        for label, points in zip(self._pages, self._sizes, strict=True):
            label.setPixmap(QPixmap())
            label.setFixedSize(fitted(points, width))
        self._column.adjustSize()
        QTimer.singleShot(0, self, self._draw_near)  # once the layout has placed the pages (not if gone)

    def _draw_near(self, *_args) -> None:
        if self._renderer is None or not self._pages:
            return
        top = self.verticalScrollBar().value()
        height = max(1, self.viewport().height())
        ratio = self.devicePixelRatioF()
        for page, label in enumerate(self._pages):
            y0, y1 = label.y(), label.y() + label.height()
            if y1 >= top - NEAR * height and y0 <= top + (1 + NEAR) * height:
                if page not in self._wanted:
                    size = label.size() * ratio
                    size = QSize(min(size.width(), MAX_SIDE), min(size.height(), MAX_SIDE))
                    self._wanted[page] = size
                    self._renderer.requestPage(page, size)
            elif page in self._wanted and (y1 < top - FAR * height or y0 > top + (1 + FAR) * height):
                del self._wanted[page]
                self._drawn.discard(page)
                label.setPixmap(QPixmap())

    def _rendered(self, page: int, size: QSize, image, _options, _request) -> None:
        if self._wanted.get(page) != size or image.isNull():
            return  # asked for at another width, or given back meanwhile
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self._pages[page].setPixmap(pixmap)
        self._drawn.add(page)
