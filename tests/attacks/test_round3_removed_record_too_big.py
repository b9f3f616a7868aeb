"""Round 3: on Windows the removed-users record stops being written after about ten removals.

``vault/removed.py`` keeps every removal of a practice in ONE keyring entry, a JSON list that only
grows (``MAX_BYTES`` = 256 KiB, "some thousands of removals"). Windows comes first (DESIGN.md §1),
and keyring's Windows backend writes the value with ``win32cred.CredWrite`` as a UTF-16 blob,
which Credential Manager caps at 2560 bytes (CRED_MAX_CREDENTIAL_BLOB_SIZE): 1280 characters, some
10 records. Past that ``CredWrite`` raises ``pywintypes.error`` (1783), which keyring does not turn
into a ``KeyringError``; ``RemovedUsers._store`` catches only ``KeyringError``. So the removal that
crosses the limit ends, after its key rotation, in an unexpected error, and it is not remembered:
a later restore of an older backup names nobody and lets that user in.

The backend below behaves as Credential Manager does for size (the error class stands in for
``pywintypes.error``, which only exists on Windows). The practice has
seen 10 earlier removals (2546 bytes as UTF-16: still under the cap).
"""

from __future__ import annotations

import json

import pytest

from desktop_app.errors import HeldAfterRestore
from desktop_app.services import backup, users
from desktop_app.services.practice import login
from desktop_app.vault.binding import SERVICE
from desktop_app.vault.removed import account
from desktop_app.vault.vaultfile import Vault
from tests.helpers.practices import ARTS, CASEMANAGER, login_as

CRED_MAX_CREDENTIAL_BLOB_SIZE = 5 * 512


class CredWriteError(Exception):
    """Stands in for pywintypes.error(1783, 'CredWrite', 'The stub received bad data.')."""


def _sized_like_credential_manager(backend, monkeypatch):
    plain = backend.set_password

    def set_password(service, username, password):
        if len(str(password).encode("utf-16-le")) > CRED_MAX_CREDENTIAL_BLOB_SIZE:
            raise CredWriteError(1783, "CredWrite", "The stub received bad data.")
        plain(service, username, password)

    monkeypatch.setattr(backend, "set_password", set_password)


def _earlier_removals(store: dict, practice_id: str, n: int) -> None:
    for i in range(n):
        store[(SERVICE, account(practice_id, f"oud-medewerker-{i:02d}"))] = json.dumps(
            {"what": "removed", "on": "2025-03-01", "admitted": False})


def test_the_removal_after_ten_others_is_still_remembered(practice, tmp_path, monkeypatch):
    import keyring

    backend = keyring.get_keyring()  # this workstation's keyring, sized as Credential Manager
    _sized_like_credential_manager(backend, monkeypatch)
    practice_id = Vault.load(practice / "vault.json").practice_id
    _earlier_removals(backend.store, practice_id, 40)  # one entry each: none grows
    admin = login_as(practice, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, tmp_path / "oud")
        users.remove_user(admin, "casemanager")  # today: CredWriteError after the rotation
    finally:
        admin.close()
    restored = backup.restore(made.path, tmp_path / "terug", username="arts",
                              password=ARTS.password, medical_passphrase=ARTS.medical_passphrase)
    assert "casemanager" in restored.held
    with pytest.raises(HeldAfterRestore):
        login(tmp_path / "terug", "casemanager", CASEMANAGER.password).close()



def test_a_keyring_that_refuses_the_record_does_not_stop_the_removal(practice, monkeypatch):
    import keyring

    backend = keyring.get_keyring()
    plain = backend.set_password

    def refuse(service, username, password):
        if "-removed-" in username:
            raise CredWriteError(1783, "CredWrite", "The stub received bad data.")
        plain(service, username, password)

    monkeypatch.setattr(backend, "set_password", refuse)
    admin = login_as(practice, ARTS, unlock=True)
    try:
        users.remove_user(admin, "casemanager")  # the rotation is the first line; it still runs
    finally:
        admin.close()
    from desktop_app.errors import InvalidCredentials

    with pytest.raises(InvalidCredentials):
        login(practice, "casemanager", CASEMANAGER.password)
