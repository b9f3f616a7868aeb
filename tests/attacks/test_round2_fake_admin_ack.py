"""Round 2: a case manager who calls themselves an admin physician in vault.json re-anchors the
keyring head with ``audit-acknowledge``, and a cut tail no longer fails ``verify``.

``services.acknowledge.acknowledge_breaks`` decides who may acknowledge with ``session.may``,
i.e. on the directory as ``vault.json`` says it *today* — which is only checked against the medical
MAC at a medical unlock, never at login. Any practice-key holder can rewrite their own directory
entry and re-MAC the file with the practice key. The acknowledgement they then record does not
count (``verify`` knows the real admins once the medical passphrase is given), but the command has
already done its other work: ``anchor_now()`` wrote the cut trail's head into this workstation's
keyring. The rollback the keyring was there to catch can no longer be recomputed, and the
uncounted acknowledgement is only a warning. The case manager then puts back the ``vault.json``
they saved before (same practice key: its practice MAC and its medical MAC are both still valid)
and their role in ``practice.db``, so even ``verify`` with the physician's medical passphrase
exits 0: four events of the physician's are gone, unreported.
"""

from __future__ import annotations

import dataclasses

import pytest

from tests.helpers.insider import head
from tests.helpers.practices import CASEMANAGER, make_file_bound_template
from tests.test_cli import Bound


@pytest.fixture(scope="module")
def bound_template(tmp_path_factory):
    base = tmp_path_factory.mktemp("bound-round2")
    return make_file_bound_template(base / "praktijk", base / "keyring.json")


@pytest.fixture
def bound(bound_template, tmp_path):
    return Bound(bound_template, tmp_path)


def _make_myself_admin(cm) -> bytes:
    saved = (cm.folder / "vault.json").read_bytes()
    entry = cm.vault.directory["casemanager"]
    cm.vault.directory["casemanager"] = dataclasses.replace(entry, role="physician", admin=True)
    cm.resign_vault()
    with cm.db() as conn:  # so that verify's practice.db-against-vault.json check agrees
        conn.execute("UPDATE users SET role = 'physician', is_admin = 1 WHERE username = 'casemanager'")
    return saved


def _put_back(cm, saved: bytes) -> None:
    (cm.folder / "vault.json").write_bytes(saved)
    with cm.db() as conn:
        conn.execute("UPDATE users SET role = 'casemanager', is_admin = 0 WHERE username = 'casemanager'")


def test_a_case_manager_cannot_re_anchor_the_keyring_over_a_cut_tail(bound):
    bound.login_and_logout()
    bound.login_and_logout()
    count = head(bound.folder)["count"]
    cm = bound.insider()
    with cm.db() as conn:
        conn.execute("DELETE FROM audit_events WHERE seq > ?", (count - 4,))  # the physician's last visit
    saved = _make_myself_admin(cm)
    bound.cli("audit-acknowledge", "--user", CASEMANAGER.username,
              env={"ARBOKLUIS_PASSWORD": CASEMANAGER.password})
    _put_back(cm, saved)

    result = bound.verify()  # with the physician's medical passphrase
    assert result.returncode == 1, result.stdout + result.stderr
