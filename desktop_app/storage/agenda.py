"""Queries of the consultation hours: blocks, bookings with their history, no-show notices.

Times are stored as local wall-clock text: a block's ``starts``/``ends`` as ``HH:MM``, a booking's
``starts`` as ``YYYY-MM-DDTHH:MM``. A booking holds no medical content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from desktop_app.domain.agenda import Block, BlockSpec, Booking, BookingState, Location
from desktop_app.storage.column_values import iso, now, to_date
from desktop_app.storage.connection import Database

_BLOCK_COLS = "id, physician_id, location, employer_id, first_day, starts, ends, slot_minutes, repeat_until"
_BOOKING_COLS = ("b.id, b.block_id, b.employee_id, b.starts, b.minutes, b.state, k.physician_id, k.location, "
                 "b.confidential")


def _time(text: str) -> time:
    return time.fromisoformat(text)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def _block(r: tuple) -> Block:
    return Block(physician_id=r[1], location=Location(r[2]), first_day=to_date(r[4]),  # type: ignore[arg-type]
                 starts=_time(r[5]), ends=_time(r[6]), slot_minutes=r[7], repeat_until=to_date(r[8]),
                 employer_id=r[3], id=r[0])


def _booking(r: tuple) -> Booking:
    return Booking(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4], BookingState(r[5]), r[6],
                   Location(r[7]), bool(r[8]))


# --- blocks -----------------------------------------------------------------------------------


def add_block(db: Database, spec: BlockSpec, user_id: int) -> int:
    cur = db.execute(
        "INSERT INTO consultation_blocks (physician_id, location, employer_id, first_day, starts, ends, "
        "slot_minutes, repeat_until, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (spec.physician_id, str(spec.location), spec.employer_id, spec.first_day.isoformat(),
         spec.starts.strftime("%H:%M"), spec.ends.strftime("%H:%M"), spec.slot_minutes,
         iso(spec.repeat_until), user_id, now()))
    return cur.lastrowid


def block(db: Database, block_id: int) -> Block | None:
    r = db.one(f"SELECT {_BLOCK_COLS} FROM consultation_blocks WHERE id = ? AND removed_at IS NULL",
               (block_id,))
    return _block(r) if r else None


def blocks_between(db: Database, start: date, end: date, physician_id: int | None = None) -> list[Block]:
    """The blocks that may be held on a day in ``start .. end`` (not removed)."""
    sql = (f"SELECT {_BLOCK_COLS} FROM consultation_blocks WHERE removed_at IS NULL AND first_day <= ? "
           "AND coalesce(repeat_until, first_day) >= ?")
    params: tuple = (end.isoformat(), start.isoformat())
    if physician_id is not None:
        sql += " AND physician_id = ?"
        params += (physician_id,)
    return [_block(r) for r in db.query(sql + " ORDER BY first_day, starts, id", params)]


def remove_block(db: Database, block_id: int) -> None:
    db.execute("UPDATE consultation_blocks SET removed_at = ? WHERE id = ?", (now(), block_id))


# --- bookings ---------------------------------------------------------------------------------


def _history(db: Database, booking: Booking, change: str, user_id: int,
             previous: Booking | None = None) -> None:
    db.execute(
        "INSERT INTO consultation_booking_history (booking_id, employee_id, change, block_id, starts, "
        "previous_block_id, previous_starts, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (booking.id, booking.employee_id, change, booking.block_id, _stamp(booking.starts),
         previous.block_id if previous else None, _stamp(previous.starts) if previous else None,
         user_id, now()))


def add_booking(db: Database, block_id: int, employee_id: int, starts: datetime, minutes: int,
                user_id: int, *, confidential: bool = False) -> int:
    cur = db.execute(
        "INSERT INTO consultation_bookings (block_id, employee_id, starts, minutes, state, recorded_by, "
        "recorded_at, confidential) VALUES (?, ?, ?, ?, 'planned', ?, ?, ?)",
        (block_id, employee_id, _stamp(starts), minutes, user_id, now(), int(confidential)))
    made = booking(db, cur.lastrowid)
    _history(db, made, "planned", user_id)  # type: ignore[arg-type]
    return cur.lastrowid


def booking(db: Database, booking_id: int) -> Booking | None:
    r = db.one(f"SELECT {_BOOKING_COLS} FROM consultation_bookings b JOIN consultation_blocks k "
               "ON k.id = b.block_id WHERE b.id = ?", (booking_id,))
    return _booking(r) if r else None


def bookings_between(db: Database, start: date, end: date) -> list[Booking]:
    """Every booking (any state) from ``start`` up to and including ``end``."""
    rows = db.query(f"SELECT {_BOOKING_COLS} FROM consultation_bookings b JOIN consultation_blocks k "
                    "ON k.id = b.block_id WHERE b.starts >= ? AND b.starts < date(?, '+1 day') "
                    "ORDER BY b.starts, b.id", (start.isoformat(), end.isoformat()))
    return [_booking(r) for r in rows]


def bookings_for(db: Database, employee_id: int) -> list[Booking]:
    rows = db.query(f"SELECT {_BOOKING_COLS} FROM consultation_bookings b JOIN consultation_blocks k "
                    "ON k.id = b.block_id WHERE b.employee_id = ? ORDER BY b.starts, b.id", (employee_id,))
    return [_booking(r) for r in rows]


def set_state(db: Database, booking_id: int, state: BookingState, user_id: int) -> None:
    db.execute("UPDATE consultation_bookings SET state = ? WHERE id = ?", (str(state), booking_id))
    _history(db, booking(db, booking_id), str(state), user_id)  # type: ignore[arg-type]


def move(db: Database, booking_id: int, block_id: int, starts: datetime, minutes: int, user_id: int) -> None:
    before = booking(db, booking_id)
    db.execute("UPDATE consultation_bookings SET block_id = ?, starts = ?, minutes = ? WHERE id = ?",
               (block_id, _stamp(starts), minutes, booking_id))
    _history(db, booking(db, booking_id), "moved", user_id, previous=before)  # type: ignore[arg-type]


@dataclass(frozen=True)
class HistoryRow:
    change: str
    block_id: int
    starts: datetime
    previous_starts: datetime | None
    recorded_by: int
    recorded_at: str


def history(db: Database, booking_id: int) -> list[HistoryRow]:
    rows = db.query("SELECT change, block_id, starts, previous_starts, recorded_by, recorded_at "
                    "FROM consultation_booking_history WHERE booking_id = ? ORDER BY id", (booking_id,))
    return [HistoryRow(r[0], r[1], datetime.fromisoformat(r[2]),
                       datetime.fromisoformat(r[3]) if r[3] else None, r[4], r[5]) for r in rows]


# --- no-show notices --------------------------------------------------------------------------


@dataclass(frozen=True)
class NoShowNotice:
    """What the employer letter is made from: who did not appear, when. Never a reason."""

    id: int
    booking_id: int
    employee_id: int
    employer_id: int | None
    appointment_on: date
    letter_made_at: str | None


def add_no_show_notice(db: Database, booking_id: int, employee_id: int, employer_id: int | None,
                       appointment_on: date, user_id: int) -> int:
    cur = db.execute(
        "INSERT INTO no_show_notices (booking_id, employee_id, employer_id, appointment_on, recorded_by, "
        "recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        (booking_id, employee_id, employer_id, appointment_on.isoformat(), user_id, now()))
    return cur.lastrowid


def no_show_notices(db: Database, *, employee_id: int | None = None, open_only: bool = False) -> list[NoShowNotice]:
    sql = "SELECT id, booking_id, employee_id, employer_id, appointment_on, letter_made_at FROM no_show_notices"
    where, params = [], []
    if employee_id is not None:
        where.append("employee_id = ?")
        params.append(employee_id)
    if open_only:
        where.append("letter_made_at IS NULL")
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = db.query(sql + " ORDER BY appointment_on, id", tuple(params))
    return [NoShowNotice(r[0], r[1], r[2], r[3], to_date(r[4]), r[5]) for r in rows]  # type: ignore[arg-type]


def mark_no_show_letter(db: Database, booking_id: int) -> None:
    """The employer letter of this notice is made (the first time counts)."""
    db.execute("UPDATE no_show_notices SET letter_made_at = ? WHERE booking_id = ? AND letter_made_at IS NULL",
               (now(), booking_id))


def delete_for_employee(db: Database, employee_id: int) -> dict[str, int]:
    """Destruction of the employee's personal data: their appointments go with it."""
    return {
        "no_show_notices": db.execute("DELETE FROM no_show_notices WHERE employee_id = ?", (employee_id,)).rowcount,
        "consultation_booking_history": db.execute(
            "DELETE FROM consultation_booking_history WHERE employee_id = ?", (employee_id,)).rowcount,
        "consultation_bookings": db.execute(
            "DELETE FROM consultation_bookings WHERE employee_id = ?", (employee_id,)).rowcount,
    }


def has_for_employee(db: Database, employee_id: int) -> bool:
    return db.one("SELECT 1 FROM consultation_bookings WHERE employee_id = ? LIMIT 1", (employee_id,)) is not None
