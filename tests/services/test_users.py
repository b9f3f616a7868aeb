"""User management and rotation of the medical key."""

import pytest

from desktop_app.domain.roles import Role
from desktop_app.errors import (
    DatabaseDamaged,
    InvalidCredentials,
    MedicalLocked,
    ValidationError,
)
from desktop_app.services import rotation, users
from desktop_app.services.practice import NewUser, login
from desktop_app.storage.connection import open_encrypted
from desktop_app.vault.vaultfile import Vault
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as


def _old_medical_key_of(vault: Vault, username: str, passphrase: str, pepper) -> bytes:
    return vault.open_medical(username, passphrase, pepper)[0][1]


def test_removing_a_medical_user_rotates_the_key_and_locks_them_out(practice):
    old_vault = Vault.load(practice / "vault.json")
    admin = login_as(practice, ARTS, unlock=True)
    pepper = admin.pepper()
    admin.medical().execute("INSERT INTO section_info VALUES ('marker', 'blijft')")
    steps = []
    users.remove_user(admin, "assistent", progress=lambda d, t, s: steps.append((d, t)))
    assert steps[-1] == (4, 4)
    assert admin.medical().scalar("SELECT value FROM section_info WHERE key='marker'") == "blijft"
    admin.close()

    # The removed user's slot from the old vault file still yields the old key; it opens nothing.
    old_key = _old_medical_key_of(old_vault, "assistent", ASSISTENT.medical_passphrase, pepper)
    with pytest.raises(DatabaseDamaged):
        open_encrypted(practice / "medical.db", old_key)
    with pytest.raises(InvalidCredentials):
        login(practice, "assistent", ASSISTENT.password)
    # Those who stay open it with their own passphrase.
    session = login_as(practice, ARTS, unlock=True)
    assert session.vault.medical_version == 2
    session.close()


def test_demoting_a_physician_rotates_the_key(practice):
    admin = login_as(practice, ARTS, unlock=True)
    users.add_user(admin, NewUser("tweede", "dr. T. Tweede", Role.PHYSICIAN, "Tweede-arts-2026!",
                                  "Tweede-medisch-2026!"))
    version = admin.vault.medical_version
    users.change_role(admin, "tweede", Role.CASEMANAGER)
    assert admin.vault.medical_version == version + 1
    assert "tweede" not in admin.vault.medical_slots
    admin.close()
    demoted = login(practice, "tweede", "Tweede-arts-2026!")
    assert demoted.user.role is Role.CASEMANAGER
    demoted.close()


def test_adding_a_medical_user_needs_the_admins_medical_section(practice):
    admin = login_as(practice, ARTS)
    with pytest.raises(MedicalLocked):
        users.add_user(admin, NewUser("nieuw", "N. Nieuw", Role.ASSISTANT, "Nieuw-wachtwoord-1!",
                                      "Nieuwe-wachtzin-12!"))
    # A case manager needs no medical key.
    users.add_user(admin, NewUser("cm2", "C. M. Twee", Role.CASEMANAGER, "Casemanager-twee-1!"))
    assert [u.user.username for u in users.list_users(admin)] == ["arts", "assistent", "casemanager", "cm2"]
    admin.close()


def test_duplicate_username_is_refused_at_the_field(practice):
    admin = login_as(practice, ARTS, unlock=True)
    with pytest.raises(ValidationError) as err:
        users.add_user(admin, NewUser("casemanager", "X", Role.CASEMANAGER, "Casemanager-x-12!"))
    assert err.value.field == "username"
    admin.close()


def test_an_interrupted_rotation_is_finished_at_the_next_unlock(practice, monkeypatch):
    admin = login_as(practice, ARTS, unlock=True)
    calls = {"n": 0}
    original = admin.vault.promote_pending

    def crash():
        calls["n"] += 1
        raise KeyboardInterrupt  # the process dies after the rekey, before the vault is updated

    monkeypatch.setattr(admin.vault, "promote_pending", crash)
    with pytest.raises(KeyboardInterrupt):
        rotation.rotate_medical_key(admin, "test")
    monkeypatch.setattr(admin.vault, "promote_pending", original)
    admin.close()
    on_disk = Vault.load(practice / "vault.json")
    assert on_disk.pending_version == 2 and on_disk.medical_version == 1

    session = login_as(practice, ARTS, unlock=True)  # opens with the pending grant
    assert session.vault.medical_version == 2 and session.vault.pending_version is None
    session.close()
    session = login_as(practice, ASSISTENT, unlock=True)
    session.close()


def test_change_own_password_and_passphrase(practice):
    session = login_as(practice, CASEMANAGER)
    with pytest.raises(InvalidCredentials):
        users.change_password(session, "fout", "Nieuw-wachtwoord-cm-1!")
    users.change_password(session, CASEMANAGER.password, "Nieuw-wachtwoord-cm-1!")
    session.close()
    login(practice, "casemanager", "Nieuw-wachtwoord-cm-1!").close()

    session = login_as(practice, ARTS)
    with pytest.raises(ValidationError):
        users.change_medical_passphrase(session, ARTS.medical_passphrase, ARTS.password)
    users.change_medical_passphrase(session, ARTS.medical_passphrase, "Nieuwe-medische-zin-1!")
    session.unlock_medical("Nieuwe-medische-zin-1!")
    session.close()
