"""Real flows through the widgets (offscreen): login, roles, medical unlock, search, locking."""

from datetime import date

import pytest

from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui


def test_wrong_then_right_password(qtbot, controller):
    login = controller.login
    login.form.set_value("username", "arts")
    login.form.set_value("password", "Verkeerd-wachtwoord!")
    login.submit()
    qtbot.waitUntil(lambda: login.message.text() == "Gebruikersnaam of wachtwoord onjuist.", timeout=10000)
    assert login.form.value("password") == ""  # the field is cleared
    assert controller.main is None
    main = log_in(qtbot, controller, ARTS)
    assert main.windowTitle().startswith("Arbokluis")
    assert controller.ctx.session.user.username == "arts"


def _open_first_dossier(qtbot, main):
    employee = main.employees_model.rows[0]
    main.open_dossier(employee.id)
    window = main.dossiers[employee.id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    return employee, window


def test_casemanager_sees_no_medical_tab(qtbot, controller):
    main = log_in(qtbot, controller, CASEMANAGER)
    _employee, window = _open_first_dossier(qtbot, main)
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Medisch" not in tabs
    assert "Verzuim" in tabs
    assert window.medical is None


def test_assistant_sees_the_medical_tab_locked(qtbot, controller):
    main = log_in(qtbot, controller, ASSISTENT)
    _employee, window = _open_first_dossier(qtbot, main)
    assert window.medical is not None
    assert window.medical.is_locked


def test_physician_unlocks_adds_a_consultation_and_finds_it_again(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    employee, window = _open_first_dossier(qtbot, main)
    tab = window.medical
    window.tabs.setCurrentWidget(tab)
    assert tab.is_locked
    tab.passphrase.set_value("passphrase", ARTS.password)  # the login password is not the passphrase
    tab.unlock()
    qtbot.waitUntil(lambda: tab.lock_message.text() != "", timeout=10000)
    assert "wachtzin" in tab.lock_message.text()
    tab.passphrase.set_value("passphrase", ARTS.medical_passphrase)
    tab.unlock()
    qtbot.waitUntil(lambda: not tab.is_locked, timeout=10000)
    qtbot.waitUntil(lambda: tab.entries_table.rowCount() >= 0 and tab.entries is not None, timeout=5000)
    before = len(tab.entries)

    # A date that does not exist: the error shows at the date field, nothing is saved.
    tab.editor.set_value("entry_date", "31-02-2026")
    tab.editor.set_value("s", "Schouderklachten rechts, marker-consult-7731")
    tab.save()
    qtbot.waitUntil(lambda: tab.editor.error("entry_date") != "", timeout=10000)
    assert "dd-mm-jjjj" in tab.editor.error("entry_date")
    # Corrected and saved.
    tab.editor.set_value("entry_date", date.today().strftime("%d-%m-%Y"))
    tab.save()
    qtbot.waitUntil(lambda: len(tab.entries) == before + 1, timeout=10000)
    assert any("marker-consult-7731" in e.summary() for e in tab.entries)
    window.close()

    # Found again through the search box, and the consultation is there.
    main.search.setText(employee.surname)
    main.search.search_now()
    qtbot.waitUntil(lambda: main.search.found is not None, timeout=10000)
    found = main.search.found
    assert employee.id in [e.id for e in found]
    from ui.models import IdRole

    ids = [main.search.model.item(i).data(IdRole) for i in range(main.search.model.rowCount())]
    assert employee.id in ids
    main.open_dossier(employee.id)
    window = main.dossiers[employee.id]
    qtbot.waitUntil(lambda: window.medical is not None and any(
        "marker-consult-7731" in e.summary() for e in window.medical.entries), timeout=10000)


def test_idle_lock_hides_the_data(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    _employee, window = _open_first_dossier(qtbot, main)
    from desktop_app.services import medical_entries

    session = controller.ctx.session
    controller.ctx.tasks.call(session.unlock_medical, ARTS.medical_passphrase)
    controller.ctx.call(medical_entries.add_entry, _employee.id, "consultation",
                        {"s": "Zichtbaar consult", "entry_date": date.today().strftime("%d-%m-%Y")})
    window.medical.show_unlocked()
    qtbot.waitUntil(lambda: window.medical.entries_table.rowCount() > 0, timeout=10000)
    controller.idle.set_times(0.2, 0.6)
    controller.idle.reset()
    qtbot.waitUntil(lambda: window.medical.is_locked, timeout=5000)  # medical first
    assert window.medical.entries_table.rowCount() == 0
    assert window.isVisible()
    qtbot.waitUntil(lambda: not controller.ctx.session.medical_unlocked, timeout=5000)  # queued (issue 15)
    qtbot.waitUntil(lambda: not main.isVisible(), timeout=5000)  # then everything
    assert not window.isVisible()
    qtbot.waitUntil(lambda: not controller.ctx.session.is_open, timeout=5000)  # keys dropped
    assert controller.login.isVisible()
    assert controller.login.form.value("username") == "arts"
    # The same user logs in again and gets the windows back.
    controller.login.form.set_value("password", ARTS.password)
    controller.login.submit()
    qtbot.waitUntil(lambda: main.isVisible(), timeout=10000)


def test_ctrl_l_locks(qtbot, controller):
    main = log_in(qtbot, controller, CASEMANAGER)
    main.lock_action.trigger()
    assert not main.isVisible()
    assert controller.login.isVisible()
    qtbot.waitUntil(lambda: not controller.ctx.session.is_open, timeout=10000)  # queued (issue 15)


def test_unsaved_consultation_asks_before_closing(qtbot, controller, recorded_messages):
    log, answers = recorded_messages
    main = log_in(qtbot, controller, ARTS)
    _employee, window = _open_first_dossier(qtbot, main)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    window.medical.show_unlocked()
    window.medical.editor.set_value("s", "Nog niet opgeslagen tekst")
    answers.append("cancel")
    window.close()
    assert window.isVisible()  # asked, and stayed open
    assert log[-1][0] == "ask"
    answers.append("discard")
    window.close()
    assert not window.isVisible()


def test_unsaved_form_dialog_asks_on_escape(qtbot, controller, recorded_messages):
    from ui.dossier_forms import EmployerDialog

    log, answers = recorded_messages
    log_in(qtbot, controller, CASEMANAGER)
    dialog = EmployerDialog(controller.ctx)
    dialog.show()
    dialog.form.set_value("name", "Nieuwe werkgever")
    answers.append("cancel")
    dialog.reject()
    assert dialog.isVisible()
    assert log[-1][0] == "ask"
    answers.append("discard")
    dialog.reject()
    assert not dialog.isVisible()


def test_employer_form_shows_errors_at_the_field(qtbot, controller):
    from ui.dossier_forms import EmployerDialog

    log_in(qtbot, controller, CASEMANAGER)
    dialog = EmployerDialog(controller.ctx)
    dialog.show()
    dialog.form.set_value("name", "Werkgever <b>X</b>")
    dialog.form.set_value("kvk", "123")
    dialog.form.set_value("postcode", "0000 SS")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.form.error("kvk") != "", timeout=10000)
    assert "acht cijfers" in dialog.form.error("kvk")
    assert "Postcode" in dialog.form.error("postcode")
    assert dialog.isVisible()
    dialog.form.set_value("kvk", "12345678")
    dialog.form.set_value("postcode", "1234 AB")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert dialog.saved.name == "Werkgever <b>X</b>"  # kept literally


def test_today_reminds_of_a_backup_until_one_is_made(qtbot, controller, tmp_path):
    from desktop_app.services import backup

    main = log_in(qtbot, controller, ARTS)
    qtbot.waitUntil(lambda: main.today.line_count("backup") == 1, timeout=10000)
    controller.ctx.call(backup.create_backup, tmp_path / "b")
    main.today.refresh()
    qtbot.waitUntil(lambda: main.today.line_count("backup") == 0, timeout=10000)


def test_retention_page_lists_for_a_physician(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    from desktop_app.services import retention

    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    expected = len(controller.ctx.call(retention.due))
    main.nav.setCurrentRow(4)
    qtbot.waitUntil(lambda: len(main.retention.items) == expected and main.retention.table.rowCount() == expected,
                    timeout=5000)


def test_every_medical_entry_kind_has_a_form(qtbot, controller, recorded_messages):
    from desktop_app.domain.medical.kinds import EntryKind
    from desktop_app.services import medical_entries

    main = log_in(qtbot, controller, ARTS)
    employee, window = _open_first_dossier(qtbot, main)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    window.medical.show_unlocked()
    values = {
        EntryKind.PROBLEM_ANALYSIS: {"text": "Belastbaarheid beperkt door pijn"},
        EntryKind.DIAGNOSIS: {"system": "ICD-10", "code": "M54.5", "description": "Lage rugpijn"},
        EntryKind.FML: {"fml_tillen": "beperkt", "fml_tillen_note": "Niet boven 10 kg"},
        EntryKind.LETTER_IN: {"correspondent": "Huisarts", "summary": "Verwijzing"},
        EntryKind.NOTE: {"text": "Gebeld"},
    }
    for kind, fields in values.items():
        dialog = window.medical.entry_dialog(kind)
        qtbot.addWidget(dialog)
        for name, value in fields.items():
            dialog.form.set_value(name, value)
        dialog.submit()
        qtbot.waitUntil(lambda d=dialog: d.saved is not None, timeout=10000)
    kinds = {e.kind for e in controller.ctx.call(medical_entries.list_entries, employee.id)}
    assert set(values) <= kinds
