"""The change signal: after any work on the database thread, the windows that show what it
changed read again (decision 0012).

The core keeps what a session changed (``desktop_app.changes``, from the audit trail every change
is recorded in); the task manager takes it after each piece of work and the ``ChangeBus`` of the
window's ``AppContext`` tells the windows, on the GUI thread::

    ctx.changes.watch(self, self._changed)      # self._changed(changes) once per piece of work

    def _changed(self, changes: Changes) -> None:
        if changes.concern_employee(self.employee_id):
            self.reload()

A save anywhere (a dialog, another window, an import) reaches Vandaag, the lists and the open
dossier windows without the saving window knowing who shows what. A watcher ends with the
window that asked (``watch`` ties it to the window's lifetime).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from desktop_app.changes import Change
from ui.taskman import emit

__all__ = ["Change", "ChangeBus", "Changes"]


class Changes:
    """What one piece of work changed: the ``Change``s, asked about by kind, id and dossier."""

    def __init__(self, items: Iterable[Change]) -> None:
        self.items: tuple[Change, ...] = tuple(dict.fromkeys(items))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def __repr__(self) -> str:
        return f"Changes({list(self.items)!r})"

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(c.kind for c in self.items)

    def of(self, *kinds: str) -> bool:
        """Something of one of these kinds changed."""
        return not self.kinds.isdisjoint(kinds)

    def has(self, kind: str, object_id: int | None) -> bool:
        """This one object changed."""
        return object_id is not None and any(c.kind == kind and c.id == object_id for c in self.items)

    def concern_employee(self, employee_id: int) -> bool:
        """Something in this employee's dossier changed (the personalia or anything of theirs)."""
        return any(c.employee_id == employee_id or (c.kind == "employee" and c.id == employee_id)
                   for c in self.items)


class _Watcher(QObject):
    """A child of the watching window: Qt drops the connection when the window goes."""

    def __init__(self, owner: QObject, then: Callable[[Changes], None]) -> None:
        super().__init__(owner)
        self._then = then

    @Slot(object)
    def deliver(self, changes: Changes) -> None:
        owner = self.parent()
        if owner is not None and shiboken6.isValid(owner):
            self._then(changes)


class ChangeBus(QObject):
    """One per ``AppContext``. ``changed(kind, id)`` for each change, then ``batch(Changes)`` once
    for all of one piece of work; ``watch`` is the way windows listen to the batch."""

    changed = Signal(str, int)
    batch = Signal(object)

    def announce(self, items: Iterable[Change]) -> None:
        changes = Changes(items)
        if not changes:
            return
        for change in changes:
            emit(self.changed, change.kind, change.id)
        emit(self.batch, changes)

    def watch(self, owner: QObject, then: Callable[[Changes], None]) -> QObject:
        """Call ``then(changes)`` after each piece of work that changed something, for as long
        as ``owner`` lives."""
        watcher = _Watcher(owner, then)
        self.batch.connect(watcher.deliver)
        return watcher
