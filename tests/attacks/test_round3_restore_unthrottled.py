"""Round 3: the restore was an unthrottled oracle for the medical passphrase (and the password).

0005 throttles the medical passphrase per user (delay after the third wrong try, each failure
recorded). The password restore now asks for the medical passphrase too and answers
``InvalidPassphrase`` for a wrong one, but counts nothing: whoever knows a physician's password
(seen over a shoulder) and has any backup file can try passphrases at the restore dialog, before
anyone logs in, as fast as Argon2id allows, with the workstation's keyring secret mixed in for
them, and nothing is recorded anywhere. In the practice itself the fourth try is refused.
"""

from __future__ import annotations

import pytest

from desktop_app.errors import InvalidPassphrase, LoginThrottled
from desktop_app.services import backup
from tests.helpers.practices import ARTS, login_as

GUESSES = [f"Misschien-{i}-de-wachtzin!" for i in range(3)]


def test_guessing_the_passphrase_at_the_restore_is_throttled(practice, tmp_path):
    admin = login_as(practice, ARTS, unlock=True)
    try:
        made = backup.create_backup(admin, tmp_path / "oud")
    finally:
        admin.close()
    for i, guess in enumerate(GUESSES):
        with pytest.raises(InvalidPassphrase):
            backup.restore(made.path, tmp_path / f"poging{i}", username="arts", password=ARTS.password,
                           medical_passphrase=guess)
    # After three wrong tries the next one waits, as at the practice's own unlock.
    with pytest.raises(LoginThrottled):
        backup.restore(made.path, tmp_path / "raak", username="arts", password=ARTS.password,
                       medical_passphrase=ARTS.medical_passphrase)
