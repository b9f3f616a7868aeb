""""Vandaag": overdue and coming Poortwachter steps and cases without recent contact.

Each line opens the dossier it concerns (double-click or Enter).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QTreeView, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from ui.context import AppContext
from ui.models import IdRole, nl_date


class TodayView(QWidget):
    open_employee = Signal(int)

    SECTIONS = (
        ("overdue", "Te laat"),
        ("coming", "Binnenkort (14 dagen)"),
        ("contact", "Geen contact in de laatste 6 weken"),
        ("requests", "Verzoeken van werknemers (termijn binnen 7 dagen of verstreken)"),
        ("consents", "Toestemmingen die binnen 30 dagen verlopen"),
        ("retention", "Bewaartermijnen die binnen een maand verstrijken"),
        ("backup", "Back-up"),
    )

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
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
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(self._activated)
        layout.addWidget(self.view)

    def refresh(self) -> None:
        self.ctx.run(_today_lines, on_success=self._show, owner=self)
        self.title.setText(f"Vandaag — {date.today():%d-%m-%Y}")

    def _show(self, sections: dict) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for key, label in self.SECTIONS:
            lines = sections.get(key, [])
            head = QStandardItem(f"{label} ({len(lines)})")
            head.setEditable(False)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            for line in lines:
                cells = [QStandardItem(line.employee_name), QStandardItem(getattr(line, "employer_name", "")),
                         QStandardItem(line.label if key != "contact" else "Laatste contact"),
                         QStandardItem(nl_date(line.due))]
                for cell in cells:
                    cell.setData(line.employee_id, IdRole)
                    cell.setEditable(False)
                if key == "overdue" or (key == "requests" and line.due < date.today()):
                    cells[3].setForeground(Qt.GlobalColor.darkRed)
                head.appendRow(cells)
            self.model.appendRow([head, QStandardItem(), QStandardItem(), QStandardItem()])
        self.view.expandAll()
        for column in range(4):
            self.view.resizeColumnToContents(column)

    def _activated(self, index) -> None:
        employee_id = index.data(IdRole)
        if employee_id:
            self.open_employee.emit(int(employee_id))

    def line_count(self, key: str) -> int:
        for row, (k, _label) in enumerate(self.SECTIONS):
            if k == key:
                return self.model.item(row, 0).rowCount() if self.model.item(row, 0) else 0
        return 0


def _today_lines(session) -> dict:
    """On the database thread: each section the user may see (the core says which)."""
    from desktop_app.services import cases, requests

    return {
        "overdue": cases.overdue(session, limit=300),
        "coming": cases.coming(session, limit=300),
        "contact": cases.without_recent_contact(session, limit=300),
        "requests": requests.due_soon(session),
        "consents": requests.consents_expiring(session)
        if session.may(Permission.CONSENT_WORDING) else [],
        "retention": _retention_lines(session),
        "backup": _backup_lines(session),
    }


@dataclass(frozen=True)
class _Line:
    employee_id: int
    employee_name: str
    label: str
    due: date
    employer_name: str = ""


def _retention_lines(session) -> list:
    from desktop_app.services import retention

    if not session.may(Permission.DESTROY):
        return []
    return [_Line(i.employee_id, i.name, f"Bewaartermijn: {i.category.label}", i.due)
            for i in retention.due(session, within_days=31)]


def _backup_lines(session) -> list:
    """A reminder when the last backup is older than the setting, for those who make backups."""
    from desktop_app.services import settings

    if not session.may(Permission.BACKUP):
        return []
    values = settings.all_settings(session)
    last = values.get("last_backup")
    days = settings.minutes(values, "backup_reminder_days")
    last_day = date.fromisoformat(last[:10]) if last else None
    if last_day is not None and (session.today() - last_day).days <= days:
        return []
    text = f"Laatste back-up {last_day:%d-%m-%Y}" if last_day else "Er is nog geen back-up gemaakt"
    return [_Line(0, text, "Maak een back-up (menu Praktijk)", last_day or session.today())]
