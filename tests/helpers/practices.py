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
    keyring_file: Path | None = None


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


def make_file_bound_template(folder: Path, keyring_file: Path) -> Template:
    """A demo practice (accounts only) bound to a file keyring that subprocesses can share."""
    from tests.helpers.keyrings import FileKeyring

    backend = FileKeyring(keyring_file)
    with install_keyring(backend):
        created = demo.create_demo(folder, dossiers=False)
    template = Template(folder, backend.store, created.recovery_key, created.practice_id)
    template.keyring_file = keyring_file
    return template


def copy_file_bound(template: Template, keyring_file: Path, target: Path) -> Path:
    """A copy of the practice and of its workstation's keyring."""
    shutil.copytree(template.folder, target)
    shutil.copyfile(template.keyring_file, keyring_file)
    return target
