"""Round 3: one bad element in the removed-users record silently emptied it (one entry for all).

``RemovedUsers.load`` returns [] for any record it cannot read whole: a single element without a
``sign`` (or a value over ``MAX_BYTES``, or one the keyring truncated) and every removal is
forgotten, without a word to anyone; the next removal then writes a fresh record over it
(``add`` starts from the empty list), so the damage becomes permanent. The restore afterwards
says "nobody" exactly as when nobody was removed. Strange input, from whoever writes the keyring
(or a backend that mangles it); the point is the silence and the overwrite, not the deletion
(which 0010 leaves open).
"""

from __future__ import annotations

import keyring

from desktop_app.services import backup, users
from desktop_app.vault.binding import SERVICE
from desktop_app.vault.removed import account
from desktop_app.vault.vaultfile import Vault
from tests.helpers.practices import ARTS, login_as


def test_one_bad_entry_holds_its_user_and_forgets_no_other(practice, tmp_path):
    """One entry per user now; an entry that cannot be read holds its user (fails closed)."""
    practice_id = Vault.load(practice / "vault.json").practice_id
    admin = login_as(practice, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, tmp_path / "oud")
        users.remove_user(admin, "assistent")
        keyring.set_password(SERVICE, account(practice_id, "casemanager"), '{"what": "removed"')  # damaged
    finally:
        admin.close()
    restored = backup.restore(made.path, tmp_path / "terug", username="arts", password=ARTS.password,
                              medical_passphrase=ARTS.medical_passphrase)
    assert restored.held == ["assistent", "casemanager"]
