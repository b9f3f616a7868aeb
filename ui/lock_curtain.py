"""The curtain the lock draws: every window and dialog of the session hidden, and back afterwards.

``Curtain.hold`` hides every visible top-level widget (``QApplication.topLevelWidgets``) except
the ones it is told to leave (the login window); ``release`` shows them again in the order they
were open, ``drop`` closes them for good (another user logged in, logout, quit).

A dialog in ``exec()`` is the hard case: hiding a QDialog ends its event loop, so ``exec()`` would
return "cancelled" and the code that opened it would go on as if the user had closed it. The
curtain therefore wraps ``QDialog.exec`` once (``install``): when the dialog's loop ended because
the curtain hid it, the wrapper waits (in an event loop of its own, so the login window answers)
until the curtain releases the dialog, and then runs ``exec()`` again on the same dialog, with
whatever was typed in it. Dropped, it returns ``Rejected``. The code that opened the dialog never
sees the lock; a modal dialog never blocks it.

A held widget may have an owner (the Medisch tab whose dialogs stay hidden until the medical
section is unlocked again); ``release(owner=None)`` releases only the unowned ones.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from shiboken6 import isValid

# Window types that are restored after the lock; popups, tooltips and the like are only hidden.
_WINDOW_TYPES = {Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet, Qt.WindowType.Tool}


REJECTED = QDialog.DialogCode.Rejected.value


class Curtain(QObject):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._held: list[tuple[QWidget, object]] = []  # (widget, owner) in the order they were open
        self._executing: list[QDialog] = []            # dialogs inside exec(), innermost last
        self._interrupted: set[int] = set()            # ids of dialogs whose exec the curtain ended
        self._outcome: dict[int, tuple[str, int]] = {}  # interrupted: released, dropped or finished
        self._connections: dict[int, object] = {}      # held dialogs: their finished() connection
        self._generation = 0

    # --- holding -------------------------------------------------------------------------

    def hold(self, widgets: list[QWidget] | None = None, *, leave: tuple[QWidget, ...] = (),
             owner: object = None) -> list[QWidget]:
        """Hide ``widgets`` (default: every visible top-level widget but ``leave``); returns the
        ones now held. Popups and tooltips are only hidden."""
        if widgets is None:
            widgets = [w for w in QApplication.topLevelWidgets()
                       if isValid(w) and w.isVisible() and not any(w is other for other in leave)]
        held = []
        for widget in [w for w in widgets if w.isVisible() and not self.is_held(w)]:
            if widget.windowType() not in _WINDOW_TYPES:
                widget.hide()
                continue
            if any(widget is d for d in self._executing):
                self._interrupted.add(id(widget))
                self._outcome.pop(id(widget), None)
            self._held.append((widget, owner))
            if isinstance(widget, QDialog):
                self._connections[id(widget)] = widget.finished.connect(
                    lambda result, d=widget: self._finished(d, result))
            widget.hide()
            held.append(widget)
        self._held.sort(key=lambda pair: isinstance(pair[0], QDialog))  # windows before their dialogs
        return held

    def is_held(self, widget: QWidget) -> bool:
        return any(w is widget for w, _o in self._held)

    def held(self, owner: object = None) -> list[QWidget]:
        return [w for w, o in self._held if o is owner]

    def release(self, widgets: list[QWidget] | None = None, *, owner: object = None) -> None:
        """Show held widgets again: ``widgets``, or all of ``owner`` (default: the unowned)."""
        for widget in self._take(widgets, owner):
            if id(widget) in self._interrupted:
                self._outcome[id(widget)] = ("released", REJECTED)
            widget.show()
            widget.raise_()
        self._changed()

    def drop(self, widgets: list[QWidget] | None = None, *, owner: object = None,
             everything: bool = False) -> None:
        """Close held widgets for good; a dialog waiting in exec() returns Rejected."""
        for widget in self._take([w for w, _o in self._held] if everything else widgets, owner):
            if id(widget) in self._interrupted:
                self._outcome[id(widget)] = ("dropped", REJECTED)
            form = getattr(widget, "form", None)
            if form is not None and hasattr(form, "mark_clean"):
                form.mark_clean()  # nobody is asked to save what is being dropped
            if isinstance(widget, QDialog):
                widget.done(REJECTED)
            else:
                widget.close()
        self._changed()

    def _take(self, widgets, owner) -> list[QWidget]:
        self._held = [(w, o) for w, o in self._held if isValid(w)]  # deleted meanwhile: gone
        if widgets is None:
            chosen = [w for w, o in self._held if o is owner]
        else:
            chosen = [w for w, _o in self._held if any(w is x for x in widgets)]
        self._held = [(w, o) for w, o in self._held if not any(w is c for c in chosen)]
        for widget in chosen:
            connection = self._connections.pop(id(widget), None)
            if connection is not None:
                widget.finished.disconnect(connection)
        return chosen

    def _finished(self, dialog: QDialog, result: int) -> None:
        """A dialog that was interrupted finished (done, accept, reject) before its exec() came
        round again: that is its result. A held one is held no longer."""
        if id(dialog) in self._interrupted and self._outcome.get(id(dialog), ("",))[0] != "dropped":
            self._outcome[id(dialog)] = ("finished", result)
        if self.is_held(dialog):
            self._take([dialog], None)
            self._changed()

    def _changed(self) -> None:
        self._generation += 1
        self.changed.emit()

    # --- exec() -------------------------------------------------------------------------

    def run_exec(self, dialog: QDialog, original) -> int:
        self._executing.append(dialog)
        connection = dialog.finished.connect(lambda result: self._finished(dialog, result))
        try:
            while True:
                result = original(dialog)
                if id(dialog) not in self._interrupted:
                    return result
                how, result = self._wait_for_release(dialog)
                self._interrupted.discard(id(dialog))
                if how != "released":
                    return result
                dialog.hide()  # a modality set on a visible window would not take effect
        finally:
            dialog.finished.disconnect(connection)
            self._executing = [d for d in self._executing if d is not dialog]

    def _wait_for_release(self, dialog: QDialog) -> tuple[str, int]:
        """Wait while ``dialog`` is held: ("released", _), ("dropped", Rejected), ("finished",
        its result) or ("quit", Rejected) when the application quits meanwhile."""
        while self.is_held(dialog):
            loop = QEventLoop()
            self.changed.connect(loop.quit)
            generation = self._generation
            loop.exec()
            self.changed.disconnect(loop.quit)
            if generation == self._generation:
                return ("quit", REJECTED)  # the loop ended without a change
        return self._outcome.pop(id(dialog), ("dropped", REJECTED))


_CURTAIN: Curtain | None = None


def curtain() -> Curtain:
    """The one curtain of this process (install the exec() wrapper first)."""
    global _CURTAIN
    if _CURTAIN is None:
        _CURTAIN = Curtain()
    return _CURTAIN


def install() -> Curtain:
    """Wrap ``QDialog.exec`` once, so a dialog the curtain hides waits instead of returning."""
    the_curtain = curtain()
    if getattr(QDialog.exec, "_curtain", False):
        return the_curtain
    original = QDialog.exec

    def exec_(self):  # noqa: ANN001 - stands in for QDialog.exec
        return curtain().run_exec(self, original)

    exec_._curtain = True  # type: ignore[attr-defined]
    exec_.__doc__ = original.__doc__
    QDialog.exec = exec_  # type: ignore[method-assign]
    return the_curtain
