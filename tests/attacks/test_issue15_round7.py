"""Breaker round 7: medical windows outside the Medisch tab at the medical lock (the medical
letter, the UWV employee's version asked behind a backup, a granted copy made behind a backup),
the attachment viewer, and strange input through a lock/unlock cycle.

A test that fails on the code as reviewed (b4f24fa) names the problem in its docstring; the
others ("holds") are attacks the code withstands."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from tests.attacks.test_issue15_round5 import _unlocked_main
from tests.helpers.practices import ARTS
from tests.ui import conftest as ui_fixtures
from tests.ui.lock_helpers import (
    MARKER,
    Hold,
    OfferAnswerer,
    dossier_with_a_fresh_case,
    idle_clock,
    idle_until_the_medical_lock,
    unlock_tab,
    visible_text,
)

pytestmark = pytest.mark.gui
collect_on_the_gui_thread = ui_fixtures.collect_on_the_gui_thread
controller = ui_fixtures.controller
recorded_messages = ui_fixtures.recorded_messages
WAIT = 15000
TODAY = date.today().strftime("%d-%m-%Y")
QUESTION = "Wat is de prognose van de hernia L5-S1? concept-77123"


def _visible_windows():
    return [(type(w).__name__, w.windowTitle()) for w in QApplication.topLevelWidgets() if w.isVisible()]


def _letter_dialog(qtbot, main, employee_id):
    main.open_dossier(employee_id)
    dossier = main.dossiers[employee_id]
    qtbot.waitUntil(lambda: dossier.dossier is not None, timeout=WAIT)
    button = next(b for b in dossier.findChildren(QPushButton) if b.text() == "Brief maken…")
    button.click()
    dialog = dossier.letter_dialog
    qtbot.waitUntil(lambda: dialog.options is not None, timeout=WAIT)
    return dossier, dialog


def _consent(controller, employee_id):
    from desktop_app.services import consents
    from desktop_app.services.demo_medical import _tiny_png

    return controller.ctx.call(consents.record, employee_id, consents.ConsentForm(
        physician="arts", recipient_name="dr. H. de Vries", recipient_role="treating_physician",
        data_scope="Behandelgegevens", purpose="Begeleiding", given_on=TODAY,
        valid_until=(date.today() + timedelta(days=30)).strftime("%d-%m-%Y")), signature_png=_tiny_png())


def _pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)


# --- 1. the medical letter ("Brief aan behandelaar") at the medical lock -----------------------


def test_a_medical_letter_just_made_stays_on_screen_through_the_idle_lock(qtbot, controller):
    """The physician makes the request to the treating physician ("informatieverzoek
    behandelaar", kept in the MEDICAL section as "Brief aan behandelaar") from the dossier's
    "Brief maken…", with the medical question; the letter's preview opens, and the physician
    walks away. The medical idle lock closes the marked windows and the Medisch tab's own, but
    LetterDialog._show_pdf (ui/letter_dialog.py:241) opens an unmarked PdfPreview, and the
    LetterDialog is a child of the dossier, not of the Medisch tab: both stay on screen with the
    medical question after the medical section was locked."""
    main = _unlocked_main(qtbot, controller)
    employee_id = main.employees_model.rows[0].id
    consent = _consent(controller, employee_id)
    _dossier, dialog = _letter_dialog(qtbot, main, employee_id)
    dialog.template_box.setCurrentIndex(dialog.template_box.findData("informatieverzoek_behandelaar"))
    dialog.form.set_value("consent_id", str(consent.id))
    dialog.form.set_value("brief.vraag", QUESTION)
    dialog.make_button.click()
    qtbot.waitUntil(lambda: dialog.made is not None and dialog.preview is not None
                    and dialog.preview.isVisible(), timeout=WAIT)
    assert dialog.made.medical
    assert "concept-77123" in _pdf_text(dialog.preview.pdf)
    idle_until_the_medical_lock(controller, idle_clock(controller))
    QApplication.processEvents()
    assert not controller.ctx.session.medical_unlocked
    assert not dialog.preview.isVisible(), f"the medical letter's preview stayed on screen: {_visible_windows()}"


def test_a_medical_letter_being_written_stays_on_screen_through_the_idle_lock(qtbot, controller):
    """The physician is writing the request to the treating physician (the question about the
    employee's health, "brief.vraag"; made, the letter is kept in the medical section) and
    walks away before making it. The LetterDialog is neither marked (ui/medical_windows.mark)
    nor a child of the Medisch tab (ui/dossier.py:486), so the medical lock neither seals it
    as a draft nor hides it: the medical question stays on screen."""
    main = _unlocked_main(qtbot, controller)
    employee_id = main.employees_model.rows[0].id
    consent = _consent(controller, employee_id)
    _dossier, dialog = _letter_dialog(qtbot, main, employee_id)
    dialog.template_box.setCurrentIndex(dialog.template_box.findData("informatieverzoek_behandelaar"))
    dialog.form.set_value("consent_id", str(consent.id))
    dialog.form.set_value("brief.vraag", QUESTION)
    assert "medische deel" in dialog.where.text()  # the dialog itself says where it is kept
    idle_until_the_medical_lock(controller, idle_clock(controller))
    QApplication.processEvents()
    assert not controller.ctx.session.medical_unlocked
    assert QUESTION not in visible_text(), f"the medical question stayed on screen: {_visible_windows()}"


def test_a_medical_letter_being_written_is_offered_back_after_the_unlock(qtbot, controller):
    """The other half of the fix: the question typed before the lock is sealed as a draft by
    the employee's Medisch tab, and after the unlock ("Verder werken") it is in the letter form
    again, with the same template."""
    from tests.ui.lock_helpers import OfferAnswerer

    main = _unlocked_main(qtbot, controller)
    employee_id = main.employees_model.rows[0].id
    consent = _consent(controller, employee_id)
    dossier, dialog = _letter_dialog(qtbot, main, employee_id)
    dialog.template_box.setCurrentIndex(dialog.template_box.findData("informatieverzoek_behandelaar"))
    dialog.form.set_value("consent_id", str(consent.id))
    dialog.form.set_value("brief.vraag", QUESTION)
    idle_until_the_medical_lock(controller, idle_clock(controller))
    QApplication.processEvents()
    assert not dialog.isVisible()
    answerer = OfferAnswerer("Verder werken")
    try:
        tab = dossier.medical
        unlock_tab(qtbot, tab, ARTS.medical_passphrase)
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    finally:
        answerer.stop()
    assert dialog.template_box.currentData() == "informatieverzoek_behandelaar"
    assert dialog.form.value("brief.vraag") == QUESTION


def test_a_medical_letter_made_behind_a_backup_opens_its_preview_after_the_idle_lock(qtbot, controller):
    """The physician makes the medical letter while a backup runs (the make waits behind it) and
    walks away; the idle lock comes, then the backup ends, the letter is made (asked for before
    the lock, it still runs with the section) and its preview, with the medical question, opens
    after the lock: LetterDialog._made -> _show_pdf (ui/letter_dialog.py:230-246) asks no
    ``medical_windows.still_unlocked``."""
    main = _unlocked_main(qtbot, controller)
    employee_id = main.employees_model.rows[0].id
    consent = _consent(controller, employee_id)
    _dossier, dialog = _letter_dialog(qtbot, main, employee_id)
    dialog.template_box.setCurrentIndex(dialog.template_box.findData("informatieverzoek_behandelaar"))
    dialog.form.set_value("consent_id", str(consent.id))
    dialog.form.set_value("brief.vraag", QUESTION)
    controller.ctx.tasks.wait_idle(30)
    clock = idle_clock(controller)
    hold = Hold(controller)
    try:
        dialog.make_button.click()
        idle_until_the_medical_lock(controller, clock)
        QApplication.processEvents()
        assert not controller.ctx.session.medical_unlocked
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    qtbot.wait(300)
    shown = dialog.preview is not None and dialog.preview.isVisible()
    assert not shown, f"the medical letter's preview opened after the medical lock: {_visible_windows()}"


# --- 2. the UWV employee's version asked behind a backup ---------------------------------------


def _approved_problem_analysis(controller, employee_id):
    from desktop_app.domain.uwv_documents import ProblemAnalysisForm
    from desktop_app.services import cases, uwv_documents

    case = next(c for c in controller.ctx.call(cases.for_employee, employee_id) if c.is_open)
    doc = controller.ctx.call(uwv_documents.make_problem_analysis, employee_id, case.id, ProblemAnalysisForm(
        assessed_on=TODAY, fitness="partly_fit", limitations="Niet tillen", advice="Halve dagen",
        medical=MARKER))
    return controller.ctx.call(uwv_documents.approve, doc.id)


def test_the_uwv_employee_version_asked_behind_a_backup_opens_after_the_idle_lock(qtbot, controller):
    """The physician presses "PDF werknemer…" on an approved problem analysis (its medical part:
    the diagnosis) while a backup runs, and walks away. The idle lock comes; then the backup
    ends, the employee's version is made (asked for before the lock, it still reads the
    section) and its preview opens after the lock: UwvDocumentsDialog._preview
    (ui/uwv_dialog.py:141) marks the preview but, unlike ``_open_form``, does not ask
    ``medical_windows.still_unlocked``, and nothing closes it since the lock has passed."""
    main = _unlocked_main(qtbot, controller)
    employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    _approved_problem_analysis(controller, employee_id)
    dialog = window.uwv_documents()
    qtbot.waitUntil(lambda: len(dialog.documents) == 1, timeout=WAIT)
    dialog.last_preview = None
    controller.ctx.tasks.wait_idle(30)
    clock = idle_clock(controller)
    hold = Hold(controller)
    try:
        dialog.buttons["employee_pdf"].click()
        idle_until_the_medical_lock(controller, clock)
        QApplication.processEvents()
        assert not controller.ctx.session.medical_unlocked
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    qtbot.wait(300)
    preview = dialog.last_preview
    shown = preview is not None and preview.isVisible()
    assert not shown, f"the employee's UWV version (medical part) opened after the lock: {_visible_windows()}"


# --- 3. a granted copy made behind a backup ----------------------------------------------------


def test_a_granted_copy_made_behind_a_backup_opens_its_preview_after_the_idle_lock(qtbot, controller):
    """The physician, carrying out the employee's copy request, presses "Afschrift maken en
    bekijken…" while a backup runs and walks away. The idle lock comes; then the backup ends,
    the copy (every medical entry) is made and ``show_pdf`` opens it after the lock:
    HandOverDialog._made -> request_outcome_dialogs.show_pdf (ui/request_outcome_dialogs.py:37-46)
    marks the preview but asks no ``medical_windows.still_unlocked``; the round-5 fix covered the
    dossier's own "Afschrift" (pdf_preview.produce) only."""
    from desktop_app.services import medical_entries, requests
    from ui.request_dialog import RequestDialog

    main = _unlocked_main(qtbot, controller)
    employee_id = main.employees_model.rows[0].id
    controller.ctx.call(medical_entries.add_entry, employee_id, "note", {"text": MARKER})
    r = controller.ctx.call(requests.receive, employee_id, "copy", TODAY)
    controller.ctx.call(requests.identity_at_desk, r.id, "passport", TODAY)
    controller.ctx.call(requests.start, r.id)
    controller.ctx.call(requests.ready_for_signoff, r.id)
    controller.ctx.call(requests.sign_off, r.id)
    dialog = RequestDialog(controller.ctx, r.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loads > 0, timeout=WAIT)
    from desktop_app.domain.request_steps import Step

    dialog.buttons[Step("perform")].click()
    handover = dialog.form_dialog
    controller.ctx.tasks.wait_idle(30)
    clock = idle_clock(controller)
    hold = Hold(controller)
    try:
        handover.make_button.click()
        idle_until_the_medical_lock(controller, clock)
        QApplication.processEvents()
        assert not controller.ctx.session.medical_unlocked
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(60)
    qtbot.waitUntil(lambda: handover.made, timeout=30000)
    qtbot.wait(300)
    preview = getattr(handover, "preview", None)
    shown = preview is not None and preview.isVisible()
    text = _pdf_text(preview.pdf) if preview is not None else ""
    assert not shown, (f"the copy with the medical dossier opened after the lock "
                       f"(holds the note: {MARKER in text}): {_visible_windows()}")


# --- 4. the attachment viewer with a PDF of many pages -----------------------------------------


def _attachments_dialog(qtbot, controller, files: dict[str, bytes]):
    from desktop_app.services import attachments
    from tests.ui.lock_helpers import open_medical_tab
    from ui.viewer import AttachmentsDialog

    tab = open_medical_tab(qtbot, controller, ARTS)
    controller.ctx.tasks.wait_idle(30)
    ids = {name: controller.ctx.call(attachments.add_attachment, tab.employee_id, name, data).id
           for name, data in files.items()}
    dialog = AttachmentsDialog(controller.ctx, tab.employee_id, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    controller.ctx.tasks.wait_idle(30)
    rows = [dialog.list.item(i).data(0x0100) for i in range(dialog.list.count())]
    return tab, dialog, ids, rows


def _picture(qtbot, dialog, rows, attachment_id):
    """Choose the attachment afresh in the list and return the picture it shows."""
    dialog.list.setCurrentRow(-1)
    dialog.list.setCurrentRow(rows.index(attachment_id))
    qtbot.waitUntil(lambda: not dialog.image.pixmap().isNull(), timeout=WAIT)
    return dialog.image.pixmap()


def test_a_two_thousand_page_attachment_does_not_freeze_the_window(qtbot, controller):
    """A 2,000-page PDF (under 1 MB; a scanned specialist's file runs to hundreds of pages, the
    limit is 25 MB) is opened in "Bijlagen". ``PdfPages.set_document`` made a QLabel per page in
    one turn and Qt then laid out the whole column on the GUI thread: the window stopped
    answering for over a second (300 pages: ~90 ms, 1,000: 170-470 ms). Now (93f1dde) the view
    paints the pages in sight itself: no widget per page, whatever the count, and the reader
    still gets to the last page. (No wall-clock assertion: the figures are in the note.)"""
    from PySide6.QtWidgets import QLabel

    from tests.ui.test_pdf_pages import _pdf

    _tab, dialog, ids, rows = _attachments_dialog(qtbot, controller, {"dik-dossier.pdf": _pdf(2000)})
    dialog.list.setCurrentRow(-1)
    dialog.list.setCurrentRow(rows.index(ids["dik-dossier.pdf"]))
    qtbot.waitUntil(lambda: dialog.pdf_view is not None and 0 in dialog.pdf_view.drawn_pages(), timeout=WAIT)
    view = dialog.pdf_view
    assert len(view.findChildren(QLabel)) < 5  # no widget per page
    assert dialog.page_number.text() == "Blad 1 van 2000"
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: 1999 in view.drawn_pages(), timeout=WAIT)
    assert dialog.page_number.text() == "Blad 2000 van 2000"
    dialog.close()


def _image(width: int, height: int, fmt: str, *, blocks: int = 0, quality: int = -1) -> bytes:
    import random

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    if blocks:
        rng = random.Random(7)
        painter = QPainter(image)
        for _ in range(blocks):
            painter.fillRect(rng.randrange(width), rng.randrange(height), 40, 40,
                             QColor(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt, quality)
    return bytes(data)


def test_a_phone_photo_of_48_megapixels_does_not_freeze_the_window(qtbot, controller, monkeypatch):
    """A photo of a specialist's letter taken with a phone (6000 x 8000 px, a 2 MB JPEG) is
    opened in "Bijlagen". It was decoded on the GUI thread (``QPixmap.loadFromData``, some
    300 ms here) and shown at full size. Now it is decoded on the database thread, scaled to the
    window's width while decoding, and the GUI thread gets an image no wider than the view."""
    import threading

    from ui import unlocked_calls

    decoded_on: list[str] = []
    real = unlocked_calls.read_image
    monkeypatch.setattr(unlocked_calls, "read_image",
                        lambda reader: decoded_on.append(threading.current_thread().name) or real(reader))
    photo = _image(6000, 8000, "JPG", blocks=3000, quality=90)
    _tab, dialog, ids, rows = _attachments_dialog(qtbot, controller, {"foto-brief.jpg": photo})
    shown = _picture(qtbot, dialog, rows, ids["foto-brief.jpg"])
    dialog.close()
    assert decoded_on
    assert threading.main_thread().name not in decoded_on
    assert shown.width() / shown.devicePixelRatio() <= dialog.stack.width()
    assert abs(shown.height() / shown.width() - 8000 / 6000) < 0.01  # the whole photo, in proportion


def test_a_valid_high_resolution_scan_is_not_called_damaged(qtbot, controller):
    """A valid PNG scan of 10,000 x 10,000 px (a white page, under 1 MB as a file; an A4 page
    scanned at 1200 dpi is larger still) is opened in "Bijlagen". Decoded it would exceed Qt's
    image allocation limit (256 MB), so ``QPixmap.loadFromData`` fails and the viewer says
    "het bestand is beschadigd of geen geldig PDF-bestand of afbeelding" (ui/viewer.py:124-126,
    UNREADABLE): the physician is told a valid medical document is damaged, and nothing is shown
    (it is not scaled down to the screen as a PDF page is, ui/pdf_pages.MAX_SIDE)."""
    from ui.viewer import UNREADABLE

    scan = _image(10000, 10000, "PNG", quality=0)
    assert len(scan) < 25 * 1024 * 1024
    _tab, dialog, ids, rows = _attachments_dialog(qtbot, controller, {"scan-1200dpi.png": scan})
    dialog.list.setCurrentRow(-1)
    dialog.list.setCurrentRow(rows.index(ids["scan-1200dpi.png"]))
    controller.ctx.tasks.wait_idle(30)
    qtbot.wait(300)
    said = dialog.image.text()
    dialog.close()
    assert said != UNREADABLE, "a valid 10,000 x 10,000 px scan is called damaged"


# --- 5. strange input in a UWV form through the medical lock -----------------------------------

STRANGE = ("Rugpijn 🩺👩🏽‍⚕️ na val; e\u0301e\u0301n (combinerend) — \u202bعربي نص\u202c en עברית\n"
           "regel twee\r\nregel drie\u2029alinea\u00a0\u200b\u200dzwj\tTAB " + "ĳ" * 40 + "\n")


def _strange(n: int) -> str:
    text = (STRANGE * (n // len(STRANGE) + 1))[:n]
    return text


def test_holds_strange_long_text_in_the_problem_analysis_survives_the_lock_and_is_saved_once(
        qtbot, controller):
    """Holds? Every text field of the problem analysis filled to the free-text limit with emoji
    (with skin tone and ZWJ), combining accents, RTL embeddings, CR LF, a paragraph separator,
    zero-width characters and tabs; the medical lock seals and holds it, the unlock offers it
    back, every field comes back as it was, and saving it stores one document."""
    from desktop_app.domain.medical.free_text import MAX_TEXT
    from desktop_app.services import uwv_documents

    main = _unlocked_main(qtbot, controller)
    employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    dialog = window.uwv_documents()
    dialog.buttons["problem_analysis"].click()
    form = dialog.last_form
    qtbot.waitUntil(form.isVisible, timeout=WAIT)
    texts = {name: _strange(4000 - 7 * i) for i, name in enumerate(
        ("limitations", "capacities", "prognosis", "advice", "adjustments"))}  # their limit: 4000
    texts["medical"] = _strange(MAX_TEXT)
    for name, text in texts.items():
        form.form.set_value(name, text)
    typed = form.form.values()
    idle_until_the_medical_lock(controller, idle_clock(controller))
    QApplication.processEvents()
    assert not form.isVisible()
    assert "concept" not in visible_text() and "عربي" not in visible_text()
    answerer = OfferAnswerer("Verder werken")
    try:
        tab = window.medical
        unlock_tab(qtbot, tab, ARTS.medical_passphrase)
        qtbot.waitUntil(form.isVisible, timeout=5000)
    finally:
        answerer.stop()
    assert form.form.values() == typed
    before = len(controller.ctx.call(uwv_documents.for_employee, employee_id))
    form.submit()
    controller.ctx.tasks.wait_idle(30)
    qtbot.wait(200)
    after = controller.ctx.call(uwv_documents.for_employee, employee_id)
    assert len(after) in (before, before + 1)
    if len(after) == before + 1:
        assert not form.isVisible()
    else:
        said = {n: form.form.error(n) for n in form.form.widgets if form.form.error(n)}
        assert form.isVisible() and (form.error.text() or said), "refused without saying why"
        raise AssertionError(f"refused: {said} {form.error.text()!r}")


# --- 6. a held form's draft and the dossier closed while locked --------------------------------


def test_a_problem_analysis_held_at_the_lock_is_not_lost_when_the_dossier_is_closed(
        qtbot, controller, recorded_messages):
    """The physician writes the problem analysis's medical part; the idle lock seals it ("U was
    bezig met Probleemanalyse maken" on the lock page). The physician closes the dossier window
    (the section is locked, so ``MedicalTab.may_close`` asks nothing, ui/medical_tab.py:630-631) and
    later opens the dossier again and unlocks: the typed analysis is neither offered back nor was
    its loss announced. ``_offer_drafts`` (ui/medical_tab.py:316-320) discards every form draft
    whose held window is gone, although the sealed values are all it needs, and only the consult
    survives a reopened dossier. Expected: offered back, or a question before the close."""
    log, _answers = recorded_messages
    main = _unlocked_main(qtbot, controller)
    employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    dialog = window.uwv_documents()
    dialog.buttons["problem_analysis"].click()
    form = dialog.last_form
    qtbot.waitUntil(form.isVisible, timeout=WAIT)
    form.form.set_value("medical", MARKER)
    form.form.set_value("advice", "Start met 2 uur per dag")
    idle_until_the_medical_lock(controller, idle_clock(controller))
    QApplication.processEvents()
    assert not form.isVisible()
    assert "Probleemanalyse" in window.medical.waiting.text()  # the lock page says it is kept
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)
    asked = [m for m in log if m[0] in ("ask", "yesno")]
    window = main.open_dossier(employee_id)
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=WAIT)
    answerer = OfferAnswerer("Verder werken")
    try:
        tab = window.medical
        tabs = window.tabs
        tabs.setCurrentIndex(tabs.indexOf(tab))
        qtbot.waitUntil(lambda: getattr(tab, "passphrase", None) is not None, timeout=WAIT)
        tab.passphrase.set_value("passphrase", ARTS.medical_passphrase)
        tab.unlock_button.click()
        qtbot.waitUntil(lambda: not tab.is_locked, timeout=WAIT)
        controller.ctx.tasks.wait_idle(30)
        qtbot.wait(300)
    finally:
        answerer.stop()
    back = MARKER in visible_text()
    assert back or asked, (f"the sealed problem analysis was lost without a word "
                           f"(offered back: {answerer.texts}, asked before the close: {asked})")


# --- 7. the viewer closed, locked and switched while pages are drawn ---------------------------

from tests.attacks import test_issue15_round3 as _round3  # noqa: E402

crashes = _round3.crashes


def test_holds_attachments_switched_fast_then_locked_and_the_dossier_closed_raise_nothing(
        qtbot, controller, crashes):
    """Holds? Three PDFs (one with 200 pages, one with a page 14400 pt tall and one 14400 pt
    wide, one with a zero MediaBox) and a PNG named .pdf switched every 5 ms while pages are
    drawn; a backup holds the database thread while an attachment is being opened; the idle lock
    comes; the backup ends; the dossier is closed. Nothing reaches the crash hook and no
    viewer is on screen after the lock."""
    from tests.attacks.test_issue15_round5 import _png
    from tests.ui.test_pdf_pages import _pdf
    from ui.viewer import AttachmentsDialog

    files = {"lang.pdf": _pdf(200), "hoog.pdf": _pdf(3, size=(200, 14400)),
             "breed.pdf": _pdf(3, size=(14400, 200)), "nul.pdf": _pdf(2, size=(0, 0)),
             "foto.pdf": _png()}
    tab, dialog, ids, rows = _attachments_dialog(qtbot, controller, files)
    for i in range(40):
        dialog.list.setCurrentRow(i % len(rows))
        qtbot.wait(5)
    dialog.list.setCurrentRow(rows.index(ids["lang.pdf"]))
    qtbot.waitUntil(lambda: dialog.pdf_view is not None and 0 in dialog.pdf_view.drawn_pages(), timeout=WAIT)
    bar = dialog.pdf_view.verticalScrollBar()
    for v in range(0, bar.maximum(), max(1, bar.maximum() // 30)):
        bar.setValue(v)
        QApplication.processEvents()
    clock = idle_clock(controller)
    hold = Hold(controller)
    try:
        dialog.list.setCurrentRow(rows.index(ids["hoog.pdf"]))  # queued behind the backup
        idle_until_the_medical_lock(controller, clock)
        QApplication.processEvents()
        assert not dialog.isVisible()
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    qtbot.wait(300)
    assert not any(isinstance(w, AttachmentsDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    window = tab.window()
    window.close()
    for _ in range(10):
        QApplication.processEvents()
        qtbot.wait(20)
    assert crashes == []


# --- 8. the keuring's outcome letter asked behind a backup -------------------------------------


def test_a_keuring_outcome_letter_asked_behind_a_backup_opens_after_the_idle_lock(
        qtbot, controller, monkeypatch):
    """In the Medisch tab the physician opens "Uitslag keuring…" of a pre-employment keuring
    (outcome "niet geschikt", which the employee sees first and may keep from the employer) and
    presses "Brief voor de werknemer…" while a backup runs, and walks away. The idle lock holds
    and drops the tab's dialogs; then the backup ends, the letter (read from the medical
    section) is made and its preview opens after the lock: ExaminationOutcomeDialog.letter
    (ui/examination_outcome.py:86) calls ``produce`` without ``medical=True``, so neither
    ``mark`` nor ``still_unlocked`` applies, and the preview of a dropped (hidden, not deleted)
    dialog still opens on screen."""
    from desktop_app.domain.medical.kinds import EntryKind
    from desktop_app.services import medical_entries
    from tests.ui.lock_helpers import open_medical_tab
    from ui import pdf_preview

    shown: list[tuple[bool, str]] = []
    monkeypatch.setattr(pdf_preview.PdfPreview, "exec",
                        lambda self: shown.append((controller.ctx.session.medical_unlocked, self.windowTitle())) or 0)
    tab = open_medical_tab(qtbot, controller, ARTS)
    entry = controller.ctx.call(medical_entries.add_entry, tab.employee_id, EntryKind.EXAMINATION, {
        "examination": "pre_employment", "findings": MARKER, "outcome": "unfit"})
    tab.reload()
    controller.ctx.tasks.wait_idle(30)
    dialog = tab.examination_dialog(entry.id)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.summary.text() != "", timeout=WAIT)
    clock = idle_clock(controller)
    hold = Hold(controller)
    try:
        dialog.employee_letter.click()  # queued behind the backup
        idle_until_the_medical_lock(controller, clock)
        QApplication.processEvents()
        assert not controller.ctx.session.medical_unlocked and not dialog.isVisible()
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    qtbot.wait(300)
    assert shown == [], f"the keuring's outcome letter opened after the medical lock: {shown}"


# --- 9. the sealed information whose entries arrive after the lock -----------------------------


def test_the_sealed_information_offered_back_after_the_lock_lists_its_medical_entries(qtbot, controller):
    """The physician opens "Medische informatie verzekeringsarts…" while a backup runs (the list
    of medical entries to send is read behind it) and starts the note for UWV's physician; the
    idle lock seals the form. The entries are read after the lock and dropped
    (``SealedDialog._show`` returns when the section is locked, ui/uwv_sealed_dialog.py:53-55);
    after the unlock the form comes back with its note ("Verder werken") but with an EMPTY list
    under "Welke medische gegevens gaan mee", and nothing reads it again: the physician cannot
    choose what goes to UWV without throwing the form away."""
    from desktop_app.services import medical_entries

    main = _unlocked_main(qtbot, controller)
    employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    controller.ctx.call(medical_entries.add_entry, employee_id, "diagnosis",
                        {"system": "ICPC", "code": "P78", "description": "Surmenage"})
    dialog = window.uwv_documents()
    controller.ctx.tasks.wait_idle(30)
    clock = idle_clock(controller)
    dialog.last_form = None
    dialog.buttons["sealed"].click()
    hold = Hold(controller)  # the entries' read waits behind it
    try:
        qtbot.waitUntil(lambda: dialog.last_form is not None and dialog.last_form.isVisible(), timeout=WAIT)
        sealed = dialog.last_form
        assert sealed.entries.count() == 0
        sealed.form.set_value("note", "Graag aandacht voor de belastbaarheid")
        idle_until_the_medical_lock(controller, clock)
        QApplication.processEvents()
        assert not sealed.isVisible()
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    answerer = OfferAnswerer("Verder werken")
    try:
        tab = window.medical
        unlock_tab(qtbot, tab, ARTS.medical_passphrase)
        qtbot.waitUntil(sealed.isVisible, timeout=5000)
        controller.ctx.tasks.wait_idle(30)
        qtbot.wait(300)
    finally:
        answerer.stop()
    assert sealed.form.value("note") == "Graag aandacht voor de belastbaarheid"
    assert sealed.entries.count() > 0, "the sealed information came back with no medical entries to choose"


def test_the_sealed_informations_ticks_survive_the_lock_and_its_labels_leave_the_list(qtbot, controller):
    """Of two diagnoses the physician unticks one ("Surmenage" stays home) and writes the note;
    the idle lock seals the form. While locked the list holds no medical label; after the unlock
    the list is read again with the same choice, so nothing unticked goes to UWV unseen."""
    from PySide6.QtCore import Qt

    from desktop_app.services import medical_entries

    main = _unlocked_main(qtbot, controller)
    employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    for code, text in (("P78", "Surmenage"), ("L03", "Lage rugpijn")):
        controller.ctx.call(medical_entries.add_entry, employee_id, "diagnosis",
                            {"system": "ICPC", "code": code, "description": text})
    dialog = window.uwv_documents()
    dialog.last_form = None
    dialog.buttons["sealed"].click()
    qtbot.waitUntil(lambda: dialog.last_form is not None, timeout=WAIT)
    sealed = dialog.last_form
    qtbot.waitUntil(lambda: sealed.entries.count() >= 2, timeout=WAIT)

    def ticks() -> dict[str, bool]:
        return {sealed.entries.item(i).text(): sealed.entries.item(i).checkState() == Qt.CheckState.Checked
                for i in range(sealed.entries.count())}

    row = next(i for i in range(sealed.entries.count()) if "Surmenage" in sealed.entries.item(i).text())
    sealed.entries.item(row).setCheckState(Qt.CheckState.Unchecked)
    before = ticks()
    sealed.form.set_value("note", "Graag aandacht voor de belastbaarheid")
    idle_until_the_medical_lock(controller, idle_clock(controller))
    QApplication.processEvents()
    assert sealed.entries.count() == 0  # no medical label kept in the hidden form
    answerer = OfferAnswerer("Verder werken")
    try:
        tab = window.medical
        unlock_tab(qtbot, tab, ARTS.medical_passphrase)
        qtbot.waitUntil(lambda: sealed.isVisible() and sealed.entries.count() == len(before), timeout=WAIT)
    finally:
        answerer.stop()
    assert ticks() == before


def test_holds_a_problem_analysis_saved_behind_a_backup_at_the_lock_is_stored_once(qtbot, controller):
    """Holds? "Opslaan" on the problem analysis while a backup runs; the idle lock seals the
    (still dirty) form; the save runs after the lock and stores it. After the unlock nothing is
    offered back and there is one document, not two."""
    from desktop_app.services import uwv_documents

    main = _unlocked_main(qtbot, controller)
    employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    dialog = window.uwv_documents()
    dialog.buttons["problem_analysis"].click()
    form = dialog.last_form
    qtbot.waitUntil(form.isVisible, timeout=WAIT)
    form.form.set_value("medical", MARKER)
    form.form.set_value("advice", "Start met 2 uur per dag")
    form.form.set_value("limitations", "Geen tillen")
    controller.ctx.tasks.wait_idle(30)
    before = len(controller.ctx.call(uwv_documents.for_employee, employee_id))
    clock = idle_clock(controller)
    hold = Hold(controller)
    try:
        form.submit()
        idle_until_the_medical_lock(controller, clock)
        QApplication.processEvents()
        assert not form.isVisible()
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    answerer = OfferAnswerer("Verder werken")
    try:
        tab = window.medical
        unlock_tab(qtbot, tab, ARTS.medical_passphrase)
        controller.ctx.tasks.wait_idle(30)
        qtbot.wait(300)
    finally:
        answerer.stop()
    said = {n: form.form.error(n) for n in form.form.widgets if form.form.error(n)}
    stored = len(controller.ctx.call(uwv_documents.for_employee, employee_id))
    assert stored == before + 1, (f"stored {stored - before}; offered back: {answerer.texts}; form on screen: "
                                  f"{form.isVisible()}; its errors: {said} {form.error.text()!r}; "
                                  f"values: {form.form.values()}")
    assert answerer.texts == [] and not form.isVisible()


# --- 10. the case manager ----------------------------------------------------------------------


def test_holds_the_case_manager_sees_nothing_medical_in_the_dossier_and_its_dialogs(qtbot, controller):
    """Holds? The physician keeps a medical note, a medical letter and a problem analysis with a
    medical part; the case manager (no medical access) logs in at the same workstation, opens the
    dossier, every tab, UWV-documenten, "Brief maken…" with its kept letters: none of the medical
    texts shows anywhere."""
    from desktop_app.services import letters, medical_entries
    from tests.helpers.practices import CASEMANAGER
    from tests.ui.conftest import log_in

    main = _unlocked_main(qtbot, controller)
    employee_id = main.employees_model.rows[0].id
    controller.ctx.call(medical_entries.add_entry, employee_id, "note", {"text": MARKER})
    consent = _consent(controller, employee_id)
    _window, dialog = _letter_dialog(qtbot, main, employee_id)
    dialog.template_box.setCurrentIndex(dialog.template_box.findData("informatieverzoek_behandelaar"))
    dialog.form.set_value("consent_id", str(consent.id))
    dialog.form.set_value("brief.vraag", QUESTION)
    dialog.make_button.click()
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=WAIT)
    _employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    _approved_problem_analysis(controller, employee_id)
    controller.ctx.tasks.wait_idle(30)
    controller.lock()
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(), timeout=WAIT)
    main = log_in(qtbot, controller, CASEMANAGER)
    window = main.open_dossier(employee_id)
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=WAIT)
    seen = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        controller.ctx.tasks.wait_idle(30)
        qtbot.wait(50)
        seen.append(visible_text())
    uwv = window.uwv_documents()
    controller.ctx.tasks.wait_idle(30)
    qtbot.wait(100)
    seen.append(visible_text())
    uwv.reject()
    button = next(b for b in window.findChildren(QPushButton) if b.text() == "Brief maken…")
    button.click()
    letter = window.letter_dialog
    qtbot.waitUntil(lambda: letter.options is not None, timeout=WAIT)
    controller.ctx.tasks.wait_idle(30)
    seen.append(visible_text())
    kept = controller.ctx.call(letters.kept_letters, employee_id)
    letter.reject()
    everything = "\n".join(seen)
    assert MARKER not in everything and "concept-77123" not in everything
    assert all("behandelaar" not in k.title.lower() for k in kept)


# --- 11. the full lock (Ctrl+L, the screen lock) and the medical windows -----------------------


def test_the_uwv_employee_preview_comes_back_after_a_full_lock_with_the_medical_section_locked(
        qtbot, controller):
    """The physician has the employee's version of the problem analysis (with its medical part)
    open in its preview ("PDF werknemer…") and presses Ctrl+L (or the screen saver locks). The
    same physician logs in again: the medical section is locked now (it needs its own
    passphrase), but the preview is back on screen with the medical part. ``Controller.lock``
    (ui/controller.py:209-226) lets the Medisch tabs hold their own windows (owned, released at
    the medical unlock) but does not call ``medical_windows.close_all``; the curtain holds the
    marked preview as an unowned window, and ``curtain.release()`` at the login
    (ui/controller.py:152) shows it again. The same goes for the dossier copy's preview, a
    granted copy's and a released medical document."""
    from tests.ui.conftest import log_in

    main = _unlocked_main(qtbot, controller)
    employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    _approved_problem_analysis(controller, employee_id)
    dialog = window.uwv_documents()
    qtbot.waitUntil(lambda: len(dialog.documents) == 1, timeout=WAIT)
    dialog.last_preview = None
    dialog.buttons["employee_pdf"].click()
    qtbot.waitUntil(lambda: dialog.last_preview is not None and dialog.last_preview.isVisible(), timeout=WAIT)
    preview = dialog.last_preview
    assert MARKER in _pdf_text(preview.pdf)
    controller.lock("handmatig")  # Ctrl+L
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(), timeout=WAIT)
    assert not preview.isVisible()
    log_in(qtbot, controller, ARTS)
    qtbot.wait(300)
    assert not controller.ctx.session.medical_unlocked
    back = _valid(preview) and preview.isVisible()
    assert not back, f"the medical part is back on screen after the login, the section locked: {_visible_windows()}"


def _valid(widget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)


def test_a_password_protected_pdf_is_not_called_damaged(qtbot, controller):
    """A hospital's letter arrives as a PDF protected with a password (common for letters sent by
    secure mail) and is stored as an attachment. QtPdf does not open it without the password
    (QPdfDocument.Error.IncorrectPassword), so it has no pages, and the viewer says it "is
    beschadigd of geen geldig PDF-bestand" (ui/viewer.py:116-126): the physician is told a
    valid, intact document is damaged, with no word of the password and no way to give it."""
    import io

    from pypdf import PdfReader, PdfWriter

    from tests.ui.test_pdf_pages import _pdf
    from ui.viewer import UNREADABLE

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_pdf(2))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="ziekenhuis2026", owner_password="eigenaar", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    _tab, dialog, ids, rows = _attachments_dialog(qtbot, controller, {"brief-ziekenhuis.pdf": out.getvalue()})
    dialog.list.setCurrentRow(-1)
    dialog.list.setCurrentRow(rows.index(ids["brief-ziekenhuis.pdf"]))
    controller.ctx.tasks.wait_idle(30)
    qtbot.wait(300)
    said = dialog.image.text()
    shown_as_pdf = dialog.pdf_view is not None and dialog.stack.currentWidget() is dialog.pdf_view
    dialog.close()
    assert shown_as_pdf or (said != UNREADABLE and "wachtwoord" in said.lower()), \
        f"a password-protected PDF is called damaged: {said!r}"


# --- 12. the idle lock while "U was bezig met …" waits for an answer ---------------------------


def test_the_idle_lock_while_the_draft_offer_waits_keeps_the_work_and_shows_no_form(qtbot, controller):
    """The physician's problem analysis was sealed by the idle lock. Back, the physician unlocks;
    "U was bezig met Probleemanalyse maken" asks "Verder werken?" and the physician is called
    away before answering. The idle lock comes again while the box waits: the tab's lock drops
    the box (the curtain ends its exec), ``offer_drafts`` reads "no button clicked" as "Verder
    werken" (ui/medical_tab.py:76), ``drafts.restore`` is refused (the section is locked), and
    ``holding.release(owner=self)`` (ui/medical_tab.py:343) shows the held, emptied problem
    analysis ON SCREEN with the section locked. At the next unlock the form is no longer held,
    so its draft is discarded (ui/medical_tab.py:316-319): the medical text is lost.
    Expected: no medical form on screen while locked, and the analysis offered back."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    main = _unlocked_main(qtbot, controller)
    _employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    dialog = window.uwv_documents()
    dialog.buttons["problem_analysis"].click()
    form = dialog.last_form
    qtbot.waitUntil(form.isVisible, timeout=WAIT)
    form.form.set_value("medical", MARKER)
    clock = idle_clock(controller)
    idle_until_the_medical_lock(controller, clock)
    QApplication.processEvents()
    assert not form.isVisible()
    after_second_lock: list[tuple[bool, bool]] = []
    seen_at_offer: list[tuple[bool, bool]] = []

    def at_the_offer() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.objectName() == "draft_offer" and w.isVisible():
                idle_until_the_medical_lock(controller, clock)  # unanswered: idle again
                QApplication.processEvents()
                seen_at_offer.append((controller.ctx.session.medical_unlocked, w.isVisible()))
                if w.isVisible():  # the lock left the box: answer it as the test cannot wait
                    w.done(0)
                return
        QTimer.singleShot(20, at_the_offer)

    QTimer.singleShot(20, at_the_offer)
    tab = window.medical
    tabs = window.tabs
    tabs.setCurrentIndex(tabs.indexOf(tab))
    tab.passphrase.set_value("passphrase", ARTS.medical_passphrase)
    controller.idle.reset()  # the passphrase typed at the keyboard starts a new count, as input does
    tab.unlock_button.click()
    qtbot.waitUntil(lambda: bool(seen_at_offer), timeout=WAIT)
    assert seen_at_offer == [(False, False)], f"after the idle lock (section open, box on screen): {seen_at_offer}"
    qtbot.wait(300)
    after_second_lock.append((form.isVisible(), controller.ctx.session.medical_unlocked))
    on_screen = f"{_visible_windows()}, its medical text shown: {MARKER in visible_text()}"
    answerer = OfferAnswerer("Verder werken")
    try:
        tab.passphrase.set_value("passphrase", ARTS.medical_passphrase)
        tab.unlock_button.click()
        qtbot.waitUntil(lambda: not tab.is_locked, timeout=WAIT)
        controller.ctx.tasks.wait_idle(30)
        qtbot.wait(300)
    finally:
        answerer.stop()
    came_back = form.isVisible() and form.form.value("medical") == MARKER
    assert after_second_lock == [(False, False)], \
        f"a medical form is on screen with the section locked: {on_screen}; offered back later: {came_back}"
    assert came_back, f"the analysis was not offered back (offers: {answerer.texts})"
