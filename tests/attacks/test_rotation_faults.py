"""A rotation that meets a read-only medical.db ends in a raw driver error, not a Dutch message.

Someone with write access to the folder can set the read-only attribute on ``medical.db`` (on a
share, any writer can); an assistant who expects their statement to be withdrawn does so first.
``PRAGMA rekey`` then raises ``sqlcipher3.OperationalError``, which ``storage.connection`` does not
classify, and the withdrawal stops with "onverwachte fout" while the old medical key stays in use
until the next unlock on a writable file.
"""

from __future__ import annotations

import pytest

from desktop_app.errors import ArbokluisError
from desktop_app.services import users
from tests.helpers.filesystem import read_only
from tests.helpers.practices import ARTS, login_as


def test_withdrawing_a_statement_on_a_read_only_medical_db_gives_a_dutch_message(bare_practice):
    with read_only(bare_practice / "medical.db"):
        admin = login_as(bare_practice, ARTS, unlock=True)
        try:
            with pytest.raises(ArbokluisError):
                users.revoke_secrecy_statement(admin, "assistent")
        finally:
            admin.close()
