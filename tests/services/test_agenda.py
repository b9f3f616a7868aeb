"""Consultation hours through the service: blocks, planning, conflicts refused in Dutch, cancel and
move keep their history, outcomes, the no-show notice without a reason, and who may do what."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from desktop_app.domain.agenda import BookingState
from desktop_app.domain.cases import CaseForm
from desktop_app.errors import Conflict, ValidationErrors
from desktop_app.services import agenda, authz, cases
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.dossiers import add_employee, add_sick_employee
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as

TODAY = date.today()
NEXT_MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@pytest.fixture
def arts(practice, clock):
    s = login_as(practice, ARTS)
    yield s
    s.close()


@pytest.fixture
def weekly(arts):
    """Mondays 09:00-10:00 in slots of 20 minutes, for eight weeks from next Monday."""
    return agenda.add_block(arts, arts.user.id, "practice", nl(NEXT_MONDAY), "09:00", "10:00", "20",
                            nl(NEXT_MONDAY + timedelta(weeks=8)))


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm))


def test_a_weekly_block_shows_its_slots_in_the_day_list_and_week(arts, weekly):
    day = agenda.day_list(arts, NEXT_MONDAY + timedelta(weeks=2))
    assert [x.slot.starts.time() for x in day.lines] == [time(9), time(9, 20), time(9, 40)]
    assert all(x.state_label == "vrij" for x in day.lines)
    days = agenda.week(arts, NEXT_MONDAY + timedelta(days=3))
    assert [d.on for d in days][0] == NEXT_MONDAY
    assert len(days) == 7
    assert [len(d.lines) for d in days] == [3, 0, 0, 0, 0, 0, 0]


def test_an_overlapping_block_is_refused_in_dutch(arts, weekly):
    with pytest.raises(Conflict) as caught:
        agenda.add_block(arts, arts.user.id, "video", nl(NEXT_MONDAY + timedelta(weeks=3)), "09:40", "11:00", "30")
    assert "overlapt" in caught.value.message
    assert "dezelfde arts" in caught.value.message


def test_a_bad_block_form_is_refused_at_its_fields(arts):
    with pytest.raises(ValidationErrors) as caught:
        agenda.add_block(arts, arts.user.id, "practice", "morgen", "09:00", "08:00", "20")
    assert set(caught.value.errors) >= {"first_day", "ends"}


def test_a_taken_slot_is_refused_with_a_clear_message_and_nothing_is_planned(arts, weekly):
    piet = add_employee(arts, surname="Jansen")
    kees = add_employee(arts, surname="de Vries", given="Kees")
    agenda.book(arts, piet.id, weekly.id, at(NEXT_MONDAY, 9))
    with pytest.raises(Conflict) as caught:
        agenda.book(arts, kees.id, weekly.id, at(NEXT_MONDAY, 9))
    assert caught.value.message.startswith("Deze tijd (")
    assert "al bezet" in caught.value.message
    assert agenda.bookings_for(arts, kees.id) == []


def test_moving_into_a_taken_slot_is_refused_and_the_booking_stays(arts, weekly):
    piet, kees = add_employee(arts), add_employee(arts, surname="Bakker", given="Kees")
    agenda.book(arts, piet.id, weekly.id, at(NEXT_MONDAY, 9))
    b = agenda.book(arts, kees.id, weekly.id, at(NEXT_MONDAY, 9, 40))
    with pytest.raises(Conflict) as caught:
        agenda.move(arts, b.id, weekly.id, at(NEXT_MONDAY, 9))
    assert "al bezet" in caught.value.message
    assert agenda.bookings_for(arts, kees.id)[0].starts == at(NEXT_MONDAY, 9, 40)
    assert [r.change for r in agenda.history(arts, b.id)] == ["planned"]


def test_a_slot_in_the_past_or_off_the_grid_is_refused(arts, weekly, clock):
    piet = add_employee(arts)
    with pytest.raises(Exception) as caught:
        agenda.book(arts, piet.id, weekly.id, at(NEXT_MONDAY, 9, 5))
    assert "hoort niet" in caught.value.message
    clock["now"] = at(NEXT_MONDAY, 9, 30)
    with pytest.raises(Exception) as caught:
        agenda.book(arts, piet.id, weekly.id, at(NEXT_MONDAY, 9, 20))
    assert "verleden" in caught.value.message


def test_moving_and_cancelling_keep_the_history_and_free_the_slot(arts, weekly):
    piet = add_employee(arts)
    b = agenda.book(arts, piet.id, weekly.id, at(NEXT_MONDAY, 9))
    moved = agenda.move(arts, b.id, weekly.id, at(NEXT_MONDAY + timedelta(weeks=1), 9, 40))
    assert moved.starts == at(NEXT_MONDAY + timedelta(weeks=1), 9, 40)
    cancelled = agenda.cancel(arts, b.id)
    assert cancelled.state is BookingState.CANCELLED
    rows = agenda.history(arts, b.id)
    assert [r.change for r in rows] == ["planned", "moved", "cancelled"]
    assert rows[1].previous_starts == at(NEXT_MONDAY, 9)
    assert rows[1].starts == moved.starts
    # both the old and the cancelled slot are free again
    kees = add_employee(arts, surname="Bakker", given="Kees")
    agenda.book(arts, kees.id, weekly.id, at(NEXT_MONDAY, 9))
    agenda.book(arts, kees.id, weekly.id, at(NEXT_MONDAY + timedelta(weeks=1), 9, 40))
    with pytest.raises(Conflict):
        agenda.move(arts, b.id, weekly.id, at(NEXT_MONDAY, 9, 20))  # cancelled: not movable


def test_no_show_keeps_a_notice_for_the_employer_without_any_reason(arts, weekly, clock):
    piet = add_sick_employee(arts)
    b = agenda.book(arts, piet.id, weekly.id, at(NEXT_MONDAY, 9, 20))
    with pytest.raises(Exception) as caught:
        agenda.record_outcome(arts, b.id, "no_show")  # not yet begun
    assert "pas" in caught.value.message
    clock["now"] = at(NEXT_MONDAY, 11)
    seq = last_seq(arts)
    done = agenda.record_outcome(arts, b.id, "no_show")
    assert done.state is BookingState.NO_SHOW
    [notice] = agenda.no_show_notices(arts, piet.id)
    assert (notice.employee_id, notice.employer_id, notice.appointment_on) == (piet.id, piet.employer_id, NEXT_MONDAY)
    columns = {r[1] for r in arts.db.query("PRAGMA table_info(no_show_notices)")}
    assert not {c for c in columns if "reason" in c or "note" in c or "text" in c}
    assert ["update"] == [e[0] for e in events_after(arts, seq)]
    with pytest.raises(Conflict):
        agenda.record_outcome(arts, b.id, "seen")  # one outcome only


def test_the_suggestion_for_a_problem_analysis_is_the_last_free_slot_before_week_6(arts, weekly):
    piet = add_employee(arts)
    first_day = NEXT_MONDAY + timedelta(weeks=3) - timedelta(weeks=6) + timedelta(days=1)  # due on a Monday's Sunday
    case = cases.open_case(arts, piet.id, CaseForm(first_day=nl(first_day), kind="illness", percentage="100"))
    due = next(m.due for m in cases.timeline(arts, case) if str(m.code) == "problem_analysis")
    got = agenda.suggestion(arts, piet.id)
    assert got.due == due
    assert not got.late
    assert got.slot.starts.date() <= due
    assert got.slot.starts == max(s.starts for s in agenda.free_slots(arts, TODAY, due))
    agenda.book(arts, add_employee(arts, surname="Bakker").id, weekly.id, got.slot.starts)
    again = agenda.suggestion(arts, piet.id)
    assert again.slot.starts < got.slot.starts
    assert again.slot.starts.date() == got.slot.starts.date()


def test_without_an_open_case_the_first_free_slot_is_suggested(arts, weekly):
    got = agenda.suggestion(arts, add_employee(arts).id)
    assert got.due is None
    assert got.slot.starts == at(NEXT_MONDAY, 9)


def test_a_case_manager_plans_but_does_not_manage_the_blocks(practice, clock, arts, weekly):
    cm = login_as(practice, CASEMANAGER)
    try:
        piet = add_employee(cm)
        b = agenda.book(cm, piet.id, weekly.id, at(NEXT_MONDAY, 9))
        assert agenda.day_list(cm, NEXT_MONDAY).lines[0].booking.id == b.id
        seq = last_seq(cm)
        with pytest.raises(authz.Refused):
            agenda.add_block(cm, arts.user.id, "practice", nl(NEXT_MONDAY + timedelta(days=2)), "09:00", "10:00", "20")
        assert [e[0] for e in events_after(cm, seq)] == ["access_denied"]
        with pytest.raises(authz.Refused):
            agenda.remove_block(cm, weekly.id)
    finally:
        cm.close()


def test_the_assistant_manages_the_physicians_blocks(practice, clock, arts):
    assistant = login_as(practice, ASSISTENT)
    try:
        made = agenda.add_block(assistant, arts.user.id, "video", nl(NEXT_MONDAY), "13:00", "14:00", "15")
        assert len(agenda.day_list(assistant, NEXT_MONDAY).lines) == 4
        agenda.remove_block(assistant, made.id)
        assert agenda.day_list(assistant, NEXT_MONDAY).lines == ()
    finally:
        assistant.close()


def test_a_block_with_planned_appointments_is_not_removed(arts, weekly):
    agenda.book(arts, add_employee(arts).id, weekly.id, at(NEXT_MONDAY, 9))
    with pytest.raises(Conflict) as caught:
        agenda.remove_block(arts, weekly.id)
    assert "Verplaats of annuleer" in caught.value.message


def test_destroying_the_personal_data_on_request_takes_the_appointments(arts, weekly, clock):
    from desktop_app.services import destruction, requests

    arts.unlock_medical(ARTS.medical_passphrase)
    piet = add_employee(arts)
    b = agenda.book(arts, piet.id, weekly.id, at(NEXT_MONDAY, 9))
    clock["now"] = at(NEXT_MONDAY, 12)
    agenda.record_outcome(arts, b.id, "no_show")
    r = requests.receive(arts, piet.id, "destruction", nl(TODAY))
    requests.check_identity(arts, r.id, photo_blacked=True, mrz_blacked=True, number_blacked=True, bsn_blacked=True)
    requests.start(arts, r.id)
    destruction.destroy_on_request(arts, r.id, ["personal"])
    assert agenda.bookings_for(arts, piet.id) == []
    assert agenda.no_show_notices(arts, piet.id) == []


def test_a_restricted_dossier_gets_no_new_appointment(arts, weekly):
    from desktop_app.errors import PermissionDenied
    from desktop_app.services import requests

    piet = add_employee(arts)
    requests.restrict(arts, piet.id, "De werknemer betwist de juistheid")
    with pytest.raises(PermissionDenied):
        agenda.book(arts, piet.id, weekly.id, at(NEXT_MONDAY, 9))
    assert agenda.bookings_for(arts, piet.id) == []


def test_a_no_show_outside_an_absence_case_tells_the_employer_nothing(arts, weekly, clock):
    """No case, no notice: the visit (an own question, a preventive consultation) is the employee's
    affair, and a no-show there is not the employer's to hear of."""
    piet = add_employee(arts)
    b = agenda.book(arts, piet.id, weekly.id, at(NEXT_MONDAY, 9, 20))
    clock["now"] = at(NEXT_MONDAY, 11)
    assert agenda.record_outcome(arts, b.id, "no_show").state is BookingState.NO_SHOW
    assert agenda.no_show_notices(arts, piet.id) == []
    assert agenda.employer_may_hear(arts, b.id) is False
