"""User management and the rotation of both section keys (decision 0005)."""

from datetime import date

import pytest

from desktop_app.audit import Action
from desktop_app.domain.roles import Role
from desktop_app.errors import (
    DatabaseDamaged,
    InvalidCredentials,
    MedicalLocked,
    ValidationError,
    VaultTampered,
)
from desktop_app.services import rotation, users
from desktop_app.services.practice import NewUser, login
from desktop_app.storage.connection import open_encrypted
from desktop_app.storage.migrations import copy_before_migration
from desktop_app.vault import crypto
from desktop_app.vault.vaultfile import Vault
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as


def _old_keys(vault: Vault, account, pepper) -> tuple[bytes, bytes | None]:
    """What a saved copy of the vault gives a user: their practice key and medical key."""
    practice_key = vault.open_login(account.username, account.password, pepper)
    medical_key = None
    if account.medical_passphrase:
        medical_key = vault.open_medical(account.username, account.medical_passphrase, pepper)[0][1]
    return practice_key, medical_key


def _opens(path, key) -> bool:
    try:
        open_encrypted(path, key).close()
    except DatabaseDamaged:
        return False
    return True


def test_a_removed_users_old_slots_open_neither_live_section(practice):
    old_vault = Vault.load(practice / "vault.json")
    admin = login_as(practice, ARTS, unlock=True)
    pepper = admin.pepper()
    old_practice_key, old_medical_key = _old_keys(old_vault, ASSISTENT, pepper)
    assert _opens(practice / "practice.db", old_practice_key)  # before: the slot worked
    admin.medical().execute("INSERT INTO section_info VALUES ('marker', 'blijft')")
    steps = []
    users.remove_user(admin, "assistent", progress=lambda d, t, s: steps.append((d, t)))
    assert steps[-1] == (6, 6)
    assert admin.medical().scalar("SELECT value FROM section_info WHERE key='marker'") == "blijft"
    admin.close()

    assert not _opens(practice / "practice.db", old_practice_key)
    assert not _opens(practice / "medical.db", old_medical_key)
    with pytest.raises(InvalidCredentials):
        login(practice, "assistent", ASSISTENT.password)
    session = login_as(practice, ARTS, unlock=True)  # those who stay open both
    assert (session.vault.practice.version, session.vault.medical_version) == (2, 2)
    assert session.audit.verify().ok  # the removed user's events still verify (retired key)
    session.close()


def test_after_the_next_rotation_the_old_slots_open_nothing_either(practice):
    first = Vault.load(practice / "vault.json")
    admin = login_as(practice, ARTS, unlock=True)
    pepper = admin.pepper()
    users.remove_user(admin, "assistent")
    second = Vault.load(practice / "vault.json")
    users.remove_user(admin, "casemanager")
    admin.close()
    for vault, account in ((first, ASSISTENT), (first, CASEMANAGER), (second, CASEMANAGER)):
        practice_key, medical_key = _old_keys(vault, account, pepper)
        assert not _opens(practice / "practice.db", practice_key)
        if medical_key is not None:
            assert not _opens(practice / "medical.db", medical_key)


def test_pre_migration_copies_are_re_encrypted_at_a_rotation(practice):
    admin = login_as(practice, ARTS, unlock=True)
    old_practice_key, old_medical_key = admin.practice_key(), admin.medical_key()
    copy_before_migration(admin.db, practice / "practice.db", 4)
    copy_before_migration(admin.medical(), practice / "medical.db", 2)
    stray = practice / "practice.db.v3.bak"
    stray.write_bytes(b"\0" * 4096)  # named like a copy, but not made by the program
    users.remove_user(admin, "assistent")
    new_practice_key, new_medical_key = admin.practice_key(), admin.medical_key()
    admin.close()
    practice_copy = practice / "practice.db.v4.bak"
    assert not _opens(practice_copy, old_practice_key)
    assert _opens(practice_copy, new_practice_key)
    assert stray.read_bytes() == b"\0" * 4096  # not the program's copy: left as it was
    medical_copy = practice / "medical.db.v2.bak"
    assert not _opens(medical_copy, old_medical_key)
    assert _opens(medical_copy, new_medical_key)
    assert medical_copy.stat().st_mode & 0o077 == 0


def test_removing_a_case_manager_rotates_the_practice_key_only(practice):
    admin = login_as(practice, ARTS, unlock=True)
    users.remove_user(admin, "casemanager")
    assert admin.vault.practice.version == 2
    assert admin.vault.medical_version == 1
    rotation_event = next(e for e in admin.audit.events(admin.actor) if e.action == Action.KEY_ROTATION)
    assert "praktijkdeel versie 2: gebruiker casemanager verwijderd" in rotation_event.data
    admin.close()


def test_demoting_a_physician_rotates_the_medical_key(practice):
    admin = login_as(practice, ARTS, unlock=True)
    users.add_user(admin, NewUser("tweede", "dr. T. Tweede", Role.PHYSICIAN, "Tweede-arts-2026!",
                                  "Tweede-medisch-2026!"))
    old_medical = Vault.load(practice / "vault.json").open_medical("tweede", "Tweede-medisch-2026!",
                                                                  admin.pepper())[0][1]
    users.change_role(admin, "tweede", Role.CASEMANAGER)
    assert admin.vault.medical_version == 2
    assert admin.vault.practice.version == 1  # they keep the practice section: no point rotating
    assert "tweede" not in admin.vault.medical_slots
    assert admin.vault.directory["tweede"].role == "casemanager"
    admin.close()
    assert not _opens(practice / "medical.db", old_medical)
    demoted = login(practice, "tweede", "Tweede-arts-2026!")
    assert demoted.user.role is Role.CASEMANAGER
    demoted.close()


def test_a_case_manager_who_becomes_a_physician_gets_a_medical_slot(practice):
    admin = login_as(practice, ARTS, unlock=True)
    with pytest.raises(ValidationError) as err:
        users.change_role(admin, "casemanager", Role.PHYSICIAN)
    assert err.value.field == "medical_passphrase"
    users.change_role(admin, "casemanager", Role.PHYSICIAN, medical_passphrase="Nieuwe-wachtzin-cm-2026!")
    admin.close()
    promoted = login_as(practice, CASEMANAGER)
    promoted.unlock_medical("Nieuwe-wachtzin-cm-2026!")
    assert promoted.medical_unlocked
    promoted.close()


def test_withdrawing_a_statement_rotates_the_medical_key_and_a_new_one_regrants(practice):
    admin = login_as(practice, ARTS, unlock=True)
    old_medical = Vault.load(practice / "vault.json").open_medical(
        "assistent", ASSISTENT.medical_passphrase, admin.pepper())[0][1]
    users.revoke_secrecy_statement(admin, "assistent")
    assert admin.vault.medical_version == 2
    assert "assistent" in admin.vault.medical_slots  # the slot stays for a later statement
    assert not _opens(practice / "medical.db", old_medical)
    users.record_secrecy_statement(admin, "assistent", date.today())
    admin.close()
    session = login_as(practice, ASSISTENT, unlock=True)  # the same passphrase opens again
    assert session.medical_unlocked
    session.close()


def test_withdrawing_twice_rotates_once(practice):
    admin = login_as(practice, ARTS, unlock=True)
    users.revoke_secrecy_statement(admin, "assistent")
    users.revoke_secrecy_statement(admin, "assistent")
    assert admin.vault.medical_version == 2
    admin.close()


def test_every_change_of_the_directory_needs_the_admins_medical_section(practice):
    admin = login_as(practice, ARTS)
    for change in (
        lambda: users.add_user(admin, NewUser("cm2", "C. M. Twee", Role.CASEMANAGER, "Casemanager-twee-1!")),
        lambda: users.remove_user(admin, "casemanager"),
        lambda: users.change_role(admin, "assistent", Role.CASEMANAGER),
        lambda: users.record_secrecy_statement(admin, "assistent", date.today()),
        lambda: users.revoke_secrecy_statement(admin, "assistent"),
    ):
        with pytest.raises(MedicalLocked):
            change()
    admin.unlock_medical(ARTS.medical_passphrase)
    users.add_user(admin, NewUser("cm2", "C. M. Twee", Role.CASEMANAGER, "Casemanager-twee-1!"))
    assert [u.user.username for u in users.list_users(admin)] == ["arts", "assistent", "casemanager", "cm2"]
    admin.close()
    login(practice, "cm2", "Casemanager-twee-1!").close()


def test_a_directory_changed_since_the_unlock_stops_a_rotation_before_it_seals(practice):
    admin = login_as(practice, ARTS, unlock=True)
    _private, ghost = crypto.new_keypair()
    admin.vault.medical_slots["assistent"].public = ghost  # e.g. a bug or a tampered copy in memory
    with pytest.raises(VaultTampered):
        users.remove_user(admin, "casemanager")
    on_disk = Vault.load(practice / "vault.json")
    assert on_disk.practice.pending_version is None
    assert on_disk.medical.pending_version is None
    assert Action.VAULT_TAMPERED in [e.action for e in admin.audit.events(admin.actor)]
    admin.close()


def test_duplicate_username_is_refused_at_the_field(practice):
    admin = login_as(practice, ARTS, unlock=True)
    with pytest.raises(ValidationError) as err:
        users.add_user(admin, NewUser("casemanager", "X", Role.CASEMANAGER, "Casemanager-x-12!"))
    assert err.value.field == "username"
    admin.close()


def test_a_removal_cut_off_after_the_deactivation_can_be_repeated(practice, monkeypatch):
    admin = login_as(practice, ARTS, unlock=True)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(rotation, "rotate", crash)
    with pytest.raises(KeyboardInterrupt):
        users.remove_user(admin, "casemanager")
    monkeypatch.undo()
    assert "casemanager" in admin.vault.directory
    users.remove_user(admin, "casemanager")
    assert "casemanager" not in admin.vault.directory
    with pytest.raises(ValidationError):
        users.remove_user(admin, "casemanager")
    admin.close()


def _crash_in(monkeypatch, target, name):
    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # the process dies here

    monkeypatch.setattr(target, name, crash)


def test_a_rotation_cut_off_before_the_rekey_is_completed_at_the_next_login_and_unlock(practice, monkeypatch):
    admin = login_as(practice, ARTS, unlock=True)
    old_practice_key, old_medical_key = admin.practice_key(), admin.medical_key()
    _crash_in(monkeypatch, rotation, "_rekey")
    with pytest.raises(KeyboardInterrupt):
        users.remove_user(admin, "assistent")
    monkeypatch.undo()
    admin.abandon()
    on_disk = Vault.load(practice / "vault.json")
    assert (on_disk.practice.pending_version, on_disk.medical.pending_version) == (2, 2)

    session = login_as(practice, CASEMANAGER)  # any user's login completes the practice part
    assert session.vault.practice.version == 2
    session.close()
    assert not _opens(practice / "practice.db", old_practice_key)
    assert _opens(practice / "medical.db", old_medical_key)  # until a medical unlock
    session = login_as(practice, ARTS, unlock=True)
    assert session.vault.medical_version == 2
    assert session.vault.medical.pending_version is None
    assert session.audit.verify().ok
    session.close()
    assert not _opens(practice / "medical.db", old_medical_key)


def test_a_rotation_cut_off_after_the_rekey_is_finished_at_the_next_login_and_unlock(practice, monkeypatch):
    admin = login_as(practice, ARTS, unlock=True)
    _crash_in(monkeypatch, admin.vault, "promote_pending")
    with pytest.raises(KeyboardInterrupt):
        users.remove_user(admin, "assistent")
    monkeypatch.undo()
    admin.abandon()
    on_disk = Vault.load(practice / "vault.json")
    assert on_disk.medical.pending_version == 2
    assert on_disk.medical_version == 1

    session = login_as(practice, ARTS, unlock=True)  # opens with the pending grants
    assert session.vault.practice.version == 2
    assert session.vault.medical_version == 2
    assert session.vault.pending_version is None
    session.close()
    login_as(practice, CASEMANAGER).close()


def test_change_own_password_keeps_the_keys(practice):
    session = login_as(practice, CASEMANAGER)
    sign_before = session.vault.directory["casemanager"].sign
    with pytest.raises(InvalidCredentials):
        users.change_password(session, "fout", "Nieuw-wachtwoord-cm-1!")
    users.change_password(session, CASEMANAGER.password, "Nieuw-wachtwoord-cm-1!")
    session.close()
    session = login(practice, "casemanager", "Nieuw-wachtwoord-cm-1!")
    assert session.vault.directory["casemanager"].sign == sign_before
    assert session.audit.verify().ok
    session.close()


def test_a_password_equal_to_the_passphrase_is_refused(practice):
    session = login_as(practice, ARTS)
    with pytest.raises(ValidationError) as err:
        users.change_password(session, ARTS.password, ARTS.medical_passphrase)
    assert err.value.field == "password"
    session.close()


def test_change_own_passphrase(practice):
    session = login_as(practice, ARTS)
    with pytest.raises(ValidationError):
        users.change_medical_passphrase(session, ARTS.medical_passphrase, ARTS.password)
    from desktop_app.errors import InvalidPassphrase

    with pytest.raises(InvalidPassphrase):
        users.change_medical_passphrase(session, "Verkeerde-wachtzin-2026!", "Nieuwe-medische-zin-1!")
    users.change_medical_passphrase(session, ARTS.medical_passphrase, "Nieuwe-medische-zin-1!")
    session.unlock_medical("Nieuwe-medische-zin-1!")
    session.close()


def test_admin_cannot_remove_or_demote_themselves(practice):
    admin = login_as(practice, ARTS, unlock=True)
    with pytest.raises(ValidationError):
        users.remove_user(admin, "arts")
    with pytest.raises(ValidationError):
        users.change_role(admin, "arts", Role.PHYSICIAN, is_admin=False)
    with pytest.raises(ValidationError):
        users.change_role(admin, "assistent", Role.ASSISTANT, is_admin=True)
    with pytest.raises(ValidationError):
        users.record_secrecy_statement(admin, "casemanager", date.today())
    with pytest.raises(ValidationError):
        users.record_secrecy_statement(admin, "niemand", date.today())
    admin.close()
