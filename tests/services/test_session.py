"""Every role's reach, medical unlock, and locking."""

from datetime import date

import pytest

from desktop_app.audit import Action
from desktop_app.errors import InvalidPassphrase, MedicalLocked, PermissionDenied, SessionLocked
from desktop_app.services import users
from desktop_app.storage.connection import open_encrypted
from desktop_app.vault.crypto import UnwrapError
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as


def test_physician_unlocks_medical_with_the_passphrase(practice):
    session = login_as(practice, ARTS)
    with pytest.raises(MedicalLocked):
        session.medical()
    with pytest.raises(InvalidPassphrase):
        session.unlock_medical(ARTS.password)  # the login password is not the passphrase
    session.unlock_medical(ARTS.medical_passphrase)
    assert session.medical().scalar("SELECT value FROM section_info WHERE key='section'") == "medical"
    actions = [e.action for e in session.audit.events(session.actor)]
    assert Action.UNLOCK_MEDICAL in actions and Action.UNLOCK_MEDICAL_FAILED in actions
    session.close()


def test_casemanager_cannot_reach_medical_by_any_api(practice):
    session = login_as(practice, CASEMANAGER)
    with pytest.raises(PermissionDenied):
        session.medical()
    for secret in (CASEMANAGER.password, ARTS.medical_passphrase, ""):
        with pytest.raises(PermissionDenied):
            session.unlock_medical(secret)
    with pytest.raises(PermissionDenied):
        session.medical_key()
    # Below the services: the vault holds no medical slot or grant for a case manager.
    assert "casemanager" not in session.vault.medical_slots
    assert all(g.recipient != "casemanager" for g in session.vault.grants)
    with pytest.raises(UnwrapError):
        session.vault.open_medical("casemanager", CASEMANAGER.password, session.pepper())
    # And the practice key does not open medical.db.
    from desktop_app.errors import DatabaseDamaged

    with pytest.raises(DatabaseDamaged):
        open_encrypted(practice / "medical.db", session.practice_key())
    denied = [e for e in session.audit.events(session.actor)
              if e.action == Action.UNLOCK_MEDICAL and e.username == "casemanager"]
    assert denied and all(e.outcome == "denied" for e in denied)
    session.close()


def test_assistant_needs_a_secrecy_statement_on_file(practice):
    admin = login_as(practice, ARTS)
    users.revoke_secrecy_statement(admin, "assistent")
    admin.close()

    session = login_as(practice, ASSISTENT)
    with pytest.raises(PermissionDenied) as err:
        session.unlock_medical(ASSISTENT.medical_passphrase)
    assert "geheimhoudingsverklaring" in err.value.message
    session.close()

    admin = login_as(practice, ARTS)
    users.record_secrecy_statement(admin, "assistent", date.today())
    admin.close()
    session = login_as(practice, ASSISTENT, unlock=True)
    assert session.on_behalf_of == "arts"  # an assistant acts for a physician
    event = session.audit.events(session.actor)[0]  # newest first
    assert event.action == Action.UNLOCK_MEDICAL and event.on_behalf_of == "arts"
    session.close()


def test_only_admin_physicians_manage_users(practice):
    for account in (ASSISTANT := ASSISTENT, CASEMANAGER):
        session = login_as(practice, account)
        with pytest.raises(PermissionDenied):
            users.remove_user(session, "arts")
        with pytest.raises(PermissionDenied):
            users.record_secrecy_statement(session, "assistent", date.today())
        session.close()
    assert ASSISTANT is ASSISTENT


def test_close_drops_connections_and_overwrites_keys(practice):
    session = login_as(practice, ARTS, unlock=True)
    practice_key = session._practice_key
    medical_key = session._medical_key
    session.close()
    assert practice_key.wiped and medical_key.wiped
    with pytest.raises(SessionLocked):
        _ = session.db
    with pytest.raises(SessionLocked):
        session.practice_key()
    session.close()  # closing twice is harmless


def test_lock_medical_keeps_the_practice_open(practice):
    session = login_as(practice, ARTS, unlock=True)
    key = session._medical_key
    session.lock_medical("inactief")
    assert key.wiped
    with pytest.raises(MedicalLocked):
        session.medical()
    assert session.db.scalar("SELECT count(*) FROM users") == 3
    session.close()
