"""Windows outside the Medisch tab that show the medical section (the dossier copy's preview,
the sealed information for UWV, a released medical document): marked with ``mark``, closed by
the medical lock (``close_all``), and not opened by an answer that arrives after it
(``still_unlocked``). The Medisch tab's own windows are sealed and held by the tab itself."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QWidget

PROPERTY = "arbokluis_medical"
LOCKED_MEANWHILE = ("Het medische deel is intussen vergrendeld. Ontgrendel het en vraag het "
                    "document opnieuw aan.")


def mark(widget: QWidget) -> QWidget:
    widget.setProperty(PROPERTY, True)
    return widget


def close_all() -> None:
    """Close every marked window: they show, they do not edit, so nothing unsaved is lost."""
    from shiboken6 import isValid

    for widget in QApplication.topLevelWidgets():
        if isValid(widget) and widget.property(PROPERTY):
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()


def still_unlocked(ctx, widget: QWidget) -> bool:
    """For an answer about to show ``widget``: False, and the widget gone, once the medical
    section was locked after the work was asked for."""
    from ui import messages

    session = ctx.session
    if session is not None and session.medical_unlocked and not ctx.locked:
        return True
    parent = widget.parentWidget()
    widget.deleteLater()
    if not ctx.locked and parent is not None:
        messages.show_info(parent, LOCKED_MEANWHILE)
    return False
