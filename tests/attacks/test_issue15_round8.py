"""Breaker round 8: the attachment viewer's image decoding (ui/viewer.py), and the letter
dialog as a medical form at the locks (ui/letter_dialog.py, ui/medical_windows.py,
ui/controller.py), reviewed at e383be3.

A test that fails on the code as reviewed names the problem in its docstring; the others
("holds") are attacks the code withstands."""

from __future__ import annotations

import struct

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from tests.attacks.test_issue15_round7 import _attachments_dialog, _image, _picture
from tests.helpers.practices import ARTS
from tests.ui import conftest as ui_fixtures
from tests.ui.lock_helpers import visible_text

pytestmark = pytest.mark.gui
collect_on_the_gui_thread = ui_fixtures.collect_on_the_gui_thread
controller = ui_fixtures.controller
recorded_messages = ui_fixtures.recorded_messages
WAIT = 15000
TYPED = "Graag op de tweede verdieping melden, lift links. tekst-55821"


def _windows():
    return [(type(w).__name__, w.windowTitle()) for w in QApplication.topLevelWidgets() if w.isVisible()]


def _with_orientation(jpeg: bytes, orientation: int) -> bytes:
    """``jpeg`` with an EXIF APP1 segment saying how the camera was held (tag 0x0112)."""
    tiff = (b"MM\x00\x2a\x00\x00\x00\x08" + struct.pack(">H", 1)
            + struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0) + b"\x00\x00\x00\x00")
    payload = b"Exif\x00\x00" + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


# --- 1. images in "Bijlagen" ------------------------------------------------------------------


def test_a_portrait_phone_photo_is_shown_upright_and_in_proportion(qtbot, controller):
    """Steps: a phone held upright takes a photo of a specialist's letter; the camera stores
    it as 2000 x 1500 with EXIF orientation 6 ("turn 90 degrees"), as every phone does. The
    physician adds it and opens it in "Bijlagen".

    The user sees: a squashed, landscape-shaped picture (933 x 700 for a ~700 px view: the
    letter's text is flattened to 3/4 of its width and stretched sideways) instead of the
    upright page (700 x 933).

    Why it matters: phone photos of letters are the most common image attachment; they are
    unreadable distorted, and the commit says "turned as the camera says".

    Likely cause: ui/viewer.py _image (~line 84-87): the size is transposed for the rotation and
    then given to ``QImageReader.setScaledSize``, but Qt applies the scaled size to the image as
    stored, BEFORE the auto-transform turns it: the stored 2000 x 1500 is scaled to 700 x 933
    (distorted) and then turned to 933 x 700. The scaled size must be given in the stored
    orientation (transpose it back) ."""
    photo = _with_orientation(_image(2000, 1500, "JPG", blocks=300, quality=85), 6)
    _tab, dialog, ids, rows = _attachments_dialog(qtbot, controller, {"brief-specialist.jpg": photo})
    shown = _picture(qtbot, dialog, rows, ids["brief-specialist.jpg"])
    dialog.close()
    ratio = shown.height() / shown.width()
    assert abs(ratio - 2000 / 1500) < 0.02, (
        f"the upright photo is shown {shown.width()} x {shown.height()} (height/width {ratio:.2f}, "
        f"should be {2000 / 1500:.2f})")


def test_a_large_jpeg_that_qt_decodes_scaled_is_not_refused_as_too_large(qtbot, controller):
    """Steps: a 67-megapixel JPEG (8,200 x 8,200; a 64 MP or 108 MP phone in full-resolution
    mode, or a high-resolution scan saved as JPEG; this file is under 1 MB) is added and opened
    in "Bijlagen".

    The user sees: "Deze afbeelding is te groot om hier te tonen (8.200 x 8.200 beeldpunten)"
    although the viewer scales a JPEG to the window's width WHILE decoding, and Qt decodes this
    one scaled without complaint (QImageReader with setScaledSize gives 700 x 700; only the
    unscaled decode passes Qt's 256 MB limit).

    Why it matters: the physician cannot read a perfectly good photo in the program, and is
    told the file is too large when it is not.

    Likely cause: ui/viewer.py _image (~line 89): the allocation-limit check uses the full
    stored size (width * height * 4) even where a scaled size was set for a format that
    decodes scaled (JPEG); it should check the size that will be allocated."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage

    image = QImage(8200, 8200, QImage.Format.Format_Grayscale8)
    image.fill(128)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPG", 80)
    del image
    _tab, dialog, ids, rows = _attachments_dialog(qtbot, controller, {"foto-108mp.jpg": bytes(data)})
    dialog.list.setCurrentRow(-1)
    dialog.list.setCurrentRow(rows.index(ids["foto-108mp.jpg"]))
    qtbot.waitUntil(lambda: not dialog.image.pixmap().isNull() or bool(dialog.image.text()), timeout=WAIT)
    text, pixmap = dialog.image.text(), dialog.image.pixmap()
    dialog.close()
    assert "te groot" not in text, f"a JPEG Qt decodes scaled was refused: {text!r}"
    assert not pixmap.isNull()


# --- 2. the letter dialog, a "medical form", at the locks ------------------------------------


def _general_letter(qtbot, main, employee_id):
    from tests.attacks.test_issue15_round7 import _letter_dialog

    dossier, dialog = _letter_dialog(qtbot, main, employee_id)
    dialog.template_box.setCurrentIndex(dialog.template_box.findData("algemene_brief"))
    qtbot.waitUntil(lambda: dialog.form is not None, timeout=WAIT)
    dialog.form.set_value("brief.tekst", TYPED)
    return dossier, dialog


def test_a_case_managers_letter_being_written_comes_back_after_ctrl_l(qtbot, controller):
    """Steps: the case manager (no medical access) writes a general letter to the employee
    ("Brief maken…", template "Brief", types the text) and presses Ctrl+L (or the screen
    saver / idle lock fires). They log in again.

    The user sees: the letter dialog is gone, and with it the typed text, without a word. Before
    e383be3/2951c01 the full lock held the dialog behind the curtain and showed it again after
    the login (as every other open window).

    Why it matters: the case manager's ordinary, NON-medical work is destroyed by a lock that is
    only meant to keep the medical section closed; they have no Medisch tab that could seal it
    and no medical section to keep a draft in.

    Likely cause: ui/letter_dialog.py:45 marks every LetterDialog medical
    (``medical_windows.mark(self, employee_id)``) whatever the template and whoever the user,
    and ui/controller.py:222-224 (``Controller.lock``) now calls ``medical_windows.close_all()``,
    which ``done(Rejected)``s every marked dialog the Medisch tab did not seal and hold
    (ui/medical_windows.py:44-50) - for a case manager, none is."""
    from tests.helpers.practices import CASEMANAGER
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, CASEMANAGER)
    employee_id = main.employees_model.rows[0].id
    _dossier, dialog = _general_letter(qtbot, main, employee_id)
    controller.lock("handmatig")  # Ctrl+L
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(), timeout=WAIT)
    log_in(qtbot, controller, CASEMANAGER)
    qtbot.wait(300)
    from shiboken6 import isValid

    assert isValid(dialog) and dialog.isVisible(), f"the letter being written is gone: {_windows()}"
    assert dialog.form.value("brief.tekst") == TYPED


def test_an_invitation_from_the_agenda_survives_the_medical_lock_button(qtbot, controller):
    """Steps: the physician plans an appointment from the dossier, closes the dossier, opens
    the agenda, chooses the appointment and "Uitnodiging…" (a NON-medical letter: it is kept in
    the dossier, not the medical section), changes the place text, and then - someone comes to
    the desk - presses "Medisch vergrendelen" (Ctrl+Shift+L).

    The user sees: the invitation dialog disappears with what was typed. No dossier of that
    employee is open, so no Medisch tab seals it; nothing is offered back after the unlock.

    Why it matters: the medical lock is meant to close the medical part, "de rest van het
    programma blijft open" (the action's tooltip); an invitation is not medical, and the
    physician's typing is lost without a word.

    Likely cause: ui/letter_dialog.py:45 marks the dialog medical for any template; at the lock
    ui/dossier.py:538 only seals forms of employees whose dossier is open, and
    ui/medical_windows.close_all (ui/medical_windows.py:44-50) rejects the rest."""
    from datetime import date, timedelta

    from desktop_app.domain.dates import nl_date
    from desktop_app.services import agenda
    from tests.ui.conftest import log_in
    from tests.ui.lock_helpers import unlock_tab

    main = log_in(qtbot, controller, ARTS)
    ctx = controller.ctx
    monday = date.today() + timedelta(days=7 - date.today().weekday())
    ctx.call(agenda.add_block, ctx.session.user.id, "practice", nl_date(monday), "09:00", "10:00", "20",
             nl_date(monday + timedelta(weeks=4)))
    employee_id = main.employees_model.rows[0].id
    window = main.open_dossier(employee_id)
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=WAIT)
    unlock_tab(qtbot, window.medical, ARTS.medical_passphrase)  # as the physician does
    plan = window.plan_dialog()
    qtbot.waitUntil(lambda: plan.slots != [], timeout=WAIT)
    slot = plan.chosen()
    plan.submit()
    qtbot.waitUntil(lambda: plan.booked is not None, timeout=WAIT)
    window.close()
    qtbot.waitUntil(lambda: employee_id not in main.dossiers, timeout=WAIT)
    hours = main.open_agenda()
    hours.day = slot.starts.date()
    hours.reload()
    qtbot.waitUntil(lambda: hours.shown == slot.starts.date(), timeout=WAIT)
    row = next(r for r, x in enumerate(hours.day_lines) if x.booking is not None)
    hours.day_table.selectRow(row)
    qtbot.mouseClick(hours.findChild(QPushButton, "agenda_invitation"), Qt.MouseButton.LeftButton)
    letter = hours.letter_dialog
    qtbot.waitUntil(lambda: letter.options is not None and letter.form is not None, timeout=WAIT)
    assert letter.template_box.currentData() == "uitnodiging_spreekuur"
    assert not letter.made
    values = letter.form.values()
    field = next(name for name, value in values.items() if "plaats" in name or "locatie" in name) \
        if any("plaats" in n or "locatie" in n for n in values) else next(iter(values))
    letter.form.set_value(field, TYPED)
    qtbot.waitUntil(main.lock_medical_action.isEnabled, timeout=WAIT)
    main.lock_medical_action.trigger()  # Ctrl+Shift+L
    QApplication.processEvents()
    assert not ctx.session.medical_unlocked
    from shiboken6 import isValid

    assert isValid(letter) and letter.isVisible(), (
        f"the invitation being written ({field!r} typed) vanished at the medical lock: {_windows()}")
    assert TYPED in visible_text()


# --- 3. "Medisch vergrendelen" (Ctrl+Shift+L) where the hurried physician presses it ----------


def test_ctrl_shift_l_in_the_attachment_viewer_locks_the_medical_part(qtbot, controller):
    """Steps: the physician has "Bijlagen bekijken…" open (a modal window over the dossier,
    showing a specialist's letter) when someone comes to the desk, and presses Ctrl+Shift+L -
    "in every window", says the commit and the tooltip.

    The user sees: nothing. The medical part stays unlocked and the attachment stays on screen
    in front of the visitor. (Ctrl+L does nothing there either - checked by hand with the same
    test - so the full lock is no way out; only the idle timer locks.)

    Why it matters: the attachment viewer, the "U was bezig met" box, and every form opened
    with exec() are modal; they are exactly where medical content is on screen, and the new
    action's purpose is to close it at once when someone comes to the desk.

    Likely cause: ui/main_window.py:94-100: the action belongs to the MainWindow with
    Qt.ApplicationShortcut; Qt does not match a shortcut whose widget is blocked by a modal
    window (QApplicationPrivate::tryModalHelper in the shortcut context matcher), so the key
    never reaches it while a modal dialog is active. The modal dialogs need the actions added
    to them (or the dialogs made non-modal, or an application-level event filter)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from desktop_app.services import attachments
    from tests.ui.lock_helpers import open_medical_tab
    from ui.viewer import AttachmentsDialog

    tab = open_medical_tab(qtbot, controller, ARTS)
    qtbot.waitUntil(controller.main.lock_medical_action.isEnabled, timeout=WAIT)
    controller.ctx.call(attachments.add_attachment, tab.employee_id, "brief-specialist.png",
                        _image(400, 300, "PNG", blocks=20))
    seen: dict[str, object] = {}

    def in_the_viewer() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, AttachmentsDialog) and w.isVisible()), None)
        if dialog is None or dialog.image.pixmap().isNull():
            QTimer.singleShot(50, in_the_viewer)
            return
        dialog.activateWindow()
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_L,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        QApplication.processEvents()
        seen["unlocked"] = controller.ctx.session.medical_unlocked
        seen["visible"] = dialog.isVisible()
        if dialog.isVisible():
            dialog.reject()  # end the test's modal loop

    QTimer.singleShot(50, in_the_viewer)
    button = next(b for b in tab.findChildren(QPushButton) if b.text() == "Bijlagen bekijken…")
    button.click()  # exec(): returns when the viewer closes
    assert seen, "the viewer never showed the attachment"
    assert seen["unlocked"] is False, "Ctrl+Shift+L in the attachment viewer did not lock the medical part"
    assert seen["visible"] is False, "the attachment stayed on screen after Ctrl+Shift+L"


# --- 4. migration 4 (attachments in pieces) and what it leaves --------------------------------

KEY = bytes(range(32))
PID = "00000000-0000-0000-0000-000000000000"


def _v3_section_with(path, rows):
    """A medical section at schema 3 (attachments as one value), with ``rows``:
    (employee_id, data) each; returns the ids."""
    import hashlib

    from desktop_app.storage.sections import MEDICAL, open_section

    db = open_section(MEDICAL, path, KEY, PID, create=True, target_version=3)
    ids = []
    for employee_id, data in rows:
        cur = db.execute(
            "INSERT INTO attachments (employee_id, filename, mime, size, sha256, data, created_by, created_at) "
            "VALUES (?, 'scan.pdf', 'application/pdf', ?, ?, ?, 1, '2026-01-01T09:00:00')",
            (employee_id, len(data), hashlib.sha256(data).hexdigest(), data))
        ids.append(cur.lastrowid)
    db.close()
    return ids


def test_an_erased_employees_attachments_do_not_stay_in_the_copy_taken_for_migration_4(tmp_path):
    """Steps: an existing practice updates to this version; opening the medical section runs
    migration 4, which first takes an encrypted copy of the whole section as it was
    (``medical.db.v3.bak``, storage/migrations.copy_before_migration) - every attachment of
    every employee. Later an employee's retention term ends and their medical dossier is
    destroyed (services/erasure: the rows deleted, the file compacted).

    What remains: the employee's attachments (specialist letters, scans) in medical.db.v3.bak,
    beside medical.db, opened by the section's current key, indefinitely: nothing removes or
    erases a pre-migration copy once the migration succeeded (only a key rotation rekeys it).

    Why it matters: the destruction register says the data is destroyed (AVG art. 17, WGBO
    retention) while a full readable copy of it is in the practice folder, and in every backup
    that takes the folder. Migration 4 makes such a copy on every installation that has
    attachments.

    Likely cause: desktop_app/storage/migrations.py:82-89 (the copy is kept forever);
    desktop_app/services/erasure.py _compact/_finish (~162-205) compacts the live sections only
    and knows nothing of ``copies_of``."""
    from desktop_app.storage import compaction, medical_erasure
    from desktop_app.storage.migrations import copies_of
    from desktop_app.storage.sections import MEDICAL, open_section

    path = tmp_path / "medical.db"
    secret = b"%PDF-1.4 brief specialist erased-employee-31337 " * 1000
    _v3_section_with(path, [(7, secret), (8, b"%PDF-1.4 other employee")])
    db = open_section(MEDICAL, path, KEY, PID)  # migration 4 runs, after its copy
    assert copies_of(path), "no pre-migration copy was taken"
    with db.transaction():
        medical_erasure.delete_employee(db, 7)
    compaction.owe(db)
    compaction.compact(db)
    assert not db.query("SELECT 1 FROM attachments WHERE employee_id = 7")
    db.close()
    left = {}
    for copy in copies_of(path):
        old = open_section(MEDICAL, copy, KEY, PID, target_version=3)
        left[copy.name] = old.query("SELECT count(*) FROM attachments WHERE employee_id = 7")[0][0]
        old.close()
    assert not any(left.values()), f"the erased employee's attachments are still in {left}"


def test_holds_exact_piece_sized_attachments_survive_migration_4(tmp_path):
    """Holds? Attachments of exactly 1 MiB, one byte less and 3 MiB, kept as one value, are cut by
    migration 4 into pieces that join to the same bytes and pass the checksum and size check."""
    import hashlib

    from desktop_app.storage import attachments
    from desktop_app.storage.attachments import PIECE
    from desktop_app.storage.sections import MEDICAL, open_section

    path = tmp_path / "medical.db"
    datas = [b"w", b"x" * PIECE, b"y" * (PIECE - 1), b"z" * (3 * PIECE)]
    ids = _v3_section_with(path, [(1, d) for d in datas])
    db = open_section(MEDICAL, path, KEY, PID)
    for attachment_id, data in zip(ids, datas, strict=True):
        pieces = list(attachments.pieces(db, attachment_id))
        assert b"".join(pieces) == data
        assert sum(map(len, pieces)) == attachments.get(db, attachment_id).size
        assert hashlib.sha256(b"".join(pieces)).hexdigest() == attachments.get(db, attachment_id).sha256
    assert len(list(attachments.pieces(db, ids[1]))) == 1
    assert len(list(attachments.pieces(db, ids[3]))) == 3
    db.close()


def test_holds_a_migration_4_cut_off_leaves_version_3_and_runs_again(tmp_path):
    """Holds? Migration 4 failing halfway (here: the DROP COLUMN refused by a view that uses the
    column) rolls back to version 3 with the data as it was; removing the cause, the next open
    migrates."""
    from desktop_app.storage import attachments
    from desktop_app.storage.migrations import schema_version
    from desktop_app.storage.sections import MEDICAL, open_section

    path = tmp_path / "medical.db"
    [attachment_id] = _v3_section_with(path, [(1, b"%PDF-1.4 " * 300_000)])
    db = open_section(MEDICAL, path, KEY, PID, target_version=3)
    db.execute("CREATE VIEW blocker AS SELECT data FROM attachments")
    db.close()
    with pytest.raises(Exception):  # noqa: B017
        open_section(MEDICAL, path, KEY, PID)
    db = open_section(MEDICAL, path, KEY, PID, target_version=3)
    assert schema_version(db) == 3
    assert len(db.query("SELECT data FROM attachments")[0][0]) == 2_700_000
    db.execute("DROP VIEW blocker")
    db.close()
    db = open_section(MEDICAL, path, KEY, PID)
    assert b"".join(attachments.pieces(db, attachment_id)) == b"%PDF-1.4 " * 300_000
    db.close()


# --- 5. the PDF page view (ui/pdf_pages.py) ---------------------------------------------------


def test_the_page_being_read_stays_in_view_when_the_window_is_widened(qtbot):
    """Steps: the physician reads page 150 of a 300-page specialist's file in "Bijlagen"
    ("Blad 150 van 300" under it), then maximises the window (or drags it wider) to read the
    small print.

    The user sees: the view jumps to another page ("Blad 7x van 300"), somewhere before the
    page they were reading; they have to find their place again. Narrowing the window jumps
    the other way. Every resize, or a screen change, does it.

    Why it matters: reading a long scanned dossier is the viewer's job; losing the place on a
    resize is what PDF readers avoid, and the new view lays out the column itself.

    Likely cause: ui/pdf_pages.py _lay_out (~line 133-148): the pages' tops are recomputed for the
    new width but the scroll bar keeps its value in pixels of the old column; the page in view
    (and its offset in it) should be carried over to the new layout."""
    from tests.ui.test_pdf_pages import _pdf, _shown

    view = _shown(qtbot, _pdf(300), width=600, height=600)
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=WAIT)
    bar = view.verticalScrollBar()
    bar.setValue(view.page_rect(149).top())
    assert view.page_in_view() == 149
    narrow = view.page_rect(0).width()
    view.resize(1200, 600)
    qtbot.waitUntil(lambda: view.page_rect(0).width() > narrow + 300, timeout=WAIT)
    qtbot.waitUntil(lambda: any(p in view.drawn_pages() for p in range(60, 160)), timeout=WAIT)
    assert view.page_in_view() == 149, f"after widening, Blad {view.page_in_view() + 1} is in view, not Blad 150"


def test_the_page_number_says_the_page_in_view_after_a_resize(qtbot):
    """Steps: as above, page 150 of 300 read, the window widened.

    The user sees: "Blad 150 van 300" under the view while another page (Blad 73) is shown: the
    page number is only told on a scroll (``_scrolled``), and widening the window keeps the
    scroll value, so no scroll is signalled.

    Likely cause: ui/pdf_pages.py _lay_out (~line 133-148) does not call ``_tell_page``."""
    from tests.ui.test_pdf_pages import _pdf, _shown

    view = _shown(qtbot, _pdf(300), width=600, height=600)
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=WAIT)
    view.verticalScrollBar().setValue(view.page_rect(149).top())
    narrow = view.page_rect(0).width()
    view.resize(1200, 600)
    qtbot.waitUntil(lambda: view.page_rect(0).width() > narrow + 300, timeout=WAIT)
    QApplication.processEvents()
    assert view.accessibleDescription() == f"Blad {view.page_in_view() + 1} van 300", (
        f"the page number says {view.accessibleDescription()!r}, Blad {view.page_in_view() + 1} is in view")


def test_holds_pages_of_mixed_and_zero_size_are_laid_out_without_overlap(qtbot):
    """Holds? A file mixing A4 portrait, A4 landscape, a 1 x 1 pt and a 14,400 x 1 pt page is
    laid out one below the other, none overlapping, each at most the view's width."""
    import io

    from reportlab.pdfgen import canvas

    from tests.ui.test_pdf_pages import _shown

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for size in ((595, 842), (842, 595), (1, 1), (14400, 1), (595, 842)):
        pdf.setPageSize(size)
        pdf.drawString(0, 0, "x")
        pdf.showPage()
    pdf.save()
    view = _shown(qtbot, out.getvalue(), width=700, height=600)
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=WAIT)
    rects = [view.page_rect(p) for p in range(5)]
    for above, below in zip(rects, rects[1:], strict=False):
        assert above.bottom() < below.top()
    assert all(1 <= r.width() <= view.viewport().width() for r in rects)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: 4 in view.drawn_pages(), timeout=WAIT)


def test_holds_a_document_switched_while_its_pages_render_then_the_view_deleted(qtbot):
    """Holds? Three documents set one after the other while the first's pages render, then the
    view deleted at once: no crash, and the last document's first page was what got drawn."""

    from tests.attacks.test_issue15_round6 import _document as loaded
    from tests.ui.test_pdf_pages import _pdf
    from ui.pdf_pages import PdfPages, page_sizes

    view = PdfPages()
    view.resize(700, 600)
    view.show()
    for n in (40, 3, 7):
        document = loaded(_pdf(n))
        view.set_document(document, page_sizes(document))
        QApplication.processEvents()
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=WAIT)
    assert view.document().pageCount() == 7
    view.deleteLater()
    qtbot.wait(50)


# --- 6. damaged and odd files through the unlocked decode (ui/unlocked_calls.py) --------------


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    import zlib

    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _png_header_only(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IEND", b"")


@pytest.mark.qt_log_ignore("Corrupt JPEG data")
def test_holds_odd_and_damaged_files_each_show_an_image_or_a_sentence(qtbot, controller):
    """Holds? Opened one after the other in "Bijlagen", on the database thread without Python's
    lock: a truncated PNG and JPEG, a PNG header over a JPEG, a 0 x 0 PNG, a PNG header
    claiming 100,000 x 100,000 px with no image data, a PDF header over garbage, a truncated PDF and a PDF with no pages.
    Each shows a picture or one of the viewer's sentences; nothing crashes, nothing hangs."""
    from ui.viewer import PROTECTED, TOO_LARGE, UNREADABLE

    png = _image(300, 200, "PNG", blocks=30)
    jpeg = _image(300, 200, "JPG", blocks=30)
    from tests.ui.test_pdf_pages import _pdf

    pdf = _pdf(3)
    files = {
        "kapot.png": png[: len(png) // 2],
        "kapot.jpg": jpeg[: len(jpeg) // 2],
        "vermomd.png": b"\x89PNG\r\n\x1a\n" + jpeg,
        "leeg.png": _png_header_only(0, 0),
        "reus.png": _png_header_only(100_000, 100_000),
        "onzin.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40,
        "half.pdf": pdf[: len(pdf) // 2],
        "geen-bladen.pdf": b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                           b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    }
    _tab, dialog, ids, rows = _attachments_dialog(qtbot, controller, files)
    sentences = {UNREADABLE, PROTECTED}
    shown = {}
    for name, attachment_id in ids.items():
        dialog.list.setCurrentRow(-1)
        dialog.image.clear()
        dialog.list.setCurrentRow(rows.index(attachment_id))
        qtbot.waitUntil(lambda: bool(dialog.image.text()) or not dialog.image.pixmap().isNull()
                        or dialog.stack.currentIndex() == 1, timeout=WAIT)
        controller.ctx.tasks.wait_idle(30)
        QApplication.processEvents()
        text = dialog.image.text()
        shown[name] = ("pdf" if dialog.stack.currentIndex() == 1 else
                       "picture" if not dialog.image.pixmap().isNull() else text[:40])
        if text:
            assert text in sentences or text.startswith(TOO_LARGE.split("(")[0]), (name, text)
    dialog.close()
    assert shown["reus.png"] != "picture"  # a header with no image data: damaged, said so
    assert shown["onzin.pdf"] != "pdf" and shown["leeg.png"] != "picture"


def test_a_physicians_letter_written_with_the_medical_part_never_unlocked_survives_ctrl_l(qtbot, controller):
    """Steps: the physician logs in and, without unlocking the medical part (a general letter
    does not need it), writes a general letter ("Brief", template algemene_brief) to an
    employee from the dossier's "Brief maken…"; then presses Ctrl+L (or the idle/screen lock
    fires) and logs in again.

    The user sees: the dossier is back, the letter is not; no draft was kept (drafts.count is
    0), and unlocking the Medisch tab afterwards offers nothing. The typed text is lost without
    a word. (Before 2951c01/e383be3 the curtain held the dialog and showed it after the login.)

    Why it matters: the same loss as for the case manager, for the physician's everyday
    administrative letters: the lock's promise is that work is kept.

    Likely cause: ui/letter_dialog.py:45 marks the dialog medical for every template; at the
    full lock the Medisch tab (locked, never unlocked) does not seal it - there is no medical
    key to seal a draft with - and ui/controller.py:222-224 ``medical_windows.close_all()``
    then rejects it (ui/medical_windows.py:44-50)."""
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, ARTS)
    assert not controller.ctx.session.medical_unlocked
    employee_id = main.employees_model.rows[0].id
    _dossier, dialog = _general_letter(qtbot, main, employee_id)
    controller.lock("handmatig")  # Ctrl+L
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(), timeout=WAIT)
    log_in(qtbot, controller, ARTS)
    qtbot.wait(300)
    from shiboken6 import isValid

    back = isValid(dialog) and dialog.isVisible() and dialog.form.value("brief.tekst") == TYPED
    assert back, f"the letter being written is gone after Ctrl+L: {_windows()}"


def test_end_and_home_go_to_the_last_and_first_page(qtbot):
    """Steps: a 3,000-page file is open in "Bijlagen"; the physician, working from the keyboard,
    presses End (or Ctrl+End) to get to the last page, then Home to get back.

    The user sees: nothing happens; only Page Down (3,000 presses), the arrows or dragging the
    scroll bar get there. The view takes the focus for the keyboard ("Page Up/Down and the
    arrows scroll") and shows "Blad k van n", but the keys every reader uses for the ends do
    nothing.

    Likely cause: ui/pdf_pages.py PdfPages has no keyPressEvent; QAbstractScrollArea's handles
    the page and arrow keys only (Home/End go to the scroll bar's SliderToMinimum/Maximum in a
    QAbstractSlider, not in the area)."""
    from PySide6.QtCore import Qt

    from tests.ui.test_pdf_pages import _pdf, _shown

    view = _shown(qtbot, _pdf(3000), width=600, height=600)
    qtbot.waitUntil(lambda: 0 in view.drawn_pages(), timeout=WAIT)
    view.setFocus()
    bar = view.verticalScrollBar()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert bar.value() == bar.maximum(), "End / Ctrl+End did not go to the last page"
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert bar.value() == 0


def test_holds_ctrl_shift_l_twice_while_a_backup_holds_the_database_thread(qtbot, controller):
    """Holds? Ctrl+Shift+L pressed twice in the dossier while a backup holds the database
    thread: the consult typed is off the screen at once, the section is locked once the queue
    gets there, and the Medisch tab unlocks again afterwards with the consult offered back."""
    from tests.ui.lock_helpers import MARKER, Hold, OfferAnswerer, open_medical_tab, unlock_tab

    tab = open_medical_tab(qtbot, controller, ARTS)
    qtbot.waitUntil(controller.main.lock_medical_action.isEnabled, timeout=WAIT)
    tab.editor.set_value("s", MARKER)
    window = tab.window()
    hold = Hold(controller)
    try:
        for _ in range(2):
            qtbot.keyClick(window, Qt.Key.Key_L,
                           Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        QApplication.processEvents()
        assert tab.is_locked and MARKER not in visible_text()
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    assert not controller.ctx.session.medical_unlocked
    answerer = OfferAnswerer("Verder werken")
    try:
        unlock_tab(qtbot, tab, ARTS.medical_passphrase)
        qtbot.waitUntil(lambda: tab.editor.value("s") == MARKER, timeout=WAIT)
    finally:
        answerer.stop()


def test_holds_a_multi_piece_attachment_goes_whole_into_the_portability_archive(practice):
    """Holds? A 2.5 MiB PDF (three pieces) is in the portability archive byte for byte, and a
    piece damaged in the file is refused as damage, not exported short."""
    import io
    import os
    import zipfile

    from desktop_app.errors import ArbokluisError
    from desktop_app.services import attachments, portability
    from desktop_app.storage.attachments import PIECE
    from tests.helpers.practices import login_as

    session = login_as(practice, ARTS, unlock=True)
    try:
        employee_id = session.db.scalar("SELECT min(id) FROM employees")
        data = b"%PDF-1.4\n" + os.urandom(2 * PIECE + PIECE // 2)
        added = attachments.add_attachment(session, employee_id, "dik.pdf", data)
        archive = portability._archive(session, employee_id)
        with zipfile.ZipFile(io.BytesIO(archive)) as z:
            [name] = [n for n in z.namelist() if n.startswith(f"attachments/{added.id}-")]
            assert z.read(name) == data
        session.medical().execute("UPDATE attachment_pieces SET data = substr(data, 1, 1000) "
                                  "WHERE attachment_id = ? AND n = 1", (added.id,))
        with pytest.raises(ArbokluisError):
            portability._archive(session, employee_id)
    finally:
        session.close("logout")


def test_the_sealed_informations_entries_dropped_by_the_full_lock_are_read_after_the_login(qtbot, controller):
    """The entries of "Medische informatie verzekeringsarts…" are read behind a backup; Ctrl+L
    comes first, so their answer is dropped (the session is locked). After the login and the
    unlock the form is back, and its list is read again: it was marked "being read" for good
    and stayed empty."""
    from desktop_app.services import medical_entries
    from tests.attacks.test_issue15_round5 import _unlocked_main
    from tests.ui.conftest import log_in
    from tests.ui.lock_helpers import Hold, OfferAnswerer, dossier_with_a_fresh_case, unlock_tab

    main = _unlocked_main(qtbot, controller)
    employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    controller.ctx.call(medical_entries.add_entry, employee_id, "diagnosis",
                        {"system": "ICPC", "code": "P78", "description": "Surmenage"})
    dialog = window.uwv_documents()
    controller.ctx.tasks.wait_idle(30)
    dialog.last_form = None
    dialog.buttons["sealed"].click()
    hold = Hold(controller)
    try:
        qtbot.waitUntil(lambda: dialog.last_form is not None and dialog.last_form.isVisible(), timeout=WAIT)
        sealed = dialog.last_form
        sealed.form.set_value("note", "Graag aandacht voor de belastbaarheid")
        controller.lock("handmatig")
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(), timeout=WAIT)
    log_in(qtbot, controller, ARTS)
    answerer = OfferAnswerer("Verder werken")
    try:
        unlock_tab(qtbot, window.medical, ARTS.medical_passphrase)
        qtbot.waitUntil(lambda: sealed.isVisible() and sealed.entries.count() > 0, timeout=WAIT)
    finally:
        answerer.stop()
    assert sealed.form.value("note") == "Graag aandacht voor de belastbaarheid"
