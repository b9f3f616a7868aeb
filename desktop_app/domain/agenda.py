"""The physician's consultation hours (spreekuur): blocks, their slots, bookings and outcomes.

A block is a stretch of consultation hours of one physician at one location (the practice, at the
employer, by telephone, by video) on ``first_day`` from ``starts`` to ``ends``, divided into slots
of ``slot_minutes``; a slot that would run past ``ends`` is not made. A block is one-off, or repeats
weekly on the same weekday up to and including ``repeat_until``.

A booking puts one employee into one slot. It holds no medical content: who, when, where, and
its state. States: ``planned``, and the outcomes ``seen`` (gezien), ``cancelled`` (tijdig
afgemeld: the slot is free again) and ``no_show`` (niet verschenen: the employer is told that
the employee did not appear, without any reason). Moving a booking keeps its history.

Conflicts are refused with a Dutch message: two blocks of one physician that overlap on a day, a
slot already taken, an employee booked twice at overlapping times.

The suggestion for a problem analysis (due at the end of week 6, ``poortwachter``) is the last
free slot on or before its due date that is still ahead; if none, the first free slot after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from desktop_app.domain import validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.field_errors import Fields
from desktop_app.errors import ValidationError

MIN_SLOT_MINUTES = 5
MAX_SLOT_MINUTES = 240
MAX_REPEAT_DAYS = 366 * 2  # a recurrence ends within two years
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


class Location(StrEnum):
    PRACTICE = "practice"
    EMPLOYER = "employer"
    PHONE = "phone"
    VIDEO = "video"

    @property
    def label(self) -> str:
        return LOCATION_LABELS[self]


LOCATION_LABELS = {Location.PRACTICE: "praktijk", Location.EMPLOYER: "bij de werkgever",
                   Location.PHONE: "telefonisch", Location.VIDEO: "video"}


class BookingState(StrEnum):
    PLANNED = "planned"
    SEEN = "seen"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {BookingState.PLANNED: "gepland", BookingState.SEEN: "gezien",
                BookingState.CANCELLED: "tijdig afgemeld", BookingState.NO_SHOW: "niet verschenen"}
# The outcomes a user records on a planned booking.
OUTCOMES = (BookingState.SEEN, BookingState.CANCELLED, BookingState.NO_SHOW)


@dataclass(frozen=True)
class BlockSpec:
    """A block as entered, checked."""

    physician_id: int
    location: Location
    first_day: date
    starts: time
    ends: time
    slot_minutes: int
    repeat_until: date | None = None
    employer_id: int | None = None  # the employer whose premises, for Location.EMPLOYER


@dataclass(frozen=True)
class Block(BlockSpec):
    id: int = 0

    def occurs_on(self, day: date) -> bool:
        if day == self.first_day:
            return True
        if self.repeat_until is None or not (self.first_day < day <= self.repeat_until):
            return False
        return (day - self.first_day).days % 7 == 0

    def days(self, start: date, end: date) -> list[date]:
        """The days in ``start .. end`` (inclusive) the block is held."""
        first = max(start, self.first_day)
        last = min(end, self.repeat_until or self.first_day)
        if first > last:
            return []
        offset = (first - self.first_day).days % 7
        day = first if offset == 0 else first + timedelta(days=7 - offset)
        out = []
        while day <= last:
            out.append(day)
            day += timedelta(days=7)
        return out

    @property
    def label(self) -> str:
        when = f"{self.starts:%H:%M}–{self.ends:%H:%M}"
        if self.repeat_until is None:
            return f"{nl_date(self.first_day)} {when}, {self.location.label}"
        return (f"elke {WEEKDAYS[self.first_day.weekday()]} {when} van {nl_date(self.first_day)} "
                f"t/m {nl_date(self.repeat_until)}, {self.location.label}")


@dataclass(frozen=True)
class Slot:
    block_id: int
    physician_id: int
    location: Location
    starts: datetime
    minutes: int

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.minutes)

    @property
    def label(self) -> str:
        return f"{nl_date(self.starts.date())} {self.starts:%H:%M} ({self.location.label})"


@dataclass(frozen=True)
class Booking:
    id: int
    block_id: int
    employee_id: int
    starts: datetime
    minutes: int
    state: BookingState
    physician_id: int = 0
    location: Location = Location.PRACTICE
    confidential: bool = False  # the employee's own question: whose it is, only medical staff see

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.minutes)

    @property
    def active(self) -> bool:
        """Holds its slot: everything but a cancellation."""
        return self.state is not BookingState.CANCELLED


# --- input ------------------------------------------------------------------------------------

_TIME = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")


def parse_time(value: str, field: str, label: str) -> time:
    raw = value.strip() if isinstance(value, str) else ""
    m = _TIME.fullmatch(raw)
    if not m:
        raise ValidationError(field, f"{label}: gebruik de vorm uu:mm, bijvoorbeeld 09:00.")
    return time(int(m.group(1)), int(m.group(2)))


def _minutes(value: str | int, field: str) -> int:
    try:
        n = int(str(value).strip())
    except ValueError:
        raise ValidationError(field, "Duur per afspraak: vul een aantal minuten in, bijvoorbeeld 20.") from None
    if not MIN_SLOT_MINUTES <= n <= MAX_SLOT_MINUTES:
        raise ValidationError(field, f"Duur per afspraak: kies {MIN_SLOT_MINUTES} tot en met "
                                     f"{MAX_SLOT_MINUTES} minuten.")
    return n


def block_spec(physician_id: int, location: str, first_day: str, starts: str, ends: str,
               slot_minutes: str | int, repeat_until: str = "", employer_id: int | None = None, *,
               today: date | None = None) -> BlockSpec:
    """Check a block form; every wrong field is reported at once (``ValidationErrors``). With
    ``today``, a first day more than two years ahead is refused (a typing error, and past the
    calendar's end for 31-12-9999)."""
    f = Fields()
    loc = None
    try:
        loc = Location(location)
    except ValueError:
        f.fail("location", "Plaats: kies praktijk, bij de werkgever, telefonisch of video.")
    day = f.take("first_day", validation.parse_date_nl, first_day, "first_day", label="Datum")
    t0 = f.take("starts", parse_time, starts, "starts", "Van")
    t1 = f.take("ends", parse_time, ends, "ends", "Tot")
    minutes = f.take("slot_minutes", _minutes, slot_minutes, "slot_minutes")
    until = None
    if isinstance(repeat_until, str) and repeat_until.strip():
        until = f.take("repeat_until", validation.parse_date_nl, repeat_until, "repeat_until",
                       label="Wekelijks herhalen tot en met")
    if t0 is not None and t1 is not None and t1 <= t0:
        f.fail("ends", "Tot: ligt niet na het begin van het spreekuur.")
    elif t0 is not None and t1 is not None and minutes is not None and _span(t0, t1) < minutes:
        f.fail("slot_minutes", "Duur per afspraak: langer dan het spreekuur zelf.")
    if day is not None and today is not None and (day - today).days > MAX_REPEAT_DAYS:
        f.fail("first_day", "Datum: hoogstens twee jaar vooruit.")
    elif day is not None and until is not None:
        if until <= day:
            f.fail("repeat_until", "Wekelijks herhalen tot en met: ligt niet na de eerste datum.")
        elif (until - day).days > MAX_REPEAT_DAYS:
            f.fail("repeat_until", "Wekelijks herhalen tot en met: hoogstens twee jaar vooruit.")
    if loc is Location.EMPLOYER and employer_id is None:
        f.fail("employer_id", "Werkgever: kies bij welke werkgever het spreekuur is.")
    f.done()
    return BlockSpec(physician_id, loc, day, t0, t1, minutes, until,  # type: ignore[arg-type]
                     employer_id if loc is Location.EMPLOYER else None)


def _span(t0: time, t1: time) -> int:
    return (t1.hour * 60 + t1.minute) - (t0.hour * 60 + t0.minute)


# --- slots and conflicts ----------------------------------------------------------------------


def slots_of(block: Block, start: date, end: date) -> list[Slot]:
    """The block's slots on the days in ``start .. end``; the last one ends at or before ``ends``."""
    out = []
    count = _span(block.starts, block.ends) // block.slot_minutes
    for day in block.days(start, end):
        begin = datetime.combine(day, block.starts)
        out.extend(Slot(block.id, block.physician_id, block.location,
                        begin + timedelta(minutes=i * block.slot_minutes), block.slot_minutes)
                   for i in range(count))
    return out


def slots(blocks: Iterable[Block], start: date, end: date) -> list[Slot]:
    out = [s for b in blocks for s in slots_of(b, start, end)]
    return sorted(out, key=lambda s: (s.starts, s.physician_id, s.block_id))


def block_conflict(new: BlockSpec, existing: Iterable[Block]) -> str | None:
    """The Dutch refusal when ``new`` overlaps a block of the same physician on some day."""
    new_block = Block(**{k: getattr(new, k) for k in BlockSpec.__dataclass_fields__}, id=0)
    last = new.repeat_until or new.first_day
    for other in existing:
        if other.physician_id != new.physician_id:
            continue
        if not (new.starts < other.ends and other.starts < new.ends):
            continue
        for day in new_block.days(new.first_day, last):
            if other.occurs_on(day):
                return (f"Dit spreekuur overlapt op {nl_date(day)} met een ander spreekuur van "
                        f"dezelfde arts ({other.starts:%H:%M}–{other.ends:%H:%M}). Kies een andere tijd.")
    return None


def slot_of(blocks: Iterable[Block], block_id: int, starts: datetime) -> Slot | None:
    """The slot of block ``block_id`` that begins at ``starts``, if the block has one there."""
    for block in blocks:
        if block.id == block_id:
            for s in slots_of(block, starts.date(), starts.date()):
                if s.starts == starts:
                    return s
    return None


def booking_conflict(slot: Slot, employee_id: int, bookings: Iterable[Booking], *,
                     ignore: int | None = None, see_confidential: bool = True) -> str | None:
    """The Dutch refusal when the slot is taken or the employee is booked at an overlapping time.
    ``see_confidential`` False: an own-question appointment of the employee does not count (a
    refusal, however worded, would tell the case manager whose the hidden appointment is)."""
    for b in bookings:
        if not b.active or b.id == ignore:
            continue
        if b.block_id == slot.block_id and b.starts == slot.starts:
            return (f"Deze tijd ({slot.label}) is al bezet. Kies een ander vrij tijdstip; "
                    "er is niets ingepland.")
        if b.employee_id == employee_id and b.starts < slot.ends and slot.starts < b.ends:
            if b.confidential and not see_confidential:
                continue  # any refusal would tell who holds the hidden appointment; medical staff see both
            return (f"Deze werknemer heeft al een afspraak op {nl_date(b.starts.date())} om "
                    f"{b.starts:%H:%M}. Twee afspraken tegelijk kan niet; er is niets ingepland.")
    return None


def free_slots(all_slots: Iterable[Slot], bookings: Iterable[Booking]) -> list[Slot]:
    taken = {(b.block_id, b.starts) for b in bookings if b.active}
    return [s for s in all_slots if (s.block_id, s.starts) not in taken]


@dataclass(frozen=True)
class Suggestion:
    slot: Slot
    due: date | None
    late: bool  # no free slot on or before the due date: the first one after it

    @property
    def text(self) -> str:
        if self.due is None:
            return f"Eerste vrije tijd: {self.slot.label}."
        if self.late:
            return (f"Geen vrije tijd vóór de probleemanalyse (uiterlijk {nl_date(self.due)}); "
                    f"eerste vrije tijd daarna: {self.slot.label}.")
        return (f"Laatste vrije tijd vóór de probleemanalyse (uiterlijk {nl_date(self.due)}): "
                f"{self.slot.label}.")


def suggest(free: Iterable[Slot], now: datetime, due: date | None) -> Suggestion | None:
    """The last free slot on or before ``due`` still ahead of ``now``; else the first after it.
    Without a due date: the first free slot ahead."""
    ahead = sorted((s for s in free if s.starts > now), key=lambda s: s.starts)
    if not ahead:
        return None
    if due is None:
        return Suggestion(ahead[0], None, False)
    before = [s for s in ahead if s.starts.date() <= due]
    if before:
        return Suggestion(before[-1], due, False)
    return Suggestion(ahead[0], due, True)


# --- the invitation's merge values ------------------------------------------------------------

PLACES = {Location.PRACTICE: "op de praktijk (het adres staat bovenaan deze brief)",
          Location.EMPLOYER: "bij uw werkgever",
          Location.PHONE: "telefonisch: de bedrijfsarts belt u op het afgesproken tijdstip",
          Location.VIDEO: "via een videoverbinding; de link ontvangt u apart"}
BRING = "uw identiteitsbewijs en, als u die hebt, brieven of uitslagen van uw behandelaars"


def invitation_values(slot: Slot) -> dict[str, str]:
    """The {afspraak.…} values of the invitation and the employer's notice for a booked slot."""
    return {"afspraak.datum": nl_date(slot.starts.date()), "afspraak.tijd": f"{slot.starts:%H:%M}",
            "afspraak.plaats": PLACES[slot.location], "afspraak.meenemen": BRING}
