"""The crash hook: an unexpected error anywhere reaches the GUI thread through a signal and is
shown once per kind (Electrum's exception window). The report holds the error's type and where it
happened — file, line, function — never its message or local values, which may hold personal data."""

from __future__ import annotations

import logging
import sys
import threading
import traceback

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger("arbokluis.crash")


def safe_report(exc: BaseException) -> str:
    """Type and frames only."""
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    lines = [f"{type(exc).__module__}.{type(exc).__qualname__}"]
    lines += [f"  {f.filename.rsplit('/', 1)[-1]}:{f.lineno} in {f.name}" for f in frames[-12:]]
    worker = getattr(exc, "worker_traceback", "")
    if worker:
        lines.append("  (database thread)")
    return "\n".join(lines)


class CrashHook(QObject):
    crashed = Signal(str, str)  # kind, report

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seen: set[str] = set()
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self._hook
        threading.excepthook = lambda args: self._hook(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def _hook(self, exc_type, exc, tb) -> None:
        if exc is None:
            return
        exc.__traceback__ = tb
        report = safe_report(exc)
        log.error("unexpected error:\n%s", report)
        self.crashed.emit(exc_type.__qualname__, report)

    def _show(self, kind: str, report: str) -> None:
        if kind in self.seen:
            return
        self.seen.add(kind)
        from ui import messages

        messages.show_error(None, "Er ging iets onverwachts mis. Wat al was opgeslagen, blijft bewaard. "
                                  "Meld dit aan de beheerder met de gegevens hieronder (er staan geen "
                                  "persoonsgegevens in).\n\n" + report, "Onverwachte fout")
