"""Message boxes: plain text always, Dutch buttons, and the answer each button gives."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from ui import messages

pytestmark = pytest.mark.gui

NAME = "<b>Jansen</b> & <i>de Vries</i>"


def answer(button_text: str | None, seen: list) -> None:
    """When the next message box is up, record it and click ``button_text`` (None: Escape)."""
    tries = [0]

    def attempt():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            tries[0] += 1
            if tries[0] < 500:
                QTimer.singleShot(10, attempt)
            return
        label = box.findChild(QLabel, "qt_msgbox_label")
        seen.append({"format": box.textFormat(), "label_format": label.textFormat(),
                     "label": label.text(), "buttons": [b.text() for b in box.buttons()]})
        if button_text is None:
            box.reject()
        else:
            next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, attempt)


def test_an_error_with_markup_in_a_name_is_shown_literally(qtbot):
    seen = []
    answer("OK", seen)
    messages.show_error(None, f"{NAME} heeft geen dossier.")
    assert seen == [{"format": Qt.TextFormat.PlainText, "label_format": Qt.TextFormat.PlainText,
                     "label": f"{NAME} heeft geen dossier.", "buttons": ["OK"]}]


def test_info_is_plain_text(qtbot):
    seen = []
    answer("OK", seen)
    messages.show_info(None, NAME)
    assert seen[0]["label"] == NAME
    assert seen[0]["label_format"] == Qt.TextFormat.PlainText


@pytest.mark.parametrize(("button", "expected"), [("Ja", True), ("Nee", False), (None, False)])
def test_yes_no(qtbot, button, expected):
    seen = []
    answer(button, seen)
    assert messages.ask_yes_no(None, f"{NAME} verwijderen?") is expected
    assert sorted(seen[0]["buttons"]) == ["Ja", "Nee"]
    assert seen[0]["label"] == f"{NAME} verwijderen?"


@pytest.mark.parametrize(("button", "expected"), [
    ("Opslaan", messages.SAVE), ("Niet opslaan", messages.DISCARD),
    ("Annuleren", messages.CANCEL), (None, messages.CANCEL),
])
def test_save_discard_cancel(qtbot, button, expected):
    seen = []
    answer(button, seen)
    assert messages.ask_save_discard_cancel(None, f"Wijzigingen voor {NAME} opslaan?") == expected
    assert sorted(seen[0]["buttons"]) == ["Annuleren", "Niet opslaan", "Opslaan"]
    assert seen[0]["label_format"] == Qt.TextFormat.PlainText


def test_plain_box_stays_plain_for_text_that_looks_like_rich_text(qtbot):
    box = messages.plain_box(None, QMessageBox.Icon.Information, "<b>titel</b>", "<p>Jansen</p>")
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "<p>Jansen</p>"
    box.deleteLater()
