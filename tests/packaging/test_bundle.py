"""The Linux bundle builds from the checkout with the documented command and passes its self-test."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.self_test import CHECKS

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform != "linux", reason="the Linux bundle")]


def test_bundle_builds_and_passes_its_self_test(tmp_path):
    build = subprocess.run(["bash", "packaging/build.sh"], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    binary = ROOT / "dist" / "arbokluis" / "arbokluis"
    assert binary.exists()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ARBOKLUIS_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([str(binary), "--self-test"], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(("OK", "FOUT"))]
    assert [line[5:].split(":")[0] for line in lines] == [name for name, _check in CHECKS]  # each check, once
    assert all(line.startswith("OK") for line in lines)
