"""Wherever an employee is chosen for something that cannot be undone (a destruction, a release,
a request's outcome), the screen shows the birth date and the employer beside the name (issue 15)."""

from __future__ import annotations

import pytest

from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in
from tests.ui.dialog_zoo import seed

pytestmark = pytest.mark.gui
WAIT = 15000
NAME = "Kowalski"


@pytest.fixture
def opened(qtbot, practice, controller):
    ids = seed(practice, NAME)
    log_in(qtbot, controller, ARTS)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    return controller.ctx, ids


def _shows_who(text: str) -> bool:
    return "01-02-1970" in text and NAME in text.split("geboren 01-02-1970", 1)[-1]


def test_the_destruction_dialog_names_the_birth_date_and_employer(qtbot, opened):
    from ui.destruction_dialog import DestructionDialog

    ctx, ids = opened
    dialog = DestructionDialog(ctx, ids["destruction_request"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.about.text() != "", timeout=WAIT)
    assert _shows_who(dialog.about.text())


def test_the_release_decision_names_the_birth_date_and_employer(qtbot, opened):
    from PySide6.QtWidgets import QLabel

    from ui.release_dialogs import ApprovalDialog

    ctx, ids = opened
    dialog = ApprovalDialog(ctx, ids["release_id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert _shows_who(dialog.findChild(QLabel, "summary").text())


def test_the_request_dialog_names_the_birth_date_and_employer(qtbot, opened):
    from ui.request_dialog import RequestDialog

    ctx, ids = opened
    dialog = RequestDialog(ctx, ids["copy_request"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loads > 0, timeout=WAIT)
    assert _shows_who(dialog.summary.text())
