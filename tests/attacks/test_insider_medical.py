"""A case manager obtains the live medical data by faking an interrupted medical rotation.

The medical unlock tries the current medical key, then a *pending* one (``_open_medical_with``).
When only the pending key opens ``medical.db``, the vault's medical part is checked against the
``pending_mac`` — a MAC under that same pending key (``check_medical(pending=True)``). Nothing
ties the pending key to the current one: whoever makes a ``medical.db`` that opens with a key of
their own, and seals that key to the physician's medical public key (listed in the vault), writes
a pending MAC that passes. Then ``complete_medical`` "finishes the rotation": it promotes the
attacker's key and **rekeys every pre-migration copy** (``medical.db.v*.bak``) from the current
key — which the physician's grant just yielded — to the attacker's key.

So the case manager (practice key only):
1. renames the live ``medical.db`` to ``medical.db.v99.bak`` (it matches ``copies_of``);
2. creates an empty ``medical.db`` under a key K of their own (with the program's own code);
3. stages a pending medical version: K sealed to every medical slot and the recovery key, and to a
   medical slot of their own; ``pending_mac`` under K; re-MACs the file with the practice key.

At the physician's next unlock the real medical section is re-encrypted under K, and the vault's
medical part (with the case manager's slot in it) is sealed under K as the live medical key.
"""

from __future__ import annotations

import contextlib

import sqlcipher3

from desktop_app.errors import ArbokluisError
from desktop_app.services import medical_entries
from desktop_app.storage.sections import MEDICAL, VAULT_MAC_MARKER, open_section, set_marker
from desktop_app.vault import crypto
from desktop_app.vault.slots import RECOVERY, Grant
from desktop_app.vault.vaultfile import MEDICAL_SECTION
from tests.helpers.dossiers import add_employee
from tests.helpers.insider import Insider
from tests.helpers.practices import ARTS, CASEMANAGER, login_as

OWN = "Eigen-medische-wachtzin-cm-1!"
SECRET = "burn-out, verwezen naar psycholoog"


def _medical_text(path, key: bytes) -> str:
    """Everything readable in the file with ``key`` (empty when it does not open)."""
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA wal_checkpoint")
        rows = conn.execute("SELECT * FROM medical_entry_versions").fetchall()
        return repr(rows)
    except sqlcipher3.DatabaseError:
        return ""
    finally:
        conn.close()


def _fake_medical_rotation(folder, vault, own_slot=None) -> bytes:
    """Steps 1-3 above, on ``vault`` (not saved); returns the attacker's medical key."""
    mine = crypto.random_bytes()
    (folder / "medical.db").rename(folder / "medical.db.v99.bak")
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            (folder / f"medical.db{suffix}").unlink()
    fake = open_section(MEDICAL, folder / "medical.db", mine, vault.practice_id, create=True)
    set_marker(fake, VAULT_MAC_MARKER)
    fake.close()
    if own_slot is not None:
        vault.set_medical_slot(own_slot[0], OWN, own_slot[1])
    state = vault.medical
    state.pending_version = state.version + 1
    state.pending_grants = [
        Grant.seal(vault.practice_id, MEDICAL_SECTION, name, slot.public, state.pending_version, mine)
        for name, slot in sorted(vault.medical_slots.items())
    ] + [Grant.seal(vault.practice_id, MEDICAL_SECTION, RECOVERY, vault.recovery.public,
                    state.pending_version, mine)]
    state.pending_mac = vault._medical_tag(mine)
    return mine


def test_a_case_manager_cannot_fake_a_medical_rotation_to_a_key_of_their_own(bare_practice):
    folder = bare_practice
    arts = login_as(folder, ARTS, unlock=True)
    try:
        employee = add_employee(arts)
        medical_entries.add_entry(arts, employee.id, "note", {"text": SECRET})  # live medical data
    finally:
        arts.close()

    cm = Insider(folder, CASEMANAGER)
    mine = _fake_medical_rotation(folder, cm.vault, own_slot=(CASEMANAGER.username, cm.pepper))
    cm.resign_vault()

    refused = False
    arts = login_as(folder, ARTS)
    try:
        arts.unlock_medical(ARTS.medical_passphrase)
    except ArbokluisError:
        refused = True
    finally:
        arts.close()

    copy = folder / "medical.db.v99.bak"
    readable = copy.exists() and SECRET in _medical_text(copy, mine)
    assert refused and not readable, (
        f"unlock refused: {refused}; the live medical data now opens with the case manager's key: "
        f"{readable}")


def test_a_removed_colleague_without_any_key_cannot_reach_the_live_medical_data(bare_practice):
    """The same with the planted practice rotation of test_planted_rotation: no key at all."""
    from desktop_app.services import users
    from desktop_app.vault.vaultfile import Vault
    from tests.attacks.test_planted_rotation import _plant_practice_rotation

    folder = bare_practice
    arts = login_as(folder, ARTS, unlock=True)
    try:
        employee = add_employee(arts)
        medical_entries.add_entry(arts, employee.id, "note", {"text": SECRET})
        users.remove_user(arts, CASEMANAGER.username)
    finally:
        arts.close()

    practice_key = _plant_practice_rotation(folder)  # the vault now carries a MAC under this key
    vault = Vault.load(folder / "vault.json")
    medical_key = _fake_medical_rotation(folder, vault)
    vault.sign(practice_key)
    (folder / "vault.json").write_bytes(vault.to_bytes())

    with contextlib.suppress(ArbokluisError):
        login_as(folder, ARTS, unlock=True).close()

    copy = folder / "medical.db.v99.bak"
    assert not (copy.exists() and SECRET in _medical_text(copy, medical_key)), (
        "a colleague removed the day before, holding no key, reads the live medical data")
