"""Variants of test_strange_input: the same kinds of input by other doors.

- a lone surrogate in the user name, and in the new password of a recovery reset;
- made-up user names of a valid shape (each costs a full derivation, so the cap alone would let
  them in one by one): none of them becomes a key of login-attempts.json;
- a slot whose Argon2id parameters were raised to absurd values by someone with folder access:
  the login names the damaged vault instead of allocating terabytes;
- a real user's failures still count under their own name and are reported at their login.
"""

from __future__ import annotations

import json

import pytest

from desktop_app.errors import ArbokluisError, InvalidCredentials, VaultDamaged
from desktop_app.services.practice import login, reset_password_with_recovery
from tests.helpers.practices import ARTS

LONE = "\udc80"


def _attempts(folder) -> dict:
    path = folder / "login-attempts.json"
    return json.loads(path.read_bytes()) if path.exists() else {}


def test_a_lone_surrogate_in_the_user_name_gets_a_dutch_message(bare_practice):
    with pytest.raises(ArbokluisError):
        login(bare_practice, "arts" + LONE, ARTS.password)


def test_a_lone_surrogate_in_a_reset_password_gets_a_dutch_message(bare_practice, bare_template):
    with pytest.raises(ArbokluisError):
        reset_password_with_recovery(bare_practice, bare_template.recovery_key, "casemanager",
                                     "Nieuw-" + LONE + "-wachtwoord-2026")


def test_made_up_user_names_of_a_valid_shape_add_no_key_to_the_attempts_file(bare_practice):
    for name in ("aap", "noot", "mies"):
        with pytest.raises(InvalidCredentials):
            login(bare_practice, name, "Fout-wachtwoord-2026!")
    assert set(_attempts(bare_practice)) <= {"*"}


def test_a_real_users_failures_still_count_under_their_name(bare_practice):
    with pytest.raises(InvalidCredentials):
        login(bare_practice, ARTS.username, "Fout-wachtwoord-2026!")
    assert len(_attempts(bare_practice)["arts"]) == 1


def test_absurd_key_derivation_parameters_in_a_slot_are_damage(bare_practice):
    path = bare_practice / "vault.json"
    data = json.loads(path.read_bytes())
    for slot in data["login_slots"]:
        slot["kdf"]["memory_kib"] = 2 ** 40
    path.write_text(json.dumps(data))
    with pytest.raises(VaultDamaged):
        login(bare_practice, ARTS.username, ARTS.password)
