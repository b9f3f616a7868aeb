"""The backup archive as a file: a zip of stored (uncompressed) members and a manifest.

Nothing here decrypts. The database members are SQLCipher files, encrypted page by page, and
they go into the archive as they lie on disk.

- Writing streams each member once. The zip writer reads it through a memory map, and a worker
  thread computes its SHA-256 from the same map at the same time, so no member is read twice.
  The archive file is created 0600 before anything is written to it.
- Reading finds each member's bytes in the archive (stored members lie in one piece after their
  local header), copies them out with the kernel's file copy, and hashes the copies in parallel.
  The zip's own CRC is not checked on that path: the SHA-256 under the manifest's MAC is the
  stronger check.
"""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import struct
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "manifest.json"
CHUNK = 4 << 20
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"

# Called between chunks with the number of bytes just handled; may raise to stop the work.
Step = Callable[[int], None]


def _no_step(_n: int) -> None:
    return None


def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and any missing parents with mode 0700; existing folders keep theirs."""
    folder = Path(folder)
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            continue
        if os.name == "posix":
            os.chmod(path, 0o700)


def private_file(path: Path) -> int:
    """A new file, 0600 from the start; returns its descriptor. Refuses an existing file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    if os.name == "posix":
        os.fchmod(fd, 0o600)
    return fd


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _datasync(fd: int) -> None:
    (getattr(os, "fdatasync", None) or os.fsync)(fd)


def _sha256_map(view: mmap.mmap | bytes) -> str:
    return hashlib.sha256(view).hexdigest()


@dataclass(frozen=True)
class Digest:
    sha256: str
    size: int

    def to_json(self) -> dict:
        return {"sha256": self.sha256, "size": self.size}


class ArchiveWriter:
    """Write one archive: members once each, then the manifest, then ``close`` (fsync)."""

    def __init__(self, path: Path, fd: int | None = None) -> None:
        """A new archive at ``path``, or in the already created file ``fd`` (made 0600 here)."""
        self.path = Path(path)
        if fd is None:
            fd = private_file(self.path)
        elif os.name == "posix":
            os.fchmod(fd, 0o600)
        self._fh = os.fdopen(fd, "wb")
        self._zip = zipfile.ZipFile(self._fh, "w", zipfile.ZIP_STORED)
        self._pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="backup-hash")
        self._flushes: list[Future[None]] = []
        self._hashes: dict[str, Future[str] | str] = {}
        self._sizes: dict[str, int] = {}
        self._maps: list[tuple[object, mmap.mmap]] = []
        self._closed = False

    def add_file(self, name: str, source: Path, step: Step = _no_step) -> None:
        """Stream ``source`` into the archive; its hash is computed alongside."""
        fh = open(source, "rb")
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            fh.close()
            self.add_bytes(name, b"")
            return
        view = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        self._maps.append((fh, view))
        self._hashes[name] = self._pool.submit(_sha256_map, view)
        self._sizes[name] = size
        data = memoryview(view)
        try:
            with self._zip.open(name, "w", force_zip64=True) as out:
                for offset in range(0, size, CHUNK):
                    out.write(data[offset:offset + CHUNK])
                    step(min(CHUNK, size - offset))
        finally:
            data.release()
        # Start writing this member to the disk while the next one is copied.
        self._fh.flush()
        self._flushes.append(self._pool.submit(_datasync, self._fh.fileno()))

    def add_bytes(self, name: str, data: bytes) -> None:
        self._zip.writestr(name, data)
        self._hashes[name] = hashlib.sha256(data).hexdigest()
        self._sizes[name] = len(data)

    def digests(self) -> dict[str, Digest]:
        """SHA-256 and size of every member written so far (waits for the hashing threads)."""
        out = {}
        for name, pending in self._hashes.items():
            digest = pending.result() if isinstance(pending, Future) else pending
            out[name] = Digest(digest, self._sizes[name])
        self._release_maps()
        return out

    def crcs(self) -> dict[str, int]:
        return {info.filename: info.CRC for info in self._zip.infolist()}

    def close(self) -> None:
        """Finish the zip's directory and make the file durable."""
        self._zip.close()
        self._fh.flush()
        for pending in self._flushes:
            pending.result()
        os.fsync(self._fh.fileno())
        self._shutdown()

    def abandon(self) -> None:
        """After a failure or a cancel: release everything; the caller removes the file."""
        try:
            self._zip.close()
        except Exception:  # noqa: BLE001 - the file is thrown away anyway
            pass
        self._shutdown()

    def _release_maps(self) -> None:
        for fh, view in self._maps:
            fh.close()  # type: ignore[attr-defined]
            try:
                view.close()
            except BufferError:
                pass  # a failed write's traceback still holds a slice; the map goes with it
        self._maps = []

    def _shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._release_maps()
        finally:
            if not self._fh.closed:
                with contextlib.suppress(OSError):
                    self._fh.close()


class ArchiveReader:
    """Read one archive: small members as bytes, large ones copied out to files."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._zip = zipfile.ZipFile(self.path)
        self._size = os.path.getsize(self.path)

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def names(self) -> list[str]:
        return self._zip.namelist()

    def info(self, name: str) -> zipfile.ZipInfo:
        return self._zip.getinfo(name)

    def read(self, name: str) -> bytes:
        return self._zip.read(name)

    def member_sha256(self, name: str) -> str:
        h = hashlib.sha256()
        with self._zip.open(name) as member:
            for block in iter(lambda: member.read(CHUNK), b""):
                h.update(block)
        return h.hexdigest()

    def span(self, name: str) -> tuple[int, int] | None:
        """Where a stored member's bytes lie in the archive: (offset, size); None if compressed."""
        info = self._zip.getinfo(name)
        if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1:
            return None
        with open(self.path, "rb") as fh:
            fh.seek(info.header_offset)
            header = fh.read(_LOCAL_HEADER.size)
            if len(header) != _LOCAL_HEADER.size:
                raise zipfile.BadZipFile("local header cut off")
            fields = _LOCAL_HEADER.unpack(header)
            if fields[0] != _LOCAL_SIGNATURE:
                raise zipfile.BadZipFile("bad local header")
            name_len, extra_len = fields[10], fields[11]
            if fh.read(name_len) != info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437"):
                raise zipfile.BadZipFile("local header names another member")
        offset = info.header_offset + _LOCAL_HEADER.size + name_len + extra_len
        if offset + info.compress_size > self._size or info.compress_size != info.file_size:
            raise zipfile.BadZipFile("member outside the archive")
        return offset, info.file_size

    def extract(self, names: list[str], folder: Path, step: Step = _no_step,
                checks: dict[str, Callable[[Path], list[str]]] | None = None,
                ) -> tuple[dict[str, Digest], dict[str, list[str]]]:
        """Copy members into new 0600 files under ``folder``; return their hashes and the
        problems ``checks`` found in them.

        Each copy is hashed, made durable and checked in worker threads while the next member
        is copied, so the disk and both cores work at once. The caller compares the hashes.
        """
        checks = checks or {}
        sizes: dict[str, int] = {}
        hashes: dict[str, Future[str]] = {}
        found: dict[str, Future[list[str]]] = {}
        syncs: list[Future[None]] = []
        with ThreadPoolExecutor(max_workers=3, thread_name_prefix="restore") as pool:
            try:
                for name in names:
                    path = folder / name
                    sizes[name] = self._extract_one(name, path, step)
                    hashes[name] = pool.submit(sha256_file, path)
                    syncs.append(pool.submit(fsync_file, path))
                    if name in checks:
                        found[name] = pool.submit(checks[name], path)
                digests = {name: Digest(hashes[name].result(), sizes[name]) for name in names}
                problems = {name: f.result() for name, f in found.items()}
                for pending in syncs:
                    pending.result()
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
        return digests, problems

    def _extract_one(self, name: str, target: Path, step: Step) -> int:
        span = self.span(name)
        fd = private_file(target)
        try:
            if span is None:
                written = 0
                with self._zip.open(name) as src:
                    for block in iter(lambda: src.read(CHUNK), b""):
                        os.write(fd, block)
                        written += len(block)
                        step(len(block))
            else:
                offset, written = span
                with open(self.path, "rb") as src:
                    _copy_range(src.fileno(), offset, written, fd, step)
        finally:
            os.close(fd)
        return written


def _copy_range(src: int, offset: int, size: int, dst: int, step: Step) -> None:
    """``size`` bytes of ``src`` from ``offset`` to the end of ``dst``: in the kernel where it can."""
    done = 0
    fast = hasattr(os, "copy_file_range")
    while done < size:
        want = min(CHUNK, size - done)
        n = 0
        if fast:
            try:
                n = os.copy_file_range(src, dst, want, offset + done)
            except OSError:
                fast = False  # another file system or OS: copy through a buffer
        if not fast:
            block = os.pread(src, want, offset + done) if hasattr(os, "pread") else _read_at(src, offset + done, want)
            n = os.write(dst, block) if block else 0
        if n <= 0:
            raise OSError(5, "archive member cut off")
        done += n
        step(n)


def _read_at(fd: int, offset: int, size: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)
