"""One running copy of the program per data folder: the second one says so and opens nothing.

An advisory lock on ``arbokluis.lock`` (flock on POSIX, msvcrt on Windows), released by the OS when
the process ends, even after a crash. The lock file is private (0600). Once the lock is held, no
other copy writes in the folder, so temporary files an interrupted write left behind are removed.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.errors import PracticeInUse
from desktop_app.fileio import remove_stale_temporaries
from desktop_app.paths import LOCK_FILE, ensure_private_dir


class InstanceLock:
    def __init__(self, root: str | Path) -> None:
        self.path = Path(root) / LOCK_FILE
        self._fh = None
        self.removed: list[str] = []

    def acquire(self) -> InstanceLock:
        ensure_private_dir(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        fh = os.fdopen(fd, "a+b")  # held open for the life of the lock
        try:
            if os.name == "nt":  # pragma: no cover - Windows
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise PracticeInUse(detail="lock held") from None
        self._fh = fh
        self.removed = remove_stale_temporaries(self.path.parent)
        return self

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
