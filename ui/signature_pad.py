"""A signature pad: drawn with mouse, pen or touch, kept as a PNG image in memory."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("signature_pad")
        self.setMinimumSize(420, 150)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip("Laat de werknemer hier tekenen met muis, pen of vinger.")
        self.strokes: list[list[QPointF]] = []

    # --- input -------------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.strokes.append([event.position()])
        self.update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self.strokes and event.buttons() & Qt.MouseButton.LeftButton:
            self.strokes[-1].append(event.position())
            self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self.strokes:
            self.strokes[-1].append(event.position())
            self.changed.emit()
            self.update()

    def tabletEvent(self, event) -> None:  # noqa: N802
        kind = event.type()
        if kind == event.Type.TabletPress:
            self.strokes.append([event.position()])
        elif kind == event.Type.TabletMove and self.strokes:
            self.strokes[-1].append(event.position())
        elif kind == event.Type.TabletRelease:
            self.changed.emit()
        event.accept()
        self.update()

    def event(self, event) -> bool:
        if event.type() in (event.Type.TouchBegin, event.Type.TouchUpdate, event.Type.TouchEnd):
            points = event.points()
            if points:
                pos = points[0].position()
                if event.type() == event.Type.TouchBegin:
                    self.strokes.append([pos])
                elif self.strokes:
                    self.strokes[-1].append(pos)
                if event.type() == event.Type.TouchEnd:
                    self.changed.emit()
                self.update()
            return True
        return super().event(event)

    # --- drawing and export ---------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        """A signature needs some length: a dot or a click is not one."""
        return sum(max(0, len(s) - 1) for s in self.strokes) < 3

    def clear(self) -> None:
        self.strokes = []
        self.changed.emit()
        self.update()

    def _paint(self, painter: QPainter) -> None:
        pen = QPen(QColor("#102a55"), 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self.strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
                continue
            path = QPainterPath(stroke[0])
            for p in stroke[1:]:
                path.lineTo(p)
            painter.drawPath(path)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QColor("#bbbbbb"))
        painter.drawLine(20, self.height() - 30, self.width() - 20, self.height() - 30)
        self._paint(painter)
        painter.end()

    def to_png(self) -> bytes | None:
        if self.is_empty:
            return None
        image = QImage(self.size(), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._paint(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data.data())
