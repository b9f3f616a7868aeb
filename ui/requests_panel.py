"""Requests under the employee's rights, with their deadlines: registering and handling them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from ui import messages
from ui.context import AppContext
from ui.request_dialog import RequestDialog
from ui.request_register_dialog import RegisterRequestDialog
from ui.tables import fill, nl, plain, table


class RequestsPanel(QWidget):
    """Part of the rights tab: the employee's requests and their deadlines."""

    def __init__(self, ctx: AppContext, employee_id: int, held: frozenset[Permission], parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        self.dialog = None
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(plain("Verzoeken van de werknemer"))
        self.requests_table = table(["Ontvangen", "Soort", "Verzoeker", "Status", "Uiterlijk"], "requests_table")
        self.requests_table.doubleClicked.connect(lambda _i: self._handle())
        col.addWidget(self.requests_table)
        row = QHBoxLayout()
        self.actions: dict[str, QPushButton] = {}
        for key, text, slot, needed in (
                ("request", "Verzoek registreren…", self._request, {Permission.PRACTICE_WRITE}),
                ("handle", "Verzoek behandelen…", self._handle, {Permission.PRACTICE_WRITE})):
            if not needed <= held:
                continue
            b = QPushButton(text)
            b.setObjectName(f"rights_{key}")
            b.clicked.connect(slot)
            self.actions[key] = b
            row.addWidget(b)
        row.addStretch(1)
        col.addLayout(row)

    def reload(self) -> None:
        from desktop_app.services import requests
        from ui.operations import read

        read(self, self.ctx, requests.for_employee, self.employee_id).success(self._show).run_in_background()

    def _show(self, reqs) -> None:
        fill(self.requests_table, [[nl(r.received_on), r.kind.label, r.requester_label, r.state.label, nl(r.due)]
                                   for r in reqs], [r.id for r in reqs])

    def _handle(self) -> None:
        row = self.requests_table.currentRow()
        if row < 0:
            messages.show_info(self, "Kies eerst een verzoek.")
            return
        self.open_request(self.requests_table.item(row, 0).data(Qt.ItemDataRole.UserRole))

    def open_request(self, request_id: int) -> RequestDialog:
        dialog = RequestDialog(self.ctx, request_id, self)
        dialog.finished.connect(lambda _code: self.reload())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _request(self) -> None:
        dialog = RegisterRequestDialog(self.ctx, self.employee_id, self)
        dialog.finished.connect(lambda _code: self.reload())
        self.dialog = dialog
        dialog.open()
