"""The core never imports Qt or the ui package (STYLE.md: a Qt-free core)."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "desktop_app"
FORBIDDEN = ("PySide6", "shiboken6", "ui")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_desktop_app_imports_no_qt_and_no_ui():
    bad = []
    for path in CORE.rglob("*.py"):
        for name in _imports(path):
            if name.split(".")[0] in FORBIDDEN:
                bad.append(f"{path.relative_to(CORE)}: {name}")
    assert bad == []


def test_the_guard_would_see_an_import(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport ui.app\n")
    assert [n.split(".")[0] for n in _imports(sample)] == ["PySide6", "ui"]
