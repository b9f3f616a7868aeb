"""Breaker round 6: the attachment viewer's pages (ui.pdf_pages) and the medical windows of the
UWV forms (ui.medical_windows)."""

from __future__ import annotations

import pytest

from tests.ui.test_pdf_pages import _pdf, _shown

pytestmark = pytest.mark.gui


def _document(data: bytes):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def test_a_short_pdf_after_a_long_one_has_its_first_page_drawn(qtbot):
    """Switching from a 30-page attachment to a 2-page one: the old pages only go later
    (deleteLater), so when the new pages are first placed they stand below the 30 old ones; the
    first page must still be drawn once the old ones are gone, without the user scrolling."""
    from ui.pdf_pages import page_sizes

    view = _shown(qtbot, _pdf(30))
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=10000)
    short = _document(_pdf(2))
    view.set_document(short, page_sizes(short))
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=5000)
    assert not view.page_image(0).isNull()


def test_a_pdf_switched_while_scrolled_down_draws_its_first_page(qtbot):
    """Scrolled to the end of a 30-page attachment, then another 30-page one is chosen: the new
    document's top is drawn (or the view goes back to the top and draws it)."""
    from ui.pdf_pages import page_sizes

    view = _shown(qtbot, _pdf(30))
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=10000)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: 29 in view.drawn_pages(), timeout=10000)
    other = _document(_pdf(30))
    view.set_document(other, page_sizes(other))
    top = bar.value()
    qtbot.waitUntil(lambda: any(view.page_rect(p).y() + view.page_rect(p).height() >= top
                                and p in view.drawn_pages() for p in range(30)), timeout=5000)


def test_a_view_deleted_right_after_a_document_is_set_raises_nothing(qtbot):
    """The view (with its dialog or dossier) deleted just after a PDF is shown: ``_lay_out``
    schedules ``QTimer.singleShot(0, self._draw_near)`` with no receiver object, so the bound
    method still runs after the C++ PdfPages is gone and raises
    "Internal C++ object (PdfPages) already deleted" in the event loop."""
    from PySide6.QtWidgets import QApplication
    from shiboken6 import delete

    from ui.pdf_pages import PdfPages, page_sizes

    view = PdfPages()
    view.resize(700, 600)
    view.show()
    document = _document(_pdf(5))
    view.set_document(document, page_sizes(document))
    delete(view)
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)


def test_a_resize_storm_while_switching_documents_raises_nothing(qtbot):
    from ui.pdf_pages import page_sizes

    view = _shown(qtbot, _pdf(10))
    for i in range(30):
        view.resize(400 + 20 * i, 300 + 10 * i)
        if i % 5 == 0:
            document = _document(_pdf(1 + i % 7))
            view.set_document(document, page_sizes(document))
        qtbot.wait(5)
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=10000)


def test_a_page_of_size_zero_is_drawn_or_left_empty_without_error(qtbot):
    view = _shown(qtbot, _pdf(2, size=(0, 0)))
    qtbot.wait(500)
    assert view.page_rect(0).width() >= 1


# --- 2. the UWV forms at the medical lock -----------------------------------------------------

from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.attacks.test_issue15_round5 import _unlocked_main  # noqa: E402
from tests.helpers.practices import ARTS  # noqa: E402
from tests.ui import conftest as ui_fixtures  # noqa: E402
from tests.ui.lock_helpers import (  # noqa: E402
    MARKER,
    OfferAnswerer,
    dossier_with_a_fresh_case,
    idle_clock,
    idle_until_the_medical_lock,
    visible_text,
)

collect_on_the_gui_thread = ui_fixtures.collect_on_the_gui_thread
controller = ui_fixtures.controller
recorded_messages = ui_fixtures.recorded_messages
WAIT = 15000



def test_a_problem_analysis_written_without_visiting_the_medisch_tab_survives_the_idle_lock(
        qtbot, controller, recorded_messages):
    """The physician opens the dossier, goes straight to UWV-documenten from the cases and writes
    the problem analysis's medical part; the Medisch tab of this dossier was never looked at
    (not built, or built but its content not: ``show_locked`` seals only when ``not is_locked``,
    and ``DossierWindow.medical_locked`` skips a tab not built). Nobody seals the form, so
    ``medical_windows.close_all`` calls its ``reject()``: a dirty ReleaseFormDialog then asks
    "Wilt u ze opslaan?" (a nested exec() inside the lock, default button Opslaan) and on Cancel
    or no answer the form stays ON SCREEN with the medical text after the medical lock.
    Expected: sealed as a draft and held, no question asked, offered back after the unlock."""
    log, _answers = recorded_messages
    main = _unlocked_main(qtbot, controller)
    _employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    dialog = window.uwv_documents()
    dialog.buttons["problem_analysis"].click()
    form = dialog.last_form
    qtbot.waitUntil(form.isVisible, timeout=WAIT)
    form.form.set_value("medical", MARKER)
    idle_until_the_medical_lock(controller, idle_clock(controller))
    QApplication.processEvents()
    assert not controller.ctx.session.medical_unlocked
    assert not [m for m in log if m[0] == "ask"], log  # no save question from inside the lock
    assert not form.isVisible(), [(type(w).__name__, w.windowTitle()) for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert MARKER not in visible_text()
    answerer = OfferAnswerer("Verder werken")
    try:
        tab = window.medical
        tabs = window.tabs
        tabs.setCurrentIndex(tabs.indexOf(tab))
        tab.passphrase.set_value("passphrase", ARTS.medical_passphrase)
        tab.unlock_button.click()
        qtbot.waitUntil(lambda: not tab.is_locked, timeout=WAIT)
        qtbot.waitUntil(form.isVisible, timeout=5000)
    finally:
        answerer.stop()
    assert form.form.value("medical") == MARKER
