"""Field validation with one clear Dutch message per field.

Each function takes what the user typed and returns the normalised value, or raises
ValidationError(field, message). Free text (``text``) is returned exactly as given or refused:
never trimmed, re-cased or otherwise changed.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from desktop_app.errors import ValidationError

# --- BSN ---------------------------------------------------------------------------------

_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(value: str) -> bool:
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value, _BSN_WEIGHTS, strict=True))
    return total != 0 and total % 11 == 0


def bsn(value: str, field: str = "bsn") -> str:
    digits = re.sub(r"[\s.]", "", value)
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError(field, "BSN: gebruik alleen cijfers (negen cijfers).")
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9:
        raise ValidationError(field, "BSN: een burgerservicenummer heeft negen cijfers.")
    if not is_valid_bsn(digits):
        raise ValidationError(field, "Het BSN klopt niet: het voldoet niet aan de elfproef. "
                                     "Controleer de cijfers.")
    return digits


def mask_bsn(value: str) -> str:
    return "*" * (len(value) - 3) + value[-3:] if len(value) > 3 else "*" * len(value)


# --- addresses and numbers -----------------------------------------------------------------

_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})$")


def postcode(value: str, field: str = "postcode") -> str:
    m = _POSTCODE.match(value.strip())
    if not m:
        raise ValidationError(field, "Postcode: gebruik vier cijfers en twee letters, "
                                     "bijvoorbeeld 1234 AB.")
    letters = m.group(2).upper()
    if letters in ("SA", "SD", "SS"):
        raise ValidationError(field, f"Postcode: de letters {letters} worden niet gebruikt in "
                                     "Nederlandse postcodes.")
    return f"{m.group(1)} {letters}"


def kvk(value: str, field: str = "kvk") -> str:
    digits = re.sub(r"\s", "", value)
    if len(digits) != 8 or not digits.isascii() or not digits.isdigit():
        raise ValidationError(field, "KvK-nummer: een KvK-nummer heeft precies acht cijfers.")
    return digits


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def email(value: str, field: str = "email") -> str:
    text = value.strip()
    if len(text) > 254 or not _EMAIL.match(text) or ".." in text.split("@")[-1]:
        raise ValidationError(field, "E-mailadres: dit lijkt geen e-mailadres, "
                                     "bijvoorbeeld naam@voorbeeld.nl.")
    if any(unicodedata.category(c).startswith("C") for c in text):
        raise ValidationError(field, "E-mailadres: bevat een ongeldig teken.")
    return text


def phone(value: str, field: str = "phone") -> str:
    """Dutch (10 digits from 0) or international (+ and 8–15 digits); kept as digits with +."""
    text = value.strip()
    if not text or not re.fullmatch(r"[+0-9\s\-.()/]+", text):
        raise ValidationError(field, "Telefoonnummer: gebruik cijfers, bijvoorbeeld "
                                     "06-12345678 of +31 6 12345678.")
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        if not 8 <= len(digits) <= 15:
            raise ValidationError(field, "Telefoonnummer: een internationaal nummer heeft 8 tot "
                                         "15 cijfers na de +.")
        return "+" + digits
    if text.startswith("00") and 10 <= len(digits) <= 17:
        return "+" + digits[2:]
    if len(digits) != 10 or not digits.startswith("0"):
        raise ValidationError(field, "Telefoonnummer: een Nederlands nummer heeft tien cijfers "
                                     "en begint met 0.")
    if digits.startswith("06"):
        return f"{digits[:2]}-{digits[2:]}"
    return f"{digits[:3]}-{digits[3:]}"


def personnel_number(value: str, field: str = "personnel_number") -> str:
    text(value, field, label="Personeelsnummer", max_length=40)
    if value != value.strip() or any(c.isspace() for c in value):
        raise ValidationError(field, "Personeelsnummer: gebruik geen spaties.")
    return value


def initials(value: str, field: str = "initials") -> str:
    letters = [c for c in value if c.isalpha()]
    if not letters or any(not (c.isalpha() or c in ". -") for c in value) or len(letters) > 10:
        raise ValidationError(field, "Voorletters: gebruik letters, bijvoorbeeld J.P.")
    return "".join(c.upper() + "." for c in letters)


def gender(value: str, field: str = "gender") -> str:
    code = value.strip().upper()
    mapping = {"M": "M", "MAN": "M", "V": "V", "VROUW": "V", "X": "X", "ANDERS": "X",
               "ONBEKEND": "X"}
    if code not in mapping:
        raise ValidationError(field, "Geslacht: kies man, vrouw of anders/onbekend.")
    return mapping[code]


# --- dates and numbers ---------------------------------------------------------------------

_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_date_nl(value: str, field: str = "date") -> date:
    m = _DATE.match(value.strip()) if isinstance(value, str) else None
    if not m:
        raise ValidationError(field, "Datum: gebruik de vorm dd-mm-jjjj, bijvoorbeeld 23-11-2026.")
    day, month, year = (int(g) for g in m.groups())
    try:
        result = date(year, month, day)
    except ValueError:
        raise ValidationError(field, f"Datum: {value.strip()} bestaat niet. Gebruik de vorm "
                                     "dd-mm-jjjj.") from None
    if year < 1900:
        raise ValidationError(field, "Datum: ligt vóór 1900.")
    return result


def format_date_nl(value: date) -> str:
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def birth_date(value: date, today: date, field: str = "birth_date") -> date:
    if value > today:
        raise ValidationError(field, "Geboortedatum: ligt in de toekomst.")
    if today.year - value.year > 120:
        raise ValidationError(field, "Geboortedatum: ligt meer dan 120 jaar terug.")
    return value


def date_not_before(value: date, earliest: date, field: str, message: str) -> date:
    if value < earliest:
        raise ValidationError(field, message)
    return value


def employment_period(start: date, end: date | None) -> None:
    if end is not None and end <= start:
        raise ValidationError("employment_end", "Datum uit dienst: moet na de datum in dienst liggen.")


def recovery_date(first_day: date, recovery: date) -> date:
    return date_not_before(recovery, first_day, "recovered_on",
                           "Hersteldatum: ligt vóór de eerste ziektedag.")


def percentage(value: str | int | float | Decimal, field: str = "percentage") -> Decimal:
    """0–100 inclusive; "50", "50,5" and "50.5" are accepted. Returned as a Decimal."""
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(field, "Percentage: vul een getal in van 0 tot en met 100.") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise ValidationError(field, "Percentage: vul een getal in van 0 tot en met 100.")
    return number


# --- free text -----------------------------------------------------------------------------


def text(value: str, field: str, *, label: str, required: bool = False, max_length: int = 200,
         multiline: bool = False) -> str:
    """Free text: returned exactly as given, or refused with a message. Never changed."""
    if not isinstance(value, str):
        raise ValidationError(field, f"{label}: ongeldige invoer.")
    if required and not value.strip():
        raise ValidationError(field, f"{label}: vul dit in.")
    if len(value) > max_length:
        raise ValidationError(field, f"{label}: gebruik hoogstens {max_length} tekens "
                                     f"(nu {len(value)}).")
    for i, ch in enumerate(value):
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            raise ValidationError(field, f"{label}: bevat een ongeldig teken.")
        if code < 0x20 or 0x7F <= code < 0xA0:
            if multiline and (ch in "\n\t" or (ch == "\r" and value[i + 1:i + 2] == "\n")):
                continue
            raise ValidationError(field, f"{label}: bevat een stuurteken dat niet kan worden "
                                         "opgeslagen.")
    return value


def required(value: str, field: str, label: str) -> str:
    return text(value, field, label=label, required=True)
