"""Driving the lock from the user's side: a dossier with its Medisch tab open, the medical unlock
through the tab's own field and button, the "U was bezig met …" box answered by its button, and
what any visible widget shows."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from tests.helpers.clock import ManualClock
from tests.ui.conftest import log_in

MARKER = "hernia L5-S1 concept-90417"


class Hold:
    """A job that holds the database thread (as a backup or a key rotation does) until ``let_go``."""

    def __init__(self, ctl) -> None:
        self.event = threading.Event()
        ctl.ctx.tasks.run(lambda: self.event.wait(30))

    def let_go(self) -> None:
        self.event.set()


def idle_clock(ctl) -> ManualClock:
    """The controller's idle watcher on a clock the test moves (no real waiting)."""
    clock = ManualClock()
    ctl.idle.use_clock(clock)
    return clock


def idle_until_the_medical_lock(ctl, clock: ManualClock) -> None:
    clock.advance(ctl.idle.medical_lock_after)


def open_medical_tab(qtbot, ctl, account):
    """Log in, open the first employee's dossier and unlock its Medisch tab; returns the tab."""
    main = log_in(qtbot, ctl, account)
    employee = main.employees_model.rows[0]
    main.open_dossier(employee.id)
    window = main.dossiers[employee.id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    unlock_tab(qtbot, window.medical, account.medical_passphrase)
    return window.medical


def unlock_tab(qtbot, tab, passphrase: str) -> None:
    """Unlock as the user does: in the Medisch tab, with the passphrase and the button."""
    tabs = tab.window().tabs
    tabs.setCurrentIndex(tabs.indexOf(tab))
    tab.passphrase.set_value("passphrase", passphrase)
    tab.unlock_button.click()
    qtbot.waitUntil(lambda: not tab.is_locked, timeout=15000)


def visible_text() -> str:
    """Everything a visible widget shows as text, window titles included."""
    out = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if widget.isWindow():
            out.append(widget.windowTitle())
        if isinstance(widget, QLineEdit | QLabel | QAbstractButton):
            out.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            out.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            out.append(widget.currentText())
    return "\n".join(out)


def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


class OfferAnswerer:
    """Answers the "U was bezig met …" box with the button ``choice`` as soon as it shows,
    and keeps the texts it saw (a screenshot too, when ARBOKLUIS_SCREENSHOT_DIR is set)."""

    def __init__(self, choice: str = "Verder werken", backdrop: QWidget | None = None) -> None:
        self.choice = choice
        self.backdrop = backdrop
        self.texts: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.objectName() == "draft_offer" and widget.isVisible():
                self.texts.append(widget.text())
                self._screenshot(widget)
                button = next(b for b in widget.buttons() if b.text() == self.choice)
                button.click()
                return

    def _screenshot(self, box: QWidget) -> None:
        folder = os.environ.get("ARBOKLUIS_SCREENSHOT_DIR")
        if not folder or self.backdrop is None:
            return
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QColor, QPainter

        self.backdrop.resize(1366, 768)
        QApplication.processEvents()
        image = self.backdrop.grab()
        shot = box.grab()
        painter = QPainter(image)
        painter.fillRect(image.rect(), QColor(0, 0, 0, 70))  # the window behind the modal box, dimmed
        painter.drawPixmap(QPoint((image.width() - shot.width()) // 2, (image.height() - shot.height()) // 3), shot)
        painter.end()
        Path(folder).mkdir(parents=True, exist_ok=True)
        image.save(str(Path(folder) / "draft-offer.png"))

    def stop(self) -> None:
        self.timer.stop()


def dossier_with_a_fresh_case(qtbot, controller, main, row=0):
    """The dossier of row ``row``'s employee with one open absence case, opened at that case
    (an older open case is closed first); returns (employee id, window)."""
    from datetime import date, timedelta

    from desktop_app.domain.cases import CaseForm
    from desktop_app.domain.dates import nl_date
    from desktop_app.services import cases

    employee_id = main.employees_model.rows[row].id
    for case in controller.ctx.call(cases.for_employee, employee_id):
        if case.is_open:
            controller.ctx.call(cases.report_recovery, case.id, nl_date(date.today() - timedelta(days=1)))
    controller.ctx.call(cases.open_case, employee_id, CaseForm(first_day=nl_date(date.today() - timedelta(days=30))))
    window = main.open_dossier(employee_id)
    qtbot.waitUntil(lambda: window.dossier is not None and bool(window.dossier.cases), timeout=15000)
    window.cases_table.selectRow(0)
    return employee_id, window
