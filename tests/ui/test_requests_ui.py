"""Requests through the screen as a practice handles them: registered (a representative within a
dated, scoped authorisation), identity checked (also at the desk), signed off, and carried out to
the outcome of their kind; the dialog shows the steps the core offers."""

from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.gui

TODAY = date.today().strftime("%d-%m-%Y")
WAIT = 15000


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@pytest.fixture
def physician(qtbot, controller):
    from tests.helpers.practices import ARTS
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, ARTS)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    return controller, main.employees_model.rows[0]


def open_dialog(qtbot, ctx, request_id):
    from ui.request_dialog import RequestDialog

    dialog = RequestDialog(ctx, request_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loads > 0, timeout=WAIT)
    return dialog


def step(qtbot, dialog, step_name):
    """Click the step's button and wait until the dialog is filled again."""
    from desktop_app.domain.request_steps import Step

    before = dialog.loads
    dialog.buttons[Step(step_name)].click()
    qtbot.waitUntil(lambda: dialog.loads > before, timeout=WAIT)


def dialog_step(name):
    from desktop_app.domain.request_steps import Step

    return Step(name)


def shown(dialog) -> set[str]:
    return {s.value for s, b in dialog.buttons.items() if not b.isHidden()}


def new_request(controller, employee, kind):
    from desktop_app.services import requests

    return controller.ctx.call(requests.receive, employee.id, kind, TODAY)


def tick_all(dialog):
    for box in dialog.checks.values():
        box.setChecked(True)


# --- the steps come from the core ----------------------------------------------------------------


def test_a_new_request_shows_only_the_first_steps(qtbot, physician):
    controller, employee = physician
    dialog = open_dialog(qtbot, controller.ctx, new_request(controller, employee, "copy").id)
    assert shown(dialog) == {"identity", "extend", "refuse"}


def test_an_id_copy_not_blacked_out_is_refused_in_the_dialog(qtbot, physician):
    controller, employee = physician
    dialog = open_dialog(qtbot, controller.ctx, new_request(controller, employee, "copy").id)
    step(qtbot, dialog, "identity")
    assert "afgeschermd" in dialog.error.text()


def test_the_id_shown_at_the_desk_checks_the_identity_in_the_dialog(qtbot, physician):
    from desktop_app.services import requests

    controller, employee = physician
    r = new_request(controller, employee, "inspection")
    dialog = open_dialog(qtbot, controller.ctx, r.id)
    dialog.at_desk.setChecked(True)
    dialog.document.setCurrentIndex(dialog.document.findData("id_card"))
    step(qtbot, dialog, "identity")
    assert controller.ctx.call(requests.get, r.id).identity_document == "id_card"


def test_an_inspection_request_is_done_only_once_the_inspection_is_recorded(qtbot, physician):
    from desktop_app.services import requests

    controller, employee = physician
    r = new_request(controller, employee, "inspection")
    dialog = open_dialog(qtbot, controller.ctx, r.id)
    tick_all(dialog)
    for name in ("identity", "start", "ready", "sign_off"):
        step(qtbot, dialog, name)
    assert controller.ctx.call(requests.get, r.id).state.value == "signed_off"
    dialog.buttons[dialog_step("perform")].click()
    form = dialog.form_dialog
    form.form.set_value("present", "P. de Wit en dr. A. de Vries")
    form.submit()
    qtbot.waitUntil(lambda: controller.ctx.call(requests.get, r.id).state.value == "done", timeout=WAIT)
    qtbot.waitUntil(lambda: "Aanwezig: P. de Wit en dr. A. de Vries" in dialog.summary.text(), timeout=WAIT)


def test_a_copy_request_ends_with_the_copy_made_and_handed_over(qtbot, physician):
    from desktop_app.services import requests

    controller, employee = physician
    r = new_request(controller, employee, "copy")
    dialog = open_dialog(qtbot, controller.ctx, r.id)
    tick_all(dialog)
    for name in ("identity", "start", "ready", "sign_off"):
        step(qtbot, dialog, name)
    dialog.buttons[dialog_step("perform")].click()
    handover = dialog.form_dialog
    assert not handover.save_button.isEnabled()  # nothing to hand over before the copy is made
    handover.make_button.click()
    qtbot.waitUntil(lambda: handover.made, timeout=30000)
    assert handover.preview.page_count >= 1
    handover.form.set_value("method", "post")
    handover.submit()
    qtbot.waitUntil(lambda: handover.saved is not None, timeout=WAIT)
    assert controller.ctx.call(requests.outcome, r.id).method == "post"


def test_the_assistant_is_shown_no_sign_off(qtbot, controller):
    from desktop_app.services import requests
    from tests.helpers.practices import ASSISTENT
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, ASSISTENT)
    employee = main.employees_model.rows[0]
    r = controller.ctx.call(requests.receive, employee.id, "copy", TODAY)
    controller.ctx.call(requests.identity_at_desk, r.id, "passport", TODAY)
    controller.ctx.call(requests.start, r.id)
    controller.ctx.call(requests.ready_for_signoff, r.id)
    dialog = open_dialog(qtbot, controller.ctx, r.id)
    assert "sign_off" not in shown(dialog)


# --- correction, objection ------------------------------------------------------------------------


def _correction_in_progress(controller, employee):
    from desktop_app.services import medical_entries, requests

    entry = controller.ctx.call(medical_entries.add_entry, employee.id, "note",
                                {"text": "Klachten rechterknie", "entry_date": TODAY})
    r = controller.ctx.call(requests.receive, employee.id, "correction", TODAY)
    controller.ctx.call(requests.identity_at_desk, r.id, "passport", TODAY)
    controller.ctx.call(requests.start, r.id)
    return r, entry


def test_carrying_out_a_correction_makes_a_new_version(qtbot, physician):
    from desktop_app.services import medical_entries

    controller, employee = physician
    r, entry = _correction_in_progress(controller, employee)
    dialog = open_dialog(qtbot, controller.ctx, r.id)
    dialog.buttons[dialog_step("perform")].click()
    correction = dialog.form_dialog
    qtbot.waitUntil(lambda: correction.entry.count() > 0, timeout=WAIT)
    correction.entry.setCurrentIndex(correction.entry.findData(entry.id))
    correction.correct_form.set_value("text", "Klachten linkerknie")
    correction.correct_form.set_value("reason", "Kant verwisseld, zegt de werknemer")
    correction.submit()
    qtbot.waitUntil(lambda: correction.saved is not None, timeout=WAIT)
    assert controller.ctx.call(medical_entries.get_entry, entry.id).version == 2


def test_when_the_physician_disagrees_the_screen_adds_the_employees_statement(qtbot, physician):
    from desktop_app.services import requests, statements

    controller, employee = physician
    r, entry = _correction_in_progress(controller, employee)
    dialog = open_dialog(qtbot, controller.ctx, r.id)
    dialog.buttons[dialog_step("perform")].click()
    correction = dialog.form_dialog
    qtbot.waitUntil(lambda: correction.entry.count() > 0, timeout=WAIT)
    correction.disagree.setChecked(True)
    correction.statement_form.set_value("statement", "Het was mijn linkerknie.")
    correction.submit()
    qtbot.waitUntil(lambda: correction.saved is not None, timeout=WAIT)
    texts = [s.statement for s in controller.ctx.call(statements.list_statements, employee.id)]
    assert ("Het was mijn linkerknie." in texts,
            controller.ctx.call(requests.get, r.id).outcome_kind.value) == (True, "statement_added")


def test_a_correction_without_a_reason_gets_the_message_at_the_field(qtbot, physician):
    controller, employee = physician
    r, entry = _correction_in_progress(controller, employee)
    dialog = open_dialog(qtbot, controller.ctx, r.id)
    dialog.buttons[dialog_step("perform")].click()
    correction = dialog.form_dialog
    qtbot.waitUntil(lambda: correction.entry.count() > 0, timeout=WAIT)
    correction.entry.setCurrentIndex(correction.entry.findData(entry.id))
    correction.submit()
    qtbot.waitUntil(lambda: correction.correct_form.error("reason") != "", timeout=WAIT)
    assert "Reden" in correction.correct_form.error("reason")


def test_an_objection_gets_its_own_outcome_in_the_screen(qtbot, physician):
    from desktop_app.services import requests

    controller, employee = physician
    r = new_request(controller, employee, "objection")
    controller.ctx.call(requests.identity_at_desk, r.id, "passport", TODAY)
    controller.ctx.call(requests.start, r.id)
    dialog = open_dialog(qtbot, controller.ctx, r.id)
    dialog.buttons[dialog_step("perform")].click()
    form = dialog.form_dialog
    form.form.set_value("decision", "honoured")
    form.form.set_value("objection_text", "Geen gegevens meer naar de leidinggevende.")
    form.submit()
    qtbot.waitUntil(lambda: form.saved is not None, timeout=WAIT)
    assert controller.ctx.call(requests.get, r.id).outcome_kind.value == "objection_honoured"


# --- free text at the field ---------------------------------------------------------------------


def test_an_extension_reason_with_a_nul_gets_a_dutch_message_at_the_field(qtbot, physician):
    """(Qt drops a lone surrogate from a text field; the core refuses one: tests/services.)"""
    controller, employee = physician
    received = date.today() - timedelta(days=3)
    from desktop_app.services import requests

    r = controller.ctx.call(requests.receive, employee.id, "copy", nl(received))
    dialog = open_dialog(qtbot, controller.ctx, r.id)
    dialog.buttons[dialog_step("extend")].click()
    form = dialog.form_dialog
    form.form.set_value("extended_until", nl(received + timedelta(days=50)))
    form.form.set_value("extension_reason", "Veel bijlagen\x00")
    form.submit()
    qtbot.waitUntil(lambda: form.form.error("extension_reason") != "", timeout=WAIT)
    assert "stuurteken" in form.form.error("extension_reason")


# --- registering, with a representative ------------------------------------------------------------


def register_dialog(qtbot, controller, employee):
    from ui.request_register_dialog import RegisterRequestDialog

    dialog = RegisterRequestDialog(controller.ctx, employee.id)
    qtbot.addWidget(dialog)
    dialog.form.set_value("kind", "inspection")
    dialog.form.set_value("requester_kind", "representative")
    dialog.rep_form.set_value("requester_name", "M. de Wit")
    dialog.rep_form.set_value("authorisation_scope", "Inzage in het hele dossier")
    dialog.rep_form.set_value("authorisation_signed_on", nl(date.today() - timedelta(days=10)))
    dialog.rep_form.set_value("authorisation_valid_until", nl(date.today() + timedelta(days=30)))
    dialog.kinds["inspection"].setChecked(True)
    from desktop_app.services.demo_medical import _tiny_png

    dialog.set_document(_tiny_png(), "machtiging.png")
    return dialog


def test_a_representative_is_registered_with_the_authorisations_scope(qtbot, physician):
    controller, employee = physician
    dialog = register_dialog(qtbot, controller, employee)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=WAIT)
    assert dialog.saved.authorisation.scope == "Inzage in het hele dossier"


def test_an_authorisation_out_of_date_is_refused_at_its_field(qtbot, physician):
    controller, employee = physician
    dialog = register_dialog(qtbot, controller, employee)
    dialog.rep_form.set_value("authorisation_valid_until", nl(date.today() - timedelta(days=1)))
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.rep_form.error("authorisation_valid_until") != "", timeout=WAIT)
    assert dialog.rep_form.error("authorisation_valid_until").startswith("Machtiging verlopen")


def test_an_authorisation_that_does_not_cover_the_kind_is_refused_with_the_reason(qtbot, physician):
    controller, employee = physician
    dialog = register_dialog(qtbot, controller, employee)
    dialog.form.set_value("kind", "copy")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.kinds_error.text() != "", timeout=WAIT)
    assert "geldt niet voor een verzoek om afschrift" in dialog.kinds_error.text()


def test_a_representatives_name_is_shown_as_typed(qtbot, physician):
    controller, employee = physician
    dialog = register_dialog(qtbot, controller, employee)
    dialog.rep_form.set_value("requester_name", "<b>M. de Wit</b>")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=WAIT)
    request_dialog = open_dialog(qtbot, controller.ctx, dialog.saved.id)
    assert "<b>M. de Wit</b> (gemachtigde)" in request_dialog.summary.text()


# --- AVG art. 19 ---------------------------------------------------------------------------------


def test_after_a_correction_the_screen_lists_the_recipients_to_tell_and_records_the_letter(qtbot, physician):
    from desktop_app.domain.cases import FeedbackForm
    from desktop_app.services import activities, notices, releases, request_outcomes

    controller, employee = physician
    ctx = controller.ctx
    fb = ctx.call(activities.add_feedback, employee.id, FeedbackForm(assessed_on=TODAY, fitness="fit",
                                                                      advice="Hervatten"))
    ctx.call(activities.approve_feedback, fb.id)
    ctx.call(releases.release_feedback_to_employer, fb.id, "post")
    r, entry = _correction_in_progress(controller, employee)
    ctx.call(request_outcomes.correct, r.id, entry.id, {"text": "Klachten linkerknie"}, TODAY, "kant verwisseld")
    dialog = open_dialog(qtbot, ctx, r.id)
    dialog.buttons[dialog_step("notify")].click()
    notices_dialog = dialog.form_dialog
    qtbot.waitUntil(lambda: notices_dialog.loads > 0, timeout=WAIT)
    names = [notices_dialog.table.item(i, 0).text() for i in range(notices_dialog.table.rowCount())]
    assert employee.employer_name in names
    notices_dialog.table.selectRow(names.index(employee.employer_name))
    notices_dialog.buttons["sent"].click()
    form = notices_dialog.form_dialog
    form.submit()
    qtbot.waitUntil(lambda: form.saved is not None, timeout=WAIT)
    assert ctx.call(notices.for_request, r.id).open_count == len(names) - 1
