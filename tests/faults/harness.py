"""SIGKILL a writing process at random points, many times; after each kill both sections open,
pass their integrity checks, the audit chain verifies, and every change reported saved is there."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class KillResult:
    kills: int
    saved: int
    problems: list[str]


def prepare(folder: Path) -> int:
    """An unbound demo practice (the child process has no shared keyring) with one employee."""
    import keyring
    import keyring.backends.fail

    from desktop_app.services import demo
    from desktop_app.services.practice import login
    from tests.helpers.dossiers import add_employee
    from tests.helpers.keyrings import install_keyring

    with install_keyring(keyring.backends.fail.Keyring()):
        demo.create_demo(folder, dossiers=False)
        s = login(folder, "arts", "Demo-arts-2026!")
        employee = add_employee(s, surname="Kill", given="Test")
        s.close()
    return employee.id


def check(folder: Path, employee_id: int, saved: set[int]) -> list[str]:
    import keyring.backends.fail

    from desktop_app.services import activities, medical_entries
    from desktop_app.services.practice import login
    from desktop_app.storage.sections import integrity_problems
    from tests.helpers.keyrings import install_keyring

    problems = []
    with install_keyring(keyring.backends.fail.Keyring()):
        s = login(folder, "arts", "Demo-arts-2026!")
        try:
            s.unlock_medical("Demo-medisch-2026!")
            problems += [f"practice: {p}" for p in integrity_problems(s.db)]
            problems += [f"medical: {p}" for p in integrity_problems(s.medical())]
            result = s.audit.verify()
            if not result.ok:
                problems.append(f"audit: {result.problem}")
            present = {int(a.description.rsplit("-", 1)[1]) for a in activities.activities(s, employee_id)
                       if a.description.startswith("kill-marker-")}
            present |= {int(e.body["text"].rsplit("-", 1)[1]) for e in medical_entries.list_entries(s, employee_id)
                        if e.body.get("text", "").startswith("kill-marker-")}
            missing = saved - present
            if missing:
                problems.append(f"lost after reported save: {sorted(missing)[:5]}")
        finally:
            s.close()
    return problems


def run(folder: Path, kills: int, seed: int = 1) -> KillResult:
    rng = random.Random(seed)
    employee_id = prepare(folder)
    saved: set[int] = set()
    problems: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    next_id = 0
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, "-m", "tests.faults.writer", str(folder), str(employee_id),
                                  str(next_id)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        first = child.stdout.readline()  # wait until it is writing
        if first.startswith("SAVED"):
            saved.add(int(first.split()[1]))
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        for line in out.splitlines():
            if line.startswith("SAVED"):
                saved.add(int(line.split()[1]))
        next_id = max(saved, default=next_id) + 10
        problems += check(folder, employee_id, saved)
        if problems:
            break
    return KillResult(kills, len(saved), problems)
