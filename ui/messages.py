"""Message boxes that are always plain text, so a name like "<b>Jansen</b>" stays literal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def show_error(parent: QWidget | None, message: str, title: str = "Arbokluis") -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, message)
    box.addButton("OK", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_info(parent: QWidget | None, message: str, title: str = "Arbokluis") -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, message)
    box.addButton("OK", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask_yes_no(parent: QWidget | None, question: str, title: str = "Arbokluis") -> bool:
    box = _box(parent, QMessageBox.Icon.Question, title, question)
    yes = box.addButton("Ja", QMessageBox.ButtonRole.YesRole)
    box.addButton("Nee", QMessageBox.ButtonRole.NoRole)
    box.exec()
    return box.clickedButton() is yes


def ask_save_discard_cancel(parent: QWidget | None, question: str, title: str = "Arbokluis") -> str:
    box = _box(parent, QMessageBox.Icon.Question, title, question)
    save = box.addButton("Opslaan", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Niet opslaan", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL
