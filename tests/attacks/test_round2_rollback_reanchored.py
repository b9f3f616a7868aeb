"""Round 2: a rolled-back folder is forgotten at the next login, because the login writes the
keyring head without comparing it first.

Decision 0005 keeps the audit head in the OS keyring so that "a folder rolled back with its head
file is found". But only ``verify`` compares the keyring head with the trail; every login ends in
``AuditTrail.anchor_now()``, which overwrites the keyring head with whatever the folder now holds
(``AuditTrail.record`` compares the head *file* only). So the rollback is detectable only until
someone logs in — in a practice, the next morning.

A colleague who is removed (both keys rotated) but can still write the folder puts back the whole
folder as it was the day before their removal. The physician logs in as every morning: nothing is
said, the keyring now vouches for the rolled-back trail, ``verify`` is 'in orde' — and the live
practice once again opens with the removed colleague's old password.
"""

from __future__ import annotations

import shutil

import pytest

from desktop_app.services import users
from desktop_app.services.practice import login
from tests.helpers.keyrings import install_keyring
from tests.helpers.practices import ARTS, CASEMANAGER, login_as, make_file_bound_template
from tests.test_cli import Bound


@pytest.fixture(scope="module")
def bound_template(tmp_path_factory):
    base = tmp_path_factory.mktemp("bound-round2-rollback")
    return make_file_bound_template(base / "praktijk", base / "keyring.json")


@pytest.fixture
def rolled_back(bound_template, tmp_path):
    bound = Bound(bound_template, tmp_path)
    bound.login_and_logout()
    before = tmp_path / "kopie-van-gisteren"
    shutil.copytree(bound.folder, before)  # the colleague's copy: file access only
    with install_keyring(bound.backend):
        admin = login_as(bound.folder, ARTS, unlock=True)
        try:
            users.remove_user(admin, CASEMANAGER.username)
        finally:
            admin.close()
    shutil.rmtree(bound.folder)
    shutil.copytree(before, bound.folder)  # ... put back after the removal
    return bound


def test_the_next_login_does_not_silently_accept_a_rolled_back_folder(rolled_back):
    with install_keyring(rolled_back.backend):
        try:
            login_as(rolled_back.folder, ARTS).close()  # the physician's ordinary morning login
        except Exception:
            pass  # refusing, or warning, is what should happen
    result = rolled_back.verify()
    assert result.returncode == 1, result.stdout + result.stderr


def test_after_that_login_the_removed_colleague_is_not_back_in(rolled_back):
    with install_keyring(rolled_back.backend):
        try:
            login_as(rolled_back.folder, ARTS).close()
        except Exception:
            pass
        opened = True
        try:
            login(rolled_back.folder, CASEMANAGER.username, CASEMANAGER.password).close()
        except Exception:
            opened = False
    assert not opened, "the removed case manager's old password opens the live practice again"
