"""Every dialog fits a 1366×768 screen with a taskbar and scrolls inside rather than off-screen
(issue 15): opened on the demo practice filled with long data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QScrollArea

from tests.helpers.practices import ARTS
from tests.ui.conftest import log_in
from tests.ui.dialog_zoo import build_all, dialog_classes, seed

pytestmark = pytest.mark.gui

ROOM = QRect(0, 0, 1366, 728)  # 768 less a 40-pixel taskbar
TITLE_BAR = 32  # the window manager's frame above the dialog's own area
LONG = ("Langdurige klachten van het bewegingsapparaat met uitstraling naar het linkerbeen; "
        "werkhervatting in aangepaste functie besproken met werkgever en werknemer. ") * 8


@pytest.fixture
def zoo(qtbot, practice, controller, monkeypatch):
    from ui import screen_fit

    monkeypatch.setattr(screen_fit, "available_room", lambda widget=None: QRect(ROOM))
    ids = seed(practice, LONG)
    log_in(qtbot, controller, ARTS)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    made = build_all(qtbot, controller, ids, LONG)
    for widget in made.values():
        widget.show()
    qtbot.wait(300)  # the lists fill in
    return made


def _too_big(widget) -> bool:
    size = widget.size()
    return size.width() > ROOM.width() or size.height() + TITLE_BAR > ROOM.height()


def test_the_zoo_builds_every_dialog_class_of_the_client(zoo):
    built = {type(w).__module__.removeprefix("ui.") + "." + type(w).__name__ for w in zoo.values()}
    assert dialog_classes() - built == set()


def test_every_dialog_and_window_fits_a_1366_by_768_screen_with_a_taskbar(zoo):
    sizes = {name: (w.width(), w.height()) for name, w in zoo.items() if _too_big(w)}
    assert sizes == {}


def test_no_dialog_needs_more_room_than_the_screen_has(zoo):
    """What the layout cannot shrink below: with more content, the dialog scrolls inside."""
    needs = {name: (w.minimumSizeHint().width(), w.minimumSizeHint().height()) for name, w in zoo.items()
             if w.minimumSizeHint().width() > ROOM.width()
             or w.minimumSizeHint().height() + TITLE_BAR > ROOM.height()}
    assert needs == {}


def test_the_fml_form_has_no_horizontal_scrollbar(zoo):
    dialog = zoo["dossier_forms.FormDialog:medical_fml"]
    scroll = dialog.findChild(QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()


def test_the_fml_labels_are_shown_whole(zoo):
    """Each item label wraps or sits above its field: none is cut to the width of a column."""
    from PySide6.QtWidgets import QLabel

    dialog = zoo["dossier_forms.FormDialog:medical_fml"]
    viewport = dialog.findChild(QScrollArea).viewport()

    def cut(label) -> bool:
        right = label.mapTo(viewport, label.rect().topRight()).x()
        too_wide = not label.wordWrap() and label.fontMetrics().horizontalAdvance(label.text()) > label.width()
        return right > viewport.width() or too_wide

    assert [label.text() for label in dialog.form.findChildren(QLabel) if label.isVisible() and cut(label)] == []
