"""Issue 15, round 5 (breaker): the lock that waits in the queue (Session.begin_lock_medical,
37f7803), the input-method watch at the focus widget, the dossier reopened before the closed
window is deleted, the columns measured by layout, the viewer's "unreadable" message.

A test that fails on the code as reviewed (f3ae356) names the problem in its docstring; the
others ("holds") are attacks the code withstands, kept so that it keeps withstanding them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.helpers.practices import ARTS
from tests.ui import conftest as ui_fixtures
from tests.ui.conftest import log_in
from tests.ui.lock_helpers import (
    MARKER,
    Hold,
    OfferAnswerer,
    dossier_with_a_fresh_case,
    idle_clock,
    idle_until_the_medical_lock,
    open_medical_tab,
    visible_text,
)

pytestmark = pytest.mark.gui
collect_on_the_gui_thread = ui_fixtures.collect_on_the_gui_thread
controller = ui_fixtures.controller
recorded_messages = ui_fixtures.recorded_messages
WAIT = 15000





def _unlocked_main(qtbot, ctl):
    main = log_in(qtbot, ctl, ARTS)
    ctl.ctx.tasks.call(ctl.ctx.session.unlock_medical, ARTS.medical_passphrase)
    return main


def _dossier(qtbot, main):
    employee_id = main.employees_model.rows[0].id
    window = main.open_dossier(employee_id)
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=WAIT)
    return window


# --- 1. medical documents outside the Medisch tab, at the medical lock -------------------------


def test_a_dossier_copy_asked_before_the_idle_lock_opens_after_it(qtbot, controller, monkeypatch):
    """The physician asks for the employee's copy ("Afschrift van het dossier": every medical
    entry) while a backup runs, and walks away. The idle lock comes (the windows count as locked
    at once, decision 0014); then the backup ends, the copy (asked for before the lock, so it runs
    before it) is made and its preview opens: the whole medical dossier on screen after the
    medical section was locked, to whoever sits down. Only the Medisch tab drops such answers."""
    from ui import pdf_preview

    shown: list[bool] = []
    monkeypatch.setattr(pdf_preview.PdfPreview, "exec",
                        lambda self: shown.append(controller.ctx.session.medical_unlocked) or 0)
    main = _unlocked_main(qtbot, controller)
    window = _dossier(qtbot, main)
    controller.ctx.tasks.wait_idle(30)
    clock = idle_clock(controller)
    hold = Hold(controller)
    try:
        window._copy()  # "Afschrift" with the section open: queued behind the backup
        idle_until_the_medical_lock(controller, clock)
        assert not controller.ctx.session.medical_unlocked
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    qtbot.wait(200)
    assert shown == [], "the medical copy's preview opened after the medical lock"


def test_an_open_dossier_copy_preview_stays_on_screen_through_the_idle_lock(qtbot, controller):
    """The preview of the employee's copy (all medical entries) is open when the physician walks
    away. The medical idle lock hides the Medisch tab's own windows only: the preview, a dialog
    of the dossier window, stays on screen with the medical dossier in it."""
    from ui import pdf_preview

    main = _unlocked_main(qtbot, controller)
    window = _dossier(qtbot, main)
    controller.ctx.tasks.wait_idle(30)
    clock = idle_clock(controller)
    seen: list[bool] = []

    def at_the_preview() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, pdf_preview.PdfPreview) and w.isVisible():
                idle_until_the_medical_lock(controller, clock)
                QApplication.processEvents()
                seen.append(w.isVisible())
                w.reject()
                return
        QTimer.singleShot(20, at_the_preview)

    QTimer.singleShot(20, at_the_preview)
    window._copy()
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    assert not controller.ctx.session.medical_unlocked
    assert seen == [False], "the medical copy stayed on screen after the medical lock"


# --- 2. a backup asked for while open, started after the lock was asked for -------------------


def test_a_backup_waiting_in_the_queue_at_the_idle_lock_still_backs_up_the_medical_section(
        qtbot, controller, tmp_path):
    """The practice manager starts a backup while another long job runs; the physician's
    workstation locks the medical section meanwhile. Decision 0014 promises that work asked for
    while the section was open still finishes with it. But the backup reads
    ``medical_unlocked`` when it starts, after ``begin_lock_medical``: it is false, and with the
    medical write-ahead log not yet emptied the backup is refused ("Ontgrendel het medische deel
    om een volledige back-up te maken"), or, without one, made without the page check of
    medical.db."""
    from desktop_app.services import backup, medical_entries

    main = _unlocked_main(qtbot, controller)
    employee_id = main.employees_model.rows[0].id
    controller.ctx.call(medical_entries.add_entry, employee_id, "note", {"text": "ronde 5"})
    controller.ctx.tasks.wait_idle(30)
    session = controller.ctx.session
    results: list[object] = []
    hold = Hold(controller)
    try:
        controller.ctx.tasks.run(backup.create_backup, session, tmp_path / "b",
                                 on_success=results.append, on_failure=results.append)
        controller.lock_medical()  # the idle lock
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(60)
    assert len(results) == 1
    assert isinstance(results[0], backup.BackupInfo), f"the backup failed: {results[0]!r}"
    with backup_reader(results[0].path) as manifest:
        assert "medical.db" in manifest["pages_checked"]


class backup_reader:  # noqa: N801 - a context manager read like a function
    def __init__(self, path) -> None:
        self.path = path

    def __enter__(self):
        import json
        import zipfile

        from desktop_app import archive

        self._zip = zipfile.ZipFile(self.path)
        return json.loads(self._zip.read(archive.MANIFEST))

    def __exit__(self, *exc) -> None:
        self._zip.close()


# --- 3. the unlock and the lock crossing in the queue ------------------------------------------


def test_holds_an_unlock_waiting_behind_a_backup_at_the_screen_lock_leaves_the_tab_locked(
        qtbot, controller, recorded_messages):
    """Holds. The physician types the medical passphrase while a backup runs (the unlock waits
    behind it) and walks away; the screen lock comes (its close queued behind the unlock). The
    unlock then runs on the old session and its answer turns the hidden tab to its content page
    for a moment, but the entries it asks for fail on the closed session and the tab locks again;
    after the same physician logs in, the Medisch tab is locked."""
    main = log_in(qtbot, controller, ARTS)
    window = _dossier(qtbot, main)
    tab = window.medical
    tabs = window.tabs
    tabs.setCurrentIndex(tabs.indexOf(tab))
    controller.ctx.tasks.wait_idle(30)
    assert tab.is_locked
    hold = Hold(controller)
    try:
        tab.passphrase.set_value("passphrase", ARTS.medical_passphrase)
        tab.unlock_button.click()  # queued behind the backup
        controller.lock("os")  # the screen lock
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(), timeout=WAIT)
    log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: window.isVisible(), timeout=WAIT)
    assert not controller.ctx.session.medical_unlocked
    assert tab.is_locked


def test_holds_locked_and_unlocked_again_while_the_lock_waits_ends_unlocked_with_the_consult(
        qtbot, controller):
    """Holds. The idle lock comes while a backup runs (the close waits behind it); the physician
    comes back at once and unlocks. The unlock is queued behind the close, so the section ends
    open (not closed by the late lock), and the sealed consult comes back."""
    tab = open_medical_tab(qtbot, controller, ARTS)
    controller.ctx.tasks.wait_idle(30)
    tab.editor.set_value("s", MARKER)
    clock = idle_clock(controller)
    hold = Hold(controller)
    answerer = OfferAnswerer("Verder werken")
    try:
        idle_until_the_medical_lock(controller, clock)
        assert tab.is_locked and not controller.ctx.session.medical_unlocked
        tab.passphrase.set_value("passphrase", ARTS.medical_passphrase)
        tab.unlock_button.click()
        qtbot.wait(100)
        assert tab.is_locked  # nothing opens before the queue gets there
    finally:
        hold.let_go()
    try:
        controller.ctx.tasks.wait_idle(30)
        qtbot.waitUntil(lambda: not tab.is_locked, timeout=WAIT)
        qtbot.waitUntil(lambda: tab.editor.value("s") == MARKER, timeout=WAIT)
    finally:
        answerer.stop()
    assert controller.ctx.session.medical_unlocked
    assert not controller.ctx.session._medical_closing


def test_holds_a_wrong_passphrase_while_the_lock_waits_then_the_right_one(qtbot, controller):
    """Holds. After the idle lock (waiting behind a backup) a passer-by tries a wrong passphrase:
    it fails after the close has run, the tab stays locked, and the physician's right passphrase
    then opens the section (the lock under way is not left half set)."""
    tab = open_medical_tab(qtbot, controller, ARTS)
    controller.ctx.tasks.wait_idle(30)
    clock = idle_clock(controller)
    hold = Hold(controller)
    try:
        idle_until_the_medical_lock(controller, clock)
        tab.passphrase.set_value("passphrase", "Verkeerde-wachtzin-123!")
        tab.unlock_button.click()
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    qtbot.waitUntil(lambda: tab.unlock_button.isEnabled(), timeout=WAIT)
    assert tab.is_locked and tab.lock_message.text()
    assert not controller.ctx.session.medical_unlocked
    answerer = OfferAnswerer("Verder werken")
    try:
        tab.passphrase.set_value("passphrase", ARTS.medical_passphrase)
        tab.unlock_button.click()
        qtbot.waitUntil(lambda: not tab.is_locked, timeout=WAIT)
    finally:
        answerer.stop()
    assert controller.ctx.session.medical_unlocked


# --- 4. a save on its way at the lock, and the draft of the same text --------------------------


def _consults_with(ctl, employee_id: int, text: str) -> int:
    from desktop_app.services import medical_entries

    return sum(1 for e in ctl.ctx.call(medical_entries.list_entries, employee_id)
               if text in " ".join(str(v) for v in e.body.values()))


def test_a_consult_saved_just_before_the_idle_lock_is_not_offered_back_as_unsaved(qtbot, controller):
    """The physician types a consult and clicks "Consult opslaan" while a backup runs; the save
    waits behind it, and the idle lock comes. The lock seals the editor's text as unsaved work,
    although its save is already on its way (it was asked for first, so it runs before the
    close and is stored). After the unlock the physician is told "U was bezig met het consult
    (SOEP)" and, choosing "Verder werken", gets the stored consult back in the editor as if it
    had been lost: saved again, it stands twice in the medical file, where an entry can only be
    corrected, never removed."""
    tab = open_medical_tab(qtbot, controller, ARTS)
    controller.ctx.tasks.wait_idle(30)
    tab.editor.set_value("s", MARKER)
    clock = idle_clock(controller)
    hold = Hold(controller)
    try:
        tab.save_consult.click()  # queued behind the backup
        idle_until_the_medical_lock(controller, clock)
        assert tab.is_locked
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    answerer = OfferAnswerer("Verder werken")
    try:
        tab.passphrase.set_value("passphrase", ARTS.medical_passphrase)
        tab.unlock_button.click()
        qtbot.waitUntil(lambda: not tab.is_locked, timeout=WAIT)
        controller.ctx.tasks.wait_idle(30)
        qtbot.wait(200)
    finally:
        answerer.stop()
    assert _consults_with(controller, tab.employee_id, MARKER) == 1  # the save went through
    assert answerer.texts == [], "a consult already stored was offered back as unsaved work"
    assert tab.editor.value("s") == ""


def test_holds_an_fml_saved_just_before_the_idle_lock_is_not_offered_back_as_unsaved(qtbot, controller):
    """Holds. As for the consult, with the FML form: "Opslaan" clicked while a backup runs, the
    idle lock seals the form as unsaved, the save (queued first) stores it and closes the form,
    and its draft goes with the closed window: nothing is offered back, nothing stored twice."""
    from desktop_app.domain.medical.kinds import EntryKind

    tab = open_medical_tab(qtbot, controller, ARTS)
    controller.ctx.tasks.wait_idle(30)
    dialog = tab.entry_dialog(EntryKind.FML)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.form.set_value("summary", MARKER)
    clock = idle_clock(controller)
    hold = Hold(controller)
    try:
        dialog.submit()  # queued behind the backup
        idle_until_the_medical_lock(controller, clock)
        assert tab.is_locked and not dialog.isVisible()
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    answerer = OfferAnswerer("Verder werken")
    try:
        tab.passphrase.set_value("passphrase", ARTS.medical_passphrase)
        tab.unlock_button.click()
        qtbot.waitUntil(lambda: not tab.is_locked, timeout=WAIT)
        controller.ctx.tasks.wait_idle(30)
        qtbot.wait(200)
    finally:
        answerer.stop()
    assert _consults_with(controller, tab.employee_id, MARKER) == 1
    assert answerer.texts == [], "an FML already stored was offered back as unsaved work"
    assert not dialog.isVisible()


# --- 5. the idle watcher at the focus widget ------------------------------------------------


def _commit(widget, text: str) -> None:
    from PySide6.QtGui import QInputMethodEvent

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_holds_a_focused_field_deleted_with_its_dialog_does_not_break_the_watcher(qtbot, controller):
    """Holds. A dialog whose field has the focus is deleted at once (a form closed by its own
    save, deleted in C++); the watcher's reference to the field is weak and checked: no crash,
    and dictation into the next focused field still postpones the lock."""
    import shiboken6
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    main = log_in(qtbot, controller, ARTS)
    clock = idle_clock(controller)
    dialog = QDialog(main)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.show()
    dialog.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=WAIT)
    shiboken6.delete(dialog)  # the C++ object goes while the field is the watched focus object
    QApplication.processEvents()
    second = QDialog(main)
    other = QLineEdit(second)
    QVBoxLayout(second).addWidget(other)
    second.show()
    second.activateWindow()
    other.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is other, timeout=WAIT)
    clock.advance(controller.idle.medical_lock_after - 10)
    _commit(other, "dictaat")
    assert controller.idle.remaining()[1] == controller.idle.full_lock_after
    second.close()


def test_holds_input_method_text_at_a_field_that_lost_the_focus_counts_no_longer(qtbot, controller):
    """Holds. Only the focus widget is filtered for input-method text: a field that lost the
    focus (its filter removed) does not postpone the lock, so the program's own events at old
    widgets keep nothing open."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    main = log_in(qtbot, controller, ARTS)
    clock = idle_clock(controller)
    dialog = QDialog(main)
    first, second = QLineEdit(dialog), QLineEdit(dialog)
    row = QVBoxLayout(dialog)
    row.addWidget(first)
    row.addWidget(second)
    dialog.show()
    dialog.activateWindow()
    first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first, timeout=WAIT)
    second.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is second, timeout=WAIT)
    clock.advance(100)
    before = controller.idle.remaining()
    _commit(first, "x")
    assert controller.idle.remaining() == before
    dialog.close()


# --- 6. dossiers closed and opened again before the closed window is deleted -------------------


def test_holds_a_dossier_closed_and_reopened_three_times_closes_with_the_next_user(qtbot, controller):
    """Holds. A hurried case manager closes and reopens the same dossier three times within one
    turn, locks (Ctrl+L), and a colleague logs in: no dossier window of the first user shows."""
    from tests.helpers.practices import CASEMANAGER
    from tests.ui.lock_helpers import visible_windows

    main = log_in(qtbot, controller, ARTS)
    employee_id = main.employees_model.rows[0].id
    windows = [main.open_dossier(employee_id)]
    for _ in range(3):
        windows[-1].close()
        windows.append(main.open_dossier(employee_id))
    qtbot.waitUntil(lambda: windows[-1].dossier is not None, timeout=WAIT)
    qtbot.wait(100)  # the closed ones are deleted meanwhile
    assert main.dossiers[employee_id] is windows[-1]
    controller.lock("handmatig")
    qtbot.waitUntil(lambda: controller.login.isVisible(), timeout=WAIT)
    new_main = log_in(qtbot, controller, CASEMANAGER)
    assert visible_windows() == [new_main]


def test_the_sealed_information_for_uwv_stays_on_screen_through_the_idle_lock(qtbot, controller):
    """The physician has the "Medische informatie voor de verzekeringsarts" form open (from the
    dossier's UWV-documenten, not from the Medisch tab) with the list of medical entries that go
    to UWV, and walks away. The medical idle lock seals and hides only the Medisch tab's own
    windows: this form stays on screen, the medical entries (here the diagnosis 'Surmenage')
    readable by whoever sits down after the medical section was locked."""
    from desktop_app.services import medical_entries

    main = _unlocked_main(qtbot, controller)
    employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    controller.ctx.call(medical_entries.add_entry, employee_id, "diagnosis",
                        {"system": "ICPC", "code": "P78", "description": "Surmenage"})
    dialog = window.uwv_documents()
    dialog.buttons["sealed"].click()
    qtbot.waitUntil(lambda: dialog.last_form is not None and dialog.last_form.entries.count() > 0, timeout=WAIT)
    sealed = dialog.last_form
    assert sealed.isVisible()
    clock = idle_clock(controller)
    idle_until_the_medical_lock(controller, clock)
    QApplication.processEvents()
    assert not controller.ctx.session.medical_unlocked
    shown = sealed.isVisible() and any("Surmenage" in sealed.entries.item(i).text()
                                       for i in range(sealed.entries.count()))
    sealed.discard_and_close()
    dialog.reject()
    assert not shown, "the medical entries for UWV stayed on screen after the medical lock"


# --- 7. the viewer with damaged files ----------------------------------------------------------


def _png() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def test_holds_damaged_and_good_attachments_one_after_the_other_each_show_as_they_are(qtbot, controller):
    """Holds. A PNG cut off after its signature, a PDF that is only a header, a good PNG and a
    PDF truncated in the middle, opened one after the other: the damaged ones say they cannot
    be shown, the good image shows (not the message left from before)."""
    from desktop_app.services import attachments
    from ui.viewer import UNREADABLE, AttachmentsDialog

    tab = open_medical_tab(qtbot, controller, ARTS)
    controller.ctx.tasks.wait_idle(30)
    good = _png()
    files = {"kapot.png": good[:40], "leeg.pdf": b"%PDF-1.7\n", "goed.png": good,
             "half.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj << /Ty"}
    ids = {}
    for name, data in files.items():
        ids[name] = controller.ctx.call(attachments.add_attachment, tab.employee_id, name, data).id
    dialog = AttachmentsDialog(controller.ctx, tab.employee_id, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    controller.ctx.tasks.wait_idle(30)
    rows = [dialog.list.item(i).data(0x0100) for i in range(dialog.list.count())]

    def opened(name: str) -> None:
        dialog.list.setCurrentRow(rows.index(ids[name]))
        controller.ctx.tasks.wait_idle(30)
        qtbot.wait(50)

    for name in ("kapot.png", "leeg.pdf", "goed.png", "half.pdf", "goed.png"):
        opened(name)
        if name == "goed.png":
            assert dialog.image.text() == "" and not dialog.image.pixmap().isNull(), name
        else:
            assert dialog.image.text() == UNREADABLE, name
        assert dialog.stack.currentIndex() == 0, name
    dialog.close()


def test_holds_a_consult_whose_save_fails_after_the_idle_lock_is_offered_back(qtbot, controller):
    """The other side of the fix above: the save waiting behind the backup is refused (here a
    date that does not exist), so nothing was stored, and the text sealed by the lock is offered
    back after the unlock rather than lost."""
    tab = open_medical_tab(qtbot, controller, ARTS)
    controller.ctx.tasks.wait_idle(30)
    tab.editor.set_value("s", MARKER)
    tab.editor.set_value("entry_date", "31-02-2026")
    clock = idle_clock(controller)
    hold = Hold(controller)
    try:
        tab.save_consult.click()  # queued behind the backup; refused when it runs
        idle_until_the_medical_lock(controller, clock)
        assert tab.is_locked
    finally:
        hold.let_go()
    controller.ctx.tasks.wait_idle(30)
    answerer = OfferAnswerer("Verder werken")
    try:
        tab.passphrase.set_value("passphrase", ARTS.medical_passphrase)
        tab.unlock_button.click()
        qtbot.waitUntil(lambda: not tab.is_locked, timeout=WAIT)
        controller.ctx.tasks.wait_idle(30)
        qtbot.waitUntil(lambda: tab.editor.value("s") == MARKER, timeout=WAIT)
    finally:
        answerer.stop()
    assert _consults_with(controller, tab.employee_id, MARKER) == 0
    assert len(answerer.texts) == 1


def test_the_uwv_and_request_previews_close_at_the_medical_lock(qtbot, controller):
    """The employee's UWV document (with its medical part) and a granted inspection or copy are
    shown in previews beside their dialogs; the medical idle lock closes them with the rest."""
    from tests.ui.test_medical_tab import _three_page_pdf
    from ui import request_outcome_dialogs
    from ui.uwv_dialog import UwvDocumentsDialog

    main = _unlocked_main(qtbot, controller)
    employee_id = main.employees_model.rows[0].id
    uwv = UwvDocumentsDialog(controller.ctx, employee_id, None, main)
    qtbot.addWidget(uwv)
    from ui import medical_windows
    from ui.pdf_preview import PdfPreview

    uwv._preview(PdfPreview("Probleemanalyse (werknemer)", _three_page_pdf(), uwv), medical_windows.asked())
    request_outcome_dialogs.show_pdf(uwv, "Afschrift", _three_page_pdf(), "afschrift.pdf")
    previews = [uwv.last_preview, uwv.preview]
    qtbot.waitUntil(lambda: all(p.isVisible() for p in previews), timeout=WAIT)
    idle_until_the_medical_lock(controller, idle_clock(controller))
    QApplication.processEvents()
    assert not controller.ctx.session.medical_unlocked
    assert [p.isVisible() for p in previews] == [False, False]


def test_a_problem_analysis_being_written_is_sealed_and_offered_back_at_the_medical_lock(qtbot, controller):
    """The physician writes the problem analysis (its medical part: "hernia ...") from the
    dossier's UWV-documenten and walks away. The medical idle lock hides the form and keeps its
    input as a draft, as for the Medisch tab's own forms; after the unlock it is offered back
    ("Verder werken") and the text is there again."""
    main = _unlocked_main(qtbot, controller)
    _employee_id, window = dossier_with_a_fresh_case(qtbot, controller, main)
    tab = window.medical
    tab.finish_building()
    tab.show_unlocked()
    dialog = window.uwv_documents()
    dialog.buttons["problem_analysis"].click()
    form = dialog.last_form
    qtbot.waitUntil(form.isVisible, timeout=WAIT)
    form.form.set_value("medical", MARKER)
    idle_until_the_medical_lock(controller, idle_clock(controller))
    QApplication.processEvents()
    assert not form.isVisible()
    assert MARKER not in visible_text()
    answerer = OfferAnswerer("Verder werken")
    try:
        tab.passphrase.set_value("passphrase", ARTS.medical_passphrase)
        tab.unlock_button.click()
        qtbot.waitUntil(lambda: not tab.is_locked, timeout=WAIT)
        qtbot.waitUntil(form.isVisible, timeout=WAIT)
    finally:
        answerer.stop()
    assert form.form.value("medical") == MARKER
    assert len(answerer.texts) == 1
