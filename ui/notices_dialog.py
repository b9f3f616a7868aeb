"""AVG art. 19 in the client: after a correction, erasure or restriction, the recipients of earlier
releases, each with a letter to make and a record of sending it (or why not)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout

from ui.context import AppContext
from ui.form import ERROR_STYLE, Field
from ui.screen_fit import fit
from ui.tables import fill, nl, plain, table


class NoticesDialog(QDialog):
    """The recipients to tell about one change (by its request, or by the change's id)."""

    def __init__(self, ctx: AppContext, *, request_id: int | None = None, change_id: int | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.request_id = request_id
        self.change_id = change_id
        self.change = None
        self.loads = 0
        self.form_dialog = None
        self.preview = None
        self.setWindowTitle("Ontvangers informeren (AVG art. 19)")
        self.setObjectName("notices_dialog")
        col = QVBoxLayout(self)
        self.intro = plain("")
        col.addWidget(self.intro)
        self.table = table(["Ontvanger", "Hoedanigheid", "Verstrekt", "Welke gegevens", "Stand"], "notices_table")
        col.addWidget(self.table, 1)
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        row = QHBoxLayout()
        self.buttons = {}
        for key, text, slot in (("letter", "Brief maken…", self._letter), ("sent", "Verstuurd…", self._sent),
                                ("not_sent", "Niet informeren…", self._not_sent)):
            b = QPushButton(text)
            b.setObjectName(f"notice_{key}")
            b.clicked.connect(slot)
            self.buttons[key] = b
            row.addWidget(b)
        row.addStretch(1)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        col.addLayout(row)
        fit(self, 900, 420)
        self.refresh()

    def refresh(self) -> None:
        from desktop_app.services import notices

        if self.change_id is not None:
            self.ctx.run(notices.get, self.change_id, on_success=self._show, owner=self)
        else:
            self.ctx.run(notices.for_request, self.request_id, on_success=self._show, owner=self)

    def _show(self, change) -> None:
        self.change = change
        self.loads += 1
        if change is None:
            self.intro.setText("Bij dit verzoek hoort geen wijziging waarover ontvangers worden geïnformeerd.")
            fill(self.table, [])
            return
        self.change_id = change.id
        self.intro.setText(f"Wijziging: {change.kind_label} op {nl(change.changed_on)}. Informeer elke ontvanger "
                           f"aan wie eerder gegevens zijn verstrekt, of leg vast waarom niet (onmogelijk, "
                           f"onevenredige inspanning, of de verstrekte gegevens zijn niet gewijzigd). Nog te "
                           f"informeren: {change.open_count}.")
        fill(self.table, [[r.name, r.role_label, nl(r.released_on), r.what, r.status_label] for r in change.recipients],
             [r.release_id for r in change.recipients])

    def selected(self) -> int | None:
        row = self.table.currentRow()
        if row < 0:
            self.error.setText("Kies eerst een ontvanger in de lijst.")
            return None
        self.error.clear()
        return self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)

    def _form(self, title: str, fields: list[Field], save, values=None) -> None:
        from ui.dossier_forms import FormDialog

        dialog = FormDialog(self.ctx, title, fields, save, values=values, parent=self)
        dialog.finished.connect(lambda _code: self.refresh())
        self.form_dialog = dialog
        dialog.open()

    def _letter(self) -> None:
        from desktop_app.services import notices
        from ui.request_outcome_dialogs import show_pdf

        release_id = self.selected()
        if release_id is None:
            return
        self.ctx.run(notices.letter_pdf, self.change_id, release_id,
                     on_success=lambda pdf: show_pdf(self, "Mededeling aan ontvanger", pdf, "mededeling-ontvanger.pdf"),
                     on_failure=self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.errors import ArbokluisError

        if not isinstance(exc, ArbokluisError):
            raise exc
        self.error.setText(exc.message)

    def _sent(self) -> None:
        from desktop_app.services import notices

        release_id = self.selected()
        if release_id is None:
            return
        self._form("Mededeling verstuurd", [
            Field("method", "Hoe verstuurd", kind="choice", choices=list(notices.METHODS.items())),
            Field("sent_on", "Verstuurd op", kind="date", required=True)],
            lambda s, v: notices.record_sent(s, self.change_id, release_id, v["method"], v["sent_on"]),
            values={"sent_on": nl(date.today())})

    def _not_sent(self) -> None:
        from desktop_app.services import notices

        release_id = self.selected()
        if release_id is None:
            return
        self._form("Ontvanger niet informeren", [Field("reason", "Waarom niet", kind="text", required=True)],
                   lambda s, v: notices.record_not_sent(s, self.change_id, release_id, v["reason"]))
