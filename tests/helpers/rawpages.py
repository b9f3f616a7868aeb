"""Decrypt SQLCipher 4 pages directly (AES-256-CBC, IV at the end of each page), for tests that
must look at every page — including free pages and the WAL — not only at live rows."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80  # 16-byte IV + 64-byte HMAC-SHA512
SALT = 16
WAL_HEADER, FRAME_HEADER = 32, 24


def _decrypt(key: bytes, page: bytes, first: bool) -> bytes:
    iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
    body = page[SALT if first else 0:PAGE - RESERVE]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def decrypted_pages(path: Path, key: bytes):
    data = Path(path).read_bytes()
    for n in range(len(data) // PAGE):
        yield _decrypt(key, data[n * PAGE:(n + 1) * PAGE], n == 0)
    wal = Path(str(path) + "-wal")
    if wal.exists():
        raw = wal.read_bytes()
        offset = WAL_HEADER
        while offset + FRAME_HEADER + PAGE <= len(raw):
            page_no = int.from_bytes(raw[offset:offset + 4], "big")
            yield _decrypt(key, raw[offset + FRAME_HEADER:offset + FRAME_HEADER + PAGE], page_no == 1)
            offset += FRAME_HEADER + PAGE


def contains(path: Path, key: bytes, needle: bytes) -> bool:
    return any(needle in page for page in decrypted_pages(path, key))
