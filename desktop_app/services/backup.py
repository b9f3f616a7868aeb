"""Backups: one file holding a consistent, still-encrypted snapshot of both sections and the
key-slot file, with a manifest of checksums authenticated under the practice key.

- Writing: each open section is copied with ``VACUUM INTO`` (an encrypted copy under the same key,
  consistent while the program runs); a locked medical section, which no connection holds, is
  copied as its file. The archive is written next to its target and moved into place, then read
  back and verified. Nothing decrypted is ever written.
- Restoring: into a folder without a practice (nothing is overwritten), after checking every
  checksum and the manifest's HMAC, with a user's password on the same workstation or with the
  recovery key on a new one (which re-binds the keyring secret). Older schema versions migrate at
  the first login.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.audit import Action, Actor, AuditTrail
from desktop_app.errors import PracticeExists, StorageError
from desktop_app.fileio import classify_os_error, fsync_dir
from desktop_app.paths import (
    AUDIT_HEAD_FILE,
    MEDICAL_DB,
    PRACTICE_DB,
    VAULT_FILE,
    ensure_private_dir,
)
from desktop_app.services.files import PracticeFiles
from desktop_app.services.session import Session
from desktop_app.storage.sections import PRACTICE, integrity_problems, open_section
from desktop_app.vault import crypto
from desktop_app.vault.vaultfile import Vault

FORMAT = "arbokluis-backup"
VERSION = 1
SUFFIX = ".arbokluis-backup"
MEMBERS = (PRACTICE_DB, MEDICAL_DB, VAULT_FILE, AUDIT_HEAD_FILE)


class BackupDamaged(StorageError):
    message = ("De back-up is beschadigd of gewijzigd en wordt niet teruggezet. Gebruik een andere "
               "back-up.")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: str
    practice_id: str
    size: int


def _mac_key(practice_key: bytes) -> bytes:
    return crypto.hkdf(practice_key, "arbokluis backup manifest")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def create_backup(session: Session, target: str | Path, progress=None) -> BackupInfo:
    report = progress or (lambda done, total, text: None)
    target = Path(target)
    if target.suffix != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
    files = session.files
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".arbokluis-backup-", dir=target.parent))
    except OSError as exc:
        raise classify_os_error(exc) from exc
    try:
        report(0, 4, "Praktijkdeel kopiëren")
        session.db.execute("VACUUM INTO ?", (str(staging / PRACTICE_DB),))
        report(1, 4, "Medisch deel kopiëren")
        if session.medical_unlocked:
            session.medical().execute("VACUUM INTO ?", (str(staging / MEDICAL_DB),))
        else:
            if Path(str(files.medical_db) + "-wal").exists() and Path(str(files.medical_db) + "-wal").stat().st_size:
                raise StorageError("Ontgrendel het medische deel om een volledige back-up te maken.",
                                   detail="medical wal pending while locked")
            shutil.copyfile(files.medical_db, staging / MEDICAL_DB)
        shutil.copyfile(files.vault, staging / VAULT_FILE)
        if files.audit_head.exists():
            shutil.copyfile(files.audit_head, staging / AUDIT_HEAD_FILE)
        report(2, 4, "Controlegetallen berekenen")
        manifest = {
            "format": FORMAT, "version": VERSION, "practice_id": session.vault.practice_id,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "made_by": session.user.username,
            "files": {name: {"sha256": _sha256(staging / name), "size": (staging / name).stat().st_size}
                      for name in MEMBERS if (staging / name).exists()},
        }
        manifest["mac"] = crypto.mac(_mac_key(session.practice_key()), crypto.canonical(manifest)).hex()
        partial = target.with_name("." + target.name + ".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as z:
            z.writestr("manifest.json", json.dumps(manifest, indent=1))
            for name in manifest["files"]:
                z.write(staging / name, name)
        with open(partial, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(partial, 0o600) if os.name == "posix" else None
        os.replace(partial, target)
        fsync_dir(target.parent)
        report(3, 4, "Back-up controleren")
        verify_backup(target, session.practice_key())
        with session.db.transaction():
            session.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('last_backup', ?)",
                               (manifest["created"],))
            session.record(Action.BACKUP, object_type="backup", data=target.name)
        report(4, 4, "Klaar")
        return BackupInfo(target, manifest["created"], manifest["practice_id"], target.stat().st_size)
    except OSError as exc:
        raise classify_os_error(exc) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for leftover in target.parent.glob("." + target.name + ".part"):
            leftover.unlink(missing_ok=True)


def read_manifest(path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as z:
            manifest = json.loads(z.read("manifest.json"))
            if manifest.get("format") != FORMAT:
                raise BackupDamaged(detail="not a backup")
            for name, meta in manifest["files"].items():
                if name not in MEMBERS:
                    raise BackupDamaged(detail="unexpected member")
                h = hashlib.sha256(z.read(name)).hexdigest()
                if h != meta["sha256"]:
                    raise BackupDamaged(detail=f"checksum {name}")
            return manifest
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise BackupDamaged(detail=type(exc).__name__) from None


def verify_backup(path: Path, practice_key: bytes) -> dict:
    manifest = read_manifest(path)
    mac = manifest.pop("mac", "")
    expected = crypto.mac(_mac_key(practice_key), crypto.canonical(manifest)).hex()
    if not crypto.mac_equal(bytes.fromhex(mac or "00"), bytes.fromhex(expected)):
        raise BackupDamaged(detail="manifest mac")
    return manifest


def restore(backup: str | Path, data_dir: str | Path, *, username: str | None = None,
            password: str | None = None, recovery_key: str | None = None) -> PracticeFiles:
    """Restore into a folder without a practice; returns the restored practice's files."""
    from desktop_app.services import practice

    backup = Path(backup)
    files = PracticeFiles.at(data_dir)
    if files.any_present():
        raise PracticeExists("In de doelmap staat al een praktijk; kies een lege map. Er is niets overschreven.")
    manifest = read_manifest(backup)
    with zipfile.ZipFile(backup) as z:
        vault = Vault.from_bytes(z.read(VAULT_FILE))
    if vault.practice_id != manifest.get("practice_id"):
        raise BackupDamaged(detail="vault of another practice")
    # Find the practice key: with the recovery key (new workstation) or a user's password here.
    if recovery_key is not None:
        from desktop_app.errors import InvalidRecoveryKey
        from desktop_app.vault.crypto import UnwrapError

        try:
            opened = vault.open_recovery(recovery_key)
        except UnwrapError:
            raise InvalidRecoveryKey(detail="recovery slot did not open") from None
        practice_key = opened.practice_key
    else:
        from desktop_app.errors import InvalidCredentials
        from desktop_app.vault import binding
        from desktop_app.vault.crypto import UnwrapError

        pepper = binding.secret_for(vault.binding, vault.practice_id)
        try:
            practice_key = vault.open_login((username or "").strip().casefold(), password or "", pepper)
        except UnwrapError:
            raise InvalidCredentials(detail="backup login slot") from None
    verify_backup(backup, practice_key)
    vault.verify(practice_key)
    staging_parent = files.root.parent
    staging_parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".arbokluis-restore-", dir=staging_parent))
    try:
        with zipfile.ZipFile(backup) as z:
            for name in manifest["files"]:
                (staging / name).write_bytes(z.read(name))
                if os.name == "posix":
                    os.chmod(staging / name, 0o600)
        db = open_section(PRACTICE, staging / PRACTICE_DB, practice_key, vault.practice_id)
        try:
            problems = integrity_problems(db)
            if problems:
                raise BackupDamaged(detail="integrity")
        finally:
            db.close()
        ensure_private_dir(files.root.parent)
        if files.root.exists():
            for name in manifest["files"]:
                os.replace(staging / name, files.root / name)
        else:
            os.replace(staging, files.root)
        ensure_private_dir(files.root)
        fsync_dir(files.root)
    except OSError as exc:
        raise classify_os_error(exc) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if recovery_key is not None and vault.binding.bound:
        practice.rebind_with_recovery(files.root, recovery_key)
    db = open_section(PRACTICE, files.practice_db, practice_key, vault.practice_id)
    try:
        AuditTrail(db, practice_key, vault.practice_id, files.audit_head).record(
            Actor(None, username or "herstelsleutel", "restore"), Action.RESTORE,
            data=f"teruggezet uit {backup.name} ({manifest['created']})")
    finally:
        db.close()
    return files


def newest_backup(folder: str | Path) -> Path | None:
    candidates = sorted(Path(folder).glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    return candidates[0] if candidates else None


