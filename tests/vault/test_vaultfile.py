"""The vault file on its own: slots, grants, the two MACs, rotation states, recovery, damage."""

import json

import keyring.errors
import pytest

from desktop_app.errors import DirectoryMismatch, VaultDamaged, VaultTampered
from desktop_app.vault import binding, crypto, legacy, recovery
from desktop_app.vault.anchor import KeyringAnchor
from desktop_app.vault.binding import Binding
from desktop_app.vault.crypto import UnwrapError
from desktop_app.vault.directory import Entry
from desktop_app.vault.slots import Grant, KeyState
from desktop_app.vault.throttle import LoginThrottle
from desktop_app.vault.vaultfile import NoGrant, Vault
from tests.helpers.keyrings import MemoryKeyring, install_keyring

PID = "00000000-0000-0000-0000-000000000001"
PK, MK = b"p" * 32, b"m" * 32
PASSWORD, PASSPHRASE = "Een-wachtwoord-2026!", "Een-wachtzin-medisch-2026!"


@pytest.fixture(scope="module")
def made():
    """A vault with one physician, as create_practice makes it (Argon2id once per module)."""
    rk = recovery.generate()
    vault = Vault.create(PID, Binding("none"), None, rk, PK, MK)
    vault.add_user("dokter", PASSWORD, None, "physician", practice_key=PK, admin=True)
    vault.set_medical("dokter", PASSPHRASE, None, MK)
    vault.seal_medical(MK)
    vault.sign(PK)
    return vault.to_bytes(), rk


@pytest.fixture
def vault(made):
    return Vault.from_bytes(made[0])


def test_the_slot_yields_the_keys_the_directory_names(vault):
    keys = vault.open_user("dokter", PASSWORD, None)
    assert crypto.x25519_public(keys.box_private) == vault.directory["dokter"].box
    assert vault.practice_candidates("dokter", keys.box_private) == [(1, PK)]
    assert vault.open_login("dokter", PASSWORD, None) == PK
    assert vault.open_medical("dokter", PASSPHRASE, None) == [(1, MK)]


def test_wrong_secrets_and_unknown_users_do_not_open(vault):
    with pytest.raises(UnwrapError):
        vault.open_user("dokter", "fout", None)
    with pytest.raises(UnwrapError):
        vault.open_user("niemand", PASSWORD, None)
    with pytest.raises(UnwrapError):
        vault.open_medical("niemand", PASSPHRASE, None)
    assert not vault.check_login_password("dokter", "fout", None)


def test_a_slot_without_a_grant_opens_no_key(vault):
    keys = vault.open_user("dokter", PASSWORD, None)
    vault.practice.drop_recipient("dokter")
    with pytest.raises(NoGrant):
        vault.practice_candidates("dokter", keys.box_private)
    vault.medical.drop_recipient("dokter")
    with pytest.raises(NoGrant):
        vault.open_medical("dokter", PASSPHRASE, None)


def test_a_slot_with_keys_other_than_the_directorys_opens_nothing(vault):
    _priv, other = crypto.new_keypair()
    vault.directory["dokter"].box = other
    with pytest.raises(DirectoryMismatch):
        vault.open_user("dokter", PASSWORD, None)


def test_the_medical_mac_covers_the_directory_slots_grants_and_recovery_key(vault, made):
    vault.check_medical(MK)
    changes = [
        lambda v: setattr(v.directory["dokter"], "admin", False),
        lambda v: setattr(v.recovery, "public", crypto.new_keypair()[1]),
        lambda v: v.medical.grants.pop(),
        lambda v: v.set_medical_slot("dokter", PASSPHRASE, None),
        lambda v: v.retire_signing_key("dokter", 3),
    ]
    for change in changes:
        copy = Vault.from_bytes(made[0])
        change(copy)
        with pytest.raises(VaultTampered):
            copy.check_medical(MK)
    with pytest.raises(VaultTampered):
        vault.check_medical(b"x" * 32)


def test_the_practice_part_alone_can_change_without_the_medical_key(vault, tmp_path):
    vault.set_password(vault.open_user("dokter", PASSWORD, None), "Nieuw-wachtwoord-2026!", None)
    vault.save(tmp_path / "vault.json", PK)
    again = Vault.load(tmp_path / "vault.json")
    again.verify(PK)
    again.check_medical(MK)


def test_saving_a_changed_medical_part_without_the_medical_key_is_refused(vault, tmp_path):
    vault.set_role("dokter", "physician", supervisor=True, admin=True)
    with pytest.raises(ValueError):
        vault.save(tmp_path / "vault.json", PK)
    vault.save(tmp_path / "vault.json", PK, MK)
    Vault.load(tmp_path / "vault.json").check_medical(MK)


def test_the_practice_mac_covers_the_whole_file(vault):
    vault.verify(PK)
    vault.created = "2020-01-01"
    with pytest.raises(VaultDamaged):
        vault.verify(PK)
    vault.mac = None
    with pytest.raises(VaultDamaged):
        vault.verify(PK)


def test_staging_promoting_and_dropping(vault):
    assert vault.stage("medical", b"n" * 32, MK) == 2
    assert vault.pending_version == 2
    assert [g.recipient for g in vault.pending_grants] == ["dokter", "recovery"]
    vault.check_pending("medical", MK)
    vault.state("medical").drop_pending()
    assert vault.pending_version is None
    vault.promote_pending("medical", MK)  # nothing pending: nothing changes
    assert vault.medical_version == 1
    version = vault.stage("practice", b"q" * 32, PK)
    vault.promote_pending("practice", PK)
    assert vault.practice.version == version


def _plant(vault, section, mine):
    """A pending state as someone without the section key makes it: their own key, sealed to
    everyone's public keys, vouched for by itself."""
    version = vault.stage(section, mine, mine)
    return version


@pytest.mark.parametrize("section,current,error", [("practice", PK, VaultDamaged),
                                                   ("medical", MK, VaultTampered)])
def test_a_pending_state_not_staged_with_the_current_key_is_never_used(vault, section, current, error):
    mine = b"z" * 32
    version = _plant(vault, section, mine)
    candidates = {1: current, version: mine}
    with pytest.raises(error):
        vault.usable_keys(section, candidates)
    with pytest.raises(error):
        vault.promote_pending(section, current)
    assert vault.state(section).version == 1


def test_a_pending_state_staged_with_the_current_key_is_usable(vault):
    version = vault.stage("practice", b"q" * 32, PK)
    assert vault.usable_keys("practice", {1: PK, version: b"q" * 32}) == [(1, PK), (2, b"q" * 32)]
    assert vault.usable_keys("practice", {1: PK}) == [(1, PK)]  # no pending grant: current only


@pytest.mark.parametrize("damage", ["version", "mac", "grants"])
def test_a_changed_pending_state_loses_the_current_keys_word(vault, damage):
    vault.stage("medical", b"n" * 32, MK)
    state = vault.medical
    if damage == "version":
        state.pending_version = 7
    elif damage == "mac":
        state.pending_mac = None
    else:
        state.pending_grants = state.pending_grants[1:]
    with pytest.raises(VaultTampered):
        vault.check_pending("medical", MK)


def test_only_a_current_grant_opens_a_pending_one(vault):
    keys = vault.open_user("dokter", PASSWORD, None)
    vault.stage("practice", b"q" * 32, PK)
    vault.practice.grants = []  # the current grants gone: the pending one alone proves nothing
    with pytest.raises(NoGrant):
        vault.practice_candidates("dokter", keys.box_private)
    with pytest.raises(NoGrant):
        vault.usable_keys("practice", {2: b"q" * 32})
    with pytest.raises(VaultDamaged):
        vault.verify_current({2: b"q" * 32})


def test_the_practice_mac_counts_under_the_current_key_only(vault):
    mine = b"z" * 32
    vault.stage("practice", mine, mine)
    vault.sign(mine)  # a MAC under the pending key
    with pytest.raises(VaultDamaged):
        vault.verify_current({1: PK, 2: mine})
    vault.sign(PK)
    vault.verify_current({1: PK, 2: mine})


def test_grants_do_not_change_while_a_rotation_is_pending(vault):
    vault.stage("medical", b"n" * 32, MK)
    with pytest.raises(ValueError):
        vault.grant_medical("dokter", MK)
    with pytest.raises(ValueError):
        vault.revoke_medical_grant("dokter")
    vault.stage("practice", b"q" * 32, PK)
    with pytest.raises(ValueError):
        vault.grant_practice("dokter", PK)


def test_an_assistant_without_a_statement_receives_no_medical_key(vault):
    vault.add_user("assist", PASSWORD, None, "assistant", practice_key=PK)
    vault.set_medical_slot("assist", PASSPHRASE, None)
    assert [u for u, _ in vault.recipients("medical")] == ["dokter", "recovery"]
    vault.set_secrecy("assist", True)
    assert [u for u, _ in vault.recipients("medical")] == ["assist", "dokter", "recovery"]
    vault.set_role("assist", "casemanager", supervisor=False, admin=False)
    assert vault.directory["assist"].secrecy is False


def test_removing_a_user_keeps_their_signing_key_as_retired(vault):
    sign = vault.directory["dokter"].sign
    vault.remove_user("dokter", 7)
    assert vault.signing_keys()["dokter"][0].public == sign
    assert vault.signing_keys()["dokter"][0].until == 7
    assert "dokter" not in vault.login_slots
    assert vault.medical.for_recipient("dokter") == []


def test_the_recovery_key_opens_both_keys_and_the_secret(made):
    vault = Vault.from_bytes(made[0])
    opened = vault.open_recovery(made[1])
    assert opened.practice_key == PK
    assert opened.medical_candidates == [(1, MK)]
    assert opened.pepper is None
    with pytest.raises(UnwrapError):
        vault.open_recovery(recovery.generate())


def test_a_recovery_slot_with_another_public_key_does_not_open(made):
    vault = Vault.from_bytes(made[0])
    vault.recovery.public = crypto.new_keypair()[1]
    with pytest.raises(UnwrapError):
        vault.open_recovery(made[1])


def test_a_recovery_key_without_a_practice_grant_opens_nothing(made):
    vault = Vault.from_bytes(made[0])
    vault.practice.drop_recipient("recovery")
    with pytest.raises(NoGrant):
        vault.open_recovery(made[1])


def test_binding_the_secret_records_its_fingerprint(made):
    vault = Vault.from_bytes(made[0])
    secret = b"s" * 32
    vault.set_binding(Binding("keyring", "x.Y"), secret, made[1])
    assert vault.keyring_fingerprint == binding.fingerprint(secret)
    assert vault.open_recovery(made[1]).pepper == secret
    assert binding.fingerprint(b"t" * 32) != vault.keyring_fingerprint
    vault.set_binding(Binding("none"), None, made[1])
    assert vault.keyring_fingerprint is None


@pytest.mark.parametrize("change", [
    lambda d: d.update(format="iets anders"),
    lambda d: d.update(version=99),
    lambda d: d["directory"]["dokter"].update(role="baas"),
    lambda d: d["binding"].update(mode="wolk"),
    lambda d: d.pop("practice"),
])
def test_a_damaged_file_is_refused(made, change):
    data = json.loads(made[0])
    change(data)
    with pytest.raises(VaultDamaged):
        Vault.from_bytes(json.dumps(data).encode())


def test_loading(tmp_path):
    with pytest.raises(FileNotFoundError):
        Vault.load(tmp_path / "vault.json")
    (tmp_path / "map").mkdir()
    with pytest.raises(VaultDamaged):
        Vault.load(tmp_path / "map")


def test_grants_without_a_section_are_those_of_version_1(vault):
    grant = Grant.seal(PID, "medical", "x", crypto.new_keypair()[1], 1, MK)
    old = Grant.from_json({k: v for k, v in grant.to_json().items() if k != "section"})
    assert old.section is None
    assert old.ad(PID) != grant.ad(PID)


def test_resealing_version_1_grants(vault):
    vault.medical.grants = [Grant.from_json({k: v for k, v in g.to_json().items() if k != "section"})
                            for g in vault.medical.grants]
    vault.medical.grants.append(Grant.from_json({**vault.medical.grants[0].to_json(), "recipient": "weg"}))
    legacy.reseal_medical_grants(vault, MK)
    assert sorted(g.recipient for g in vault.medical.grants) == ["dokter", "recovery"]
    assert all(g.section == "medical" for g in vault.medical.grants)
    before = list(vault.medical.grants)
    legacy.reseal_medical_grants(vault, MK)  # already sealed with a section: left alone
    assert vault.medical.grants == before


def test_key_state_round_trip():
    state = KeyState(3, pending_version=4, pending_mac=b"\1" * 32)
    again = KeyState.from_json(json.loads(json.dumps(state.to_json())))
    assert again == state


def test_entries_refuse_unknown_roles():
    entry = Entry("physician", b"b" * 32, b"s" * 32)
    with pytest.raises(ValueError):
        Entry.from_json({**entry.to_json(), "role": "baas"})


def test_a_dropped_signer_signs_nothing():
    private, _ = crypto.new_signing_keypair()
    signer = crypto.Signer("x", private)
    signer.wipe()
    with pytest.raises(ValueError):
        signer.sign(b"bericht")


def test_signatures_check_out_or_not():
    private, public = crypto.new_signing_keypair()
    signature = crypto.Signer("x", private).sign(b"bericht")
    assert crypto.signature_valid(public, signature, b"bericht")
    assert not crypto.signature_valid(public, signature, b"ander bericht")
    assert not crypto.signature_valid(b"kort", signature, b"bericht")


# --- the keyring, when it fails ------------------------------------------------------------------


class BrokenKeyring(MemoryKeyring):
    def get_password(self, service, username):
        raise keyring.errors.KeyringError("locked")

    def set_password(self, service, username, password):
        raise keyring.errors.KeyringError("locked")

    def delete_password(self, service, username):
        raise keyring.errors.KeyringError("locked")


class ForgetfulKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        pass


def test_a_failing_keyring_gives_clear_answers():
    with install_keyring(BrokenKeyring()):
        name = binding.backend_name()
        assert name.endswith("BrokenKeyring")
        assert binding.create(PID) == (Binding("none"), None)
        anchor = KeyringAnchor(Binding("keyring", name), PID)
        assert anchor.store(1, b"\0" * 32) is False
        assert "niet bereikbaar" in anchor.load()
        from desktop_app.errors import KeyringUnavailable

        with pytest.raises(KeyringUnavailable):
            binding.secret_for(Binding("keyring", name), PID)
        binding.forget(PID)  # a failure to forget is no error


def test_a_keyring_that_does_not_keep_the_secret_leaves_the_practice_unbound():
    with install_keyring(ForgetfulKeyring()):
        assert binding.create(PID) == (Binding("none"), None)


def test_an_unbound_practice_has_no_keyring_head():
    anchor = KeyringAnchor(Binding("none"), PID)
    assert "niet gekoppeld" in anchor.load()
    assert anchor.store(1, b"\0" * 32) is False


def test_a_chained_keyring_without_backends_counts_as_none():
    from keyring.backends.chainer import ChainerBackend

    class EmptyChainer(ChainerBackend):
        backends = []

    with install_keyring(EmptyChainer()):
        assert binding.backend_name() is None


def test_a_damaged_attempts_file_counts_as_no_failures(tmp_path):
    path = tmp_path / "login-attempts.json"
    path.write_text("[1, 2")
    assert LoginThrottle(path).failures("arts").count == 0
    path.write_text('{"arts": "x"}')
    assert LoginThrottle(path).failures("arts").count == 0
