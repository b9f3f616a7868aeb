"""Decrypt SQLCipher 4 pages directly (AES-256-CBC, IV at the end of each page), for tests that
must look at every page — including free pages and the WAL — not only at live rows.

``image`` goes one step further: it puts the decrypted pages (the file's, overlaid with the WAL's
committed frames) back together as a plain SQLite database in memory, so a test can read the rows
exactly as the pages hold them, byte for byte, without the program's own code and without
anything decrypted touching the disk.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80  # 16-byte IV + 64-byte HMAC-SHA512
SALT = 16
WAL_HEADER, FRAME_HEADER = 32, 24
MAGIC = b"SQLite format 3\x00"


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


def _plain(key: bytes, page: bytes, first: bool) -> bytes:
    body = _decrypt(key, page, first)
    return (MAGIC + body if first else body) + b"\x00" * RESERVE


def _committed_frames(path: Path) -> dict[int, bytes]:
    """Page number → the newest committed frame's (still encrypted) page, from the WAL."""
    wal = Path(str(path) + "-wal")
    if not wal.exists():
        return {}
    raw = wal.read_bytes()
    if len(raw) < WAL_HEADER:
        return {}
    salts = raw[16:24]
    pending: dict[int, bytes] = {}
    committed: dict[int, bytes] = {}
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE <= len(raw):
        header = raw[offset:offset + FRAME_HEADER]
        if header[8:16] != salts:
            break  # a frame left from before the last reset of the WAL
        pending[int.from_bytes(header[0:4], "big")] = raw[offset + FRAME_HEADER:offset + FRAME_HEADER + PAGE]
        if int.from_bytes(header[4:8], "big"):  # a commit frame
            committed.update(pending)
            pending.clear()
        offset += FRAME_HEADER + PAGE
    return committed


def image(path: Path, key: bytes) -> sqlite3.Connection:
    """The database as its pages hold it (file overlaid with committed WAL frames), as a plain
    SQLite database in memory, read-only by convention."""
    data = Path(path).read_bytes()
    pages = {n + 1: data[n * PAGE:(n + 1) * PAGE] for n in range(len(data) // PAGE)}
    pages.update(_committed_frames(path))
    first = bytearray(_plain(key, pages[1], True))
    first[18] = first[19] = 1  # rollback-journal format: the copy in memory has no WAL
    count = int.from_bytes(first[28:32], "big") or max(pages)
    parts = [bytes(first)] + [_plain(key, pages[n], False) if n in pages else b"\x00" * PAGE
                              for n in range(2, count + 1)]
    conn = sqlite3.connect(":memory:")
    conn.deserialize(b"".join(parts))
    return conn


def rows(path: Path, key: bytes, sql: str, params: tuple = ()) -> list[tuple]:
    """``sql`` run on ``image``: the rows exactly as the pages hold them."""
    conn = image(path, key)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
