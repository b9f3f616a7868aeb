"""Reading a CSV or Excel (.xlsx) file into a table of text cells: the first row holds the
column names. Cells become the text a user would have typed into the form (dates as dd-mm-jjjj),
so the import checks every value with the forms' own validation."""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass
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


def read_table(path: str | Path) -> Table:
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportFileError("Het bestand is groter dan 50 MB; splits het in delen.",
                                  detail="import file too large")
        if suffix == ".xlsx":
            cells = _xlsx_cells(path)
        elif suffix in (".csv", ".txt"):
            cells = _csv_cells(path.read_bytes())
        else:
            raise ImportFileError("Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx).",
                                  detail=f"import file type {suffix!r}")
    except OSError as exc:
        raise ImportFileError(detail=f"import file: {type(exc).__name__}") from None
    return _table(cells)


def _table(cells: list[list[str]]) -> Table:
    numbered = [(i + 1, row) for i, row in enumerate(cells) if any(c.strip() for c in row)]
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
    return Table(tuple(headers), rows, tuple(n for n, _ in body))


def _csv_cells(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise ImportFileError("Het bestand is geen leesbare tekst (UTF-8 of Windows-1252).",
                              detail="undecodable csv")
    if "\x00" in text:
        raise ImportFileError("Het bestand is geen CSV-bestand.", detail="nul in csv")
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)  # Dutch Excel writes ';'
    try:
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error:
        raise ImportFileError("Het CSV-bestand is beschadigd (een aanhalingsteken niet gesloten?).",
                              detail="csv error") from None


def _xlsx_cells(path: Path) -> list[list[str]]:
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
            out = []
            for values in book.worksheets[0].iter_rows(values_only=True):
                out.append([cell_text(v) for v in values])
                if len(out) > MAX_ROWS + 1:
                    break
            return out
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
            raise ImportFileError("Het Excel-bestand is beschadigd.", detail="bad xlsx sheet") from None
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
