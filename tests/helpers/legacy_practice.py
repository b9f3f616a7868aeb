"""A demo practice as release 0.1.0 wrote it, made in each test run by that release's own code.

Before decision 0005: a version-1 ``vault.json`` whose login slots wrap the practice key, a practice
section at schema 4 whose audit events carry an HMAC under the practice key. The code of commit
``RELEASE`` is taken from the repository's history (``git archive``) into a temporary folder and run
there in a subprocess, unbound (no keyring): ``demo.create_demo(..., dossiers=False)`` and one login
by the case manager, so the trail holds an event of a second user. Passwords are the demo
accounts'. Tests copy the folder, never change it.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RELEASE = "a84f601"  # the code of release 0.1.0's practice format

MAKE = """
import sys
from pathlib import Path

import keyring
import keyring.backends.fail

keyring.set_keyring(keyring.backends.fail.Keyring())  # unbound, as 0.1.0 practices without a keyring
import desktop_app

assert Path(desktop_app.__file__).resolve().is_relative_to(Path.cwd()), desktop_app.__file__
from desktop_app.services import demo
from desktop_app.services.practice import login

created = demo.create_demo(Path(sys.argv[1]), dossiers=False)
login(Path(sys.argv[1]), "casemanager", "Demo-casemanager-2026!").close()
print(created.recovery_key)
"""


@dataclass(frozen=True)
class LegacyPractice:
    folder: Path
    recovery_key: str


def make_legacy_practice(workdir: Path) -> LegacyPractice:
    code = workdir / "release-0.1.0"
    code.mkdir(parents=True)
    archived = subprocess.run(["git", "-C", str(ROOT), "archive", RELEASE, "desktop_app", "resources"],
                              capture_output=True, check=False)
    if archived.returncode != 0:
        raise RuntimeError(f"the code of {RELEASE} is not in this checkout's history (a shallow clone?): "
                           f"{archived.stderr.decode(errors='replace')}")
    with tarfile.open(fileobj=io.BytesIO(archived.stdout)) as tar:
        tar.extractall(code, filter="data")
    folder = workdir / "praktijk"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARBOKLUIS_", "COV_", "COVERAGE"))}
    made = subprocess.run([sys.executable, "-c", MAKE, str(folder)], cwd=code, env=env,
                          capture_output=True, text=True, check=False, timeout=300)
    if made.returncode != 0:
        raise RuntimeError(f"release 0.1.0's code did not make its practice:\n{made.stderr}")
    return LegacyPractice(folder, made.stdout.strip().splitlines()[-1])
