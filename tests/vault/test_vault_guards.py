"""The vault refuses, with a typed error, what its own checks once only asserted (asserts vanish
under ``python -O``): a grant to a user it has no entry for, a medical slot without its public key."""

import dataclasses

import pytest

from desktop_app.errors import VaultDamaged
from desktop_app.vault import recovery
from desktop_app.vault.binding import Binding
from desktop_app.vault.vaultfile import Vault

PID = "00000000-0000-0000-0000-000000000002"
PK, MK = b"p" * 32, b"m" * 32
PASSWORD, PASSPHRASE = "Een-wachtwoord-2026!", "Een-wachtzin-medisch-2026!"


@pytest.fixture(scope="module")
def made() -> bytes:
    vault = Vault.create(PID, Binding("none"), None, recovery.generate(), PK, MK)
    vault.add_user("dokter", PASSWORD, None, "physician", practice_key=PK, admin=True)
    vault.set_medical("dokter", PASSPHRASE, None, MK)
    vault.seal_medical(MK)
    vault.sign(PK)
    return vault.to_bytes()


@pytest.fixture
def vault(made):
    return Vault.from_bytes(made)


def test_a_practice_grant_to_a_user_without_an_entry_is_refused(vault):
    grants_before = list(vault.practice.grants)
    with pytest.raises(VaultDamaged):
        vault.grant_practice("niemand", PK)
    assert vault.practice.grants == grants_before


def test_a_medical_grant_to_a_slot_without_its_public_key_is_refused(vault):
    vault.medical_slots["dokter"] = dataclasses.replace(vault.medical_slots["dokter"], public=None)
    grants_before = list(vault.medical.grants)
    with pytest.raises(VaultDamaged):
        vault.grant_medical("dokter", MK)
    assert vault.medical.grants == grants_before


def test_the_signing_keys_name_every_user_once(vault):
    keys = vault.signing_keys()
    assert sorted(keys) == ["dokter"]
    assert [k.public for k in keys["dokter"]] == [vault.directory["dokter"].sign]
