"""Locking with a modal medical dialog open: the dialog is hidden with everything else, its text
readable nowhere, and it comes back, still modal and with the text typed, after the same user
logs in and unlocks the medical section. The dialog's own ``exec()`` never notices the lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.domain.medical.kinds import EntryKind
from tests.helpers.clock import ManualClock
from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in
from tests.ui.lock_helpers import (
    MARKER,
    OfferAnswerer,
    open_medical_tab,
    unlock_tab,
    visible_text,
    visible_windows,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def tab(qtbot, controller):
    return open_medical_tab(qtbot, controller, ARTS)


def _with_open_fml(qtbot, tab, *stages):
    """Open the FML from the tab as the menu does (its exec() blocks), type the marker into it,
    then run each of ``stages(dialog)`` from the event loop, one after the other (so the lock in
    one stage ends the dialog's event loop before the next stage runs). A stage that returns
    False is not ready yet and runs again a little later. Returns the results the dialog
    finished with."""
    failures: list[BaseException] = []
    result: list[int] = []
    opened: list = []

    def fail(exc: BaseException) -> None:
        from ui.lock_curtain import curtain

        failures.append(exc)
        curtain().drop(everything=True)
        if opened:
            opened[0].discard_and_close()

    def run(i: int, tries: int = 0) -> None:
        try:
            if i == 0 and not opened:
                opened.append(QApplication.activeModalWidget())
                qtbot.keyClicks(opened[0].form.widgets["summary"], MARKER)
            if stages[i](opened[0]) is False:
                if tries > 500:
                    raise AssertionError(f"stage {i} never got ready")
                QTimer.singleShot(20, lambda: run(i, tries + 1))
                return
        except BaseException as exc:  # noqa: BLE001 - re-raised below, outside the event loop
            fail(exc)
            return
        if i + 1 < len(stages):
            QTimer.singleShot(0, lambda: run(i + 1))

    QTimer.singleShot(0, lambda: run(0))
    original = tab.entry_dialog

    def dialog_of(kind):
        dialog = original(kind)
        dialog.finished.connect(result.append)
        return dialog

    tab.entry_dialog = dialog_of
    tab.new_entry(EntryKind.FML)
    if failures:
        raise failures[0]
    return result


def test_the_screen_lock_hides_an_open_modal_fml(qtbot, controller, tab):
    seen = {}

    def steps(dialog):
        controller.os_lock.locked.emit("scherm vergrendeld")
        seen["dialog visible"] = dialog.isVisible()
        seen["windows"] = visible_windows()
        seen["text"] = visible_text()
        dialog.discard_and_close()

    _with_open_fml(qtbot, tab, steps)
    assert seen["dialog visible"] is False
    assert seen["windows"] == [controller.login]
    assert MARKER not in seen["text"]


def test_the_hidden_fml_holds_no_text_while_locked(qtbot, controller, tab):
    seen = {}

    def steps(dialog):
        controller.lock("handmatig")
        seen["summary"] = dialog.form.value("summary")
        dialog.discard_and_close()

    _with_open_fml(qtbot, tab, steps)
    assert seen["summary"] == ""


def test_the_fml_comes_back_as_it_was_after_the_same_user_unlocks(qtbot, controller, tab):
    seen = {}

    def lock(dialog):
        controller.lock("inactief")

    def unlock(dialog):
        log_in(qtbot, controller, ARTS)
        seen["hidden until the medical unlock"] = not dialog.isVisible()
        answer = OfferAnswerer("Verder werken")
        unlock_tab(qtbot, tab, ARTS.medical_passphrase)
        answer.stop()
        seen["offer"] = answer.texts

    def back(dialog):
        if QApplication.activeModalWidget() is not dialog:
            return False
        seen["summary"] = dialog.form.value("summary")
        dialog.discard_and_close()
        return True

    result = _with_open_fml(qtbot, tab, lock, unlock, back)
    assert seen["hidden until the medical unlock"] is True
    assert seen["offer"] == ["U was bezig met Functionele mogelijkhedenlijst (FML).\n\n"
                             "Dit werk is bij het vergrendelen bewaard: versleuteld, alleen in het "
                             "geheugen van dit programma, en alleen voor u. Wilt u verder waar u was?"]
    assert seen["summary"] == MARKER
    assert result == [0]  # exec() ended once, when the user closed the FML, not at the lock


def test_the_fml_is_saved_after_the_lock_as_if_nothing_happened(qtbot, controller, tab):
    from desktop_app.services import medical_entries

    def lock(dialog):
        controller.lock("inactief")

    def unlock(dialog):
        log_in(qtbot, controller, ARTS)
        answer = OfferAnswerer("Verder werken")
        unlock_tab(qtbot, tab, ARTS.medical_passphrase)
        answer.stop()

    def save(dialog):
        if QApplication.activeModalWidget() is not dialog:
            return False
        dialog.submit()
        return True

    result = _with_open_fml(qtbot, tab, lock, unlock, save)
    assert result == [1]
    saved = [e for e in controller.ctx.call(medical_entries.list_entries, tab.employee_id)
             if e.body.get("summary") == MARKER]
    assert len(saved) == 1


def test_the_medical_idle_lock_hides_the_fml_and_the_window_stays(qtbot, controller, tab):
    clock = ManualClock()
    controller.idle.use_clock(clock)
    seen = {}

    def steps(dialog):
        clock.advance(controller.idle.medical_lock_after + 1)
        seen["dialog visible"] = dialog.isVisible()
        seen["dossier visible"] = tab.window().isVisible()
        seen["text"] = visible_text()
        seen["waiting"] = tab.waiting.text()
        dialog.discard_and_close()

    _with_open_fml(qtbot, tab, steps)
    assert seen["dialog visible"] is False
    assert seen["dossier visible"] is True
    assert MARKER not in seen["text"]
    assert seen["waiting"] == ("U was bezig met Functionele mogelijkhedenlijst (FML). "
                               "Ontgrendel het medische deel om verder te gaan.")


def test_other_windows_come_back_after_the_same_user_logs_in(qtbot, controller, tab):
    dossier = tab.window()
    controller.lock("handmatig")
    log_in(qtbot, controller, ARTS)
    assert dossier.isVisible()


def test_another_user_gets_none_of_the_windows_back(qtbot, controller, tab):
    from tests.helpers.practices import CASEMANAGER

    controller.lock("handmatig")
    main = log_in(qtbot, controller, CASEMANAGER)
    assert visible_windows() == [main]


def test_any_modal_dialog_of_a_dossier_is_hidden_and_back_after_the_login(qtbot, controller, tab):
    """Not only medical forms: any dialog a window runs with exec() waits behind the lock."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    dossier = tab.window()
    dialog = QDialog(dossier)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    seen: dict = {}

    def lock() -> None:
        qtbot.keyClicks(field, "Jansen, adres Dorpsstraat 1")
        controller.lock("handmatig")
        seen["hidden"] = not dialog.isVisible()

    def come_back() -> None:
        log_in(qtbot, controller, ARTS)
        QTimer.singleShot(0, look)

    def look() -> None:
        if QApplication.activeModalWidget() is not dialog:
            QTimer.singleShot(20, look)
            return
        seen["text"] = field.text()
        dialog.accept()

    QTimer.singleShot(0, lock)
    QTimer.singleShot(50, come_back)
    seen["result"] = dialog.exec()
    assert seen["hidden"] is True
    assert seen["text"] == "Jansen, adres Dorpsstraat 1"
    assert seen["result"] == 1  # exec() ended with the user's own choice, after the lock
