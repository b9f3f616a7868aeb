"""Dutch names: folding for search, prefixes, sort order, display forms."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import names


@pytest.mark.parametrize(("raw", "folded"), [
    ("Çelik", "celik"), ("Łukasz", "lukasz"), ("Nguyễn", "nguyen"), ("Øster", "oster"),
    ("Şahin", "sahin"), ("Yılmaz", "yilmaz"), ("İlknur", "ilknur"), ("Ĳsselmeer", "ijsselmeer"),
    ("ĳs", "ijs"), ("Straße", "strasse"), ("Ελένη", "ελενη"), ("Ștefan Țurcanu", "stefan turcanu"),
    ("Đặng", "dang"), ("O’Brien", "o'brien"), ("Dvořák", "dvorak"),
])
def test_fold(raw, folded):
    assert names.fold(raw) == folded


@given(st.text())
def test_fold_is_idempotent(text):
    assert names.fold(names.fold(text)) == names.fold(text)


@pytest.mark.parametrize(("full", "split"), [
    ("van den Berg", ("van den", "Berg")), ("van 't Hof", ("van 't", "Hof")),
    ("de Vries", ("de", "Vries")), ("Vandenberg", ("", "Vandenberg")), ("d'Ancona", ("d'", "Ancona")),
    ("in 't Veld", ("in 't", "Veld")), ("Jansen", ("", "Jansen")),
])
def test_split_prefix(full, split):
    assert names.split_prefix(full) == split


def test_dutch_sort_order_ignores_the_prefix():
    people = [("Vries", "de", "Anna"), ("Berg", "van den", "Jan"), ("Aydın", "", "Elif"),
              ("Bakker", "", "Piet"), ("Berg", "", "Ali"), ("Çelik", "", "Ayşe"),
              ("Brouwer-de Wit", "", "Ruud")]
    ordered = sorted(people, key=lambda p: names.sort_key(p[0], p[1], p[2]))
    assert [(p[1] + " " + p[0]).strip() for p in ordered] == [
        "Aydın", "Bakker", "Berg", "van den Berg", "Brouwer-de Wit", "Çelik", "de Vries"]


def test_display_forms_keep_the_prefix_as_written():
    assert names.display_name("Jan", "van den", "Berg") == "Jan van den Berg"
    assert names.formal_name("J.", "van 't", "Hof") == "J. van 't Hof"
    assert names.list_name("Berg", "van den", "J.") == "Berg, J. van den"
    assert names.display_name("Hedy", "d'", "Ancona") == "Hedy d'Ancona"
    assert names.display_name("", "", "Nguyễn") == "Nguyễn"
