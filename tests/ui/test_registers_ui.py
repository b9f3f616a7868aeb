"""The complaint and data-breach registers through the screen, from the menu Praktijk."""

from datetime import datetime, timedelta

import pytest

pytestmark = pytest.mark.gui

WAIT = 15000


def menu_actions(main) -> dict:
    return {a.text(): a for menu in main.menuBar().actions() if menu.menu() for a in menu.menu().actions()}


@pytest.fixture
def registers(qtbot, controller):
    from tests.helpers.practices import ARTS
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, ARTS)
    menu_actions(main)["Klachten en datalekken…"].trigger()
    window = main.registers
    qtbot.waitUntil(lambda: window.complaints.loads > 0 and window.breaches.loads > 0, timeout=WAIT)
    return controller, window


def test_a_case_manager_is_not_offered_the_registers(qtbot, controller):
    from tests.helpers.practices import CASEMANAGER
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, CASEMANAGER)
    assert "Klachten en datalekken…" not in menu_actions(main)


def test_an_assistant_sees_the_complaints_but_not_the_breaches(qtbot, controller):
    from tests.helpers.practices import ASSISTENT
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, ASSISTENT)
    menu_actions(main)["Klachten en datalekken…"].trigger()
    assert (main.registers.complaints is not None, main.registers.breaches is None) == (True, True)


def _register_complaint(qtbot, panel, description="Mijn werkgever wist van mijn diagnose."):
    panel.buttons["register"].click()
    form = panel.form_dialog
    form.form.set_value("complainant", "Piet de Wit")
    form.form.set_value("topic", "privacy")
    form.form.set_value("description", description)
    before = panel.loads
    form.submit()
    qtbot.waitUntil(lambda: panel.loads > before and panel.table.rowCount() > 0, timeout=WAIT)
    return form


def test_a_complaint_registered_shows_its_deadline(qtbot, registers):
    from desktop_app.services import complaints

    controller, window = registers
    panel = window.complaints
    _register_complaint(qtbot, panel)
    (c,) = controller.ctx.call(complaints.register_list)
    assert panel.table.item(0, 3).text() == c.due.strftime("%d-%m-%Y")


def test_a_complaint_with_a_nul_gets_the_message_at_the_field(qtbot, registers):
    _controller, window = registers
    panel = window.complaints
    panel.buttons["register"].click()
    form = panel.form_dialog
    form.form.set_value("complainant", "Piet de Wit")
    form.form.set_value("description", "Slecht\x00behandeld")
    form.submit()
    qtbot.waitUntil(lambda: form.form.error("description") != "", timeout=WAIT)
    assert "stuurteken" in form.form.error("description")


def test_the_complaint_text_is_shown_as_typed_not_as_markup(qtbot, registers):
    _controller, window = registers
    panel = window.complaints
    _register_complaint(qtbot, panel, description="<b>Vet</b> & <i>schuin</i>")
    panel.table.selectRow(0)
    assert "<b>Vet</b> & <i>schuin</i>" in panel.detail.text()


def test_the_acknowledgement_letter_is_made_from_the_register(qtbot, registers):
    _controller, window = registers
    panel = window.complaints
    _register_complaint(qtbot, panel)
    panel.table.selectRow(0)
    panel.buttons["ack_letter"].click()
    qtbot.waitUntil(lambda: panel.preview is not None, timeout=WAIT)
    assert panel.preview.page_count >= 1


def test_a_breach_recorded_shows_the_deadline_from_discovery(qtbot, registers):
    _controller, window = registers
    panel = window.breaches
    panel.buttons["record"].click()
    dialog = panel.form_dialog
    discovered = datetime.now().replace(second=0, microsecond=0) - timedelta(hours=3)
    dialog.form.set_value("summary", "Een envelop met een terugkoppeling ging naar het verkeerde adres.")
    dialog.form.set_value("discovered", discovered.strftime("%d-%m-%Y"))
    dialog.form.set_value("discovered_time", discovered.strftime("%H:%M"))
    dialog.form.set_value("occurred", discovered.strftime("%d-%m-%Y"))
    dialog.form.set_value("occurred_time", discovered.strftime("%H:%M"))
    dialog.form.set_value("subjects_count", "1")
    dialog.form.set_value("risk_assessment", "Verzuimgegevens bij een onbevoegde.")
    dialog.data["absence"].setChecked(True)
    dialog.subjects["employees"].setChecked(True)
    before = panel.loads
    dialog.submit()
    qtbot.waitUntil(lambda: panel.loads > before and panel.table.rowCount() == 1, timeout=WAIT)
    deadline = (discovered + timedelta(hours=72)).strftime("%d-%m-%Y %H:%M")
    assert f"vóór {deadline}" in panel.table.item(0, 3).text()


def test_a_breach_without_categories_gets_the_message_at_the_group(qtbot, registers):
    _controller, window = registers
    panel = window.breaches
    panel.buttons["record"].click()
    dialog = panel.form_dialog
    dialog.form.set_value("summary", "Laptop gestolen uit de auto.")
    dialog.form.set_value("subjects_count", "20")
    dialog.form.set_value("risk_assessment", "Schijf versleuteld.")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.data_error.text() != "", timeout=WAIT)
    assert "Welke gegevens" in dialog.data_error.text()
