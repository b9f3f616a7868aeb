""""Bewaartermijnen": what has passed its period, grouped by employee; a physician decides per item."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui import messages
from ui.context import AppContext
from ui.dossier import fill, plain, table
from ui.dossier_forms import FormDialog
from ui.form import Field


class RetentionView(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list = []
        col = QVBoxLayout(self)
        title = QLabel("Bewaartermijnen")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        col.addWidget(title)
        self.note = plain("Alleen een bedrijfsarts beslist, met het medische deel ontgrendeld. Er wordt niets "
                          "vernietigd zonder besluit; besluiten staan in het logboek en in het "
                          "vernietigingsregister (zonder inhoud).")
        col.addWidget(self.note)
        self.table = table(["Werknemer", "Categorie", "Termijn verstreken op", "Grond"], "retention_table")
        col.addWidget(self.table)
        row = QHBoxLayout()
        for text, slot in (("Vernietigen…", lambda: self._decide("destroy")),
                           ("Anonimiseren…", lambda: self._decide("anonymise")),
                           ("Bewaren met reden…", self._keep), ("Vernieuwen", self.refresh)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        col.addLayout(row)

    def refresh(self) -> None:
        from desktop_app.services import retention

        if not self.ctx.session.user.is_physician:
            self.note.setText("Alleen een bedrijfsarts beoordeelt de bewaartermijnen.")
            return
        self.ctx.run(retention.due, on_success=self._show, owner=self,
                     on_failure=lambda exc: self.note.setText(getattr(exc, "message", "")))

    def _show(self, items) -> None:
        self.items = items
        fill(self.table, [[i.name, i.category.label, i.due.strftime("%d-%m-%Y") if i.due != date.max else "",
                           i.basis] for i in items], list(range(len(items))))

    def _selected(self):
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            messages.show_info(self, "Kies eerst een regel.")
            return None
        return self.items[self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)]

    def _decide(self, decision: str) -> None:
        from desktop_app.services import retention

        item = self._selected()
        if item is None:
            return
        word = "vernietigen" if decision == "destroy" else "anonimiseren"
        if not messages.ask_yes_no(self, f"{item.category.label} van {item.name} {word}? Dit kan niet "
                                         "ongedaan worden gemaakt."):
            return
        self.ctx.run(retention.decide, item.employee_id, item.category.value, decision, owner=self,
                     on_success=lambda _r: self.refresh(),
                     on_failure=lambda exc: messages.show_error(self, getattr(exc, "message", "Dat lukte niet.")))

    def _keep(self) -> None:
        from desktop_app.services import retention

        item = self._selected()
        if item is None:
            return
        fields = [Field("reason", "Reden", kind="choice", choices=[("complaint", "klacht"), ("proceedings", "procedure"),
                                                                   ("legal_duty", "wettelijke plicht")]),
                  Field("review_on", "Opnieuw beoordelen op", kind="date", required=True)]
        dialog = FormDialog(self.ctx, "Bewaren met reden", fields,
                            lambda s, v: retention.decide(s, item.employee_id, item.category.value, "keep",
                                                          reason=v["reason"], review_on=v["review_on"]),
                            values={"review_on": (date.today() + timedelta(days=365)).strftime("%d-%m-%Y")},
                            parent=self)
        if dialog.exec():
            self.refresh()
