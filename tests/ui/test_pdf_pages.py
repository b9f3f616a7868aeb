"""The attachment viewer's pages (ui.pdf_pages), driven with real PDFs in an offscreen window:
pages drawn as they come into view, given back far out of it, and a page that claims an absurd
size drawn no larger than the cap."""

import io

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument

pytestmark = pytest.mark.gui


def _pdf(pages: int, size=(595, 842)) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=size)
    for page in range(pages):
        pdf.setFont("Helvetica", 40)
        pdf.drawString(40, size[1] - 80, f"Blad {page + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _shown(qtbot, data: bytes, width=700, height=600):
    from ui.pdf_pages import PdfPages, page_sizes

    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    view = PdfPages()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    view.set_document(document, page_sizes(document))
    return view


def test_the_first_pages_are_drawn_and_the_rest_wait_until_scrolled_to(qtbot):
    view = _shown(qtbot, _pdf(30))
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=10000)
    assert 29 not in view.drawn_pages()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: 29 in view.drawn_pages(), timeout=10000)
    assert 0 not in view.drawn_pages()  # far out of view: its image is given back
    assert view.page_image(0).isNull()


def test_pages_fill_the_width_and_follow_a_resize(qtbot):
    view = _shown(qtbot, _pdf(2), width=700)
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=10000)
    narrow = view.page_image(0).width()
    assert abs(narrow - (view.viewport().width() - 24)) <= 2
    view.resize(1100, 600)
    qtbot.waitUntil(lambda: view.page_rect(0).width() > narrow + 300, timeout=10000)
    qtbot.waitUntil(lambda: view.page_image(0).width() == view.page_rect(0).width(), timeout=10000)


def test_a_page_claiming_an_absurd_size_is_drawn_within_the_cap(qtbot):
    from ui.pdf_pages import MAX_SIDE

    view = _shown(qtbot, _pdf(1, size=(200, 14000)))  # a 5 m tall page
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=10000)
    pixmap = view.page_image(0)
    assert pixmap.height() <= MAX_SIDE
    assert pixmap.width() >= 1


@pytest.mark.parametrize("sizes", [(), (0,), (1,), ((1 << 20) - 1, 1 << 20, 17)])
def test_the_attachment_is_copied_into_its_buffer_whole(sizes):
    import os

    from ui.viewer import _joined

    pieces = tuple(os.urandom(n) for n in sizes)
    assert bytes(_joined(pieces).data()) == b"".join(pieces)


def _loaded(data: bytes, load) -> tuple:
    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    load(document, buffer)
    from ui.pdf_pages import page_sizes

    return document.status(), document.pageCount(), page_sizes(document)


@pytest.mark.parametrize("data", [_pdf(3), _pdf(1, size=(200, 14000)), b"%PDF-1.4\n% only a header\n", b""],
                         ids=["three pages", "a tall page", "damaged", "empty"])
def test_a_pdf_loaded_without_pythons_lock_is_the_same_document_as_with_it(data):
    from ui import unlocked_calls

    assert _loaded(data, unlocked_calls.load_pdf) == _loaded(data, lambda d, device: d.load(device))


def test_the_lock_free_load_is_found_where_it_is_known():
    import sys

    from ui import unlocked_calls

    if sys.platform not in unlocked_calls._NATIVE:
        pytest.skip("no native name known for this platform")
    assert unlocked_calls.native("load_pdf") is not None
    assert unlocked_calls.native("read_image") is not None


def test_where_the_native_function_is_not_found_the_pyside_call_loads(monkeypatch):
    import sys

    from ui import unlocked_calls

    monkeypatch.setitem(unlocked_calls._NATIVE, sys.platform, {"load_pdf": ("libQt6Pdf.so.6", "no_such_function")})
    unlocked_calls.native.cache_clear()
    try:
        assert unlocked_calls.native("load_pdf") is None
        status, pages, _sizes = _loaded(_pdf(2), unlocked_calls.load_pdf)
    finally:
        unlocked_calls.native.cache_clear()
    assert (status, pages) == (QPdfDocument.Status.Ready, 2)


def test_the_last_of_three_thousand_tall_pages_can_be_scrolled_to_and_is_drawn(qtbot):
    """3,000 pages each drawn 6,000 px tall make an 18-million-pixel column, past the height any
    Qt widget can have (16,777,215): the view still reaches the last page and draws it."""
    view = _shown(qtbot, _pdf(3000, size=(200, 14000)))
    last = view.page_rect(2999)
    assert last.bottom() > 16_777_215
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert view.page_in_view() >= 2998
    qtbot.waitUntil(lambda: 2999 in view.drawn_pages(), timeout=10000)
    assert view.drawn_pages() <= set(range(2990, 3000))  # the first pages gave their image back


def test_the_pages_in_sight_are_painted_with_their_drawing(qtbot):
    """What the user sees: the viewport shows the first page's text (dark pixels on white)."""
    view = _shown(qtbot, _pdf(3))
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=10000)
    qtbot.wait(50)
    shot = view.viewport().grab().toImage()
    rect = view.page_rect(0)
    paper = shot.pixelColor(rect.left() + 5, rect.top() + 5)
    assert paper.lightness() > 240
    dark = sum(1 for x in range(rect.left(), rect.right(), 2) for y in range(rect.top(), rect.top() + 150, 2)
               if shot.pixelColor(x, y).lightness() < 128)
    assert dark > 20


def test_page_down_and_the_wheel_scroll_the_pages(qtbot):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view = _shown(qtbot, _pdf(5))
    bar = view.verticalScrollBar()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert bar.value() == bar.pageStep()
    at = QPointF(100, 100)
    wheel = QWheelEvent(at, view.viewport().mapToGlobal(at), QPoint(), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert bar.value() > bar.pageStep()


def test_the_page_being_read_stays_in_view_through_narrowing_and_a_lower_window(qtbot):
    """Halfway down page 40 of 120: narrowed, then made lower, the view still shows page 40 with
    its middle at the same place in it, and the page number says so."""
    view = _shown(qtbot, _pdf(120), width=900, height=700)
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=15000)
    rect = view.page_rect(39)
    view.verticalScrollBar().setValue(rect.center().y() - view.viewport().height() // 2)
    told = []
    view.page_shown.connect(lambda page, pages: told.append((page, pages)))
    view.resize(500, 700)
    qtbot.waitUntil(lambda: view.page_rect(0).width() < rect.width() - 300, timeout=15000)
    assert view.page_in_view() == 39
    middle = view.verticalScrollBar().value() + view.viewport().height() // 2
    new = view.page_rect(39)
    assert abs(middle - new.center().y()) <= new.height() // 20
    view.resize(500, 400)
    qtbot.waitUntil(lambda: view.viewport().height() < 450, timeout=15000)
    qtbot.wait(200)
    assert view.page_in_view() == 39
    assert told[-1] == (40, 120)
    assert view.accessibleDescription() == "Blad 40 van 120"


def test_the_last_page_stays_in_view_when_the_window_is_narrowed_at_the_end(qtbot):
    """At the end of the file the narrower column is shorter: the scroll bar's range shrinks
    under the value, and that clamp must not be taken for the reader's scroll."""
    from PySide6.QtCore import Qt

    view = _shown(qtbot, _pdf(30), width=900, height=700)
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=15000)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.page_in_view() == 29
    wide = view.page_rect(0).width()
    view.resize(450, 700)
    qtbot.waitUntil(lambda: view.page_rect(0).width() < wide - 300, timeout=15000)
    assert view.page_in_view() == 29
    assert view.accessibleDescription() == "Blad 30 van 30"
