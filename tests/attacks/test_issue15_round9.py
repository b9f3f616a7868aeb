"""Breaker round 9: the letter dialog at the locks, the lock keys in modal windows, the PDF
view's resize anchor, the viewer's turned photos. A test that fails names the problem in its
docstring; the others ("holds") are attacks the code withstands."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from tests.attacks.test_issue15_round7 import _attachments_dialog, _image, _picture
from tests.attacks.test_issue15_round8 import _with_orientation
from tests.helpers.practices import ARTS
from tests.ui import conftest as ui_fixtures
from tests.ui.lock_helpers import MARKER, OfferAnswerer, unlock_tab, visible_text

pytestmark = pytest.mark.gui
collect_on_the_gui_thread = ui_fixtures.collect_on_the_gui_thread
controller = ui_fixtures.controller
recorded_messages = ui_fixtures.recorded_messages
WAIT = 15000
TYPED = "Graag op de tweede verdieping melden, lift links. tekst-90551"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _windows():
    return [(type(w).__name__, w.windowTitle()) for w in QApplication.topLevelWidgets() if w.isVisible()]


def _letter(qtbot, main, employee_id):
    from tests.attacks.test_issue15_round7 import _letter_dialog

    return _letter_dialog(qtbot, main, employee_id)


def _choose(qtbot, dialog, key):
    dialog.template_box.setCurrentIndex(dialog.template_box.findData(key))
    assert dialog.template_box.currentData() == key


def _press(widget, key, modifiers):
    """As the keyboard does: to the window the system hands the key to."""
    widget.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(widget.window().windowHandle(), key, modifiers)
    QApplication.processEvents()


def _physician_with_unlocked_dossier(qtbot, controller):
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, ARTS)
    employee_id = main.employees_model.rows[0].id
    window = main.open_dossier(employee_id)
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=WAIT)
    unlock_tab(qtbot, window.medical, ARTS.medical_passphrase)
    return main, employee_id, window


def test_holds_medical_then_general_letter_survives_ctrl_shift_l_typed_in_the_dialog(qtbot, controller):
    """Holds? The physician starts a medical letter (request to the treating physician, types a
    question), switches to the general letter and types; Ctrl+Shift+L pressed in the (window-
    modal) letter dialog locks the medical part; the general letter stays with its text, the
    medical question is on no screen."""
    from desktop_app.domain.letter_defaults import GENERAL, INFO_REQUEST

    main, employee_id, _window = _physician_with_unlocked_dossier(qtbot, controller)
    _w, dialog = _letter(qtbot, main, employee_id)
    _choose(qtbot, dialog, INFO_REQUEST)
    qtbot.waitUntil(lambda: dialog.form is not None, timeout=WAIT)
    dialog.form.set_value("brief.vraag", MARKER)
    _choose(qtbot, dialog, GENERAL)
    qtbot.waitUntil(lambda: dialog.form is not None and "brief.tekst" in dialog.form.widgets, timeout=WAIT)
    dialog.form.set_value("brief.tekst", TYPED)
    qtbot.waitUntil(main.lock_medical_action.isEnabled, timeout=WAIT)
    _press(dialog.form.widgets["brief.tekst"], Qt.Key.Key_L, CTRL_SHIFT)
    assert not controller.ctx.session.medical_unlocked, "Ctrl+Shift+L in the letter dialog did nothing"
    assert isValid(dialog) and dialog.isVisible(), f"the general letter vanished: {_windows()}"
    assert dialog.form.value("brief.tekst") == TYPED
    assert MARKER not in visible_text()


def test_holds_a_medical_letter_sealed_by_ctrl_l_in_the_dialog_comes_back_after_unlock(qtbot, controller):
    """Holds? A medical letter (question typed) and Ctrl+L pressed in the letter dialog: the
    question is off the screen, also after the login until the Medisch tab is unlocked; then
    "Verder werken" brings the letter back with the question."""
    from desktop_app.domain.letter_defaults import INFO_REQUEST
    from tests.ui.conftest import log_in

    main, employee_id, window = _physician_with_unlocked_dossier(qtbot, controller)
    _w, dialog = _letter(qtbot, main, employee_id)
    _choose(qtbot, dialog, INFO_REQUEST)
    qtbot.waitUntil(lambda: dialog.form is not None, timeout=WAIT)
    dialog.form.set_value("brief.vraag", MARKER)
    _press(dialog.form.widgets["brief.vraag"], Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(), timeout=WAIT)
    assert MARKER not in visible_text()
    log_in(qtbot, controller, ARTS)
    qtbot.wait(200)
    assert MARKER not in visible_text(), "the medical question shows after the login, before the unlock"
    answerer = OfferAnswerer("Verder werken")
    try:
        unlock_tab(qtbot, window.medical, ARTS.medical_passphrase)
        qtbot.waitUntil(lambda: isValid(dialog) and dialog.isVisible() and dialog.form is not None
                        and dialog.form.value("brief.vraag") == MARKER, timeout=WAIT)
    finally:
        answerer.stop()
    assert dialog.property("arbokluis_medical"), "the medical letter back is no longer a medical window"


def test_holds_typing_an_l_and_ctrl_keys_in_a_modal_letter_field(qtbot, controller):
    """Holds? In the window-modal letter dialog, typing "Lillo L." (l, L, Shift) into the text
    types it; no lock."""
    from desktop_app.domain.letter_defaults import GENERAL

    main, employee_id, _window = _physician_with_unlocked_dossier(qtbot, controller)
    _w, dialog = _letter(qtbot, main, employee_id)
    _choose(qtbot, dialog, GENERAL)
    qtbot.waitUntil(lambda: dialog.form is not None, timeout=WAIT)
    field = dialog.form.widgets["brief.tekst"]
    field.setFocus()
    dialog.activateWindow()
    QApplication.processEvents()
    for ch in "Lillo L.":
        QTest.keyClick(dialog.windowHandle(), ch, Qt.KeyboardModifier.ShiftModifier if ch.isupper()
                       else Qt.KeyboardModifier.NoModifier)
    QApplication.processEvents()
    assert dialog.form.value("brief.tekst") == "Lillo L."
    assert controller.ctx.session.medical_unlocked and not controller.ctx.locked


def test_holds_lock_keys_work_in_a_modal_after_another_user_logged_in(qtbot, controller):
    """Holds? The case manager logs in, locks; the physician logs in (a new main window); the
    physician's Ctrl+Shift+L in the window-modal letter dialog locks the medical part."""
    from desktop_app.domain.letter_defaults import GENERAL
    from tests.helpers.practices import CASEMANAGER
    from tests.ui.conftest import log_in

    log_in(qtbot, controller, CASEMANAGER)
    controller.lock("handmatig")
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(), timeout=WAIT)
    controller.ctx.tasks.wait_idle(15)
    main, employee_id, _window = _physician_with_unlocked_dossier(qtbot, controller)
    _w, dialog = _letter(qtbot, main, employee_id)
    _choose(qtbot, dialog, GENERAL)
    qtbot.waitUntil(lambda: dialog.form is not None, timeout=WAIT)
    qtbot.waitUntil(main.lock_medical_action.isEnabled, timeout=WAIT)
    _press(dialog.form.widgets["brief.tekst"], Qt.Key.Key_L, CTRL_SHIFT)
    assert not controller.ctx.session.medical_unlocked


# --- the PDF view ------------------------------------------------------------------------


def test_end_pressed_right_after_a_resize_is_not_undone(qtbot):
    """Steps: a 50-page attachment is open in "Bijlagen"; the physician maximises the window
    (or it settles its size just after opening) and at once presses End (or Page Down, or turns
    the wheel) to get to the last page.

    The user sees: the view goes to the last page, and a moment later (80 ms, when the resize
    is laid out) jumps back to the page read before the resize; the key seems ignored, the
    reader is back at the start.

    Why it matters: a scroll the reader makes is undone by the program; on a slow machine the
    window goes on getting resize events while the user already reads.

    Likely cause: ui/pdf_pages.py _scrolled (~line 185): while the relayout timer is pending,
    no scroll is remembered ("a resize's clamping is no choice of the reader's"), so End's
    scroll is not either; the timer's _lay_out -> _keep_anchor (~line 168) then restores the
    anchor taken before the resize. Keys and the wheel (user input) should remember even then."""
    from tests.ui.test_pdf_pages import _pdf, _shown

    view = _shown(qtbot, _pdf(50), width=600, height=600)
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=WAIT)
    view.setFocus()
    view.resize(800, 700)
    QApplication.processEvents()
    bar = view.verticalScrollBar()
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    qtbot.waitUntil(lambda: not view._relayout.isActive(), timeout=WAIT)
    QApplication.processEvents()
    assert view.page_in_view() == 49, f"End was undone by the relayout: page {view.page_in_view() + 1} in view"


def test_holds_a_one_page_document_and_a_zero_height_view(qtbot):
    """Holds? One page, a view squeezed to no height and back: page 1 stays, nothing fails."""
    from tests.ui.test_pdf_pages import _pdf, _shown

    view = _shown(qtbot, _pdf(1), width=600, height=600)
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=WAIT)
    for w, h in ((600, 0), (10, 0), (600, 600)):
        view.resize(w, h)
        QApplication.processEvents()
        qtbot.waitUntil(lambda: not view._relayout.isActive(), timeout=WAIT)
    assert view.page_in_view() == 0


def test_holds_set_document_during_a_pending_relayout_starts_at_page_one(qtbot):
    """Holds? Read to page 30, resize, and a new document before the relayout: it starts at 1."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    from tests.ui.test_pdf_pages import _pdf, _shown
    from ui.pdf_pages import page_sizes

    view = _shown(qtbot, _pdf(40), width=600, height=600)
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=WAIT)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() * 3 // 4)
    view.resize(900, 600)
    document = QPdfDocument(view)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(_pdf(5)))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    view.set_document(document, page_sizes(document))
    qtbot.waitUntil(lambda: not view._relayout.isActive(), timeout=WAIT)
    QApplication.processEvents()
    assert view.page_in_view() == 0


# --- the viewer --------------------------------------------------------------------------


@pytest.mark.parametrize("orientation", [5, 7, 8])
def test_holds_photos_turned_any_way_keep_their_proportion(qtbot, controller, orientation):
    """Holds? EXIF orientations 5, 7, 8 (turned a quarter, some mirrored): 2000 x 1500 stored,
    shown upright 3:4."""
    photo = _with_orientation(_image(2000, 1500, "JPG", blocks=300, quality=85), orientation)
    _tab, dialog, ids, rows = _attachments_dialog(qtbot, controller, {"foto.jpg": photo})
    shown = _picture(qtbot, dialog, rows, ids["foto.jpg"])
    dialog.close()
    assert abs(shown.height() / shown.width() - 2000 / 1500) < 0.02, (shown.width(), shown.height())


def test_holds_a_general_letter_written_with_the_section_open_is_back_at_login_before_unlock(qtbot, controller):
    """Holds? The section is open; a general letter is typed (after a look at a medical template);
    Ctrl+L in the dialog; after the login (no unlock) the general letter is there with its text."""
    from desktop_app.domain.letter_defaults import GENERAL, INFO_REQUEST
    from tests.ui.conftest import log_in

    main, employee_id, _window = _physician_with_unlocked_dossier(qtbot, controller)
    _w, dialog = _letter(qtbot, main, employee_id)
    _choose(qtbot, dialog, INFO_REQUEST)
    qtbot.waitUntil(lambda: dialog.form is not None, timeout=WAIT)
    _choose(qtbot, dialog, GENERAL)
    qtbot.waitUntil(lambda: dialog.form is not None and "brief.tekst" in dialog.form.widgets, timeout=WAIT)
    dialog.form.set_value("brief.tekst", TYPED)
    _press(dialog.form.widgets["brief.tekst"], Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(), timeout=WAIT)
    assert TYPED not in visible_text()
    log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: isValid(dialog) and dialog.isVisible(), timeout=WAIT)
    assert dialog.form.value("brief.tekst") == TYPED
