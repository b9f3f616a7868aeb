"""Search says how many it found and lets the user see them all (issue 15): no silent stop at the
first page of results."""

from __future__ import annotations

import pytest

from tests.helpers.practices import ARTS, login_as
from tests.ui.conftest import log_in
from ui.models import IdRole

pytestmark = pytest.mark.gui
MANY = 64
SURNAME = "Quaakenbeek"


@pytest.fixture
def many(practice):
    from tests.helpers.dossiers import add_employee

    s = login_as(practice, ARTS)
    try:
        return {add_employee(s, surname=SURNAME, given=f"Jan{i:02d}").id for i in range(MANY)}
    finally:
        s.close()


@pytest.fixture
def search(qtbot, controller, many):
    main = log_in(qtbot, controller, ARTS)
    main.search.setText(SURNAME)
    main.search.search_now()
    qtbot.waitUntil(lambda: main.search.found is not None, timeout=10000)
    return main.search


def _texts(search) -> list[str]:
    return [search.model.item(i).text() for i in range(search.model.rowCount())]


def _ids(search) -> set[int]:
    return {search.model.item(i).data(IdRole) for i in range(search.model.rowCount())} - {None}


def test_search_says_how_many_it_found(search):
    assert any(t.startswith(f"{MANY} gevonden") for t in _texts(search))


def test_search_offers_to_show_all_when_it_shows_fewer(search):
    assert f"Alle {MANY} tonen…" in _texts(search)


def test_choosing_show_all_lists_every_one(qtbot, search, many):
    more = next(i for i, t in enumerate(_texts(search)) if t.startswith("Alle "))
    search._activated(search.model.index(more, 0))
    qtbot.waitUntil(lambda: _ids(search) == many, timeout=10000)
    assert f"Alle {MANY} tonen…" not in _texts(search)
