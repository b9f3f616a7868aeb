"""Backups: one file holding a consistent, still-encrypted snapshot of both sections and the
key-slot file, with a manifest of checksums authenticated under the practice key.

- Writing (medical staff only): each section's encrypted file is copied as it lies on disk, page
  for page, while it is held still (its WAL checkpointed into it, a read snapshot open, so no
  checkpoint can change it mid-copy). A locked medical section, which no connection holds, is
  copied as its file when it has no pending WAL. Every member is read once: its SHA-256 is
  computed from the same bytes the archive receives. Beside the copy, SQLCipher checks the HMAC
  of every page of each open section (``PRAGMA cipher_integrity_check``), so damage is reported
  now, not at a restore; the manifest records which members passed. The archive is written 0600
  beside its target, made durable, checked as it lies on disk (directory, sizes, CRCs, the
  manifest and its MAC), and only then moved into place. Nothing decrypted is ever written.
- Restoring: into a folder without a practice (nothing is overwritten), with a user's password and
  medical passphrase on the same workstation (the passphrase proves the backup's user directory,
  which only the medical key vouches for) or with the recovery key on a new one (which re-binds
  the keyring secret). Users this workstation saw removed after the backup was made are named
  and kept out until an admin decides (``vault.removed``, docs/decisions/0010).
  The manifest's MAC is checked before any member is touched; the members are copied into a
  private staging folder and each checksum compared, in one pass: a member whose pages the backup
  checked is thereby the very file that passed. Members the backup could not check (a locked
  medical section, a backup from an older release) get the page check here when their key is at
  hand. Only a fully checked, re-bound and audited staging folder is moved into place, so a
  failure leaves nothing behind. Older schema versions migrate on the way.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app import archive
from desktop_app.audit import Action, Actor, AuditTrail
from desktop_app.cancel import CancelToken
from desktop_app.cancel import check as check_cancel
from desktop_app.domain.dates import nl_date, nl_date_time
from desktop_app.domain.permissions import Permission, Standing, permissions_for
from desktop_app.domain.roles import Role
from desktop_app.errors import (
    ArbokluisError,
    DatabaseDamaged,
    HeldAfterRestore,
    InvalidCredentials,
    InvalidPassphrase,
    InvalidRecoveryKey,
    PermissionDenied,
    PracticeExists,
    StorageError,
    VaultDamaged,
)
from desktop_app.fileio import classify_os_error, fsync_dir
from desktop_app.paths import (
    AUDIT_HEAD_FILE,
    MEDICAL_DB,
    PRACTICE_DB,
    RESTORE_ATTEMPTS_FILE,
    VAULT_FILE,
    ensure_private_dir,
    state_dir,
)
from desktop_app.services.authz import requires, unguarded
from desktop_app.services.files import PracticeFiles
from desktop_app.services.session import Session
from desktop_app.storage import backups
from desktop_app.storage.sections import PRACTICE, open_section
from desktop_app.vault import crypto
from desktop_app.vault.anchor import KeyringAnchor
from desktop_app.vault.crypto import UnwrapError
from desktop_app.vault.removed import RemovedUsers
from desktop_app.vault.throttle import LoginThrottle
from desktop_app.vault.vaultfile import Vault

FORMAT = "arbokluis-backup"
VERSION = 1
SUFFIX = ".arbokluis-backup"
MEMBERS = (PRACTICE_DB, MEDICAL_DB, VAULT_FILE, AUDIT_HEAD_FILE)
REQUIRED = (PRACTICE_DB, MEDICAL_DB, VAULT_FILE)
_MIB = 1 << 20

# progress(done, total, text); cancel: any object with raise_if_cancelled() (the client's token).
Progress = Callable[[int, int, str], None]


class BackupDamaged(StorageError):
    message = ("De back-up is beschadigd of gewijzigd en wordt niet teruggezet. Gebruik een andere "
               "back-up.")


class SectionDamaged(DatabaseDamaged):
    """A section's own file failed SQLCipher's page check while it was being backed up."""

    def __init__(self, section: str, *, detail: str = "") -> None:
        what = "het praktijkdeel (practice.db)" if section == PRACTICE_DB else "het medische deel (medical.db)"
        super().__init__(
            f"De back-up is niet gemaakt: {what} is beschadigd. Eerdere back-ups blijven "
            "bruikbaar; zet de nieuwste goede back-up terug in een lege map.",
            detail=detail)


class MedicalWalPending(StorageError):
    message = "Ontgrendel het medische deel om een volledige back-up te maken."


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: str
    practice_id: str
    size: int


def _mac_key(practice_key: bytes) -> bytes:
    return crypto.hkdf(practice_key, "arbokluis backup manifest")


def _manifest_mac(manifest: dict, practice_key: bytes) -> str:
    body = {k: v for k, v in manifest.items() if k != "mac"}
    return crypto.mac(_mac_key(practice_key), crypto.canonical(body)).hex()


def _sha256(path: Path) -> str:
    return archive.sha256_file(path)


class _Meter:
    """Progress in MiB of data handled, plus a few fixed steps; polls the cancel token."""

    def __init__(self, progress: Progress | None, cancel: CancelToken | None, data_bytes: int,
                 steps: int) -> None:
        self._report = progress or (lambda done, total, text: None)
        self._cancel = cancel
        self.total = -(-data_bytes // _MIB) + steps
        self._bytes = 0
        self._steps = 0
        self.text = ""

    @property
    def done(self) -> int:
        return min(self.total, self._bytes // _MIB + self._steps)

    def poll(self) -> None:
        check_cancel(self._cancel)

    def phase(self, text: str) -> None:
        self.poll()
        self.text = text
        self._report(self.done, self.total, text)

    def step(self) -> None:
        self._steps += 1
        self._report(self.done, self.total, self.text)

    def data(self, n: int) -> None:
        before = self.done
        self._bytes += n
        self.poll()
        if self.done != before:
            self._report(self.done, self.total, self.text)

    def finished(self) -> None:
        self._report(self.total, self.total, "Klaar")


def _with_suffix(target: Path) -> Path:
    return target if target.suffix == SUFFIX else target.with_name(target.name + SUFFIX)


@requires(Permission.BACKUP)
def suggested_name(session: Session) -> str:
    """A file name for today's backup; refuses (and records it) a user who may not back up."""
    return f"praktijk-{nl_date(session.today())}{SUFFIX}"


@requires(Permission.BACKUP)
def create_backup(session: Session, target: str | Path, progress: Progress | None = None,
                  cancel: CancelToken | None = None) -> BackupInfo:
    target = _with_suffix(Path(target))
    files = session.files
    held = [session.db]
    # once, and as held rather than unlocked: a lock asked for while this backup waited in the
    # queue marks the section locked at once, but closes it only after this backup
    medical_open = session.medical_held
    if medical_open:
        held.append(session.medical())
    elif backups.wal_pending(files.medical_db):
        raise MedicalWalPending(detail="medical wal pending while locked")
    try:
        sizes = files.practice_db.stat().st_size + files.medical_db.stat().st_size
        meter = _Meter(progress, cancel, sizes, steps=2)
        meter.phase("Praktijkdeel kopiëren")
        archive.make_private_dirs(target.parent)
        fd, partial_name = tempfile.mkstemp(prefix="." + target.name + ".", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise classify_os_error(exc) from exc
    partial = Path(partial_name)
    # The page check of each open section runs beside the copy, on its own connection, against
    # the same held-still file: damage is found now, while the earlier backups are still good.
    checks = [(PRACTICE_DB, files.practice_db, session.practice_key())]
    if medical_open:
        checks.append((MEDICAL_DB, files.medical_db, session.medical_key()))
    writer: archive.ArchiveWriter | None = None
    try:
        writer = archive.ArchiveWriter(partial, fd)
        with contextlib.ExitStack() as stack:
            for db in held:
                stack.enter_context(backups.held_still(db))
            pool = stack.enter_context(ThreadPoolExecutor(max_workers=2, thread_name_prefix="backup-pages"))
            found = {name: pool.submit(_page_check, path, [key]) for name, path, key in checks}
            writer.add_file(PRACTICE_DB, files.practice_db, meter.data)
            meter.phase("Medisch deel kopiëren")
            writer.add_file(MEDICAL_DB, files.medical_db, meter.data)
            writer.add_bytes(VAULT_FILE, files.vault.read_bytes())
            if files.audit_head.exists():
                writer.add_bytes(AUDIT_HEAD_FILE, files.audit_head.read_bytes())
            meter.phase("Pagina's controleren")
            digests = writer.digests()
            for name, pending in found.items():
                problems = pending.result()
                if problems:
                    raise SectionDamaged(name, detail=f"page check {name}: {len(problems)} problems")
        meter.phase("Back-up controleren")
        manifest = {
            "format": FORMAT, "version": VERSION, "practice_id": session.vault.practice_id,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "made_by": session.user.username,
            "files": {name: d.to_json() for name, d in digests.items()},
            # Members whose every page passed SQLCipher's HMAC check as they were copied; the
            # checksums then carry that check to the restore.
            "pages_checked": sorted(found),
        }
        manifest["mac"] = _manifest_mac(manifest, session.practice_key())
        writer.add_bytes(archive.MANIFEST, json.dumps(manifest, indent=1).encode())
        crcs = writer.crcs()
        writer.close()
        meter.step()
        _check_written(partial, manifest, crcs, session.practice_key())
        meter.poll()  # the last moment a cancel leaves nothing behind
        os.replace(partial, target)
        fsync_dir(target.parent)
        meter.step()
        with session.db.transaction():
            backups.record_last_backup(session.db, manifest["created"])
            session.record(Action.BACKUP, object_type="backup", data=target.name)
        meter.finished()
        return BackupInfo(target, manifest["created"], manifest["practice_id"], target.stat().st_size)
    except OSError as exc:
        raise classify_os_error(exc) from exc
    finally:
        if writer is not None:
            writer.abandon()
        with contextlib.suppress(OSError):
            partial.unlink()


def _check_written(path: Path, manifest: dict, crcs: dict[str, int], practice_key: bytes) -> None:
    """The archive as it now lies on disk: its directory, each member's size, CRC and place, and
    the manifest read back with its MAC. The data itself was hashed as it was written."""
    try:
        with archive.ArchiveReader(path) as written:
            expected = set(manifest["files"]) | {archive.MANIFEST}
            if set(written.names()) != expected:
                raise BackupDamaged(detail="members differ after writing")
            for name in expected:
                info = written.info(name)
                if info.CRC != crcs[name]:
                    raise BackupDamaged(detail=f"crc {name} after writing")
                if name in manifest["files"] and info.file_size != manifest["files"][name]["size"]:
                    raise BackupDamaged(detail=f"size {name} after writing")
                if written.span(name) is None:
                    raise BackupDamaged(detail=f"{name} not stored")
            back = json.loads(written.read(archive.MANIFEST))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BackupDamaged(detail=f"archive unreadable after writing: {type(exc).__name__}") from None
    if back != manifest or not _mac_ok(back, practice_key):
        raise BackupDamaged(detail="manifest after writing")


def _mac_ok(manifest: dict, practice_key: bytes) -> bool:
    try:
        given = bytes.fromhex(str(manifest.get("mac", "")))
    except ValueError:
        return False
    return crypto.mac_equal(given, bytes.fromhex(_manifest_mac(manifest, practice_key)))


def _parse_manifest(reader: archive.ArchiveReader) -> dict:
    manifest = json.loads(reader.read(archive.MANIFEST))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupDamaged(detail="not a backup")
    if manifest.get("version") != VERSION:
        raise BackupDamaged(detail="unknown backup version")
    listed = manifest.get("files")
    if not isinstance(listed, dict) or any(name not in MEMBERS for name in listed):
        raise BackupDamaged(detail="unexpected member")
    if any(name not in listed for name in REQUIRED):
        raise BackupDamaged(detail="member missing")
    checked = manifest.get("pages_checked", [])
    if not isinstance(checked, list) or any(name not in listed for name in checked):
        raise BackupDamaged(detail="pages_checked")
    for name, meta in listed.items():
        if not isinstance(meta, dict) or not isinstance(meta.get("sha256"), str):
            raise BackupDamaged(detail=f"manifest entry {name}")
        if reader.info(name).file_size != meta.get("size"):
            raise BackupDamaged(detail=f"size {name}")
    return manifest


@contextlib.contextmanager
def _unreadable_is_damage():
    """Zip, JSON and vault-format errors while reading a backup mean the file is damaged."""
    try:
        yield
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, EOFError, VaultDamaged) as exc:
        raise BackupDamaged(detail=f"unreadable: {type(exc).__name__}") from None


def _open_archive(path: Path) -> archive.ArchiveReader:
    try:
        with _unreadable_is_damage():
            return archive.ArchiveReader(path)
    except OSError as exc:
        raise BackupDamaged(detail=f"errno {exc.errno}") from None


@unguarded("reads the manifest of a file the user chose; its MAC is not checked, no practice data")
def read_manifest(path: str | Path) -> dict:
    """The manifest of a backup file (unauthenticated: for showing what a file is)."""
    with _open_archive(Path(path)) as reader, _unreadable_is_damage():
        return _parse_manifest(reader)


@unguarded("checks a backup file against a practice key the caller already holds")
def verify_backup(path: str | Path, practice_key: bytes) -> dict:
    """Every checksum and the manifest's MAC, reading the whole archive once."""
    with _open_archive(Path(path)) as reader:
        with _unreadable_is_damage():
            manifest = _parse_manifest(reader)
        if not _mac_ok(manifest, practice_key):
            raise BackupDamaged(detail="manifest mac")
        for name, meta in manifest["files"].items():
            try:
                with _unreadable_is_damage():
                    digest = reader.member_sha256(name)
            except OSError as exc:
                raise BackupDamaged(detail=f"errno {exc.errno}") from None
            if digest != meta["sha256"]:
                raise BackupDamaged(detail=f"checksum {name}")
        return {k: v for k, v in manifest.items() if k != "mac"}


@dataclass(frozen=True)
class Restored:
    files: PracticeFiles
    # Users of the backup this workstation saw removed since: they cannot log in until an admin
    # removes them again or lets them back in (services.users).
    held: list[str]


@dataclass
class _Keys:
    practice: bytes
    medical: list[bytes]


class DirectoryNotProven(PermissionDenied):
    message = ("Geef ook uw medische wachtzin: alleen het medische deel van het sleutelbestand zegt "
               "wie een back-up mag terugzetten. Er is niets teruggezet.")


def _open_keys(vault: Vault, username: str | None, password: str | None,
               recovery_key: str | None, medical_passphrase: str | None) -> _Keys:
    """The practice key and the medical key from the backup's vault: with the recovery key, or
    with a user's password and medical passphrase. The medical key proves the directory before
    it is asked who this user is, so a directory re-signed with the practice key alone (which a
    case manager holds) cannot make anyone a physician here."""
    if recovery_key is not None:
        try:
            opened = vault.open_recovery(recovery_key)
        except UnwrapError:
            raise InvalidRecoveryKey(detail="recovery slot did not open") from None
        return _Keys(opened.practice_key, [key for _version, key in opened.medical_candidates])
    from desktop_app.vault import binding

    pepper = binding.secret_for(vault.binding, vault.practice_id)
    name = (username or "").strip().casefold()
    # Guesses at the restore wait as at the login and the unlock: there is no practice folder
    # yet, so the attempts are this workstation's, per practice and name.
    throttle = LoginThrottle(ensure_private_dir(state_dir()) / RESTORE_ATTEMPTS_FILE)
    tried = f"{vault.practice_id}:{name}"
    throttle.check(tried)
    try:
        key = vault.open_login(name, password or "", pepper)
    except UnwrapError:
        throttle.failed(tried)
        raise InvalidCredentials(detail="backup login slot") from None
    if name not in vault.medical_slots:
        _refuse_restore()  # no medical slot: no medical key, whatever the directory says
    if not medical_passphrase:
        raise DirectoryNotProven(detail="restore: no medical passphrase")
    try:
        candidates = dict(vault.open_medical(name, medical_passphrase, pepper))
    except UnwrapError:  # a wrong passphrase, or no grant sealed to the slot
        throttle.failed(tried)
        raise InvalidPassphrase(detail="backup medical slot") from None
    throttle.succeeded(tried)
    current = candidates.get(vault.medical.version)
    if current is None:
        raise DirectoryNotProven(detail="restore: no current medical grant")
    vault.check_medical(current)
    _require_backup_right(vault, name)
    return _Keys(key, list(candidates.values()))


def _require_backup_right(vault: Vault, username: str) -> None:
    """A restore by password is for those who may make a backup (the permission table), judged by
    the backup's own directory, proven by the medical key first (``_open_keys``)."""
    entry = vault.entry_of(username)
    standing = None if entry is None else Standing(Role(entry.role), entry.supervisor, entry.admin,
                                                   entry.secrecy)
    if standing is None or Permission.BACKUP not in permissions_for(standing):
        _refuse_restore()


def _refuse_restore() -> None:
    raise PermissionDenied(
        "Alleen medisch personeel (of de herstelsleutel) kan een back-up terugzetten: een "
        "back-up bevat het medische deel.", detail="restore: no backup permission")


def _page_check(path: Path, keys: list[bytes]) -> list[str]:
    """SQLCipher's page HMACs of one staged section, with the first key that opens it."""
    last: Exception | None = None
    for key in keys:
        try:
            return backups.page_problems(path, key)
        except DatabaseDamaged as exc:  # a pending key of an interrupted rotation may fit
            last = exc
    return [f"opent niet: {getattr(last, 'detail', '')}"]


@unguarded("restores into a folder without a practice, before anyone is logged in; the password "
           "or the recovery key is the check")
def restore(backup: str | Path, data_dir: str | Path, *, username: str | None = None,
            password: str | None = None, medical_passphrase: str | None = None,
            recovery_key: str | None = None, progress: Progress | None = None,
            cancel: CancelToken | None = None) -> Restored:
    """Restore into a folder without a practice; returns its files and the users held out."""
    backup = Path(backup)
    files = PracticeFiles.at(data_dir)
    if files.any_present():
        raise PracticeExists("In de doelmap staat al een praktijk; kies een lege map. Er is niets overschreven.")
    try:
        with _open_archive(backup) as reader:
            with _unreadable_is_damage():
                manifest = _parse_manifest(reader)
                vault = Vault.from_bytes(reader.read(VAULT_FILE))
            if vault.practice_id != manifest.get("practice_id"):
                raise BackupDamaged(detail="vault of another practice")
            keys = _open_keys(vault, username, password, recovery_key, medical_passphrase)
            if not _mac_ok(manifest, keys.practice):
                raise BackupDamaged(detail="manifest mac")
            vault.verify(keys.practice)
            held = sorted(RemovedUsers(vault.binding, vault.practice_id).held_names(vault.directory))
            if recovery_key is None and (username or "").strip().casefold() in held:
                # Not theirs to restore; and a restore re-anchors this workstation's audit head.
                raise HeldAfterRestore(detail="restore by a user this workstation saw lose access")
            names = list(manifest["files"])
            meter = _Meter(progress, cancel, sum(m["size"] for m in manifest["files"].values()), steps=3)
            meter.phase("Back-up uitpakken en controleren")
            staging = _staging_for(files.root)
            try:
                # A member the backup page-checked is, by its checksum, the very file that passed;
                # the others (a medical section that was locked, an older backup) are checked
                # here where the key is at hand.
                checked = set(manifest.get("pages_checked", []))
                checks = {}
                if PRACTICE_DB not in checked:
                    checks[PRACTICE_DB] = functools.partial(_page_check, keys=[keys.practice])
                if MEDICAL_DB not in checked and keys.medical:
                    checks[MEDICAL_DB] = functools.partial(_page_check, keys=keys.medical)
                try:
                    digests, problems = reader.extract(names, staging, meter.data, checks)
                except zipfile.BadZipFile as exc:
                    raise BackupDamaged(detail=f"member: {exc}") from None
                if any(digests[n].sha256 != manifest["files"][n]["sha256"] for n in names):
                    raise BackupDamaged(detail="checksum")
                for name, found in problems.items():
                    if found:
                        raise BackupDamaged(detail=f"page check {name}: {len(found)} problems")
                meter.step()
                meter.phase("Terugzetten")
                _finish_in(staging, vault, keys.practice, recovery_key, username, backup.name, manifest,
                           held)
                meter.step()
                _move_into(staging, files.root)
                meter.finished()
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise classify_os_error(exc) from exc
    return Restored(files, held)


def _staging_for(root: Path) -> Path:
    """A private folder on the same file system as ``root``, so the last step is a rename."""
    parent = root if root.exists() else root.parent
    archive.make_private_dirs(parent)
    return Path(tempfile.mkdtemp(prefix=".arbokluis-restore-", dir=parent))


def _finish_in(staging: Path, vault: Vault, practice_key: bytes, recovery_key: str | None,
               username: str | None, backup_name: str, manifest: dict, held: list[str]) -> None:
    """Re-bind and audit in the staging folder, so the folder moved into place is complete."""
    from desktop_app.services import practice

    if recovery_key is not None and vault.binding.bound:
        practice.rebind_with_recovery(staging, recovery_key)
    created = manifest["created"]
    try:
        shown = nl_date_time(datetime.fromisoformat(created).astimezone())
    except ValueError:
        shown = "onbekende datum"
    db = open_section(PRACTICE, staging / PRACTICE_DB, practice_key, vault.practice_id)
    try:
        # The restored trail is the one the workstation's keyring vouches for from now on: a
        # restore is a deliberate rollback, and it says so in the trail (unsigned, as every event
        # with no session; verify lists it).
        trail = AuditTrail(db, practice_key, vault.practice_id, staging / AUDIT_HEAD_FILE,
                           anchor=KeyringAnchor(vault.binding, vault.practice_id))
        data = f"teruggezet uit {backup_name} (gemaakt {shown})"
        if held:
            data += "; na de back-up verwijderd, geweerd tot een beheerder beslist: " + ", ".join(held)
        trail.record(Actor(None, username or "herstelsleutel", "restore"), Action.RESTORE, data=data)
        trail.anchor_now(checked=False)  # a restore is a deliberate rollback
    finally:
        db.close()
    for path in staging.iterdir():
        if path.is_file():
            archive.fsync_file(path)
    fsync_dir(staging)


def _move_into(staging: Path, root: Path) -> None:
    """The staging folder becomes the practice folder: one rename, or (into an existing empty
    folder) one rename per file with vault.json last, undone if any fails."""
    if staging.parent != root:
        os.replace(staging, root)
        fsync_dir(root.parent)
        return
    moved: list[Path] = []
    try:
        for path in sorted(staging.iterdir(), key=lambda p: p.name == VAULT_FILE):
            os.replace(path, root / path.name)
            moved.append(root / path.name)
    except OSError:
        for path in moved:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    if os.name == "posix":
        os.chmod(root, 0o700)
    fsync_dir(root)


@unguarded("lists backup files in a folder the user chose; reads no practice data")
def newest_backup(folder: str | Path) -> Path | None:
    """The backup whose own manifest (under the practice key's MAC, checked at the restore) was
    created last; never the file's modification time, which anyone who can write the folder
    sets. A file without a readable manifest is no candidate."""
    dated = [(created, path) for path in Path(folder).glob(f"*{SUFFIX}")
             if (created := _created(path)) is not None]
    return max(dated)[1] if dated else None


def _created(path: Path) -> datetime | None:
    try:
        created = datetime.fromisoformat(str(read_manifest(path)["created"]))
    except (ArbokluisError, KeyError, TypeError, ValueError):
        return None
    return created if created.tzinfo is not None else created.replace(tzinfo=UTC)
