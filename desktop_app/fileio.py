"""Atomic file writes: temp file in the same folder, mode first, fsync, replace, fsync folder."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path

from desktop_app.errors import DiskFull, ReadOnly, StorageError


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    path = Path(path)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            if os.name == "posix":
                os.fchmod(fd, mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            raise
        os.replace(tmp_name, path)
        tmp_name = None
        fsync_dir(path.parent)
    except OSError as exc:
        raise classify_os_error(exc) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


# atomic_write's temporary names: "." + target name + "." + mkstemp's random part + ".tmp"
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def remove_stale_temporaries(folder: Path) -> list[str]:
    """Remove what an interrupted ``atomic_write`` left in ``folder``; returns the names.

    Only safe while no other process writes there (the instance lock is held).
    """
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        if _TEMPORARY.match(entry.name) and entry.is_file() and not entry.is_symlink():
            try:
                entry.unlink()
            except OSError:
                continue
            removed.append(entry.name)
    return removed


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def classify_os_error(exc: OSError) -> StorageError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return DiskFull(detail=f"errno {exc.errno}")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnly(detail=f"errno {exc.errno}")
    return StorageError(detail=f"errno {exc.errno}")
