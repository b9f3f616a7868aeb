"""The practice's registers of complaints and data breaches, from the menu Praktijk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from ui.context import AppContext
from ui.screen_fit import fit


class RegistersWindow(QWidget):
    def __init__(self, ctx: AppContext, held: frozenset[Permission], parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.setWindowTitle("Klachten en datalekken")
        self.setObjectName("registers_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        col = QVBoxLayout(self)
        self.tabs = QTabWidget()
        col.addWidget(self.tabs)
        self.complaints = self.breaches = None
        if Permission.COMPLAINTS in held:
            from ui.complaints_panel import ComplaintsPanel

            self.complaints = ComplaintsPanel(ctx, self)
            self.tabs.addTab(self.complaints, "Klachten")
            self.complaints.reload()
        if Permission.BREACH_REGISTER in held:
            from ui.breaches_panel import BreachesPanel

            self.breaches = BreachesPanel(ctx, self)
            self.tabs.addTab(self.breaches, "Datalekken")
            self.breaches.reload()
        fit(self, 1100, 680)


def open_registers(main) -> RegistersWindow:
    """Called from the main window's menu; one window at a time."""
    window = getattr(main, "registers", None)
    if window is None:
        window = RegistersWindow(main.ctx, main.held, main)
        window.destroyed.connect(lambda: setattr(main, "registers", None))
        main.registers = window
    window.show()
    window.raise_()
    return window
