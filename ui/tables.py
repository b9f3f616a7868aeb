"""Small widgets the dossier tabs share: a read-only table, filling it, a plain-text label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem

from desktop_app.domain import dates


def nl(d) -> str:
    return dates.nl_date(d)


def table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setStretchLastSection(True)
    t.setWordWrap(True)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 10)
    from ui.columns import install

    install(t)  # a cut cell shows its whole text as tooltip
    return t


def fill(t: QTableWidget, rows: list[list[str]], data: list | None = None) -> None:
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if data is not None:
                item.setData(Qt.ItemDataRole.UserRole, data[r])
            t.setItem(r, c, item)
    from ui.columns import fit_columns

    fit_columns(t)  # to the contents, but no column pushes the next ones out of sight


def plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label
