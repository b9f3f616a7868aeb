""""Bewaartermijnen": each category of each employee whose term has ended, by due date and surname;
a physician decides per item. The core says what is due, what may be decided and what must stay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.dates import nl_date
from desktop_app.domain.permissions import Permission
from ui import messages
from ui.context import AppContext
from ui.dossier_forms import FormDialog
from ui.form import Field
from ui.tables import fill, nl, plain, table

COLUMNS = ["Termijn verstreken op", "Werknemer", "Geboortedatum", "Werkgever", "Categorie", "Grond"]


@dataclass(frozen=True)
class _Page:
    items: list
    incomplete: list
    medical_open: bool


class RetentionView(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list = []
        col = QVBoxLayout(self)
        title = QLabel("Bewaartermijnen")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        col.addWidget(title)
        self.note = plain("Alleen een bedrijfsarts beslist. Elke categorie heeft een eigen termijn en gaat "
                          "apart; er wordt niets vernietigd zonder besluit. Besluiten staan in het logboek en "
                          "in het vernietigingsregister (zonder inhoud).")
        col.addWidget(self.note)
        self.banner = plain("")
        self.banner.setStyleSheet("background: #fff3cd; padding: 6px;")
        self.banner.setObjectName("retention_banner")
        self.banner.hide()
        col.addWidget(self.banner)
        self.table = table(COLUMNS, "retention_table")
        self.table.itemSelectionChanged.connect(self._selection)
        col.addWidget(self.table, 1)
        self.detail = plain("")
        self.detail.setObjectName("retention_detail")
        self.detail.setStyleSheet("padding: 4px;")
        col.addWidget(self.detail)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("destroy", "Vernietigen…", lambda: self._decide("destroy")),
                                ("anonymise", "Anonimiseren…", lambda: self._decide("anonymise")),
                                ("keep", "Bewaren met reden…", self._keep),
                                ("finish", "Afronden", self._finish),
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
        from ui.operations import read

        read(self, self.ctx, _page_if_allowed).success(self._show).errors_to(self.note).run_in_background()

    def _show(self, page: _Page | None) -> None:
        for key, button in self.buttons.items():
            button.setVisible(page is not None and (key != "finish" or bool(page.incomplete)))
        if page is None:
            self.items = []
            fill(self.table, [])
            self.detail.clear()
            self.banner.hide()
            self.note.setText("Alleen een bedrijfsarts beoordeelt de bewaartermijnen.")
            return
        self.items = page.items
        banner = []
        if not page.medical_open:
            banner.append("Het medische deel is vergrendeld: het medisch dossier en de identiteit (die het medisch "
                          "dossier nodig heeft) staan hier pas na ontgrendelen.")
        if page.incomplete:
            banner.append(f"{len(page.incomplete)} vernietiging(en) van het medische deel zijn uitgevoerd maar nog "
                          "niet vastgelegd (onderbroken). Kies Afronden.")
        self.banner.setText("\n".join(banner))
        self.banner.setVisible(bool(banner))
        fill(self.table, [[nl(i.due), i.name, nl(i.birth_date), i.employer_name, i.label, i.basis]
                          for i in page.items], list(range(len(page.items))))
        self._selection()

    def _current(self):
        row = self.table.currentRow()
        if not 0 <= row < len(self.items) or self.table.item(row, 0) is None:
            return None
        return self.items[self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)]

    def _selection(self) -> None:
        item = self._current()
        for key in ("destroy", "anonymise", "keep"):
            self.buttons[key].setEnabled(item is not None and key in {d.value for d in item.choices})
        if item is None:
            self.detail.setText("Kies een regel om te zien wat de categorie bevat en wat blijft.")
            return
        self.detail.setText(f"{item.label} van {item.name}: {item.category.contents}.\n{item.stays}".strip())

    def _selected(self):
        item = self._current()
        if item is None:
            messages.show_info(self, "Kies eerst een regel.")
        return item

    def _decide(self, decision: str) -> None:
        from desktop_app.services import retention

        item = self._selected()
        if item is None:
            return
        word = "vernietigen" if decision == "destroy" else "anonimiseren"
        stays = f"\n\n{item.stays}" if item.stays else ""
        if not messages.ask_yes_no(self, f"{item.label} van {item.name} ({nl(item.birth_date)}, "
                                         f"{item.employer_name}) {word}?\n\nDit gaat: {item.category.contents}."
                                         f"{stays}\n\nDit kan niet ongedaan worden gemaakt."):
            return
        from ui.operations import save

        save(self, self.ctx, retention.decide, item.employee_id, item.category.value, decision, item=item.item) \
            .success(self._done).run_in_background()

    def _done(self, result) -> None:
        if getattr(result, "warning", ""):
            messages.show_info(self, result.warning)
        self.refresh()

    def _keep(self) -> None:
        from desktop_app.services import retention

        item = self._selected()
        if item is None:
            return
        fields = [Field("reason", "Reden", kind="choice", choices=[("complaint", "klacht"), ("proceedings", "procedure"),
                                                                   ("legal_duty", "wettelijke plicht")]),
                  Field("note", "Toelichting", kind="text"),
                  Field("review_on", "Opnieuw beoordelen op", kind="date", required=True)]
        dialog = FormDialog(self.ctx, "Bewaren met reden", fields,
                            lambda s, v: retention.decide(s, item.employee_id, item.category.value, "keep",
                                                          item=item.item, reason=v["reason"], note=v["note"],
                                                          review_on=v["review_on"]),
                            values={"review_on": nl_date(date.today() + timedelta(days=365))},
                            intro=f"{item.label} van {item.name} blijft bewaard tot de datum van herbeoordeling.",
                            parent=self)
        if dialog.exec():
            self.refresh()

    def _finish(self) -> None:
        from desktop_app.services import erasure
        from ui.operations import save

        save(self, self.ctx, erasure.finish_incomplete).success(lambda _n: self.refresh()).run_in_background()


def _page_if_allowed(session) -> _Page | None:
    """What is due, or None when the user does not decide on retention (asked of the core)."""
    from desktop_app.services import retention

    if not session.may(Permission.DESTROY):
        return None
    incomplete = retention.incomplete(session) if session.medical_unlocked else []
    return _Page(retention.due(session), incomplete, session.medical_unlocked)
