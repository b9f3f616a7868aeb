"""Windows outside the Medisch tab that show the medical section (the dossier copy's preview,
the sealed information for UWV, a released medical document): marked with ``mark``, closed by
the medical lock (``close_all``), and not opened by an answer that arrives after it
(``still_unlocked``, or ``still_open`` where the user may hold no medical key: a case manager's
section never locks, so their documents still show). The Medisch tab's own windows are sealed and held by the tab itself."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QWidget

PROPERTY = "arbokluis_medical"
EMPLOYEE = "arbokluis_medical_employee"  # a form of this employee's: sealed by their Medisch tab
_locks = 0  # how many medical locks this program has run: ``asked`` and ``still_open`` compare it
LOCKED_MEANWHILE = ("Het medische deel is intussen vergrendeld. Ontgrendel het en vraag het "
                    "document opnieuw aan.")


def mark(widget: QWidget, employee_id: int | None = None) -> QWidget:
    """Mark ``widget`` as showing the medical section. A form that takes medical input names its
    employee: the Medisch tab of that employee's open dossier seals its input as a draft and
    holds it at the lock, as it does with its own forms."""
    widget.setProperty(PROPERTY, True)
    if employee_id is not None:
        widget.setProperty(EMPLOYEE, int(employee_id))
    return widget


def unmark(widget: QWidget) -> QWidget:
    """``widget`` no longer shows the medical section (a letter dialog switched to a general letter)."""
    widget.setProperty(PROPERTY, False)
    widget.setProperty(EMPLOYEE, None)
    return widget


def forms_of(employee_id: int) -> list[QWidget]:
    """The visible marked forms of ``employee_id`` (for their Medisch tab to seal)."""
    from shiboken6 import isValid

    return [w for w in QApplication.topLevelWidgets()
            if isValid(w) and w.isVisible() and w.property(EMPLOYEE) == employee_id]


def close_all() -> None:
    """Close every marked window still on screen, after the Medisch tabs have sealed and held
    their forms: what is left shows, it does not edit, so nothing unsaved is lost."""
    from shiboken6 import isValid

    global _locks
    _locks += 1
    for widget in QApplication.topLevelWidgets():
        if isValid(widget) and widget.isVisible() and widget.property(PROPERTY):
            widget.hide()  # at once, and without a form's "save your changes?" question
            if isinstance(widget, QDialog):
                widget.done(QDialog.DialogCode.Rejected)
            else:
                widget.close()


def still_unlocked(ctx, widget: QWidget) -> bool:
    """For an answer about to show ``widget``: False, and the widget gone, once the medical
    section was locked after the work was asked for."""
    session = ctx.session
    if session is not None and session.medical_unlocked and not ctx.locked:
        return True
    return _refused(ctx, widget)


def asked() -> int:
    """When work that may show the medical section is asked for: give this to ``still_open``."""
    return _locks


def still_open(ctx, widget: QWidget, asked_at: int) -> bool:
    """For an answer about to show ``widget``: False, and the widget gone, when a medical lock
    (or the full lock) came after the work was asked for (``asked_at = asked()``)."""
    if _locks == asked_at and not ctx.locked:
        return True
    return _refused(ctx, widget)


def _refused(ctx, widget: QWidget) -> bool:
    from ui import messages

    parent = widget.parentWidget()
    widget.deleteLater()
    if not ctx.locked and parent is not None:
        messages.show_info(parent, LOCKED_MEANWHILE)
    return False
