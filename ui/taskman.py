"""One database thread: every core call runs there, because SQLCipher connections belong to one.

After Anki's ``qt/aqt/taskman.py``: work is queued on a single worker thread and its result or
error comes back on the GUI thread through a queued signal. Windows usually go through
``ui.operations.Operation``, which adds the progress dialog and the error display.

``run`` forwards extra keyword arguments to the work, so its own options are named
``on_success``, ``on_failure``, ``on_progress``, ``owner`` and ``on_shutdown`` (services take a
``progress=`` argument of their own). An argument given as ``REPORT`` is replaced by a
thread-safe ``report(done, total, text)`` whose calls reach ``on_progress`` on the GUI thread.

After each piece of work, still on the database thread, ``collect()`` (if set) is asked what the
work changed; a non-empty answer reaches ``collected`` on the GUI thread once the work's own
callbacks have run (``ui.changes``: the session's changes, decision 0012).

Answers are handed to the window one per turn of the event loop (``ui.turns``), not all at once:
Qt sends every posted event of a turn before it looks at its timers, so the three list pages and
Vandaag answering together after the login held the window for their sum (gui_stall_max_ms).

``call`` runs work and waits for it. It is for tests and scripts only: no window may use it (a
running backup would freeze the window until it ends); ``tests/ui/test_operations_client.py``
fails on any ``.call(`` in ``ui/``.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import itertools
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal, Slot

Progress = Callable[[int, int, str], None]


_borrowed_lock = threading.Lock()
_borrowed_result: bool | None = None


class _Probe(QObject):
    ping = Signal()


def _emit_returns_borrowed() -> bool:
    """Whether ``SignalInstance.emit()`` returns its bool without a new reference.

    PySide6 6.12.0 returns ``None``, ``True`` and ``False`` from its calls without a new
    reference. On Python 3.12 and later these objects are immortal and nothing happens; on 3.11
    each call takes one reference, and after enough calls the interpreter aborts ("bool_dealloc"
    or "none_dealloc: deallocating ..."), at the latest when it exits. This module gives back
    what its own (frequent) emits take; every other call into PySide still loses one: the real
    fix is Python 3.12+ or a PySide6 without the bug. Checked once, by keeping 16 results: with
    a proper new reference each one adds to the count, borrowed ones do not.
    """
    if sys.version_info >= (3, 12):
        return False
    global _borrowed_result
    with _borrowed_lock:
        if _borrowed_result is None:
            probe = _Probe()
            value = probe.ping.emit()
            if not isinstance(value, bool):
                _borrowed_result = False
            else:
                before = sys.getrefcount(value)
                kept = [probe.ping.emit() for _ in range(16)]
                _borrowed_result = sys.getrefcount(value) - before < len(kept)
                if _borrowed_result:  # give back what ``value`` and ``kept`` will take
                    for _ in range(len(kept) + 1):
                        ctypes.pythonapi.Py_IncRef(ctypes.py_object(value))
        return _borrowed_result


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, without PySide6 6.12.0's lost reference (see above)."""
    result = signal.emit(*args)
    if isinstance(result, bool) and _emit_returns_borrowed():
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))


class _Report:
    """Placeholder for the progress reporter in ``run``'s arguments."""

    def __repr__(self) -> str:
        return "REPORT"


REPORT: Any = _Report()


def detach(exc: BaseException) -> BaseException:
    """Drop the tracebacks of an exception chain before it crosses to the GUI thread.

    A traceback keeps the database thread's frames alive, and with them cursors of its SQLCipher
    connection; if the GUI thread's garbage collector finalised those while the database thread
    used the connection, the process could crash. What the crash report needs is kept: each
    exception's frames as ``worker_frames`` (file, line, function) and the message-free text of
    the whole chain as ``worker_traceback``.
    """
    from ui.crash import frames_of, safe_report

    try:
        exc.worker_traceback = safe_report(type(exc), exc)  # type: ignore[attr-defined]
    except Exception:  # pragma: no cover - formatting never matters more than detaching
        pass
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        try:
            current.worker_frames = frames_of(current.__traceback__)  # type: ignore[attr-defined]
        except Exception:  # pragma: no cover - e.g. an exception class with __slots__
            pass
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
    return exc


class Reporter:
    """``report(done, total, text="")``, callable from the database thread.

    Reports are coalesced: at most one is queued to the GUI thread at a time and it carries the
    newest values, so a tight loop cannot flood the event queue. It never raises and never
    cancels: cancelling is the work's own decision (``ui.operations.CancelToken``).
    """

    def __init__(self, emit: Callable[[Reporter], None] | None, callback: Progress | None) -> None:
        self._emit = emit
        self._callback = callback
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None
        self._queued = False
        self._closed = callback is None

    def __call__(self, done: int, total: int, text: str = "") -> None:
        with self._lock:
            if self._closed:
                return
            self._latest = (int(done), int(total), str(text))
            if self._queued:
                return
            self._queued = True
        if self._emit is not None:
            self._emit(self)

    def deliver(self) -> None:
        """GUI thread: hand the newest values to the callback."""
        with self._lock:
            latest, self._latest, self._queued = self._latest, None, False
            closed = self._closed
        if latest is not None and not closed and self._callback is not None:
            self._callback(*latest)

    def close(self) -> None:
        with self._lock:
            self._closed = True


def report_unhandled(exc: BaseException) -> None:
    """Hand an error nobody handles to the crash hook (``sys.excepthook``)."""
    sys.excepthook(type(exc), exc, exc.__traceback__)


class TaskManager(QObject):
    """Create on the GUI thread; pass it to windows (no global). ``close()`` joins the thread."""

    _done = Signal(object)
    _progress = Signal(object)
    collected = Signal(object)  # what a piece of work changed (``collect``'s answer)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.collect: Callable[[], Any] | None = None  # database thread, after each piece of work
        self._thread_id: int | None = None
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="arbokluis-db", initializer=self._started)
        self._lock = threading.Lock()
        self._pending: dict[int, Callable[[], None] | None] = {}
        self._ids = itertools.count(1)
        self._closed = False
        self._done.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self._deliver_progress, Qt.ConnectionType.QueuedConnection)

    @property
    def closed(self) -> bool:
        """Whether ``close()`` has run: no more work is taken."""
        return self._closed

    def _started(self) -> None:
        self._thread_id = threading.get_ident()

    def on_worker_thread(self) -> bool:
        return self._thread_id is not None and threading.get_ident() == self._thread_id

    def run(self, fn: Callable[..., Any], *args: Any,
            on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None,
            on_progress: Progress | None = None,
            owner: QObject | None = None,
            on_shutdown: Callable[[], None] | None = None,
            **kwargs: Any) -> None:
        """Run ``fn(*args, **kwargs)`` on the database thread; call back on the GUI thread.

        - ``on_success(result)`` / ``on_failure(exc)``: the exception arrives detached (no
          traceback; see ``detach``). Without ``on_failure`` it goes to the crash hook.
        - ``on_progress(done, total, text)``: fed by ``REPORT`` (see the module text).
        - ``owner``: if it was deleted meanwhile (a dossier window closed while its data was
          loading), the callbacks are dropped; an unexpected error (not an ``ArbokluisError``)
          still goes to the crash hook.
        - ``on_shutdown``: called by ``close()`` while this work is still queued or running,
          e.g. a cancel token's ``cancel``, so that ``close()`` does not wait for long work.
        """
        if self._closed:
            raise RuntimeError("the task manager is closed")
        reporter = Reporter(self._emit_progress, on_progress)
        args = tuple(reporter if a is REPORT else a for a in args)
        kwargs = {k: reporter if v is REPORT else v for k, v in kwargs.items()}
        job = next(self._ids)
        with self._lock:
            self._pending[job] = on_shutdown

        def work() -> None:
            try:
                result, error = fn(*args, **kwargs), None
            except BaseException as exc:  # delivered to on_failure or the crash hook
                result, error = None, detach(exc)
            changes = self._collected()  # also after a failure: what it committed before failing
            emit(self._done, (job, result, error, on_success, on_failure, owner, reporter, changes))

        try:
            self._executor.submit(work)
        except RuntimeError:
            with self._lock:
                self._pending.pop(job, None)
            raise

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn`` on the database thread and wait for it (tests and scripts only). What it
        changed is announced (``collected``) as after ``run``."""
        if self.on_worker_thread():
            return fn(*args, **kwargs)

        def guarded() -> Any:
            try:
                return fn(*args, **kwargs)
            except BaseException as exc:
                raise detach(exc) from None
            finally:
                changes.append(self._collected())

        changes: list[Any] = []
        try:
            return self._executor.submit(guarded).result()
        finally:
            self._announce(changes[0] if changes else None)

    def _collected(self) -> Any:
        """Database thread: ``collect()``'s answer; a failing ``collect`` is a bug (crash hook)."""
        if self.collect is None:
            return None
        try:
            return self.collect()
        except Exception as exc:  # reported on the GUI thread, the work's own result unharmed
            return detach(exc)

    def _announce(self, changes: Any) -> None:
        if isinstance(changes, BaseException):
            report_unhandled(changes)
        elif changes:
            emit(self.collected, changes)

    def _emit_progress(self, reporter: Reporter) -> None:
        emit(self._progress, reporter)

    @Slot(object)
    def _deliver_progress(self, reporter: Reporter) -> None:
        reporter.deliver()

    @Slot(object)
    def _arrived(self, payload: tuple) -> None:
        from ui import turns

        # owned by this manager: once it is deleted (the program or a test shutting down) its
        # answers are dropped, as Qt drops the events posted to a deleted object
        turns.later(lambda: self._deliver(payload), owner=self)

    def _deliver(self, payload: tuple) -> None:
        job, result, error, on_success, on_failure, owner, reporter, changes = payload
        reporter.close()
        try:
            if owner is not None and not shiboken6.isValid(owner):
                if error is not None and not _expected(error):
                    report_unhandled(error)
                return
            if error is None:
                if on_success is not None:
                    on_success(result)
            elif on_failure is not None:
                on_failure(error)
            else:
                report_unhandled(error)
        finally:
            try:
                self._announce(changes)  # before the work counts as done: ``busy`` covers the refreshes
            finally:
                with self._lock:
                    self._pending.pop(job, None)

    @property
    def busy(self) -> bool:
        """Work is queued, running, or its callbacks have not run yet."""
        with self._lock:
            return bool(self._pending)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """For tests: process events until all work has run and its callbacks were called."""
        deadline = time.monotonic() + timeout
        while self.busy:
            if time.monotonic() > deadline:
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if self.busy:
                time.sleep(0.002)
        return True

    def close(self) -> None:
        """Stop taking work, ask pending work to stop (``on_shutdown``), and join the thread.

        Queued work still runs (it may be a save); callbacks that were not delivered yet are not.
        """
        if self._closed:
            return
        self._closed = True
        with self._lock:
            hooks = [hook for hook in self._pending.values() if hook is not None]
        for hook in hooks:
            hook()
        self._executor.shutdown(wait=True)


def _expected(error: BaseException) -> bool:
    from desktop_app.errors import ArbokluisError

    return isinstance(error, ArbokluisError)
