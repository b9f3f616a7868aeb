"""Text is not cut off (issue 15): columns size to their contents or elide with the whole text as
tooltip, beyond the first page too; the medical list's "Door" and "Versie" stay in sight; the
locked Medisch tab's text and the search box's placeholder are shown whole."""

from __future__ import annotations

import pytest

from tests.helpers.practices import ARTS, login_as
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui
WAIT = 10000
LONG_SURNAME = "Zwaluwenstaart-Hoogervorst-van den Oudenrijn-Bovenkamp-Groot-Wijnbergen-Kortenhoeve-Lindeboom"
LONG_SUMMARY = "Klachten van de onderrug met uitstraling naar het linkerbeen, " * 12


@pytest.fixture
def long_name_last(practice):
    """An employee whose name sorts after all the others (beyond the first page of 200)."""
    from tests.helpers.dossiers import add_employee

    s = login_as(practice, ARTS, unlock=True)
    try:
        e = add_employee(s, surname=LONG_SURNAME, given="Eduard")
        return e.id
    finally:
        s.close()


@pytest.fixture
def main(qtbot, controller):
    main = log_in(qtbot, controller, ARTS)
    main.resize(1280, 700)
    qtbot.wait(50)
    return main


def test_the_search_placeholder_is_shown_whole(main):
    search = main.search
    assert search.fontMetrics().horizontalAdvance(search.placeholderText()) + 24 <= search.width()


def _row_of(model, employee_id):
    return next(i for i in range(model.rowCount()) if model.row_at(i).id == employee_id)


def test_a_long_name_beyond_the_first_page_shows_whole_in_its_tooltip(qtbot, long_name_last, main):
    from ui.columns import tip_for

    main.nav.setCurrentRow(2)
    main.resize(1024, 700)  # a small screen: the long name cannot fit
    qtbot.wait(50)
    view = main.employees_view
    row = _row_of(main.employees_model, long_name_last)
    index = main.employees_model.index(row, 0)
    view.scrollTo(index)
    qtbot.wait(50)
    assert LONG_SURNAME in tip_for(view, index)


def test_the_locked_medical_tab_shows_its_text_whole(qtbot, main):
    from PySide6.QtWidgets import QLabel

    employee_id = main.employees_model.rows[0].id
    main.open_dossier(employee_id)
    window = main.dossiers[employee_id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=WAIT)
    window.resize(1060, 660)
    window.tabs.setCurrentWidget(window.medical)
    qtbot.wait(50)
    note = window.medical.findChild(QLabel, "medical_lock_note")
    assert note.heightForWidth(note.width()) <= note.height()
    assert note.width() >= 400


def test_the_medical_list_keeps_door_and_versie_in_sight(qtbot, controller, main):
    from desktop_app.services import medical_entries

    ctx = controller.ctx
    employee_id = main.employees_model.rows[0].id
    ctx.tasks.call(ctx.session.unlock_medical, ARTS.medical_passphrase)
    ctx.call(medical_entries.add_entry, employee_id, "note", {"text": LONG_SUMMARY})
    main.open_dossier(employee_id)
    window = main.dossiers[employee_id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=WAIT)
    window.resize(1060, 660)
    window.tabs.setCurrentWidget(window.medical)
    window.medical.show_unlocked()
    table = window.medical.entries_table
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=WAIT)
    header = table.horizontalHeader()
    right = {c: header.sectionViewportPosition(c) + header.sectionSize(c) for c in (3, 4)}
    assert max(right.values()) <= table.viewport().width()


@pytest.mark.parametrize("name", ["employees", "employers", "cases"])
def test_a_list_measured_from_its_texts_gets_the_widths_qt_would_give(qtbot, main, name):
    # The lists size their columns from their texts (ui.columns.size_to_contents), not from
    # Qt's per-cell size hints: the widths must be the same as Qt's own measure.
    from PySide6.QtWidgets import QHeaderView

    from ui.columns import size_to_contents

    view, model = getattr(main, f"{name}_view"), getattr(main, f"{name}_model")
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.loading, timeout=WAIT)
    header = view.horizontalHeader()
    for column in range(header.count()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    view.resizeColumnsToContents()
    by_qt = [header.sectionSize(c) for c in range(header.count())]
    for column in range(header.count()):
        header.resizeSection(column, 20)
    size_to_contents(view)
    assert [header.sectionSize(c) for c in range(header.count())] == by_qt
