"""Ctrl+L and Ctrl+Shift+L while a modal window is open (the attachment viewer, a form opened
with exec(), the "U was bezig met" box): exactly where medical content is on screen.

The main window's actions carry these keys as application shortcuts, but Qt matches no
shortcut of a window that a modal window blocks, so inside a modal window the keys did nothing.
This filter sits on the window that has the focus while a modal window is active (its QWindow,
which the windowing system hands the key to, and the modal widget, which keys sent to one of
its widgets reach when the widget does not use them) and triggers the action. Outside a modal
window it lets every key through: there the shortcut itself answers, before any key event."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication


class ModalLockKeys(QObject):
    def __init__(self, app: QGuiApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions: list[QAction] = []
        app.focusWindowChanged.connect(self._watch)

    def use(self, actions: list[QAction | None]) -> None:
        """The actions whose keys count inside a modal window (the main window's, after a login)."""
        self._actions = [a for a in actions if a is not None]

    def _watch(self, window) -> None:
        modal = QApplication.activeModalWidget()
        if window is None or modal is None:
            return
        window.installEventFilter(self)  # twice is harmless: Qt keeps one filter per object
        modal.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or QApplication.activeModalWidget() is None:
            return False
        pressed = QKeySequence(event.keyCombination())
        for action in self._actions:
            try:
                wanted = action.shortcut()
            except RuntimeError:  # the main window of an earlier login, deleted
                continue
            if not wanted.isEmpty() and pressed.matches(wanted) == QKeySequence.SequenceMatch.ExactMatch:
                if action.isEnabled():
                    action.trigger()
                return True
        return False
