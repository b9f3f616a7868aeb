"""Operations: service calls run on the database thread, the way windows start them.

After Anki's ``CollectionOp``/``QueryOp``. Windows use the one-line factories, which put the
session first::

    read(self, self.ctx, dossier.load, employee_id).success(self._show).run_in_background()
    save(self, self.ctx, consents.record, employee_id, form).errors_to(self.error) \
        .success(self._saved).run_in_background()
    job(self, self.ctx, backup.create_backup, path, progress=REPORT, cancel=TOKEN,
        label="Back-up maken…").success(done).on_cancel(cancelled).run_in_background()
    load(self, self.ctx, consents.physicians, status=self.loading, widgets=[self.form]) \
        .success(self._fill).run_in_background()

A dialog whose fields need data shows at once and fills when the data arrives (``load``): its
``widgets`` are disabled and ``status`` says "Laden…" until then; a typed error leaves them
disabled with its Dutch message in ``status``, a bug says "Laden is mislukt." there and goes to
the crash hook.

The GUI thread never waits for the database thread (no ``TaskManager.call`` in ``ui``): a
running backup delays the answer, never the window.

Arguments given as ``REPORT`` become a thread-safe ``report(done, total, text)``; arguments given
as ``TOKEN`` become the operation's ``CancelToken``, which the work polls
(``token.raise_if_cancelled()``). A progress dialog shows only if the work is still running
after 600 ms; with ``cancellable=True`` its "Annuleren" button sets the token.

When the work fails:
- ``Cancelled``: no message; the ``on_cancel`` callback, if any.
- an ``ArbokluisError`` (typed, expected): its Dutch ``message`` where ``errors_to`` says (a
  label of the window), else the ``failure`` callback if given, else a plain-text box;
- anything else is a bug: the ``failure`` callback (if given, so the window can tidy up) and
  always the crash hook.
If the parent window was deleted meanwhile, the token is cancelled and the callbacks are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop_app.cancel import Cancelled, CancelToken
from desktop_app.errors import ArbokluisError, SessionLocked
from ui import messages
from ui.taskman import REPORT, TaskManager, emit, report_unhandled

__all__ = ["LOADING", "REPORT", "TOKEN", "Cancelled", "CancelToken", "Loading", "Operation", "ProgressDialog",
           "job", "load", "read", "save"]

PROGRESS_DELAY_MS = 600
LOADING = "Laden…"
LOAD_FAILED = "Laden is mislukt."


class _Token:
    def __repr__(self) -> str:
        return "TOKEN"


TOKEN: Any = _Token()


class ProgressDialog(QDialog):
    """A label, a bar and, if cancellable, "Annuleren". Closes only when the work has ended."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, label: str, cancellable: bool) -> None:
        super().__init__(parent)
        self.setObjectName("operation_progress")
        self.setWindowTitle("Arbokluis")
        self.setWindowModality(Qt.WindowModality.WindowModal if parent is not None
                               else Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, cancellable)
        self._label_text = label
        self.label = QLabel(label)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setMinimumWidth(320)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until a report gives a total
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.cancel_button: QPushButton | None = None
        if cancellable:
            self.cancel_button = QPushButton("Annuleren")
            self.cancel_button.clicked.connect(self.request_cancel)
            layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        self._finished = False

    def update_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(max(0, min(done, total)))
        else:
            self.bar.setRange(0, 0)
        if text and (self.cancel_button is None or self.cancel_button.isEnabled()):
            self.label.setText(f"{self._label_text}\n{text}")

    def request_cancel(self) -> None:
        if self.cancel_button is None or not self.cancel_button.isEnabled():
            return
        self.cancel_button.setEnabled(False)
        self.label.setText("Bezig met afbreken…")
        emit(self.cancel_requested)

    def finish(self) -> None:
        self._finished = True
        self.close()

    def reject(self) -> None:  # Escape
        self.request_cancel()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape:
            self.request_cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self._finished:
            event.accept()
        else:
            event.ignore()
            self.request_cancel()


class Loading:
    """A window's "Laden…" state while the data it shows is read: ``widgets`` disabled and
    ``status`` saying so; ``done`` enables them (a widget disabled on its own stays disabled)."""

    def __init__(self, status: QLabel, widgets: Iterable[QWidget]) -> None:
        self.status = status
        self.widgets = list(widgets)

    def start(self) -> None:
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setStyleSheet("")
        self.status.setText(LOADING)
        self.status.show()
        for widget in self.widgets:
            widget.setEnabled(False)

    def done(self) -> None:
        if not shiboken6.isValid(self.status):
            return
        self.status.clear()
        self.status.hide()
        for widget in self.widgets:
            if shiboken6.isValid(widget):
                widget.setEnabled(True)

    def refused(self, message: str) -> None:
        """Nothing to show: the Dutch reason where "Laden…" was; the fields stay disabled."""
        if shiboken6.isValid(self.status):
            from ui.form import ERROR_STYLE

            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(message)
            self.status.show()


class Operation:
    """One call of ``fn(*args, **kwargs)`` on the database thread, configured by chaining."""

    def __init__(self, parent: QWidget | None, tasks: TaskManager,
                 fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self._parent = parent
        self._tasks = tasks
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_cancel: Callable[[], None] | None = None
        self._on_error: Callable[[str], None] | None = None
        self._always: Callable[[], None] | None = None
        self._label: str | None = None
        self._cancellable = False
        self._delay_ms = PROGRESS_DELAY_MS
        self._timer: QTimer | None = None
        self._last: tuple[int, int, str] | None = None
        self._started = False
        self._loading: Loading | None = None
        self._ctx: Any = None
        self._session: Any = None
        self.finished = False
        self.token = CancelToken()
        self.dialog: ProgressDialog | None = None

    def success(self, callback: Callable[[Any], None]) -> Operation:
        self._on_success = callback
        return self

    def for_session(self, ctx: Any) -> Operation:
        """The work belongs to the session open now: if that session is locked or closed before
        the work answers, the answer is dropped (no preview, box or filled window appears over
        the login window); only ``always`` runs."""
        if ctx.session is not None:  # work before a login (setup, restore) has no session to outlive
            self._ctx = ctx
            self._session = ctx.session
        return self

    def _stale(self) -> bool:
        if self._ctx is None:
            return False
        current = self._ctx.session
        return (current is not self._session or current is None or not current.is_open
                or getattr(self._ctx, "locked", False))

    def failure(self, callback: Callable[[BaseException], None]) -> Operation:
        self._on_failure = callback
        return self

    def on_cancel(self, callback: Callable[[], None]) -> Operation:
        self._on_cancel = callback
        return self

    def errors_to(self, target: QLabel | Callable[[str], None]) -> Operation:
        """Show a typed error's Dutch message where it arose: in a label of the window (or any
        ``callback(message)``) instead of a box. Unexpected errors still go to the crash hook."""
        self._on_error = target.setText if isinstance(target, QLabel) else target
        return self

    def always(self, callback: Callable[[], None]) -> Operation:
        """Run after the work ended, however it ended (e.g. enable a button again)."""
        self._always = callback
        return self

    def loading(self, status: QLabel, widgets: Iterable[QWidget] = ()) -> Operation:
        """Fill a window that already shows: "Laden…" in ``status`` and ``widgets`` disabled
        until the data is there (see ``Loading``); a typed error's message goes to ``status``."""
        self._loading = Loading(status, widgets)
        self._on_error = self._loading.refused
        return self

    def with_progress(self, label: str, cancellable: bool = False,
                      delay_ms: int = PROGRESS_DELAY_MS) -> Operation:
        self._label = label
        self._cancellable = cancellable
        self._delay_ms = delay_ms
        return self

    def run_in_background(self) -> Operation:
        if self._started:
            raise RuntimeError("an operation runs once")
        self._started = True
        args = tuple(self.token if a is TOKEN else a for a in self._args)
        kwargs = {k: self.token if v is TOKEN else v for k, v in self._kwargs.items()}
        if self._parent is not None:
            self._parent.destroyed.connect(self.token.cancel)
        if self._loading is not None:
            self._loading.start()
        if self._label is not None:
            self._timer = QTimer()
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._show_dialog)
            self._timer.start(self._delay_ms)
        self._tasks.run(self._fn, *args, on_success=self._succeeded, on_failure=self._failed,
                        on_progress=self._progress, owner=self._parent,
                        on_shutdown=self.token.cancel, **kwargs)
        return self

    # --- GUI thread --------------------------------------------------------------------------

    def _show_dialog(self) -> None:
        if self.finished or (self._parent is not None and not shiboken6.isValid(self._parent)):
            return
        self.dialog = ProgressDialog(self._parent, self._label or "", self._cancellable)
        self.dialog.cancel_requested.connect(self.token.cancel)
        if self._last is not None:
            self.dialog.update_progress(*self._last)
        self.dialog.show()

    def _progress(self, done: int, total: int, text: str) -> None:
        self._last = (done, total, text)
        if self.dialog is not None:
            self.dialog.update_progress(done, total, text)

    def _end(self) -> None:
        self.finished = True
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.dialog is not None:
            self.dialog.finish()
            self.dialog.deleteLater()
        if self._parent is not None and shiboken6.isValid(self._parent):
            self._parent.destroyed.disconnect(self.token.cancel)

    def _succeeded(self, result: Any) -> None:
        self._end()
        if self._stale():
            self._tidy()
            return
        try:
            if self._loading is not None:
                self._loading.done()
            if self._on_success is not None:
                self._on_success(result)
        finally:
            self._tidy()

    def _tidy(self) -> None:
        if self._always is not None:
            self._always()

    def _failed(self, exc: BaseException) -> None:
        self._end()
        if self._stale() and isinstance(exc, ArbokluisError):  # a bug is still reported
            self._tidy()
            return
        try:
            self._report_failure(exc)
        finally:
            self._tidy()

    def _report_failure(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            if self._on_cancel is not None:
                self._on_cancel()
            return
        if self._on_failure is not None:
            self._on_failure(exc)
        if isinstance(exc, ArbokluisError):
            if self._on_error is not None:
                self._on_error(exc.message)
            elif self._on_failure is None and not isinstance(exc, SessionLocked):
                # (a read that answered after the lock: the login window already says so)
                messages.show_error(self._parent if isinstance(self._parent, QWidget) else None,
                                    exc.message)
            return
        if self._loading is not None:
            self._loading.refused(LOAD_FAILED)
        report_unhandled(exc)


# --- one-line factories ----------------------------------------------------------------------
# ``ctx`` is the window's ``AppContext``: the session goes in as the work's first argument.


def read(parent: QWidget | None, ctx: Any, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Operation:
    """A read for a window (a page of a list, a dossier, an attachment): no progress dialog.
    Chain ``.success(...)`` and ``.run_in_background()``."""
    return Operation(parent, ctx.tasks, fn, ctx.session, *args, **kwargs).for_session(ctx)


def load(parent: QWidget, ctx: Any, fn: Callable[..., Any], *args: Any, status: QLabel,
         widgets: Iterable[QWidget] = (), **kwargs: Any) -> Operation:
    """The data a dialog shows, read after it shows: "Laden…" in ``status`` and ``widgets``
    disabled until ``.success(fill)`` gets it. Chain ``.run_in_background()``."""
    return read(parent, ctx, fn, *args, **kwargs).loading(status, widgets)


def save(parent: QWidget | None, ctx: Any, fn: Callable[..., Any], *args: Any,
         label: str = "Bezig met opslaan…", **kwargs: Any) -> Operation:
    """A change the user asked for: a progress dialog if it takes longer than 600 ms."""
    return Operation(parent, ctx.tasks, fn, ctx.session, *args, **kwargs).for_session(ctx).with_progress(label)


def job(parent: QWidget | None, ctx: Any, fn: Callable[..., Any], *args: Any, label: str,
        cancellable: bool = True, **kwargs: Any) -> Operation:
    """Long work (backup, copy, rotation, restore, import): progress after 600 ms fed by
    ``REPORT``, and "Annuleren" that sets the ``TOKEN`` the work checks between its steps."""
    return Operation(parent, ctx.tasks, fn, ctx.session, *args, **kwargs).for_session(ctx) \
        .with_progress(label, cancellable=cancellable)


def show_or_report(exc: BaseException, show: Callable[[str], None]) -> None:
    """For a failure handler of its own: a typed error's Dutch message goes to ``show`` (a
    label's ``setText``, a box); anything else is a bug and goes to the crash hook."""
    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, ArbokluisError):
        show(exc.message)
    else:
        report_unhandled(exc)
