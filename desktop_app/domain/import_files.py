"""Reading a CSV or Excel (.xlsx) file into a table of text cells: the first row holds the
column names. Cells become the text a user would have typed into the form (dates as dd-mm-jjjj),
so the import checks every value with the forms' own validation."""

from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from desktop_app.domain.dates import nl_date
from desktop_app.errors import ArbokluisError

MAX_ROWS = 100_000
MAX_BYTES = 50 * 1024 * 1024


class ImportFileError(ArbokluisError):
    message = "Het bestand kan niet worden gelezen."


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # each as long as ``headers``
    lines: tuple[int, ...]  # the row's number in the file (the header is row 1)
    # (line, column name) -> why the cell could not be read (a formula without a computed value)
    unreadable: dict[tuple[int, str], str] = field(default_factory=dict)


Numbered = list[tuple[int, list[str]]]  # the file's non-empty rows with their numbers in the file


def read_table(path: str | Path) -> Table:
    path = Path(path)
    suffix = path.suffix.lower()
    unreadable: dict[tuple[int, int], str] = {}
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportFileError("Het bestand is groter dan 50 MB; splits het in delen.",
                                  detail="import file too large")
        if suffix == ".xlsx":
            rows = _xlsx_rows(path, unreadable)
        elif suffix in (".csv", ".txt"):
            rows = _csv_rows(path.read_bytes())
        else:
            raise ImportFileError("Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx).",
                                  detail=f"import file type {suffix!r}")
    except OSError as exc:
        raise ImportFileError(detail=f"import file: {type(exc).__name__}") from None
    return _table(rows, unreadable)


def _table(numbered: Numbered, unreadable: dict[tuple[int, int], str] | None = None) -> Table:
    if not numbered:
        raise ImportFileError("Het bestand is leeg.", detail="empty import file")
    _, header = numbered[0]
    headers = [h.strip() for h in header]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise ImportFileError("De eerste regel van het bestand moet de kolomnamen bevatten.",
                              detail="no headers")
    seen: dict[str, int] = {}
    for k, h in enumerate(headers):
        name = h or f"Kolom {k + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        headers[k] = name
    body = numbered[1:]
    if len(body) > MAX_ROWS:
        raise ImportFileError(f"Het bestand heeft meer dan {MAX_ROWS} rijen; splits het in delen.",
                              detail="too many rows")
    width = len(headers)
    rows = tuple(tuple((list(r) + [""] * width)[:width]) for _, r in body)
    cells = {(line, headers[col]): why for (line, col), why in (unreadable or {}).items() if col < width}
    return Table(tuple(headers), rows, tuple(n for n, _ in body), cells)


def _numbered(rows) -> Numbered:
    """The non-empty rows of ``rows`` (lists of text) with their numbers, at most one past the limit."""
    out: Numbered = []
    for number, cells in rows:
        if any(c.strip() for c in cells):
            out.append((number, cells))
            if len(out) > MAX_ROWS + 1:
                break
    return out


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _decode(data: bytes) -> str:
    """The file's text: UTF-8 or UTF-16 by their byte-order mark, else UTF-8, else Windows-1252. A
    mark in front of Windows-1252 text (some HR exports write one) is dropped, not read as "ï»¿"."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            data = data[len(mark):]
            if encoding != "utf-8":
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    raise ImportFileError("Het bestand is geen leesbare tekst (UTF-16).",
                                          detail="undecodable utf-16 csv") from None
            break
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("Het bestand is geen leesbare tekst (UTF-8 of Windows-1252).",  # pragma: no cover
                          detail="undecodable csv")


def _csv_rows(data: bytes) -> Numbered:
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError("Het bestand is geen CSV-bestand.", detail="nul in csv")
    first, _, rest = text.partition("\n")
    offset = 0
    marked = first.strip().casefold()
    if marked.startswith("sep=") and len(marked) == 5:  # Excel's "sep=;" line names the delimiter
        delimiter, text, offset = marked[4], rest, 1
        first = rest.split("\n", 1)[0]
    else:
        delimiter = max((";", ",", "\t"), key=first.count)  # Dutch Excel writes ';'
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows, start = [], 1
        for cells in reader:
            rows.append((start + offset, list(cells)))
            start = reader.line_num + 1
        return _numbered(rows)
    except csv.Error:
        raise ImportFileError("Het CSV-bestand is beschadigd (een aanhalingsteken niet gesloten?).",
                              detail="csv error") from None


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(path: Path) -> bool:
    """Whether any sheet of the workbook holds a formula, read from its XML in pieces."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with z.open(name) as part:
                tail = b""
                while chunk := part.read(1 << 20):
                    if _FORMULA.search(tail + chunk):
                        return True
                    tail = chunk[-16:]
    return False


def _xlsx_rows(path: Path, unreadable: dict[tuple[int, int], str]) -> Numbered:
    """The first sheet's non-empty rows, as wide as its header row. A sheet may claim the whole
    grid (A1:XFD1048576): openpyxl then pads every row to 16,384 cells, so the width is taken from
    the header row and the rest is read only that wide. A formula without a computed value (a file
    written by a program, never opened in Excel) is noted in ``unreadable``, not read as empty."""
    import zipfile

    import openpyxl

    # openpyxl warns about parts of a workbook it does not read (data validation, styles); we
    # only read the cells' values, so those warnings say nothing to the user. (XML entity
    # expansion is bounded by the expat that Python ships, 2.4.1 and later.)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            formulas = _has_formulas(path)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
            raise ImportFileError("Het Excel-bestand is beschadigd of geen .xlsx-bestand.",
                                  detail="bad xlsx") from None
        try:
            if not book.worksheets:
                return []
            sheet = book.worksheets[0]
            header_row = width = 0
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                texts = [cell_text(v) for v in values]
                filled = [k for k, t in enumerate(texts) if t.strip()]
                if filled:
                    header_row, width = number, filled[-1] + 1
                    break
            if not width:
                return []
            rows = sheet.iter_rows(min_row=header_row, max_col=width, values_only=True)
            numbered = _numbered((header_row + i, [cell_text(v) for v in values]) for i, values in enumerate(rows))
            if formulas:
                _note_formulas(path, header_row, width, numbered, unreadable)
            return numbered
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
            raise ImportFileError("Het Excel-bestand is beschadigd.", detail="bad xlsx sheet") from None
        finally:
            book.close()


FORMULA_WITHOUT_VALUE = ("deze cel heeft een formule zonder berekende waarde (het bestand is door een "
                         "programma gemaakt). Open het in Excel, sla het op en kies het opnieuw.")


def _note_formulas(path: Path, header_row: int, width: int, numbered: Numbered,
                   unreadable: dict[tuple[int, int], str]) -> None:
    """Where the values read are empty, whether the cell holds a formula (read without values)."""
    import openpyxl

    empty = {number: [k for k, t in enumerate(cells) if not t] for number, cells in numbered}
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        rows = book.worksheets[0].iter_rows(min_row=header_row, max_col=width, values_only=True)
        for i, values in enumerate(rows):
            number = header_row + i
            for k in empty.get(number, ()):
                if k < len(values) and isinstance(values[k], str) and values[k].startswith("="):
                    unreadable[(number, k)] = FORMULA_WITHOUT_VALUE
            if number >= numbered[-1][0]:
                break
    finally:
        book.close()


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a user would type: 12-03-1980, 32, 24,5."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return nl_date(value.date())
    if isinstance(value, date):
        return nl_date(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f").replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return str(value)
