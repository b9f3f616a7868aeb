"""The dossier window's code is loaded while Vandaag shows (ui.warm_up), one module per turn."""

from __future__ import annotations

import sys

import pytest

from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui


@pytest.fixture
def modules(tmp_path, monkeypatch):
    """Three modules that note the order they were loaded in, and one that cannot load."""
    package = tmp_path / "warmpkg"
    package.mkdir()
    (package / "__init__.py").write_text("LOADED = []\n")
    for name in ("eerste", "tweede", "derde"):
        (package / f"{name}.py").write_text(f"import warmpkg\nwarmpkg.LOADED.append('{name}')\n")
    (package / "kapot.py").write_text("import warmpkg_does_not_exist\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield ["warmpkg.eerste", "warmpkg.kapot", "warmpkg.tweede", "warmpkg.derde"]
    for name in [m for m in sys.modules if m == "warmpkg" or m.startswith("warmpkg.")]:
        del sys.modules[name]


def test_modules_are_loaded_one_per_turn_in_order_and_a_broken_one_is_passed(qtbot, modules):
    from PySide6.QtCore import QObject

    from ui.warm_up import WarmUp

    owner = QObject()
    seen: list[list[str]] = []
    warm = WarmUp(modules, owner, spacing_ms=5)
    warm._timer.timeout.connect(lambda: seen.append(list(sys.modules["warmpkg"].LOADED))
                                if "warmpkg" in sys.modules else None)
    qtbot.waitUntil(lambda: warm.done, timeout=5000)
    import warmpkg

    assert warmpkg.LOADED == ["eerste", "tweede", "derde"]
    grew = [len(s) for s in seen]
    assert all(b - a <= 1 for a, b in zip(grew, grew[1:], strict=False))  # never two in one turn


def test_loading_stops_with_its_window(qtbot, modules):
    from PySide6.QtCore import QObject

    from ui.warm_up import WarmUp

    owner = QObject()
    WarmUp(modules, owner, spacing_ms=50)
    owner.deleteLater()
    qtbot.wait(300)
    assert "warmpkg.derde" not in sys.modules


def test_the_main_window_loads_the_dossier_code_once_vandaag_shows(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: main.today.model.rowCount() > 0, timeout=10000)
    assert main.warm_up is not None
    qtbot.waitUntil(lambda: main.warm_up.done, timeout=10000)
    from ui.warm_up import DOSSIER_MODULES

    assert all(name in sys.modules for name in DOSSIER_MODULES)
