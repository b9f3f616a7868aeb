"""User management (admin physicians only) and each user's own secrets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.audit import Action
from desktop_app.domain.roles import Role, User
from desktop_app.errors import InvalidCredentials, InvalidPassphrase, ValidationError
from desktop_app.services import rotation, users_store
from desktop_app.services.practice import NewUser, _as_user, normalise_username
from desktop_app.services.session import Session
from desktop_app.vault import policy
from desktop_app.vault.crypto import UnwrapError


@dataclass(frozen=True)
class UserInfo:
    user: User
    secrecy_signed_on: str | None
    secrecy_recorded_by: str | None


def list_users(session: Session) -> list[UserInfo]:
    out = []
    for u in users_store.all_users(session.db):
        statement = users_store.secrecy_statement(session.db, u.id)
        out.append(UserInfo(u, *(statement or (None, None))))
    return out


def add_user(session: Session, new: NewUser) -> User:
    """Add a user. A medical user needs the admin's medical section unlocked (to grant the key)."""
    session.require_admin()
    if users_store.by_username(session.db, normalise_username(new.username)) is not None:
        raise ValidationError("username", "Gebruikersnaam: deze naam is al in gebruik.")
    u = new.validated()
    medical_key = session.medical_key() if u.role in (Role.PHYSICIAN, Role.ASSISTANT) else None
    pepper = session.pepper()
    with session.db.transaction():
        user_id = users_store.insert(session.db, _as_user(u))
        if u.role is Role.ASSISTANT and u.secrecy_signed_on is not None:
            _check_signed_on(u.secrecy_signed_on, session.today())
            users_store.add_secrecy(session.db, user_id, u.secrecy_signed_on, session.user.id)
        session.record(Action.USER_CHANGE, object_type="user", object_id=user_id,
                       data=f"gebruiker {u.username} toegevoegd als {u.role.label}")
        session.vault.set_login(u.username, u.password, pepper, session.practice_key())
        if medical_key is not None:
            session.vault.set_medical(u.username, u.medical_passphrase or "", pepper, medical_key)
        session.save_vault()
    return users_store.by_id(session.db, user_id)  # type: ignore[return-value]


def record_secrecy_statement(session: Session, username: str, signed_on: date) -> None:
    session.require_admin()
    user = _existing(session, username)
    if user.role is not Role.ASSISTANT:
        raise ValidationError("username", "Een geheimhoudingsverklaring is voor een assistent.")
    _check_signed_on(signed_on, session.today())
    with session.db.transaction():
        users_store.add_secrecy(session.db, user.id, signed_on, session.user.id)
        session.record(Action.USER_CHANGE, object_type="user", object_id=user.id,
                       data=f"geheimhoudingsverklaring vastgelegd, getekend {signed_on.isoformat()}")


def revoke_secrecy_statement(session: Session, username: str) -> None:
    session.require_admin()
    user = _existing(session, username)
    with session.db.transaction():
        users_store.revoke_secrecy(session.db, user.id, session.today())
        session.record(Action.USER_CHANGE, object_type="user", object_id=user.id,
                       data="geheimhoudingsverklaring ingetrokken")


def change_role(
    session: Session, username: str, role: Role, *, is_supervisor: bool = False,
    is_admin: bool = False, medical_passphrase: str | None = None, progress=None,
) -> None:
    """Change a role. Leaving the medical roles rotates the medical key; joining needs a slot."""
    session.require_admin()
    user = _existing(session, username)
    if user.id == session.user.id and not (role is Role.PHYSICIAN and is_admin):
        raise ValidationError("role", "U kunt uw eigen beheerrechten niet intrekken.")
    if role is not Role.PHYSICIAN and (is_supervisor or is_admin):
        raise ValidationError("role", "Rol: alleen een bedrijfsarts kan kerndeskundige of beheerder zijn.")
    was_medical = user.role in (Role.PHYSICIAN, Role.ASSISTANT)
    becomes_medical = role in (Role.PHYSICIAN, Role.ASSISTANT)
    if becomes_medical and not was_medical:
        if not medical_passphrase:
            raise ValidationError("medical_passphrase", "Medische wachtzin: vul er een in.")
        policy.check(medical_passphrase, field="medical_passphrase", username=user.username,
                     label="Medische wachtzin")
        session.vault.set_medical(user.username, medical_passphrase, session.pepper(),
                                  session.medical_key())
    if was_medical and not becomes_medical:
        session.medical()  # the rotation needs the admin's medical section open
    with session.db.transaction():
        users_store.update_role(session.db, user.id, role, is_supervisor, is_admin)
        session.record(Action.USER_CHANGE, object_type="user", object_id=user.id,
                       data=f"rol van {user.username}: {user.role_label} → {role.label}")
    if was_medical and not becomes_medical:
        session.vault.remove_medical(user.username)
        rotation.rotate_medical_key(session, f"rol van {user.username} gewijzigd", progress)
    else:
        session.save_vault()


def remove_user(session: Session, username: str, progress=None) -> None:
    """Remove a user; a medical user's removal rotates the medical key."""
    session.require_admin()
    user = _existing(session, username)
    if user.id == session.user.id:
        raise ValidationError("username", "U kunt uzelf niet verwijderen.")
    medical = user.username in session.vault.medical_slots
    if medical:
        session.medical()
    with session.db.transaction():
        users_store.deactivate(session.db, user.id)
        session.record(Action.USER_CHANGE, object_type="user", object_id=user.id,
                       data=f"gebruiker {user.username} verwijderd")
    session.vault.remove_user(user.username)
    if medical:
        rotation.rotate_medical_key(session, f"gebruiker {user.username} verwijderd", progress)
    else:
        session.save_vault()


def change_password(session: Session, old: str, new: str) -> None:
    name = session.user.username
    if not session.vault.check_login_password(name, old, session.pepper()):
        raise InvalidCredentials("Het huidige wachtwoord is onjuist.", detail="old password wrong")
    policy.check(new, field="password", username=name)
    if name in session.vault.medical_slots:
        try:
            session.vault.open_medical(name, new, session.pepper())
        except UnwrapError:
            pass
        else:
            raise ValidationError("password", "Wachtwoord: kies een ander dan de medische wachtzin.")
    session.vault.set_login(name, new, session.pepper(), session.practice_key())
    session.save_vault()
    session.record(Action.USER_CHANGE, object_type="user", object_id=session.user.id,
                   data="eigen wachtwoord gewijzigd")


def change_medical_passphrase(session: Session, old: str, new: str) -> None:
    name = session.user.username
    session.require_medical_role()
    policy.check(new, field="medical_passphrase", username=name, label="Medische wachtzin")
    if session.vault.check_login_password(name, new, session.pepper()):
        raise ValidationError("medical_passphrase",
                              "Medische wachtzin: kies een andere dan het wachtwoord.")
    try:
        session.vault.rewrap_medical(name, old, new, session.pepper())
    except UnwrapError:
        raise InvalidPassphrase("De huidige medische wachtzin is onjuist.") from None
    session.save_vault()
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
