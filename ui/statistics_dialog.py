"""Absence statistics of an employer: choose the employer and a period the core offers (or type
one, which the core checks), see the figures with the sources they used, make the PDF. The
figures on screen and in the PDF come from the same service (``services.statistics.report``)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.context import AppContext
from ui.form import ERROR_STYLE, errors_of
from ui.screen_fit import fit
from ui.tables import fill, plain, table

CUSTOM = "custom"


def _periods_and_employers(session) -> tuple[list, list]:
    from desktop_app.services import employers, statistics

    return statistics.periods(session), employers.list_all(session)


class StatisticsDialog(QDialog):
    """Shows at once; the employers and the periods the core offers fill it when they arrive
    (``loaded``)."""

    def __init__(self, ctx: AppContext, employer_id: int | None = None, parent=None) -> None:
        from ui.operations import load

        super().__init__(parent)
        self.ctx = ctx
        self.report = None
        self.periods: list = []
        self.loaded = False
        self._employer_id = employer_id
        self.setObjectName("statistics_dialog")
        self.setWindowTitle("Verzuimstatistiek werkgever")
        col = QVBoxLayout(self)
        self.loading = plain("")
        self.loading.setObjectName("loading")
        col.addWidget(self.loading)
        choose = QFormLayout()
        self.employer = QComboBox()
        self.employer.setObjectName("statistics_employer")
        self.employer.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.employer.setMinimumContentsLength(30)  # a long name elides; the full name is the tooltip
        self.employer.currentTextChanged.connect(  # a tooltip is rich text: the name is escaped
            lambda name: self.employer.setToolTip(f"<p>{html.escape(name)}</p>"))
        choose.addRow("Werkgever", self.employer)
        self.period = QComboBox()
        self.period.setObjectName("statistics_period")
        self.period.addItem("Andere periode…", CUSTOM)
        self.period.currentIndexChanged.connect(self._period_changed)
        choose.addRow("Periode", self.period)
        self.custom = QWidget()
        row = QHBoxLayout(self.custom)
        row.setContentsMargins(0, 0, 0, 0)
        self.start = QLineEdit()
        self.start.setObjectName("statistics_start")
        self.end = QLineEdit()
        self.end.setObjectName("statistics_end")
        for label, edit in (("Vanaf", self.start), ("tot en met", self.end)):
            edit.setPlaceholderText("dd-mm-jjjj")
            edit.setMaximumWidth(140)
            row.addWidget(QLabel(label))
            row.addWidget(edit)
        row.addStretch(1)
        choose.addRow("", self.custom)
        self.error = QLabel()
        self.error.setObjectName("statistics_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        choose.addRow("", self.error)
        col.addLayout(choose)
        buttons = QHBoxLayout()
        self.compute_button = QPushButton("Berekenen")
        self.compute_button.setObjectName("statistics_compute")
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.compute)
        self.pdf_button = QPushButton("PDF maken…")
        self.pdf_button.setObjectName("statistics_pdf")
        self.pdf_button.clicked.connect(self.make_pdf)
        self.pdf_button.setEnabled(False)
        buttons.addWidget(self.compute_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        col.addLayout(buttons)
        self.summary = plain("")
        self.summary.setObjectName("statistics_summary")
        col.addWidget(self.summary)
        self.sources = table(["Bron en rekenwijze", ""], "statistics_sources")
        self.sources.setMaximumHeight(170)
        col.addWidget(self.sources)
        self.figures = table(["", "Met zwangerschapsverzuim", "Zonder zwangerschapsverzuim"], "statistics_figures")
        col.addWidget(self.figures)
        self.practice_notes = plain("")
        self.practice_notes.setObjectName("statistics_practice_notes")
        self.practice_notes.setStyleSheet("background: #fff3cd; padding: 6px;")
        self.practice_notes.hide()
        col.addWidget(self.practice_notes)
        for changed in (self.employer.currentIndexChanged, self.period.currentIndexChanged,
                        self.start.textEdited, self.end.textEdited):
            changed.connect(self._stale)
        self._period_changed()
        fit(self, 900, 640)
        load(self, ctx, _periods_and_employers, status=self.loading,
             widgets=[self.employer, self.period, self.custom, self.compute_button]) \
            .success(self._loaded).run_in_background()

    def _loaded(self, data) -> None:
        self.periods, employer_list = data
        for e in employer_list:
            self.employer.addItem(e.name, e.id)
        if self._employer_id is not None:
            self.employer.setCurrentIndex(max(0, self.employer.findData(self._employer_id)))
        for i, p in enumerate(self.periods):
            self.period.insertItem(i, p.label, p.kind.value)
        self.period.setCurrentIndex(0)
        self._period_changed()
        self.loaded = True

    def _stale(self, *_args) -> None:
        """The figures shown no longer match the choice: the PDF waits for a new calculation."""
        self.pdf_button.setEnabled(False)

    # --- the period -----------------------------------------------------------------------

    def _period_changed(self) -> None:
        self.custom.setVisible(self.period.currentData() == CUSTOM)
        self.error.hide()

    def _refused(self, exc: BaseException) -> None:
        """A typed period the core refuses: why, under the dates; other refusals there too."""
        from desktop_app.errors import ArbokluisError

        self.compute_button.setEnabled(True)
        errors = errors_of(exc)
        if errors:
            self.error.setText(" ".join(errors.values()))
            (self.start if "start" in errors else self.end).setFocus()
        elif isinstance(exc, ArbokluisError):
            self.error.setText(exc.message)
        else:
            return  # a bug: the operation hands it to the crash hook
        self.error.show()

    # --- figures and PDF --------------------------------------------------------------------

    def compute(self) -> None:
        """The figures for the employer and the period chosen; a typed period is checked by the
        core first (``statistics.custom_period``), on the database thread like the figures."""
        from desktop_app.services import statistics
        from ui.operations import read

        employer_id = self.employer.currentData()
        if not self.loaded or employer_id is None:
            return
        self.error.hide()
        self.compute_button.setEnabled(False)
        kind = self.period.currentData()
        if kind != CUSTOM:
            self._compute(int(employer_id), next(p for p in self.periods if p.kind.value == kind))
            return
        read(self, self.ctx, statistics.custom_period, self.start.text(), self.end.text()) \
            .success(lambda period: self._compute(int(employer_id), period)).failure(self._refused) \
            .run_in_background()

    def _compute(self, employer_id: int, period) -> None:
        from desktop_app.services import statistics
        from ui.operations import read

        read(self, self.ctx, statistics.report, employer_id, period.start, period.end) \
            .errors_to(lambda text: messages.show_error(self, text)) \
            .success(self._show).always(lambda: self.compute_button.setEnabled(True)).run_in_background()

    def _show(self, report) -> None:
        from desktop_app.domain.statistics import CLASS_LABELS
        from desktop_app.domain.statistics_report import class_cells, figure_rows

        self.report = report
        self.pdf_button.setEnabled(True)
        s = report.statistics
        self.summary.setText(f"{report.employer_name} — {report.period.label}")
        fill(self.sources, [[label, text] for label, text in report.sources])
        if s.suppressed:
            fill(self.figures, [["Te weinig werknemers", "geen cijfers: personen zouden herkenbaar worden", ""]])
        else:
            with_rows, without_rows = figure_rows(s.with_pregnancy), figure_rows(s.without_pregnancy)
            rows = [[label, a, b] for (label, a), (_l, b) in zip(with_rows, without_rows, strict=True)]
            w, wo = s.with_pregnancy, s.without_pregnancy
            rows += [[f"In de periode, {label}", a, b] for label, a, b in
                     zip(CLASS_LABELS, class_cells(w, w.classes), class_cells(wo, wo.classes), strict=True)]
            rows += [[f"Beëindigd, {label}", a, b] for label, a, b in
                     zip(CLASS_LABELS, class_cells(w, w.ended_classes), class_cells(wo, wo.ended_classes),
                         strict=True)]
            fill(self.figures, rows)
        notes = "\n".join(report.practice_notes)
        self.practice_notes.setText(f"Alleen voor de praktijk (niet in de PDF): {notes}" if notes else "")
        self.practice_notes.setVisible(bool(notes))

    def make_pdf(self) -> None:
        from desktop_app.services import statistics
        from ui.pdf_preview import produce

        if self.report is None:
            return
        r = self.report
        produce(self.ctx, self, "Verzuimstatistiek", statistics.statistics_pdf, r.employer_id,
                r.period.start, r.period.end, suggested_name="verzuimstatistiek.pdf")
