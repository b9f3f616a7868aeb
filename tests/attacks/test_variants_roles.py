"""Variants of test_insider_roles: other ways to have the medical key sealed on practice.db's word.

- an assistant without a statement whose flags the admin changes (assistant → assistant);
- a recovery reset of a case manager who made themselves a physician in practice.db;
- a recovery reset of a version-1 user still awaiting conversion, planted as an assistant with a
  statement: their role can only come from practice.db, but a medical grant only from the medical
  part of the vault.
"""

from __future__ import annotations

import contextlib
import shutil

import pytest

from desktop_app.domain.roles import Role
from desktop_app.errors import ArbokluisError
from desktop_app.services import users
from desktop_app.services.practice import login, reset_password_with_recovery
from desktop_app.vault.vaultfile import Vault
from tests.helpers.insider import Insider
from tests.helpers.practices import ARTS, CASEMANAGER, login_as

OWN = "Eigen-medische-wachtzin-77!"
NEW_PASSWORD = "Nieuw-wachtwoord-cm-2026!"


def _medical_opens(folder, username, password, passphrase) -> bool:
    session = login(folder, username, password)
    try:
        with contextlib.suppress(ArbokluisError):
            session.unlock_medical(passphrase)
        return session.medical_unlocked
    finally:
        session.close()


def _plant_statement(conn, username: str) -> None:
    user_id, = conn.execute("SELECT id FROM users WHERE username = ?", (username,)).fetchone()
    arts_id, = conn.execute("SELECT id FROM users WHERE username = 'arts'").fetchone()
    conn.execute("INSERT INTO secrecy_statements (user_id, signed_on, recorded_by, recorded_at) "
                 "VALUES (?, '2020-01-01', ?, '2020-01-01T00:00:00+00:00')", (user_id, arts_id))


def test_an_assistant_whose_flags_change_keeps_the_directorys_statement_flag(bare_practice):
    folder = bare_practice
    admin = login_as(folder, ARTS, unlock=True)
    users.change_role(admin, "casemanager", Role.ASSISTANT, medical_passphrase=OWN)
    admin.close()
    cm = Insider(folder, CASEMANAGER)  # now an assistant without a statement
    with cm.db() as conn:
        _plant_statement(conn, "casemanager")
    admin = login_as(folder, ARTS, unlock=True)
    users.change_role(admin, "casemanager", Role.ASSISTANT)  # e.g. a change of flags, same role
    admin.close()
    assert not Vault.load(folder / "vault.json").directory["casemanager"].secrecy
    assert not _medical_opens(folder, CASEMANAGER.username, CASEMANAGER.password, OWN)


def test_a_recovery_reset_takes_the_role_from_the_directory_not_from_practice_db(bare_practice,
                                                                                 bare_template):
    folder = bare_practice
    cm = Insider(folder, CASEMANAGER)
    with cm.db() as conn:
        conn.execute("UPDATE users SET role = 'physician', is_admin = 1 WHERE username = 'casemanager'")
    reset_password_with_recovery(folder, bare_template.recovery_key, "casemanager", NEW_PASSWORD, OWN)
    vault = Vault.load(folder / "vault.json")
    assert (vault.directory["casemanager"].role, vault.directory["casemanager"].admin) == (
        "casemanager", False)
    assert "casemanager" not in vault.medical_slots
    assert not _medical_opens(folder, CASEMANAGER.username, NEW_PASSWORD, OWN)


@pytest.fixture
def old_practice(tmp_path, no_keyring, legacy_template):
    folder = tmp_path / "praktijk"
    shutil.copytree(legacy_template.folder, folder)
    return folder


def test_a_recovery_reset_of_an_awaited_user_seals_no_medical_key_on_practice_dbs_word(old_practice,
                                                                                        legacy_template):
    folder = old_practice
    admin = login_as(folder, ARTS, unlock=True)  # converts arts; the others are awaited
    db = admin.db
    with db.transaction():
        db.execute("UPDATE users SET role = 'assistant' WHERE username = 'casemanager'")
        user_id = db.scalar("SELECT id FROM users WHERE username = 'casemanager'")
        db.execute("INSERT INTO secrecy_statements (user_id, signed_on, recorded_by, recorded_at) "
                   "VALUES (?, '2020-01-01', ?, '2020-01-01T00:00:00+00:00')",
                   (user_id, admin.user.id))
    admin.close()
    assert "casemanager" in Vault.load(folder / "vault.json").awaiting
    recovery_key = legacy_template.recovery_key
    reset_password_with_recovery(folder, recovery_key, "casemanager", NEW_PASSWORD, OWN)
    vault = Vault.load(folder / "vault.json")
    assert "casemanager" not in vault.directory  # waits, unconfirmed, for a medical unlock
    assert not any(g.recipient == "casemanager" for g in vault.medical.grants)
    assert not _medical_opens(folder, CASEMANAGER.username, NEW_PASSWORD, OWN)
