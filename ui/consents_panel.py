"""Consents and the release log of one employee, with recording, revoking, asking for and
deciding on a release."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from ui import messages
from ui.consent_dialog import ConsentDialog
from ui.context import AppContext
from ui.form import Field
from ui.release_dialogs import ApprovalDialog
from ui.tables import fill, nl, table


class ConsentsPanel(QWidget):
    """Part of the rights tab: the employee's consents and what was released on them."""

    def __init__(self, ctx: AppContext, employee_id: int, held: frozenset[Permission], parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel("Toestemmingen"))
        self.consents_table = table(["Getekend", "Ontvanger", "Hoedanigheid", "Geldig tot", "Status"], "consents_table")
        col.addWidget(self.consents_table)
        col.addWidget(QLabel("Verstrekkingen"))
        self.releases_table = table(["Aan", "Wat", "Status", "Hoe", "Datum"], "releases_table")
        col.addWidget(self.releases_table)
        wording = {Permission.CONSENT_WORDING}
        row = QHBoxLayout()
        self.actions: dict[str, QPushButton] = {}
        for key, text, slot, needed in (
                ("consent", "Toestemming vastleggen…", self._consent, wording),
                ("revoke", "Toestemming intrekken…", self._revoke, wording),
                ("release", "Verstrekking aanvragen…", self._new_release, wording),
                ("approve", "Verstrekking beoordelen…", self._approve, {Permission.RELEASE_APPROVE})):
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
        from desktop_app.services import consents, releases

        def load(session):
            return consents.for_employee(session, self.employee_id), releases.log_for(session, self.employee_id)

        self.ctx.run(load, on_success=self._show, owner=self)

    def _show(self, data) -> None:
        from desktop_app.services.releases import METHODS

        cons, rels = data
        today = date.today()
        fill(self.consents_table, [[nl(c.given_on), c.recipient_name, c.role_label, nl(c.valid_until),
                                    "ingetrokken" if c.revoked_on else ("verlopen" if c.valid_until < today else "geldig")]
                                   for c in cons], [c.id for c in cons])
        fill(self.releases_table, [[r.recipient_name, r.what, r.state_label, METHODS.get(r.method or "", ""),
                                    (r.released_at or r.requested_at)[:10]] for r in rels], [r.id for r in rels])

    def _consent(self) -> None:
        if ConsentDialog(self.ctx, self.employee_id, self).exec():
            self.reload()

    def _revoke(self) -> None:
        from desktop_app.services import consents
        from ui.dossier_forms import FormDialog

        row = self.consents_table.currentRow()
        if row < 0:
            messages.show_info(self, "Kies eerst een toestemming.")
            return
        consent_id = self.consents_table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        if FormDialog(self.ctx, "Toestemming intrekken", [Field("on", "Ingetrokken op", kind="date", required=True)],
                      lambda s, v: consents.revoke(s, consent_id, v["on"]), values={"on": nl(date.today())},
                      parent=self).exec():
            self.reload()

    def _new_release(self) -> None:
        from desktop_app.services import consents, releases
        from ui.dossier_forms import FormDialog

        row = self.consents_table.currentRow()
        if row < 0:
            messages.show_info(self, "Kies eerst de toestemming waarop de verstrekking steunt.")
            return
        consent = self.ctx.call(consents.get, self.consents_table.item(row, 0).data(Qt.ItemDataRole.UserRole))
        fields = [Field("what", "Welke gegevens", kind="text", required=True),
                  Field("purpose", "Doel", kind="text", required=True)]
        dialog = FormDialog(
            self.ctx, "Verstrekking aanvragen", fields,
            lambda s, v: releases.request_release(s, self.employee_id, consent.id, recipient_name=consent.recipient_name,
                                                  recipient_role=consent.recipient_role, what=v["what"],
                                                  purpose=v["purpose"]),
            values={"purpose": consent.purpose}, parent=self,
            intro=f"Aan {consent.recipient_name} ({consent.role_label}), op grond van de toestemming van "
                  f"{nl(consent.given_on)}. Een bedrijfsarts beoordeelt het verzoek voordat er iets wordt verstrekt.")
        if dialog.exec():
            self.reload()

    def _approve(self) -> None:
        row = self.releases_table.currentRow()
        if row < 0:
            messages.show_info(self, "Kies eerst een verstrekking in de lijst.")
            return
        if ApprovalDialog(self.ctx, self.releases_table.item(row, 0).data(Qt.ItemDataRole.UserRole), self).exec():
            self.reload()
