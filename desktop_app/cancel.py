"""Stopping long work cleanly: a token the client sets and the work checks between its steps.

Backup, restore, key rotation, the dossier copy and imports take ``cancel: CancelToken | None``.
They call ``check(cancel)`` (or ``cancel.raise_if_cancelled()``) at points where stopping leaves
nothing half written: before a step starts, or where the step's partial output is still a
temporary file that the ``except`` removes. ``Cancelled`` is an expected error with a Dutch
message; the client shows nothing for it (the user asked for it) and says what was kept.

The token is a ``threading.Event`` underneath: set from the GUI thread, read from the database
thread (and from the worker threads a step may use).
"""

from __future__ import annotations

import threading

from desktop_app.errors import ArbokluisError

__all__ = ["Cancelled", "CancelToken", "cancelling", "check"]


class Cancelled(ArbokluisError):
    """The user stopped the work; whatever it had started was undone."""

    message = "De bewerking is afgebroken."


class CancelToken:
    """Set once (``cancel()``), polled by the work (``raise_if_cancelled()``)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled(detail="cancelled by the user")


def check(token: CancelToken | None) -> None:
    """Raise ``Cancelled`` if ``token`` was set; ``None`` never cancels."""
    if token is not None:
        token.raise_if_cancelled()


def cancelling(progress, token: CancelToken | None):
    """A progress callback that also checks ``token``: work that reports between its steps (a
    document's pages) stops there. ``progress`` may be None."""
    if token is None:
        return progress

    def report(done: int, total: int, text: str = "") -> None:
        token.raise_if_cancelled()
        if progress is not None:
            progress(done, total, text)

    return report
