"""A demo practice made once per test run and copied for each test that needs one."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from desktop_app.services import demo
from desktop_app.services.practice import login
from tests.helpers.keyrings import MemoryKeyring, install_keyring

ARTS, ASSISTENT, CASEMANAGER = demo.ACCOUNTS


@dataclass
class Template:
    folder: Path
    keyring_store: dict
    recovery_key: str
    practice_id: str


def make_template(folder: Path, *, dossiers: bool = True) -> Template:
    backend = MemoryKeyring()
    with install_keyring(backend):
        created = demo.create_demo(folder, dossiers=dossiers)
    return Template(folder, dict(backend.store), created.recovery_key, created.practice_id)


def copy_practice(template: Template, target: Path) -> Path:
    shutil.copytree(template.folder, target)
    return target


def login_as(folder: Path, account, *, unlock: bool = False):
    session = login(folder, account.username, account.password)
    if unlock:
        session.unlock_medical(account.medical_passphrase)
    return session
