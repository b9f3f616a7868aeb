"""Destruction on the employee's request: what the program found that stands against it, per
category, shown to the physician before anything is destroyed (``services.destruction``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.domain.permissions import Permission
from ui import messages, permissions
from ui.columns import fit_columns
from ui.context import AppContext
from ui.form import ERROR_STYLE
from ui.screen_fit import fit
from ui.tables import plain, table


class DestructionDialog(QDialog):
    def __init__(self, ctx: AppContext, request_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.request_id = request_id
        self.review = None
        self.result = None
        self.setWindowTitle("Vernietiging op verzoek")
        col = QVBoxLayout(self)
        self.about = plain("")  # name, birth date and employer: who is destroyed, before anything is
        self.about.setObjectName("destruction_about")
        self.about.setStyleSheet("font-weight: 600;")
        col.addWidget(self.about)
        col.addWidget(plain("Arbokluis heeft nagegaan wat de praktijk zelf heeft vastgelegd: besluiten om te bewaren, "
                            "blootstellingsregistraties, een lopende beperking van de verwerking, de fiscale "
                            "bewaarplicht en lopende trajecten. Vink aan wat het verzoek betreft. Wat de wet "
                            "tegenhoudt, wordt niet vernietigd; wat alleen met een reden mag, vraagt om uw reden."))
        self.table = table(["Verzoek betreft", "Bevat", "Wat Arbokluis vond", "Uitkomst"], "destruction_table")
        fit_columns(self.table)  # the headers whole while the review is still coming
        col.addWidget(self.table, 1)
        col.addWidget(QLabel("Zwaarwegend belang van een ander (alleen als dat er is):"))
        self.others = QLineEdit()
        self.others.setObjectName("destruction_others")
        col.addWidget(self.others)
        col.addWidget(QLabel("Reden (vastgelegd bij het besluit; nodig als er iets tegen pleit):"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("destruction_reason")
        self.reason.setMaximumHeight(70)
        col.addWidget(self.reason)
        self.error = plain("")
        self.error.setObjectName("destruction_error")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        row = QHBoxLayout()
        self.check_button = QPushButton("Opnieuw nagaan")
        self.check_button.clicked.connect(self.load)
        self.destroy_button = QPushButton("Vernietigen…")
        self.destroy_button.setObjectName("destruction_destroy")
        self.destroy_button.clicked.connect(self._destroy)
        # Only who may destroy is offered the button (the core refuses anyone else all the same).
        self.destroy_button.setVisible(permissions.may(ctx, Permission.DESTROY))
        close = QPushButton("Sluiten")
        close.clicked.connect(self.reject)
        for b in (self.check_button, self.destroy_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        col.addLayout(row)
        fit(self, 1000, 660)
        from ui.who import about_request, identify

        ctx.run(about_request, request_id, owner=self, on_failure=self._failed,
                on_success=lambda e: self.about.setText(f"Werknemer: {identify(e)}"))
        self.load()

    def covered(self) -> list[str]:
        out = []
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def load(self) -> None:
        from desktop_app.services import destruction

        covered = self.covered() if self.review is not None else None
        self.ctx.run(destruction.review, self.request_id, others_interest=self.others.text(), categories=covered,
                     owner=self, on_success=lambda review: self._show(review, covered), on_failure=self._failed)

    def _show(self, review, covered) -> None:
        self.review = review
        self.table.setRowCount(len(review.verdicts))
        for r, v in enumerate(review.verdicts):
            check = QTableWidgetItem(v.category.label)
            check.setData(Qt.ItemDataRole.UserRole, v.category.value)
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            ticked = v.category.value in covered if covered is not None else False
            check.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.table.setItem(r, 0, check)
            found = "\n".join(f"{g.text} ({g.source})" for g in v.grounds) or "niets"
            for c, text in enumerate((v.category.contents, found, v.short_status), start=1):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, 300)
        self.table.setColumnWidth(2, 380)
        self.table.resizeRowsToContents()

    def _failed(self, exc) -> None:
        from ui.operations import show_or_report

        show_or_report(exc, self.error.setText)

    def _destroy(self) -> None:
        from desktop_app.services import destruction

        covered = self.covered()
        if not covered:
            self.error.setText("Vink aan wat het verzoek betreft.")
            return
        if not messages.ask_yes_no(self, "Wat het verzoek betreft en de wet toelaat, onherroepelijk vernietigen? "
                                         "Wat niet mag, blijft bewaard; de werknemer krijgt de uitkomst met de "
                                         "reden."):
            return
        self.ctx.run(destruction.destroy_on_request, self.request_id, covered, reason=self.reason.toPlainText(),
                     others_interest=self.others.text(), owner=self, on_success=self._done, on_failure=self._failed)

    def _done(self, request) -> None:
        self.result = request
        self.error.clear()
        messages.show_info(self, f"Verzoek afgehandeld. Uitkomst: {request.outcome}")
        self.accept()
