"""Issue 5 rows: process start to the login window, and login to the main window populated.

``start_to_login_ms`` starts a fresh Python process (offscreen Qt) and stops the clock when the
login window receives its Show event; the median of several runs. ``login_to_main_ms`` starts
after the session is open (key derivation excluded) and stops when "Vandaag" has its lines, on
the large practice (the small one with --quick).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop_app.services import demo
from tests.helpers.keyrings import MemoryKeyring, install_keyring
from tests.perf.runner import Row

ROOT = Path(__file__).resolve().parents[2]


def _start_to_login(folder: Path, runs: int) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(runs):
        start = time.time()
        out = subprocess.run([sys.executable, "-m", "tests.perf.client_probe", str(folder)], cwd=ROOT,
                             env=env, capture_output=True, text=True, timeout=60).stdout
        shown = [float(line.split()[1]) for line in out.splitlines() if line.startswith("LOGIN_SHOWN")]
        if shown:
            times.append((shown[0] - start) * 1000)
    return statistics.median(times) if times else float("nan")


def _login_to_main(folder: Path) -> float:
    from PySide6.QtWidgets import QApplication

    from desktop_app.services.practice import login
    from tests.helpers.practices import ARTS
    from ui.app import build

    app, ctl = build(["--data-dir", str(folder)])
    session = ctl.ctx.tasks.call(login, folder, ARTS.username, ARTS.password)
    start = time.perf_counter()
    ctl._logged_in(session)
    today = ctl.main.today
    while today.model.rowCount() == 0:
        QApplication.processEvents()
    elapsed = (time.perf_counter() - start) * 1000
    ctl.main.close()
    ctl.shutdown()
    del app
    return elapsed


def run(quick: bool) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    size = "small" if quick else "large"
    with tempfile.TemporaryDirectory(prefix="arbokluis-bench-") as tmp:
        folder = Path(tmp) / "praktijk"
        with install_keyring(MemoryKeyring()):
            demo.create_demo(folder, size=size, dossiers=True)
            login_ms = _login_to_main(folder)
        start_ms = _start_to_login(folder, 3 if quick else 5)
    return [
        Row("start_to_login_ms", start_ms, "ms", note="fresh process, offscreen, median"),
        Row("login_to_main_ms", login_ms, "ms", note=f"{size} practice, key derivation excluded"),
    ]
