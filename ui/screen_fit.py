"""Windows that fit the screen they open on: 1366×768 with a taskbar is the smallest a practice has.

A dialog asks for the size it would like; ``fit`` gives it that or, on a smaller screen, what the
screen has room for. What does not fit then scrolls inside the dialog (``scrolling``), so the
buttons stay on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

MARGIN_WIDTH = 40
MARGIN_HEIGHT = 60  # the window's title bar and a little air


def available_room(widget: QWidget | None = None) -> QRect:
    """The screen's area less its taskbar, for the screen ``widget`` is on (or the primary one)."""
    screen = None
    if widget is not None:
        screen = widget.screen() or (widget.parentWidget().screen() if widget.parentWidget() else None)
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fit(widget: QWidget, width: int, height: int) -> None:
    """Open at ``width`` × ``height``, or smaller where the screen (less a taskbar) is smaller."""
    room = available_room(widget)
    widget.resize(min(width, room.width() - MARGIN_WIDTH), min(height, room.height() - MARGIN_HEIGHT))


def scrolling(content: QWidget, *, horizontal: bool = False) -> QScrollArea:
    """``content`` in a frameless scroll area that scrolls vertically only (unless asked)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    if not horizontal:
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    return scroll
