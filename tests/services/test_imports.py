"""Importing employees from a file: the report per row and column, the choice after it, one
transaction, and matches that update only after confirmation."""

from __future__ import annotations

import pytest

from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.domain.imports import ColumnMapping
from desktop_app.errors import ValidationErrors
from desktop_app.services import employees, employers, imports

HEADER = "Achternaam;Voornamen;Geboortedatum;BSN;Postcode;Personeelsnr;In dienst\n"


def _write(tmp_path, text: str, name: str = "personeel.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def employer(arts):
    return employers.create(arts, EmployerForm(name="Bakkerij Zon B.V."))


@pytest.fixture
def existing(arts, employer):
    return employees.create(arts, EmployeeForm(employer_id=employer.id, surname="Bestaand",
                                               given_names="Anna", bsn="111222333",
                                               personnel_number="P-7", postcode="1234 AB"))


@pytest.fixture
def second(arts, employer):
    return employees.create(arts, EmployeeForm(employer_id=employer.id, surname="Tweede",
                                               given_names="Jan", personnel_number="P-9"))


def _mixed_file(tmp_path):
    return _write(tmp_path, HEADER +
                  "Jansen;Piet;12-03-1980;123456782;1234 AB;P-1;01-01-2020\n"    # 2: good, new
                  "de Vries;Klaas;31-02-1990;123456789;12345;P-2;01-01-2020\n"   # 3: bad date, BSN, postcode
                  "Bestaand;Anna;;111222333;5678 CD;;\n"                         # 4: matches by BSN
                  "Smit;Els;01-05-1985;123456782;;P-3;\n"                        # 5: BSN twice in the file
                  "Bakker;Jan;;;;p-9;\n"                                          # 6: matches P-9 (case)
                  )


def _mapping(arts, path, employer):
    cols = imports.columns(arts, path, employer.id)
    return ColumnMapping(employer.id, cols.proposed)


def test_guessed_mapping_takes_the_dutch_column_names(arts, tmp_path, employer):
    cols = imports.columns(arts, _mixed_file(tmp_path), employer.id)
    assert cols.rows == 5
    assert cols.proposed == {"surname": "Achternaam", "given_names": "Voornamen",
                             "birth_date": "Geboortedatum", "bsn": "BSN", "postcode": "Postcode",
                             "personnel_number": "Personeelsnr", "employment_start": "In dienst"}


def test_report_of_good_bad_and_duplicate_rows(arts, tmp_path, employer, existing, second):
    path = _mixed_file(tmp_path)
    report = imports.preview(arts, path, _mapping(arts, path, employer))
    problems = {(p.line, p.column): p.message for p in report.problems}
    assert set(problems) == {(3, "Geboortedatum"), (3, "BSN"), (3, "Postcode"), (5, "BSN")}
    assert "elfproef" in problems[(3, "BSN")]
    assert "rij 2" in problems[(5, "BSN")]
    assert [r.line for r in report.good_rows] == [2, 4, 6]
    assert [(r.line, r.match.id) for r in report.matches] == [(4, existing.id), (6, second.id)]
    assert not report.all_good
    assert employees.count(arts, employer.id) == 2  # the preview wrote nothing


def test_two_rows_for_one_employee(arts, tmp_path, employer, existing):
    path = _write(tmp_path, HEADER + "Bestaand;Anna;;111222333;;;\nBestaand;A.;;;;P-7;\n")
    report = imports.preview(arts, path, _mapping(arts, path, employer))
    assert [(p.line, p.column) for p in report.problems] == [(3, "Personeelsnr")]
    assert [r.line for r in report.matches] == [2]


def test_the_messages_are_the_forms_own(arts, tmp_path, employer):
    path = _write(tmp_path, HEADER + "X;Y;31-02-1990;123456789;12345;P-2;\n")
    report = imports.preview(arts, path, _mapping(arts, path, employer))
    form = EmployeeForm(employer_id=employer.id, surname="X", given_names="Y", birth_date="31-02-1990",
                        bsn="123456789", postcode="12345", personnel_number="P-2")
    with pytest.raises(ValidationErrors) as refused:
        employees.create(arts, form)
    assert sorted(p.message for p in report.problems) == sorted(refused.value.errors.values())


def test_all_rows_is_refused_while_any_row_is_bad(arts, tmp_path, employer):
    path = _mixed_file(tmp_path)
    report = imports.preview(arts, path, _mapping(arts, path, employer))
    with pytest.raises(ValidationErrors):
        imports.apply(arts, report, only_good=False, confirmed_updates=set())
    assert employees.count(arts, employer.id) == 0


def test_only_good_rows_and_only_confirmed_matches(arts, tmp_path, employer, existing, second):
    path = _mixed_file(tmp_path)
    report = imports.preview(arts, path, _mapping(arts, path, employer))
    result = imports.apply(arts, report, only_good=True, confirmed_updates={4})
    assert (result.created, result.updated, result.skipped) == (1, 1, 3)
    people = {e.surname: e for e in employees.page(arts, employer_id=employer.id)}
    assert set(people) == {"Jansen", "Bestaand", "Tweede"}  # row 6's match was not confirmed
    assert people["Jansen"].bsn == "123456782"
    assert people["Jansen"].postcode == "1234 AB"
    assert people["Bestaand"].postcode == "5678 CD"  # the confirmed update
    assert people["Bestaand"].personnel_number == "P-7"


def test_a_match_never_updates_unconfirmed(arts, tmp_path, employer, existing):
    path = _mixed_file(tmp_path)
    report = imports.preview(arts, path, _mapping(arts, path, employer))
    imports.apply(arts, report, only_good=True, confirmed_updates=set())
    assert employees.open_dossier(arts, existing.id).postcode == "1234 AB"


def test_side_by_side_differences(arts, tmp_path, employer, existing):
    from desktop_app.domain.imports import differences

    path = _mixed_file(tmp_path)
    report = imports.preview(arts, path, _mapping(arts, path, employer))
    row = next(r for r in report.matches if r.line == 4)
    assert differences(row.match, row.record) == [("Postcode", "1234 AB", "5678 CD")]


def test_all_good_file_imports_everything_and_remembers_the_mapping(arts, tmp_path, employer):
    path = _write(tmp_path, "Naam familie;Voornaam\nJansen;Piet\nPietersen;Kees\n")
    mapping = ColumnMapping(employer.id, {"surname": "Naam familie", "given_names": "Voornaam"})
    report = imports.preview(arts, path, mapping)
    assert report.all_good
    result = imports.apply(arts, report, only_good=False, confirmed_updates=set())
    assert (result.created, result.updated) == (2, 0)
    assert employees.search_count(arts, "pietersen") == 1  # in the search index
    assert imports.columns(arts, path, employer.id).proposed == dict(mapping.columns)
    events = [e for e in arts.audit.events(arts.actor) if e.object_type == "employee" and e.data == "import"]
    assert len(events) == 2


def test_a_new_employee_since_the_preview_stops_the_import(arts, tmp_path, employer):
    path = _write(tmp_path, HEADER + "Jansen;Piet;12-03-1980;123456782;1234 AB;P-1;\n")
    report = imports.preview(arts, path, _mapping(arts, path, employer))
    employees.create(arts, EmployeeForm(employer_id=employer.id, surname="Jansen", bsn="123456782"))
    with pytest.raises(imports.ImportChanged):
        imports.apply(arts, report, only_good=False, confirmed_updates=set())
    assert employees.count(arts, employer.id) == 1


def test_a_case_manager_may_import(practice, tmp_path):
    from tests.helpers.practices import CASEMANAGER, login_as

    s = login_as(practice, CASEMANAGER)
    try:
        employer = employers.list_all(s)[0]
        path = _write(tmp_path, "Achternaam\nJansen\n")
        report = imports.preview(s, path, ColumnMapping(employer.id, {"surname": "Achternaam"}))
        assert imports.apply(s, report, only_good=False, confirmed_updates=set()).created == 1
    finally:
        s.close()


# --- employers ---------------------------------------------------------------------------------

EMPLOYERS_FILE = ("Bedrijfsnaam;KvK-nummer;Postcode;Plaats;Begin contract\n"
                  "Bakkerij Zon B.V.;12345678;1234 AB;Utrecht;01-01-2024\n"  # 2: matches by KvK
                  "Garage Maan;1234;12345;Ede;31-13-2024\n"                   # 3: KvK, postcode, date
                  "Drukkerij Ster;87654321;;Zwolle;\n"                        # 4: new
                  "Drukkerij Ster 2;87654321;;Zwolle;\n")                     # 5: KvK twice


def test_employers_report_and_import(arts, tmp_path):
    existing = employers.create(arts, EmployerForm(name="Bakkerij Zon", kvk="12345678", city="Utrecht"))
    path = _write(tmp_path, EMPLOYERS_FILE, "werkgevers.csv")
    cols = imports.columns(arts, path, None)
    assert cols.proposed == {"name": "Bedrijfsnaam", "kvk": "KvK-nummer", "postcode": "Postcode",
                             "city": "Plaats", "contract_start": "Begin contract"}
    report = imports.preview(arts, path, ColumnMapping(None, cols.proposed))
    assert {(p.line, p.column) for p in report.problems} == {
        (3, "KvK-nummer"), (3, "Postcode"), (3, "Begin contract"), (5, "KvK-nummer")}
    assert [(r.line, r.match.id) for r in report.matches] == [(2, existing.id)]
    result = imports.apply(arts, report, only_good=True, confirmed_updates={2})
    assert (result.created, result.updated, result.skipped) == (1, 1, 2)
    names = {e.name for e in employers.list_all(arts)}
    assert names == {"Bakkerij Zon B.V.", "Drukkerij Ster"}
    assert imports.columns(arts, path, None).proposed == cols.proposed  # remembered for employers


def test_employer_and_employee_mappings_are_kept_apart(arts, tmp_path, employer):
    path = _write(tmp_path, "A;B\nx;y\n")
    imports.apply(arts, imports.preview(arts, path, ColumnMapping(None, {"name": "A", "city": "B"})),
                  only_good=False, confirmed_updates=set())
    imports.apply(arts, imports.preview(arts, path, ColumnMapping(employer.id, {"surname": "A"})),
                  only_good=False, confirmed_updates=set())
    assert imports.columns(arts, path, None).proposed == {"name": "A", "city": "B"}
    assert imports.columns(arts, path, employer.id).proposed == {"surname": "A"}


def test_an_employee_changed_since_the_preview_stops_the_import(arts, tmp_path, employer, existing):
    path = _mixed_file(tmp_path)
    report = imports.preview(arts, path, _mapping(arts, path, employer))
    form = EmployeeForm.of(existing)
    form.given_names = "Anna Maria"  # changed by someone else after the side-by-side view
    employees.update(arts, existing.id, form)
    with pytest.raises(imports.ImportChanged):
        imports.apply(arts, report, only_good=True, confirmed_updates={4})
    assert employees.open_dossier(arts, existing.id).postcode == "1234 AB"
    assert employees.count(arts, employer.id) == 1


def test_a_restricted_employee_is_reported_not_updated(arts, tmp_path, employer, existing):
    from desktop_app.services import restrictions

    restrictions.start(arts, existing.id, "Geschil over de juistheid van het adres.")
    path = _mixed_file(tmp_path)
    report = imports.preview(arts, path, _mapping(arts, path, employer))
    messages = [p.message for p in report.problems if p.line == 4]
    assert messages == ["Bij deze werknemer is de verwerking beperkt (AVG art. 18): het dossier kan nu "
                        "niet worden gewijzigd."]


def test_an_import_cancelled_half_way_writes_nothing(arts, tmp_path, employer):
    from desktop_app.cancel import Cancelled, CancelToken

    path = _write(tmp_path, "Achternaam\n" + "".join(f"Werknemer{i}\n" for i in range(1000)))
    report = imports.preview(arts, path, ColumnMapping(employer.id, {"surname": "Achternaam"}))
    token, seen = CancelToken(), []

    def progress(done, total, text):
        seen.append(done)
        if done >= 400:
            token.cancel()  # the user clicks Annuleren while the rows are being written

    with pytest.raises(Cancelled):
        imports.apply(arts, report, only_good=False, confirmed_updates=set(), progress=progress, cancel=token)
    assert seen == [200, 400]
    assert employees.count(arts, employer.id) == 0
    assert arts.db.scalar("SELECT count(*) FROM import_mappings") == 0  # not remembered either
    assert arts.db.scalar("SELECT count(*) FROM audit_events WHERE data = 'import'") == 0
