"""Retention and destruction through the screens: the Bewaartermijnen page offers exactly the
categories whose term ended, tells three Agnieszka Kowalski apart by birth date and employer,
sorts by due date then surname, says what must stay; the settings refuse a period below the law
at its field; the Re-integratie tab keeps trajectories; the request dialog shows what the program
found before destroying on request."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.domain.retention import Category
from tests.helpers.practices import ARTS, login_as
from tests.helpers.retention_practice import nl, populate, years
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui

T = date.today()
D = years(T, 9)  # the date the practice looks at the page


@pytest.fixture
def people(practice):
    """Three Agnieszka Kowalski (other birth dates, other employers, other ends) and a Bakker."""
    arts = login_as(practice, ARTS, unlock=True)
    try:
        found = {
            "k1": populate(arts, today=T, birth=date(1970, 5, 17), employer_name="Werkgever Noord B.V.",
                           employment_end=years(T, 3), seed=11),
            "k2": populate(arts, today=T, birth=date(1985, 11, 2), employer_name="Werkgever Zuid B.V.",
                           employment_end=years(T, 2), seed=12),
            "k3": populate(arts, today=T, birth=date(1992, 1, 30), employer_name="Werkgever Oost B.V.",
                           employment_end=years(T, 1), seed=13),
            "bakker": populate(arts, today=T, surname="Bakker", given="Anna", birth=date(1979, 8, 8),
                               employment_end=years(T, 3), seed=14),
        }
    finally:
        arts.close()
    return found


@pytest.fixture
def page(qtbot, controller, people, monkeypatch):
    main = log_in(qtbot, controller, ARTS)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    monkeypatch.setattr(controller.ctx.session, "today", lambda: D)
    main.nav.setCurrentRow(4)
    view = main.retention
    qtbot.waitUntil(lambda: view.table.rowCount() > 0, timeout=15000)
    return controller, view


def _ours(view, people) -> list[tuple]:
    ids = {p.employee_id: name for name, p in people.items()}
    return [(i.due, ids[i.employee_id], i.category) for i in view.items if i.employee_id in ids]


def _row_of(view, employee_id, category) -> int:
    return next(r for r, i in enumerate(view.items) if i.employee_id == employee_id and i.category is category)


def test_the_page_offers_exactly_the_categories_whose_term_ended(page, people):
    _controller, view = page
    traject = years(T - timedelta(days=100), 2)
    assert _ours(view, people) == [
        (traject, "bakker", Category.TRAJECTORY), (traject, "k1", Category.TRAJECTORY),
        (traject, "k2", Category.TRAJECTORY), (traject, "k3", Category.TRAJECTORY),
        (years(T, 6), "k3", Category.PERSONAL), (years(T, 7), "k2", Category.PERSONAL),
        (years(T, 8), "bakker", Category.PERSONAL), (years(T, 8), "k1", Category.PERSONAL),
        (years(T, 8), "k3", Category.PAYROLL), (years(T, 9), "k2", Category.PAYROLL)]


def test_the_rows_tell_three_agnieszka_kowalski_apart(page, people):
    _controller, view = page
    cells = {tuple(view.table.item(r, c).text() for c in (1, 2, 3)) for r in range(view.table.rowCount())
             if view.table.item(r, 1).text() == "Agnieszka Kowalski"}
    assert cells == {("Agnieszka Kowalski", "17-05-1970", "Werkgever Noord B.V."),
                     ("Agnieszka Kowalski", "02-11-1985", "Werkgever Zuid B.V."),
                     ("Agnieszka Kowalski", "30-01-1992", "Werkgever Oost B.V.")}


def test_the_whole_page_is_sorted_by_due_date_then_surname(page):
    _controller, view = page
    keys = [(i.due, i.surname_key) for i in view.items]
    assert keys == sorted(keys)


def test_the_page_shows_the_due_date_first(page, people):
    _controller, view = page
    row = _row_of(view, people["k3"].employee_id, Category.PERSONAL)
    assert (view.table.item(row, 0).text(), view.table.item(row, 4).text()) == (nl(years(T, 6)), "Persoonsgegevens")


def test_the_page_says_the_identity_stays_for_the_medical_dossier(page, people, qtbot):
    _controller, view = page
    view.table.selectRow(_row_of(view, people["k1"].employee_id, Category.PERSONAL))
    assert "blijft bewaard: nodig voor het medisch dossier" in view.detail.text()


def test_personal_data_cannot_be_anonymised_from_the_page(page, people):
    _controller, view = page
    view.table.selectRow(_row_of(view, people["k1"].employee_id, Category.PERSONAL))
    assert view.buttons["destroy"].isEnabled()
    assert not view.buttons["anonymise"].isEnabled()


def test_payroll_data_can_be_anonymised_from_the_page(page, people):
    _controller, view = page
    view.table.selectRow(_row_of(view, people["k2"].employee_id, Category.PAYROLL))
    assert view.buttons["anonymise"].isEnabled()


def test_destroying_from_the_page_removes_only_that_row(page, people, qtbot):
    from desktop_app.services import retention

    controller, view = page
    k1 = people["k1"].employee_id
    view.table.selectRow(_row_of(view, k1, Category.PERSONAL))
    view.buttons["destroy"].click()
    qtbot.waitUntil(lambda: all(not (i.employee_id == k1 and i.category is Category.PERSONAL) for i in view.items),
                    timeout=15000)
    assert [i.category for i in view.items if i.employee_id == k1] == [Category.TRAJECTORY]
    assert [line.category for line in controller.ctx.call(retention.register, k1)] == ["personal"]


# --- settings ------------------------------------------------------------------------------------


def test_the_settings_refuse_a_medical_period_below_the_law_at_its_field(qtbot, controller):
    from desktop_app.services import settings
    from ui.settings_dialog import SettingsDialog

    log_in(qtbot, controller, ARTS)
    dialog = SettingsDialog(controller.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.set_value("retention_medical_years", "1")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.form.error("retention_medical_years") != "", timeout=10000)
    assert "niet korter dan 20 jaar" in dialog.form.error("retention_medical_years")
    assert controller.ctx.call(settings.all_settings)["retention_medical_years"] == "20"


def test_the_settings_show_fifteen_years_only_with_its_reason(qtbot, controller):
    from desktop_app.services import settings
    from ui.settings_dialog import SettingsDialog

    log_in(qtbot, controller, ARTS)
    dialog = SettingsDialog(controller.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.set_value("retention_medical_years", "15")
    dialog.form.set_value("retention_medical_reason", "Afspraak met de opdrachtgever over oude dossiers")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    again = SettingsDialog(controller.ctx)
    qtbot.addWidget(again)
    assert again.form.value("retention_medical_reason") == "Afspraak met de opdrachtgever over oude dossiers"
    assert controller.ctx.call(settings.all_settings)["retention_medical_years"] == "15"


# --- the Re-integratie tab -----------------------------------------------------------------------------


def _fill_modal(qtbot, values: dict[str, str]):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def fill():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not hasattr(dialog, "form"):
            QTimer.singleShot(20, fill)
            return
        for name, value in values.items():
            dialog.form.set_value(name, value)
        dialog.submit()

    QTimer.singleShot(0, fill)


@pytest.fixture
def dossier(qtbot, controller, people):
    main = log_in(qtbot, controller, ARTS)
    employee_id = people["k1"].employee_id
    main.open_dossier(employee_id)
    window = main.dossiers[employee_id]
    tab = window.trajectories
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=15000)
    return window, tab


def test_the_dossier_has_a_reintegratie_tab(dossier):
    window, tab = dossier
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "Re-integratie"


def test_the_tab_shows_the_trajectory_and_its_reports(dossier):
    _window, tab = dossier
    row = [tab.table.item(0, c).text() for c in range(5)]
    kinds = [tab.reports.item(r, 1).text() for r in range(tab.reports.rowCount())]
    assert (row[0], row[3], row[4]) == ("Spoor 2 (andere werkgever)", nl(T - timedelta(days=100)), "beëindigd")
    assert kinds == ["Plan van aanpak", "Evaluatie plan van aanpak"]


def test_a_second_trajectory_is_started_and_ended_from_the_tab(dossier, qtbot):
    _window, tab = dossier
    _fill_modal(qtbot, {"track": "first", "provider": "Bureau Terug", "started_on": nl(T - timedelta(days=20))})
    tab.buttons["start"].click()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2, timeout=15000)
    tab.table.selectRow(0)
    _fill_modal(qtbot, {"ended_on": nl(T - timedelta(days=1)), "reason": "hersteld"})
    tab.buttons["end"].click()
    qtbot.waitUntil(lambda: tab.table.item(0, 4) is not None and tab.table.item(0, 4).text() == "beëindigd",
                    timeout=15000)
    assert [tab.table.item(r, 1).text() for r in range(2)] == ["Bureau Terug",
                                                              tab.loaded.trajectories[1].provider]


# --- destruction on request ------------------------------------------------------------------------


def test_the_request_dialog_shows_what_the_program_found(qtbot, controller, practice):
    from desktop_app.services import requests
    from ui.destruction_dialog import DestructionDialog

    arts = login_as(practice, ARTS, unlock=True)
    try:
        exposed = populate(arts, today=T, surname="Nowak", exposure_end=years(T, -2), seed=21)
        r = requests.receive(arts, exposed.employee_id, "destruction", nl(T))
        requests.check_identity(arts, r.id, photo_blacked=True, mrz_blacked=True, number_blacked=True,
                                bsn_blacked=True)
        requests.start(arts, r.id)
    finally:
        arts.close()
    log_in(qtbot, controller, ARTS)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    dialog = DestructionDialog(controller.ctx, r.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 5, timeout=15000)
    medical = next(row for row in range(5) if dialog.table.item(row, 0).text() == "Medisch dossier")
    assert "blootstellingsregistratie" in dialog.table.item(medical, 2).text()
    assert dialog.table.item(medical, 3).text() == "wordt niet vernietigd"


def test_destroying_on_request_from_the_dialog_refuses_what_the_law_keeps(qtbot, controller, practice):
    from desktop_app.services import medical_entries, requests
    from ui.destruction_dialog import DestructionDialog

    arts = login_as(practice, ARTS, unlock=True)
    try:
        exposed = populate(arts, today=T, surname="Nowak", exposure_end=years(T, -2), seed=22)
        r = requests.receive(arts, exposed.employee_id, "destruction", nl(T))
        requests.check_identity(arts, r.id, photo_blacked=True, mrz_blacked=True, number_blacked=True,
                                bsn_blacked=True)
        requests.start(arts, r.id)
    finally:
        arts.close()
    log_in(qtbot, controller, ARTS)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    dialog = DestructionDialog(controller.ctx, r.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 5, timeout=15000)
    from PySide6.QtCore import Qt

    for row in range(5):
        if dialog.table.item(row, 0).text() in ("Medisch dossier", "Persoonsgegevens"):
            dialog.table.item(row, 0).setCheckState(Qt.CheckState.Checked)
    dialog._destroy()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15000)
    assert dialog.result.state.value == "done"
    assert len(controller.ctx.call(medical_entries.list_entries, exposed.employee_id)) == 1
    assert "niet vernietigd: Medisch dossier" in dialog.result.outcome
