"""Key material held in memory as mutable bytes, so it can be overwritten when locking.

Python cannot promise that no copy exists elsewhere (the SQLCipher key string, an interned
temporary), but every key the program holds on purpose lives in a ``SecretKey`` and is wiped by
``wipe()`` when a section or the session locks.
"""

from __future__ import annotations

import ctypes
import hmac


class SecretKey:
    __slots__ = ("_buf",)

    def __init__(self, data: bytes | bytearray) -> None:
        self._buf = bytearray(data)

    @property
    def wiped(self) -> bool:
        return not self._buf

    def bytes(self) -> bytes:
        if not self._buf:
            raise ValueError("key has been wiped")
        return bytes(self._buf)

    def hex(self) -> str:
        return self.bytes().hex()

    def wipe(self) -> None:
        n = len(self._buf)
        if n:
            ctypes.memset((ctypes.c_char * n).from_buffer(self._buf), 0, n)
        self._buf = bytearray()

    def __len__(self) -> int:
        return len(self._buf)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SecretKey):
            return NotImplemented
        return hmac.compare_digest(bytes(self._buf), bytes(other._buf))

    def __hash__(self) -> int:  # pragma: no cover - keys are not dictionary keys
        raise TypeError("SecretKey is not hashable")

    def __repr__(self) -> str:
        return "SecretKey(<wiped>)" if not self._buf else f"SecretKey(<{len(self._buf)} bytes>)"
