"""The crash hook: unexpected exceptions from any thread reach the GUI thread and are shown once.

After Electrum's ``exception_window``: ``sys.excepthook`` and ``threading.excepthook`` build a
report in the thread that failed and hand it to the GUI thread through a queued signal; each kind
of failure (exception type and the place it was raised) is shown once per session.

The report holds exception types and the frames' file, line and function, never an exception's
message or a local value: both may carry the name or BSN of an employee. File paths are cut to
the part below the program's own folders, so the user's home folder does not appear either.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.taskman import emit

log = logging.getLogger(__name__)

Frame = tuple[str, int, str]  # file, line, function

CRASH_TEXT = (
    "Er ging onverwacht iets mis in Arbokluis. Wat al was opgeslagen, is bewaard.\n\n"
    "Sla uw werk op, sluit het programma en start het opnieuw. Meld het probleem bij de "
    "beheerder en geef het rapport mee (knop Rapport kopiëren). Het rapport bevat geen gegevens "
    "van werknemers: alleen de soort fout en de plaats in het programma."
)

_ROOTS = ("desktop_app", "ui", "tests", "PySide6", "shiboken6")


def short_path(filename: str) -> str:
    """A source path without the folders above the program (which can hold a user name)."""
    parts = [p for p in re.split(r"[\\/]+", filename) if p]
    if not parts:
        return "?"
    if "site-packages" in parts:
        cut = len(parts) - parts[::-1].index("site-packages")
        return "/".join(parts[cut:]) or parts[-1]
    for i, part in enumerate(parts[:-1]):
        if part in _ROOTS:
            return "/".join(parts[i:])
    return parts[-1]


def frames_of(tb: TracebackType | None) -> list[Frame]:
    """File, line and function of each frame, outermost first; no source lines, no locals."""
    return [(short_path(f.filename), f.lineno or 0, f.name)
            for f in traceback.extract_tb(tb, limit=None)] if tb is not None else []


def _own_frames(exc: BaseException) -> list[Frame]:
    if exc.__traceback__ is not None:
        return frames_of(exc.__traceback__)
    return list(getattr(exc, "worker_frames", []))  # detached by ui.taskman.detach


def _chain(exc: BaseException) -> list[tuple[BaseException, str]]:
    """The exception and its causes, innermost first, each with how it led to the next."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, "cause"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, "context"
        else:
            current = None
    return chain[::-1]


def _type_name(exc_type: type) -> str:
    module = getattr(exc_type, "__module__", "") or ""
    name = getattr(exc_type, "__qualname__", exc_type.__name__)
    return name if module == "builtins" else f"{module}.{name}"


def safe_report(exc_type: type[BaseException], exc: BaseException | None,
                tb: TracebackType | None = None) -> str:
    """A traceback without messages or values: types and (file, line, function) frames."""
    if exc is None:
        return f"{_type_name(exc_type)}\n" + "".join(
            f"  {file}:{line} in {func}\n" for file, line, func in frames_of(tb))
    lines: list[str] = []
    chain = _chain(exc)
    for index, (current, link) in enumerate(chain):
        frames = frames_of(tb) if current is exc and tb is not None else _own_frames(current)
        where = " (database thread)" if current.__traceback__ is None and frames else ""
        lines.append(f"{_type_name(type(current))}{where}")
        lines.extend(f"  {file}:{line} in {func}" for file, line, func in frames)
        if index + 1 < len(chain):  # ``link``: how this one led to the next
            lines.append("which caused:" if link == "cause" else "during whose handling:")
    return "\n".join(lines) + "\n"


def kind_of(exc_type: type[BaseException], exc: BaseException | None,
            tb: TracebackType | None = None) -> str:
    """What makes two failures 'the same': the type and the innermost frame."""
    frames = frames_of(tb) if tb is not None else (_own_frames(exc) if exc is not None else [])
    file, line, _func = frames[-1] if frames else ("?", 0, "?")
    return f"{_type_name(exc_type)}@{file}:{line}"


def environment_line() -> str:
    from PySide6 import __version__ as pyside_version

    from desktop_app.version import __version__

    python = ".".join(map(str, sys.version_info[:3]))
    return f"Arbokluis {__version__}, Python {python}, PySide6 {pyside_version}, {sys.platform}"


def show_crash_dialog(report: str) -> None:
    """The default way to show a report: a plain-text box with the report as details."""
    from ui.messages import plain_box

    box = plain_box(QApplication.activeWindow(), QMessageBox.Icon.Critical,
                    "Arbokluis — onverwachte fout", CRASH_TEXT)
    box.setDetailedText(report)  # the details pane is plain text in Qt
    copy = box.addButton("Rapport kopiëren", QMessageBox.ButtonRole.ActionRole)
    close = box.addButton("Sluiten", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    box.exec()
    if box.clickedButton() is copy:
        QGuiApplication.clipboard().setText(report)


class CrashHook(QObject):
    """Install once on the GUI thread: ``CrashHook().install()``; ``uninstall()`` undoes it.

    ``show`` receives the report text on the GUI thread (a plain-text dialog by default).
    """

    _reported = Signal(str, str)  # kind, report

    def __init__(self, parent: QObject | None = None,
                 show: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self._show = show or show_crash_dialog
        self._shown: set[str] = set()
        self._showing = False
        self._previous_sys = None
        self._previous_threading = None
        self._reported.connect(self._show_once, Qt.ConnectionType.QueuedConnection)

    def install(self) -> CrashHook:
        self._previous_sys = sys.excepthook
        self._previous_threading = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook and self._previous_sys is not None:
            sys.excepthook = self._previous_sys
        if threading.excepthook == self.thread_excepthook and self._previous_threading is not None:
            threading.excepthook = self._previous_threading
        self._previous_sys = self._previous_threading = None

    def excepthook(self, exc_type: type[BaseException], exc: BaseException | None,
                   tb: TracebackType | None) -> None:
        """``sys.excepthook``: any thread, including Qt slots and virtual methods."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)  # type: ignore[arg-type]
            return
        self.handle(exc_type, exc, tb)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit):
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(self, exc_type: type[BaseException], exc: BaseException | None,
               tb: TracebackType | None) -> None:
        """Build the report where the failure happened; only text crosses to the GUI thread."""
        try:
            report = f"{environment_line()}\n{safe_report(exc_type, exc, tb)}"
            kind = kind_of(exc_type, exc, tb)
        except Exception:  # the hook itself must never fail
            report = kind = _type_name(exc_type)
        log.error("unexpected error (messages left out):\n%s", report)
        emit(self._reported, kind, report)

    @Slot(str, str)
    def _show_once(self, kind: str, report: str) -> None:
        if kind in self._shown or self._showing:
            return
        self._shown.add(kind)
        self._showing = True
        try:
            self._show(report)
        finally:
            self._showing = False
