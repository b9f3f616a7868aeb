"""Request deadlines and extensions across month ends and leap years; the state machine."""

from datetime import date

import pytest

from desktop_app.domain.requests import (
    RequestKind,
    RequestState,
    add_months,
    check_extension,
    check_transition,
    deadline,
    latest_extension,
)
from desktop_app.errors import ValidationError


@pytest.mark.parametrize(("received", "due"), [
    (date(2026, 1, 15), date(2026, 2, 12)),
    (date(2026, 2, 10), date(2026, 3, 10)),  # February 2026 has 28 days
    (date(2028, 2, 10), date(2028, 3, 9)),  # leap year: 29 February counts
    (date(2026, 12, 20), date(2027, 1, 17)),  # across the year end
])
def test_four_weeks(received, due):
    assert deadline(received) == due


@pytest.mark.parametrize(("start", "months", "out"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 12, 31), 2, date(2027, 2, 28)),
    (date(2026, 3, 31), 2, date(2026, 5, 31)),
    (date(2027, 12, 30), 2, date(2028, 2, 29)),
])
def test_calendar_months_clamp_to_month_end(start, months, out):
    assert add_months(start, months) == out


def test_extension_rules():
    received = date(2027, 12, 3)  # deadline 31-12-2027, latest extension 29-02-2028 (leap year)
    assert deadline(received) == date(2027, 12, 31)
    assert latest_extension(received) == date(2028, 2, 29)
    check_extension(received, date(2028, 2, 29), date(2027, 12, 20), "Omvangrijk dossier", False)
    with pytest.raises(ValidationError) as err:
        check_extension(received, date(2028, 3, 1), date(2027, 12, 20), "x", False)
    assert err.value.field == "extended_until"
    with pytest.raises(ValidationError) as err:
        check_extension(received, date(2028, 1, 15), date(2028, 1, 2), "x", False)  # letter too late
    assert err.value.field == "extension_letter_on"
    with pytest.raises(ValidationError):
        check_extension(received, date(2028, 1, 15), date(2027, 12, 20), "  ", False)
    with pytest.raises(ValidationError):
        check_extension(received, date(2028, 1, 15), date(2027, 12, 20), "x", True)  # only once


def test_state_machine():
    check_transition(RequestState.RECEIVED, RequestState.IDENTITY_CHECKED, RequestKind.COPY)
    with pytest.raises(ValidationError):
        check_transition(RequestState.RECEIVED, RequestState.DONE, RequestKind.OBJECTION)
    with pytest.raises(ValidationError):  # a copy needs the physician's sign-off first
        check_transition(RequestState.IN_PROGRESS, RequestState.DONE, RequestKind.COPY)
    check_transition(RequestState.IN_PROGRESS, RequestState.DONE, RequestKind.OBJECTION)
    with pytest.raises(ValidationError):  # the sign-off itself does not hand over the copy
        check_transition(RequestState.AWAITING_SIGNOFF, RequestState.DONE, RequestKind.COPY)
    check_transition(RequestState.AWAITING_SIGNOFF, RequestState.SIGNED_OFF, RequestKind.COPY)
    check_transition(RequestState.SIGNED_OFF, RequestState.DONE, RequestKind.COPY)
