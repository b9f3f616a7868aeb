"""Round 2: an assistant whose secrecy statement was withdrawn puts back yesterday's folder files.

Withdrawing the statement rotates the medical key; the practice key stays (decision 0005). So the
``vault.json`` of the day before still carries a valid practice MAC (same practice key) and a valid
medical MAC (under the old medical key, which it names as current), and the ``medical.db`` of the
day before opens with that old key — which the assistant still holds through their old grant. No
key is needed to copy two files back. Nothing outside the files remembers the medical key's version
(the keyring keeps only the audit head, and the trail lives in practice.db, which stays live), so
the physician's next unlock takes the old key, and every entry written from then on is readable
with the key the assistant kept.
"""

from __future__ import annotations

import shutil

import sqlcipher3

from desktop_app.domain.roles import Role
from desktop_app.services import medical_entries, users
from desktop_app.services.verify import verify_practice
from desktop_app.vault import binding
from desktop_app.vault.vaultfile import Vault
from tests.helpers.dossiers import add_employee
from tests.helpers.practices import ARTS, ASSISTENT, login_as

NOTE = "depressieve klachten, behandeling bij de huisarts gestart"


def _readable_with(path, key: bytes) -> str:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        return repr(conn.execute("SELECT * FROM medical_entry_versions").fetchall())
    except sqlcipher3.DatabaseError:
        return ""
    finally:
        conn.close()


def _withdraw(admin) -> None:
    users.revoke_secrecy_statement(admin, ASSISTENT.username)


def _demote(admin) -> None:
    users.change_role(admin, ASSISTENT.username, Role.CASEMANAGER)


def _roll_back_after_withdrawal(folder, tmp_path, change=_withdraw) -> bytes:
    """Returns the medical key the withdrawn assistant kept; leaves the folder rolled back."""
    vault = Vault.load(folder / "vault.json")
    pepper = binding.secret_for(vault.binding, vault.practice_id)
    kept = vault.open_medical(ASSISTENT.username, ASSISTENT.medical_passphrase, pepper)[0][1]
    saved = tmp_path / "gisteren"
    saved.mkdir()
    for name in ("vault.json", "medical.db"):
        shutil.copyfile(folder / name, saved / name)

    admin = login_as(folder, ARTS, unlock=True)
    try:
        change(admin)
    finally:
        admin.close()
    assert not _readable_with(folder / "medical.db", kept)  # the rotation did take

    for suffix in ("-wal", "-shm"):
        (folder / f"medical.db{suffix}").unlink(missing_ok=True)
    for name in ("vault.json", "medical.db"):
        shutil.copyfile(saved / name, folder / name)
    return kept


def test_a_withdrawn_assistant_cannot_roll_the_medical_key_back(bare_practice, tmp_path):
    folder = bare_practice
    kept = _roll_back_after_withdrawal(folder, tmp_path)

    arts = login_as(folder, ARTS)
    try:
        try:
            arts.unlock_medical(ARTS.medical_passphrase)
            employee = add_employee(arts)
            medical_entries.add_entry(arts, employee.id, "note", {"text": NOTE})
        except Exception:
            pass  # refusing the rolled-back files is the right outcome
    finally:
        arts.close()

    assert NOTE not in _readable_with(folder / "medical.db", kept), (
        "a new medical entry is readable with the key of an assistant whose statement was withdrawn")


def test_verify_notices_vault_and_medical_db_rolled_back_past_a_rotation(bare_practice, tmp_path):
    folder = bare_practice
    _roll_back_after_withdrawal(folder, tmp_path)
    report = verify_practice(folder, ARTS.username, ARTS.password, ARTS.medical_passphrase)
    assert not report.ok, "; ".join(f"{c.level} {c.name} {c.detail}" for c in report.checks)


def test_a_demoted_assistant_cannot_roll_the_medical_key_back(bare_practice, tmp_path):
    """The same after a demotion to case manager (the practice key stays there too)."""
    folder = bare_practice
    kept = _roll_back_after_withdrawal(folder, tmp_path, change=_demote)
    arts = login_as(folder, ARTS)
    try:
        try:
            arts.unlock_medical(ARTS.medical_passphrase)
            employee = add_employee(arts)
            medical_entries.add_entry(arts, employee.id, "note", {"text": NOTE})
        except Exception:
            pass
    finally:
        arts.close()
    assert NOTE not in _readable_with(folder / "medical.db", kept), (
        "a new medical entry is readable with the key of a user demoted to case manager")
