"""Field validation with one clear Dutch message per field.

Each validator takes what the user typed and returns the normalised value, or raises
``ValidationError(field, message)``: ``field`` is the form field's name, ``message`` a Dutch
sentence that names the field in words. Given any ``str``, a validator either returns or raises
``ValidationError``; it never raises anything else (a value of another type is refused the same
way, so a mistake in a form never becomes a crash).

Normalised forms:

* BSN: nine ASCII digits ("123456782"); ``mask_bsn`` shows only the last three.
* Postcode: "1234 AB".
* KvK number: eight digits.
* E-mail: trimmed, otherwise exactly as typed (case kept, Unicode kept).
* Phone: a Dutch number as "06-12345678", "020-1234567" or "0111-123456" (the dash after the
  area code); an international number as "+" and digits only ("+31612345678", "+48123456789").
* Dates: ``datetime.date``; shown as "dd-mm-jjjj" by ``domain.dates.nl_date``.
* Percentage: ``Decimal`` (exact: "50,5" is 50.5, never 50.499999…), at most two decimals.
* Free text (``text``): returned *exactly* as given, or refused. Never trimmed, re-cased or
  normalised.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from desktop_app.domain.dates import nl_date
from desktop_app.errors import ValidationError

__all__ = [
    "birth_date",
    "bsn",
    "date_not_before",
    "email",
    "employment_period",
    "gender",
    "initials",
    "is_valid_bsn",
    "kvk",
    "mask_bsn",
    "parse_date_nl",
    "percentage",
    "personnel_number",
    "phone",
    "postcode",
    "recovery_date",
    "required",
    "text",
]


def _str(value: object, field: str, label: str) -> str:
    """Refuse a value that is not a ``str`` (e.g. ``None`` from a form) with a Dutch message."""
    if not isinstance(value, str):
        raise ValidationError(field, f"{label}: vul een geldige waarde in.")
    return value


# --- BSN -------------------------------------------------------------------------------------

_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_ASCII_DIGITS = frozenset("0123456789")


def _digits_only(value: str) -> bool:
    return bool(value) and all(c in _ASCII_DIGITS for c in value)


def is_valid_bsn(value: str) -> bool:
    """True for nine ASCII digits whose weighted sum (9 … 2, −1) is a non-zero multiple of 11."""
    if not isinstance(value, str) or len(value) != 9 or not _digits_only(value):
        return False
    total = sum(int(d) * w for d, w in zip(value, _BSN_WEIGHTS, strict=True))
    return total != 0 and total % 11 == 0


def bsn(value: str, field: str = "bsn") -> str:
    """A burgerservicenummer: spaces and dots are dropped, eight digits get a leading zero."""
    digits = re.sub(r"[\s.]", "", _str(value, field, "BSN"))
    if not digits:
        raise ValidationError(field, "BSN: vul het burgerservicenummer in (negen cijfers).")
    if not _digits_only(digits):
        raise ValidationError(field, "BSN: gebruik alleen cijfers, bijvoorbeeld 123456782.")
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9:
        raise ValidationError(field, "BSN: een burgerservicenummer heeft negen cijfers.")
    if not is_valid_bsn(digits):
        raise ValidationError(
            field, "Het BSN klopt niet: het voldoet niet aan de elfproef. Controleer de cijfers."
        )
    return digits


def mask_bsn(value: str) -> str:
    """Show only the last three characters: "123456782" → "******782"."""
    if len(value) <= 3:
        return "*" * len(value)
    return "*" * (len(value) - 3) + value[-3:]


# --- postcode, KvK, e-mail, phone ------------------------------------------------------------

_POSTCODE = re.compile(r"([1-9][0-9]{3}) *([A-Za-z]{2})")
_POSTCODE_NOT_ISSUED = frozenset({"SA", "SD", "SS"})


def postcode(value: str, field: str = "postcode") -> str:
    """A Dutch postcode as "1234 AB"; "1234ab", "1234 ab" and extra spaces are accepted."""
    raw = _str(value, field, "Postcode").strip().replace("\u00a0", " ")
    m = _POSTCODE.fullmatch(raw)
    if not m:
        raise ValidationError(
            field, "Postcode: gebruik vier cijfers en twee letters, bijvoorbeeld 1234 AB."
        )
    letters = m.group(2).upper()
    if letters in _POSTCODE_NOT_ISSUED:
        raise ValidationError(
            field, f"Postcode: de letters {letters} komen in Nederlandse postcodes niet voor."
        )
    return f"{m.group(1)} {letters}"


def kvk(value: str, field: str = "kvk") -> str:
    """A KvK number: exactly eight digits; spaces in the input are dropped."""
    digits = re.sub(r"\s", "", _str(value, field, "KvK-nummer"))
    if len(digits) != 8 or not _digits_only(digits):
        raise ValidationError(field, "KvK-nummer: een KvK-nummer heeft precies acht cijfers.")
    return digits


_EMAIL_MAX = 254
_LOCAL_MAX = 64
# Allowed in an unquoted local part besides letters and digits (RFC 5322 atext, and the dot).
_LOCAL_SPECIALS = frozenset("!#$%&'*+-/=?^_`{|}~.")


def _email_char_ok(ch: str) -> bool:
    """No whitespace, control, format, surrogate, private-use or unassigned characters."""
    return not ch.isspace() and not unicodedata.category(ch).startswith(("C", "Z"))


def _local_part_ok(local: str) -> bool:
    if not local or len(local) > _LOCAL_MAX or local[0] == "." or local[-1] == ".":
        return False
    if ".." in local:
        return False
    # ASCII: letters, digits and atext specials; any non-ASCII letter, mark or digit (RFC 6531).
    return all(
        (ch.isascii() and (ch.isalnum() or ch in _LOCAL_SPECIALS))
        or (not ch.isascii() and _email_char_ok(ch) and unicodedata.category(ch)[0] in "LMN")
        for ch in local
    )


def _domain_ok(domain: str) -> bool:
    labels = domain.split(".")
    if len(labels) < 2:
        return False
    for label in labels:
        if not label or len(label) > 63 or label[0] == "-" or label[-1] == "-":
            return False
        # Letters (any script, for internationalised domains), marks, digits and the hyphen.
        if not all(ch == "-" or unicodedata.category(ch)[0] in "LMN" for ch in label):
            return False
    tld = labels[-1]
    return len(tld) >= 2 and not tld.isdigit()


def email(value: str, field: str = "email") -> str:
    """A pragmatic e-mail check: one @, a local part, a domain with a dot, no spaces, ≤ 254.

    Surrounding whitespace is dropped; case and Unicode (e.g. "ayşe@örnek.com.tr") are kept.
    Quoted local parts ("a b"@x.nl) and IP-address domains are not accepted.
    """
    raw = _str(value, field, "E-mailadres").strip()
    example = "E-mailadres: dit is geen geldig e-mailadres. Gebruik de vorm naam@voorbeeld.nl."
    if not raw:
        raise ValidationError(field, "E-mailadres: vul een e-mailadres in, bijvoorbeeld "
                                     "naam@voorbeeld.nl.")
    if len(raw) > _EMAIL_MAX:
        raise ValidationError(field, f"E-mailadres: gebruik hoogstens {_EMAIL_MAX} tekens.")
    if any(ch.isspace() for ch in raw):
        raise ValidationError(field, "E-mailadres: een e-mailadres bevat geen spaties.")
    if raw.count("@") != 1:
        raise ValidationError(field, "E-mailadres: een e-mailadres bevat precies één @, "
                                     "bijvoorbeeld naam@voorbeeld.nl.")
    local, domain = raw.split("@")
    if not all(_email_char_ok(ch) for ch in raw):
        raise ValidationError(field, "E-mailadres: bevat een teken dat in een e-mailadres "
                                     "niet kan voorkomen.")
    if not _local_part_ok(local) or not _domain_ok(domain):
        raise ValidationError(field, example)
    return raw


# Two-digit area codes after the 0 (Nummerplan; "06" is mobile, 084/085/088 non-geographic).
# Every other Dutch number has a three-digit area code after the 0 ("0111", "0800").
_NL_TWO_DIGIT_AREAS = frozenset(
    "10 13 15 20 23 24 26 30 33 35 36 38 40 43 45 46 50 53 55 58 "
    "70 71 72 73 74 75 76 77 78 79 84 85 88".split()
)
_PHONE_SEPARATORS = " \t\u00a0\u202f-\u2010\u2011\u2012\u2013\u2014./()"
_PHONE_CHARS = frozenset(_PHONE_SEPARATORS) | _ASCII_DIGITS | {"+"}


def _format_dutch(digits: str) -> str:
    """Ten digits starting with 0 → "06-12345678", "020-1234567" or "0111-123456"."""
    if digits[1] == "6":
        return f"{digits[:2]}-{digits[2:]}"
    if digits[1:3] in _NL_TWO_DIGIT_AREAS:
        return f"{digits[:3]}-{digits[3:]}"
    return f"{digits[:4]}-{digits[4:]}"


def phone(value: str, field: str = "phone") -> str:
    """A Dutch or international phone number, normalised (see the module docstring).

    Accepted: ten digits starting with 0 ("06-12345678", "020 123 4567", "(0111) 123456"), or an
    international number: "+" (or "00") and 8 to 15 digits ("+31 6 12345678", "0048 123 456 789").
    The Dutch trunk 0 written as "+31 (0)6 …" or "+31 06 …" is dropped. Separators: spaces, dashes,
    dots, slashes and parentheses. A +31 number must have nine digits after the 31.
    """
    raw = _str(value, field, "Telefoonnummer").strip()
    if not raw or any(ch not in _PHONE_CHARS for ch in raw) or "+" in raw[1:]:
        raise ValidationError(field, "Telefoonnummer: gebruik alleen cijfers, bijvoorbeeld "
                                     "06-12345678 of +31 6 12345678.")
    digits = "".join(ch for ch in raw if ch in _ASCII_DIGITS)
    international = raw.startswith("+")
    if not international and digits.startswith("00"):
        international, digits = True, digits[2:]
    if international:
        if digits.startswith("310"):  # "+31 (0)6 …": the trunk 0 is not dialled from abroad
            digits = "31" + digits[3:]
        if not 8 <= len(digits) <= 15 or digits[0] == "0":
            raise ValidationError(field, "Telefoonnummer: een internationaal nummer heeft na de + "
                                         "een landnummer en in totaal 8 tot 15 cijfers.")
        if digits.startswith("31") and len(digits) != 11:
            raise ValidationError(field, "Telefoonnummer: een Nederlands nummer heeft na +31 "
                                         "negen cijfers, bijvoorbeeld +31 6 12345678.")
        return "+" + digits
    if len(digits) != 10 or digits[0] != "0":
        raise ValidationError(field, "Telefoonnummer: een Nederlands nummer heeft tien cijfers en "
                                     "begint met 0, bijvoorbeeld 06-12345678.")
    return _format_dutch(digits)


# --- people ----------------------------------------------------------------------------------

_PERSONNEL_MAX = 40
_PERSONNEL_PUNCTUATION = frozenset("-/._#")


def personnel_number(value: str, field: str = "personnel_number") -> str:
    """An employer's personnel number: letters, digits, spaces and - / . _ #, at most 40.

    Surrounding spaces are dropped; everything inside is kept as typed.
    """
    raw = _str(value, field, "Personeelsnummer").strip()
    if not raw:
        raise ValidationError(field, "Personeelsnummer: vul het personeelsnummer in.")
    if len(raw) > _PERSONNEL_MAX:
        raise ValidationError(field, f"Personeelsnummer: gebruik hoogstens {_PERSONNEL_MAX} "
                                     "tekens.")
    if not all(ch.isalnum() or ch == " " or ch in _PERSONNEL_PUNCTUATION for ch in raw):
        raise ValidationError(field, "Personeelsnummer: gebruik letters, cijfers, spaties en "
                                     "- / . _ #, bijvoorbeeld P-00123.")
    return raw


# Initials written as one letter group with a dot that stand for one sound in Dutch names:
# IJ. (IJsbrand), Th. (Theodorus), Chr. (Christiaan), Ph. (Philippus), Ch. (Charles).
_MULTI_LETTER_INITIALS = {"Ij": "IJ", "IJ": "IJ", "ij": "IJ", "Th": "Th", "Chr": "Chr",
                          "Ph": "Ph", "Ch": "Ch"}
_INITIALS_MAX = 10
_INITIALS_SEPARATORS = " .-\u00a0"


def initials(value: str, field: str = "initials") -> str:
    """Initials as letters each followed by a dot: "jp", "J P", "j.p." → "J.P."; "Ł." stays "Ł.".

    A group written with a dot as "IJ.", "Th.", "Chr.", "Ph." or "Ch." is kept as one initial
    (the Dutch IJ and the classic abbreviations); without the dot every letter is an initial.
    The ligature "Ĳ" becomes "IJ.". Letters of any script are accepted.
    """
    raw = unicodedata.normalize("NFC", _str(value, field, "Voorletters"))
    example = "Voorletters: gebruik alleen letters, bijvoorbeeld J.P."
    if not raw.strip(_INITIALS_SEPARATORS):
        raise ValidationError(field, "Voorletters: vul de voorletters in, bijvoorbeeld J.P.")
    out: list[str] = []
    for m in re.finditer(r"([^ .\-\u00a0]+)(\.?)", raw):
        group, dotted = m.group(1), bool(m.group(2))
        if dotted and group in _MULTI_LETTER_INITIALS:
            out.append(_MULTI_LETTER_INITIALS[group])
            continue
        for i, ch in enumerate(group):
            if unicodedata.category(ch).startswith("M") and i > 0:
                out[-1] += ch  # a combining accent without a precomposed form stays on its letter
            elif ch.isalpha():
                out.append("IJ" if ch in "Ĳĳ" else ch.upper())
            else:
                raise ValidationError(field, example)
    if len(out) > _INITIALS_MAX:
        raise ValidationError(field, f"Voorletters: gebruik hoogstens {_INITIALS_MAX} "
                                     "voorletters.")
    return "".join(part + "." for part in out)


_GENDERS = {
    "m": "M", "man": "M", "mannelijk": "M",
    "v": "V", "vrouw": "V", "vrouwelijk": "V",
    "x": "X", "anders": "X", "onbekend": "X", "anders/onbekend": "X", "o": "X",
}


def gender(value: str, field: str = "gender") -> str:
    """Stored as "M" (man), "V" (vrouw) or "X" (anders/onbekend); Dutch words are accepted."""
    code = _str(value, field, "Geslacht").strip().casefold()
    if code not in _GENDERS:
        raise ValidationError(field, "Geslacht: kies man (M), vrouw (V) of anders/onbekend (X).")
    return _GENDERS[code]


# --- dates -----------------------------------------------------------------------------------

# Dutch words for the date fields of the forms, so a message names the field without every
# caller passing a label. Unknown fields fall back to "Datum".
_DATE_LABELS = {
    "birth_date": "Geboortedatum",
    "first_day": "Eerste ziektedag",
    "recovered_on": "Hersteldatum",
    "employment_start": "Datum in dienst",
    "employment_end": "Datum uit dienst",
    "contract_start": "Begin van het contract",
    "contract_end": "Einde van het contract",
    "given_on": "Datum van de toestemming",
    "valid_until": "Geldig tot",
    "revoked_on": "Datum van intrekking",
    "received_on": "Datum van ontvangst",
    "signed_on": "Datum van ondertekening",
    "authorisation_signed_on": "Datum van ondertekening van de machtiging",
    "extended_until": "Verlengen tot",
    "extension_letter_on": "Datum van de brief",
    "from_date": "Ingangsdatum",
    "done_on": "Datum uitgevoerd",
    "uwv_letter_received": "Ontvangstdatum van de UWV-brief",
    "assessed_on": "Datum van de beoordeling",
    "start": "Begindatum",
    "end": "Einddatum",
}

_DATE = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{4})")
_EARLIEST_YEAR = 1900
# Fields whose date usually lies ahead; a birth date lies decades back; the rest is about today.
_AHEAD = {"valid_until", "extended_until", "contract_end", "employment_end", "expected_delivery",
          "leave_end", "end", "review_on"}


def date_example(field: str, *, year: int | None = None, month: int | None = None,
                 today: date | None = None) -> str:
    """An example that fits the field: a birth date decades ago, an end date ahead, otherwise
    today; for a day that does not exist in its month, the last day of that month."""
    import calendar
    from datetime import timedelta

    today = today or date.today()
    if year is not None and month is not None and 1 <= month <= 12 and year >= _EARLIEST_YEAR:
        example = date(year, month, calendar.monthrange(year, month)[1])
    elif field == "birth_date":
        example = date(today.year - 40, 3, 15)
    elif field in _AHEAD:
        example = today + timedelta(days=90)
    else:
        example = today
    return nl_date(example)


def parse_date_nl(value: str, field: str = "date", *, label: str | None = None) -> date:
    """A Dutch date "dd-mm-jjjj"; "d-m-jjjj", "dd/mm/jjjj" and "dd.mm.jjjj" are accepted too.

    Impossible dates (31-02-2026) and years before 1900 are refused; every message names the
    expected form "dd-mm-jjjj".
    """
    name = label or _DATE_LABELS.get(field, "Datum")
    raw = _str(value, field, name).strip()
    m = _DATE.fullmatch(raw)
    if not m:
        raise ValidationError(field, f"{name}: gebruik de vorm dd-mm-jjjj, bijvoorbeeld "
                                     f"{date_example(field)}.")
    day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    try:
        result = date(year, month, day)
    except ValueError:
        raise ValidationError(field, f"{name}: de datum {raw} bestaat niet. Gebruik de vorm "
                                     f"dd-mm-jjjj, bijvoorbeeld {date_example(field, year=year, month=month)}.") from None
    if year < _EARLIEST_YEAR:
        raise ValidationError(field, f"{name}: de datum ligt vóór {_EARLIEST_YEAR}. Gebruik de "
                                     "vorm dd-mm-jjjj met het jaar in vier cijfers.")
    return result


_MAX_AGE_YEARS = 120


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def birth_date(value: date, today: date, field: str = "birth_date") -> date:
    """Not in the future and not more than 120 years ago."""
    if value > today:
        raise ValidationError(field, "Geboortedatum: de datum ligt in de toekomst.")
    if _age(value, today) > _MAX_AGE_YEARS:
        raise ValidationError(field, f"Geboortedatum: de datum ligt meer dan {_MAX_AGE_YEARS} "
                                     "jaar terug. Controleer het jaar.")
    return value


def date_not_before(value: date, earliest: date, field: str, message: str) -> date:
    """``value`` itself if it is on or after ``earliest``; otherwise ``message`` for ``field``."""
    if value < earliest:
        raise ValidationError(field, message)
    return value


def employment_period(start: date, end: date | None) -> tuple[date, date | None]:
    """The last day of employment is not before the first (a one-day contract is allowed)."""
    if end is not None:
        date_not_before(end, start, "employment_end",
                        "Datum uit dienst: ligt vóór de datum in dienst.")
    return start, end


def recovery_date(first_day: date, recovery: date) -> date:
    """Recovery is not before the first day of absence (recovery on that same day is allowed)."""
    return date_not_before(recovery, first_day, "recovered_on",
                           "Hersteldatum: ligt vóór de eerste ziektedag.")


# --- numbers ---------------------------------------------------------------------------------

_PERCENTAGE = re.compile(r"([0-9]{1,3})(?:[.,]([0-9]{1,2}))? *%?")
_HUNDREDTH = Decimal("0.01")


def percentage(value: str | int | float | Decimal, field: str = "percentage") -> Decimal:
    """A percentage from 0 to 100 inclusive, returned as an exact ``Decimal``.

    Accepted: "50", "50,5", "50.5", "50 %", and int, float or Decimal values; at most two
    decimals (a float is read from its shortest repr, so 50.5 is Decimal("50.5")). Trailing
    zeros are dropped ("50,50" → Decimal("50.5"), 100.0 → Decimal("100")). Decimal is chosen so
    "33,33" is kept exactly, without binary rounding; callers that store a float convert it.
    """
    message = "Percentage: vul een getal in van 0 tot en met 100, bijvoorbeeld 50 of 50,5."
    if isinstance(value, bool):
        raise ValidationError(field, message)
    if isinstance(value, str):
        m = _PERCENTAGE.fullmatch(value.strip())
        if not m:
            raise ValidationError(field, message)
        number = Decimal(f"{m.group(1)}.{m.group(2)}" if m.group(2) else m.group(1))
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float | Decimal):
        number = Decimal(repr(value) if isinstance(value, float) else value)
        if not number.is_finite():
            raise ValidationError(field, message)
    else:
        raise ValidationError(field, message)
    if not 0 <= number <= 100:
        raise ValidationError(field, message)
    if number != number.quantize(_HUNDREDTH):
        raise ValidationError(field, "Percentage: gebruik hoogstens twee cijfers achter de komma.")
    # One form per value: "50,50", 50.50 and Decimal("5.05E+1") all become Decimal("50.5").
    digits = format(number.quantize(_HUNDREDTH), "f")
    tidy = Decimal(digits.rstrip("0").rstrip(".") if "." in digits else digits)
    return tidy if tidy else Decimal(0)  # no "-0" from -0.0


# --- free text -------------------------------------------------------------------------------


def _is_noncharacter(code: int) -> bool:
    """The 66 Unicode noncharacters: U+FDD0–U+FDEF and U+xFFFE/U+xFFFF in every plane."""
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _blank(value: str) -> bool:
    """Empty, or only whitespace and invisible format characters (e.g. U+200B)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in value)


def text(value: str, field: str, *, label: str, required: bool = False, max_length: int = 200,
         multiline: bool = False) -> str:
    """Free text: returned exactly as given (same object, same characters), or refused.

    Refused: a blank value when ``required``; more than ``max_length`` code points; C0 and C1
    control characters (with ``multiline``: tab and line feed are allowed, and carriage return
    only as part of CR LF); lone surrogates (cannot be stored as UTF-8); Unicode noncharacters
    (U+FFFE, U+FFFF and the other 64). Everything else — any script, emoji, quotes, SQL — is kept.
    """
    if not isinstance(value, str):
        raise ValidationError(field, f"{label}: vul tekst in.")
    if required and _blank(value):
        raise ValidationError(field, f"{label}: vul dit in.")
    if len(value) > max_length:
        raise ValidationError(field, f"{label}: gebruik hoogstens {max_length} tekens "
                                     f"(nu {len(value)}).")
    for i, ch in enumerate(value):
        code = ord(ch)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            if multiline and (ch in "\n\t" or (ch == "\r" and value[i + 1:i + 2] == "\n")):
                continue
            if ch in "\r\n" and not multiline:
                raise ValidationError(field, f"{label}: gebruik één regel, zonder regeleinden.")
            raise ValidationError(field, f"{label}: bevat een onzichtbaar stuurteken dat niet "
                                         "kan worden opgeslagen. Typ de tekst opnieuw.")
        if 0xD800 <= code <= 0xDFFF or _is_noncharacter(code):
            raise ValidationError(field, f"{label}: bevat een ongeldig teken dat niet kan worden "
                                         "opgeslagen. Typ de tekst opnieuw.")
    return value


def required(value: str, field: str, label: str) -> str:
    """A one-line required text of at most 200 characters (see ``text``)."""
    return text(value, field, label=label, required=True)
