"""The physician's consultation hours: blocks, the day list and week view, planning, outcomes.

Permissions (``domain.permissions``):
- reading the agenda (day list, week, the suggestion): PRACTICE_READ, as any dossier line;
- planning, moving, cancelling and recording an outcome: PRACTICE_WRITE. A booking holds no
  medical content (who, when, where, its state), so the case manager who arranges a
  consultation may plan one, as the issue's "assistant plans from Vandaag" would have it;
- managing the blocks themselves: MEDICAL_WRITE. The table has no agenda permission, and the
  consultation hours are the physician's own, kept by the physician or by the assistant who works
  for the physician under derived medical secrecy; MEDICAL_WRITE is exactly what those two hold
  (an assistant only with a signed secrecy statement) and a case manager never. No medical data
  is written: the permission is used for *who acts for the physician*, not for the content.

An appointment for the employee's own question (open spreekuur, ``confidential``) takes its slot
for everyone, but whose it is shows only to those holding MEDICAL_READ: to anyone else the day
list says "bezet" with no name, the employee's appointments leave it out and its history is not
found. Only MEDICAL_WRITE plans, moves or records it, and "niet verschenen" makes no notice for
the employer: the employer is not to learn of the visit at all (docs/decisions/0013).

"Niet verschenen" records a notice to the employer that the employee did not appear, with no
reason (its table has no column for one); the employer letter is made from it later. Every
change is on the audit trail, without any value beyond the booking's number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop_app.audit import Action
from desktop_app.domain import agenda as rules
from desktop_app.domain.agenda import Block, Booking, BookingState, Location, Slot, Suggestion
from desktop_app.domain.dates import nl_date
from desktop_app.domain.permissions import Permission
from desktop_app.domain.poortwachter import MilestoneCode
from desktop_app.domain.roles import Role
from desktop_app.errors import Conflict, NotFound, ValidationError, ValidationErrors
from desktop_app.services import cases, restrictions
from desktop_app.services.authz import check, requires, unguarded
from desktop_app.services.session import Session
from desktop_app.storage import agenda as store
from desktop_app.storage import employees as employees_store
from desktop_app.storage import employers as employers_store
from desktop_app.storage import users as users_store

SUGGEST_WEEKS = 12  # how far ahead a suggestion looks


class SlotTaken(Conflict):
    """A booking that conflicts with another (the slot is taken, the employee is booked)."""


@unguarded("the workstation's clock: touches no data")
def now_local() -> datetime:
    """The workstation's wall-clock time, to the minute (tests replace this)."""
    return datetime.now().replace(second=0, microsecond=0)


@dataclass(frozen=True)
class Physician:
    id: int
    name: str


@dataclass(frozen=True)
class SlotLine:
    """A slot of the day list or week, with its booking (None: free)."""

    slot: Slot
    physician_name: str
    booking: Booking | None = None
    employee_name: str = ""
    employer_name: str = ""
    taken: bool = False  # held by an appointment this user may not see (the employee's own question)

    @property
    def state_label(self) -> str:
        if self.taken:
            return "bezet"
        if self.booking is None:
            return "vrij"
        return self.booking.state.label + (", eigen vraag" if self.booking.confidential else "")


@dataclass(frozen=True)
class AgendaDay:
    on: date
    lines: tuple[SlotLine, ...]

    @property
    def booked(self) -> int:
        return sum(1 for x in self.lines if x.booking is not None and x.booking.active)


# --- reading ----------------------------------------------------------------------------------


@requires(Permission.PRACTICE_READ)
def physicians(session: Session) -> list[Physician]:
    return [Physician(u.id, u.display_name) for u in users_store.all_users(session.db)
            if u.role is Role.PHYSICIAN]


@requires(Permission.PRACTICE_READ)
def blocks(session: Session, start: date, end: date) -> list[Block]:
    return store.blocks_between(session.db, start, end)


def _names(session: Session) -> dict[int, str]:
    return {u.id: u.display_name for u in users_store.all_users(session.db, include_removed=True)}


def _sees_confidential(session: Session) -> bool:
    """Whether the user may see whose an own-question appointment is: medical staff only."""
    return Permission.MEDICAL_READ in session.permissions()


def _require_confidential_write(session: Session, b: Booking, name: str) -> None:
    """An own-question appointment is changed by medical staff only."""
    if b.confidential:
        check(session, f"agenda.{name}", [Permission.MEDICAL_WRITE], employee_id=b.employee_id)


def _days(session: Session, start: date, end: date, physician_id: int | None) -> list[AgendaDay]:
    held = store.blocks_between(session.db, start, end, physician_id)
    bookings = [b for b in store.bookings_between(session.db, start, end) if b.active]
    see = _sees_confidential(session)
    by_slot = {(b.block_id, b.starts): b for b in bookings}
    doctors = _names(session)
    employees: dict[int, tuple[str, str]] = {}
    out: dict[date, list[SlotLine]] = {start + timedelta(days=i): [] for i in range((end - start).days + 1)}
    for s in rules.slots(held, start, end):
        b = by_slot.get((s.block_id, s.starts))
        name = employer = ""
        if b is not None and b.confidential and not see:
            out[s.starts.date()].append(SlotLine(s, doctors.get(s.physician_id, ""), None, taken=True))
            continue
        if b is not None:
            if b.employee_id not in employees:
                e = employees_store.get(session.db, b.employee_id)
                employees[b.employee_id] = (e.display_name, e.employer_name) if e else ("", "")
            name, employer = employees[b.employee_id]
        out[s.starts.date()].append(SlotLine(s, doctors.get(s.physician_id, ""), b, name, employer))
    return [AgendaDay(day, tuple(lines)) for day, lines in out.items()]


@requires(Permission.PRACTICE_READ)
def day_list(session: Session, on: date, physician_id: int | None = None) -> AgendaDay:
    """The slots of one day, each with its booking: the physician's day list."""
    return _days(session, on, on, physician_id)[0]


@requires(Permission.PRACTICE_READ)
def week(session: Session, start: date, physician_id: int | None = None) -> list[AgendaDay]:
    """Seven days from ``start``'s Monday."""
    monday = start - timedelta(days=start.weekday())
    return _days(session, monday, monday + timedelta(days=6), physician_id)


@requires(Permission.PRACTICE_READ)
def bookings_for(session: Session, employee_id: int) -> list[Booking]:
    found = store.bookings_for(session.db, employee_id)
    return found if _sees_confidential(session) else [b for b in found if not b.confidential]


@requires(Permission.PRACTICE_READ)
def history(session: Session, booking_id: int) -> list[store.HistoryRow]:
    _booking(session, booking_id)
    return store.history(session.db, booking_id)


def _problem_analysis_due(session: Session, employee_id: int) -> date | None:
    """The due date of the open case's problem analysis (end of week 6), if not yet done."""
    for case in cases.for_employee(session, employee_id):
        if not case.is_open:
            continue
        for m in cases.timeline(session, case):
            if m.code is MilestoneCode.PROBLEM_ANALYSIS and m.done is None:
                return m.due
    return None


@requires(Permission.PRACTICE_READ)
def free_slots(session: Session, start: date, end: date, physician_id: int | None = None) -> list[Slot]:
    held = store.blocks_between(session.db, start, end, physician_id)
    now = now_local()
    return [s for s in rules.free_slots(rules.slots(held, start, end), store.bookings_between(session.db, start, end))
            if s.starts > now]


@requires(Permission.PRACTICE_READ)
def suggestion(session: Session, employee_id: int, physician_id: int | None = None) -> Suggestion | None:
    """For a problem analysis still to do: the last free slot before its due date; otherwise
    (or if none is free in time) the first free slot ahead."""
    due = _problem_analysis_due(session, employee_id)
    now = now_local()
    end = max(now.date() + timedelta(weeks=SUGGEST_WEEKS), (due or now.date()) + timedelta(weeks=4))
    return rules.suggest(free_slots(session, now.date(), end, physician_id), now, due)


# --- blocks -----------------------------------------------------------------------------------


@requires(Permission.MEDICAL_WRITE)  # the physician or the assistant acting for them: see above
def add_block(session: Session, physician_id: int, location: str, first_day: str, starts: str, ends: str,
              slot_minutes: str | int, repeat_until: str = "", employer_id: int | None = None) -> Block:
    if physician_id not in {p.id for p in physicians(session)}:
        raise ValidationError("physician_id", "Arts: kies een bedrijfsarts van de praktijk.")
    spec = rules.block_spec(physician_id, location, first_day, starts, ends, slot_minutes, repeat_until,
                            employer_id, today=now_local().date())
    if spec.employer_id is not None and employers_store.get(session.db, spec.employer_id) is None:
        raise ValidationErrors({"employer_id": "Werkgever: deze werkgever bestaat niet (meer). Kies een werkgever "
                                               "uit de lijst."})
    with session.db.transaction():
        clash = rules.block_conflict(
            spec, store.blocks_between(session.db, spec.first_day, spec.repeat_until or spec.first_day,
                                       physician_id))
        if clash:
            raise Conflict(clash, detail="consultation block overlaps another")
        block_id = store.add_block(session.db, spec, session.user.id)
        session.record(Action.CREATE, object_type="consultation_block", object_id=block_id,
                       data="spreekuur vastgelegd")
    return store.block(session.db, block_id)  # type: ignore[return-value]


@requires(Permission.MEDICAL_WRITE)
def remove_block(session: Session, block_id: int) -> None:
    """Remove a block that has no planned appointment ahead (move or cancel those first)."""
    b = store.block(session.db, block_id)
    if b is None:
        raise NotFound(detail=f"consultation block {block_id}")
    now = now_local()
    ahead = [x for x in store.bookings_between(session.db, now.date(), b.repeat_until or b.first_day)
             if x.block_id == block_id and x.state is BookingState.PLANNED]
    if ahead:
        raise Conflict(f"Dit spreekuur heeft nog {len(ahead)} geplande afspraak/afspraken. Verplaats of "
                       "annuleer die eerst; er is niets verwijderd.", detail="block has planned bookings")
    with session.db.transaction():
        store.remove_block(session.db, block_id)
        session.record(Action.DELETE, object_type="consultation_block", object_id=block_id,
                       data="spreekuur verwijderd")


# --- bookings ---------------------------------------------------------------------------------


def _booking(session: Session, booking_id: int) -> Booking:
    """The booking; one this user may not see is not found, as if it did not exist."""
    b = store.booking(session.db, booking_id)
    if b is None or (b.confidential and not _sees_confidential(session)):
        raise NotFound(detail=f"booking {booking_id}")
    return b


def _slot(session: Session, block_id: int, starts: datetime) -> Slot:
    slot = rules.slot_of(store.blocks_between(session.db, starts.date(), starts.date()), block_id, starts)
    if slot is None:
        raise ValidationError("slot", "Dit tijdstip hoort niet (meer) bij een spreekuur. Kies een vrij tijdstip.")
    if slot.starts <= now_local():
        raise ValidationError("slot", "Dit tijdstip ligt in het verleden. Kies een tijdstip dat nog komt.")
    return slot


def _require_premises_of(session: Session, slot: Slot, employee_id: int) -> None:
    """A consultation hour at an employer's premises is for that employer's employees."""
    if slot.location is not Location.EMPLOYER:
        return
    block = next((b for b in store.blocks_between(session.db, slot.starts.date(), slot.starts.date())
                  if b.id == slot.block_id), None)
    employee = employees_store.get(session.db, employee_id)
    if block is None or employee is None or block.employer_id != employee.employer_id:
        raise ValidationError("slot", "Dit spreekuur is bij een andere werkgever. Kies een spreekuur op de "
                                      "praktijk, telefonisch, per video of bij de eigen werkgever.")


def _refuse_conflict(session: Session, slot: Slot, employee_id: int, ignore: int | None = None) -> None:
    around = store.bookings_between(session.db, slot.starts.date(), slot.starts.date())
    clash = rules.booking_conflict(slot, employee_id, around, ignore=ignore,
                                   see_confidential=_sees_confidential(session))
    if clash:
        raise SlotTaken(clash, detail="booking conflicts with another")


@requires(Permission.PRACTICE_WRITE)
def book(session: Session, employee_id: int, block_id: int, starts: datetime, *,
         confidential: bool = False) -> Booking:
    """Plan the employee into the slot of ``block_id`` that begins at ``starts``. ``confidential``:
    for the employee's own question (open spreekuur), by medical staff only."""
    if confidential:  # an own question: medical staff only
        check(session, "agenda.book", [Permission.MEDICAL_WRITE])
    if employees_store.get(session.db, employee_id) is None:
        raise NotFound(detail=f"employee {employee_id}")
    restrictions.require_not_restricted(session, employee_id)  # a running restriction: no new processing
    with session.db.transaction():
        slot = _slot(session, block_id, starts)
        _require_premises_of(session, slot, employee_id)
        _refuse_conflict(session, slot, employee_id)
        booking_id = store.add_booking(session.db, block_id, employee_id, slot.starts, slot.minutes,
                                       session.user.id, confidential=bool(confidential))
        session.record(Action.CREATE, object_type="consultation_booking", object_id=booking_id,
                       employee_id=employee_id, data="ingepland op spreekuur")
    return _booking(session, booking_id)


@requires(Permission.PRACTICE_WRITE)
def move(session: Session, booking_id: int, block_id: int, starts: datetime) -> Booking:
    """Another slot for a planned booking; the old time stays in its history."""
    b = _booking(session, booking_id)
    _require_confidential_write(session, b, "move")
    if b.state is not BookingState.PLANNED:
        raise Conflict(f"Deze afspraak is al {b.state.label}; verplaatsen kan niet meer.",
                       detail="booking not planned")
    restrictions.require_not_restricted(session, b.employee_id)
    with session.db.transaction():
        slot = _slot(session, block_id, starts)
        _require_premises_of(session, slot, b.employee_id)
        _refuse_conflict(session, slot, b.employee_id, ignore=booking_id)
        store.move(session.db, booking_id, block_id, slot.starts, slot.minutes, session.user.id)
        session.record(Action.UPDATE, object_type="consultation_booking", object_id=booking_id,
                       employee_id=b.employee_id, data="afspraak verplaatst")
    return _booking(session, booking_id)


@requires(Permission.PRACTICE_WRITE)
def cancel(session: Session, booking_id: int) -> Booking:
    """Cancelled in time: the slot is free again, the booking and its history stay."""
    return record_outcome(session, booking_id, BookingState.CANCELLED)


@requires(Permission.PRACTICE_WRITE)
def record_outcome(session: Session, booking_id: int, outcome: BookingState | str) -> Booking:
    """Gezien, tijdig afgemeld or niet verschenen. "Niet verschenen" keeps a notice for the
    employer, without any reason."""
    try:
        state = BookingState(outcome)
    except ValueError:
        state = None
    if state not in rules.OUTCOMES:
        raise ValidationError("outcome", "Uitkomst: kies gezien, tijdig afgemeld of niet verschenen.")
    b = _booking(session, booking_id)
    _require_confidential_write(session, b, "record_outcome")
    if b.state is not BookingState.PLANNED:
        raise Conflict(f"Voor deze afspraak is al vastgelegd: {b.state.label}.", detail="outcome already recorded")
    if state is not BookingState.CANCELLED:  # a cancellation stops processing; the rest is more of it
        restrictions.require_not_restricted(session, b.employee_id)
    if state is not BookingState.CANCELLED and b.starts > now_local():
        raise ValidationError("outcome", f"De afspraak is pas op {nl_date(b.starts.date())} om {b.starts:%H:%M}: "
                                         f"'{state.label}' kan pas vanaf dat moment.")
    with session.db.transaction():
        store.set_state(session.db, booking_id, state, session.user.id)
        if state is BookingState.NO_SHOW and _employer_may_hear(session, b):
            e = employees_store.get(session.db, b.employee_id)
            store.add_no_show_notice(session.db, booking_id, b.employee_id, e.employer_id if e else None,
                                     b.starts.date(), session.user.id)
        session.record(Action.UPDATE, object_type="consultation_booking", object_id=booking_id,
                       employee_id=b.employee_id, data=f"uitkomst: {state.label}")
    return _booking(session, booking_id)


def _absent_on(session: Session, employee_id: int, day: date) -> bool:
    """Whether an absence case of the employee ran on ``day``."""
    return any(c.first_day <= day and (c.recovered_on is None or c.recovered_on >= day)
               for c in cases.for_employee(session, employee_id))


def _employer_may_hear(session: Session, b: Booking) -> bool:
    """Whether the employer may be told of this appointment (its notice, a no-show): only for an
    employee in an absence case, and never for an own question. A visit without a case is the
    employee's own affair (an own question, a preventive consultation): the employer is not told."""
    return not b.confidential and _absent_on(session, b.employee_id, b.starts.date())


@requires(Permission.PRACTICE_READ)
def employer_may_hear(session: Session, booking_id: int) -> bool:
    """For the agenda window: whether the employer's notice of this appointment may be made."""
    return _employer_may_hear(session, _booking(session, booking_id))


@dataclass(frozen=True)
class NoShow:
    """A recorded "niet verschenen", with the appointment it was for: what the employer letter
    names (the date and time; never a reason)."""

    notice: store.NoShowNotice
    booking: Booking

    @property
    def label(self) -> str:
        made = ", brief gemaakt" if self.notice.letter_made_at else ""
        return f"niet verschenen op {nl_date(self.booking.starts.date())} om {self.booking.starts:%H:%M}{made}"


@requires(Permission.PRACTICE_READ)
def no_shows(session: Session, employee_id: int) -> list[NoShow]:
    """The employee's recorded no-shows, with their appointments, earliest first."""
    found = []
    for notice in store.no_show_notices(session.db, employee_id=employee_id):
        b = store.booking(session.db, notice.booking_id)
        if b is not None:
            found.append(NoShow(notice, b))
    return found


@requires(Permission.PRACTICE_WRITE)
def letters_to_make(session: Session) -> list[tuple[NoShow, str, str]]:
    """Every "niet verschenen" whose employer letter is not made yet, with the employee's and the
    employer's names: a line on Vandaag until the letter is made."""
    out = []
    for notice in store.no_show_notices(session.db, open_only=True):
        b = store.booking(session.db, notice.booking_id)
        e = employees_store.get(session.db, notice.employee_id)
        if b is not None and e is not None:
            out.append((NoShow(notice, b), e.display_name, e.employer_name))
    return out


@requires(Permission.PRACTICE_READ)
def no_show_notices(session: Session, employee_id: int | None = None) -> list[store.NoShowNotice]:
    """The notices for the employer still to be (or already) made into a letter."""
    return store.no_show_notices(session.db, employee_id=employee_id)
