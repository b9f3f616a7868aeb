"""No label shows user data as rich text (issue 15): every window and dialog is opened with hostile
demo data (markup in names, texts and lines), and every QLabel and tooltip that shows it is checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in
from tests.ui.dialog_zoo import build_all, seed

pytestmark = pytest.mark.gui

MARK = "<b>x</b>"
HOSTILE = f'{MARK}<img src="file:///etc/passwd"> Jansen'


@pytest.fixture
def zoo(qtbot, practice, controller):
    ids = seed(practice, HOSTILE + " had klachten aan de onderrug en werkt halve dagen.")
    log_in(qtbot, controller, ARTS)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    made = build_all(qtbot, controller, ids, HOSTILE)
    for widget in made.values():
        widget.show()
    dossier = made["dossier"]
    for i in range(dossier.tabs.count()):  # every tab filled, the consents and releases included
        dossier.tabs.setCurrentIndex(i)
        qtbot.wait(150)
    qtbot.wait(500)
    return made


def _rich(label: QLabel) -> bool:
    if label.textFormat() == Qt.TextFormat.PlainText:
        return False
    return label.textFormat() == Qt.TextFormat.RichText or Qt.mightBeRichText(label.text())


def _labels(zoo) -> list[QLabel]:
    out = []
    for widget in zoo.values():
        out += [label for label in widget.findChildren(QLabel) if MARK in label.text()]
    return out


def test_the_hostile_data_reaches_the_screens(zoo):
    assert len(_labels(zoo)) >= 5


def test_no_label_shows_user_data_as_rich_text(zoo):
    assert [(label.objectName(), label.text()[:60]) for label in _labels(zoo) if _rich(label)] == []


def test_no_tooltip_shows_user_data_as_rich_text(zoo):
    tips = []
    for widget in zoo.values():
        tips += [w.objectName() for w in [widget, *widget.findChildren(QWidget)] if MARK in w.toolTip()]
    assert tips == []
