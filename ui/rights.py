"""Consent and the employee's rights in the dossier: consents, releases and their approval,
requests with deadlines."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from ui import permissions
from ui.consents_panel import ConsentsPanel
from ui.context import AppContext
from ui.requests_panel import RequestsPanel


class RightsTab(QWidget):
    """In the dossier window: consents, the release log, and requests with their deadlines."""

    def __init__(self, ctx: AppContext, employee_id: int, parent=None, *,
                 held: frozenset[Permission] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        self.held = permissions.held(ctx) if held is None else held
        col = QVBoxLayout(self)
        self.consents = ConsentsPanel(ctx, employee_id, self.held, self)
        self.requests = RequestsPanel(ctx, employee_id, self.held, self)
        col.addWidget(self.consents, 2)
        col.addWidget(self.requests, 1)
        self.actions = {**self.consents.actions, **self.requests.actions}
        self.consents_table = self.consents.consents_table
        self.releases_table = self.consents.releases_table
        self.requests_table = self.requests.requests_table
        self.reload()

    def reload(self) -> None:
        self.consents.reload()
        self.requests.reload()
