"""Creating a practice, logging in, and the ways back with the recovery key."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from desktop_app.audit import Action, Actor, AuditTrail, Outcome
from desktop_app.domain.roles import Role, User, UserId
from desktop_app.errors import (
    InvalidCredentials,
    InvalidRecoveryKey,
    KeyringProblem,
    NoPractice,
    PracticeExists,
    ValidationError,
    VaultDamaged,
)
from desktop_app.paths import ensure_private_dir
from desktop_app.services import users_store
from desktop_app.services.files import PracticeFiles
from desktop_app.services.session import Session
from desktop_app.storage.sections import MEDICAL, PRACTICE, open_section
from desktop_app.vault import binding, crypto, policy, recovery
from desktop_app.vault.crypto import UnwrapError
from desktop_app.vault.secret import SecretKey
from desktop_app.vault.throttle import LoginThrottle
from desktop_app.vault.vaultfile import Vault

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


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


def create_practice(
    root: str | Path | None, *, practice_name: str, first_user: NewUser,
    settings: dict[str, str] | None = None,
) -> CreatedPractice:
    """A new practice: both sections, the vault, and its first (admin) physician."""
    files = PracticeFiles.at(root)
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

    pdb = open_section(PRACTICE, files.practice_db, practice_key, practice_id, create=True)
    try:
        mdb = open_section(MEDICAL, files.medical_db, medical_key, practice_id, create=True)
        mdb.close()
        with pdb.transaction():
            user_id = users_store.insert(pdb, _as_user(user))
            values = {"practice_name": practice_name.strip(), **(settings or {})}
            pdb.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", values.items())
            trail = AuditTrail(pdb, practice_key, practice_id, files.audit_head)
            actor = Actor(user_id, user.username, str(user.role))
            trail.record(actor, Action.PRACTICE_CREATED, object_type="practice",
                         data="gekoppeld aan sleutelbos" if bind.bound else "zonder sleutelbos")
            trail.record(actor, Action.USER_CHANGE, object_type="user", object_id=user_id,
                         data="gebruiker aangemaakt")
        vault.set_login(user.username, user.password, pepper, practice_key)
        vault.set_medical(user.username, user.medical_passphrase or "", pepper, medical_key)
        vault.save(files.vault, practice_key)  # written last: the practice exists from here on
    finally:
        pdb.close()
    return CreatedPractice(
        practice_id, recovery_key, bind.bound,
        "" if bind.bound else binding.UNBOUND_NOTICE, [user.username],
    )


def _as_user(u: NewUser, user_id: int = 0) -> User:
    return User(UserId(user_id), u.username, u.display_name, u.role, u.is_supervisor, u.is_admin,
                u.registration)


def load_vault(files: PracticeFiles) -> Vault:
    if not files.exists():
        if files.practice_db.exists() or files.medical_db.exists():
            raise VaultDamaged(detail="vault.json missing beside the databases")
        raise NoPractice(detail=str(files.root))
    return Vault.load(files.vault)


def login(root: str | Path | None, username: str, password: str) -> Session:
    """Open the practice section for ``username``; the medical section stays locked."""
    files = PracticeFiles.at(root)
    vault = load_vault(files)
    name = username.strip().casefold()
    throttle = LoginThrottle(files.attempts)
    throttle.check(name)
    pepper = binding.secret_for(vault.binding, vault.practice_id)
    try:
        practice_key = vault.open_login(name, password, pepper)
    except UnwrapError:
        throttle.failed(name)
        raise InvalidCredentials(detail="login slot did not open") from None
    vault.verify(practice_key)
    db = open_section(PRACTICE, files.practice_db, practice_key, vault.practice_id)
    try:
        user = users_store.by_username(db, name)
        if user is None or not user.active:
            raise InvalidCredentials(detail="user not active")
        failures = throttle.succeeded(name)
        session = Session(files, vault, user, db, SecretKey(practice_key),
                          SecretKey(pepper) if pepper else None, failures)
        with db.transaction():
            for t in failures.times:
                session.audit.record(session.actor, Action.LOGIN_FAILED, outcome=Outcome.FAILED,
                                     at=datetime.fromtimestamp(t, UTC))
            session.record(Action.LOGIN)
    except BaseException:
        db.close()
        raise
    return session


# --- the recovery key -------------------------------------------------------------------------


def _open_with_recovery(vault: Vault, recovery_key: str):
    try:
        opened = vault.open_recovery(recovery_key)
    except UnwrapError:
        raise InvalidRecoveryKey(detail="recovery slot did not open") from None
    vault.verify(opened.practice_key)
    return opened


def rebind_with_recovery(root: str | Path | None, recovery_key: str) -> bool:
    """Put the practice's installation secret into this workstation's keyring again.

    Returns True when bound afterwards. A practice created without a keyring stays unbound.
    """
    files = PracticeFiles.at(root)
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
    binding.store(vault.practice_id, opened.pepper)
    vault.binding = binding.Binding(binding.MODE_KEYRING, name)
    vault.save(files.vault, opened.practice_key)
    _record_recovery(files, vault, opened.practice_key, "opnieuw gekoppeld aan sleutelbos")
    return True


def reset_password_with_recovery(
    root: str | Path | None, recovery_key: str, username: str, new_password: str,
    new_medical_passphrase: str | None = None,
) -> None:
    """Give a user a new password (and medical passphrase) with the recovery key."""
    files = PracticeFiles.at(root)
    vault = load_vault(files)
    opened = _open_with_recovery(vault, recovery_key)
    name = normalise_username(username)
    db = open_section(PRACTICE, files.practice_db, opened.practice_key, vault.practice_id)
    try:
        user = users_store.by_username(db, name)
    finally:
        db.close()
    if user is None or not user.active:
        raise ValidationError("username", "Deze gebruiker bestaat niet (meer).")
    if user.has_medical_slot:
        if new_medical_passphrase is None:
            raise ValidationError("medical_passphrase", "Medische wachtzin: vul een nieuwe in.")
        policy.check_pair(new_password, new_medical_passphrase, username=name)
    else:
        policy.check(new_password, field="password", username=name)
    pepper = opened.pepper if vault.binding.bound else None
    vault.set_login(name, new_password, pepper, opened.practice_key)
    if user.has_medical_slot and new_medical_passphrase is not None:
        version, medical_key = opened.medical_candidates[0]
        if version == vault.medical_version:
            vault.set_medical(name, new_medical_passphrase, pepper, medical_key)
    vault.save(files.vault, opened.practice_key)
    _record_recovery(files, vault, opened.practice_key, f"wachtwoord opnieuw ingesteld voor {name}")


def _record_recovery(files: PracticeFiles, vault: Vault, practice_key: bytes, what: str) -> None:
    db = open_section(PRACTICE, files.practice_db, practice_key, vault.practice_id)
    try:
        trail = AuditTrail(db, practice_key, vault.practice_id, files.audit_head)
        trail.record(Actor(None, "herstelsleutel", "recovery"), Action.RECOVERY, data=what)
    finally:
        db.close()
