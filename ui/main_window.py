"""Placeholder start window until the client lands: shows where the practice is and the demo accounts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def start(data_dir: str | None, *, demo: bool = False) -> QWidget:
    from desktop_app.services import demo as demo_accounts

    window = QWidget()
    window.setWindowTitle("Arbokluis")
    layout = QVBoxLayout(window)
    lines = [f"Gegevensmap: {data_dir or '(standaard)'}"]
    if demo:
        lines.append("Demo-accounts:")
        lines += [f"  {a.username} — {a.password}" for a in demo_accounts.ACCOUNTS]
    label = QLabel("\n".join(lines))
    label.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(label)
    window.resize(640, 400)
    return window
