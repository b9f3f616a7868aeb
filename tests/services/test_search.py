"""One search box: any part of a name, accent-insensitive; birth date; personnel number; employer."""

import pytest

from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.services import employees, employers
from tests.helpers.practices import CASEMANAGER, login_as

PEOPLE = [
    ("", "Çelik", "Ayşe", "12-03-1985", "P-100"),
    ("van den", "Berg", "Jan", "01-02-1980", "P-101"),
    ("", "Łukaszewicz", "Józef", "23-11-1970", "P-102"),
    ("", "Nguyễn", "Thị Ngọc Ánh", "05-05-1990", "P-103"),
    ("van 't", "Hof", "Ĳsbrand", "30-06-1975", "P-104"),
    ("", "Øster-Berg", "Søren", "14-07-1988", "X-9"),
    ("", "Yılmaz", "İbrahim", "01-01-1999", "P-105"),
]


@pytest.fixture
def session(bare_practice):
    s = login_as(bare_practice, CASEMANAGER)
    a = employers.create(s, EmployerForm(name="Zorggroep De Horst"))
    b = employers.create(s, EmployerForm(name="Bakkerij 't Stoepje"))
    for i, (prefix, surname, given, birth, pnr) in enumerate(PEOPLE):
        employees.create(s, EmployeeForm(employer_id=(a if i % 2 else b).id, surname=surname,
                                         prefix=prefix, given_names=given, birth_date=birth,
                                         personnel_number=pnr))
    yield s
    s.close()


def found(session, query):
    return [e.surname for e in employees.search(session, query)]


@pytest.mark.parametrize(("query", "expected"), [
    ("celik", ["Çelik"]),
    ("ÇELİK", ["Çelik"]),
    ("ayse", ["Çelik"]),
    ("lukasz", ["Łukaszewicz"]),
    ("nguyen", ["Nguyễn"]),
    ("ngoc anh", ["Nguyễn"]),
    ("ijsbrand", ["Hof"]),
    ("berg", ["Berg", "Øster-Berg"]),
    ("oster", ["Øster-Berg"]),
    ("yilmaz", ["Yılmaz"]),
    ("ibrahim", ["Yılmaz"]),
    ("szew", ["Łukaszewicz"]),  # any part of the name
    ("23-11-1970", ["Łukaszewicz"]),
    ("1-2-1980", ["Berg"]),
    ("P-103", ["Nguyễn"]),
    ("stoepje", ["Çelik", "Łukaszewicz", "Hof", "Yılmaz"]),  # the even rows work there
    ("horst yilmaz", []),  # Yılmaz works at 't Stoepje
    ("jan berg", ["Berg"]),
])
def test_search_finds(session, query, expected):
    assert sorted(found(session, query)) == sorted(expected)


@pytest.mark.parametrize("query", ["", "   ", '"', "'; DROP TABLE employees;--", "a" * 5000,
                                   "NEAR(", "*", "berg OR 1=1", "\x00", "%", "_"],
                         ids=lambda q: repr(q[:12]))
def test_odd_input_never_breaks_the_search(session, query):
    result = employees.search(session, query)
    assert isinstance(result, list)
    assert employees.count(session) == len(PEOPLE)


def test_short_queries_match_the_start_of_the_surname(session):
    assert found(session, "ç") == ["Çelik"] or found(session, "c") == ["Çelik"]
    assert found(session, "hof") == ["Hof"]
    assert found(session, "ho") == ["Hof"]


def test_renaming_an_employer_updates_the_search(session):
    horst = next(e for e in employers.list_all(session) if e.name == "Zorggroep De Horst")
    form = EmployerForm(name="Zorggroep Lindehof")
    employers.update(session, horst.id, form)
    assert found(session, "horst") == []
    assert len(found(session, "lindehof")) == 3
