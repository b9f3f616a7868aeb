"""Rows of the users and secrecy_statements tables, as domain Users.

The services that call these check their own permission; nothing here decides who may.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.roles import Role, User, UserId
from desktop_app.storage.column_values import now
from desktop_app.storage.connection import Database

_COLUMNS = "id, username, display_name, role, is_supervisor, is_admin, registration, active"


@dataclass(frozen=True)
class SecrecyStatement:
    signed_on: str  # ISO date, as stored
    recorded_by: str  # display name


def _user(row: tuple) -> User:
    return User(
        id=UserId(row[0]), username=row[1], display_name=row[2], role=Role(row[3]),
        is_supervisor=bool(row[4]), is_admin=bool(row[5]), registration=row[6],
        active=bool(row[7]),
    )


def by_username(db: Database, username: str) -> User | None:
    row = db.one(f"SELECT {_COLUMNS} FROM users WHERE username = ?", (username,))
    return _user(row) if row else None


def by_id(db: Database, user_id: int) -> User | None:
    row = db.one(f"SELECT {_COLUMNS} FROM users WHERE id = ?", (user_id,))
    return _user(row) if row else None


def all_users(db: Database, *, include_removed: bool = False) -> list[User]:
    where = "" if include_removed else "WHERE active = 1"
    return [_user(r) for r in db.query(f"SELECT {_COLUMNS} FROM users {where} ORDER BY username")]


def insert(db: Database, user: User) -> UserId:
    cur = db.execute(
        "INSERT INTO users (username, display_name, role, is_supervisor, is_admin, registration,"
        " active, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
        (user.username, user.display_name, str(user.role), int(user.is_supervisor),
         int(user.is_admin), user.registration, now()),
    )
    return UserId(cur.lastrowid)


def update_role(db: Database, user_id: int, role: Role, supervisor: bool, admin: bool) -> None:
    db.execute(
        "UPDATE users SET role = ?, is_supervisor = ?, is_admin = ? WHERE id = ?",
        (str(role), int(supervisor), int(admin), user_id),
    )


def deactivate(db: Database, user_id: int) -> None:
    db.execute("UPDATE users SET active = 0, removed_at = ? WHERE id = ?", (now(), user_id))


def secrecy_on_file(db: Database, user_id: int, today: date | None = None) -> bool:
    today = today or date.today()
    row = db.one(
        "SELECT 1 FROM secrecy_statements WHERE user_id = ? AND signed_on <= ? "
        "AND (revoked_on IS NULL OR revoked_on > ?) LIMIT 1",
        (user_id, today.isoformat(), today.isoformat()),
    )
    return row is not None


def add_secrecy(db: Database, user_id: int, signed_on: date, recorded_by: int) -> None:
    db.execute(
        "INSERT INTO secrecy_statements (user_id, signed_on, recorded_by, recorded_at) "
        "VALUES (?, ?, ?, ?)",
        (user_id, signed_on.isoformat(), recorded_by, now()),
    )


def revoke_secrecy(db: Database, user_id: int, on: date) -> None:
    db.execute(
        "UPDATE secrecy_statements SET revoked_on = ? WHERE user_id = ? AND revoked_on IS NULL",
        (on.isoformat(), user_id),
    )


def secrecy_statement(db: Database, user_id: int) -> SecrecyStatement | None:
    """The statement in force, if any, with the display name of who recorded it."""
    row = db.one(
        "SELECT s.signed_on, u.display_name FROM secrecy_statements s "
        "JOIN users u ON u.id = s.recorded_by WHERE s.user_id = ? AND s.revoked_on IS NULL "
        "ORDER BY s.id DESC LIMIT 1",
        (user_id,),
    )
    return SecrecyStatement(row[0], row[1]) if row else None
