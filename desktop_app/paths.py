"""Where Arbokluis keeps its files: one Qt-free module, one override for tests.

Order: an explicit folder (``--data-dir``), then ``ARBOKLUIS_DATA_DIR``, then the platform's user
data folder from platformdirs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Arbokluis"
ENV_DATA_DIR = "ARBOKLUIS_DATA_DIR"

PRACTICE_DB = "practice.db"
MEDICAL_DB = "medical.db"
VAULT_FILE = "vault.json"
AUDIT_HEAD_FILE = "audit-head.json"
LOGIN_ATTEMPTS_FILE = "login-attempts.json"
MEDICAL_ATTEMPTS_FILE = "medical-attempts.json"
LOCK_FILE = "arbokluis.lock"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


ENV_STATE_DIR = "ARBOKLUIS_STATE_DIR"
RESTORE_ATTEMPTS_FILE = "restore-attempts.json"


def state_dir() -> Path:
    """This workstation's own state outside any practice folder (the restore's attempts)."""
    env = os.environ.get(ENV_STATE_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False, roaming=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents, each with mode 0700 where the OS has modes.

    Folders that already existed keep their mode, except ``path`` itself, which becomes 0700.
    """
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, 0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def restrict_file(path: Path) -> None:
    if os.name == "posix" and path.exists():
        os.chmod(path, 0o600)


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, in a checkout or in a PyInstaller bundle."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) if base else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)
