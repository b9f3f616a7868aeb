"""The letterhead of every document comes from the practice's settings, its logo included."""

from __future__ import annotations

import base64

from desktop_app.domain.roles import Role
from desktop_app.services import documents
from desktop_app.services.demo_medical import _tiny_png
from desktop_app.services.practice import NewUser, create_practice, login

ADMIN = NewUser("arts", "dr. L. Logo", Role.PHYSICIAN, "Logo-wachtwoord-2026!", "Logo-wachtzin-medisch-2026!",
                is_admin=True)


def _practice(tmp_path, settings):
    folder = tmp_path / "praktijk"
    create_practice(folder, practice_name="Praktijk Logo", first_user=ADMIN, settings=settings)
    return login(folder, ADMIN.username, ADMIN.password)


def test_the_logo_chosen_at_setup_is_on_the_letterhead(tmp_path, memory_keyring):
    png = _tiny_png()
    session = _practice(tmp_path, {"practice_logo": base64.b64encode(png).decode()})
    try:
        assert documents.letterhead(session).logo == png
    finally:
        session.close()


def test_without_a_logo_the_letterhead_has_none(tmp_path, memory_keyring):
    session = _practice(tmp_path, {})
    try:
        assert documents.letterhead(session).logo is None
    finally:
        session.close()


def test_the_letterhead_carries_the_practice_name(tmp_path, memory_keyring):
    session = _practice(tmp_path, {})
    try:
        assert documents.letterhead(session).name == "Praktijk Logo"
    finally:
        session.close()
