"""Through the widgets: from an appointment of an employee without an absence case, the dossier
opens with an open consultation on the slot's day, saved with its time; a keuring's outcome goes to
the employee first, then to the employer; Declarabele uren shows the month and saves the CSV."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from desktop_app.domain.dossier import EmployeeForm
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.services import (
    agenda,
    billable_overview,
    employees,
    employers,
    examinations,
    medical_entries,
)
from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui

TODAY = date.today()
NEXT_MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())
MEDICAL = "Eigen-vraag-Lynx over slaapproblemen"


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@pytest.fixture
def main(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    ctx = controller.ctx
    ctx.call(agenda.add_block, ctx.session.user.id, "practice", nl(NEXT_MONDAY), "09:00", "10:00", "20")
    ctx.tasks.call(ctx.session.unlock_medical, ARTS.medical_passphrase)
    return main


def _new_employee(ctx) -> int:
    employer = ctx.call(employers.list_all)[0]
    return ctx.call(employees.create, EmployeeForm(surname="Zonderverzuim", given_names="Iris",
                                                   employer_id=str(employer.id))).id


def test_a_slot_of_an_employee_without_a_case_opens_an_open_consultation(qtbot, main, controller):
    ctx = controller.ctx
    employee_id = _new_employee(ctx)
    ctx.call(agenda.book, employee_id, 1, datetime.combine(NEXT_MONDAY, time(9, 0)))
    window = main.open_dossier(employee_id)
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    window.start_consult(TODAY)
    editor = window.medical.editor
    qtbot.waitUntil(lambda: editor.value("occasion") == "own_question", timeout=10000)
    assert window.tabs.currentWidget() is window.medical
    editor.set_value("s", MEDICAL)
    editor.set_value("work_kind", "spreekuur")
    editor.set_value("minutes", "20")
    window.medical.save()
    qtbot.waitUntil(lambda: len(window.medical.entries) == 1, timeout=10000)
    entry = window.medical.entries[0]
    assert entry.kind is EntryKind.OPEN_CONSULTATION
    assert entry.case_id is None
    assert window.medical.entries_table.item(0, 1).text() == "Consult zonder verzuim"
    month = ctx.call(billable_overview.overview, ctx.call(employees.open_dossier, employee_id).employer_id,
                     TODAY.year, TODAY.month)
    assert [x.minutes for x in month.lines if x.confidential] == [20]


def test_a_wrong_time_shows_at_its_field_and_keeps_the_text(qtbot, main, controller):
    employee_id = _new_employee(controller.ctx)
    window = main.open_dossier(employee_id)
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    window.start_consult(TODAY)
    editor = window.medical.editor
    qtbot.waitUntil(lambda: editor.value("occasion") == "own_question", timeout=10000)
    editor.set_value("s", MEDICAL)
    editor.set_value("work_kind", "spreekuur")
    editor.set_value("minutes", "veel")
    window.medical.save()
    qtbot.waitUntil(lambda: editor.error("minutes") != "", timeout=10000)
    assert editor.error("minutes").startswith("Tijd (minuten)")
    assert editor.value("s") == MEDICAL


def test_the_outcome_goes_to_the_employee_first_then_to_the_employer(qtbot, main, controller):
    from ui.examination_outcome import ExaminationOutcomeDialog

    ctx = controller.ctx
    employee_id = _new_employee(ctx)
    entry = ctx.call(medical_entries.add_entry, employee_id, EntryKind.EXAMINATION, {
        "examination": "periodic", "findings": "Audiogram verlies 40 dB", "outcome": "fit"})
    dialog = ExaminationOutcomeDialog(ctx, entry.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.summary.text() != "", timeout=10000)
    assert dialog.summary.text() == f"Periodieke keuring van {nl(TODAY)}: geschikt"
    assert not dialog.to_employer.isEnabled()
    first = dialog.handover_dialog("employee")
    qtbot.addWidget(first)
    first.submit()
    qtbot.waitUntil(lambda: first.saved is not None, timeout=10000)
    dialog.reload()
    qtbot.waitUntil(dialog.to_employer.isEnabled, timeout=10000)
    second = dialog.handover_dialog("employer")
    qtbot.addWidget(second)
    second.submit()  # the employee's choice not yet ticked: refused at the field
    qtbot.waitUntil(lambda: second.form.error("employee_agreed") != "", timeout=10000)
    second.form.set_value("employee_agreed", "1")
    second.submit()
    qtbot.waitUntil(lambda: second.saved is not None, timeout=10000)
    assert ctx.call(examinations.outcome_status, entry.id).to_employer_on == TODAY


def test_declarabele_uren_shows_the_month_and_saves_the_csv(qtbot, main, controller, tmp_path, monkeypatch):
    from ui.billable_dialog import BillableDialog

    ctx = controller.ctx
    employee_id = _new_employee(ctx)
    ctx.call(medical_entries.add_entry, employee_id, EntryKind.CONSULTATION, {"s": MEDICAL},
             work={"work_kind": "telefonisch_consult", "minutes": "25"})
    employer_id = ctx.call(employees.open_dossier, employee_id).employer_id
    assert main.findChild(type(main.menuBar().actions()[0]), "action_billable") is not None
    dialog = BillableDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.month.count() > 0, timeout=10000)
    dialog.employer.setCurrentIndex(dialog.employer.findData(employer_id))
    dialog.compute()
    qtbot.waitUntil(lambda: dialog.overview is not None, timeout=10000)
    assert dialog.lines.item(0, 3).text() == "Telefonisch consult"
    assert dialog.lines.item(0, 1).text() == "Iris Zonderverzuim"
    target = tmp_path / "uren.csv"
    monkeypatch.setattr(dialog, "ask_csv_path", lambda: str(target))
    monkeypatch.setattr("ui.messages.show_info", lambda *a, **k: None)
    dialog.save_csv()
    qtbot.waitUntil(target.exists, timeout=10000)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert MEDICAL.encode() not in data
    assert b";Telefonisch consult;25;" in data
