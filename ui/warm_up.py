"""The code a dossier window needs, loaded while the user looks at Vandaag.

A first dossier window imported some thirty modules (its tabs, their dialogs, the services they
call, QtPdf) in the middle of opening, which held the GUI thread for tens of milliseconds
(gui_stall_max_ms). After the main window has shown, they are imported one per turn of the event
loop (``ui.turns``, so never in the turn of another piece of waiting work), a little apart, so
that no single turn is long and input still comes first.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer

SPACING_MS = 15

# Leaves before what imports them, so that each turn imports about one module.
DOSSIER_MODULES: tuple[str, ...] = (
    "desktop_app.domain.consents", "desktop_app.domain.releases", "desktop_app.domain.feedback",
    "desktop_app.domain.absences", "desktop_app.domain.medical.entry_forms",
    "desktop_app.storage.trajectories", "desktop_app.storage.consents", "desktop_app.storage.releases",
    "desktop_app.storage.absences",
    "desktop_app.services.billable_work", "desktop_app.services.activities", "desktop_app.services.dossier",
    "desktop_app.services.trajectories", "desktop_app.services.consents", "desktop_app.services.absences",
    "desktop_app.services.releases", "desktop_app.services.medical_entries", "desktop_app.services.working_notes",
    "ui.signature_pad", "ui.who", "ui.feedback_release", "ui.consent_dialog", "ui.consents_panel",
    "ui.request_dialog", "ui.request_register_dialog", "ui.requests_panel", "ui.rights",
    "ui.trajectory_tab", "ui.medical_tab", "ui.dossier",
    "PySide6.QtPdf", "PySide6.QtPdfWidgets", "ui.viewer",
)


class WarmUp(QObject):
    """Imports ``modules`` one per turn, ``spacing_ms`` apart; stops with its parent. ``done``
    is true once all are loaded (or could not be: the window then loads them when it needs them,
    and says what is wrong there)."""

    def __init__(self, modules: Sequence[str], parent: QObject, spacing_ms: int = SPACING_MS) -> None:
        super().__init__(parent)
        self._left = [m for m in modules if m not in sys.modules]
        self._timer = QTimer(self)
        self._timer.setInterval(spacing_ms)
        self._timer.timeout.connect(self._queue_next)
        self._queued = False
        if self._left:
            self._timer.start()

    @property
    def done(self) -> bool:
        return not self._left

    def _queue_next(self) -> None:
        from ui import turns

        if not self._queued:
            self._queued = True
            turns.later(self._next, owner=self)

    def _next(self) -> None:
        self._queued = False
        while self._left:
            name = self._left.pop(0)
            if name in sys.modules:
                continue  # loaded meanwhile, by the user opening a window
            try:
                importlib.import_module(name)
            except ImportError:
                pass  # a missing part is reported where it is used, not here
            break
        if not self._left:
            self._timer.stop()
