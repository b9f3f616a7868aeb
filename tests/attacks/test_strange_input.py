"""Strange input at the login and in the small files beside the vault: a Dutch message, never a
crash, and no cost to the throttle beyond one entry per real try.

- A lone surrogate in a password or passphrase (Qt hands one over from a paste) reaches
  ``str.encode('utf-8')`` inside Argon2id: ``UnicodeEncodeError``.
- The user name typed at the login is stored in ``login-attempts.json`` as typed (after
  ``casefold``), without the format check every real user name passes; every failure rewrites
  the whole file. A few 1 MB names make a file that every later login reads and parses.
- ``json.loads`` raises ``RecursionError`` on deep nesting, and ``int(1e400)`` raises
  ``OverflowError``; neither is caught by the readers of ``vault.json``, ``audit-head.json`` or
  the two attempts files, so a damaged file crashes login, the medical unlock and ``verify``
  instead of naming the file.
"""

from __future__ import annotations

import json

import pytest

from desktop_app.errors import ArbokluisError
from desktop_app.services.practice import login
from desktop_app.services.verify import verify_practice
from tests.helpers.practices import ARTS, login_as

LONE = "Demo-\ud800-2026!"
DEEP = b"[" * 100_000


def test_a_lone_surrogate_in_the_password_gets_a_dutch_message(bare_practice):
    with pytest.raises(ArbokluisError):
        login(bare_practice, ARTS.username, LONE)


def test_a_lone_surrogate_in_the_medical_passphrase_gets_a_dutch_message(bare_practice):
    session = login_as(bare_practice, ARTS)
    try:
        with pytest.raises(ArbokluisError):
            session.unlock_medical(LONE)
    finally:
        session.close()


def test_made_up_user_names_do_not_grow_the_attempts_file(bare_practice):
    for i in range(3):
        with pytest.raises(ArbokluisError):
            login(bare_practice, f"{i}" + "x" * 1_000_000, "fout")
    size = (bare_practice / "login-attempts.json").stat().st_size \
        if (bare_practice / "login-attempts.json").exists() else 0
    assert size < 64 * 1024, f"login-attempts.json is {size // 1024} kB after three tries"


def _infinite_count(raw: bytes) -> bytes:
    d = json.loads(raw)
    d["count"] = 0
    return json.dumps(d).encode().replace(b'"count": 0', b'"count": 1e400')


DAMAGE = {
    "vault-nested": ("vault.json", lambda raw: DEEP),
    "vault-infinite-version": ("vault.json", lambda raw: raw.replace(b'"version": 2', b'"version": 1e400')),
    "head-nested": ("audit-head.json", lambda raw: DEEP),
    "head-infinite-count": ("audit-head.json", _infinite_count),
    "attempts-nested": ("login-attempts.json", lambda raw: DEEP),
    "attempts-infinite": ("login-attempts.json", lambda raw: b'{"arts": [Infinity, Infinity, Infinity]}'),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_damaged_file_stops_the_login_with_a_dutch_message(bare_practice, case):
    name, damage = DAMAGE[case]
    path = bare_practice / name
    path.write_bytes(damage(path.read_bytes() if path.exists() else b""))
    try:
        login(bare_practice, ARTS.username, ARTS.password).close()
    except ArbokluisError:
        pass  # a Dutch message (or, for the attempts file, a login that just works)


@pytest.mark.parametrize("payload", [DEEP, b'{"arts": [Infinity, Infinity, Infinity]}'])
def test_a_damaged_medical_attempts_file_stops_the_unlock_with_a_dutch_message(bare_practice, payload):
    session = login_as(bare_practice, ARTS)
    try:
        (bare_practice / "medical-attempts.json").write_bytes(payload)
        try:
            session.unlock_medical(ARTS.medical_passphrase)
        except ArbokluisError:
            pass
    finally:
        session.close()


@pytest.mark.parametrize("case", ["head-nested", "head-infinite-count"])
def test_verify_names_a_damaged_head_file(bare_practice, case):
    name, damage = DAMAGE[case]
    path = bare_practice / name
    path.write_bytes(damage(path.read_bytes()))
    report = verify_practice(bare_practice, ARTS.username, ARTS.password)
    assert not report.ok
    assert any("audit-head.json" in c.detail for c in report.checks if c.level == "fout")
