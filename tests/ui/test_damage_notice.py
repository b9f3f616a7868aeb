"""Damage in the middle of practice.db is shown right after login, naming the file."""

import pytest

from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui


def test_damage_found_by_the_background_check_is_shown_once(qtbot, controller, practice, recorded_messages):
    from tests.helpers.practices import login_as
    from tests.helpers.rawpages import PAGE, decrypted_pages

    log, _answers = recorded_messages
    # Old audit events: pages that neither the login nor the main window reads.
    session = login_as(practice, ARTS)
    with session.db.transaction():
        for i in range(400):
            session.record("read", data=f"oud-merkteken-{i:04d}")
    key = session.practice_key()
    session.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    session.close()
    path = practice / "practice.db"
    page = next(n for n, body in enumerate(decrypted_pages(path, key)) if b"oud-merkteken-0100" in body)
    with open(path, "r+b") as fh:
        fh.seek(page * PAGE + 100)
        byte = fh.read(1)
        fh.seek(page * PAGE + 100)
        fh.write(bytes([byte[0] ^ 0xFF]))
    log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: any(kind == "error" for kind, _ in log), timeout=30000)
    errors = [text for kind, text in log if kind == "error"]
    assert "practice.db" in errors[0]
    assert "back-up" in errors[0]
    qtbot.wait(2500)  # the timer keeps asking; the message is not repeated
    assert len([kind for kind, _ in log if kind == "error"]) == 1
