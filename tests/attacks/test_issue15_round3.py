"""Issue 15, round 3 (breaker): the asynchronous dialogs and operations, the change signal and the
lazily built dossier tabs, against the lock, driven through the real windows as a hurried user.

Each test fails on the code as merged (25dc5c6) because of the problem it names."""

from __future__ import annotations

import sys
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from tests.helpers.practices import ARTS
from tests.ui import conftest as ui_fixtures
from tests.ui.conftest import log_in
from tests.ui.lock_helpers import Hold, open_medical_tab

pytestmark = pytest.mark.gui
# the client fixtures of tests/ui (this file lives beside the other attacks)
collect_on_the_gui_thread = ui_fixtures.collect_on_the_gui_thread
controller = ui_fixtures.controller
recorded_messages = ui_fixtures.recorded_messages
WAIT = 15000



class WindowSpy:
    """While the login window of a lock shows, every 20 ms: the other windows that show, by class
    and title; each is closed at once (an exec() would otherwise block the test)."""

    def __init__(self, ctl) -> None:
        self.ctl = ctl
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        login = self.ctl.login
        if login is None or not login.isVisible():
            return
        for widget in QApplication.topLevelWidgets():
            if widget is login or not widget.isVisible() or not widget.isWindow():
                continue
            self.seen.append(f"{type(widget).__name__}: {widget.windowTitle()}")
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.hide()

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def crashes(monkeypatch):
    """What reaches the crash hook (the crash dialog: "Sluit het programma en start het opnieuw")."""
    import traceback

    found: list[str] = []

    def hook(kind, exc, tb) -> None:
        frames = traceback.extract_tb(tb) if tb is not None else []
        where = [f.name for f in frames] or [f[2] for f in getattr(exc, "worker_frames", [])]
        found.append(f"{kind.__name__} in {where[-1] if where else '?'}")

    monkeypatch.setattr(sys, "excepthook", hook)
    return found


# --- 1. work asked for before the lock, answered after it -------------------------------------


def test_a_dossier_copy_asked_for_just_before_the_lock_opens_over_the_login_window(qtbot, controller):
    """The physician asks for the dossier copy (medical entries and all) while a backup runs and
    walks away; the idle lock comes. When the copy is done, its preview opens on top of the
    login window: the whole medical dossier on an unattended, "locked" screen."""
    tab = open_medical_tab(qtbot, controller, ARTS)
    window = tab.window()
    hold = Hold(controller)
    spy = WindowSpy(controller)
    try:
        window._copy()  # "Afschrift dossier…"
        controller.lock("inactief")
        assert controller.login.isVisible()
        hold.let_go()
        controller.ctx.tasks.wait_idle(30)
        qtbot.wait(300)
    finally:
        spy.stop()
        hold.let_go()
    assert spy.seen == []


def test_earlier_versions_asked_for_before_the_lock_show_medical_text_after_it(qtbot, controller,
                                                                              recorded_messages):
    """"Eerdere versies" of a medical entry, clicked just before the lock: the versions, with
    their medical text, come up in a message box after the lock."""
    log, _answers = recorded_messages
    tab = open_medical_tab(qtbot, controller, ARTS)
    controller.ctx.tasks.wait_idle(30)
    tab.editor.set_value("s", "Rugklachten na tillen, hernia L5-S1 vermoed")  # a consult, saved
    tab.save_consult.click()
    qtbot.waitUntil(lambda: tab.entries_table.rowCount() > 0, timeout=WAIT)
    tab.entries_table.selectRow(0)
    hold = Hold(controller)
    try:
        tab._history()  # "Eerdere versies"
        controller.lock("inactief")
        shown_before = len(log)
        hold.let_go()
        controller.ctx.tasks.wait_idle(30)
    finally:
        hold.let_go()
    after_lock = [text for kind, text in log[shown_before:] if kind == "info"]
    assert [text for text in after_lock if text.startswith("Versie ")] == []


# --- 2. the lazily built tabs ---------------------------------------------------------------


def test_closing_a_dossier_before_its_tabs_are_built_reaches_the_crash_hook(qtbot, controller, crashes):
    """Opened by mistake, closed at once (Escape): the timer chain that builds the remaining
    tabs runs on the deleted window and the crash dialog tells the user to restart."""
    main = log_in(qtbot, controller, ARTS)
    employee = main.employees_model.rows[0]
    main.open_dossier(employee.id)
    main.dossiers[employee.id].close()
    qtbot.wait(300)
    controller.ctx.tasks.wait_idle(30)
    assert crashes == []


def test_a_dossier_opened_just_before_the_lock_reaches_the_crash_hook(qtbot, controller, crashes):
    """Open a dossier and lock at once (Ctrl+L, or the idle lock on that turn): the rights tab is
    built after the lock, its reads meet the closed session and SessionLocked, an expected
    refusal, goes to the crash hook, so the crash dialog waits behind the login window."""
    main = log_in(qtbot, controller, ARTS)
    employee = main.employees_model.rows[0]
    main.open_dossier(employee.id)
    controller.lock("inactief")
    qtbot.wait(300)
    controller.ctx.tasks.wait_idle(30)
    assert crashes == []


# --- 3. the change signal ---------------------------------------------------------------------


def test_a_save_that_ends_after_the_lock_reaches_the_crash_hook_through_the_refresh(qtbot, controller,
                                                                                    crashes):
    """A change to the personalia saved while a backup runs, then the lock: the save lands, the
    change signal refreshes the open dossier, and the rights tab's reads on the closed session
    go to the crash hook."""
    from ui.dossier_forms import EmployeeDialog

    main = log_in(qtbot, controller, ARTS)
    employee = main.employees_model.rows[0]
    main.open_dossier(employee.id)
    window = main.dossiers[employee.id]
    qtbot.waitUntil(lambda: window.dossier is not None and not window._pending, timeout=WAIT)
    controller.ctx.tasks.wait_idle(30)
    dialog = EmployeeDialog(controller.ctx, window.dossier.employee, parent=window)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    dialog.show()
    dialog.form.set_value("job_title", "Magazijnmedewerker")
    hold = Hold(controller)
    try:
        dialog.save_button.click()
        controller.lock("inactief")
        hold.let_go()
        controller.ctx.tasks.wait_idle(30)
        qtbot.wait(200)
    finally:
        hold.let_go()
    assert crashes == []


def test_a_refresh_moves_the_chosen_trajectory(qtbot, controller):
    """Two trajectories; the user chooses the second in Re-integratie. A save anywhere that
    concerns the employee (here an activity) refreshes the tab and puts the choice back on the
    first row, so "Traject beëindigen…" or "Rapportage toevoegen…" goes to the other one."""
    from desktop_app.domain.cases import ActivityForm
    from desktop_app.domain.trajectory import TrajectoryForm
    from desktop_app.services import activities, trajectories
    from ui.tables import nl

    main = log_in(qtbot, controller, ARTS)
    employee = main.employees_model.rows[0]
    for track, days in (("first", 40), ("second", 20)):
        controller.ctx.call(trajectories.start, employee.id,
                            TrajectoryForm(track=track, provider=f"Bureau {track}",
                                           started_on=nl(date.today() - timedelta(days=days))))
    main.open_dossier(employee.id)
    window = main.dossiers[employee.id]
    tab = window.trajectories
    qtbot.waitUntil(lambda: tab.loaded is not None and len(tab.loaded.trajectories) >= 2, timeout=WAIT)
    window.tabs.setCurrentWidget(tab)
    tab.table.selectRow(1)
    chosen = tab.selected().id
    controller.ctx.call(activities.add_activity, employee.id,
                        ActivityForm(on_date=nl(date.today()), kind="telefoon", description="Gebeld"))
    controller.ctx.tasks.wait_idle(30)
    qtbot.wait(100)
    assert tab.selected().id == chosen


def test_earlier_versions_give_their_date_as_dd_mm_jjjj(qtbot, controller, recorded_messages):
    """The versions box says "2026-12-02" where every other date in the program is dd-mm-jjjj."""
    from ui.tables import nl

    log, _answers = recorded_messages
    tab = open_medical_tab(qtbot, controller, ARTS)
    controller.ctx.tasks.wait_idle(30)
    tab.editor.set_value("s", "Controle")
    tab.save_consult.click()
    qtbot.waitUntil(lambda: tab.entries_table.rowCount() > 0, timeout=WAIT)
    tab.entries_table.selectRow(0)
    tab._history()
    controller.ctx.tasks.wait_idle(30)
    versions = next(text for kind, text in log if kind == "info" and text.startswith("Versie "))
    assert date.today().isoformat() not in versions and nl(date.today()) in versions
