"""Taking write access away from a file or folder, for real, also when the tests run as root.

``chmod a-w`` is enough for an ordinary user. Root may write anyway, and CI runs as root, so
there the immutable attribute (``chattr +i``, which binds root too) does the job; SQLite then
meets EPERM/EACCES from the kernel exactly as on a read-only share. When neither works (no
``chattr``, a file system without the attribute) the test is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[Path]:
    path = Path(path)
    mode = path.stat().st_mode
    immutable = False
    path.chmod(mode & ~0o222)
    try:
        if os.access(path, os.W_OK) and shutil.which("chattr"):
            done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
            immutable = done.returncode == 0
        if os.access(path, os.W_OK):
            pytest.skip("cannot take write access away from a file here")
        yield path
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=True)
        path.chmod(mode)
