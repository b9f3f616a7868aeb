"""Columns that show their contents: sized to them, but never so wide that the next columns are
pushed out of sight; a text that does not fit is elided and shown whole in its tooltip.

The width is measured on what is loaded; a longer text that comes in later (the next page of a
list) elides with the same tooltip, so nothing is cut without a way to read it.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QToolTip

MAX_SHARE = 0.45  # of the visible width, for any one column but the last
MIN_CAP = 160
MAX_LINES = 4  # a wrapped cell shows at most this many lines; the tooltip has the rest
PADDING = 14
# Rows a header measures to size a column to its contents: those on screen and some below, not
# Qt's default 1,000 (on the large practice, measuring those froze the window after login).
SIZE_FROM_ROWS = 60


def tip(text: str) -> str:
    """A tooltip showing ``text`` as typed: tooltips are rich text in Qt, so it is escaped."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def size_to_contents(view: QAbstractItemView) -> None:
    """As ``resizeColumnsToContents``. A paged list (``ui.models``) is measured here from its
    texts: Qt asks every cell for a size hint, each some eight calls into Python (about 20 ms
    for a page of the employee list); its rows are plain text in the view's font, so measuring
    the text itself gives the same widths."""
    from PySide6.QtWidgets import QStyle

    model = view.model()
    if not hasattr(model, "sample_texts") or view.wordWrap():
        view.resizeColumnsToContents()
        return
    header = view.horizontalHeader()
    font = view.font()
    metrics = QFontMetricsF(font)  # as Qt lays out a cell's text: a fraction rounds up
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    margin += 1 if getattr(view, "showGrid", lambda: False)() else 0
    for column in range(header.count()):
        texts = model.sample_texts(column, SIZE_FROM_ROWS)
        widest = max((_width(font, metrics, t) for t in texts if t), default=0)
        header.resizeSection(column, max(header.sectionSizeHint(column), widest + margin if widest else 0))


_SIMPLE = frozenset(map(chr, range(0x20, 0x250)))  # Latin: one advance per character, no shaping


def _width(font, metrics: QFontMetricsF, text: str) -> int:
    """A cell text's width as Qt's style measures it. Latin text: the sum of its advances.
    Other scripts (Arabic joins its letters, emoji sequences fall back to another font, mixed
    directions reorder) are laid out as the style does, in a text layout."""
    if _SIMPLE.issuperset(text):
        return math.ceil(metrics.horizontalAdvance(text))
    from PySide6.QtGui import QTextLayout

    layout = QTextLayout(text, font)
    layout.beginLayout()
    widest = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(1e6)
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return math.ceil(widest)


def fit_columns(view: QAbstractItemView, *, stretch_last: bool = False) -> None:
    """Size the columns to their contents, each at most a share of the view's width; the widest
    takes what is left and gives way when the view is narrower, so the others stay in sight.
    ``stretch_last``: the last column takes what is left, as in an empty list (the main window's
    lists, whose rows come and go while they show)."""
    from PySide6.QtWidgets import QHeaderView

    header = view.horizontalHeader()
    count = header.count()
    if not count:
        return
    header.setStretchLastSection(False)
    for column in range(count):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    size_to_contents(view)
    cap = max(MIN_CAP, int(max(view.viewport().width(), 600) * MAX_SHARE))
    widths = [min(header.sectionSize(c), cap) for c in range(count)]
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    # the widest column gives way; in an empty list (headers only) the last one, as Qt would
    widest = max(range(count), key=lambda c: widths[c]) if view.model().rowCount() and not stretch_last \
        else count - 1
    header.setSectionResizeMode(widest, QHeaderView.ResizeMode.Stretch)
    if hasattr(view, "resizeRowsToContents") and view.wordWrap():
        view.resizeRowsToContents()
        most = view.fontMetrics().lineSpacing() * MAX_LINES + 10
        for row in range(view.model().rowCount()):
            if view.rowHeight(row) > most:
                view.setRowHeight(row, most)


def is_cut(view: QAbstractItemView, index) -> bool:
    """Whether the text of ``index`` does not fit its cell as shown."""
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    if not text:
        return False
    rect = view.visualRect(index)
    metrics = view.fontMetrics()
    if not getattr(view, "wordWrap", lambda: False)():
        return "\n" in text or metrics.horizontalAdvance(text) + PADDING > rect.width()
    needed = metrics.boundingRect(0, 0, max(rect.width() - PADDING, 1), 100000,
                                  int(Qt.TextFlag.TextWordWrap), text).height()
    return needed > rect.height()


def tip_for(view: QAbstractItemView, index) -> str:
    """The tooltip of a cell: the whole text where it is cut, else nothing."""
    return tip(str(index.data(Qt.ItemDataRole.DisplayRole))) if is_cut(view, index) else ""


class ElidedTips(QStyledItemDelegate):
    """Shows a cut cell's whole text as its tooltip."""

    def helpEvent(self, event, view, option, index):  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            text = tip_for(view, index)
            if text:
                QToolTip.showText(event.globalPos(), text, view)
                return True
        return super().helpEvent(event, view, option, index)


def install(view: QAbstractItemView) -> None:
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setItemDelegate(ElidedTips(view))
