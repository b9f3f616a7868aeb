"""Round 3: a user held after a restore still receives every new key the practice makes.

The hold is a refusal in the login (``practice._refuse_if_held``); the held user stays in the
directory, so each rotation while they are held (another user removed, a statement withdrawn)
seals the new key to them too. The restore dialog and Gebruikers say only that they "cannot log
in". The attacker: the removed case manager, with their old password and a copy of the restored
folder (and the workstation's keyring secret, which never rotates and which they could read while
they worked there), opens the practice key of a rotation made *after* the admin saw them held.
"""

from __future__ import annotations

import pytest

from desktop_app.errors import HeldAfterRestore
from desktop_app.services import backup, users
from desktop_app.services.practice import login
from desktop_app.storage.sections import PRACTICE, open_section
from desktop_app.vault import binding
from desktop_app.vault.crypto import UnwrapError
from desktop_app.vault.vaultfile import Vault
from tests.helpers.practices import ARTS, CASEMANAGER, login_as


def test_a_rotation_while_a_user_is_held_seals_nothing_to_them(practice, tmp_path):
    admin = login_as(practice, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, tmp_path / "oud")
        users.remove_user(admin, "casemanager")
    finally:
        admin.close()
    restored = backup.restore(made.path, tmp_path / "terug", username="arts", password=ARTS.password,
                              medical_passphrase=ARTS.medical_passphrase)
    assert restored.held == ["casemanager"]
    with pytest.raises(HeldAfterRestore):
        login(tmp_path / "terug", "casemanager", CASEMANAGER.password)

    # The admin sees the hold, does not decide yet, and removes the assistant: the practice key
    # rotates "so that the removed can open nothing".
    admin = login_as(tmp_path / "terug", ARTS, unlock=True)
    try:
        assert users.held_after_restore(admin) == ["casemanager"]
        users.remove_user(admin, "assistent")
    finally:
        admin.close()

    # The held case manager, outside the program, with the old password.
    vault = Vault.load(tmp_path / "terug" / "vault.json")
    pepper = binding.secret_for(vault.binding, vault.practice_id)
    try:
        key = vault.open_login("casemanager", CASEMANAGER.password, pepper)
    except UnwrapError:
        return  # nothing sealed to a held user: what the notice promises
    db = open_section(PRACTICE, tmp_path / "terug" / "practice.db", key, vault.practice_id)
    try:
        count = db.execute("SELECT count(*) FROM users").fetchone()[0]
    finally:
        db.close()
    pytest.fail(f"the held case manager opened practice.db of the rotation made while they were "
                f"held (read {count} users); the hold keeps them only out of the program's login")
