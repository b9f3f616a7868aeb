""""Bewaartermijnen": what has passed its period, grouped by employee; a physician decides per item."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from ui import messages
from ui.context import AppContext
from ui.dossier_forms import FormDialog
from ui.form import Field
from ui.tables import fill, plain, table


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
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("destroy", "Vernietigen…", lambda: self._decide("destroy")),
                                ("anonymise", "Anonimiseren…", lambda: self._decide("anonymise")),
                                ("keep", "Bewaren met reden…", self._keep),
                                ("refresh", "Vernieuwen", self.refresh)):
            b = QPushButton(text)
            b.setObjectName(f"retention_{key}")
            b.clicked.connect(slot)
            b.setVisible(False)  # shown once the core says this user decides
            self.buttons[key] = b
            row.addWidget(b)
        row.addStretch(1)
        col.addLayout(row)

    def refresh(self) -> None:
        self.ctx.run(_due_if_allowed, on_success=self._show, owner=self,
                     on_failure=lambda exc: self.note.setText(getattr(exc, "message", "")))

    def _show(self, items) -> None:
        for button in self.buttons.values():
            button.setVisible(items is not None)
        if items is None:
            self.items = []
            fill(self.table, [])
            self.note.setText("Alleen een bedrijfsarts beoordeelt de bewaartermijnen.")
            return
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


def _due_if_allowed(session):
    """What is due, or None when the user does not decide on retention (asked of the core)."""
    from desktop_app.services import retention

    if not session.may(Permission.DESTROY):
        return None
    return retention.due(session)
