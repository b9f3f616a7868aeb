"""Long Qt calls made on the database thread without holding Python's lock.

PySide6 keeps Python's lock for the length of a C++ call. On the database thread that stalls the
GUI thread for as long as the call takes (decision 0014):

- ``QPdfDocument.load(device)`` reads the whole file, about 0.5 ms a megabyte, linear in the
  size however well-formed the file is: 11-15 ms for a 25 MB scan on a quiet machine, 45-100 ms
  with a backup beside it (gui_stall_max_ms, traced with a faulthandler watchdog);
- ``QImageReader.read`` decodes a whole photo: hundreds of milliseconds for a 48 MP one.

So the same C++ functions are called through ctypes, which lets go of the lock for the call. Qt
does what it always does; only the lock is free. Both take pointers to objects made by PySide6
on the calling thread. Where the library or the function's name is not found (another platform
or Qt build) the PySide6 call is used, with its stall.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache

# Per platform: the name each library is loaded under, and the functions' symbols.
_NATIVE = {
    "linux": {
        "load_pdf": ("libQt6Pdf.so.6", "_ZN12QPdfDocument4loadEP9QIODevice"),  # void load(QIODevice *)
        "read_image": ("libQt6Gui.so.6", "_ZN12QImageReader4readEP6QImage"),  # bool read(QImage *)
    },
    "win32": {
        "load_pdf": ("Qt6Pdf.dll", "?load@QPdfDocument@@QEAAXPEAVQIODevice@@@Z"),
        "read_image": ("Qt6Gui.dll", "?read@QImageReader@@QEAA_NPEAVQImage@@@Z"),
    },
}
_RESULTS = {"load_pdf": None, "read_image": ctypes.c_bool}


@cache
def native(name: str):
    """The C++ function ``name`` (a key of ``_NATIVE``'s platforms), or None where not found."""
    found = _NATIVE.get(sys.platform, {}).get(name)
    if found is None:
        return None
    library, symbol = found
    import PySide6.QtGui  # noqa: F401  (the libraries are loaded with the modules)
    import PySide6.QtPdf  # noqa: F401

    try:
        fn = getattr(ctypes.CDLL(library), symbol)
    except (OSError, AttributeError):
        return None
    fn.argtypes = (ctypes.c_void_p, ctypes.c_void_p)
    fn.restype = _RESULTS[name]
    return fn


def _pointer(obj) -> int:
    from shiboken6 import getCppPointer

    return getCppPointer(obj)[0]


def load_pdf(document, device) -> None:
    """``document.load(device)``, without Python's lock where that can be done."""
    fn = native("load_pdf")
    if fn is None:
        document.load(device)
    else:
        fn(_pointer(document), _pointer(device))


def read_image(reader):
    """``reader.read()`` (a null QImage when it fails), without Python's lock where possible."""
    from PySide6.QtGui import QImage

    fn = native("read_image")
    if fn is None:
        return reader.read()
    image = QImage()
    return image if fn(_pointer(reader), _pointer(image)) else QImage()
