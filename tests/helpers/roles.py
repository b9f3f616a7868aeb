"""A practice with one account for every standing of the permission table, for the tests that
call the services as every role (tests/services/test_permissions.py, test_role_holes.py).

The demo has a physician who is supervisor and admin (``arts``), an assistant with a secrecy
statement and a case manager; this adds a plain physician, a supervising physician without admin
rights, and an assistant without a statement.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from desktop_app.domain.permissions import Permission, Standing, permissions_for
from desktop_app.domain.roles import Role
from desktop_app.services import demo
from desktop_app.services.practice import NewUser
from tests.helpers.keyrings import MemoryKeyring, install_keyring
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, Template, copy_practice, login_as

Account = demo.DemoAccount

DOKTER = Account("dokter", "Proef-dokter-2026!", "Proef-dokter-medisch-2026!", "bedrijfsarts")
KERNDESKUNDIGE = Account("kerndeskundige", "Proef-kd-2026!#", "Proef-kd-medisch-2026!",
                         "bedrijfsarts en kerndeskundige, geen beheerder")
ZONDER = Account("assistent2", "Proef-assistent-2026!", "Proef-assistent-medisch-2026!",
                 "praktijkassistent zonder geheimhoudingsverklaring")

# role name → (account, the standing the table should see)
ROLES: dict[str, tuple[Account, Standing]] = {
    "physician": (DOKTER, Standing(Role.PHYSICIAN)),
    "supervisor": (KERNDESKUNDIGE, Standing(Role.PHYSICIAN, is_supervisor=True)),
    "admin": (ARTS, Standing(Role.PHYSICIAN, is_supervisor=True, is_admin=True)),
    "assistant": (ASSISTENT, Standing(Role.ASSISTANT, secrecy_on_file=True)),
    "assistant_without_statement": (ZONDER, Standing(Role.ASSISTANT)),
    "casemanager": (CASEMANAGER, Standing(Role.CASEMANAGER)),
}


def make_roles_template(bare: Template, folder: Path) -> Template:
    """A copy of the bare demo practice with the three extra accounts."""
    from desktop_app.services import users

    shutil.copytree(bare.folder, folder)
    backend = MemoryKeyring()
    backend.store.update(bare.keyring_store)
    with install_keyring(backend):
        admin = login_as(folder, ARTS, unlock=True)
        try:
            users.add_user(admin, NewUser(DOKTER.username, "dr. D. (Dirk) Dokter", Role.PHYSICIAN,
                                          DOKTER.password, DOKTER.medical_passphrase))
            users.add_user(admin, NewUser(KERNDESKUNDIGE.username, "dr. K. (Karin) Kern",
                                          Role.PHYSICIAN, KERNDESKUNDIGE.password,
                                          KERNDESKUNDIGE.medical_passphrase, is_supervisor=True))
            users.add_user(admin, NewUser(ZONDER.username, "T. (Tom) Zonder", Role.ASSISTANT,
                                          ZONDER.password, ZONDER.medical_passphrase))
        finally:
            admin.close()
    return Template(folder, dict(backend.store), bare.recovery_key, bare.practice_id)


def may_unlock(standing: Standing) -> bool:
    return Permission.MEDICAL_READ in permissions_for(standing)


@contextlib.contextmanager
def role_session(template: Template, folder: Path, role: str):
    """A copy of ``template`` at ``folder``, logged in as ``role``, the medical section unlocked
    where the role may open it."""
    account, standing = ROLES[role]
    copy_practice(template, folder)
    backend = MemoryKeyring()
    backend.store.update(template.keyring_store)
    with install_keyring(backend):
        session = login_as(folder, account, unlock=may_unlock(standing))
        try:
            yield session
        finally:
            session.close()
