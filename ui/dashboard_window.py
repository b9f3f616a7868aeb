"""The dashboard: for the practice or one employer, the absence percentage and the notification
frequency by month, the open cases by duration class and the overdue Poortwachter steps, drawn
with QtCharts. The figures are the core's (``services.dashboard``); a month whose group is too
small has no bar, and its label says so."""

from __future__ import annotations

import html

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QGridLayout, QLabel, QVBoxLayout

from ui.context import AppContext
from ui.operations import read
from ui.screen_fit import fit

WHOLE_PRACTICE = 0  # the combo's data for "Hele praktijk"


def _plain(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _chart(title: str, labels: list[str], values: list[float], unit: str) -> QChartView:
    bars = QBarSet(unit)
    for value in values:
        bars.append(value)
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    # above the bar, in the text colour: inside a narrow bar a figure such as "3,34" was cut off
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    bars.setLabelColor(QColor("#202020"))
    chart = QChart()
    chart.setTitle(html.escape(title))
    chart.addSeries(series)
    chart.legend().hide()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setLocale(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    chart.setLocalizeNumbers(True)  # 5,74 and not 5.74
    axis_x = QBarCategoryAxis()
    axis_x.append([html.escape(label) for label in labels])  # chart labels are rich text: "< 3"
    axis_x.setTruncateLabels(False)  # "< 3" and "(—)" must stay readable
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = QValueAxis()
    if unit == "aantal":  # whole numbers only
        top = int(max([*values, 1.0])) + 1
        axis_y.setRange(0, top)
        axis_y.setTickCount(min(top, 10) + 1)
        axis_y.setLabelFormat("%.0f")
    else:
        axis_y.setRange(0, max([*values, 1.0]) * 1.2)
        axis_y.setLabelFormat("%.1f")
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view


class DashboardWindow(QDialog):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.board = None
        self.setObjectName("dashboard")
        self.setWindowTitle("Dashboard verzuim")
        col = QVBoxLayout(self)
        choose = QFormLayout()
        self.scope = QComboBox()
        self.scope.setObjectName("dashboard_scope")
        self.scope.setMinimumContentsLength(30)
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope.addItem("Hele praktijk", WHOLE_PRACTICE)
        self.scope.currentIndexChanged.connect(self.reload)
        choose.addRow("Voor", self.scope)
        col.addLayout(choose)
        self.grid = QGridLayout()
        for column in (0, 1):  # two charts side by side get the same width
            self.grid.setColumnStretch(column, 1)
        col.addLayout(self.grid, 1)
        self.overdue = _plain(name="dashboard_overdue")
        self.overdue.setStyleSheet("font-size: 14pt;")
        self.note = _plain(name="dashboard_note")
        self.charts: dict[str, QChartView] = {}
        fit(self, 1200, 720)
        read(self, ctx, _employers).success(self._fill_employers).run_in_background()
        self.reload()

    def _fill_employers(self, employers) -> None:
        for e in employers:
            self.scope.addItem(e.name, e.id)

    def reload(self) -> None:
        from desktop_app.services import dashboard

        employer_id = self.scope.currentData()
        if employer_id in (None, WHOLE_PRACTICE):
            operation = read(self, self.ctx, dashboard.practice_dashboard)
        else:
            operation = read(self, self.ctx, dashboard.employer_dashboard, employer_id)
        operation.success(self.show_board).run_in_background()

    def show_board(self, board) -> None:
        self.board = board
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None and item.widget() not in (self.overdue, self.note):
                item.widget().deleteLater()
        labels = [m.short_label for m in board.months]
        self.charts = {
            "absence": _chart(f"Verzuimpercentage per maand, {board.period_label} (zonder zwangerschap)", labels,
                              [m.absence_percentage or 0.0 for m in board.months], "%"),
            "frequency": _chart(f"Meldingsfrequentie per maand, {board.period_label} (per werknemer per jaar)",
                                labels,
                                [m.notification_frequency or 0.0 for m in board.months], "per jaar"),
            "open": _chart("Lopende verzuimgevallen naar duur (vandaag)",
                           [f"{label}\n({shown})" for label, _n, shown in board.open_classes],
                           board.open_bars, "aantal"),
        }
        self.grid.addWidget(self.charts["absence"], 0, 0)
        self.grid.addWidget(self.charts["frequency"], 0, 1)
        self.grid.addWidget(self.charts["open"], 1, 0)
        self.overdue.setText(f"Poortwachterstappen te laat: {board.overdue}")
        self.note.setText(board.suppressed_note)
        side = QVBoxLayout()
        side.addWidget(self.overdue)
        side.addWidget(self.note)
        side.addStretch(1)
        self.grid.addLayout(side, 1, 1)

    def bar_values(self, name: str) -> list[float]:
        """What a chart draws (for tests and the screenshots)."""
        series = self.charts[name].chart().series()[0]
        bars = series.barSets()[0]
        return [bars.at(i) for i in range(bars.count())]


def _employers(session):
    from desktop_app.services import employers

    return employers.list_all(session)


def open_dashboard(ctx: AppContext, parent=None) -> DashboardWindow:
    window = DashboardWindow(ctx, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
