"""The password policy, with one clear Dutch message per reason.

A login password and a medical passphrase each: at least 12 characters, and either 20 or more
characters (a passphrase of words) or three of the four kinds (lower case, upper case, digit,
other). Not (nearly) the user name, not a run of one character, and the medical passphrase differs from
the password. Strength is also scored 0–4 for the set-up wizard's indicator.
"""

from __future__ import annotations

import math

from desktop_app.errors import PasswordPolicyError

MIN_LENGTH = 12
LONG_ENOUGH = 20
MAX_LENGTH = 1024

_COMMON = {
    "welkom01welkom", "wachtwoord123", "password1234", "qwertyuiop12", "123456789012",
    "bedrijfsarts1", "arbodienst123", "zomer2026zomer", "winter2026!!",
}


def _classes(text: str) -> int:
    return sum((
        any(c.islower() for c in text),
        any(c.isupper() for c in text),
        any(c.isdigit() for c in text),
        any(not c.isalnum() for c in text),
    ))


def usable(secret: str, *, field: str, label: str = "Wachtwoord") -> None:
    """A typed secret that can reach Argon2id at all: text that UTF-8 can hold.

    A lone surrogate (from a paste, or a damaged clipboard) cannot be encoded and can be in no
    password the program has set (``check`` refuses it), so it is refused before any derivation
    and does not count as a failed try.
    """
    if not isinstance(secret, str) or any(0xD800 <= ord(c) <= 0xDFFF for c in secret):
        raise PasswordPolicyError(
            field, f"{label}: bevat een teken dat niet kan worden gebruikt (bijvoorbeeld na "
                   "plakken). Typ het opnieuw.")


def check(secret: str, *, field: str, username: str = "", label: str = "Wachtwoord") -> None:
    if not secret:
        raise PasswordPolicyError(field, f"{label}: vul dit in.")
    if len(secret) > MAX_LENGTH:
        raise PasswordPolicyError(field, f"{label}: gebruik hoogstens {MAX_LENGTH} tekens.")
    if any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in secret):
        raise PasswordPolicyError(field, f"{label}: gebruik geen stuurtekens.")
    if len(secret) < MIN_LENGTH:
        raise PasswordPolicyError(
            field, f"{label}: gebruik minstens {MIN_LENGTH} tekens (nu {len(secret)})."
        )
    if len(set(secret)) < 4:
        raise PasswordPolicyError(field, f"{label}: gebruik meer verschillende tekens.")
    if username and len(secret.casefold().replace(username.casefold(), "")) < 8:
        raise PasswordPolicyError(
            field, f"{label}: lijkt te veel op de gebruikersnaam; voeg meer eigen tekens toe.")
    if secret.casefold() in _COMMON:
        raise PasswordPolicyError(field, f"{label}: dit is een veelgebruikt wachtwoord.")
    if len(secret) < LONG_ENOUGH and _classes(secret) < 3:
        raise PasswordPolicyError(
            field,
            f"{label}: gebruik drie van de vier soorten tekens (kleine letter, hoofdletter, "
            f"cijfer, leesteken) of een zin van minstens {LONG_ENOUGH} tekens.",
        )


def check_pair(password: str, passphrase: str, *, username: str = "") -> None:
    """Both secrets of a medical user; the passphrase must differ from the password."""
    check(password, field="password", username=username, label="Wachtwoord")
    check(passphrase, field="medical_passphrase", username=username, label="Medische wachtzin")
    if passphrase == password:
        raise PasswordPolicyError(
            "medical_passphrase",
            "Medische wachtzin: kies een andere dan het wachtwoord.",
        )


def strength(secret: str) -> int:
    """0 (very weak) to 4 (strong), from a rough entropy estimate."""
    if not secret:
        return 0
    pool = 0
    pool += 26 if any(c.islower() for c in secret) else 0
    pool += 26 if any(c.isupper() for c in secret) else 0
    pool += 10 if any(c.isdigit() for c in secret) else 0
    pool += 33 if any(not c.isalnum() and c.isascii() for c in secret) else 0
    pool += 100 if any(not c.isascii() for c in secret) else 0
    bits = len(secret) * math.log2(max(pool, 2)) * min(1.0, len(set(secret)) / max(len(secret) * 0.5, 1))
    for limit, score in ((40, 0), (60, 1), (80, 2), (100, 3)):
        if bits < limit:
            return score
    return 4


STRENGTH_LABELS = ("zeer zwak", "zwak", "redelijk", "sterk", "zeer sterk")
