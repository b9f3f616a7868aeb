"""Vandaag's lines as one flat table over the core's answer: each section a bold head row, its
lines below it. Nothing is made per line, and a table view lays out no row it does not show:
on the large practice, some 2,400 lines cost what the rows on screen cost (a tree view walked
every line through Python on each refresh, 40-130 ms of a stalled window)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop_app.services.today import Today, TodayLine, TodaySection
from ui.models import IdRole, nl_date

HEADERS = ("Werknemer", "Werkgever", "Stap", "Datum")
_ROOT = QModelIndex()
_BOLD = QFont()
_BOLD.setBold(True)
_LATE = QColor(Qt.GlobalColor.darkRed)  # a colour, not the enum: a view paints only a QColor or QBrush


class TodayModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.sections: list[TodaySection] = []
        self.heads: list[int] = []  # the row of each section's head
        self._rows: list[tuple[int, int]] = []  # (section, line) per row; line -1 for a head

    def show(self, today: Today) -> None:
        self.beginResetModel()
        self.sections = list(today.sections)
        self.heads, self._rows = [], []
        for number, section in enumerate(self.sections):
            self.heads.append(len(self._rows))
            self._rows.append((number, -1))
            self._rows.extend((number, i) for i in range(len(section.lines)))
        self.endResetModel()

    def line(self, index: QModelIndex) -> TodayLine | None:
        """The line of ``index``; None for a section's head."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        section, line = self._rows[index.row()]
        return self.sections[section].lines[line] if line >= 0 else None

    def line_row(self, section: int, line: int) -> int:
        return self.heads[section] + 1 + line

    # Qt
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        number, at = self._rows[index.row()]
        if at < 0:  # a section's head: its title and count, in bold, across the row
            if index.column():
                return None
            section = self.sections[number]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{section.title} ({len(section.lines)})"
            return _BOLD if role == Qt.ItemDataRole.FontRole else None
        line = self.sections[number].lines[at]
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.employee_name, line.employer_name, line.label, nl_date(line.due))[index.column()]
        if role == IdRole:
            return line.employee_id
        if role == Qt.ItemDataRole.ForegroundRole and line.late and index.column() == 3:
            return _LATE
        return None
