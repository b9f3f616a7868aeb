"""Consultation hours: blocks, weekly recurrence, slots, conflicts, the suggestion before a due date."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from desktop_app.domain import agenda
from desktop_app.domain.agenda import Block, Booking, BookingState, Location
from desktop_app.domain.poortwachter import Episode, MilestoneCode, compute_timeline
from desktop_app.errors import ValidationErrors

MONDAY = date(2026, 3, 2)


def _block(first=MONDAY, starts="09:00", ends="10:00", minutes=20, until=None, physician=1, id=1):
    spec = agenda.block_spec(physician, "practice", first.strftime("%d-%m-%Y"), starts, ends, minutes,
                             until.strftime("%d-%m-%Y") if until else "")
    return Block(**{k: getattr(spec, k) for k in agenda.BlockSpec.__dataclass_fields__}, id=id)


def test_a_block_is_divided_into_slots_of_its_length():
    slots = agenda.slots_of(_block(ends="10:10"), MONDAY, MONDAY)
    assert [s.starts.time() for s in slots] == [time(9, 0), time(9, 20), time(9, 40)]  # 10:00-10:20 runs over


def test_a_weekly_block_is_held_every_week_until_its_end_date_inclusive():
    b = _block(until=date(2026, 3, 23))
    assert b.days(date(2026, 1, 1), date(2026, 12, 31)) == [date(2026, 3, 2), date(2026, 3, 9),
                                                            date(2026, 3, 16), date(2026, 3, 23)]
    assert b.days(date(2026, 3, 10), date(2026, 3, 15)) == []
    assert b.occurs_on(date(2026, 3, 16))
    assert not b.occurs_on(date(2026, 3, 17))


def test_a_one_off_block_is_held_once():
    assert _block().days(date(2026, 1, 1), date(2026, 12, 31)) == [MONDAY]


def test_a_bad_block_names_every_wrong_field_in_dutch():
    with pytest.raises(ValidationErrors) as caught:
        agenda.block_spec(1, "moon", "31-02-2026", "9 uur", "10:00", "2", "")
    assert set(caught.value.errors) == {"location", "first_day", "starts", "slot_minutes"}
    with pytest.raises(ValidationErrors) as caught:
        agenda.block_spec(1, "practice", "02-03-2026", "10:00", "09:00", "20", "01-03-2026")
    assert "ligt niet na" in caught.value.errors["ends"]
    assert "repeat_until" in caught.value.errors


def test_an_employer_block_needs_the_employer():
    with pytest.raises(ValidationErrors) as caught:
        agenda.block_spec(1, "employer", "02-03-2026", "09:00", "10:00", "20")
    assert "employer_id" in caught.value.errors


def test_overlapping_blocks_of_one_physician_conflict_on_a_shared_day_only():
    weekly = _block(until=date(2026, 6, 29))
    later = agenda.block_spec(1, "video", "16-03-2026", "09:30", "11:00", 30)
    assert "16-03-2026" in agenda.block_conflict(later, [weekly])
    tuesday = agenda.block_spec(1, "video", "17-03-2026", "09:30", "11:00", 30)
    assert agenda.block_conflict(tuesday, [weekly]) is None
    after = agenda.block_spec(1, "video", "16-03-2026", "10:00", "11:00", 30)  # touching, not overlapping
    assert agenda.block_conflict(after, [weekly]) is None
    other_doctor = agenda.block_spec(2, "video", "16-03-2026", "09:30", "11:00", 30)
    assert agenda.block_conflict(other_doctor, [weekly]) is None


def _booking(id, slot, employee=10, state=BookingState.PLANNED):
    return Booking(id, slot.block_id, employee, slot.starts, slot.minutes, state)


def test_a_taken_slot_and_a_double_booked_employee_are_refused_a_cancelled_one_is_free():
    a = agenda.slots_of(_block(), MONDAY, MONDAY)
    b = agenda.slots_of(_block(physician=2, id=2, starts="09:10", ends="10:10"), MONDAY, MONDAY)
    taken = [_booking(1, a[0], employee=10)]
    assert "al bezet" in agenda.booking_conflict(a[0], 11, taken)
    assert "al een afspraak" in agenda.booking_conflict(b[0], 10, taken)  # 09:10 overlaps 09:00-09:20
    assert agenda.booking_conflict(b[1], 10, taken) is None  # 09:30 does not
    cancelled = [_booking(1, a[0], state=BookingState.CANCELLED)]
    assert agenda.booking_conflict(a[0], 11, cancelled) is None
    assert agenda.booking_conflict(a[0], 10, taken, ignore=1) is None  # moving within itself


def test_the_suggestion_is_the_last_free_slot_on_or_before_the_week_6_due_date():
    first_day = date(2026, 1, 5)
    due = next(m.due for m in compute_timeline([Episode(first_day, None)], today=first_day)
               if m.code is MilestoneCode.PROBLEM_ANALYSIS)
    assert due == date(2026, 2, 15)  # a Sunday, end of week 6
    weekly = _block(first=date(2026, 1, 12), until=date(2026, 3, 30))  # Mondays
    slots = agenda.slots(weekly and [weekly], date(2026, 1, 5), date(2026, 3, 31))
    taken = [_booking(1, s) for s in slots if s.starts.date() == date(2026, 2, 9) and s.starts.hour == 9
             and s.starts.minute == 40]
    free = agenda.free_slots(slots, taken)
    got = agenda.suggest(free, datetime(2026, 1, 6, 8, 0), due)
    assert got.slot.starts == datetime(2026, 2, 9, 9, 20)
    assert not got.late
    assert "uiterlijk 15-02-2026" in got.text


def test_no_slot_in_time_suggests_the_first_after_and_says_so():
    weekly = _block(first=date(2026, 3, 2), until=date(2026, 3, 30))
    free = agenda.slots([weekly], date(2026, 3, 1), date(2026, 3, 31))
    got = agenda.suggest(free, datetime(2026, 2, 1, 8, 0), date(2026, 2, 15))
    assert got.late
    assert got.slot.starts == datetime(2026, 3, 2, 9, 0)
    assert agenda.suggest(free, datetime(2026, 4, 1), date(2026, 2, 15)) is None


def test_a_slot_already_begun_is_not_suggested():
    free = agenda.slots([_block()], MONDAY, MONDAY)
    got = agenda.suggest(free, datetime(2026, 3, 2, 9, 0), date(2026, 3, 10))
    assert got.slot.starts == datetime(2026, 3, 2, 9, 40)
    assert got.slot.location is Location.PRACTICE


def test_outcomes_have_dutch_labels():
    assert [o.label for o in agenda.OUTCOMES] == ["gezien", "tijdig afgemeld", "niet verschenen"]
