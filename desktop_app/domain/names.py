"""Dutch name handling: prefixes (tussenvoegsels), folding for search, Dutch sort order.

Names are stored exactly as given; these functions only derive keys and display forms from them.
They never change a character of a name part (no re-casing: "van 't" stays "van 't").
"""

from __future__ import annotations

import re
import unicodedata

# Known prefixes (voorvoegsels), in canonical form: lower case, single spaces, "'" as the
# apostrophe. Dutch first, then the foreign ones common in the Netherlands (German, French,
# Italian, Spanish, Portuguese, Arabic). Single words that are also ordinary surnames or given
# names ("ben", "abu", "op", "in") are only listed inside longer prefixes.
PREFIXES: tuple[str, ...] = (
    # Dutch
    "van", "de", "der", "den", "het", "'t", "te", "ter", "ten",
    "van der", "van den", "van de", "van het", "van 't", "van ter", "van la",
    "in 't", "in de", "in den", "in der", "in het",
    "op de", "op den", "op der", "op het", "op 't", "op ten",
    "uit de", "uit den", "uit het", "uit 't", "uit te de", "uit ten",
    "aan de", "aan den", "aan der", "aan het", "aan 't",
    "bij de", "bij den", "bij het", "bij 't",
    "onder de", "onder den", "onder het", "onder 't",
    "over de", "over den", "over het", "over 't",
    "voor de", "voor den", "voor het", "voor 't", "voor in 't",
    # German
    "von", "von der", "von dem", "von den", "von und zu", "vom", "zu", "zum", "zur",
    "auf dem", "auf der", "aus dem", "aus der",
    # French, Italian, Spanish, Portuguese
    "d'", "l'", "de l'", "de la", "de le", "de las", "de los", "des", "du", "le", "la", "les",
    "da", "dal", "dalla", "del", "della", "delle", "dello", "degli", "dei", "di", "lo", "los",
    "do", "dos", "das",
    # Arabic
    "el", "al", "bin", "ibn",
)

# Apostrophe look-alikes, mapped to "'" by ``fold`` and ``canonical_prefix``.
_APOSTROPHES = "'’‘ʼ`´′"

# Letters that NFKD does not split into a base letter and a mark, and the odd punctuation that
# should compare equal to its plain form.
_SPECIAL = str.maketrans({
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
    "ß": "ss", "ẞ": "ss", "ı": "i", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th",
    "Þ": "th", "ĳ": "ij", "Ĳ": "ij", "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t", "ŋ": "n", "Ŋ": "n",
    "ŀ": "l", "Ŀ": "l",
    "\u2010": "-", "\u2011": "-",  # hyphen, non-breaking hyphen
    **{a: "'" for a in _APOSTROPHES if a != "'"},
})


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Accent- and case-insensitive form for search and sorting.

    NFKD with the combining marks dropped, then ``casefold``; letters that do not decompose are
    mapped by hand (ł→l, ø→o, đ/ð→d, ß→ss, ı/İ→i, æ→ae, œ→oe, þ→th, ĳ→ij), and apostrophe
    look-alikes become "'". So "Çelik" → "celik", "Łukasz" → "lukasz", "Nguyễn" → "nguyen".
    Other scripts keep their letters without accents: "Ελένη" → "ελενη". Cyrillic й and ё lose
    their breve and diaeresis ("Йо" → "ио"), as NFKD splits them; that is fine for search.
    Idempotent: ``fold(fold(x)) == fold(x)``.
    """
    once = _strip_marks(text.translate(_SPECIAL)).casefold()
    # casefold can produce new marks or mapped letters (e.g. "Ŋ" → "ŋ"); a second pass settles it.
    return _strip_marks(once).translate(_SPECIAL)


def canonical_prefix(prefix: str) -> str:
    """A prefix compared as written in PREFIXES: lower case, single spaces, "'" apostrophes."""
    return " ".join(prefix.translate(_SPECIAL).casefold().split())


_KNOWN = frozenset(PREFIXES)
_LONGEST = max(len(p.split()) for p in PREFIXES)


def is_prefix(text: str) -> bool:
    """True for a known prefix in any case or spacing: "Van Den", "van ’t"."""
    return canonical_prefix(text) in _KNOWN


def split_prefix(full_surname: str) -> tuple[str, str]:
    """Split an imported surname: "van den Berg" → ("van den", "Berg").

    The longest known prefix followed by at least one more word wins; the parts keep their
    characters and case as given ("Van 't Hof" → ("Van 't", "Hof")). A prefix written against
    the name ("d'Ancona") is split after the apostrophe. Without a prefix: ("", surname).
    """
    text = full_surname.strip()
    words = list(re.finditer(r"\S+", text))[: _LONGEST + 1]
    cuts = {w.end() for w in words}  # after a whole word …
    cuts |= {  # … or after an apostrophe written against the next word: d'Ancona, de l'Orme
        w.start() + m.end() for w in words for m in re.finditer(f"[{_APOSTROPHES}]", w.group())
    }
    for cut in sorted(cuts, reverse=True):
        rest = text[cut:].strip()
        if rest and canonical_prefix(text[:cut]) in _KNOWN:
            return text[:cut], rest
    return "", text


def _sort_part(part: str) -> str:
    """Folded, apostrophes dropped, runs of whitespace as one space."""
    return " ".join(fold(part).replace("'", "").split())


def sort_key(surname: str, prefix: str = "", given: str = "") -> tuple[str, ...]:
    """Dutch order: by surname without its prefix ("van den Berg" under B), then given names,
    then prefix; all folded, so "Çelik" sorts with "Celik".

    A hyphenated surname sorts on the whole string ("Berg" < "Berg-Jansen" < "Bergen").
    Apostrophes are ignored for sorting only ("O’Brien" sorts as "OBrien"). The last three
    elements are the parts as given, so two different names never compare equal.
    """
    return (_sort_part(surname), _sort_part(given), _sort_part(prefix), surname, given, prefix)


def _present(part: str) -> bool:
    return bool(part and part.strip())


def _joined(prefix: str, surname: str) -> str:
    if not _present(prefix):
        return surname
    if not _present(surname):
        return prefix
    if canonical_prefix(prefix).endswith("'"):  # d'Ancona, de l'Orme
        return prefix + surname
    return f"{prefix} {surname}"


def display_name(given: str, prefix: str, surname: str) -> str:
    """"Jan van den Berg": given names, prefix and surname, each exactly as stored."""
    return " ".join(p for p in (given, _joined(prefix, surname)) if _present(p))


def formal_name(initials: str, prefix: str, surname: str) -> str:
    """"J. van den Berg"."""
    return display_name(initials, prefix, surname)


def employee_name(given_names: str, initials: str, prefix: str, surname: str) -> str:
    """The name a screen shows for an employee: "Jan van den Berg", with the initials when no
    given names are stored ("J. van den Berg")."""
    return display_name(given_names or initials, prefix, surname)


def employee_formal_name(given_names: str, initials: str, prefix: str, surname: str) -> str:
    """The name a letter uses for an employee: "J. van den Berg", with the given names when no
    initials are stored."""
    return formal_name(initials or given_names, prefix, surname)


def list_name(surname: str, prefix: str, initials: str) -> str:
    """The Dutch list form: "Berg, J. van den"; without initials "Berg, van den"."""
    tail = " ".join(p for p in (initials, prefix) if _present(p))
    if not _present(surname):
        return tail
    return f"{surname}, {tail}" if tail else surname
