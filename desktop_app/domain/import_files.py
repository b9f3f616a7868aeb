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
    taken = {h for h in headers if h}
    used: set[str] = set()
    for k, h in enumerate(headers):
        name = h or f"Kolom {k + 1}"
        if name in used:  # "Naam", "Naam" -> "Naam", "Naam (2)", never a name already in the file
            n = 2
            while f"{name} ({n})" in used or f"{name} ({n})" in taken:
                n += 1
            name = f"{name} ({n})"
        used.add(name)
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


_SEP_LINE = re.compile(r"[ ]*sep=([^\r\n])[ ]*(?:\r\n|\r|\n)", re.IGNORECASE)
_LINE_END = re.compile(r"\r\n|\r|\n")


def _csv_rows(data: bytes) -> Numbered:
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError("Het bestand is geen CSV-bestand.", detail="nul in csv")
    offset = 0
    sep = _SEP_LINE.match(text)
    if sep:  # Excel's "sep=;" line names the delimiter
        delimiter, text, offset = sep.group(1), text[sep.end():], 1
    else:
        first = _LINE_END.split(text, maxsplit=1)[0]
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


_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_HAS_F = re.compile(rb"<(?:\w+:)?f[\s>/]")
_V = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.DOTALL)
_TEXT_RESULT = re.compile(rb'\bt="str"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _formulas_without_value(path: Path, sheet_path: str, width: int) -> set[tuple[int, int]]:
    """(row, column) of every cell of the sheet within ``width`` columns that holds a formula and no
    computed value: no ``<v>``, or an empty one on a cell not typed as a text result (a program
    writes ``<v/>``; Excel writes ``t="str"`` with ``<v></v>`` for a computed empty text, which is
    fine). Read from the sheet's XML in pieces, as openpyxl shows all these as an empty cell."""
    import zipfile

    found: set[tuple[int, int]] = set()
    with zipfile.ZipFile(path) as z, z.open(sheet_path.lstrip("/")) as part:
        buffer = b""
        while True:
            chunk = part.read(1 << 20)
            buffer += chunk
            end = buffer.rfind(b"</row>") + len(b"</row>") if chunk else len(buffer)
            if chunk and end < len(b"</row>"):
                continue  # no whole row yet
            for cell in _CELL.finditer(buffer, 0, end):
                inner = cell.group(2) or b""
                value = _V.search(inner)
                computed = value is not None and (bool(value.group(1)) or _TEXT_RESULT.search(cell.group(1)))
                if _HAS_F.search(inner) and not computed:
                    ref = _REF.search(cell.group(1))
                    if ref and _column_number(ref.group(1)) < width:
                        found.add((int(ref.group(2)), _column_number(ref.group(1))))
            buffer = buffer[end:]
            if not chunk:
                return found


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
            sheet_path = getattr(sheet, "_worksheet_path", "")
            if sheet_path:
                lines = {number for number, _cells in numbered}
                for row, col in _formulas_without_value(path, sheet_path, width):
                    if row in lines:
                        unreadable[(row, col)] = FORMULA_WITHOUT_VALUE
            return numbered
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
            raise ImportFileError("Het Excel-bestand is beschadigd.", detail="bad xlsx sheet") from None
        finally:
            book.close()


FORMULA_WITHOUT_VALUE = ("deze cel heeft een formule zonder berekende waarde (het bestand is door een "
                         "programma gemaakt). Open het in Excel, sla het op en kies het opnieuw.")


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
