"""The consultation hours through the widgets: plan from the dossier, see it in the day list, the
keys of the agenda, a refused conflict, and "niet verschenen" with a notice that holds no reason."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_app.domain.cases import CaseForm
from desktop_app.services import agenda, cases
from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in
from ui.models import IdRole

pytestmark = pytest.mark.gui

TODAY = date.today()
NEXT_MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@pytest.fixture
def main(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    ctx = controller.ctx
    ctx.call(agenda.add_block, ctx.session.user.id, "practice", nl(NEXT_MONDAY), "09:00", "10:00", "20",
             nl(NEXT_MONDAY + timedelta(weeks=4)))
    return main


def _make_sick(ctx, employee_id) -> None:
    """An absence case for the employee, if none is open: one whose employer may hear of a no-show."""
    if not any(c.is_open for c in ctx.call(cases.for_employee, employee_id)):
        ctx.call(cases.open_case, employee_id, CaseForm(first_day=nl(TODAY - timedelta(days=3))))


def _dossier(qtbot, main, *, sick: bool = False):
    employee = main.employees_model.rows[0]
    if sick:
        _make_sick(main.ctx, employee.id)
    window = main.open_dossier(employee.id)
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    return employee, window


def _plan(qtbot, window):
    dialog = window.plan_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.slots != [], timeout=10000)
    return dialog


def _agenda_on(qtbot, main, day: date):
    window = main.open_agenda()
    window.day = day
    window.reload()
    qtbot.waitUntil(lambda: window.shown == day, timeout=10000)
    return window


def test_plan_from_the_dossier_see_it_in_the_day_list_and_record_no_show(qtbot, main, controller,
                                                                        recorded_messages, monkeypatch):
    employee, window = _dossier(qtbot, main, sick=True)
    dialog = _plan(qtbot, window)
    assert "vrije tijd" in dialog.suggestion.text()
    assert dialog.chosen() == dialog.suggested.slot  # the suggestion is chosen first
    dialog.table.selectRow(0)
    slot = dialog.chosen()
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.booked is not None, timeout=10000)
    assert dialog.booked.starts == slot.starts

    hours = _agenda_on(qtbot, main, slot.starts.date())
    row = next(r for r, x in enumerate(hours.day_lines) if x.booking is not None)
    assert hours.day_table.item(row, 3).text() == employee.display_name
    assert hours.day_table.item(row, 5).text() == "gepland"

    monkeypatch.setattr(agenda, "now_local", lambda: slot.starts + timedelta(hours=2))
    hours.day_table.selectRow(row)
    qtbot.mouseClick(hours.findChild(QPushButton, "agenda_no_show"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hours.day_table.item(row, 5).text() == "niet verschenen", timeout=10000)
    assert any(kind == "yesno" and "zonder reden" in text for kind, text in recorded_messages[0])
    [notice] = controller.ctx.call(agenda.no_show_notices, employee.id)
    assert notice.appointment_on == slot.starts.date()
    assert not [f.name for f in dataclasses.fields(notice) if f.name in ("reason", "note", "text")]

    # The employer's letter, from the same line: the appointment chosen, its date and time printed.
    qtbot.mouseClick(hours.findChild(QPushButton, "agenda_no_show_letter"), Qt.MouseButton.LeftButton)
    letter = hours.letter_dialog
    qtbot.addWidget(letter)
    qtbot.waitUntil(lambda: letter.options is not None and letter.form is not None, timeout=10000)
    assert letter.template_box.currentData() == "melding_niet_verschenen"
    assert letter.form.values()["booking_id"] == str(notice.booking_id)
    letter.make_button.click()
    qtbot.waitUntil(lambda: letter.made is not None, timeout=15000)
    from desktop_app.services import letters

    [kept] = [k for k in controller.ctx.call(letters.kept_letters, employee.id)
              if k.template_key == "melding_niet_verschenen"]
    assert f"op {nl(slot.starts.date())} om {slot.starts:%H:%M}" in kept.body
    [notice] = controller.ctx.call(agenda.no_show_notices, employee.id)
    assert notice.letter_made_at is not None
    letter.close()
    hours.close()


def test_the_no_show_letter_needs_a_no_show_in_the_day_list(qtbot, main):
    employee, window = _dossier(qtbot, main)
    dialog = _plan(qtbot, window)
    slot = dialog.chosen()
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.booked is not None, timeout=10000)
    hours = _agenda_on(qtbot, main, slot.starts.date())
    hours.day_table.selectRow(next(r for r, x in enumerate(hours.day_lines) if x.booking is not None))
    qtbot.mouseClick(hours.findChild(QPushButton, "agenda_no_show_letter"), Qt.MouseButton.LeftButton)
    assert "Niet verschenen" in hours.message.text()
    hours.close()


def test_a_taken_slot_is_refused_in_the_dialog_with_the_dutch_message(qtbot, main, controller):
    employee, window = _dossier(qtbot, main)
    dialog = _plan(qtbot, window)
    slot = dialog.chosen()
    other = main.employees_model.rows[1]
    controller.ctx.call(agenda.book, other.id, slot.block_id, slot.starts)  # someone else took it meanwhile
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10000)
    assert "al bezet" in dialog.error.text()
    assert "niets ingepland" in dialog.error.text()
    assert dialog.booked is None
    assert dialog.plan_button.isEnabled()
    assert controller.ctx.call(agenda.bookings_for, employee.id) == []


def test_keys_move_days_and_weeks_and_enter_opens_the_dossier_with_a_consult_on_the_slots_day(
        qtbot, main, controller):
    employee = main.employees_model.rows[0]
    controller.ctx.call(agenda.book, employee.id, 1, datetime.combine(NEXT_MONDAY + timedelta(weeks=1), time(9, 20)))
    hours = _agenda_on(qtbot, main, NEXT_MONDAY - timedelta(days=1))  # a Sunday: no consultation hours
    assert hours.day_lines == []
    hours.day_table.setFocus()
    qtbot.keyClick(hours.day_table, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: hours.shown == NEXT_MONDAY, timeout=10000)
    qtbot.keyClick(hours.day_table, Qt.Key.Key_PageDown)
    week_later = NEXT_MONDAY + timedelta(weeks=1)
    qtbot.waitUntil(lambda: hours.shown == week_later, timeout=10000)
    assert hours.day_table.currentRow() == 1  # the booked slot is chosen
    qtbot.keyClick(hours.day_table, Qt.Key.Key_Return)
    window = main.dossiers[employee.id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    assert window.tabs.currentWidget() is window.medical
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    window.medical.show_unlocked()
    assert window.medical.editor.value("entry_date") == nl(week_later)

    hours.tabs.setCurrentIndex(1)  # the week view
    qtbot.waitUntil(lambda: hours.week_days != [] and hours.week_table.rowCount() == 3, timeout=10000)
    assert hours.week_table.currentColumn() == 0
    assert hours.week_table.item(1, 0).text() == employee.display_name
    qtbot.keyClick(hours.week_table, Qt.Key.Key_Right)
    assert hours.day == week_later + timedelta(days=1)
    qtbot.keyClick(hours.week_table, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: bool(hours.week_days) and hours.week_days[0].on == NEXT_MONDAY, timeout=10000)
    hours.close()


def test_the_agenda_closes_with_the_dossiers(qtbot, main):
    hours = main.open_agenda()
    assert main.agenda is hours
    main.close_dossiers(force=True)
    assert not hours.isVisible()


def test_from_vandaags_coming_steps_the_employee_is_planned_with_the_suggestion(qtbot, main, controller):
    today = main.today
    qtbot.waitUntil(lambda: today.line_count("coming") + today.line_count("overdue") > 0, timeout=10000)
    key = "coming" if today.line_count("coming") else "overdue"
    head = today.head_index(key)
    line = today.line_index(key, 0)
    today.view.setCurrentIndex(line)
    employee_id = line.data(IdRole)
    assert today.plan_dialog() is not None
    dialog = today.plan_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.slots != [], timeout=10000)
    expected = controller.ctx.call(agenda.suggestion, employee_id)
    assert dialog.suggested == expected
    assert dialog.suggestion.text() == expected.text
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.booked is not None, timeout=10000)
    assert dialog.booked.employee_id == employee_id
    today.view.setCurrentIndex(head)  # a section's head names no employee
    assert today.plan_dialog() is None


def test_moving_from_the_day_list_keeps_the_old_time_in_the_history(qtbot, main, controller):
    employee = main.employees_model.rows[0]
    booked = controller.ctx.call(agenda.book, employee.id, 1, datetime.combine(NEXT_MONDAY, time(9)))
    hours = _agenda_on(qtbot, main, NEXT_MONDAY)
    assert hours.day_table.currentRow() == 0
    dialog = hours.move_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.slots != [], timeout=10000)
    target = next(r for r, s in enumerate(dialog.slots) if s.starts == datetime.combine(NEXT_MONDAY, time(9, 40)))
    dialog.table.selectRow(target)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.booked is not None, timeout=10000)
    assert dialog.booked.id == booked.id
    assert dialog.booked.starts == datetime.combine(NEXT_MONDAY, time(9, 40))
    rows = controller.ctx.call(agenda.history, booked.id)
    assert [(r.change, r.previous_starts) for r in rows] == [("planned", None),
                                                            ("moved", datetime.combine(NEXT_MONDAY, time(9)))]
    hours.close()


def test_the_physician_adds_a_block_at_the_employer_through_the_form(qtbot, main, controller):
    from desktop_app.services import employers

    hours = _agenda_on(qtbot, main, NEXT_MONDAY + timedelta(days=1))
    assert hours.day_lines == []
    employer = controller.ctx.call(employers.list_all)[0]
    dialog = hours.block_dialog(controller.ctx.call(agenda.physicians), [employer])
    qtbot.addWidget(dialog)
    for name, value in {"location": "employer", "employer_id": str(employer.id),
                        "first_day": nl(NEXT_MONDAY + timedelta(days=1)), "starts": "13:00", "ends": "14:00",
                        "slot_minutes": "30"}.items():
        dialog.form.set_value(name, value)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    assert dialog.saved.employer_id == employer.id
    hours.reload()
    qtbot.waitUntil(lambda: len(hours.day_lines) == 2, timeout=10000)
    assert hours.day_table.item(0, 2).text() == "bij de werkgever"
    hours.close()


def test_a_case_manager_is_offered_no_block_form(qtbot, controller):
    from tests.helpers.practices import CASEMANAGER

    main = log_in(qtbot, controller, CASEMANAGER)
    hours = main.open_agenda()
    assert hours.findChild(QPushButton, "agenda_add_block") is None
    assert hours.findChild(QPushButton, "agenda_no_show") is not None
    hours.close()


def test_a_block_with_an_appointment_is_not_removed_and_the_message_says_why(qtbot, main, controller,
                                                                               recorded_messages):
    employee = main.employees_model.rows[0]
    booked = controller.ctx.call(agenda.book, employee.id, 1, datetime.combine(NEXT_MONDAY, time(9)))
    hours = _agenda_on(qtbot, main, NEXT_MONDAY)
    qtbot.mouseClick(hours.findChild(QPushButton, "agenda_remove_block"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hours.message.text() != "", timeout=10000)
    assert "Verplaats of annuleer" in hours.message.text()
    controller.ctx.call(agenda.cancel, booked.id)
    qtbot.mouseClick(hours.findChild(QPushButton, "agenda_remove_block"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hours.day_lines == [], timeout=10000)
    hours.close()


def test_the_invitation_is_made_from_the_day_list_with_the_appointment_filled_in(qtbot, main, controller):
    """Issue 16: plan, then from the day list make the invitation: the letter carries the
    appointment's date, time and place, and is kept in the dossier; the employer's notice too."""
    from desktop_app.services import letters

    employee, window = _dossier(qtbot, main)
    dialog = _plan(qtbot, window)
    slot = dialog.chosen()
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.booked is not None, timeout=10000)
    hours = _agenda_on(qtbot, main, slot.starts.date())
    row = next(r for r, x in enumerate(hours.day_lines) if x.booking is not None)
    hours.day_table.selectRow(row)
    qtbot.mouseClick(hours.findChild(QPushButton, "agenda_invitation"), Qt.MouseButton.LeftButton)
    letter = hours.letter_dialog
    qtbot.addWidget(letter)
    qtbot.waitUntil(lambda: letter.options is not None and letter.form is not None, timeout=10000)
    letter.template_box.setCurrentIndex(letter.template_box.findData("informatieverzoek_behandelaar"))
    # no dossier need be open here, so no Medisch tab to seal a medical letter at the lock
    assert letter.form is None
    assert "vanuit het dossier" in letter.where.text()
    assert not letter.make_button.isEnabled()
    letter.template_box.setCurrentIndex(letter.template_box.findData("uitnodiging_spreekuur"))
    letter.make_button.click()
    qtbot.waitUntil(lambda: letter.made is not None, timeout=15000)
    kept = controller.ctx.call(letters.kept_letters, employee.id)
    assert kept[0].template_key == "uitnodiging_spreekuur"
    text = kept[0].body
    assert nl(slot.starts.date()) in text
    assert f"{slot.starts:%H:%M}" in text
    assert "op de praktijk" in text
    letter.close()
    _make_sick(controller.ctx, employee.id)
    qtbot.mouseClick(hours.findChild(QPushButton, "agenda_employer_notice"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hours.letter_dialog is not None, timeout=10000)  # the core is asked first
    notice = hours.letter_dialog
    qtbot.addWidget(notice)
    qtbot.waitUntil(lambda: notice.options is not None and notice.form is not None, timeout=10000)
    assert notice.template_box.currentData() == "melding_werkgever_spreekuur"


def test_an_own_question_appointment_is_named_only_to_medical_staff(qtbot, main, controller, recorded_messages):
    """The physician ticks "op eigen vraag" when planning: the day list says so, the employer's
    notice is refused, and the case manager, logged in afterwards, sees the slot as "bezet" with
    no name and cannot open it."""
    from tests.helpers.practices import CASEMANAGER

    employee, window = _dossier(qtbot, main)
    dialog = _plan(qtbot, window)
    box = dialog.confidential
    assert not box.isHidden()
    box.setChecked(True)
    slot = dialog.chosen()
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.booked is not None, timeout=10000)
    assert dialog.booked.confidential
    hours = _agenda_on(qtbot, main, slot.starts.date())
    row = next(r for r, x in enumerate(hours.day_lines) if x.booking is not None)
    assert hours.day_table.item(row, 3).text() == employee.display_name
    assert hours.day_table.item(row, 5).text() == "gepland, eigen vraag"
    hours.day_table.selectRow(row)
    qtbot.mouseClick(hours.findChild(QPushButton, "agenda_employer_notice"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "geen melding" in hours.message.text(), timeout=10000)
    assert hours.letter_dialog is None
    hours.close()
    window.close()

    controller.logout()
    cm_main = log_in(qtbot, controller, CASEMANAGER)
    hours = _agenda_on(qtbot, cm_main, slot.starts.date())
    row = next(r for r, x in enumerate(hours.day_lines) if x.slot.starts == slot.starts)
    assert hours.day_table.item(row, 3).text() == ""
    assert hours.day_table.item(row, 5).text() == "bezet"
    hours.day_table.selectRow(row)
    hours.open_selected()
    assert "alleen medische medewerkers" in hours.message.text()
    assert employee.id not in cm_main.dossiers


def test_a_case_manager_is_not_offered_the_own_question_choice(qtbot, controller):
    from tests.helpers.practices import CASEMANAGER

    cm_main = log_in(qtbot, controller, CASEMANAGER)
    _employee, window = _dossier(qtbot, cm_main)
    dialog = window.plan_dialog()  # the window's child: it goes when the window closes
    assert dialog.confidential.isHidden()
    window.close()
