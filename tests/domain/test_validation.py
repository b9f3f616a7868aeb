"""Field validation: worked examples, bad input, and the exact-or-refused property."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import validation as v
from desktop_app.errors import ValidationError


@pytest.mark.parametrize("good", ["123456782", "111222333", "1234 567 82", "123.456.782"])
def test_valid_bsns(good):
    assert v.bsn(good) in ("123456782", "111222333")


@pytest.mark.parametrize("bad", ["123456789", "000000000", "12345678a", "", "1234567890", "１２３４５６７８２"])
def test_invalid_bsns(bad):
    with pytest.raises(ValidationError) as err:
        v.bsn(bad)
    assert err.value.field == "bsn" and "BSN" in err.value.message


def test_eight_digits_get_a_leading_zero():
    eight = next(f"{n:08d}" for n in range(10_000_000, 10_100_000) if v.is_valid_bsn(f"0{n:08d}"))
    assert v.bsn(eight) == "0" + eight


def test_mask_shows_only_the_last_three():
    assert v.mask_bsn("123456782") == "******782"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_bsn_is_valid_exactly_when_the_elfproef_holds(digits):
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    expected = total % 11 == 0 and total != 0
    assert v.is_valid_bsn(digits) == expected
    if expected:
        assert v.bsn(digits) == digits


@pytest.mark.parametrize(("raw", "out"), [("1234ab", "1234 AB"), ("1234 ab", "1234 AB"),
                                          (" 9999  ZZ ", "9999 ZZ")])
def test_postcodes_are_normalised(raw, out):
    assert v.postcode(raw) == out


@pytest.mark.parametrize("bad", ["0123 AB", "1234 SS", "1234 SA", "123 AB", "1234ABC", "", "ABCD 12"])
def test_bad_postcodes(bad):
    with pytest.raises(ValidationError) as err:
        v.postcode(bad)
    assert "Postcode" in err.value.message


def test_kvk_email_phone():
    assert v.kvk("1234 5678") == "12345678"
    with pytest.raises(ValidationError):
        v.kvk("1234567")
    assert v.email("Jan.de.Vries@Voorbeeld.nl") == "Jan.de.Vries@Voorbeeld.nl"
    assert v.email("ayşe@örnek.com.tr") == "ayşe@örnek.com.tr"
    for bad in ["geen", "a@b", "a b@c.nl", "a@@c.nl", "x" * 250 + "@a.nl"]:
        with pytest.raises(ValidationError):
            v.email(bad)
    assert v.phone("06-12345678") == "06-12345678"
    assert v.phone("020 123 4567") == "020-1234567"
    assert v.phone("+31 6 12345678") == "+31612345678"
    assert v.phone("0048 123 456 789") == "+48123456789"
    for bad in ["12345", "06-1234", "bel mij", "+1"]:
        with pytest.raises(ValidationError):
            v.phone(bad)


def test_dates_in_dutch_form():
    assert v.parse_date_nl("23-11-2026", "d") == date(2026, 11, 23)
    assert v.parse_date_nl("1/2/2026", "d") == date(2026, 2, 1)
    assert v.parse_date_nl("29-02-2028", "d") == date(2028, 2, 29)
    assert v.format_date_nl(date(2026, 2, 1)) == "01-02-2026"
    for bad in ["31-02-2026", "29-02-2027", "2026-11-23", "morgen", "", "00-01-2026"]:
        with pytest.raises(ValidationError) as err:
            v.parse_date_nl(bad, "first_day")
        assert err.value.field == "first_day" and "dd-mm-jjjj" in err.value.message


def test_date_rules():
    today = date(2026, 11, 23)
    with pytest.raises(ValidationError):
        v.birth_date(date(2026, 11, 24), today)
    with pytest.raises(ValidationError):
        v.birth_date(date(1890, 1, 1), today)
    with pytest.raises(ValidationError) as err:
        v.employment_period(date(2020, 1, 1), date(2019, 12, 31))
    assert err.value.field == "employment_end"
    with pytest.raises(ValidationError) as err:
        v.recovery_date(date(2026, 5, 1), date(2026, 4, 30))
    assert err.value.field == "recovered_on"


def test_percentages():
    assert v.percentage("50,5") == Decimal("50.5")
    assert v.percentage(100) == 100 and v.percentage("0") == 0
    for bad in ["101", "-1", "veel", "nan", "inf", ""]:
        with pytest.raises(ValidationError):
            v.percentage(bad)


def test_initials_and_gender():
    assert v.initials("jp") == "J.P."
    assert v.initials("Ł. A.") == "Ł.A."
    with pytest.raises(ValidationError):
        v.initials("1.2")
    assert v.gender("vrouw") == "V" and v.gender("x") == "X"
    with pytest.raises(ValidationError):
        v.gender("?")


@pytest.mark.parametrize("value", ["'; DROP TABLE employees;--", 'Zeg "hallo"', "Ĳsselmeer",
                                   "Nguyễn Thị", "😀", " spaties "])
def test_free_text_keeps_everything_printable(value):
    assert v.text(value, "f", label="Veld") == value


@pytest.mark.parametrize(("value", "fragment"), [("", "vul dit in"), ("   ", "vul dit in"),
                                                 ("a\x00b", "stuurteken"), ("x" * 201, "hoogstens"),
                                                 ("a\nb", "stuurteken"), ("\ud800", "ongeldig")])
def test_free_text_refusals(value, fragment):
    with pytest.raises(ValidationError) as err:
        v.text(value, "f", label="Veld", required=True)
    assert fragment in err.value.message


def test_multiline_allows_newlines_and_crlf_only():
    assert v.text("a\r\nb\n\tc", "f", label="V", multiline=True) == "a\r\nb\n\tc"
    with pytest.raises(ValidationError):
        v.text("a\rb", "f", label="V", multiline=True)


ANY = st.text(alphabet=st.characters(codec=None), max_size=400)


@given(value=ANY, required=st.booleans(), multiline=st.booleans())
def test_text_is_returned_exactly_or_refused(value, required, multiline):
    try:
        out = v.text(value, "f", label="Veld", required=required, multiline=multiline)
    except ValidationError as err:
        assert err.field == "f" and err.message
    else:
        assert out == value and type(out) is str


VALIDATORS = [v.bsn, v.postcode, v.kvk, v.email, v.phone, v.personnel_number, v.initials, v.gender,
              v.percentage, lambda x: v.parse_date_nl(x, "d")]


@given(value=ANY)
def test_every_validator_returns_or_refuses_never_crashes(value):
    for check in VALIDATORS:
        try:
            check(value)
        except ValidationError as err:
            assert err.message
