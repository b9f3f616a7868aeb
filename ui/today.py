""""Vandaag": the sections the core returns (``services.today``), one line per thing due.

Each line opens the dossier it concerns (double-click or Enter). Which sections there are, their
lines and which are late is the core's answer; the window only shows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QPushButton, QTreeView, QVBoxLayout, QWidget

from desktop_app.services import today as today_service
from ui.columns import SIZE_FROM_ROWS
from ui.context import AppContext
from ui.models import IdRole, nl_date


class TodayView(QWidget):
    open_employee = Signal(int)

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._keys: list[str] = []
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        layout.addWidget(self.title)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(["Werknemer", "Werkgever", "Stap", "Datum"])
        self.view = QTreeView()
        self.view.setObjectName("today_view")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.header().setResizeContentsPrecision(SIZE_FROM_ROWS)  # the rows on screen, not 1,000
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(self._activated)
        layout.addWidget(self.view)
        plan = QPushButton("Inplannen op spreekuur…")
        plan.setObjectName("today_plan")
        plan.setToolTip("Plan de werknemer van de gekozen regel in op een vrij spreekuur.")
        plan.clicked.connect(self._plan)
        layout.addWidget(plan, alignment=Qt.AlignmentFlag.AlignLeft)

    def refresh(self) -> None:
        self.ctx.run(today_service.today, on_success=self._show, owner=self)

    def _show(self, today: today_service.Today) -> None:
        self.title.setText(f"Vandaag — {nl_date(today.on)}")
        # Filled while the view does not watch, then shown at once: on the large practice, some
        # thousand rows appended to a model on screen froze the window for a fifth of a second
        # (gui_stall_max_ms). The model itself stays (an index held elsewhere keeps its model).
        old_selection = self.view.selectionModel()
        self.view.setModel(None)
        self.model.removeRows(0, self.model.rowCount())
        self._keys = [section.key for section in today.sections]
        for section in today.sections:
            head = QStandardItem(f"{section.title} ({len(section.lines)})")
            head.setEditable(False)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            for line in section.lines:
                cells = [QStandardItem(line.employee_name), QStandardItem(line.employer_name),
                         QStandardItem(line.label), QStandardItem(nl_date(line.due))]
                for cell in cells:
                    cell.setData(line.employee_id, IdRole)
                    cell.setEditable(False)
                if line.late:
                    cells[3].setForeground(Qt.GlobalColor.darkRed)
                head.appendRow(cells)
            self.model.appendRow([head, QStandardItem(), QStandardItem(), QStandardItem()])
        self.view.setModel(self.model)
        if old_selection is not None:
            old_selection.deleteLater()  # setModel makes a new one; Qt leaves the old to its owner
        self.view.expandAll()
        for column in range(4):
            self.view.resizeColumnToContents(column)

    def _activated(self, index) -> None:
        employee_id = index.data(IdRole)
        if employee_id:
            self.open_employee.emit(int(employee_id))

    def plan_dialog(self):
        """"Inplannen…" for the employee of the chosen line (a coming step), or None."""
        from ui.agenda_plan import PlanDialog

        index = self.view.currentIndex()
        employee_id = index.data(IdRole) if index.isValid() else None
        if not employee_id:
            return None
        name = index.siblingAtColumn(0).data()
        return PlanDialog(self.ctx, int(employee_id), name or "", parent=self)

    def _plan(self) -> None:
        from ui import messages
        from ui.agenda_plan import plan_text

        dialog = self.plan_dialog()
        if dialog is None:
            messages.show_info(self, "Kies eerst een regel met een werknemer, bijvoorbeeld een stap die binnenkort komt.")
            return
        if dialog.exec() and dialog.booked is not None:
            messages.show_info(self, plan_text(dialog.booked))

    def section_keys(self) -> list[str]:
        """The sections shown, in order (the ones the core returned)."""
        return list(self._keys)

    def line_count(self, key: str) -> int:
        """Lines shown in section ``key``; 0 when the section is not shown."""
        if key not in self._keys:
            return 0
        item = self.model.item(self._keys.index(key), 0)
        return item.rowCount() if item else 0
