"""Medical access granted on the word of ``practice.db``, which every practice-key holder can edit.

Decision 0005: the directory in ``vault.json`` (under the medical MAC) is the only authority over
who is a physician or an assistant with a statement in force; the ``users`` and
``secrecy_statements`` tables are practice data, which a case manager can script against. Two
paths still copy those tables into the directory and seal the medical key on their word:

- ``users.change_role`` takes the new assistant's secrecy flag from ``secrecy_statements``;
- ``practice.reset_password_with_recovery`` takes role and flags from ``users`` for a name that
  has no directory entry, and grants the medical key when that role is medical.
"""

from __future__ import annotations

import contextlib

import pytest

from desktop_app.domain.roles import Role
from desktop_app.errors import ArbokluisError
from desktop_app.services import users
from desktop_app.services.practice import login, reset_password_with_recovery
from desktop_app.vault.vaultfile import Vault
from tests.helpers.insider import Insider
from tests.helpers.practices import ARTS, CASEMANAGER, login_as

OWN_PASSPHRASE = "Eigen-medische-wachtzin-77!"


def _medical_opens(folder, username, password, passphrase) -> bool:
    session = login(folder, username, password)
    try:
        with contextlib.suppress(ArbokluisError):
            session.unlock_medical(passphrase)
        return session.medical_unlocked
    finally:
        session.close()


def test_a_case_manager_made_assistant_gets_no_medical_key_from_a_statement_they_planted(bare_practice):
    folder = bare_practice
    cm = Insider(folder, CASEMANAGER)
    with cm.db() as conn:
        cm_id, = conn.execute("SELECT id FROM users WHERE username = 'casemanager'").fetchone()
        arts_id, = conn.execute("SELECT id FROM users WHERE username = 'arts'").fetchone()
        conn.execute("INSERT INTO secrecy_statements (user_id, signed_on, recorded_by, recorded_at) "
                     "VALUES (?, '2020-01-01', ?, '2020-01-01T00:00:00+00:00')", (cm_id, arts_id))

    # The admin moves the case manager to an assistant's job; the statement is to follow.
    admin = login_as(folder, ARTS, unlock=True)
    try:
        users.change_role(admin, "casemanager", Role.ASSISTANT, medical_passphrase=OWN_PASSPHRASE)
    finally:
        admin.close()

    opens = _medical_opens(folder, CASEMANAGER.username, CASEMANAGER.password, OWN_PASSPHRASE)
    vault = Vault.load(folder / "vault.json")
    assert (opens, vault.directory["casemanager"].secrecy) == (False, False), (
        "the directory took the planted statement, and the medical key was sealed to them")


@pytest.fixture
def recovery(bare_template):
    return bare_template.recovery_key


def test_a_recovery_reset_gives_no_medical_key_to_a_physician_planted_in_practice_db(bare_practice, recovery):
    folder = bare_practice
    cm = Insider(folder, CASEMANAGER)
    with cm.db() as conn:  # a second account of their own, as an admin physician, in practice.db only
        conn.execute("INSERT INTO users (username, display_name, role, is_supervisor, is_admin, "
                     "created_at) VALUES ('cm.thuis', 'C. Thuis', 'physician', 1, 1, "
                     "'2026-01-01T00:00:00+00:00')")
    password = "Thuis-wachtwoord-2026!"
    # The holder of the recovery key is asked to "reset" that account.
    with contextlib.suppress(ArbokluisError):
        reset_password_with_recovery(folder, recovery, "cm.thuis", password, OWN_PASSPHRASE)

    opens = False
    with contextlib.suppress(ArbokluisError):
        opens = _medical_opens(folder, "cm.thuis", password, OWN_PASSPHRASE)
    vault = Vault.load(folder / "vault.json")
    assert (opens, "cm.thuis" in vault.directory) == (False, False), (
        "the directory took role and flags from practice.db, and the medical key was sealed")
