"""Declarabele uren: the billable work of one employer in one month, on screen, as PDF and as CSV
for the bookkeeping. No medical content; the core makes both files (``services.billable_overview``)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from ui import messages
from ui.context import AppContext
from ui.form import ERROR_STYLE
from ui.models import nl_date
from ui.screen_fit import fit
from ui.tables import fill, plain, table


class BillableDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overview = None
        self.setObjectName("billable_dialog")
        self.setWindowTitle("Declarabele uren")
        col = QVBoxLayout(self)
        choose = QFormLayout()
        self.employer = QComboBox()
        self.employer.setObjectName("billable_employer")
        self.employer.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.employer.setMinimumContentsLength(30)
        self.employer.currentTextChanged.connect(
            lambda name: self.employer.setToolTip(f"<p>{html.escape(name)}</p>"))
        choose.addRow("Werkgever", self.employer)
        self.month = QComboBox()
        self.month.setObjectName("billable_month")
        choose.addRow("Maand", self.month)
        col.addLayout(choose)
        row = QHBoxLayout()
        self.show_button = QPushButton("Bekijken")
        self.show_button.setObjectName("billable_show")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.compute)
        self.pdf_button = QPushButton("PDF bekijken en opslaan…")
        self.pdf_button.setObjectName("billable_pdf")
        self.pdf_button.clicked.connect(self.make_pdf)
        self.csv_button = QPushButton("CSV opslaan…")
        self.csv_button.setObjectName("billable_csv")
        self.csv_button.clicked.connect(self.save_csv)
        for b in (self.show_button, self.pdf_button, self.csv_button):
            row.addWidget(b)
        row.addStretch(1)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        col.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("billable_message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        col.addWidget(self.message)
        self.summary = plain("")
        self.summary.setObjectName("billable_summary")
        col.addWidget(self.summary)
        self.lines = table(["Datum", "Werknemer", "Pers.nr.", "Soort werk", "Minuten", "Door"], "billable_lines")
        col.addWidget(self.lines)
        for w in (self.employer, self.month):
            w.currentIndexChanged.connect(self._stale)
        self._stale()
        fit(self, 860, 560)
        self._load_choices()

    def _load_choices(self) -> None:
        from desktop_app.services import billable_overview, employers
        from ui.operations import read

        def load(session):
            return employers.list_all(session), billable_overview.months(session)

        read(self, self.ctx, load).success(self._choices).errors_to(self.message).run_in_background()

    def _choices(self, result) -> None:
        employers, months = result
        for e in employers:
            self.employer.addItem(e.name, e.id)
        for m in months:
            self.month.addItem(m.label, (m.year, m.month))
        self._stale()

    def _stale(self, *_args) -> None:
        self.overview = None
        chosen = self._chosen() is not None
        for b in (self.show_button, self.pdf_button, self.csv_button):
            b.setEnabled(chosen)

    def _chosen(self):
        employer_id, month = self.employer.currentData(), self.month.currentData()
        return None if employer_id is None or month is None else (int(employer_id), *month)

    def compute(self) -> None:
        from desktop_app.services import billable_overview
        from ui.operations import read

        chosen = self._chosen()
        if chosen is None:
            return
        self.message.clear()
        read(self, self.ctx, billable_overview.overview, *chosen).success(self._show) \
            .errors_to(self.message).run_in_background()

    def _show(self, o) -> None:
        from desktop_app.domain.billing import hours

        self.overview = o
        self.summary.setText(f"{o.employer_name} — {o.month.label}: {len(o.lines)} regel(s), "
                             f"{hours(o.total_minutes)} uur")
        fill(self.lines, [[nl_date(x.on_date), x.employee_shown, x.personnel_shown, x.kind.label, str(x.minutes),
                           x.done_by] for x in o.lines])

    def make_pdf(self) -> None:
        from desktop_app.services import billable_overview
        from ui.pdf_preview import produce

        chosen = self._chosen()
        if chosen is not None:
            produce(self.ctx, self, "Declarabele uren", billable_overview.overview_pdf, *chosen,
                    suggested_name="declarabele-uren.pdf")

    def save_csv(self) -> None:
        from desktop_app.services import billable_overview
        from ui.operations import job

        chosen = self._chosen()
        if chosen is not None:
            job(self, self.ctx, billable_overview.overview_csv, *chosen, label="CSV wordt gemaakt…") \
                .success(self._write_csv).errors_to(self.message).run_in_background()

    def _write_csv(self, data: bytes) -> None:
        from desktop_app.errors import ArbokluisError
        from desktop_app.fileio import atomic_write

        path = self.ask_csv_path()
        if not path:
            return
        try:
            atomic_write(Path(path), data, mode=0o600)
        except ArbokluisError as exc:
            messages.show_error(self, exc.message)
        else:
            messages.show_info(self, "Het CSV-bestand is opgeslagen.")

    def ask_csv_path(self) -> str:
        path, _f = QFileDialog.getSaveFileName(self, "CSV opslaan", "declarabele-uren.csv", "CSV (*.csv)")
        return path
