"""The Medisch tab is built in two turns while a dossier opens (the lock page, then the list and
the editor), so opening a dossier holds the window less long. Whatever the user does in between,
the tab is whole when it shows, and a lock in between hides and loses nothing."""

from __future__ import annotations

import pytest

from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in
from tests.ui.lock_helpers import unlock_tab

pytestmark = pytest.mark.gui
WAIT = 10000
NOTE = "Belt terug na het gesprek met de leidinggevende"


@pytest.fixture
def opened(qtbot, controller):
    """The physician's main window, the medical section already open, and a dossier just asked
    for (no event processed since)."""
    from desktop_app.services import medical_entries

    main = log_in(qtbot, controller, ARTS)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    employee = main.employees_model.rows[0]
    controller.ctx.call(medical_entries.add_entry, employee.id, "note", {"text": NOTE})
    main.open_dossier(employee.id)
    return main, main.dossiers[employee.id]


def _shows_note(tab) -> bool:
    table = tab.entries_table
    return any(NOTE in (table.item(r, c).text() if table.item(r, c) else "")
               for r in range(table.rowCount()) for c in range(table.columnCount()))


def _medical_holder_index(window) -> int:
    return next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == "Medisch")


def test_left_alone_the_tab_is_built_whole_and_shows_the_entries(qtbot, opened):
    _main, window = opened
    qtbot.waitUntil(lambda: getattr(window._built.get("medical"), "content_built", False), timeout=WAIT)
    tab = window._built["medical"]
    qtbot.waitUntil(lambda: _shows_note(tab), timeout=WAIT)
    assert not tab.is_locked  # the section was open: the content, not the lock page


def test_clicked_at_once_the_tab_shows_its_content(qtbot, opened):
    _main, window = opened
    window.tabs.setCurrentIndex(_medical_holder_index(window))
    tab = window.tabs.currentWidget()
    assert tab.content_built
    assert not tab.is_locked
    qtbot.waitUntil(lambda: _shows_note(tab), timeout=WAIT)


def test_clicked_between_its_two_turns_the_tab_shows_its_content(qtbot, opened):
    _main, window = opened
    tab = window._build("medical", whole=False)  # stands in for the first turn having run
    assert not tab.content_built
    window.tabs.setCurrentIndex(window.tabs.indexOf(tab))
    assert tab.content_built
    assert not tab.is_locked
    qtbot.waitUntil(lambda: _shows_note(tab), timeout=WAIT)


def test_a_lock_between_the_two_turns_shows_the_lock_and_the_unlock_the_content(qtbot, controller, opened):
    _main, window = opened
    tab = window._build("medical", whole=False)
    controller.lock_medical()
    qtbot.waitUntil(lambda: not controller.ctx.session.medical_unlocked, timeout=WAIT)
    qtbot.waitUntil(lambda: tab.content_built, timeout=WAIT)  # the next turn still comes
    assert tab.is_locked
    assert tab.entries_table.rowCount() == 0
    unlock_tab(qtbot, tab, ARTS.medical_passphrase)
    qtbot.waitUntil(lambda: _shows_note(tab), timeout=WAIT)


def test_closing_between_the_two_turns_asks_nothing_and_loses_nothing(qtbot, opened):
    _main, window = opened
    tab = window._build("medical", whole=False)
    assert tab.may_close()  # nothing typed yet: nothing to save
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)
