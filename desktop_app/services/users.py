"""User management (admin physicians only) and each user's own secrets.

Every change of who may open what changes the vault's directory, which only the medical key
vouches for: the admin's medical section must be unlocked (decision 0005). Removing a user
rotates the practice key, and the medical key when they had a medical slot; a user who loses
medical access (demotion, withdrawn secrecy statement) has the medical key rotated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.audit import Action, Outcome
from desktop_app.domain.permissions import Permission
from desktop_app.domain.roles import Role, User
from desktop_app.errors import InvalidCredentials, InvalidPassphrase, ValidationError
from desktop_app.services import rotation
from desktop_app.services.authz import requires
from desktop_app.services.practice import NewUser, _as_user, normalise_username
from desktop_app.services.session import Session
from desktop_app.storage import users as users_store
from desktop_app.vault import policy
from desktop_app.vault.crypto import UnwrapError
from desktop_app.vault.removed import MEDICAL, REMOVED, RemovedUsers
from desktop_app.vault.throttle import LoginThrottle

MEDICAL_ROLES = (Role.PHYSICIAN, Role.ASSISTANT)


@dataclass(frozen=True)
class UserInfo:
    user: User
    secrecy_signed_on: str | None
    secrecy_recorded_by: str | None


@requires(Permission.PRACTICE_READ)
def list_users(session: Session) -> list[UserInfo]:
    out = []
    for u in users_store.all_users(session.db):
        statement = users_store.secrecy_statement(session.db, u.id)
        out.append(UserInfo(u, statement.signed_on if statement else None,
                            statement.recorded_by if statement else None))
    return out


def _trusted_medical_key(session: Session) -> bytes:
    """The admin's medical key, after checking the vault's directory with it."""
    key = session.medical_key()
    rotation.check_vault(session)
    return key


@requires(Permission.USERS_MANAGE)
def add_user(session: Session, new: NewUser) -> User:
    """Add a user: a change of the directory, so the admin's medical section must be unlocked."""
    if users_store.by_username(session.db, normalise_username(new.username)) is not None:
        raise ValidationError("username", "Gebruikersnaam: deze naam is al in gebruik.")
    u = new.validated()
    medical_key = _trusted_medical_key(session)
    secrecy = u.role is Role.ASSISTANT and u.secrecy_signed_on is not None
    if secrecy:
        _check_signed_on(u.secrecy_signed_on, session.today())  # type: ignore[arg-type]
    pepper = session.pepper()
    vault = session.vault
    with session.db.transaction():
        user_id = users_store.insert(session.db, _as_user(u))
        if secrecy:
            users_store.add_secrecy(session.db, user_id, u.secrecy_signed_on, session.user.id)
        session.record(Action.USER_CHANGE, object_type="user", object_id=user_id,
                       data=f"gebruiker {u.username} toegevoegd als {u.role.label}")
        vault.add_user(u.username, u.password, pepper, str(u.role),
                       practice_key=session.practice_key(), supervisor=u.is_supervisor,
                       admin=u.is_admin, secrecy=secrecy)
        if u.role in MEDICAL_ROLES:
            vault.set_medical_slot(u.username, u.medical_passphrase or "", pepper)
            if vault.directory[u.username].medical_eligible:
                vault.grant_medical(u.username, medical_key)
        session.save_vault()  # inside the transaction: a failed save leaves no user behind
    return users_store.by_id(session.db, user_id)  # type: ignore[return-value]


@requires(Permission.USERS_MANAGE)
def record_secrecy_statement(session: Session, username: str, signed_on: date) -> None:
    """An assistant's statement: the directory says so and the medical key is sealed to them."""
    user = _existing(session, username)
    if user.role is not Role.ASSISTANT:
        raise ValidationError("username", "Een geheimhoudingsverklaring is voor een assistent.")
    _check_signed_on(signed_on, session.today())
    medical_key = _trusted_medical_key(session)
    vault = session.vault
    with session.db.transaction():
        users_store.add_secrecy(session.db, user.id, signed_on, session.user.id)
        session.record(Action.USER_CHANGE, object_type="user", object_id=user.id,
                       data=f"geheimhoudingsverklaring vastgelegd, getekend {signed_on.isoformat()}")
        vault.set_secrecy(user.username, True)
        if user.username in vault.medical_slots:
            vault.grant_medical(user.username, medical_key)  # the same public key as before
        session.save_vault()
    _removed(session).granted_again(user.username)


@requires(Permission.USERS_MANAGE)
def revoke_secrecy_statement(session: Session, username: str, progress=None) -> None:
    """Withdraw an assistant's statement: their medical grant goes and the medical key rotates."""
    user = _existing(session, username)
    _trusted_medical_key(session)
    name = user.username
    had_grant = any(g.recipient == name for g in session.vault.grants + session.vault.pending_grants)
    with session.db.transaction():
        users_store.revoke_secrecy(session.db, user.id, session.today())
        session.record(Action.USER_CHANGE, object_type="user", object_id=user.id,
                       data="geheimhoudingsverklaring ingetrokken")

    def change(vault):
        vault.set_secrecy(name, False)
        vault.revoke_medical_grant(name)

    _removed(session).add(name, MEDICAL, session.today())  # before the rotation, which may be cut off
    if had_grant:
        rotation.rotate(session, f"geheimhoudingsverklaring van {name} ingetrokken",
                        practice=False, medical=True, progress=progress, change=change)
    else:
        change(session.vault)
        session.save_vault()


@requires(Permission.USERS_MANAGE)
def change_role(
    session: Session, username: str, role: Role, *, is_supervisor: bool = False,
    is_admin: bool = False, medical_passphrase: str | None = None, progress=None,
) -> None:
    """Change a role. Losing medical access rotates the medical key; gaining it needs a slot."""
    user = _existing(session, username)
    name = user.username
    if user.id == session.user.id and not (role is Role.PHYSICIAN and is_admin):
        raise ValidationError("role", "U kunt uw eigen beheerrechten niet intrekken.")
    if role is not Role.PHYSICIAN and (is_supervisor or is_admin):
        raise ValidationError("role", "Rol: alleen een bedrijfsarts kan kerndeskundige of beheerder zijn.")
    medical_key = _trusted_medical_key(session)
    vault = session.vault
    entry = vault.directory.get(name)
    if entry is None:  # a version-1 user not yet confirmed: nothing the medical key vouches for
        raise ValidationError("username", "Deze gebruiker moet eerst eenmaal inloggen, waarna een "
                                          "beheerder het medische deel opent; wijzig de rol daarna.")
    has_slot = name in vault.medical_slots
    if role in MEDICAL_ROLES and not has_slot:
        if not medical_passphrase:
            raise ValidationError("medical_passphrase", "Medische wachtzin: vul er een in.")
        policy.check(medical_passphrase, field="medical_passphrase", username=name,
                     label="Medische wachtzin")
    had_grant = any(g.recipient == name for g in vault.grants + vault.pending_grants)
    # The statement is the directory's word, never practice.db's (which a practice-key holder can
    # edit): it stays in force only for an assistant who stays one. Anyone else who becomes an
    # assistant starts without, and record_secrecy_statement (the admin's word) grants it.
    secrecy = role is Role.ASSISTANT and entry.role == str(Role.ASSISTANT) and entry.secrecy
    with session.db.transaction():
        users_store.update_role(session.db, user.id, role, is_supervisor, is_admin)
        session.record(Action.USER_CHANGE, object_type="user", object_id=user.id,
                       data=f"rol van {name}: {user.role_label} → {role.label}")

    pepper = session.pepper()

    def change(v):
        v.set_role(name, str(role), supervisor=is_supervisor, admin=is_admin)
        v.set_secrecy(name, secrecy)
        if role not in MEDICAL_ROLES:
            v.remove_medical(name)
            return
        if name not in v.medical_slots:
            v.set_medical_slot(name, medical_passphrase or "", pepper)
        if not v.directory[name].medical_eligible:
            v.revoke_medical_grant(name)
        elif not any(g.recipient == name for g in v.grants):
            v.grant_medical(name, medical_key)

    if had_grant and role is not Role.PHYSICIAN and not secrecy:  # loses medical access
        _removed(session).add(name, MEDICAL, session.today())  # before the rotation
        rotation.rotate(session, f"rol van {name} gewijzigd", practice=False, medical=True,
                        progress=progress, change=change)
        return
    change(vault)
    session.save_vault()
    if vault.directory[name].medical_eligible:
        _removed(session).granted_again(name)


@requires(Permission.USERS_MANAGE)
def remove_user(session: Session, username: str, progress=None) -> None:
    """Remove a user: the practice key rotates, and the medical key if they had a medical slot.

    Safe to repeat: a removal cut off after the user was deactivated finishes the vault's part.
    """
    name = username.strip().casefold()
    user = users_store.by_username(session.db, name)
    if user is None or (not user.active and name not in session.vault.directory):
        raise ValidationError("username", "Deze gebruiker bestaat niet (meer).")
    if user.id == session.user.id:
        raise ValidationError("username", "U kunt uzelf niet verwijderen.")
    _trusted_medical_key(session)
    had_medical = name in session.vault.medical_slots
    if user.active:
        with session.db.transaction():
            users_store.deactivate(session.db, user.id)
            session.record(Action.USER_CHANGE, object_type="user", object_id=user.id,
                           data=f"gebruiker {name} verwijderd")
    # This workstation remembers, for the restore of an older backup; first, so that a rotation
    # cut off half way (and finished at the next login) is remembered too.
    _removed(session).add(name, REMOVED, session.today())
    newest = session.audit.newest()
    until = newest[0] if newest else 0
    rotation.rotate(session, f"gebruiker {name} verwijderd", practice=True, medical=had_medical,
                    progress=progress, change=lambda vault: vault.remove_user(name, until))


def _removed(session: Session) -> RemovedUsers:
    return RemovedUsers(session.vault.binding, session.vault.practice_id)


@requires(Permission.USERS_MANAGE)
def held_after_restore(session: Session) -> list[str]:
    """Users of the practice this workstation saw removed, back through the restore of an older
    backup; they cannot log in until an admin removes them again or lets them back in."""
    return sorted(_removed(session).held_names(session.vault.directory))


@requires(Permission.USERS_MANAGE)
def admit_after_restore(session: Session, username: str) -> None:
    """Let a user who lost access after the restored backup was made log in again. The admin's
    medical section must be open: the decision is about who may open the medical key. Rotations
    while they were held sealed nothing to them: they get the current keys now."""
    name = username.strip().casefold()
    medical_key = _trusted_medical_key(session)
    vault = session.vault
    entry = vault.entry_of(name)
    if entry is None or name not in held_after_restore(session):
        raise ValidationError("username", "Deze gebruiker wacht niet op een besluit na het terugzetten.")
    vault.grant_practice(name, session.practice_key())
    if entry.medical_eligible and name in vault.medical_slots:
        vault.grant_medical(name, medical_key)
    session.save_vault()
    _removed(session).admit(name)
    user = users_store.by_username(session.db, name)
    session.record(Action.USER_CHANGE, object_type="user", object_id=user.id if user else None,
                   data=f"gebruiker {name} na terugzetten weer toegelaten")


def _changing(name: str) -> str:
    """The throttle key of a user's old password or passphrase typed to change it: the same file
    and delays as the login and the unlock, its own count (a space: never a user name), so that
    guesses here are delayed too without a mistyped change locking the user's own unlock. Each
    wrong one is recorded on the trail at once."""
    return f"{name} (wijzigen)"


@requires(Permission.OWN_ACCOUNT)
def change_password(session: Session, old: str, new: str) -> None:
    """A new password wraps the same private keys: grants and signatures stay valid."""
    name = session.user.username
    policy.usable(old, field="password")
    throttle = LoginThrottle(session.files.attempts)  # the login's throttle: no oracle beside it
    key = _changing(name)
    throttle.check(key)
    try:
        keys = session.vault.open_user(name, old, session.pepper())
    except UnwrapError:
        throttle.failed(key)
        session.record(Action.LOGIN_FAILED, outcome=Outcome.FAILED, object_type="user",
                       object_id=session.user.id, data="huidig wachtwoord onjuist bij wijzigen")
        raise InvalidCredentials("Het huidige wachtwoord is onjuist.", detail="old password wrong") from None
    policy.check(new, field="password", username=name)
    if name in session.vault.medical_slots:
        try:
            session.vault.open_medical(name, new, session.pepper())
        except UnwrapError:
            pass
        else:
            raise ValidationError("password", "Wachtwoord: kies een ander dan de medische wachtzin.")
    session.vault.set_password(keys, new, session.pepper())
    session.save_vault()
    throttle.succeeded(key)
    session.record(Action.USER_CHANGE, object_type="user", object_id=session.user.id,
                   data="eigen wachtwoord gewijzigd")


@requires(Permission.OWN_ACCOUNT)
def change_medical_passphrase(session: Session, old: str, new: str) -> None:
    name = session.user.username
    if name not in session.vault.medical_slots:
        raise ValidationError("medical_passphrase", "U hebt geen medische wachtzin.")
    policy.check(new, field="medical_passphrase", username=name, label="Medische wachtzin")
    if session.vault.check_login_password(name, new, session.pepper()):
        raise ValidationError("medical_passphrase",
                              "Medische wachtzin: kies een andere dan het wachtwoord.")
    policy.usable(old, field="medical_passphrase", label="Medische wachtzin")
    throttle = LoginThrottle(session.files.medical_attempts)  # the unlock's throttle
    key = _changing(name)
    throttle.check(key)
    try:
        session.vault.rewrap_medical(name, old, new, session.pepper())
    except UnwrapError:
        throttle.failed(key)
        session.record(Action.UNLOCK_MEDICAL_FAILED, outcome=Outcome.FAILED, object_type="medical",
                       data="huidige medische wachtzin onjuist bij wijzigen")
        raise InvalidPassphrase("De huidige medische wachtzin is onjuist.") from None
    session.save_vault()
    throttle.succeeded(key)
    session.record(Action.USER_CHANGE, object_type="user", object_id=session.user.id,
                   data="eigen medische wachtzin gewijzigd")


def _existing(session: Session, username: str) -> User:
    user = users_store.by_username(session.db, username.strip().casefold())
    if user is None or not user.active:
        raise ValidationError("username", "Deze gebruiker bestaat niet (meer).")
    return user


def _check_signed_on(signed_on: date, today: date) -> None:
    if signed_on > today:
        raise ValidationError("secrecy_signed_on",
                              "Datum van ondertekening: mag niet in de toekomst liggen.")
