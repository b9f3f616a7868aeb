"""The import's rules without a practice: reading CSV and .xlsx into text cells, guessing the
columns, and every row checked by the employee form's own parsing."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

import pytest

from desktop_app.domain.dossier import EmployeeForm, EmployerId
from desktop_app.domain.import_files import ImportFileError, cell_text, read_table
from desktop_app.domain.imports import FIELDS, ColumnMapping, check_rows, guess_columns

TODAY = date(2026, 6, 1)


def test_every_importable_field_is_a_field_of_the_employee_form():
    assert set(FIELDS) <= {f.name for f in fields(EmployeeForm)}


def test_a_dutch_excel_csv_with_semicolons_and_cp1252(tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_bytes("Achternaam;Woonplaats\r\nÇelik;Den Haag\r\n;\r\n".encode("cp1252"))
    table = read_table(path)
    assert table.headers == ("Achternaam", "Woonplaats")
    assert table.rows == (("Çelik", "Den Haag"),)  # the empty line is left out
    assert table.lines == (2,)


def test_an_xlsx_gives_the_cells_as_typed(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Achternaam", "Geboortedatum", "BSN", "Contracturen"])
    sheet.append(["Nguyễn", datetime(1980, 3, 12), 12345672, 24.5])
    path = tmp_path / "lijst.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.rows == (("Nguyễn", "12-03-1980", "12345672", "24,5"),)
    rows = check_rows(table, ColumnMapping(EmployerId(1), guess_columns(table.headers)), TODAY)
    assert rows[0].good
    assert rows[0].record.bsn == "012345672"  # Excel dropped the leading zero; the form adds it


@pytest.mark.parametrize("name, data", [("kapot.xlsx", b"PK\x03\x04 kapot"), ("leeg.csv", b""),
                                        ("lijst.pdf", b"%PDF")])
def test_unreadable_files_get_a_dutch_message(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as refused:
        read_table(path)
    assert refused.value.message.endswith(".")


def test_cells_as_text():
    assert [cell_text(v) for v in (None, 32.0, 7, date(2020, 1, 2), "x")] == ["", "32", "7", "02-01-2020", "x"]


def test_a_remembered_mapping_wins_where_its_columns_are_still_there():
    headers = ("Naam", "Fam", "BSN")
    assert guess_columns(headers, {"surname": "Fam", "email": "Mail"}) == {"surname": "Fam", "bsn": "BSN"}


def test_the_mapping_is_checked_against_the_file():
    mapping = ColumnMapping(EmployerId(1), {"surname": "Naam", "bsn": "Naam", "city": "Weg"})
    problems = mapping.problems(("Naam",))
    assert set(problems) == {"mapping", "city"}


def test_excels_sep_line_names_the_delimiter_and_the_rows_keep_their_numbers(tmp_path):
    """Excel's "sep=;" first line is not a column named "sep=": it names the delimiter, and the
    report's row numbers stay those of the file."""
    path = tmp_path / "personeel.csv"
    path.write_text("sep=;\nAchternaam;Woonplaats\nJansen;Utrecht\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ("Achternaam", "Woonplaats")
    assert table.rows == (("Jansen", "Utrecht"),)
    assert table.lines == (3,)


def test_a_utf16_text_export_is_read(tmp_path):
    """Excel's "Unicode-tekst" is UTF-16 with tabs: read, not refused as "geen CSV-bestand"."""
    path = tmp_path / "personeel.txt"
    path.write_bytes("Achternaam\tVoornamen\nÇelik\tAyşe\n".encode("utf-16"))
    table = read_table(path)
    assert table.headers == ("Achternaam", "Voornamen")
    assert table.rows == (("Çelik", "Ayşe"),)


def test_a_quoted_cell_over_two_lines_keeps_the_next_rows_file_number(tmp_path):
    path = tmp_path / "personeel.csv"
    path.write_text('Achternaam;Opmerking\nJansen;"regel een\nregel twee"\nBakker;kort\n', encoding="utf-8")
    assert read_table(path).lines == (2, 4)
