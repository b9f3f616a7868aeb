"""A logged-in user's session: the open sections, the keys held, and the role checks.

The session is the one object a window holds; every service takes it and asks it for the
section it needs, so a locked section or a missing right fails the same way everywhere.
"""

from __future__ import annotations

import contextlib
from datetime import date

from desktop_app.audit import Action, Actor, AuditTrail, Outcome
from desktop_app.domain.permissions import Permission, Standing, permissions_for
from desktop_app.domain.roles import Role, User
from desktop_app.errors import (
    InvalidPassphrase,
    MedicalLocked,
    PermissionDenied,
    SessionLocked,
    StorageError,
)
from desktop_app.services import users_store
from desktop_app.services.files import PracticeFiles
from desktop_app.storage.connection import Database
from desktop_app.storage.sections import MEDICAL, open_section
from desktop_app.vault.crypto import UnwrapError
from desktop_app.vault.secret import SecretKey
from desktop_app.vault.throttle import Failures
from desktop_app.vault.vaultfile import Vault


class Session:
    def __init__(
        self, files: PracticeFiles, vault: Vault, user: User, practice_db: Database,
        practice_key: SecretKey, pepper: SecretKey | None, failures: Failures,
    ) -> None:
        self.files = files
        self.vault = vault
        self.user = user
        self._practice_db: Database | None = practice_db
        self._practice_key: SecretKey | None = practice_key
        self._pepper = pepper
        self._medical_db: Database | None = None
        self._medical_key: SecretKey | None = None
        self.failed_logins_before = failures
        self.on_behalf_of = ""
        self.audit = AuditTrail(practice_db, practice_key.bytes(), vault.practice_id,
                                files.audit_head)

    # --- identity --------------------------------------------------------------------------

    @property
    def actor(self) -> Actor:
        return Actor(self.user.id, self.user.username, str(self.user.role), self.on_behalf_of)

    def record(self, action: Action | str, **kw) -> None:
        self.audit.record(self.actor, action, **kw)

    @property
    def is_open(self) -> bool:
        return self._practice_db is not None

    @property
    def medical_unlocked(self) -> bool:
        return self._medical_db is not None

    # --- sections ----------------------------------------------------------------------------

    @property
    def db(self) -> Database:
        if self._practice_db is None:
            raise SessionLocked(detail="session closed")
        return self._practice_db

    def medical(self) -> Database:
        """The medical section, for a user allowed to see it and after unlocking."""
        self.require_medical_role()
        if self._medical_db is None:
            raise MedicalLocked(detail="medical locked")
        return self._medical_db

    # --- the permission table ------------------------------------------------------------------

    def standing(self) -> Standing:
        """Role, flags and (for an assistant) whether a secrecy statement is in force today."""
        secrecy = self.user.role is Role.ASSISTANT and self.secrecy_on_file()
        return Standing(self.user.role, self.user.is_supervisor, self.user.is_admin, secrecy)

    def permissions(self) -> frozenset[Permission]:
        return permissions_for(self.standing())

    def holds(self, needed) -> bool:
        if not needed:
            return True
        held = self.permissions()
        return all(p in held for p in needed)

    def may(self, permission: Permission) -> bool:
        """For the client: may this user do what needs ``permission``? (Decides nothing else.)"""
        return permission in self.permissions()

    def record_refusal(self, name: str, permission: Permission, *,
                       employee_id: int | None = None) -> None:
        """One audit event for a call the permission table refused."""
        self.record(Action.ACCESS_DENIED, outcome=Outcome.DENIED, object_type="permission",
                    object_id=str(permission), employee_id=employee_id, data=name)

    def may_open_medical(self) -> bool:
        return self.may(Permission.MEDICAL_READ)

    def secrecy_on_file(self) -> bool:
        return users_store.secrecy_on_file(self.db, self.user.id)

    def require_medical_role(self) -> None:
        if not self.user.has_medical_slot:
            raise PermissionDenied(detail="role has no medical access")
        if self.user.role is Role.ASSISTANT and not self.secrecy_on_file():
            raise PermissionDenied(
                "Er is geen geheimhoudingsverklaring van u vastgelegd. Zonder die verklaring "
                "is het medische deel niet toegankelijk.",
                detail="no secrecy statement",
            )

    def require_physician(self) -> None:
        if not self.user.is_physician:
            raise PermissionDenied(detail="physician only")

    def require_admin(self) -> None:
        if not self.may(Permission.USERS_MANAGE):
            raise PermissionDenied(
                "Alleen een bedrijfsarts met beheerrechten kan gebruikers beheren.",
                detail="admin only",
            )

    def unlock_medical(self, passphrase: str, *, on_behalf_of: str = "") -> None:
        try:
            self.require_medical_role()
        except PermissionDenied:
            self.record(Action.UNLOCK_MEDICAL, outcome=Outcome.DENIED, object_type="medical")
            raise
        if self._medical_db is not None:
            return
        if self.user.role is Role.ASSISTANT:
            self.on_behalf_of = on_behalf_of or self._default_physician()
        try:
            candidates = self.vault.open_medical(self.user.username, passphrase, self._pepper_bytes())
        except UnwrapError:
            self.record(Action.UNLOCK_MEDICAL_FAILED, outcome=Outcome.FAILED, object_type="medical")
            raise InvalidPassphrase(detail="medical slot did not open") from None
        self._open_medical_with(candidates)
        self.record(Action.UNLOCK_MEDICAL, object_type="medical")

    def _open_medical_with(self, candidates: list[tuple[int, bytes]]) -> None:
        """Try the current key, then a pending one left by an interrupted rotation."""
        from desktop_app.services import rotation

        last_error: Exception | None = None
        for version, key in candidates:
            try:
                db = open_section(MEDICAL, self.files.medical_db, key, self.vault.practice_id)
            except Exception as exc:  # the other candidate may fit
                last_error = exc
                continue
            self._medical_db, self._medical_key = db, SecretKey(key)
            if version != self.vault.medical_version:
                rotation.finish_interrupted(self)
            return
        assert last_error is not None
        raise last_error

    def _default_physician(self) -> str:
        physicians = [u for u in users_store.all_users(self.db) if u.is_physician]
        physicians.sort(key=lambda u: (not u.is_supervisor, u.username))
        return physicians[0].username if physicians else ""

    def lock_medical(self, reason: str = "") -> None:
        if self._medical_db is None:
            return
        self._medical_db.close()
        self._medical_db = None
        if self._medical_key is not None:
            self._medical_key.wipe()
        self._medical_key = None
        if self._practice_db is not None:
            with contextlib.suppress(StorageError):
                self.record(Action.LOCK_MEDICAL, object_type="medical", data=reason)

    def close(self, reason: str = "logout") -> None:
        """Lock everything: close both sections and overwrite the keys held in memory."""
        if self._practice_db is None:
            return
        try:
            self.lock_medical(reason)
            self.record(Action.LOGOUT if reason == "logout" else Action.LOCK, data=reason)
        except StorageError:
            pass  # a damaged or full disk must not keep the keys in memory
        self._practice_db.close()
        self._practice_db = None
        self.audit.wipe()
        for key in (self._practice_key, self._pepper):
            if key is not None:
                key.wipe()
        self._practice_key = None
        self._pepper = None

    lock = close

    # --- keys, for the services that manage users and keys --------------------------------

    def _pepper_bytes(self) -> bytes | None:
        return self._pepper.bytes() if self._pepper is not None and len(self._pepper) else None

    def practice_key(self) -> bytes:
        if self._practice_key is None:
            raise SessionLocked(detail="session closed")
        return self._practice_key.bytes()

    def medical_key(self) -> bytes:
        self.medical()
        assert self._medical_key is not None
        return self._medical_key.bytes()

    def pepper(self) -> bytes | None:
        return self._pepper_bytes()

    def replace_medical(self, db: Database, key: bytes) -> None:
        if self._medical_key is not None:
            self._medical_key.wipe()
        self._medical_db, self._medical_key = db, SecretKey(key)

    def save_vault(self) -> None:
        self.vault.save(self.files.vault, self.practice_key())

    def today(self) -> date:
        return date.today()



