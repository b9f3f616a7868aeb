"""Message boxes that are always plain text, so a name like "<b>Jansen</b>" stays literal.

Qt guesses rich text from a leading tag (``Qt.AutoText``); every box here sets
``Qt.TextFormat.PlainText`` instead. Button texts are Dutch.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

TITLE = "Arbokluis"
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def plain_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A message box whose text is shown as typed; add buttons and ``exec()`` it."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def show_error(parent: QWidget | None, message: str, title: str = TITLE) -> None:
    box = plain_box(parent, QMessageBox.Icon.Warning, title, message)
    box.addButton("OK", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_info(parent: QWidget | None, message: str, title: str = TITLE) -> None:
    box = plain_box(parent, QMessageBox.Icon.Information, title, message)
    box.addButton("OK", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask_yes_no(parent: QWidget | None, question: str, title: str = TITLE) -> bool:
    """True for "Ja"; "Nee", Escape and closing the box are False. "Nee" is the default."""
    box = plain_box(parent, QMessageBox.Icon.Question, title, question)
    yes = box.addButton("Ja", QMessageBox.ButtonRole.YesRole)
    no = box.addButton("Nee", QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def ask_save_discard_cancel(parent: QWidget | None, question: str, title: str = TITLE) -> str:
    """``SAVE``, ``DISCARD`` or ``CANCEL`` (also for Escape and closing the box)."""
    box = plain_box(parent, QMessageBox.Icon.Question, title, question)
    save = box.addButton("Opslaan", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Niet opslaan", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL
