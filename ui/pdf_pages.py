"""The pages of a PDF attachment, one below the other, fitted to the window's width.

QPdfView was used before. Its ``setDocument`` loads the first page on the GUI thread to find its
links (QPdfLinkModel), and pdfium parses the whole page to do that: 22-170 ms for a 25 MB page
(gui_stall_max_ms). Here the GUI thread makes no pdfium call at all:

- the page sizes are read with the document, on the database thread (``page_sizes``);
- each page is drawn by Qt's own render thread (``QPdfPageRenderer``, multi-threaded; a C++
  thread, so it does not hold Python's lock either) when it comes near the visible part;
- a page far out of view gives its image back, so a 300-page scan does not hold 300 images;
- there is no widget per page: the view paints the pages that are in sight itself, from their
  offsets. A QLabel per page took 1.3 s of GUI time to lay out for 2,000 pages and 10.7 s for
  5,000 (a 2 MB file), and one tall widget holding them stops at Qt's 16,777,215-pixel limit.

A page is never drawn larger than ``MAX_SIDE`` pixels a side, whatever size the file claims.
Links in an attachment are not followed: it is a document to read, not to navigate.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtPdf import QPdfPageRenderer
from PySide6.QtWidgets import QAbstractScrollArea

GAP = 12  # between pages, and around them
MAX_SIDE = 6000  # pixels: a page claiming to be 5 m tall is drawn no larger than this
NEAR = 1.0  # viewports above and below the visible part that are drawn ahead
FAR = 3.0  # viewports away, a drawn page gives its image back


def page_sizes(document) -> list[tuple[float, float]]:
    """Database thread: every page's (width, height) in points, read while the document is
    loaded there."""
    return [(size.width(), size.height())
            for size in map(document.pagePointSize, range(document.pageCount()))]


def fitted(points: tuple[float, float], width: int) -> QSize:
    """A page of ``points`` drawn ``width`` pixels wide, at most ``MAX_SIDE`` a side."""
    w, h = max(points[0], 1.0), max(points[1], 1.0)
    scale = min(max(width, 1) / w, MAX_SIDE / w, MAX_SIDE / h)
    return QSize(max(1, round(w * scale)), max(1, round(h * scale)))


class PdfPages(QAbstractScrollArea):
    """The document's pages in one column; the scroll bar counts pixels of that column."""

    page_shown = Signal(int, int)  # the page being read (from 1), of how many

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Always there: a scroll bar appearing once the pages are laid out would narrow the
        # viewport under them. Pages are fitted to the width, so none is needed across.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Dark)
        self.viewport().setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Page Up/Down and the arrows scroll
        self._renderer: QPdfPageRenderer | None = None
        self._document = None
        self._sizes: list[tuple[float, float]] = []
        self._fitted: list[QSize] = []  # each page's size in pixels at the current width
        self._tops: list[int] = []  # each page's top in the column
        self._height = 0  # the column's height
        self._images: dict[int, QPixmap] = {}  # the pages drawn now
        self._wanted: dict[int, QSize] = {}  # page -> the pixel size asked of the render thread
        self._width = 0
        self._anchor = (0, 0.0)  # the page being read and where in it the view's middle is
        self._clamping = False  # the scroll bar's range is being set: its moves are no reader's
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(80)  # a window being resized draws once it rests
        self._relayout.timeout.connect(self._lay_out)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    def document(self):
        return self._document

    def set_document(self, document, sizes: list[tuple[float, float]]) -> None:
        """Show ``document`` (loaded, and moved to this thread) from its top; the view owns it
        from now on.

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
        self._width = 0
        self._anchor = (0, 0.0)
        self._lay_out()
        self.verticalScrollBar().setValue(0)
        self._tell_page()

    def drawn_pages(self) -> set[int]:
        """The pages (from 0) whose image is shown now."""
        return set(self._images)

    def page_rect(self, page: int) -> QRect:
        """Where ``page`` stands in the column, in pixels (the column's top is 0)."""
        size = self._fitted[page]
        left = GAP + max(0, (self._page_width() - size.width()) // 2)
        return QRect(left, self._tops[page], size.width(), size.height())

    def page_image(self, page: int) -> QPixmap:
        """The page's drawing as shown, or a null pixmap while it is not drawn."""
        return self._images.get(page, QPixmap())

    def page_in_view(self) -> int:
        """The page at the middle of the view (from 0): the one being read."""
        middle = self.verticalScrollBar().value() + self.viewport().height() // 2
        return max(0, bisect_right(self._tops, middle) - 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._sizes:
            self._set_range()
            self._relayout.start()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Home and End (with or without Ctrl): the first and the last page."""
        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home:
            bar.setValue(bar.minimum())
        elif event.key() == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        else:
            super().keyPressEvent(event)

    def _page_width(self) -> int:
        return max(50, self.viewport().width() - 2 * GAP)

    def _lay_out(self) -> None:
        """Fit the pages to the view's width, keeping the page being read in the middle."""
        width = self._page_width()
        if width == self._width:
            self._keep_anchor()
            self._draw_near()
            return
        self._width = width
        self._wanted.clear()  # drawings asked for at the old width are not shown when they come
        self._images.clear()
        by_size = {points: fitted(points, width) for points in set(self._sizes)}  # a scan has one or two
        self._fitted = [by_size[points] for points in self._sizes]
        heights = [size.height() + GAP for size in self._fitted]
        self._tops = [GAP + top for top in accumulate(heights, initial=0)][:-1]
        self._height = GAP + sum(heights)
        self._set_range()
        self._keep_anchor()
        self.viewport().update()
        self._draw_near()

    def _remember(self) -> None:
        if self._tops:
            middle = self.verticalScrollBar().value() + self.viewport().height() // 2
            page = self.page_in_view()
            self._anchor = (page, min(1.0, max(0.0, (middle - self._tops[page]) / (self._fitted[page].height() + GAP))))

    def _keep_anchor(self) -> None:
        """Scroll so that the remembered page, at the same place in it, is at the middle again."""
        if not self._tops:
            return
        page, fraction = self._anchor
        page = min(page, len(self._tops) - 1)
        middle = self._tops[page] + fraction * (self._fitted[page].height() + GAP)
        self.verticalScrollBar().setValue(round(middle) - self.viewport().height() // 2)
        self._tell_page()

    def _set_range(self) -> None:
        bar = self.verticalScrollBar()
        page = max(1, self.viewport().height())
        self._clamping = True  # a shorter range moves the value: not the page being read
        try:
            bar.setRange(0, min(max(0, self._height - page), 2**31 - 1))
        finally:
            self._clamping = False
        bar.setPageStep(page)
        bar.setSingleStep(48)

    def _scrolled(self, _value: int) -> None:
        if not self._clamping:  # the reader's scroll (keys, wheel, bar), also while a resize waits
            self._remember()
        self.viewport().update()
        self._draw_near()
        self._tell_page()

    def _tell_page(self) -> None:
        if self._sizes:
            page, pages = self.page_in_view() + 1, len(self._sizes)
            self.setAccessibleDescription(f"Blad {page} van {pages}")
            self.page_shown.emit(page, pages)

    def _visible(self, above: float, below: float) -> range:
        """The pages within ``above`` viewports above and ``below`` under the visible part."""
        top = self.verticalScrollBar().value()
        height = max(1, self.viewport().height())
        first = max(0, bisect_right(self._tops, top - above * height) - 1)
        last = bisect_right(self._tops, top + (1 + below) * height)
        return range(first, min(last, len(self._tops)))

    def _draw_near(self) -> None:
        if self._renderer is None or not self._tops:
            return
        ratio = self.devicePixelRatioF()
        for page in self._visible(NEAR, NEAR):
            if page not in self._wanted:
                size = self._fitted[page] * ratio
                size = QSize(min(size.width(), MAX_SIDE), min(size.height(), MAX_SIDE))
                self._wanted[page] = size
                self._renderer.requestPage(page, size)
        keep = set(self._visible(FAR, FAR))
        for page in [p for p in self._wanted if p not in keep]:
            del self._wanted[page]  # far out of view: the image is given back
            self._images.pop(page, None)

    def _rendered(self, page: int, size: QSize, image, _options, _request) -> None:
        if self._wanted.get(page) != size or image.isNull():
            return  # asked for at another width, or given back meanwhile
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self._images[page] = pixmap
        self.viewport().update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self.viewport())
        try:
            top = self.verticalScrollBar().value()
            paper = self.palette().color(QPalette.ColorRole.Base)
            for page in self._visible(0, 0):
                rect = self.page_rect(page).translated(0, -top)
                painter.fillRect(rect, paper)  # pdfium draws on a transparent page
                image = self._images.get(page)
                if image is not None:
                    painter.drawPixmap(rect, image)
        finally:
            painter.end()
