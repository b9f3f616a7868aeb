"""The crash hook: reports without personal data, handed to the GUI thread, each kind once."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from ui.crash import CRASH_TEXT, CrashHook, kind_of, safe_report, short_path, show_crash_dialog
from ui.taskman import TaskManager

pytestmark = pytest.mark.gui

SECRET = "Jansen BSN 123456782"


def load_dossier(naam):
    dossier = {"naam": naam, "bsn": "123456782"}
    return dossier["diagnose"]  # KeyError holding a key; the locals hold personal data


def save_dossier():
    try:
        load_dossier("Jansen")
    except KeyError as exc:
        raise ValueError(f"opslaan mislukt voor {SECRET}") from exc


def caught():
    try:
        save_dossier()
    except ValueError:
        return sys.exc_info()
    raise AssertionError("no exception")


def test_the_report_holds_types_and_frames_but_no_messages_or_values():
    exc_type, exc, tb = caught()
    report = safe_report(exc_type, exc, tb)
    assert "KeyError" in report
    assert "ValueError" in report
    assert "which caused:" in report
    assert "tests/ui/test_crash.py" in report
    for function in ("load_dossier", "save_dossier", "caught"):
        assert f" in {function}" in report
    line = load_dossier.__code__.co_firstlineno + 2
    assert f"tests/ui/test_crash.py:{line} in load_dossier" in report
    for secret in ("Jansen", "123456782", "diagnose", "opslaan mislukt", "naam"):
        assert secret not in report


def test_paths_lose_the_folders_above_the_program():
    assert short_path("/home/jansen/arbokluis/ui/dossier.py") == "ui/dossier.py"
    assert short_path("C:\\Users\\jansen\\AppData\\Local\\Arbokluis\\desktop_app\\vault\\slots.py") \
        == "desktop_app/vault/slots.py"
    assert short_path("/home/jansen/.venv/lib/python3.11/site-packages/sqlcipher3/dbapi2.py") \
        == "sqlcipher3/dbapi2.py"
    assert short_path("/usr/lib/python3.11/threading.py") == "threading.py"
    assert short_path("<frozen runpy>") == "<frozen runpy>"


def test_an_exception_from_the_database_thread_keeps_its_frames(qtbot):
    tasks = TaskManager()
    errors = []
    tasks.run(save_dossier, on_failure=errors.append)
    assert tasks.wait_idle()
    tasks.close()
    exc = errors[0]
    assert exc.__traceback__ is None
    report = safe_report(type(exc), exc, None)
    assert "ValueError (database thread)" in report
    assert " in load_dossier" in report
    assert "Jansen" not in report
    assert kind_of(type(exc), exc, None).startswith("ValueError@tests/ui/test_crash.py:")


def test_each_kind_is_shown_once_on_the_gui_thread(qtbot, caplog):
    gui = threading.get_ident()
    shown = []
    hook = CrashHook(show=lambda report: shown.append((report, threading.get_ident())))
    with caplog.at_level(logging.ERROR, logger="ui.crash"):
        for _ in range(3):
            hook.excepthook(*caught())
        try:
            {}["elders"]
        except KeyError:
            hook.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: len(shown) == 2)
    qtbot.wait(50)
    assert len(shown) == 2
    assert all(thread == gui for _report, thread in shown)
    assert "ValueError" in shown[0][0]
    assert "Arbokluis" in shown[0][0]
    assert "KeyError" in shown[1][0]
    assert "elders" not in shown[1][0]
    assert len(caplog.records) == 4  # every occurrence is logged, without messages
    assert all(SECRET not in r.getMessage() and "elders" not in r.getMessage()
               for r in caplog.records)


@pytest.mark.expect_log("ui.crash", "ERROR", match="unexpected error")
def test_a_thread_exception_reaches_the_gui_thread(qtbot):
    gui = threading.get_ident()
    shown = []
    before = sys.excepthook, threading.excepthook
    hook = CrashHook(show=lambda report: shown.append((report, threading.get_ident()))).install()
    try:
        assert sys.excepthook == hook.excepthook
        thread = threading.Thread(target=save_dossier)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: len(shown) == 1)
    finally:
        hook.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
    report, thread_id = shown[0]
    assert thread_id == gui
    assert "in save_dossier" in report
    assert "Jansen" not in report


def test_system_exit_in_a_thread_is_not_a_crash(qtbot):
    shown = []
    hook = CrashHook(show=shown.append).install()
    try:
        thread = threading.Thread(target=sys.exit)
        thread.start()
        thread.join()
        qtbot.wait(50)
    finally:
        hook.uninstall()
    assert shown == []


def test_the_dialog_is_plain_text_and_copies_the_report(qtbot):
    report = "Arbokluis 1.0\nValueError\n  ui/x.py:1 in <b>f</b>\n"
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        label = box.findChild(QLabel, "qt_msgbox_label")
        seen.append((label.textFormat(), label.text(), box.detailedText(),
                     sorted(b.text() for b in box.buttons())))
        next(b for b in box.buttons() if b.text() == "Rapport kopiëren").click()

    QTimer.singleShot(0, answer)
    show_crash_dialog(report)
    assert seen[0][0] == Qt.TextFormat.PlainText
    assert seen[0][1] == CRASH_TEXT
    assert seen[0][2] == report
    assert "Rapport kopiëren" in seen[0][3]
    assert "Sluiten" in seen[0][3]
    assert QGuiApplication.clipboard().text() == report
