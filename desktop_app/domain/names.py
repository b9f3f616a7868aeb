"""Dutch name handling: prefixes (tussenvoegsels), folding for search, Dutch sort order.

Names are stored exactly as given; these functions only derive display forms and keys.
"""

from __future__ import annotations

import unicodedata

PREFIXES = (
    "van der", "van den", "van de", "van 't", "van het", "in 't", "in de", "in het", "op de",
    "op den", "op 't", "uit de", "uit den", "uit het", "von der", "van", "de", "der", "den",
    "'t", "te", "ter", "ten", "het", "von", "zu", "da", "di", "dos", "das", "du", "le", "la",
    "el", "al", "bin", "ibn", "d'", "l'", "o'",
)

# Letters that NFKD does not split into a base letter and a mark.
_SPECIAL = str.maketrans({
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
    "ß": "ss", "ẞ": "ss", "ı": "i", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th",
    "Þ": "th", "ĳ": "ij", "Ĳ": "ij", "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t", "ŋ": "n",
    "’": "'", "‘": "'", "ʼ": "'", "`": "'",
})


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search and sorting: "Çelik" → "celik"."""
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(_SPECIAL)


def split_prefix(full_surname: str) -> tuple[str, str]:
    """("van den Berg") → ("van den", "Berg"), for imports where the prefix is not separate."""
    text = full_surname.strip()
    lowered = text.casefold()
    for prefix in sorted(PREFIXES, key=len, reverse=True):
        if prefix.endswith("'"):
            if lowered.startswith(prefix) and len(text) > len(prefix):
                return text[: len(prefix)], text[len(prefix):].strip()
        elif lowered.startswith(prefix + " ") and len(text) > len(prefix) + 1:
            return text[: len(prefix)], text[len(prefix) + 1:].strip()
    return "", text


def sort_key(surname: str, prefix: str = "", given: str = "") -> tuple[str, str, str]:
    """Dutch order: by surname without its prefix, then given names, then prefix.

    Apostrophes and spaces are ignored for sorting only.
    """
    def key(part: str) -> str:
        return fold(part).replace("'", "").replace(" ", "")

    return key(surname), key(given), key(prefix)


def display_name(given: str, prefix: str, surname: str) -> str:
    """"Jan van den Berg" (given names first, prefix in lower case as stored)."""
    return " ".join(p for p in (given, _joined(prefix, surname)) if p)


def formal_name(initials: str, prefix: str, surname: str) -> str:
    """"J. van den Berg"."""
    return display_name(initials, prefix, surname)


def list_name(surname: str, prefix: str, initials: str) -> str:
    """The Dutch list form: "Berg, J. van den"."""
    tail = " ".join(p for p in (initials, prefix) if p)
    return f"{surname}, {tail}" if tail else surname


def _joined(prefix: str, surname: str) -> str:
    if not prefix:
        return surname
    if prefix.endswith("'") and prefix.casefold() in ("d'", "l'", "o'"):
        return prefix + surname
    return f"{prefix} {surname}"
