"""One database thread: every core call runs there, because SQLCipher connections belong to one.

Results come back on the GUI thread through a queued signal (Anki's taskman). ``call`` waits
for a quick read (a page of a list) and is meant for work of a millisecond or two.
"""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot


def detach(exc: BaseException) -> BaseException:
    """Drop the tracebacks of an exception chain before it crosses to the GUI thread.

    A traceback keeps the database thread's frames alive, and with them cursors of its SQLCipher
    connection; if the GUI thread's garbage collector finalised those while the database thread
    used the connection, the process could crash. The text of the traceback is kept for the crash
    report as ``exc.worker_traceback``.
    """
    import traceback

    try:
        exc.worker_traceback = "".join(traceback.format_exception(exc))  # type: ignore[attr-defined]
    except Exception:  # pragma: no cover - formatting never matters more than detaching
        pass
    seen = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
    return exc


class TaskManager(QObject):
    _done = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="arbokluis-db")
        self._pending = 0
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(self, fn: Callable[..., Any], *args: Any,
            on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None,
            owner: QObject | None = None, **kwargs: Any) -> None:
        """Run ``fn`` on the database thread; call back on the GUI thread.

        With an ``owner``, the callbacks are dropped if the owner was deleted meanwhile (a
        dossier window closed while its data was loading).
        """
        with self._lock:
            self._pending += 1
            self._idle.clear()

        def work() -> None:
            try:
                result, error = fn(*args, **kwargs), None
            except BaseException as exc:  # delivered to on_failure
                result, error = None, detach(exc)
            self._done.emit((result, error, on_success, on_failure, owner))

        self._executor.submit(work)

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn`` on the database thread and wait for it (quick reads only)."""
        if threading.current_thread().name.startswith("arbokluis-db"):
            return fn(*args, **kwargs)

        def guarded():
            try:
                return fn(*args, **kwargs)
            except BaseException as exc:
                raise detach(exc) from None

        return self._executor.submit(guarded).result()

    @Slot(object)
    def _deliver(self, payload: tuple) -> None:
        result, error, on_success, on_failure, owner = payload
        try:
            if owner is not None and not shiboken6.isValid(owner):
                return
            if error is None:
                if on_success is not None:
                    on_success(result)
            elif on_failure is not None:
                on_failure(error)
            else:
                raise error
        finally:
            with self._lock:
                self._pending -= 1
                if self._pending == 0:
                    self._idle.set()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """For tests: wait until submitted work has run (callbacks still need the event loop)."""
        self._executor.submit(lambda: None).result(timeout)
        return True

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def close(self) -> None:
        self._executor.shutdown(wait=True)
