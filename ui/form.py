"""Forms built in code: named fields, a Dutch error under the field that caused it, dirty state."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b00020;"


@dataclass
class Field:
    name: str
    label: str
    kind: str = "line"  # line, date, text, choice, password
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    placeholder: str = ""
    required: bool = False


class FormView(QWidget):
    """A QFormLayout of fields; ``values()`` gives the strings as typed (trimmed for lines)."""

    changed = Signal()

    LONG_LABEL = 40  # characters: a form with a longer label puts every label above its field

    def __init__(self, fields: list[Field], parent: QWidget | None = None, *,
                 labels_above: bool | None = None) -> None:
        super().__init__(parent)
        self.fields = {f.name: f for f in fields}
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self._clean: dict[str, str] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if labels_above is None:
            labels_above = any(len(f.label) > self.LONG_LABEL for f in fields)
        self.labels_above = labels_above
        for f in fields:
            widget = self._make(f)
            error = QLabel()
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            error.setObjectName(f"error_{f.name}")
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(2)
            col.addWidget(widget)
            col.addWidget(error)
            label = QLabel(f.label + (" *" if f.required else ""))
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(labels_above)
            label.setBuddy(widget)
            if labels_above:  # each on a row of its own, over the full width: the label wraps there
                layout.addRow(label)
                layout.addRow(box)
            else:
                layout.addRow(label, box)
            self.labels[f.name] = label
            self.widgets[f.name] = widget
            self.errors[f.name] = error
        self.mark_clean()

    def _make(self, f: Field) -> QWidget:
        if f.kind == "text":
            w = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setMinimumHeight(70)
            w.textChanged.connect(self.changed)
        elif f.kind == "choice":
            w = QComboBox()
            for value, label in f.choices:
                w.addItem(label, value)
            # a long choice elides instead of widening the form past the screen
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(min(24, max((len(label) for _v, label in f.choices), default=8)))
            w.currentIndexChanged.connect(self.changed)
        else:
            w = QLineEdit()
            if f.kind == "date":
                w.setPlaceholderText("dd-mm-jjjj")
                w.setMaximumWidth(140)
            if f.kind == "password":
                w.setEchoMode(QLineEdit.EchoMode.Password)
            if f.placeholder:
                w.setPlaceholderText(f.placeholder)
            w.textChanged.connect(self.changed)
        w.setObjectName(f"field_{f.name}")
        w.setAccessibleName(f.label)
        return w

    # --- values --------------------------------------------------------------------------

    def value(self, name: str) -> str:
        w = self.widgets[name]
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return str(w.currentData() or "")
        text = w.text()  # type: ignore[attr-defined]
        return text if self.fields[name].kind == "password" else text.strip()

    def values(self) -> dict[str, str]:
        return {name: self.value(name) for name in self.widgets}

    def set_value(self, name: str, value: str) -> None:
        w = self.widgets[name]
        if isinstance(w, QPlainTextEdit):
            w.setPlainText(value)
        elif isinstance(w, QComboBox):
            i = w.findData(value)
            w.setCurrentIndex(max(i, 0))
        else:
            w.setText(value)  # type: ignore[attr-defined]

    def set_choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        """Replace a choice field's choices (they arrived after the form showed); the value
        chosen stays chosen where it is still offered."""
        w = self.widgets[name]
        if not isinstance(w, QComboBox):
            raise TypeError(f"{name} is not a choice field")
        current = self.value(name)
        self.fields[name] = replace(self.fields[name], choices=list(choices))  # Fields are shared
        w.clear()
        for value, label in choices:
            w.addItem(label, value)
        w.setMinimumContentsLength(min(24, max((len(label) for _v, label in choices), default=8)))
        w.setCurrentIndex(max(w.findData(current), 0))

    def set_values(self, values: dict[str, str]) -> None:
        for name, value in values.items():
            if name in self.widgets:
                self.set_value(name, "" if value is None else str(value))
        self.mark_clean()

    # --- errors at the field ----------------------------------------------------------------

    def set_errors(self, errors: dict[str, str]) -> None:
        self.clear_errors()
        first = None
        for name, message in errors.items():
            label = self.errors.get(name)
            if label is None:
                continue
            label.setText(message)
            label.show()
            self.widgets[name].setProperty("invalid", True)
            first = first or self.widgets[name]
        if first is not None:
            first.setFocus()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def error(self, name: str) -> str:
        return self.errors[name].text()

    # --- dirty state ----------------------------------------------------------------------

    def mark_clean(self) -> None:
        self._clean = self.values()

    def is_dirty(self) -> bool:
        return self.values() != self._clean

    def clear_secrets(self) -> None:
        for name, f in self.fields.items():
            if f.kind == "password":
                self.widgets[name].clear()  # type: ignore[attr-defined]


def errors_of(exc: BaseException) -> dict[str, str] | None:
    """Field errors of a core ValidationError(s), or None for other errors."""
    from desktop_app.errors import ValidationError, ValidationErrors

    if isinstance(exc, ValidationErrors):
        return dict(exc.errors)
    if isinstance(exc, ValidationError):
        return {exc.field: exc.message}
    return None
