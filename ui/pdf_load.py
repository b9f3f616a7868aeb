"""Loading a PDF into a QPdfDocument without holding Python's lock.

``QPdfDocument.load(device)`` reads the whole file (about 0.5 ms a megabyte here, linear in the
size, however well-formed the file is), and PySide6 keeps Python's lock for the length of the call.
On the database thread that stalled the GUI thread: 11-15 ms for a 25 MB scan on a quiet machine,
45-100 ms with a backup beside it (gui_stall_max_ms, traced with a faulthandler watchdog).

So the same C++ function is called through ctypes, which lets go of the lock for the call. pdfium
and Qt do what they always do; only the lock is free. Where the library or the function's name is
not found (another platform or Qt build), the PySide6 call is used, with its stall.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache

# The shared library by the name it is loaded under, and QPdfDocument::load(QIODevice *)'s symbol.
_NATIVE = {
    "linux": ("libQt6Pdf.so.6", "_ZN12QPdfDocument4loadEP9QIODevice"),
    "win32": ("Qt6Pdf.dll", "?load@QPdfDocument@@QEAAXPEAVQIODevice@@@Z"),
}


@cache
def native_load():
    """The C++ ``QPdfDocument::load(QIODevice *)``, or None where it is not found."""
    found = _NATIVE.get(sys.platform)
    if found is None:
        return None
    library, symbol = found
    import PySide6.QtPdf  # noqa: F401  (the library is loaded with the module)

    try:
        fn = getattr(ctypes.CDLL(library), symbol)
    except (OSError, AttributeError):
        return None
    fn.argtypes = (ctypes.c_void_p, ctypes.c_void_p)
    fn.restype = None
    return fn


def load(document, device) -> None:
    """``document.load(device)``, without Python's lock where that can be done."""
    fn = native_load()
    if fn is None:
        document.load(device)
        return
    from shiboken6 import getCppPointer

    fn(getCppPointer(document)[0], getCppPointer(device)[0])
