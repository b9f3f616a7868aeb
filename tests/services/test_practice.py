"""Creating a practice, logging in, keyring binding, failed logins, the recovery key."""

import json

import keyring
import pytest

from desktop_app.audit import Action
from desktop_app.domain.roles import Role
from desktop_app.errors import (
    DatabaseDamaged,
    DirectoryMismatch,
    InvalidCredentials,
    InvalidPassphrase,
    InvalidRecoveryKey,
    KeyringBackendChanged,
    KeyringSecretDiffers,
    KeyringSecretMissing,
    KeyringUnavailable,
    LoginThrottled,
    NoPractice,
    PracticeExists,
    ValidationError,
    VaultDamaged,
)
from desktop_app.services import practice as practice_service
from desktop_app.services.practice import NewUser, create_practice, login
from desktop_app.vault.vaultfile import Vault
from tests.helpers.keyrings import OtherMemoryKeyring, install_keyring
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as

FIRST = NewUser("dokter", "dr. E. Eerste", Role.PHYSICIAN, "Eerste-wachtwoord-1!",
                "Eerste-wachtzin-medisch-1!", is_admin=True)


def test_new_practice_with_keyring_is_bound(tmp_path, memory_keyring):
    created = create_practice(tmp_path / "p", practice_name="Praktijk", first_user=FIRST)
    assert created.bound
    assert created.notice == ""
    assert len(memory_keyring.store) == 1
    vault = Vault.load(tmp_path / "p" / "vault.json")
    assert vault.binding.bound
    assert "MemoryKeyring" in vault.binding.backend
    session = login(tmp_path / "p", "dokter", FIRST.password)
    assert session.user.role is Role.PHYSICIAN
    assert session.user.is_admin
    session.close()


def test_new_practice_without_keyring_says_so_once_and_works(tmp_path, no_keyring):
    created = create_practice(tmp_path / "p", practice_name="Praktijk", first_user=FIRST)
    assert not created.bound
    assert "geen sleutelbos" in created.notice
    assert Vault.load(tmp_path / "p" / "vault.json").binding.mode == "none"
    session = login(tmp_path / "p", "DOKTER ", FIRST.password)  # case and spaces forgiven
    session.unlock_medical(FIRST.medical_passphrase)
    session.close()


def test_files_and_folder_are_private(tmp_path, memory_keyring):
    create_practice(tmp_path / "p", practice_name="P", first_user=FIRST)
    assert (tmp_path / "p").stat().st_mode & 0o777 == 0o700
    for f in (tmp_path / "p").iterdir():
        assert f.stat().st_mode & 0o777 == 0o600, f.name


def test_an_existing_practice_is_never_overwritten(practice):
    before = (practice / "vault.json").read_bytes()
    with pytest.raises(PracticeExists):
        create_practice(practice, practice_name="Nieuw", first_user=FIRST)
    assert (practice / "vault.json").read_bytes() == before


def test_first_user_must_be_an_admin_physician(tmp_path, memory_keyring):
    bad = NewUser("cm", "C M", Role.CASEMANAGER, "Casemanager-pw-1!")
    with pytest.raises(ValidationError) as err:
        create_practice(tmp_path / "p", practice_name="P", first_user=bad)
    assert err.value.field == "role"
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize("username", ["", "a", "met spatie", "x" * 40, "'; DROP TABLE users;--"])
def test_bad_usernames_are_refused(tmp_path, memory_keyring, username):
    user = NewUser(username, "Naam", Role.PHYSICIAN, FIRST.password, FIRST.medical_passphrase,
                   is_admin=True)
    with pytest.raises(ValidationError) as err:
        create_practice(tmp_path / "p", practice_name="P", first_user=user)
    assert err.value.field == "username"


def test_login_to_an_empty_folder_says_there_is_no_practice(tmp_path):
    with pytest.raises(NoPractice):
        login(tmp_path, "arts", "x")


def test_wrong_password_then_right_one(practice):
    with pytest.raises(InvalidCredentials) as err:
        login(practice, ARTS.username, "Verkeerd-wachtwoord-1!")
    assert err.value.message == "Gebruikersnaam of wachtwoord onjuist."
    with pytest.raises(InvalidCredentials):
        login(practice, "niemand", ARTS.password)
    session = login_as(practice, ARTS)
    assert session.failed_logins_before.count == 1
    failed = [e for e in session.audit.events(session.actor) if e.action == Action.LOGIN_FAILED]
    assert len(failed) == 1
    assert failed[0].username == "arts"
    session.close()


def test_repeated_failures_bring_an_increasing_delay(practice):
    for _ in range(3):
        with pytest.raises(InvalidCredentials):
            login(practice, ARTS.username, "Verkeerd-wachtwoord-1!")
    with pytest.raises(LoginThrottled) as err:
        login(practice, ARTS.username, ARTS.password)
    assert 0 < err.value.seconds <= 5
    assert "seconden" in err.value.message
    # Another user is not held up by arts's failures.
    login_as(practice, CASEMANAGER).close()


def test_missing_keyring_secret_stops_login_and_recovery_rebinds(practice, recovery_key):
    backend = keyring.get_keyring()
    backend.store.clear()
    with pytest.raises(KeyringSecretMissing) as err:
        login(practice, ARTS.username, ARTS.password)
    assert "herstelsleutel" in err.value.message
    assert practice_service.rebind_with_recovery(practice, recovery_key)
    login_as(practice, ARTS, unlock=True).close()


def test_changed_keyring_backend_stops_login(practice, recovery_key):
    with install_keyring(OtherMemoryKeyring()):
        with pytest.raises(KeyringBackendChanged):
            login(practice, ARTS.username, ARTS.password)
        practice_service.rebind_with_recovery(practice, recovery_key)
        login_as(practice, ARTS).close()


def test_no_keyring_backend_at_all_stops_a_bound_practice(practice, no_keyring):
    with pytest.raises(KeyringUnavailable):
        login(practice, ARTS.username, ARTS.password)


def test_a_wrong_recovery_key_is_refused(practice):
    from desktop_app.vault import recovery

    with pytest.raises(InvalidRecoveryKey):
        practice_service.rebind_with_recovery(practice, recovery.generate())


def test_recovery_key_resets_a_forgotten_password(practice, recovery_key):
    practice_service.reset_password_with_recovery(
        practice, recovery_key, "assistent", "Nieuw-wachtwoord-2026!", "Nieuwe-wachtzin-2026!x")
    with pytest.raises(InvalidCredentials):
        login(practice, "assistent", ASSISTENT.password)
    session = login(practice, "assistent", "Nieuw-wachtwoord-2026!")
    session.unlock_medical("Nieuwe-wachtzin-2026!x")
    recovery_events = [e for e in session.audit.events(session.actor) if e.action == Action.RECOVERY]
    assert recovery_events
    assert "assistent" in recovery_events[0].data
    session.close()


def test_edited_vault_file_is_detected_at_login(practice):
    path = practice / "vault.json"
    data = json.loads(path.read_bytes())
    data["created"] = "2020-01-01T00:00:00+00:00"
    path.write_text(json.dumps(data))
    with pytest.raises(VaultDamaged):
        login(practice, ARTS.username, ARTS.password)


def test_a_slot_moved_to_another_user_does_not_open(practice):
    path = practice / "vault.json"
    data = json.loads(path.read_bytes())
    slots = {s["user"]: s for s in data["login_slots"]}
    slots["casemanager"]["user"] = "arts"  # the ciphertext's metadata no longer fits
    data["login_slots"] = [slots["casemanager"], slots["assistent"]]
    path.write_text(json.dumps(data))
    with pytest.raises(InvalidCredentials):
        login(practice, "arts", CASEMANAGER.password)


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": "arbokluis-vault"}', b"\xff\xfe"])
def test_a_damaged_vault_file_gives_a_clear_error(practice, damage):
    (practice / "vault.json").write_bytes(damage)
    with pytest.raises(VaultDamaged) as err:
        login(practice, ARTS.username, ARTS.password)
    assert "vault.json" in err.value.message


def test_a_missing_vault_beside_the_databases_is_damage_not_an_empty_folder(practice):
    (practice / "vault.json").unlink()
    with pytest.raises(VaultDamaged):
        login(practice, ARTS.username, ARTS.password)


def test_a_keyring_with_another_secret_gets_its_own_message_and_no_failed_try(practice, recovery_key):
    import base64

    from desktop_app.vault.binding import SERVICE, account

    vault = Vault.load(practice / "vault.json")
    keyring.set_password(SERVICE, account(vault.practice_id), base64.b64encode(b"x" * 32).decode())
    with pytest.raises(KeyringSecretDiffers) as err:
        login(practice, ARTS.username, ARTS.password)
    assert "herstelsleutel" in err.value.message
    assert not (practice / "login-attempts.json").exists()
    assert practice_service.rebind_with_recovery(practice, recovery_key)
    session = login_as(practice, ARTS)
    assert session.failed_logins_before.count == 0
    session.close()


def test_a_login_slot_without_a_directory_entry_opens_nothing(practice):
    from tests.helpers.insider import Insider

    cm = Insider(practice, CASEMANAGER)
    del cm.vault.directory["assistent"]
    cm.resign_vault()
    with pytest.raises(DirectoryMismatch):
        login(practice, "assistent", ASSISTENT.password)


def test_a_directory_entry_with_other_keys_opens_nothing(practice):
    from tests.helpers.insider import Insider

    cm = Insider(practice, CASEMANAGER)
    cm.vault.directory["arts"].sign = cm.vault.directory["casemanager"].sign  # to forge as arts
    cm.resign_vault()
    with pytest.raises(DirectoryMismatch) as err:
        login(practice, "arts", ARTS.password)
    assert "vault.json" in err.value.message


def test_every_file_and_folder_the_program_creates_is_private(tmp_path, memory_keyring):
    from desktop_app.services.instance_lock import InstanceLock

    root = tmp_path / "nieuw" / "diep" / "p"
    with InstanceLock(root):
        create_practice(root, practice_name="P", first_user=FIRST)
        with pytest.raises(InvalidCredentials):
            login(root, "dokter", "Verkeerd-wachtwoord-1!")
        session = login(root, "dokter", FIRST.password)
        with pytest.raises(InvalidPassphrase):
            session.unlock_medical("Verkeerde-wachtzin-2026!")
        session.close()
        for folder in (tmp_path / "nieuw", tmp_path / "nieuw" / "diep", root):
            assert folder.stat().st_mode & 0o777 == 0o700, folder
        names = sorted(f.name for f in root.iterdir())
        assert "arbokluis.lock" in names
        assert "medical-attempts.json" in names
        for f in root.iterdir():
            assert f.stat().st_mode & 0o777 == 0o600, f.name


def test_temporary_files_of_an_interrupted_write_are_removed_at_the_next_start(practice):
    from desktop_app.services.instance_lock import InstanceLock

    stale = practice / ".audit-head.json.abcd1234.tmp"
    stale.write_text("half")
    other = practice / "notities.tmp"
    other.write_text("niet van ons")
    with InstanceLock(practice) as lock:
        assert lock.removed == [stale.name]
    assert not stale.exists()
    assert other.exists()


def test_a_damaged_medical_section_is_named_with_the_way_back(practice):
    with open(practice / "medical.db", "r+b") as fh:
        fh.truncate(3000)
    session = login_as(practice, ARTS)
    with pytest.raises(DatabaseDamaged) as err:
        session.unlock_medical(ARTS.medical_passphrase)
    assert "medical.db" in err.value.message
    assert "back-up" in err.value.message
    session.close()


def test_an_unreadable_keyring_secret_is_a_missing_one(practice):
    from desktop_app.vault.binding import SERVICE, account

    vault = Vault.load(practice / "vault.json")
    keyring.set_password(SERVICE, account(vault.practice_id), "geen base64!")
    with pytest.raises(KeyringSecretMissing):
        login(practice, ARTS.username, ARTS.password)
