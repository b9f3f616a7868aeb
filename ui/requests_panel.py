"""Requests under the employee's rights, with their deadlines: registering and handling them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from ui import messages
from ui.context import AppContext
from ui.form import Field
from ui.request_dialog import RequestDialog
from ui.tables import fill, nl, table


class RequestsPanel(QWidget):
    """Part of the rights tab: the employee's requests and their deadlines."""

    def __init__(self, ctx: AppContext, employee_id: int, held: frozenset[Permission], parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel("Verzoeken van de werknemer"))
        self.requests_table = table(["Ontvangen", "Soort", "Status", "Uiterlijk"], "requests_table")
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

        self.ctx.run(requests.for_employee, self.employee_id, on_success=self._show, owner=self)

    def _show(self, reqs) -> None:
        fill(self.requests_table, [[nl(r.received_on), r.kind.label, r.state.label, nl(r.due)] for r in reqs],
             [r.id for r in reqs])

    def _handle(self) -> None:
        row = self.requests_table.currentRow()
        if row < 0:
            messages.show_info(self, "Kies eerst een verzoek.")
            return
        RequestDialog(self.ctx, self.requests_table.item(row, 0).data(Qt.ItemDataRole.UserRole), self).exec()
        self.reload()

    def _request(self) -> None:
        from desktop_app.domain.requests import RequestKind
        from desktop_app.services import requests
        from ui.dossier_forms import FormDialog

        fields = [Field("kind", "Soort verzoek", kind="choice", choices=[(k.value, k.label) for k in RequestKind]),
                  Field("received_on", "Ontvangen op", kind="date", required=True),
                  Field("requester_name", "Naam verzoeker (als het niet de werknemer is)")]
        dialog = FormDialog(self.ctx, "Verzoek registreren", fields,
                            lambda s, v: requests.receive(s, self.employee_id, v["kind"], v["received_on"],
                                                          requester_name=v["requester_name"]),
                            values={"received_on": nl(date.today())}, parent=self,
                            intro="De termijn is vier weken na ontvangst. Controleer daarna de identiteit.")
        if dialog.exec():
            self.reload()
