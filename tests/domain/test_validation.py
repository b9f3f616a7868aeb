"""Field validation: worked examples per rule, bad input, and properties."""

from __future__ import annotations

import string
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop_app.domain import validation as v
from desktop_app.errors import ValidationError

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)

# Every code point, including lone surrogates and noncharacters.
ANY_CHAR = st.characters(codec=None, categories=None)
ANY_TEXT = st.text(alphabet=ANY_CHAR, max_size=300)
HOSTILE = [
    "", " ", "\t", "\n", "\x00", "\ud800", "\udfff", "\ufffe", "\uffff", "\u200b",
    "'; DROP TABLE employees;--", '" OR "1"="1', "<script>alert(1)</script>", "%s%n", "{0}",
    "😀", "𝟙𝟚𝟛", "١٢٣٤٥٦٧٨٢", "１２３４５６７８２", "x" * 100_000, "\u202e123456782",
]


def refused(check, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        check(*args, **kwargs)
    assert err.value.message
    assert err.value.message.endswith((".", "?"))
    return err.value


def elfproef(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True))
    return total % 11 == 0 and total != 0


# --- BSN -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "out"), [
    ("123456782", "123456782"), ("111222333", "111222333"), ("1234 567 82", "123456782"),
    ("123.456.782", "123456782"), ("  123456782 ", "123456782"), ("1234\u00a056782", "123456782"),
])
def test_valid_bsns_are_normalised(raw, out):
    assert v.bsn(raw) == out


@pytest.mark.parametrize("bad", [
    "123456789", "000000000", "00000000", "12345678a", "1234567890", "1234567", "123-456-782",
    "１２３４５６７８２", "١٢٣٤٥٦٧٨٢", "+123456782", "12345678 2x",
])
def test_invalid_bsns_are_refused_with_the_field_named(bad):
    err = refused(v.bsn, bad)
    assert err.field == "bsn"
    assert "BSN" in err.message


def test_the_elfproef_message():
    err = refused(v.bsn, "123456789")
    assert err.message.startswith("Het BSN klopt niet: het voldoet niet aan de elfproef.")


def test_empty_bsn_asks_for_it():
    assert "vul" in refused(v.bsn, "").message
    assert refused(v.bsn, " ", field="partner_bsn").field == "partner_bsn"


def test_eight_digits_get_a_leading_zero():
    eight = next(f"{n:08d}" for n in range(10_000_000, 10_100_000) if elfproef(f"0{n:08d}"))
    assert v.bsn(eight) == "0" + eight
    assert v.is_valid_bsn("0" + eight)
    assert not v.is_valid_bsn(eight)


def test_is_valid_bsn_is_strict():
    assert v.is_valid_bsn("123456782")
    assert v.is_valid_bsn("111222333")
    for bad in ["000000000", "123456789", "12345678", "1234 56782", "１２３４５６７８２", ""]:
        assert not v.is_valid_bsn(bad)
    assert not v.is_valid_bsn(123456782)  # type: ignore[arg-type]


def test_mask_shows_only_the_last_three():
    assert v.mask_bsn("123456782") == "******782"
    assert v.mask_bsn("012345678") == "******678"
    assert v.mask_bsn("") == ""
    assert v.mask_bsn("12") == "**"
    assert v.mask_bsn("123") == "***"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
@example("000000000")
@example("123456782")
def test_random_nine_digits_are_valid_exactly_when_the_elfproef_holds(digits):
    assert v.is_valid_bsn(digits) == elfproef(digits)
    if elfproef(digits):
        assert v.bsn(digits) == digits  # a valid BSN normalises to itself
    else:
        refused(v.bsn, digits)


def _valid_bsn(first8: str) -> str | None:
    """Complete eight digits with the check digit the elfproef needs, if one exists."""
    total = sum(int(d) * w for d, w in zip(first8, range(9, 1, -1), strict=True))
    last = total % 11
    return first8 + str(last) if last <= 9 and total else None


VALID_BSNS = st.text(alphabet="0123456789", min_size=8, max_size=8).map(_valid_bsn).filter(bool)


@given(VALID_BSNS, st.lists(st.sampled_from([" ", ".", "  "]), min_size=9, max_size=9))
def test_a_valid_bsn_round_trips_through_spaces_and_dots(digits, seps):  # constructed: no flaky filter
    spaced = "".join(d + s for d, s in zip(digits, seps, strict=True))
    assert v.bsn(spaced) == digits
    assert v.bsn(v.bsn(spaced)) == digits


# --- postcode --------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "out"), [
    ("1234ab", "1234 AB"), ("1234 ab", "1234 AB"), ("1234 AB", "1234 AB"), (" 9999  ZZ ", "9999 ZZ"),
    ("3511aB", "3511 AB"), ("1000\u00a0AA", "1000 AA"), ("1234 SB", "1234 SB"), ("1234 AS", "1234 AS"),
])
def test_postcodes_are_normalised(raw, out):
    assert v.postcode(raw) == out


@pytest.mark.parametrize("bad", [
    "0123 AB", "123 AB", "12345 AB", "1234ABC", "1234 A", "", "ABCD 12", "1234-AB", "1234 ÄB",
    "１２３４ AB", "1234 A1", "1234\nAB", "'; DROP TABLE x;--",
])
def test_bad_postcodes(bad):
    err = refused(v.postcode, bad)
    assert err.field == "postcode"
    assert err.message == "Postcode: gebruik vier cijfers en twee letters, bijvoorbeeld 1234 AB."


@pytest.mark.parametrize("letters", ["SA", "SD", "SS", "sa", "sd", "ss"])
def test_letters_that_are_not_issued_are_refused(letters):
    err = refused(v.postcode, f"1234 {letters}", field="postal")
    assert err.field == "postal"
    assert letters.upper() in err.message
    assert "Postcode" in err.message


# --- KvK -------------------------------------------------------------------------------------


def test_kvk():
    assert v.kvk("12345678") == "12345678"
    assert v.kvk("1234 5678") == "12345678"
    assert v.kvk(" 0123 4567 ") == "01234567"
    for bad in ["1234567", "123456789", "1234567a", "", "1234-5678", "１２３４５６７８"]:
        err = refused(v.kvk, bad)
        assert err.field == "kvk"
        assert "KvK-nummer" in err.message


# --- e-mail ----------------------------------------------------------------------------------


@pytest.mark.parametrize("good", [
    "jan@voorbeeld.nl", "Jan.de.Vries@Voorbeeld.NL", "ayşe@örnek.com.tr", "łukasz@przykład.pl",
    "o'brien@example.ie", "a+filter@sub.domain.example.com", "x@xn--80ak6aa92e.com",
    "用户@例子.广告", "a@b.co", "user_name-1@mail-server.nl",
])
def test_emails_are_kept_as_typed(good):
    assert v.email(good) == good


def test_email_surrounding_whitespace_is_dropped():
    assert v.email("  jan@voorbeeld.nl\t") == "jan@voorbeeld.nl"


@pytest.mark.parametrize("bad", [
    "", "geen", "a@b", "a b@c.nl", "a@@c.nl", "a@b@c.nl", "@voorbeeld.nl", "jan@", "jan@.nl",
    "jan@voorbeeld.", "jan@voorbeeld..nl", ".jan@voorbeeld.nl", "jan.@voorbeeld.nl",
    "j..an@voorbeeld.nl", "jan@-voorbeeld.nl", "jan@voorbeeld-.nl", "jan@voorbeeld.n",
    "jan@voorbeeld.123", "jan@voor_beeld.nl", "jan@voorbeeld.nl;DROP TABLE x", "jan\x00@a.nl",
    "jan@a\u200b.nl", "\ud800@a.nl", '"jan"@voorbeeld.nl', "jan<@voorbeeld.nl",
    "x" * 250 + "@a.nl", "x" * 65 + "@a.nl", "jan@" + "a" * 64 + ".nl", "😀@voorbeeld.nl",
])
def test_bad_emails(bad):
    err = refused(v.email, bad, field="contact_email")
    assert err.field == "contact_email"
    assert "E-mailadres" in err.message


def test_email_length_limit_is_254():
    ok = "a" * 64 + "@" + "b" * 63 + "." + "b" * 63 + "." + "b" * 58 + ".nl"
    assert len(ok) == 254
    assert v.email(ok) == ok
    too_long = "a" * 64 + "@" + "b" * 63 + "." + "b" * 63 + "." + "b" * 59 + ".nl"
    assert len(too_long) == 255
    assert "254" in refused(v.email, too_long).message


# --- phone -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "out"), [
    ("06-12345678", "06-12345678"), ("0612345678", "06-12345678"), ("06 1234 5678", "06-12345678"),
    ("020 123 4567", "020-1234567"), ("(020) 123-4567", "020-1234567"), ("010.123.45.67", "010-1234567"),
    ("0111 123456", "0111-123456"), ("0800 123456", "0800-123456"),
    ("088 1234567", "088-1234567"), ("0201234567", "020-1234567"), ("020/1234567", "020-1234567"),
    ("+31 6 12345678", "+31612345678"), ("+31 (0)6 12345678", "+31612345678"),
    ("+31 06 12345678", "+31612345678"), ("0031 6 12345678", "+31612345678"),
    ("+48 123 456 789", "+48123456789"), ("0048 123 456 789", "+48123456789"),
    ("+1 (212) 555-0100", "+12125550100"), ("+90 532 123 45 67", "+905321234567"),
    ("06\u201312345678", "06-12345678"), ("+12345678", "+12345678"),
])
def test_phones_are_normalised(raw, out):
    assert v.phone(raw) == out


@pytest.mark.parametrize("bad", [
    "", "12345", "06-1234", "06-123456789", "1234567890", "bel mij", "+1", "+", "++31612345678",
    "+31 6 1234567", "+31 6 123456789", "+0612345678", "+1234567", "+1234567890123456",
    "06-12345678 (werk)", "06-1234567x", "06 12 34 56 78 ext 9", "０６１２３４５６７８",
    "06-1234+5678", "'; DROP TABLE x;--",
])
def test_bad_phones(bad):
    err = refused(v.phone, bad, field="contact_phone")
    assert err.field == "contact_phone"
    assert "Telefoonnummer" in err.message


# --- people ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "out"), [
    ("P-001", "P-001"), (" 12345 ", "12345"), ("AB 123/4", "AB 123/4"), ("emp_7.1#2", "emp_7.1#2"),
    ("Ø-12", "Ø-12"),
])
def test_personnel_numbers(raw, out):
    assert v.personnel_number(raw) == out


@pytest.mark.parametrize("bad", ["", "   ", "x" * 41, "a;b", "'; DROP", "12\t3", "1\n2", "😀"])
def test_bad_personnel_numbers(bad):
    err = refused(v.personnel_number, bad)
    assert err.field == "personnel_number"
    assert "Personeelsnummer" in err.message


@pytest.mark.parametrize(("raw", "out"), [
    ("JP", "J.P."), ("jp", "J.P."), ("j.p.", "J.P."), ("J.P.", "J.P."), ("J P", "J.P."),
    ("j.p", "J.P."), ("Ł.", "Ł."), ("ł", "Ł."), ("Ł. A.", "Ł.A."), ("é", "É."),
    ("e\u0301", "É."), ("J.-P.", "J.P."), ("Th.J.", "Th.J."), ("IJ.", "IJ."), ("ij.", "IJ."),
    ("IJ", "I.J."), ("Ĳ", "IJ."), ("Chr.", "Chr."), ("TH.", "T.H."), ("Ş.A.", "Ş.A."),
    ("а.б.", "А.Б."), ("ελ", "Ε.Λ."),
])
def test_initials(raw, out):
    assert v.initials(raw) == out


@pytest.mark.parametrize("bad", ["", " . ", "1.2", "J.1.", "J,P", "J'", "abcdefghijk", "😀",
                                 "\u0301"])
def test_bad_initials(bad):
    err = refused(v.initials, bad)
    assert err.field == "initials"
    assert "Voorletters" in err.message


@pytest.mark.parametrize(("raw", "out"), [
    ("M", "M"), ("m", "M"), ("man", "M"), ("Mannelijk", "M"), ("V", "V"), ("vrouw", "V"),
    (" VROUW ", "V"), ("X", "X"), ("x", "X"), ("anders", "X"), ("onbekend", "X"),
    ("anders/onbekend", "X"),
])
def test_gender(raw, out):
    assert v.gender(raw) == out


@pytest.mark.parametrize("bad", ["", "?", "F", "male", "mv", "'; DROP TABLE x;--"])
def test_bad_gender(bad):
    err = refused(v.gender, bad)
    assert err.field == "gender"
    assert "Geslacht" in err.message


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "out"), [
    ("23-11-2026", date(2026, 11, 23)), ("1-2-2026", date(2026, 2, 1)),
    ("01/02/2026", date(2026, 2, 1)), ("1.2.2026", date(2026, 2, 1)),
    ("29-02-2028", date(2028, 2, 29)), (" 31-12-1999 ", date(1999, 12, 31)),
    ("01-01-1900", date(1900, 1, 1)),
])
def test_dates_in_dutch_form(raw, out):
    assert v.parse_date_nl(raw, "d") == out


@pytest.mark.parametrize("bad", [
    "31-02-2026", "29-02-2027", "31-04-2026", "00-01-2026", "01-13-2026", "01-00-2026",
    "2026-11-23", "23-11-26", "23-11/2026", "23 11 2026", "morgen", "", "23-11-2026 10:00",
    "٢٣-١١-٢٠٢٦", "23-11-02026", "31-12-1899", "01-01-0000", "'; DROP TABLE x;--",
])
def test_bad_dates_name_the_expected_format(bad):
    err = refused(v.parse_date_nl, bad, "first_day")
    assert err.field == "first_day"
    assert "dd-mm-jjjj" in err.message
    assert err.message.startswith("Eerste ziektedag:")


def test_impossible_date_is_named():
    err = refused(v.parse_date_nl, "31-02-2026", "birth_date")
    assert err.message.startswith("Geboortedatum: de datum 31-02-2026 bestaat niet")


def test_date_message_label_falls_back_or_can_be_given():
    assert refused(v.parse_date_nl, "x", "something").message.startswith("Datum:")
    assert refused(v.parse_date_nl, "x", "x", label="Afspraak").message.startswith("Afspraak:")
    assert refused(v.parse_date_nl, "x").field == "date"


def test_birth_date():
    today = date(2026, 11, 23)
    assert v.birth_date(today, today) == today
    assert v.birth_date(date(1906, 11, 23), today) == date(1906, 11, 23)  # exactly 120
    assert v.birth_date(date(1905, 11, 24), today) == date(1905, 11, 24)  # 120 and 364 days
    err = refused(v.birth_date, date(2026, 11, 24), today)
    assert err.field == "birth_date"
    assert "toekomst" in err.message
    err = refused(v.birth_date, date(1905, 11, 23), today, "partner_birth_date")  # turned 121
    assert err.field == "partner_birth_date"
    assert "120" in err.message


def test_date_not_before():
    day = date(2026, 5, 1)
    assert v.date_not_before(day, day, "f", "m") == day
    assert v.date_not_before(date(2026, 5, 2), day, "f", "m") == date(2026, 5, 2)
    err = refused(v.date_not_before, date(2026, 4, 30), day, "f", "Veld: te vroeg.")
    assert (err.field, err.message) == ("f", "Veld: te vroeg.")


def test_employment_period():
    start = date(2020, 1, 1)
    assert v.employment_period(start, None) == (start, None)
    assert v.employment_period(start, start) == (start, start)  # a one-day contract
    assert v.employment_period(start, date(2024, 6, 30)) == (start, date(2024, 6, 30))
    err = refused(v.employment_period, start, date(2019, 12, 31))
    assert err.field == "employment_end"
    assert err.message.startswith("Datum uit dienst:")


def test_recovery_date():
    first = date(2026, 5, 1)
    assert v.recovery_date(first, first) == first  # back at work on the first day itself
    assert v.recovery_date(first, date(2026, 6, 1)) == date(2026, 6, 1)
    err = refused(v.recovery_date, first, date(2026, 4, 30))
    assert err.field == "recovered_on"
    assert err.message.startswith("Hersteldatum:")
    assert "eerste ziektedag" in err.message


# --- percentage ------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "out"), [
    ("50", Decimal(50)), ("50,5", Decimal("50.5")), ("50.5", Decimal("50.5")), ("0", Decimal(0)),
    ("100", Decimal(100)), (" 33,33 ", Decimal("33.33")), ("50%", Decimal(50)),
    ("50 %", Decimal(50)), ("50,50", Decimal("50.5")), ("100,00", Decimal(100)),
    (50, Decimal(50)), (0, Decimal(0)), (100, Decimal(100)), (50.5, Decimal("50.5")),
    (100.0, Decimal(100)), (-0.0, Decimal(0)), (33.33, Decimal("33.33")),
    (Decimal("50.500"), Decimal("50.5")), (Decimal("1E+1"), Decimal(10)),
])
def test_percentages(raw, out):
    result = v.percentage(raw)
    assert result == out
    assert type(result) is Decimal
    assert str(result) == str(out)  # one tidy form, no "50.50" or "1E+1"


@pytest.mark.parametrize("bad", [
    "101", "100,01", "-1", "-0", "veel", "nan", "NaN", "inf", "", "1e2", "50,555", "5O", "½",
    "50,", ",5", "١٠", 101, -1, 100.5, float("nan"), float("inf"), 33.333, True, None,
    Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("1E+999999"), "50 50",
])
def test_bad_percentages(bad):
    err = refused(v.percentage, bad)
    assert err.field == "percentage"
    assert err.message.startswith("Percentage:")


# --- free text -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "'; DROP TABLE employees;--", 'Zeg "hallo"', "O'Brien", "Ĳsselmeer", "Nguyễn Thị Ngọc Ánh",
    "😀", "👩‍⚕️ arts", " spaties ", "Ελένη", "Йо", "שלום", "مرحبا", "中文", "\u200f", "\u202e",
    "\u00a0", "a\u0301", "\U0010fffd", "%s %d {0} ${x}", "<b>vet</b>", "\\", "",
])
def test_free_text_keeps_everything_printable(value):
    assert v.text(value, "f", label="Veld") is value


@pytest.mark.parametrize(("value", "fragment"), [
    ("", "vul dit in"), ("   ", "vul dit in"), ("\u200b", "vul dit in"), ("\u3000", "vul dit in"),
    ("a\x00b", "stuurteken"), ("\x1b[31m", "stuurteken"), ("\x7f", "stuurteken"),
    ("a\x85", "stuurteken"), ("\x9f", "stuurteken"), ("a\tb", "stuurteken"),
    ("a\nb", "één regel"), ("a\r\nb", "één regel"), ("x" * 201, "hoogstens 200 tekens (nu 201)"),
    ("\ud800", "ongeldig"), ("a\udfffb", "ongeldig"), ("\ufffe", "ongeldig"), ("\uffff", "ongeldig"),
    ("\ufdd0", "ongeldig"), ("\U0001fffe", "ongeldig"), ("\U0010ffff", "ongeldig"),
])
def test_free_text_refusals(value, fragment):
    err = refused(v.text, value, "remark", label="Opmerking", required=True)
    assert err.field == "remark"
    assert err.message.startswith("Opmerking: ")
    assert fragment in err.message


def test_max_length_is_inclusive_and_configurable():
    assert v.text("x" * 200, "f", label="V") == "x" * 200
    assert v.text("x" * 5, "f", label="V", max_length=5) == "x" * 5
    refused(v.text, "x" * 6, "f", label="V", max_length=5)
    huge = "x" * 1_000_000
    assert "hoogstens" in refused(v.text, huge, "f", label="V").message


def test_multiline_allows_newline_tab_and_crlf_only():
    value = "regel 1\r\nregel 2\n\tingesprongen"
    assert v.text(value, "f", label="V", multiline=True) is value
    for bad in ["a\rb", "a\r", "a\n\r", "a\x0bb", "a\x0cb", "a\x00\nb", "a\x1cb", "a\x85b"]:
        refused(v.text, bad, "f", label="V", multiline=True)


def test_unicode_line_separators_are_text_not_control_characters():
    # U+2028/U+2029 are format-like separators, not C0/C1 controls: accepted as given.
    assert v.text("a\u2028b\u2029c", "f", label="V") == "a\u2028b\u2029c"


def test_text_refuses_non_strings():
    for bad in [None, 5, b"bytes", ["a"]]:
        assert refused(v.text, bad, "f", label="V").field == "f"


def test_required():
    assert v.required("Jansen", "surname", "Achternaam") == "Jansen"
    err = refused(v.required, " \n", "surname", "Achternaam")
    assert err.field == "surname"
    assert err.message == "Achternaam: vul dit in."
    assert v.text(" ", "f", label="V") == " "  # not required: blank is allowed, kept as given


@settings(max_examples=1000)
@given(value=ANY_TEXT, required=st.booleans(), multiline=st.booleans(),
       max_length=st.integers(0, 400))
@example(value="a\r\nb", required=True, multiline=True, max_length=10)
@example(value="\ud800", required=False, multiline=False, max_length=10)
@example(value="\x00", required=False, multiline=True, max_length=10)
def test_text_is_returned_exactly_or_refused(value, required, multiline, max_length):
    try:
        out = v.text(value, "f", label="Veld", required=required, max_length=max_length,
                     multiline=multiline)
    except ValidationError as err:
        assert err.field == "f"
        assert err.message.startswith("Veld: ")
    else:
        assert out is value
        assert len(value) <= max_length
        assert value.encode("utf-8").decode("utf-8") == value  # storable as UTF-8
        if required:
            assert value.strip()


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]),
               max_size=200))
def test_text_accepts_every_printable_string(value):
    nonchar = any(0xFDD0 <= ord(c) <= 0xFDEF or (ord(c) & 0xFFFE) == 0xFFFE for c in value)
    if not nonchar:
        assert v.text(value, "f", label="V") is value


VALIDATORS = {
    "bsn": v.bsn, "postcode": v.postcode, "kvk": v.kvk, "email": v.email, "phone": v.phone,
    "personnel_number": v.personnel_number, "initials": v.initials, "gender": v.gender,
    "percentage": v.percentage, "date": v.parse_date_nl,
    "text": lambda x: v.text(x, "text", label="Tekst"),
    "required": lambda x: v.required(x, "required", "Verplicht"),
}


@pytest.mark.parametrize("value", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
@pytest.mark.parametrize("name", sorted(VALIDATORS))
def test_hostile_input_is_refused_or_returned(name, value):
    try:
        out = VALIDATORS[name](value)
    except ValidationError as err:
        assert err.field == name
        assert err.message
    else:
        assert out is not None


@settings(max_examples=500)
@given(value=ANY_TEXT)
@example(value="1234 SS")
@example(value="+310")
@example(value="٢٣-١١-٢٠٢٦")
def test_every_validator_returns_or_refuses_never_crashes(value):
    for name, check in VALIDATORS.items():
        try:
            check(value)
        except ValidationError as err:
            assert err.field == name
            assert err.message


@given(value=st.text(alphabet=string.digits + " .-+()/%,", max_size=20))
def test_digit_heavy_input_never_crashes(value):
    for name, check in VALIDATORS.items():
        try:
            check(value)
        except ValidationError as err:
            assert err.field == name


@pytest.mark.parametrize("name", ["bsn", "postcode", "kvk", "email", "phone", "personnel_number",
                                  "initials", "gender", "percentage", "date"])
def test_validators_refuse_non_strings(name):
    for bad in [None, b"123456782", ["1"], object()]:
        refused(VALIDATORS[name], bad)


@given(st.sampled_from(["123456782", "1234 AB", "12345678", "jan@voorbeeld.nl", "06-12345678",
                        "+31612345678", "P-001", "J.P.", "M"]))
def test_normalised_values_are_fixed_points(value):
    for check in (v.bsn, v.postcode, v.kvk, v.email, v.phone, v.personnel_number, v.initials,
                  v.gender):
        try:
            out = check(value)
        except ValidationError:
            continue
        assert check(out) == out
