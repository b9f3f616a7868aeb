"""Process hardening that does not need Qt: no core dumps of a process holding keys."""

from __future__ import annotations

import os


def disable_core_dumps() -> bool:
    """Switch core dumps off where the OS allows; return whether it took."""
    if os.name != "posix":  # pragma: no cover - Windows: Windows Error Reporting is the packager's
        return False
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if hasattr(os, "prctl"):  # pragma: no cover - not in the standard library
            pass
        try:
            import ctypes

            libc = ctypes.CDLL(None)
            PR_SET_DUMPABLE = 4
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - a libc without prctl (macOS)
            pass
        return resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)
    except (ImportError, ValueError, OSError):  # pragma: no cover - a platform that refuses
        return False
