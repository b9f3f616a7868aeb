"""Issue 9 rows, when a bundle is present in dist/arbokluis: its size and its start to the login window."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from tests.perf.runner import Row

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "arbokluis"


def run(quick: bool) -> list[Row]:
    binary = BUNDLE / "arbokluis"
    if not binary.exists():
        return []
    size = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file()) / 1e6
    rows = [Row("bundle_size_mb", size, "MB", note="dist/arbokluis, one folder")]
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ARBOKLUIS_PROBE_LOGIN": "1"}
        for _ in range(3 if quick else 5):
            start = time.time()
            out = subprocess.run([str(binary), "--data-dir", str(Path(tmp) / "leeg")], env=env,
                                 capture_output=True, text=True, timeout=120).stdout
            shown = [float(x.split()[1]) for x in out.splitlines() if x.startswith("LOGIN_SHOWN")]
            if shown:
                times.append((shown[0] - start) * 1000)
    if times:
        rows.append(Row("bundle_start_to_login_ms", statistics.median(times), "ms",
                        note="first window (set-up wizard on an empty folder), offscreen"))
    return rows
