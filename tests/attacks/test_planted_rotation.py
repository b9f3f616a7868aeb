"""A rotation planted by someone who holds no key at all takes over the live practice key.

The practice MAC of ``vault.json`` is accepted under a *pending* practice key when the current one
does not fit (``practice._verify_mac``), and a pending practice grant is not covered by the medical
MAC. A pending grant needs only the recipient's public key, which the vault lists in the clear.
So anyone who can write the data folder — an outsider, or a colleague removed yesterday — can:

1. pick a key K of their own;
2. add a pending practice rotation: K sealed to every user's public box key and the recovery key;
3. MAC the whole file under K (no existing key needed).

At the next login of anyone, ``rotation.complete_practice`` "finishes the interrupted rotation":
it rekeys the live ``practice.db`` to K. The attacker now holds the live practice key (all
practice data, including what was added after they left) and can re-MAC the vault at will.
"""

from __future__ import annotations

import contextlib

import sqlcipher3

from desktop_app.errors import ArbokluisError
from desktop_app.fileio import atomic_write
from desktop_app.services import users
from desktop_app.services.practice import login
from desktop_app.vault import crypto
from desktop_app.vault.slots import RECOVERY, Grant
from desktop_app.vault.vaultfile import PRACTICE_SECTION, Vault
from tests.helpers.practices import ARTS, CASEMANAGER, login_as


def _plant_practice_rotation(folder) -> bytes:
    """What the attacker does with write access only: returns the key they chose."""
    vault = Vault.load(folder / "vault.json")
    mine = crypto.random_bytes()
    state = vault.practice
    state.pending_version = state.version + 1
    state.pending_grants = [
        Grant.seal(vault.practice_id, PRACTICE_SECTION, name, entry.box, state.pending_version, mine)
        for name, entry in sorted(vault.directory.items())
    ] + [Grant.seal(vault.practice_id, PRACTICE_SECTION, RECOVERY, vault.recovery.public,
                    state.pending_version, mine)]
    vault.sign(mine)  # the practice MAC, under the attacker's own key
    atomic_write(folder / "vault.json", vault.to_bytes())
    return mine


def _opens_with(path, key: bytes) -> bool:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def test_a_removed_colleague_plants_a_practice_key_that_the_next_login_adopts(bare_practice):
    folder = bare_practice
    admin = login_as(folder, ARTS, unlock=True)
    try:
        users.remove_user(admin, CASEMANAGER.username)
    finally:
        admin.close()

    # The removed case manager, still able to write the (shared) folder, holds no live key.
    mine = _plant_practice_rotation(folder)
    assert not _opens_with(folder / "practice.db", mine)

    # An ordinary login the next morning.
    with contextlib.suppress(ArbokluisError):
        login(folder, ARTS.username, ARTS.password).close()

    assert not _opens_with(folder / "practice.db", mine), (
        "the live practice.db now opens with a key chosen by someone who held no key")


def test_verify_does_not_pass_a_planted_practice_rotation_nor_complete_it(bare_practice):
    from desktop_app.services.verify import verify_practice

    folder = bare_practice
    mine = _plant_practice_rotation(folder)  # anyone who can write the folder; no key needed
    report = verify_practice(folder, ARTS.username, ARTS.password, ARTS.medical_passphrase)
    adopted = _opens_with(folder / "practice.db", mine)
    assert (report.ok, adopted) == (False, False), (
        f"verify says ok: {report.ok}; and it rekeyed practice.db to the planted key: {adopted}")
