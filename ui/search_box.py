"""The search box, always at hand (Ctrl+F): results as you type, Enter opens the dossier."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFrame, QLineEdit, QListView, QVBoxLayout

from ui.context import AppContext
from ui.models import IdRole, nl_date


class SearchBox(QLineEdit):
    open_employee = Signal(int)

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.found: list | None = None  # the last answer shown
        self.setObjectName("search_box")
        self.setPlaceholderText("Zoek werknemer: naam, geboortedatum, personeelsnr. of werkgever (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(max(420, self.fontMetrics().horizontalAdvance(self.placeholderText()) + 48))
        self.popup = QFrame(self, Qt.WindowType.Popup)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.results = QListView(self.popup)
        self.results.setObjectName("search_results")
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.model = QStandardItemModel(self)
        self.results.setModel(self.model)
        self.results.activated.connect(self._activated)
        self.results.installEventFilter(self)
        col = QVBoxLayout(self.popup)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.results)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._enter)

    SHOWN = 50  # the first results at once; "Alle … tonen" brings the rest

    def _search(self, limit: int | None = None) -> None:
        query = self.text()
        if not query.strip():
            self.popup.hide()
            return
        self._ask(query, limit)

    def _ask(self, query: str, limit: int | None = None) -> None:
        from ui.operations import read

        self.found = None
        read(self, self.ctx, _find, query, limit or self.SHOWN) \
            .success(lambda answer, q=query: self._show(q, *answer)).run_in_background()

    def search_now(self, limit: int | None = None) -> None:
        """Search at once (keyboard Enter, tests); the results show when the core answers and
        are then in ``found``."""
        self._timer.stop()
        self._ask(self.text(), limit)

    def _show(self, query: str, found: list, total: int | None = None) -> None:
        if query != self.text():
            return  # an older answer
        self.found = found
        total = len(found) if total is None else total
        self.model.clear()
        if found:  # the count first: nothing stops silently at the first page
            shown = f"{total} gevonden" if total == len(found) else f"{total} gevonden, de eerste {len(found)} getoond"
            head = QStandardItem(shown)
            head.setEnabled(False)
            self.model.appendRow(head)
        for e in found:
            item = QStandardItem(f"{e.list_name}  ·  {nl_date(e.birth_date)}  ·  {e.employer_name}")
            item.setData(e.id, IdRole)
            self.model.appendRow(item)
        if total > len(found):
            more = QStandardItem(f"Alle {total} tonen…")
            more.setData(total, MoreRole)
            self.model.appendRow(more)
        if not found:
            item = QStandardItem("Niets gevonden")
            item.setEnabled(False)
            self.model.appendRow(item)
        self.popup.resize(max(self.width(), 520), min(360, 26 * self.model.rowCount() + 8))
        self.popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        if not self.popup.isVisible():
            self.popup.show()
            self.setFocus()
        if found:
            self.results.setCurrentIndex(self.model.index(1, 0))

    def _enter(self) -> None:
        if self.model.rowCount() and self.popup.isVisible():
            self._activated(self.results.currentIndex())
        else:
            self.search_now()

    def _activated(self, index) -> None:
        if index.data(MoreRole):
            self._search(int(index.data(MoreRole)))
            return
        employee_id = index.data(IdRole)
        if employee_id:
            self.popup.hide()
            self.open_employee.emit(int(employee_id))

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if self.popup.isVisible() and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.results.setFocus()
            self.results.keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.popup.hide()
            self.clear()
            return
        super().keyPressEvent(event)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.results and event.type() == QEvent.Type.KeyPress and event.key() not in (
                Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.setFocus()
            self.keyPressEvent(event)
            return True
        return False


MoreRole = IdRole + 7


def _find(session, query: str, limit: int):
    """The first ``limit`` employees found, and how many there are in all."""
    from desktop_app.services import employees

    return employees.search(session, query, limit), employees.search_count(session, query)
