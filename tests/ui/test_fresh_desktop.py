"""A fresh desktop (issue 15): the demo script checks Qt's platform libraries before starting,
``--self-test`` tests the platform the program will really use, and a killed demo leaves no
folder behind at the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts" / "qt_platform_check.sh"
LDD = """#!/bin/sh
echo "	libQt6XcbQpa.so.6 => /somewhere/libQt6XcbQpa.so.6 (0x0001)"
echo "	libxcb-icccm.so.4 => not found"
echo "	libxcb-keysyms.so.1 => not found"
echo "	libxcb-cursor.so.0 => not found"
"""


def _shims(tmp_path: Path, *, uid: str) -> dict:
    """A PATH where ldd reports three missing libraries, id says ``uid``, apt-get only records."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ldd").write_text(LDD)
    (bin_dir / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (bin_dir / "apt-get").write_text(f"#!/bin/sh\necho \"$@\" >> {tmp_path / 'apt.log'}\n")
    for shim in bin_dir.iterdir():
        shim.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PATH"] = f"{bin_dir}:{env['PATH']}"
    return env


def _check(tmp_path, uid):
    return subprocess.run(["bash", str(CHECK), sys.executable], cwd=ROOT, env=_shims(tmp_path, uid=uid),
                          capture_output=True, text=True, timeout=120)


APT_LINE = "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"


def test_without_root_the_check_prints_the_one_apt_get_line(tmp_path):
    assert APT_LINE in _check(tmp_path, "1000").stderr


def test_without_root_the_check_stops_the_start(tmp_path):
    assert _check(tmp_path, "1000").returncode == 1


@pytest.mark.skipif(not Path("/etc/debian_version").exists(), reason="Debian or Ubuntu only")
def test_as_root_on_debian_the_check_installs_the_missing_packages(tmp_path):
    _check(tmp_path, "0")
    installs = [line for line in (tmp_path / "apt.log").read_text().splitlines() if line.startswith("install")]
    assert installs == ["install -y -qq libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"]


def test_the_demo_script_runs_the_check_before_it_starts():
    script = (ROOT / "scripts" / "demo.sh").read_text()
    assert script.index("qt_platform_check.sh") < script.index("--demo")


def _self_test(env_changes: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(env_changes)
    return subprocess.run([sys.executable, "-m", "ui.app", "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_self_test_fails_when_the_real_platform_cannot_start():
    done = _self_test({"QT_QPA_PLATFORM": "xcb"})  # X11 asked for, and no display
    assert [line for line in done.stdout.splitlines() if line.startswith("FOUT beeldscherm")] != []


def test_the_self_test_names_the_platform_it_tested():
    done = _self_test({"QT_QPA_PLATFORM": "offscreen"})
    assert "OK   beeldscherm: offscreen" in done.stdout.splitlines()


def test_a_killed_demo_leaves_no_folder_at_the_next_start(tmp_path):
    from ui.app import DEMO_OWNER, sweep_stale_demos

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    demo = subprocess.Popen([sys.executable, "-m", "ui.app", "--demo"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not list(tmp_path.glob(f"arbokluis-demo-*/{DEMO_OWNER}")) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
    finally:
        demo.send_signal(signal.SIGKILL)
        demo.wait()
    left = list(tmp_path.glob("arbokluis-demo-*"))
    assert left
    assert sweep_stale_demos(tmp_path) == left


def test_a_running_demo_keeps_its_folder(tmp_path):
    from ui.app import DEMO_OWNER, sweep_stale_demos

    running = tmp_path / "arbokluis-demo-running"
    running.mkdir()
    (running / DEMO_OWNER).write_text(str(os.getppid()))
    sweep_stale_demos(tmp_path)
    assert running.exists()
