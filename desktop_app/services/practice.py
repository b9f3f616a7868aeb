"""Creating a practice, logging in, and the ways back with the recovery key.

Logging in is three steps, so that ``verify`` can check a practice before anything is recorded:
``open_keys`` (the password opens the user's slot, which is checked against the directory, and a
grant of the practice key), ``open_practice_db`` (the key is proven by opening ``practice.db``),
``start_session`` (the login is recorded and signed). ``login`` does all three.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from desktop_app.audit import Action, Actor, AuditTrail, Outcome
from desktop_app.domain.roles import Role, User, UserId
from desktop_app.errors import (
    DirectoryMismatch,
    HeldAfterRestore,
    InvalidCredentials,
    InvalidRecoveryKey,
    KeyringProblem,
    KeyringSecretDiffers,
    NoPractice,
    PracticeExists,
    ValidationError,
    VaultDamaged,
)
from desktop_app.paths import ensure_private_dir
from desktop_app.services.authz import unguarded
from desktop_app.services.files import PracticeFiles
from desktop_app.services.session import Session
from desktop_app.storage import local_disk
from desktop_app.storage import settings as settings_store
from desktop_app.storage import users as users_store
from desktop_app.storage.connection import Database
from desktop_app.storage.sections import (
    MEDICAL,
    PRACTICE,
    VAULT_MAC_MARKER,
    open_section,
    set_marker,
)
from desktop_app.vault import binding, crypto, legacy, policy, recovery
from desktop_app.vault.anchor import KeyringAnchor
from desktop_app.vault.crypto import UnwrapError
from desktop_app.vault.directory import Entry
from desktop_app.vault.secret import SecretKey
from desktop_app.vault.throttle import UNKNOWN_USER, Failures, LoginThrottle
from desktop_app.vault.vaultfile import NoGrant, UserKeys, Vault

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


@unguarded("a pure check of a typed name")
def normalise_username(text: str) -> str:
    name = text.strip().casefold()
    if not USERNAME_RE.match(name):
        raise ValidationError(
            "username",
            "Gebruikersnaam: 2 tot 32 tekens, alleen kleine letters, cijfers, punt, streepje of "
            "liggend streepje, en beginnend met een letter of cijfer.",
        )
    return name


@dataclass
class NewUser:
    username: str
    display_name: str
    role: Role
    password: str
    medical_passphrase: str | None = None
    is_supervisor: bool = False
    is_admin: bool = False
    registration: str = ""
    secrecy_signed_on: date | None = None

    def validated(self) -> NewUser:
        name = normalise_username(self.username)
        display = self.display_name.strip()
        if not display or len(display) > 100 or any(ord(c) < 32 for c in display):
            raise ValidationError("display_name", "Naam: vul een naam in van hoogstens 100 tekens.")
        if self.role is not Role.PHYSICIAN and (self.is_supervisor or self.is_admin):
            raise ValidationError(
                "role", "Rol: alleen een bedrijfsarts kan kerndeskundige of beheerder zijn.")
        if self.role in (Role.PHYSICIAN, Role.ASSISTANT):
            policy.check_pair(self.password, self.medical_passphrase or "", username=name)
        else:
            if self.medical_passphrase:
                raise ValidationError(
                    "medical_passphrase", "Een casemanager heeft geen medische wachtzin.")
            policy.check(self.password, field="password", username=name)
        return NewUser(name, display, self.role, self.password, self.medical_passphrase,
                       self.is_supervisor, self.is_admin, self.registration.strip(),
                       self.secrecy_signed_on)


@dataclass
class CreatedPractice:
    practice_id: str
    recovery_key: str
    bound: bool
    notice: str = ""
    users: list[str] = field(default_factory=list)


@unguarded("creates a practice in an empty folder: there is no user yet")
def create_practice(
    root: str | Path | None, *, practice_name: str, first_user: NewUser,
    settings: dict[str, str] | None = None,
) -> CreatedPractice:
    """A new practice: both sections, the vault, and its first (admin) physician."""
    files = PracticeFiles.at(root)
    local_disk.require_local(files.root)
    if files.any_present():
        raise PracticeExists(detail="data folder not empty")
    user = first_user.validated()
    if user.role is not Role.PHYSICIAN or not user.is_admin:
        raise ValidationError("role", "De eerste gebruiker is een bedrijfsarts met beheerrechten.")
    if not practice_name.strip():
        raise ValidationError("practice_name", "Naam van de praktijk: vul dit in.")
    ensure_private_dir(files.root)

    practice_id = str(uuid.uuid4())
    practice_key, medical_key = crypto.random_bytes(), crypto.random_bytes()
    bind, pepper = binding.create(practice_id)
    recovery_key = recovery.generate()
    vault = Vault.create(practice_id, bind, pepper, recovery_key, practice_key, medical_key)
    keys = vault.add_user(user.username, user.password, pepper, str(Role.PHYSICIAN),
                          practice_key=practice_key, supervisor=user.is_supervisor, admin=True)
    vault.set_medical(user.username, user.medical_passphrase or "", pepper, medical_key)

    pdb = open_section(PRACTICE, files.practice_db, practice_key, practice_id, create=True)
    try:
        mdb = open_section(MEDICAL, files.medical_db, medical_key, practice_id, create=True)
        try:
            set_marker(mdb, VAULT_MAC_MARKER)
        finally:
            mdb.close()
        with pdb.transaction():
            user_id = users_store.insert(pdb, _as_user(user))
            values = {"practice_name": practice_name.strip(), **(settings or {})}
            settings_store.put(pdb, values)
            trail = AuditTrail(pdb, practice_key, practice_id, files.audit_head,
                               signer=crypto.Signer(user.username, keys.sign_private),
                               signers=vault.signing_keys)
            actor = Actor(user_id, user.username, str(user.role))
            trail.record(actor, Action.PRACTICE_CREATED, object_type="practice",
                         data="gekoppeld aan sleutelbos" if bind.bound else "zonder sleutelbos")
            trail.record(actor, Action.USER_CHANGE, object_type="user", object_id=user_id,
                         data="gebruiker aangemaakt")
        vault.save(files.vault, practice_key, medical_key)  # written last: the practice exists
    finally:
        pdb.close()
    return CreatedPractice(
        practice_id, recovery_key, bind.bound,
        "" if bind.bound else binding.UNBOUND_NOTICE, [user.username],
    )


def _as_user(u: NewUser, user_id: int = 0) -> User:
    return User(UserId(user_id), u.username, u.display_name, u.role, u.is_supervisor, u.is_admin,
                u.registration)


@unguarded("reads the key-slot file; opens nothing")
def load_vault(files: PracticeFiles) -> Vault:
    if not files.exists():
        if files.practice_db.exists() or files.medical_db.exists():
            raise VaultDamaged(detail="vault.json missing beside the databases")
        raise NoPractice(detail=str(files.root))
    return Vault.load(files.vault)


# --- logging in ---------------------------------------------------------------------------------


@dataclass
class OpenedKeys:
    """What a password opened, before anything is recorded."""

    files: PracticeFiles
    vault: Vault
    username: str
    password: str
    pepper: bytes | None
    keys: UserKeys | None  # None: a version-1 slot, converted once practice.db is open
    candidates: dict[int, bytes]
    throttle: LoginThrottle


def _check_fingerprint(vault: Vault, pepper: bytes | None) -> None:
    if pepper is not None and vault.keyring_fingerprint is not None \
            and binding.fingerprint(pepper) != vault.keyring_fingerprint:
        raise KeyringSecretDiffers(detail="keyring secret fingerprint differs")


@unguarded("before login: the password is the check")
def open_keys(root: str | Path | None, username: str, password: str) -> OpenedKeys:
    """Open the user's slot and their grant of the practice key; check the vault's MAC.

    A folder on a network drive is refused first (``storage.local_disk``)."""
    files = PracticeFiles.at(root)
    local_disk.require_local(files.root)
    vault = load_vault(files)
    name = username.strip().casefold()
    policy.usable(password, field="password")
    # A name that is no user of the practice is throttled under one shared key: made-up names
    # cannot grow login-attempts.json, and they cost the same derivation as a real one.
    throttled = name if vault.has_login(name) else UNKNOWN_USER
    throttle = LoginThrottle(files.attempts)
    throttle.check(throttled)
    pepper = binding.secret_for(vault.binding, vault.practice_id)
    _check_fingerprint(vault, pepper)
    keys: UserKeys | None = None
    try:
        if legacy.is_legacy_login(vault, name):
            candidates = {vault.practice.version: legacy.open_legacy_login(vault, name, password, pepper)}
        else:
            keys = vault.open_user(name, password, pepper)
            candidates = dict(vault.practice_candidates(name, keys.box_private))
    except NoGrant:
        raise DirectoryMismatch(detail="login slot without a practice grant") from None
    except UnwrapError:
        throttle.failed(throttled)
        raise InvalidCredentials(detail="login slot did not open") from None
    _verify_mac(vault, candidates)
    _refuse_if_held(vault, name)
    return OpenedKeys(files, vault, name, password, pepper, keys, candidates, throttle)


def _refuse_if_held(vault: Vault, name: str) -> None:
    """A user this workstation saw removed, revived by the restore of an older backup, stays out
    until an admin decides (``users.admit_after_restore`` or ``users.remove_user``). Checked after
    the password opened the slot, so the refusal tells a stranger nothing."""
    from desktop_app.vault.removed import RemovedUsers

    if RemovedUsers(vault.binding, vault.practice_id).holds(name, vault.directory):
        raise HeldAfterRestore(detail="login: removed before, revived by a restore")


def _verify_mac(vault: Vault, candidates: dict[int, bytes]) -> None:
    """The file's MAC is under the current practice key: a pending key's word counts for nothing."""
    vault.verify_current(candidates)


@unguarded("before login: opens practice.db with the key the password opened")
def open_practice_db(opened: OpenedKeys) -> tuple[Database, int, bytes]:
    """The practice section, opened with the current key or else a pending one that the current
    key vouches for (a rotation cut off after its rekey)."""
    last: Exception | None = None
    for version, key in opened.vault.usable_keys(PRACTICE, opened.candidates):
        try:
            db = open_section(PRACTICE, opened.files.practice_db, key, opened.vault.practice_id)
        except Exception as exc:  # the other candidate may fit
            last = exc
            continue
        return db, version, key
    if last is None:
        raise VaultDamaged(detail="no key candidate for the practice section")
    raise last


@unguarded("before login: the password is the check")
def start_session(opened: OpenedKeys, db: Database, version: int, key: bytes, *,
                  record: bool = True) -> Session:
    """The session: role from the directory, the login recorded and signed (unless ``record``
    is False: ``audit-acknowledge`` must look at a broken trail before writing to it)."""
    from desktop_app.services import rotation

    vault, name = opened.vault, opened.username
    session: Session | None = None
    try:
        user = users_store.by_username(db, name)
        if user is None or not user.active:
            raise InvalidCredentials(detail="user not active")
        keys = opened.keys
        if keys is None:
            keys = legacy.convert_login(
                vault, name, opened.password, opened.pepper, key, role=str(user.role),
                supervisor=user.is_supervisor, admin=user.is_admin,
                secrecy=user.role is Role.ASSISTANT and users_store.secrecy_on_file(db, user.id))
            vault.save(opened.files.vault, key)
        entry = vault.entry_of(name)
        if entry is None:  # open_user checked it
            raise VaultDamaged(detail="vault entry gone after opening it")
        user = dataclasses.replace(user, role=Role(entry.role), is_supervisor=entry.supervisor,
                                   is_admin=entry.admin)
        failures = opened.throttle.failures(name) if record else Failures(0, ())
        session = Session(opened.files, vault, user, db, SecretKey(key),
                          SecretKey(opened.pepper) if opened.pepper else None, failures,
                          signer=crypto.Signer(name, keys.sign_private), practice_version=version)
        if not record:
            return session
        session.audit.check_anchor()  # a rolled-back folder: refused before anything is written
        with db.transaction():
            for t in failures.times:
                session.audit.record(session.actor, Action.LOGIN_FAILED, outcome=Outcome.FAILED,
                                     at=datetime.fromtimestamp(t, UTC))
            session.record(Action.LOGIN)
        opened.throttle.succeeded(name)  # only once the failures are on the trail
        rotation.complete_practice(session, opened.candidates)
        session.audit.anchor_now()
        session.start_structure_check(PRACTICE)
    except BaseException:
        if session is not None:
            session.abandon()
        else:
            db.close()
        raise
    return session


@unguarded("before login: the password is the check")
def login(root: str | Path | None, username: str, password: str) -> Session:
    """Open the practice section for ``username``; the medical section stays locked."""
    opened = open_keys(root, username, password)
    db, version, key = open_practice_db(opened)
    return start_session(opened, db, version, key)


# --- the recovery key -------------------------------------------------------------------------


def _open_with_recovery(vault: Vault, recovery_key: str):
    try:
        opened = vault.open_recovery(recovery_key)
    except UnwrapError:
        raise InvalidRecoveryKey(detail="recovery slot did not open") from None
    _verify_mac(vault, dict(opened.practice_candidates))
    return opened


def _trail(files: PracticeFiles, vault: Vault, db: Database, practice_key: bytes) -> AuditTrail:
    return AuditTrail(db, practice_key, vault.practice_id, files.audit_head,
                      signers=vault.signing_keys, anchor=KeyringAnchor(vault.binding, vault.practice_id))


RECOVERY_ACTOR = Actor(None, "herstelsleutel", "recovery")


@unguarded("before login: the recovery key is the check")
def rebind_with_recovery(root: str | Path | None, recovery_key: str) -> bool:
    """Put the practice's installation secret into this workstation's keyring again.

    Returns True when bound afterwards. A practice created without a keyring stays unbound.
    """
    files = PracticeFiles.at(root)
    local_disk.require_local(files.root)
    vault = load_vault(files)
    opened = _open_with_recovery(vault, recovery_key)
    if not vault.binding.bound:
        return False
    if opened.pepper is None:
        raise VaultDamaged(detail="bound vault without recovery copy of the secret")
    name = binding.backend_name()
    if name is None:
        raise KeyringProblem(
            "Er is op dit werkstation geen sleutelbos beschikbaar om opnieuw aan te koppelen.",
            detail="no backend to rebind",
        )
    db, key = _recovery_db(files, vault, opened)
    try:
        trail = _trail(files, vault, db, key)
        trail.check_head_now()
        binding.store(vault.practice_id, opened.pepper)
        vault.binding = binding.Binding(binding.MODE_KEYRING, name)
        vault.keyring_fingerprint = binding.fingerprint(opened.pepper)
        vault.save(files.vault, key)
        trail.record(RECOVERY_ACTOR, Action.RECOVERY, data="opnieuw gekoppeld aan sleutelbos")
    finally:
        db.close()
    return True


def _recovery_db(files: PracticeFiles, vault: Vault, opened) -> tuple[Database, bytes]:
    """practice.db with the current key; a rotation that was cut off is finished first."""
    from desktop_app.services import rotation

    db, key, _finished = rotation.open_finished(vault, PRACTICE, files.practice_db,
                                                dict(opened.practice_candidates))
    return db, key


def _proven_medical_key(files: PracticeFiles, vault: Vault, opened) -> bytes:
    """The recovery key's current medical key: the medical part of the vault checked against it,
    and the key proven by opening medical.db (a rotation that was cut off is finished first)."""
    from desktop_app.services import rotation

    candidates = dict(opened.medical_candidates)
    key = candidates.get(vault.medical.version)
    if key is None:
        raise VaultDamaged(detail="no current medical grant for the recovery key")
    vault.check_medical(key)
    db, key, _finished = rotation.open_finished(vault, MEDICAL, files.medical_db, candidates)
    db.close()
    return key


@unguarded("before login: the recovery key is the check")
def reset_password_with_recovery(
    root: str | Path | None, recovery_key: str, username: str, new_password: str,
    new_medical_passphrase: str | None = None,
) -> None:
    """Give a user a new password (and medical passphrase) with the recovery key.

    Their old private keys are out of reach (wrapped under the forgotten password), so they get
    new key pairs: a change of the directory, which needs the medical key (the recovery key holds
    it). The old signing key stays, retired, for the events it signed.
    """
    files = PracticeFiles.at(root)
    local_disk.require_local(files.root)
    vault = load_vault(files)
    opened = _open_with_recovery(vault, recovery_key)
    name = normalise_username(username)
    db, practice_key = _recovery_db(files, vault, opened)
    try:
        user = users_store.by_username(db, name)
        if user is None or not user.active:
            raise ValidationError("username", "Deze gebruiker bestaat niet (meer).")
        medical_key = _proven_medical_key(files, vault, opened)  # the directory checked with it
        standing = _recovery_standing(vault, db, user)
        medical_user = standing.role in (str(Role.PHYSICIAN), str(Role.ASSISTANT))
        if medical_user:
            if new_medical_passphrase is None:
                raise ValidationError("medical_passphrase", "Medische wachtzin: vul een nieuwe in.")
            policy.check_pair(new_password, new_medical_passphrase, username=name)
        else:
            policy.check(new_password, field="password", username=name)
        trail = _trail(files, vault, db, practice_key)
        trail.check_head_now()
        pepper = opened.pepper if vault.binding.bound else None
        newest = trail.newest()
        vault.retire_signing_key(name, newest[0] if newest else 0)
        awaited = name not in vault.directory
        vault.await_again(name)
        vault.add_user(name, new_password, pepper, standing.role, practice_key=practice_key,
                       supervisor=standing.supervisor, admin=standing.admin,
                       secrecy=standing.secrecy, unconfirmed=awaited)
        if medical_user and new_medical_passphrase is not None:
            vault.set_medical_slot(name, new_medical_passphrase, pepper)
            if standing.medical_eligible:
                vault.grant_medical(name, medical_key)
        vault.save(files.vault, practice_key, medical_key)
        trail.record(RECOVERY_ACTOR, Action.RECOVERY, data=f"wachtwoord opnieuw ingesteld voor {name}")
    finally:
        db.close()


def _recovery_standing(vault: Vault, db: Database, user: User) -> Entry:
    """Role and flags for a reset, on the word of the medical part, never of ``practice.db``.

    A user in the directory keeps their entry's role and flags. A version-1 user still awaited
    (no entry the medical key vouches for; named in ``awaiting`` or, after a rotation dropped
    their old slot, in ``reset_needed``) can only be described by ``practice.db``: that is cut
    down to what the medical part says of them (``Vault.vouched_awaited``), and their entry waits,
    unconfirmed, for a medical unlock. Any other name has no keys in this practice: refused.
    """
    entry = vault.directory.get(user.username)
    if entry is not None:
        return entry
    if user.username not in vault.awaiting and user.username not in vault.reset_needed:
        raise ValidationError(
            "username", "Deze gebruiker staat niet in het sleutelbestand van de praktijk; een "
                        "beheerder kan hem opnieuw toevoegen.")
    claimed = Entry(str(user.role), b"", b"", user.is_supervisor, user.is_admin,
                    user.role is Role.ASSISTANT and users_store.secrecy_on_file(db, user.id))
    return vault.vouched_awaited(user.username, claimed)
