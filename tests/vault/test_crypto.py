import pytest

from desktop_app.vault import crypto
from desktop_app.vault.crypto import KdfParams, UnwrapError
from desktop_app.vault.secret import SecretKey


def test_argon2id_depends_on_password_salt_and_pepper():
    params = KdfParams()
    salt = b"s" * 16
    base = crypto.argon2id("wachtwoord", salt, params, None)
    assert base != crypto.argon2id("wachtwoord2", salt, params, None)
    assert base != crypto.argon2id("wachtwoord", b"t" * 16, params, None)
    assert base != crypto.argon2id("wachtwoord", salt, params, b"p" * 32)
    assert base == crypto.argon2id("wachtwoord", salt, params, None)


def test_weak_kdf_parameters_in_a_file_are_refused():
    with pytest.raises(ValueError):
        KdfParams.from_json({"memory_kib": 1024, "iterations": 1, "lanes": 1, "algorithm": "argon2id"})
    with pytest.raises(ValueError):
        KdfParams.from_json({"memory_kib": 65536, "iterations": 3, "lanes": 1, "algorithm": "pbkdf2"})


def test_sealing_binds_the_associated_data():
    key = crypto.random_bytes()
    nonce, ct = crypto.seal(key, b"geheim", b"meta")
    assert crypto.open_sealed(key, nonce, ct, b"meta") == b"geheim"
    with pytest.raises(UnwrapError):
        crypto.open_sealed(key, nonce, ct, b"other")


def test_sealing_to_a_public_key():
    private, public = crypto.new_keypair()
    other_private, _ = crypto.new_keypair()
    sealed = crypto.seal_to(public, b"medische sleutel", b"ad")
    assert crypto.open_from(private, sealed, b"ad") == b"medische sleutel"
    with pytest.raises(UnwrapError):
        crypto.open_from(other_private, sealed, b"ad")


def test_secret_key_wipes_its_bytes():
    key = SecretKey(b"k" * 32)
    buf = key._buf
    key.wipe()
    assert bytes(buf) == b"\0" * 32
    assert key.wiped
    with pytest.raises(ValueError):
        key.bytes()
    assert "32" not in repr(key)


def test_secret_keys_compare_in_constant_time_and_show_as_hex():
    a, b = SecretKey(b"k" * 32), SecretKey(b"k" * 32)
    assert a == b
    assert a != SecretKey(b"j" * 32)
    assert (a == b"k" * 32) is False  # only another SecretKey compares
    assert a.hex() == (b"k" * 32).hex()

