"""The dialogs that need data show at once (issue 15): while the database thread is busy they say
"Laden…" with their fields disabled, they fill when the data arrives, and a failed read shows its
Dutch message there (a typed error) or reaches the crash hook (a bug)."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtWidgets import QLabel

from desktop_app.errors import PermissionDenied
from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui
WAIT = 15000


@pytest.fixture
def opened(qtbot, controller, practice):
    """Logged in as the physician, the queue idle; a release waiting for a decision."""
    from desktop_app.services import employees
    from tests.ui.dialog_zoo import seed

    ids = seed(practice, "Jansen")
    log_in(qtbot, controller, ARTS)
    ids["employee"] = controller.ctx.call(employees.open_dossier, ids["employee_id"])
    qtbot.waitUntil(lambda: not controller.ctx.tasks.busy, timeout=WAIT)
    return controller, ids


@pytest.fixture
def held(opened):
    """A job that holds the database thread until the test lets it go."""
    controller, _ids = opened
    release = threading.Event()
    controller.ctx.tasks.run(lambda: release.wait(30))
    yield release
    release.set()


def _dialogs(ctx, ids):
    """(name, dialog, the widget that must wait for the data) of each dialog that reads first."""
    from ui import (
        absences_dialog,
        consent_dialog,
        dossier_forms,
        release_dialogs,
        statistics_dialog,
    )

    absences = absences_dialog.AbsencesDialog(ctx)
    consent = consent_dialog.ConsentDialog(ctx, ids["employee_id"])
    edit = dossier_forms.EmployeeDialog(ctx, ids["employee"])
    approval = release_dialogs.ApprovalDialog(ctx, ids["release_id"])
    statistics = statistics_dialog.StatisticsDialog(ctx, ids["employer_id"])
    return [("absences", absences, absences.form), ("consent", consent, consent.form),
            ("employee", edit, edit.form), ("approval", approval, approval.choices),
            ("statistics", statistics, statistics.compute_button)]


def _loading_text(dialog) -> str:
    return dialog.findChild(QLabel, "loading").text()


def test_each_dialog_shows_laden_while_the_database_thread_is_busy(qtbot, opened, held):
    controller, ids = opened
    dialogs = _dialogs(controller.ctx, ids)  # built and shown while the queue is held: none waits
    for _name, dialog, _w in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
    qtbot.wait(100)
    assert {name: _loading_text(d) for name, d, _w in dialogs} == {name: "Laden…" for name, _d, _w in dialogs}


def test_each_dialog_keeps_its_fields_disabled_until_the_data_is_there(qtbot, opened, held):
    controller, ids = opened
    dialogs = _dialogs(controller.ctx, ids)
    for _name, dialog, _w in dialogs:
        qtbot.addWidget(dialog)
    assert [name for name, _d, w in dialogs if w.isEnabled()] == []


def test_each_dialog_fills_when_the_data_arrives(qtbot, opened, held):
    controller, ids = opened
    dialogs = _dialogs(controller.ctx, ids)
    for _name, dialog, _w in dialogs:
        qtbot.addWidget(dialog)
    held.set()
    qtbot.waitUntil(lambda: all(d.loaded for _n, d, _w in dialogs), timeout=WAIT)
    assert [name for name, d, w in dialogs if not w.isEnabled() or _loading_text(d)] == []


def test_the_filled_dialogs_show_the_cores_data(qtbot, opened):
    controller, ids = opened
    dialogs = {name: d for name, d, _w in _dialogs(controller.ctx, ids)}
    for dialog in dialogs.values():
        qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: all(d.loaded for d in dialogs.values()), timeout=WAIT)
    shown = (dialogs["absences"].form.value("physician"), dialogs["consent"].form.value("physician"),
             dialogs["employee"].form.value("employer_id"), dialogs["approval"].buttons["approve"].isEnabled(),
             dialogs["statistics"].employer.currentData())
    assert shown == ("arts", "arts", str(ids["employer_id"]), True, ids["employer_id"])


def test_a_refused_read_shows_its_dutch_message_where_laden_was(qtbot, opened, monkeypatch):
    from desktop_app.services import consents
    from ui.consent_dialog import ConsentDialog

    controller, ids = opened

    def refuse(session):
        raise PermissionDenied("U mag geen toestemming vastleggen.", detail="test")

    monkeypatch.setattr(consents, "physicians", refuse)
    dialog = ConsentDialog(controller.ctx, ids["employee_id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: _loading_text(dialog) != "Laden…", timeout=WAIT)
    assert _loading_text(dialog) == "U mag geen toestemming vastleggen."


def test_a_refused_read_leaves_the_save_button_disabled(qtbot, opened, monkeypatch):
    from desktop_app.services import consents
    from ui.consent_dialog import ConsentDialog

    controller, ids = opened

    def refuse(session):
        raise PermissionDenied("U mag geen toestemming vastleggen.", detail="test")

    monkeypatch.setattr(consents, "physicians", refuse)
    dialog = ConsentDialog(controller.ctx, ids["employee_id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: _loading_text(dialog) != "Laden…", timeout=WAIT)
    assert not dialog.save_button.isEnabled()


def test_a_bug_while_a_dialog_loads_reaches_the_crash_hook(qtbot, opened, monkeypatch, recorded_messages):
    from desktop_app.services import statistics
    from ui.statistics_dialog import StatisticsDialog

    controller, ids = opened
    crashes: list[type] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: crashes.append(t))
    monkeypatch.setattr(statistics, "periods", lambda session: {}["bug"])
    dialog = StatisticsDialog(controller.ctx, ids["employer_id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: crashes != [], timeout=WAIT)
    assert (crashes, _loading_text(dialog)) == ([KeyError], "Laden is mislukt.")


def test_the_edit_form_is_not_dirty_once_filled(qtbot, opened, recorded_messages):
    """Filling the form after it showed is not a change of the user's: Escape closes it."""
    from ui.dossier_forms import EmployeeDialog

    controller, ids = opened
    dialog = EmployeeDialog(controller.ctx, ids["employee"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert not dialog.form.is_dirty()
