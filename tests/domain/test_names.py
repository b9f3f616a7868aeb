"""Dutch names: folding for search, prefixes, sort order, display forms."""

from __future__ import annotations

import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from desktop_app.domain import names

ANY_TEXT = st.text(alphabet=st.characters(codec=None, categories=None), max_size=100)


# --- fold ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "folded"), [
    ("Çelik", "celik"), ("celik", "celik"), ("CELIK", "celik"), ("Łukasz", "lukasz"),
    ("łukasz", "lukasz"), ("Nguyễn", "nguyen"), ("Øster", "oster"), ("øster", "oster"),
    ("Şahin", "sahin"), ("Yılmaz", "yilmaz"), ("İlknur", "ilknur"), ("Đặng", "dang"),
    ("Gunnarsdóttir", "gunnarsdottir"), ("Þór", "thor"), ("Ðorđe", "dorde"), ("Straße", "strasse"),
    ("STRAẞE", "strasse"), ("Ĳsselmeer", "ijsselmeer"), ("ĳs", "ijs"), ("Æsir", "aesir"),
    ("Cœur", "coeur"), ("Ørsted", "orsted"), ("Ștefan Țurcanu", "stefan turcanu"),
    ("Dvořák", "dvorak"), ("Müller", "muller"), ("Ñúñez", "nunez"), ("Ελένη", "ελενη"),
    ("ΣΟΦΊΑ", "σοφια"), ("Йо", "ио"), ("Ёлкин", "елкин"), ("O’Brien", "o'brien"),
    ("van ‘t Hof", "van 't hof"), ("Brouwer‑de Wit", "brouwer-de wit"), ("ﬁ", "fi"),
    ("Ｊａｎ", "jan"), ("", ""), ("中文", "中文"), ("'; DROP TABLE x;--", "'; drop table x;--"),
])
def test_fold(raw, folded):
    assert names.fold(raw) == folded


def test_fold_makes_search_accent_and_case_insensitive():
    assert names.fold("celik") == names.fold("Çelik") == names.fold("ÇELİK")
    assert names.fold("nguyen") == names.fold("NGUYỄN")
    assert names.fold("Ελενη") == names.fold("ελένη")


@given(ANY_TEXT)
@example("İ")
@example("Ŋ")
@example("ΐ")
@example("ŉ")
def test_fold_is_idempotent(text):
    once = names.fold(text)
    assert names.fold(once) == once


def test_fold_is_idempotent_for_every_single_code_point():
    bad = [hex(c) for c in range(sys.maxunicode + 1)
           if names.fold(names.fold(chr(c))) != names.fold(chr(c))]
    assert bad == []


@given(st.text(max_size=50))
def test_fold_never_raises_and_is_case_insensitive(text):
    assert names.fold(text.upper()) == names.fold(text.lower()) or not text.isascii()


# --- prefixes --------------------------------------------------------------------------------


@pytest.mark.parametrize(("full", "split"), [
    ("van den Berg", ("van den", "Berg")), ("van der Meer", ("van der", "Meer")),
    ("van de Ven", ("van de", "Ven")), ("van 't Hof", ("van 't", "Hof")),
    ("van ’t Hof", ("van ’t", "Hof")), ("Van 't Hof", ("Van 't", "Hof")),
    ("VAN DEN BERG", ("VAN DEN", "BERG")), ("de Vries", ("de", "Vries")), ("De Vries", ("De", "Vries")),
    ("'t Hart", ("'t", "Hart")), ("ter Horst", ("ter", "Horst")), ("ten Cate", ("ten", "Cate")),
    ("te Riele", ("te", "Riele")), ("in 't Veld", ("in 't", "Veld")), ("in de Betou", ("in de", "Betou")),
    ("op den Brouw", ("op den", "Brouw")), ("op de Beek", ("op de", "Beek")),
    ("uit den Bogaard", ("uit den", "Bogaard")), ("uit de Weerd", ("uit de", "Weerd")),
    ("von der Leyen", ("von der", "Leyen")), ("von Weizsäcker", ("von", "Weizsäcker")),
    ("zu Guttenberg", ("zu", "Guttenberg")), ("da Silva", ("da", "Silva")), ("dos Santos", ("dos", "Santos")),
    ("di Maria", ("di", "Maria")), ("du Pont", ("du", "Pont")), ("le Blanc", ("le", "Blanc")),
    ("la Fontaine", ("la", "Fontaine")), ("el Amrani", ("el", "Amrani")), ("al Hassan", ("al", "Hassan")),
    ("bin Laden", ("bin", "Laden")), ("ibn Battuta", ("ibn", "Battuta")),
    ("d'Ancona", ("d'", "Ancona")), ("d’Hondt", ("d’", "Hondt")), ("de l'Orme", ("de l'", "Orme")),
    ("van Dam-de Vries", ("van", "Dam-de Vries")), ("  van den Berg  ", ("van den", "Berg")),
    ("van den Berg van der Meer", ("van den", "Berg van der Meer")),
    ("Vandenberg", ("", "Vandenberg")), ("Jansen", ("", "Jansen")), ("Devries", ("", "Devries")),
    ("O'Brien", ("", "O'Brien")), ("Van", ("", "Van")), ("de", ("", "de")), ("d'", ("", "d'")),
    ("", ("", "")), ("Nguyễn Văn", ("", "Nguyễn Văn")), ("Ben Ali", ("", "Ben Ali")),
])
def test_split_prefix(full, split):
    assert names.split_prefix(full) == split


def test_known_prefixes():
    for prefix in ["van", "van den", "Van Den", "van 't", "van ’t", "in 't", "von der", "d'", "  de  "]:
        assert names.is_prefix(prefix), prefix
    for not_prefix in ["", "vann", "Berg", "van den Berg", "op", "ben"]:
        assert not names.is_prefix(not_prefix), not_prefix
    required = {"van", "de", "der", "den", "van der", "van den", "van de", "van 't", "'t", "te",
                "ter", "ten", "in 't", "in de", "op de", "op den", "uit de", "uit den", "von",
                "zu", "von der", "da", "di", "dos", "das", "du", "le", "la", "el", "al", "bin",
                "ibn"}
    assert required <= set(names.PREFIXES)
    assert len(set(names.PREFIXES)) == len(names.PREFIXES)
    assert all(names.canonical_prefix(p) == p for p in names.PREFIXES)


@given(ANY_TEXT)
def test_split_prefix_never_loses_a_character(full):
    prefix, surname = names.split_prefix(full)
    text = full.strip()
    assert surname.strip() == surname or not prefix
    if prefix:
        assert names.is_prefix(prefix)
        assert surname
        assert text.startswith(prefix)
        assert text.endswith(surname)
        assert text[len(prefix):].strip() == surname
    else:
        assert surname == text


# --- sorting ---------------------------------------------------------------------------------


def ordered(people: list[tuple[str, str, str]]) -> list[str]:
    """people as (prefix, surname, given); the result as "given prefix surname"."""
    rows = sorted(people, key=lambda p: names.sort_key(p[1], p[0], p[2]))
    return [names.display_name(g, p, s) for p, s, g in rows]


def test_dutch_sort_order_ignores_the_prefix():
    people = [("de", "Vries", "Anna"), ("van den", "Berg", "Jan"), ("", "Aydın", "Elif"),
              ("", "Bakker", "Piet"), ("", "Berg", "Ali"), ("", "Çelik", "Ayşe"),
              ("", "Brouwer-de Wit", "Ruud"), ("van 't", "Hof", "Ĳsbrand"), ("", "Celik", "Zeynep"),
              ("", "Łukaszewicz", "Józef"), ("", "Lopez", "Maria"), ("d'", "Ancona", "Hedy")]
    assert ordered(people) == [
        "Hedy d'Ancona", "Elif Aydın", "Piet Bakker", "Ali Berg", "Jan van den Berg",
        "Ruud Brouwer-de Wit", "Ayşe Çelik", "Zeynep Celik", "Ĳsbrand van 't Hof", "Maria Lopez",
        "Józef Łukaszewicz", "Anna de Vries"]


def test_same_surname_sorts_on_given_names_then_prefix():
    people = [("van", "Dijk", "Piet"), ("", "Dijk", "Piet"), ("van", "Dijk", "Anna"),
              ("van den", "Dijk", "Piet")]
    assert ordered(people) == ["Anna van Dijk", "Piet Dijk", "Piet van Dijk", "Piet van den Dijk"]


def test_hyphenated_surnames_sort_on_the_whole_string():
    people = [("", "Bergen", "A"), ("", "Berg-Jansen", "A"), ("", "Berg", "Z"), ("", "Bergman", "A")]
    assert ordered(people) == ["Z Berg", "A Berg-Jansen", "A Bergen", "A Bergman"]


def test_apostrophes_are_ignored_for_sorting_only():
    assert names.sort_key("O’Brien")[0] == names.sort_key("OBrien")[0] == "obrien"
    people = [("", "Oosterhout", "A"), ("", "O'Brien", "A"), ("", "Obama", "A")]
    assert ordered(people) == ["A Obama", "A O'Brien", "A Oosterhout"]
    assert names.sort_key("O’Brien")[3] == "O’Brien"  # the name itself is untouched


def test_sort_key_is_total_for_different_names():
    assert names.sort_key("Celik") != names.sort_key("Çelik")
    assert names.sort_key("Celik") < names.sort_key("Çelik")  # folded equal, raw tie-breaker
    assert names.sort_key("Berg", "van den", "Jan") == names.sort_key("Berg", "van den", "Jan")


def test_sort_key_parts_are_strings_for_the_storage_key():
    key = names.sort_key("Berg", "van den", "Jan")
    assert all(isinstance(part, str) for part in key)
    assert "\x1f".join(key).startswith("berg\x1fjan\x1fvan den\x1f")


@given(st.lists(st.tuples(ANY_TEXT, ANY_TEXT, ANY_TEXT), max_size=8))
def test_sort_key_orders_by_folded_surname_first(people):
    rows = sorted(people, key=lambda p: names.sort_key(*p))
    firsts = [names.sort_key(*p)[0] for p in rows]
    assert firsts == sorted(firsts)


# --- display forms ---------------------------------------------------------------------------


def test_display_forms_keep_the_prefix_as_written():
    assert names.display_name("Jan", "van den", "Berg") == "Jan van den Berg"
    assert names.formal_name("J.", "van den", "Berg") == "J. van den Berg"
    assert names.formal_name("J.", "van 't", "Hof") == "J. van 't Hof"
    assert names.list_name("Berg", "van den", "J.") == "Berg, J. van den"
    assert names.list_name("Hof", "van 't", "Ĳ.") == "Hof, Ĳ. van 't"
    assert names.display_name("Hedy", "d'", "Ancona") == "Hedy d'Ancona"
    assert names.display_name("Hedy", "d’", "Ancona") == "Hedy d’Ancona"
    assert names.formal_name("A.", "de l'", "Orme") == "A. de l'Orme"
    assert names.list_name("Ancona", "d'", "H.") == "Ancona, H. d'"
    assert names.display_name("Ayşe", "", "Çelik") == "Ayşe Çelik"
    assert names.display_name("Jan", "Van Den", "Berg") == "Jan Van Den Berg"  # case kept


def test_display_forms_with_missing_parts():
    assert names.display_name("", "", "Nguyễn") == "Nguyễn"
    assert names.display_name("", "van den", "Berg") == "van den Berg"
    assert names.display_name("Jan", "", "") == "Jan"
    assert names.display_name("Jan", "  ", "Berg") == "Jan Berg"
    assert names.list_name("Berg", "", "") == "Berg"
    assert names.list_name("Berg", "van den", "") == "Berg, van den"
    assert names.list_name("", "", "J.") == "J."
    assert names.display_name("", "", "") == ""
    assert names.list_name("", "", "") == ""


def test_display_forms_keep_quotes_and_sql_as_text():
    evil = "'; DROP TABLE employees;--"
    assert names.display_name("Jan", "", evil) == "Jan " + evil
    assert names.list_name(evil, "", "J.") == evil + ", J."


@given(ANY_TEXT.filter(str.strip), ANY_TEXT.filter(str.strip), ANY_TEXT.filter(str.strip))
def test_display_forms_keep_every_character(given_names, prefix, surname):
    shown = names.display_name(given_names, prefix, surname)
    assert given_names in shown
    assert prefix in shown
    assert surname in shown
    listed = names.list_name(surname, prefix, given_names)
    assert listed.startswith(surname + ", ")
    assert listed.endswith(prefix)
