"""The vault's edge paths that no workflow reaches every run, each through its public API: a
secret Argon2id cannot encode, JSON nested too deep or not an object, the throttle file at its
user limit, a version-1 user's role cut down to what the medical part says, a removal of a user
waiting for a reset, and the removed-users record when the keyring misbehaves."""

from __future__ import annotations

from datetime import date

import keyring
import pytest

from desktop_app.errors import ValidationError, VaultDamaged
from desktop_app.vault import crypto, strictjson
from desktop_app.vault.directory import ASSISTANT, PHYSICIAN, Entry
from desktop_app.vault.removed import MEDICAL, REMOVED, Held, RemovedUsers, account
from desktop_app.vault.throttle import MAX_USERS, LoginThrottle
from desktop_app.vault.vaultfile import Vault


def test_a_secret_with_a_lone_surrogate_is_refused_in_dutch():
    with pytest.raises(ValidationError) as refused:
        crypto.argon2id("ab\ud800cd", b"s" * 16, crypto.KdfParams(memory_kib=8, iterations=1, lanes=1), None)
    assert "teken" in refused.value.message


def test_json_nested_deeper_than_the_limit_is_refused():
    with pytest.raises(ValueError, match="nested too deep"):
        strictjson.loads("[" * (strictjson.MAX_DEPTH + 1) + "]" * (strictjson.MAX_DEPTH + 1))


def test_a_vault_file_that_is_not_an_object_is_damaged():
    with pytest.raises(VaultDamaged):
        Vault.from_bytes(b"[1, 2, 3]")


def test_the_throttle_keeps_the_latest_failures_of_at_most_max_users(tmp_path):
    now = [1000.0]
    throttle = LoginThrottle(tmp_path / "attempts.json", clock=lambda: now[0])
    for i in range(MAX_USERS + 5):
        now[0] += 1
        throttle.failed(f"naam-{i}")
    assert throttle.failures("naam-0").count == 0  # the oldest went
    assert throttle.failures(f"naam-{MAX_USERS + 4}").count == 1


@pytest.fixture
def vault(practice):
    return Vault.load(practice / "vault.json")


def test_an_awaited_physician_without_a_medical_grant_is_an_assistant(vault):
    vault.revoke_medical_grant("assistent")
    entry = vault.directory["assistent"]
    as_physician = Entry(PHYSICIAN, entry.box, entry.sign, supervisor=True, admin=True)
    assert vault.vouched_awaited("assistent", as_physician).role == ASSISTANT
    with_statement = Entry(ASSISTANT, entry.box, entry.sign, secrecy=True)
    assert vault.vouched_awaited("assistent", with_statement).secrecy is False


def test_removing_a_user_waiting_for_a_reset_forgets_the_wait(vault):
    vault.reset_needed = ["casemanager"]
    vault.remove_user("casemanager", 0)
    assert vault.reset_needed == []


class _BrokenGet(keyring.backend.KeyringBackend):
    priority = 1

    def get_password(self, service, username):
        raise RuntimeError("the keyring daemon went away")

    def set_password(self, service, username, password):
        raise RuntimeError("the keyring daemon went away")

    def delete_password(self, service, username):
        raise RuntimeError("the keyring daemon went away")


def test_the_removed_users_record_when_the_keyring_misbehaves(vault, monkeypatch):
    record = RemovedUsers(vault.binding, vault.practice_id)
    assert record.available
    record.add("casemanager", REMOVED, date(2026, 12, 1))
    assert record.add("casemanager", MEDICAL, date(2026, 12, 2)) is True  # a removal outranks it
    assert [h.reason for h in record.held(vault.directory)] == ["verwijderd"]
    keyring.set_password("Arbokluis", account(vault.practice_id, "assistent"), '{"what": "iets", "admitted": false}')
    assert Held("assistent", REMOVED) in record.held(vault.directory)  # unreadable: held
    from tests.helpers.keyrings import install_keyring

    with install_keyring(_BrokenGet()):
        assert record.held(vault.directory) == []  # a keyring that does not answer holds nobody
        assert record.add("arts", REMOVED, date(2026, 12, 1)) is False
    monkeypatch.setattr(type(record), "available", property(lambda self: False))
    record.granted_again("assistent")  # no keyring: nothing to clear, and no error
    assert record.held(vault.directory) == []
