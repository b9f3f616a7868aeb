"""Physicians' absences: while a physician is away, the supervising physician (kerndeskundige)
decides on the releases addressed to them. An admin records anyone's absence, a physician their own;
the core refuses everything else."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout

from ui.context import AppContext
from ui.form import ERROR_STYLE, Field, FormView, errors_of
from ui.release_dialogs import fit_to_screen
from ui.tables import fill, nl, plain, table


def _physicians_and_absences(session) -> tuple[list, list]:
    from desktop_app.services import absences, consents

    return consents.physicians(session), absences.list_absences(session)


class AbsencesDialog(QDialog):
    """Shows at once; the physicians and the absences fill it when they arrive (``loaded``)."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        from ui.operations import load

        self.ctx = ctx
        self.loaded = False
        self.setWindowTitle("Afwezigheid van bedrijfsartsen")
        col = QVBoxLayout(self)
        col.addWidget(plain("Terwijl een bedrijfsarts afwezig is, beslist de kerndeskundige over de "
                            "verstrekkingen die aan die arts zijn gericht."))
        self.loading = plain("")
        self.loading.setObjectName("loading")
        col.addWidget(self.loading)
        self.table = table(["Bedrijfsarts", "Periode", "Toelichting", "Vastgelegd door"], "absences_table")
        col.addWidget(self.table, 1)
        withdraw = QPushButton("Intrekken")
        withdraw.setObjectName("withdraw")
        withdraw.clicked.connect(self.withdraw)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(withdraw)
        col.addLayout(row)
        col.addWidget(plain("Nieuwe afwezigheid"))
        self.form = FormView([
            Field("physician", "Bedrijfsarts", kind="choice", choices=[]),
            Field("starts_on", "Afwezig vanaf", kind="date", required=True),
            Field("ends_on", "Tot en met (leeg: tot nader bericht)", kind="date"),
            Field("note", "Toelichting (bijv. vakantie; geen medische reden)")])
        self.form.set_values({"starts_on": nl(date.today())})
        col.addWidget(self.form)
        self.error = plain("")
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Vastleggen")
        self.save_button.setObjectName("record")
        self.save_button.clicked.connect(self.record)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        col.addLayout(buttons)
        fit_to_screen(self, 720, 620)
        load(self, ctx, _physicians_and_absences, status=self.loading,
             widgets=[self.table, withdraw, self.form, self.save_button]).success(self._loaded).run_in_background()

    def _loaded(self, data) -> None:
        physicians, rows = data
        self.form.set_choices("physician", physicians)
        self._show(rows)
        self.loaded = True

    def reload(self) -> None:
        from desktop_app.services import absences
        from ui.operations import read

        read(self, self.ctx, absences.list_absences).success(self._show).run_in_background()

    def _show(self, rows) -> None:
        fill(self.table, [[a.physician_name, a.period, a.note, a.recorded_by_name] for a in rows],
             [a.id for a in rows])

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.errors import ArbokluisError

        self.save_button.setEnabled(True)
        if not isinstance(exc, ArbokluisError):
            raise exc
        errors = errors_of(exc)
        if errors:
            self.form.set_errors(errors)
        else:
            self.error.setText(exc.message)

    def record(self) -> None:
        from desktop_app.services import absences

        v = self.form.values()
        self.error.setText("")
        self.form.clear_errors()
        self.save_button.setEnabled(False)

        def ok(_absence) -> None:
            self.save_button.setEnabled(True)
            self.form.set_values({"ends_on": "", "note": ""})
            self.reload()

        self.ctx.run(absences.record_absence, v["physician"], v["starts_on"], v["ends_on"], v["note"],
                     on_success=ok, on_failure=self._failed, owner=self)

    def withdraw(self) -> None:
        from desktop_app.services import absences

        row = self.table.currentRow()
        if row < 0:
            self.error.setText("Kies eerst een afwezigheid in de lijst.")
            return
        absence_id = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        self.ctx.run(absences.withdraw_absence, absence_id, on_success=lambda _a: self.reload(),
                     on_failure=self._failed, owner=self)


def open_absences(ctx: AppContext, parent=None) -> None:
    """From the Praktijk menu."""
    AbsencesDialog(ctx, parent).exec()
