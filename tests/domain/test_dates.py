"""The one date formatter: dd-mm-jjjj as a Dutch practice writes it, and back through the parser."""

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import validation
from desktop_app.domain.dates import nl_date, nl_date_time


def test_a_day_is_written_dd_mm_jjjj_with_leading_zeros():
    assert nl_date(date(2026, 3, 5)) == "05-03-2026"


def test_the_year_keeps_four_digits():
    assert nl_date(date(1900, 12, 31)) == "31-12-1900"


def test_no_date_is_an_empty_field():
    assert nl_date(None) == ""


def test_a_moment_shows_its_day():
    assert nl_date(datetime(2026, 11, 23, 23, 59)) == "23-11-2026"


def test_a_moment_with_its_time_is_24_hours_with_leading_zeros():
    assert nl_date_time(datetime(2026, 11, 23, 9, 5)) == "23-11-2026 09:05"


def test_the_afternoon_is_not_am_pm():
    assert nl_date_time(datetime(2026, 11, 23, 17, 30)) == "23-11-2026 17:30"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)))
def test_what_is_written_reads_back_as_the_same_day(d):
    assert validation.parse_date_nl(nl_date(d), "d") == d
