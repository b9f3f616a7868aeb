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

# Window types that are restored after the lock; popups, tooltips and the like are only hidden.
_WINDOW_TYPES = {Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet, Qt.WindowType.Tool}


class Curtain(QObject):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._held: list[tuple[QWidget, object]] = []  # (widget, owner) in the order they were open
        self._executing: list[QDialog] = []            # dialogs inside exec(), innermost last
        self._interrupted: set[int] = set()            # ids of dialogs whose exec the curtain ended
        self._generation = 0
        self._released: dict[int, bool] = {}           # interrupted dialogs: released (True) or dropped

    # --- holding -------------------------------------------------------------------------

    def hold(self, widgets: list[QWidget] | None = None, *, leave: tuple[QWidget, ...] = (),
             owner: object = None) -> list[QWidget]:
        """Hide ``widgets`` (default: every visible top-level widget but ``leave``); returns the
        ones now held. Dialogs inside exec() are hidden last-opened first."""
        if widgets is None:
            widgets = [w for w in QApplication.topLevelWidgets()
                       if w.isVisible() and not any(w is other for other in leave)]
        visible = [w for w in widgets if w.isVisible() and not self.is_held(w)]
        running = [d for d in self._executing if any(d is w for w in visible)]
        # hide the innermost exec first, so no outer loop is ended while an inner one runs on top
        visible.sort(key=lambda w: -next((i for i, d in enumerate(running) if d is w), -1))
        held = []
        for widget in visible:
            if widget.windowType() not in _WINDOW_TYPES:
                widget.hide()
                continue
            if any(widget is d for d in self._executing):
                self._interrupted.add(id(widget))
            self._held.append((widget, owner))
            widget.hide()
            held.append(widget)
        self._held.sort(key=lambda pair: isinstance(pair[0], QDialog))  # windows before their dialogs
        return held

    def is_held(self, widget: QWidget) -> bool:
        return any(w is widget for w, _o in self._held)

    def held(self, owner: object = None) -> list[QWidget]:
        return [w for w, o in self._held if o is owner]

    def set_owner(self, widget: QWidget, owner: object) -> None:
        self._held = [(w, owner if w is widget else o) for w, o in self._held]

    def release(self, widgets: list[QWidget] | None = None, *, owner: object = None) -> None:
        """Show held widgets again: ``widgets``, or all of ``owner`` (default: the unowned)."""
        chosen = self._take(widgets, owner)
        for widget in chosen:
            if id(widget) in self._interrupted or any(widget is d for d in self._executing):
                self._released[id(widget)] = True
            widget.show()
            widget.raise_()
        self._changed()

    def drop(self, widgets: list[QWidget] | None = None, *, owner: object = None,
             everything: bool = False) -> None:
        """Close held widgets for good; a dialog waiting in exec() returns Rejected."""
        chosen = [w for w, _o in self._held] if everything else None
        chosen = self._take(chosen if everything else widgets, owner)
        for widget in chosen:
            self._released[id(widget)] = False
            form = getattr(widget, "form", None)
            if form is not None and hasattr(form, "mark_clean"):
                form.mark_clean()  # nobody is asked to save what is being dropped
            if isinstance(widget, QDialog):
                widget.done(QDialog.DialogCode.Rejected)
            else:
                widget.close()
        self._changed()

    def _take(self, widgets, owner) -> list[QWidget]:
        if widgets is None:
            chosen = [w for w, o in self._held if o is owner]
        else:
            chosen = [w for w, _o in self._held if any(w is x for x in widgets)]
        self._held = [(w, o) for w, o in self._held if not any(w is c for c in chosen)]
        return chosen

    def _changed(self) -> None:
        self._generation += 1
        self.changed.emit()

    # --- exec() -------------------------------------------------------------------------

    def run_exec(self, dialog: QDialog, original) -> int:
        self._executing.append(dialog)
        try:
            while True:
                result = original(dialog)
                if id(dialog) not in self._interrupted:
                    return result
                self._interrupted.discard(id(dialog))
                if not self._wait_for_release(dialog):
                    return QDialog.DialogCode.Rejected.value
                dialog.hide()  # a modality set on a visible window would not take effect
        finally:
            self._executing = [d for d in self._executing if d is not dialog]

    def _wait_for_release(self, dialog: QDialog) -> bool:
        """Wait while ``dialog`` is held; True once released, False once dropped (or quitting)."""
        key = id(dialog)
        destroyed = [False]
        dialog.destroyed.connect(lambda *_a: destroyed.__setitem__(0, True))
        while self.is_held(dialog) and not destroyed[0]:
            loop = QEventLoop()
            self.changed.connect(loop.quit)
            generation = self._generation
            loop.exec()
            self.changed.disconnect(loop.quit)
            if generation == self._generation:
                return False  # the loop ended without a change: the application is quitting
        return not destroyed[0] and self._released.pop(key, False)


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
