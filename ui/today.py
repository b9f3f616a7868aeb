""""Vandaag": the sections the core returns (``services.today``), one line per thing due.

Each line opens the dossier it concerns (double-click or Enter). Which sections there are, their
lines and which are late is the core's answer; the window only shows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from desktop_app.services import today as today_service
from ui.columns import SIZE_FROM_ROWS
from ui.columns import install as install_column_tips
from ui.context import AppContext
from ui.models import IdRole, nl_date
from ui.today_model import HEADERS, TodayModel


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
        self.model = TodayModel(self)
        self.view = QTableView()
        self.view.setObjectName("today_view")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        self.view.horizontalHeader().setResizeContentsPrecision(SIZE_FROM_ROWS)  # the rows on screen, not 1,000
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        install_column_tips(self.view)  # a cut cell shows its whole text as tooltip
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
        self._keys = [section.key for section in today.sections]
        self.model.show(today)  # a reset: nothing is made per line (ui.today_model)
        self.view.clearSpans()
        for row in self.model.heads:  # a section's title runs across the row
            self.view.setSpan(row, 0, 1, len(HEADERS))
        for column in range(len(HEADERS) - 1):
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
        return len(self.model.sections[self._keys.index(key)].lines)

    def line_index(self, key: str, line: int, column: int = 0):
        """The model index of line ``line`` (from 0) of section ``key``, as shown."""
        return self.model.index(self.model.line_row(self._keys.index(key), line), column)

    def head_index(self, key: str):
        """The model index of section ``key``'s head row."""
        return self.model.index(self.model.heads[self._keys.index(key)], 0)
