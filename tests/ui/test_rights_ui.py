"""Drawing a signature and recording a consent; deciding a release in the approval dialog."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

pytestmark = pytest.mark.gui

TODAY = date.today().strftime("%d-%m-%Y")


def draw(pad, points):
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[0]))
    for p in points[1:]:
        QTest.mouseMove(pad, QPoint(*p))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[-1]))


@pytest.fixture
def physician(qtbot, controller):
    from tests.helpers.practices import ARTS
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, ARTS)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    return controller, main.employees_model.rows[0]


def test_signature_pad_records_strokes_and_exports_png(qtbot):
    from ui.signature_pad import SignaturePad

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.show()
    assert pad.is_empty
    assert pad.to_png() is None
    draw(pad, [(30, 100), (60, 60), (90, 110), (130, 50), (170, 100)])
    assert not pad.is_empty
    assert len(pad.strokes) == 1
    png = pad.to_png()
    assert png.startswith(b"\x89PNG")
    pad.clear()
    assert pad.is_empty


def test_recording_a_consent_with_a_drawn_signature(qtbot, physician):
    from desktop_app.services import consents
    from ui.consent_dialog import ConsentDialog

    controller, employee = physician
    dialog = ConsentDialog(controller.ctx, employee.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    values = {"recipient_name": "dr. P. Jansen", "recipient_organisation": "Ziekenhuis Oost",
              "data_scope": "Het consultverslag van november 2026", "purpose": "Afstemmen behandeling",
              "valid_until": (date.today() + timedelta(days=60)).strftime("%d-%m-%Y")}
    for name, value in values.items():
        dialog.form.set_value(name, value)
    dialog.submit()  # no signature yet: refused at the signature
    qtbot.waitUntil(lambda: dialog.signature_error.text() != "", timeout=10000)
    assert "tekenen" in dialog.signature_error.text()
    draw(dialog.pad, [(40, 90), (80, 40), (120, 100), (200, 60), (260, 95)])
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    stored = controller.ctx.call(consents.for_employee, employee.id)
    assert len(stored) == 1
    assert stored[0].has_signature
    assert stored[0].recipient_name == "dr. P. Jansen"
    assert controller.ctx.call(consents.signature, stored[0].id).startswith(b"\x89PNG")


def _release(controller, employee):
    from desktop_app.services import consents, releases
    from desktop_app.services.consents import ConsentForm
    from desktop_app.services.demo_medical import _tiny_png

    consent = controller.ctx.call(consents.record, employee.id, ConsentForm(
        physician="arts", recipient_name="UWV Utrecht", recipient_role="uwv",
        data_scope="Actueel oordeel voor het re-integratieverslag", purpose="WIA-aanvraag",
        given_on=TODAY, valid_until=(date.today() + timedelta(days=30)).strftime("%d-%m-%Y")),
        signature_png=_tiny_png())
    return controller.ctx.call(releases.request_release, employee.id, consent.id, recipient_name="UWV Utrecht",
                               recipient_role="uwv", what="Actueel oordeel", purpose="WIA-aanvraag")


def test_approval_dialog_refuses_with_a_ground_and_approves(qtbot, physician):
    from ui.release_dialogs import ApprovalDialog

    controller, employee = physician
    first = _release(controller, employee)
    dialog = ApprovalDialog(controller.ctx, first.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    dialog.refuse()  # no ground chosen
    assert "grond" in dialog.error.text()
    dialog.findChild(type(dialog.grounds.button(2)), "ground_2").setChecked(True)
    dialog.refuse()
    qtbot.waitUntil(lambda: dialog.result_release is not None, timeout=10000)
    assert dialog.result_release.state == "refused"
    assert dialog.result_release.refusal_ground == 2
    second = _release(controller, employee)
    dialog = ApprovalDialog(controller.ctx, second.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    dialog.approve()
    qtbot.waitUntil(lambda: dialog.result_release is not None, timeout=10000)
    assert dialog.result_release.state == "approved"


def test_the_rights_tab_is_absent_for_a_casemanager(qtbot, controller):
    from tests.helpers.practices import CASEMANAGER
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, CASEMANAGER)
    employee = main.employees_model.rows[0]
    main.open_dossier(employee.id)
    window = main.dossiers[employee.id]
    assert window.rights is None


def test_a_request_is_handled_step_by_step(qtbot, physician, recorded_messages):
    from desktop_app.domain.request_steps import Step
    from desktop_app.services import requests
    from ui.request_dialog import RequestDialog

    controller, employee = physician
    request = controller.ctx.call(requests.receive, employee.id, "copy", TODAY)
    dialog = RequestDialog(controller.ctx, request.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loads == 1, timeout=10000)
    assert not dialog.buttons[Step.IDENTITY].isHidden()
    assert dialog.buttons[Step.SIGN_OFF].isHidden()

    def click(step):
        before = dialog.loads
        dialog.buttons[step].click()
        qtbot.waitUntil(lambda: dialog.loads > before, timeout=10000)

    click(Step.IDENTITY)  # nothing ticked: refused
    assert "afgeschermd" in dialog.error.text()
    for box in dialog.checks.values():
        box.setChecked(True)
    click(Step.IDENTITY)
    click(Step.START)
    assert dialog.buttons[Step.PERFORM].isHidden()  # a copy needs the physician's sign-off
    click(Step.READY)
    click(Step.SIGN_OFF)
    assert controller.ctx.call(requests.get, request.id).state.value == "signed_off"
    assert "akkoord arts, uit te voeren" in dialog.summary.text()


def test_settings_include_consent_and_retention_periods(qtbot, physician):
    from desktop_app.services import settings

    controller, _employee = physician
    values = controller.ctx.call(settings.all_settings)
    assert values["consent_recent_months"] == "3"
    assert values["retention_medical_years"] == "20"
    controller.ctx.call(settings.update, {"consent_recent_months": "2"})
    from desktop_app.services import consents

    assert controller.ctx.call(consents.recent_months) == 2


# --- the client asks the core what the user may do ------------------------------------------------


def _buttons(widget) -> set[str]:
    from PySide6.QtWidgets import QPushButton

    return {b.text() for b in widget.findChildren(QPushButton) if not b.isHidden()}


def test_a_casemanager_gets_no_retention_decision_buttons(qtbot, controller):
    from tests.helpers.practices import CASEMANAGER
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, CASEMANAGER)
    main.nav.setCurrentRow(4)
    qtbot.waitUntil(lambda: "Alleen een bedrijfsarts" in main.retention.note.text(), timeout=10000)
    assert _buttons(main.retention) == set()
    assert main.retention.table.rowCount() == 0


def test_a_physician_gets_the_retention_decision_buttons(qtbot, controller):
    from tests.helpers.practices import ARTS
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, ARTS)
    main.nav.setCurrentRow(4)
    qtbot.waitUntil(lambda: not main.retention.buttons["destroy"].isHidden(), timeout=10000)
    assert {"Vernietigen…", "Anonimiseren…", "Bewaren met reden…"} <= _buttons(main.retention)


def test_a_casemanager_sees_no_consent_wording_anywhere(qtbot, practice, controller):
    from desktop_app.services import consents
    from desktop_app.services.consents import ConsentForm
    from desktop_app.services.demo_medical import _tiny_png
    from tests.helpers.practices import ARTS, CASEMANAGER, login_as
    from tests.ui.conftest import log_in

    arts = login_as(practice, ARTS)
    employee_id = arts.db.scalar("SELECT min(id) FROM employees")
    consents.record(arts, employee_id, ConsentForm(
        physician="arts", recipient_name="Huisarts Marker-Zeven", recipient_role="treating_physician",
        data_scope="Het consultverslag over de rugklachten", purpose="Behandeling afstemmen",
        given_on=TODAY, valid_until=(date.today() + timedelta(days=10)).strftime("%d-%m-%Y")),
        signature_png=_tiny_png())
    arts.close()
    main = log_in(qtbot, controller, CASEMANAGER)
    qtbot.waitUntil(lambda: main.today.model.rowCount() > 0, timeout=10000)
    assert main.today.line_count("consents") == 0
    main.open_dossier(employee_id)
    window = main.dossiers[employee_id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    assert window.rights is None
    assert {"Inzageoverzicht…", "Afschrift dossier…", "Goedkeuren"} & _buttons(window) == set()


def test_a_physician_sees_the_expiring_consent(qtbot, practice, controller):
    from desktop_app.services import consents
    from desktop_app.services.consents import ConsentForm
    from desktop_app.services.demo_medical import _tiny_png
    from tests.helpers.practices import ARTS, login_as
    from tests.ui.conftest import log_in

    arts = login_as(practice, ARTS)
    employee_id = arts.db.scalar("SELECT min(id) FROM employees")
    consents.record(arts, employee_id, ConsentForm(
        physician="arts", recipient_name="Huisarts Marker-Zeven", recipient_role="treating_physician",
        data_scope="Het consultverslag over de rugklachten", purpose="Behandeling afstemmen",
        given_on=TODAY, valid_until=(date.today() + timedelta(days=10)).strftime("%d-%m-%Y")),
        signature_png=_tiny_png())
    arts.close()
    main = log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: main.today.line_count("consents") >= 1, timeout=10000)
    main.open_dossier(employee_id)
    window = main.dossiers[employee_id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    assert window.rights is not None
    assert {"Inzageoverzicht…", "Afschrift dossier…", "Goedkeuren"} <= _buttons(window)


def test_an_assistant_records_consents_but_decides_no_release(qtbot, controller):
    from tests.helpers.practices import ASSISTENT
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, ASSISTENT)
    employee = main.employees_model.rows[0]
    main.open_dossier(employee.id)
    window = main.dossiers[employee.id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    assert set(window.rights.actions) == {"consent", "revoke", "release", "legal", "handover", "request", "handle"}
    assert "Inzageoverzicht…" in _buttons(window)
    assert "Afschrift dossier…" not in _buttons(window)


def test_only_an_admin_physician_gets_a_save_button_for_settings(qtbot, controller):
    from tests.helpers.practices import CASEMANAGER
    from tests.ui.conftest import log_in
    from ui.settings_dialog import SettingsDialog

    log_in(qtbot, controller, CASEMANAGER)
    dialog = SettingsDialog(controller.ctx)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    assert dialog.save_button.isHidden()
    assert any("inzien" in label.text() for label in dialog.findChildren(QLabel))


def test_an_admin_physician_gets_the_save_button_for_settings(qtbot, controller):
    from tests.helpers.practices import ARTS
    from tests.ui.conftest import log_in
    from ui.settings_dialog import SettingsDialog

    log_in(qtbot, controller, ARTS)
    dialog = SettingsDialog(controller.ctx)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isHidden()


def _menu_actions(main) -> set[str]:
    return {a.text() for menu in main.menuBar().actions() if menu.menu() for a in menu.menu().actions()}


def test_a_casemanager_is_offered_no_backup_and_no_user_management(qtbot, controller):
    from tests.helpers.practices import CASEMANAGER
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, CASEMANAGER)
    assert {"Back-up maken…", "Gebruikers…"} & _menu_actions(main) == set()


def test_an_admin_physician_is_offered_backup_and_user_management(qtbot, controller):
    from tests.helpers.practices import ARTS
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, ARTS)
    assert {"Back-up maken…", "Gebruikers…"} <= _menu_actions(main)
