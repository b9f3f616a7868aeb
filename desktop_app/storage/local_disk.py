"""A SQLCipher practice folder must be on a local disk: refuse one on a network filesystem.

SQLite's own documentation says a database file on a network share can be corrupted by the
share's broken locking, and that WAL mode does not work over a network filesystem at all
(https://sqlite.org/useovernet.html, https://sqlite.org/wal.html); DESIGN.md §8 sends a practice
with several workstations to the server mode instead. The operating system says where a folder
lives, where it can:

- Linux: the filesystem type of the mount that holds the folder, from ``/proc/self/mountinfo``
  (nfs, cifs/smb3, sshfs, 9p, …; fuse filesystems as ``fuse.<name>``);
- Windows: a UNC path (``\\\\server\\share``), or a drive letter that ``GetDriveTypeW`` calls
  DRIVE_REMOTE (a mapped network drive);
- macOS: ``statfs``'s ``f_fstypename`` (smbfs, nfs, afpfs, webdav).

Elsewhere, or when the OS cannot be asked, nothing is refused: the check only ever refuses on
the OS's word.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

from desktop_app.errors import StorageError

MOUNTINFO = Path("/proc/self/mountinfo")

# Linux filesystem types (mountinfo's fifth field after the separator) that are network shares.
LINUX_NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "coda", "9p", "ceph", "glusterfs",
    "lustre", "gpfs", "beegfs", "orangefs", "pvfs2", "davfs", "sshfs",
    "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "fuse.glusterfs", "fuse.ceph",
    "fuse.smbnetfs", "fuse.curlftpfs", "fuse.davfs2", "fuse.gvfsd-fuse",
})
# macOS f_fstypename values of network filesystems.
MACOS_NETWORK_TYPES = frozenset({"smbfs", "nfs", "afpfs", "webdav", "cifs", "ftp"})
DRIVE_REMOTE = 4  # GetDriveTypeW


class NetworkFolder(StorageError):
    """The practice folder is on a network filesystem, where SQLite's files are not safe."""

    def __init__(self, folder: Path, kind: str) -> None:
        self.kind = kind
        super().__init__(
            f"De gegevensmap {folder} staat op een netwerkschijf ({kind}). Daar kan de database "
            "beschadigd raken, dus Arbokluis opent haar daar niet. Zet de map op een lokale schijf "
            "van dit werkstation. Voor meer werkstations tegelijk is er de servermodus: één "
            "praktijkserver (PostgreSQL) waarmee elk werkstation verbinding maakt; vraag de "
            "beheerder die in te richten.",
            detail=f"practice folder on a network filesystem ({kind})",
        )


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash in octal (``\\040``)."""
    out, i = [], 0
    while i < len(field):
        code = field[i + 1:i + 4]
        if field[i] == "\\" and len(code) == 3 and code.isdigit():
            out.append(chr(int(code, 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def linux_mount_type(path: Path, mountinfo: str) -> tuple[str, str] | None:
    """(filesystem type, source) of the mount that holds the absolute ``path``, from the text
    of ``/proc/self/mountinfo``; None when no line holds it."""
    best: tuple[int, str, str] | None = None
    for line in mountinfo.splitlines():
        fields = line.split(" ")
        if "-" not in fields[6:]:
            continue  # not a mountinfo line
        separator = fields.index("-", 6)
        if len(fields) < separator + 3:
            continue
        mount_point = Path(_unescape(fields[4]))
        if path != mount_point and mount_point not in path.parents:
            continue
        depth = len(mount_point.parts)
        if best is None or depth >= best[0]:  # the deepest; the last of a stacked mount point
            best = (depth, fields[separator + 1], _unescape(fields[separator + 2]))
    return None if best is None else (best[1], best[2])


def linux_network_kind(path: Path, mountinfo: str) -> str | None:
    """The network filesystem type of the mount holding ``path``, or None when it is local."""
    found = linux_mount_type(path, mountinfo)
    if found is None:
        return None
    fstype, source = found
    if fstype in LINUX_NETWORK_TYPES:
        return fstype
    if fstype in ("fuse", "fuseblk") and source.startswith("sshfs#"):
        return "sshfs"  # the old style: fuse with the helper in the source
    return None


def windows_network_kind(path: str, drive_type: Callable[[str], int]) -> str | None:
    """"UNC-pad" for ``\\\\server\\share\\…``, "netwerkstation X:" for a mapped drive, else None."""
    drive = PureWindowsPath(path).drive
    if drive.startswith(("\\\\?\\UNC\\", "//?/UNC/")):
        return "UNC-pad"
    if drive.startswith(("\\\\?\\", "\\\\.\\", "//?/", "//./")):
        drive = drive[4:]  # a local path written as a device path: \\?\C:
    if drive.startswith(("\\\\", "//")):
        return "UNC-pad"
    if len(drive) == 2 and drive[1] == ":" and drive_type(drive + "\\") == DRIVE_REMOTE:
        return f"netwerkstation {drive.upper()}"
    return None


def _existing(path: Path) -> Path:
    """The folder itself, or the nearest folder above it that exists (a new practice)."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return path.resolve()


def _get_drive_type(root: str) -> int:  # pragma: no cover - Windows
    return int(ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))  # type: ignore[attr-defined]


class _DarwinStatfs(ctypes.Structure):  # pragma: no cover - macOS
    """``struct statfs`` of the 64-bit-inode ABI (<sys/mount.h>)."""

    _fields_ = [
        ("f_bsize", ctypes.c_uint32), ("f_iosize", ctypes.c_int32),
        ("f_blocks", ctypes.c_uint64), ("f_bfree", ctypes.c_uint64),
        ("f_bavail", ctypes.c_uint64), ("f_files", ctypes.c_uint64),
        ("f_ffree", ctypes.c_uint64), ("f_fsid", ctypes.c_int32 * 2),
        ("f_owner", ctypes.c_uint32), ("f_type", ctypes.c_uint32),
        ("f_flags", ctypes.c_uint32), ("f_fssubtype", ctypes.c_uint32),
        ("f_fstypename", ctypes.c_char * 16), ("f_mntonname", ctypes.c_char * 1024),
        ("f_mntfromname", ctypes.c_char * 1024), ("f_flags_ext", ctypes.c_uint32),
        ("f_reserved", ctypes.c_uint32 * 7),
    ]


def _macos_fstype(path: Path) -> str | None:  # pragma: no cover - macOS
    libc = ctypes.CDLL(None, use_errno=True)
    try:
        statfs = libc["statfs$INODE64"]  # x86_64; on arm64 plain statfs is this one
    except AttributeError:
        statfs = libc["statfs"]
    buf = _DarwinStatfs()
    if statfs(os.fsencode(path), ctypes.byref(buf)) != 0:
        return None
    return buf.f_fstypename.decode("ascii", "replace")


def network_kind(folder: Path, *, platform: str = sys.platform) -> str | None:
    """The kind of network filesystem ``folder`` is on, as the OS says it, or None."""
    if platform == "win32":  # pragma: no cover - Windows
        return windows_network_kind(os.path.abspath(folder), _get_drive_type)
    path = _existing(folder)
    if platform.startswith("linux"):
        try:
            mountinfo = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        return linux_network_kind(path, mountinfo)
    if platform == "darwin":  # pragma: no cover - macOS
        fstype = _macos_fstype(path)
        return fstype if fstype in MACOS_NETWORK_TYPES else None
    return None


def require_local(folder: Path) -> None:
    """Raise ``NetworkFolder`` when the practice folder is on a network filesystem."""
    kind = network_kind(folder)
    if kind is not None:
        raise NetworkFolder(Path(folder), kind)
