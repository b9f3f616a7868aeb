"""A logged-in user's session: the open sections, the keys held, and the role checks.

The session is the one object a window holds; every service takes it and asks it for the
section it needs, so a locked section or a missing right fails the same way everywhere.
Role and flags come from the vault's directory (which only the medical key vouches for), not
from the ``users`` table (decision 0005).
"""

from __future__ import annotations

import contextlib
from datetime import date

from desktop_app.audit import Action, Actor, AuditTrail, Outcome
from desktop_app.changes import Change, change_of
from desktop_app.domain.permissions import Permission, Standing, permissions_for
from desktop_app.domain.roles import Role, User
from desktop_app.errors import (
    ArbokluisError,
    InvalidPassphrase,
    MedicalLocked,
    NoMedicalGrant,
    PermissionDenied,
    SessionLocked,
    StorageError,
    VaultTampered,
)
from desktop_app.services.authz import unguarded
from desktop_app.services.files import PracticeFiles
from desktop_app.storage import section_state
from desktop_app.storage import users as users_store
from desktop_app.storage.connection import Database
from desktop_app.storage.sections import (
    MEDICAL,
    PRACTICE,
    VAULT_MAC_MARKER,
    StructureCheck,
    has_marker,
    open_section,
    set_marker,
)
from desktop_app.vault import crypto, legacy, policy
from desktop_app.vault.anchor import KeyringAnchor
from desktop_app.vault.crypto import UnwrapError
from desktop_app.vault.secret import SecretKey
from desktop_app.vault.throttle import Failures, LoginThrottle
from desktop_app.vault.vaultfile import NoGrant, Vault

NO_FAILURES = Failures(0, ())

WAY_BACK = ("Het medische deel is niet geopend en er is niets gewijzigd. Zet de nieuwste kopie van "
            "{files} terug (uit de gegevensmap of de nieuwste back-up) en laat een beheerder "
            "arbokluis-cli verify uitvoeren.")


class MedicalRolledBack(ArbokluisError):
    """``vault.json`` or ``medical.db`` is older than the signed audit trail says it was: put back
    from an older copy (decision 0005, *Rollback of the medical section*)."""

    def __init__(self, problem: str, files: str, *, detail: str) -> None:
        self.problem = problem
        super().__init__(f"{problem}. " + WAY_BACK.format(files=files), detail=detail)


@unguarded("compares two open sections the caller already holds; opens nothing")
def check_medical_state(practice_db: Database, medical_db: Database, version: int) -> None:
    """The opened medical section against what the trail recorded of it: MedicalRolledBack when
    the medical key version (``version``: the newest the vault names) or medical.db's generation
    is below the trail's."""
    seen = section_state.recorded(practice_db)
    if version < seen.version:
        raise MedicalRolledBack(
            f"Het sleutelbestand (vault.json) is teruggezet naar een oudere kopie: het logboek "
            f"vermeldt medische sleutel versie {seen.version}, vault.json versie {version}",
            "vault.json en medical.db", detail=f"medical key version {version} < {seen.version}")
    current = section_state.generation(medical_db)
    if current < seen.generation:
        raise MedicalRolledBack(
            f"Het medische deel (medical.db) is teruggezet naar een oudere kopie: het logboek "
            f"vermeldt stand {seen.generation}, medical.db stand {current}",
            "medical.db", detail=f"medical generation {current} < {seen.generation}")


def _wipe_key(key: SecretKey | None) -> None:
    if key is not None:
        key.wipe()


@unguarded("opens medical.db with a key the caller's own passphrase or recovery key opened")
def open_medical_db(files: PracticeFiles, vault: Vault,
                    candidates: dict[int, bytes]) -> tuple[Database, int, bytes]:
    """``medical.db`` opened with the current medical key, or with a pending one that the current
    key vouches for (a rotation cut off after its rekey): (db, version, key).

    The medical part of the vault is checked with the *current-version* key first, whichever key
    then opens the file: VaultTampered when it does not fit, and nothing is opened.
    """
    usable = vault.usable_keys(MEDICAL, candidates)
    if vault.medical_mac is not None:
        vault.check_medical(usable[0][1])
    last_error: Exception | None = None
    for version, key in usable:
        try:
            db = open_section(MEDICAL, files.medical_db, key, vault.practice_id)
        except Exception as exc:  # the other key may fit
            last_error = exc
            continue
        return db, version, key
    if last_error is None:  # no usable key at all
        raise NoMedicalGrant(detail="no usable medical key")
    raise last_error


class Session:
    def __init__(
        self, files: PracticeFiles, vault: Vault, user: User, practice_db: Database,
        practice_key: SecretKey, pepper: SecretKey | None, failures: Failures, *,
        signer: crypto.Signer | None = None, practice_version: int | None = None,
    ) -> None:
        self.files = files
        self.vault = vault
        self.user = user
        self._practice_db: Database | None = practice_db
        self._practice_key: SecretKey | None = practice_key
        self._pepper = pepper
        self._medical_db: Database | None = None
        self._medical_key: SecretKey | None = None
        self._medical_closing = False  # the lock was asked for and waits on the database thread
        self.practice_version = practice_version or vault.practice.version
        self.medical_version: int | None = None
        self.failed_logins_before = failures
        self.failed_unlocks_before = NO_FAILURES
        self.on_behalf_of = ""
        self.checks: dict[str, StructureCheck] = {}
        self._changes: dict[Change, None] = {}  # committed, not yet taken by the client (in order)
        self.audit = AuditTrail(practice_db, practice_key.bytes(), vault.practice_id,
                                files.audit_head, signer=signer, signers=vault.signing_keys,
                                anchor=KeyringAnchor(vault.binding, vault.practice_id),
                                acknowledgers=vault.proven_admins)

    # --- identity --------------------------------------------------------------------------

    @property
    def actor(self) -> Actor:
        return Actor(self.user.id, self.user.username, str(self.user.role), self.on_behalf_of)

    def record(self, action: Action | str, **kw) -> None:
        self.audit.record(self.actor, action, **kw)
        change = change_of(action, kw.get("outcome", Outcome.OK), kw.get("object_type", ""),
                           kw.get("object_id", ""), kw.get("employee_id"))
        if change is not None:  # kept once its transaction has committed (desktop_app.changes)
            self.db.after_commit(lambda: self._changes.setdefault(change, None))

    def take_changes(self) -> tuple[Change, ...]:
        """What this session changed since the last call (for the client's windows), oldest first."""
        taken, self._changes = tuple(self._changes), {}
        return taken

    @property
    def is_open(self) -> bool:
        return self._practice_db is not None

    @property
    def medical_unlocked(self) -> bool:
        return self._medical_db is not None and not self._medical_closing

    @property
    def medical_held(self) -> bool:
        """The medical section's connection is open on the database thread, if perhaps about to
        close: what a job asked for before a lock (a backup) may still use."""
        return self._medical_db is not None

    def begin_lock_medical(self) -> None:
        """The medical section counts as locked from now on (``medical_unlocked`` is False).

        Called by the client on its own thread the moment it locks (the medical idle lock, a full lock):
        ``lock_medical`` itself is queued on the database thread and may wait behind a backup.
        Until it runs, no window shows the section and no draft is restored. The jobs queued
        before the lock, which were asked for while it was open, still finish with it (a
        rotation or backup is never cut in half); the client drops or hides their answers.
        """
        if self._medical_db is not None:
            self._medical_closing = True

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

    def start_structure_check(self, section: str) -> None:
        """Check the section's structure in the background (see ``storage.sections``)."""
        key = self._practice_key if section == PRACTICE else self._medical_key
        path = self.files.practice_db if section == PRACTICE else self.files.medical_db
        if key is None:
            return
        previous = self.checks.pop(section, None)
        if previous is not None:
            previous.cancel()
        self.checks[section] = StructureCheck(path, key.bytes())

    def structure_problem(self, timeout: float | None = 0) -> ArbokluisError | None:
        """The damage a structure check found (naming the file), or None (also: not done yet)."""
        for check in self.checks.values():
            if timeout != 0:
                check.wait(timeout)
            error = check.error()
            if error is not None:
                return error
        return None

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
        """A statement in force in ``practice.db`` *and* recorded in the vault's directory."""
        entry = self.vault.entry_of(self.user.username)
        if entry is None or not entry.secrecy:
            return False
        return users_store.secrecy_on_file(self.db, self.user.id)

    def _refuse(self, name: str, permission: Permission, message: str | None = None) -> None:
        """Refuse on the table's terms. Not recorded here: the decorators of the services record
        every refusal (``authz``), and these checks run behind them."""
        from desktop_app.domain.permissions import refusal_message

        raise PermissionDenied(message or refusal_message(permission),
                               detail=f"{name}: needs {permission}")

    def require_medical_role(self) -> None:
        if self.may(Permission.MEDICAL_READ):
            return
        message = None
        if self.user.role is Role.ASSISTANT:
            message = ("Er is geen geheimhoudingsverklaring van u vastgelegd. Zonder die verklaring "
                       "is het medische deel niet toegankelijk.")
        self._refuse("session.medical", Permission.MEDICAL_READ, message)

    def require_physician(self) -> None:
        if not self.may(Permission.MEDICAL_CLINICAL):
            self._refuse("session.require_physician", Permission.MEDICAL_CLINICAL)

    def require_admin(self) -> None:
        if not self.may(Permission.USERS_MANAGE):
            self._refuse("session.require_admin", Permission.USERS_MANAGE,
                         "Alleen een bedrijfsarts met beheerrechten kan gebruikers beheren.")

    # --- the medical section ------------------------------------------------------------------

    def unlock_medical(self, passphrase: str, *, on_behalf_of: str = "") -> None:
        """Open the medical section with the passphrase (throttled like the password).

        The key a grant yields is proven by opening ``medical.db``; then the medical part of the
        vault is checked against it before anything in it is trusted (decision 0005).
        """
        try:
            self.require_medical_role()
        except PermissionDenied:
            self.record(Action.UNLOCK_MEDICAL, outcome=Outcome.DENIED, object_type="medical")
            raise
        if self._medical_db is not None:
            return
        name = self.user.username
        policy.usable(passphrase, field="medical_passphrase", label="Medische wachtzin")
        throttle = LoginThrottle(self.files.medical_attempts)
        throttle.check(name)
        if self.user.role is Role.ASSISTANT:
            self.on_behalf_of = on_behalf_of or self._default_physician()
        try:
            candidates = self.vault.open_medical(name, passphrase, self._pepper_bytes())
        except NoGrant:
            self.record(Action.UNLOCK_MEDICAL, outcome=Outcome.DENIED, object_type="medical",
                        data="geen toegang tot de medische sleutel vastgelegd")
            raise NoMedicalGrant(detail="no medical grant") from None
        except UnwrapError:
            throttle.failed(name)
            self.record(Action.UNLOCK_MEDICAL_FAILED, outcome=Outcome.FAILED, object_type="medical")
            raise InvalidPassphrase(detail="medical slot did not open") from None
        try:
            db, version, key = open_medical_db(self.files, self.vault, dict(candidates))
            try:
                self._check_medical_part(db, version, key)
                check_medical_state(self.db, db, max(version, self.vault.medical.version))
            except BaseException:
                db.close()
                raise
        except VaultTampered:
            with contextlib.suppress(ArbokluisError):
                self.record(Action.VAULT_TAMPERED, outcome=Outcome.FAILED, object_type="vault",
                            data="medisch deel van het sleutelbestand klopt niet")
            raise
        except MedicalRolledBack as exc:
            with contextlib.suppress(ArbokluisError):
                self.record(Action.UNLOCK_MEDICAL_FAILED, outcome=Outcome.FAILED,
                            object_type="medical", data=exc.problem)
            raise
        self._medical_db, self._medical_key, self.medical_version = db, SecretKey(key), version
        self.failed_unlocks_before = throttle.succeeded(name)
        n = self.failed_unlocks_before.count
        self.record(Action.UNLOCK_MEDICAL, object_type="medical", object_id=self._next_state(),
                    data=f"na {n} mislukte poging(en)" if n else "")
        from desktop_app.services import rotation

        if rotation.complete_medical(self, dict(candidates)):
            self.record_medical_state()
        self.start_structure_check(MEDICAL)

    def _next_state(self) -> str:
        """Advance medical.db's generation: the state (medical key version, generation) that the
        event about to be signed names, so that a later unlock or verify refuses an older
        medical.db or vault.json. A file that takes no write (read-only) names none."""
        if self._medical_db is None or self.medical_version is None:
            return ""
        try:
            gen = section_state.advance(self._medical_db)
        except StorageError:
            return ""
        return section_state.state_id(self.medical_version, gen)

    def record_medical_state(self) -> None:
        """The medical state on the trail on its own (after a rotation of the medical key)."""
        self.record(Action.MEDICAL_STATE, object_type="medical", object_id=self._next_state())

    def _check_medical_part(self, db: Database, version: int, key: bytes) -> None:
        vault = self.vault
        if vault.medical_mac is None:
            # A vault converted from version 1: authenticate it now, once (trust on first use),
            # unless medical.db says it carried a MAC before (then the MAC was stripped).
            if has_marker(db, VAULT_MAC_MARKER) or version != vault.medical.version:
                raise VaultTampered(detail="medical MAC missing")
            legacy.authenticate(vault, key)
            vault.save(self.files.vault, self.practice_key(), key)
            set_marker(db, VAULT_MAC_MARKER)
            self.record(Action.VAULT_AUTHENTICATED, object_type="vault",
                        data="medisch deel van het sleutelbestand voor het eerst vastgelegd; "
                             "gebruikers: " + ", ".join(sorted(vault.directory)))
            return
        if not has_marker(db, VAULT_MAC_MARKER):
            set_marker(db, VAULT_MAC_MARKER)
        confirmed = vault.confirm_awaited() if version == vault.medical.version else []
        if confirmed:
            vault.save(self.files.vault, self.practice_key(), key)
            self.record(Action.VAULT_AUTHENTICATED, object_type="vault",
                        data="na de omzetting bevestigd: " + ", ".join(confirmed))

    def _default_physician(self) -> str:
        physicians = [u for u in users_store.all_users(self.db) if u.is_physician]
        physicians.sort(key=lambda u: (not u.is_supervisor, u.username))
        return physicians[0].username if physicians else ""

    def lock_medical(self, reason: str = "") -> None:
        """Close the medical section and overwrite its key, whatever fails on the way."""
        if self._medical_db is None:
            return
        state = self._next_state() if self._practice_db is not None else ""
        db, key = self._medical_db, self._medical_key
        with contextlib.ExitStack() as stack:  # every step runs, the key's wipe last
            stack.callback(_wipe_key, key)
            stack.callback(db.close)
            stack.callback(self._stop_check, MEDICAL)
            self._medical_db = self._medical_key = None
            self._medical_closing = False
        if self._practice_db is not None:
            with contextlib.suppress(ArbokluisError):
                self.record(Action.LOCK_MEDICAL, object_type="medical", object_id=state,
                            data=reason)

    def close(self, reason: str = "logout", *, record: bool = True) -> None:
        """Lock everything: close both sections and overwrite the keys held in memory.

        The keys are wiped whatever fails on the way (a damaged disk, a broken trail, a bug):
        the wiping runs in ``finally``, and each of its steps runs even when one before it fails.
        An expected failure (ArbokluisError) of the logout's own event is swallowed; anything
        else is raised once the keys are gone, to reach the crash hook.
        """
        if self._practice_db is None:
            return
        try:
            if record:
                self.lock_medical(reason)
                self.record(Action.LOGOUT if reason == "logout" else Action.LOCK, data=reason)
                self.audit.anchor_now()
        except ArbokluisError:
            pass  # nothing may keep the keys in memory
        finally:
            self._wipe()

    def abandon(self) -> None:
        """Close without recording anything (a login that failed half-way)."""
        self.close(record=False)

    def _wipe(self) -> None:
        keys = (self._practice_key, self._medical_key, self._pepper)
        dbs = (self._medical_db, self._practice_db)
        self._medical_db = self._practice_db = None
        self._practice_key = self._medical_key = self._pepper = None
        self._medical_closing = False
        with contextlib.ExitStack() as stack:  # callbacks run last-in first-out, each one always
            for key in keys:
                stack.callback(_wipe_key, key)
            stack.callback(self.audit.wipe)
            for db in dbs:
                if db is not None:
                    stack.callback(db.close)
            for section in list(self.checks):
                stack.callback(self._stop_check, section)

    def _stop_check(self, section: str) -> None:
        check = self.checks.pop(section, None)
        if check is not None:
            check.cancel()

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
        if self._medical_key is None:
            raise MedicalLocked(detail="medical locked")
        return self._medical_key.bytes()

    def pepper(self) -> bytes | None:
        return self._pepper_bytes()

    def replace_practice(self, db: Database, key: bytes, version: int) -> None:
        if self._practice_key is not None:
            self._practice_key.wipe()
        self._practice_db, self._practice_key, self.practice_version = db, SecretKey(key), version
        self.audit.db = db

    def replace_medical(self, db: Database, key: bytes, version: int | None = None) -> None:
        if self._medical_key is not None:
            self._medical_key.wipe()
        self._medical_db, self._medical_key = db, SecretKey(key)
        if version is not None:
            self.medical_version = version

    def save_vault(self) -> None:
        """Write the vault; with the medical section open its medical part is re-authenticated.

        Only with the keys of the vault's current versions: a MAC under a pending key would be
        the pending key vouching for itself, which no login or unlock accepts (decision 0005).
        """
        medical_key = self._medical_key.bytes() if self._medical_key is not None else None
        if self.practice_version != self.vault.practice.version or (
                medical_key is not None and self.medical_version != self.vault.medical.version):
            raise ValueError("the vault is authenticated with the keys of its current versions only")
        self.vault.save(self.files.vault, self.practice_key(), medical_key)

    def today(self) -> date:
        return date.today()
