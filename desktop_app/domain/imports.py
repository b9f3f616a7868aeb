"""The import of employees from a table: which column fills which field of the employee form,
and the check of every row by the form's own parsing (``dossier.parse_employee``), so a row is
refused for exactly what the form would refuse, with the same Dutch message.

A row's problems are reported per column; a row may also match an employee the practice has
(by BSN, or by the employer's personnel number): such a row updates that employee, but only
after the user confirmed it, side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from desktop_app.domain import names
from desktop_app.domain.dossier import Employee, EmployeeForm, EmployerId, parse_employee
from desktop_app.domain.import_files import Table
from desktop_app.errors import ValidationErrors

# The employee form's fields an import can fill, with their Dutch names (the form's labels).
FIELDS: dict[str, str] = {
    "surname": "Achternaam",
    "prefix": "Tussenvoegsel",
    "given_names": "Voornamen",
    "initials": "Voorletters",
    "birth_date": "Geboortedatum",
    "gender": "Geslacht",
    "bsn": "BSN",
    "street": "Adres",
    "postcode": "Postcode",
    "city": "Woonplaats",
    "phone": "Telefoon",
    "email": "E-mail",
    "personnel_number": "Personeelsnummer",
    "job_title": "Functie",
    "contract_hours": "Contracturen",
    "employment_start": "Datum in dienst",
    "employment_end": "Datum uit dienst",
}

_ALIASES = {
    "surname": ("achternaam", "naam", "surname", "last name"),
    "prefix": ("tussenvoegsel", "tussenv", "voorvoegsel"),
    "given_names": ("voornamen", "voornaam", "roepnaam", "first name"),
    "initials": ("voorletters", "initialen"),
    "birth_date": ("geboortedatum", "geb datum", "geboren"),
    "gender": ("geslacht", "gender"),
    "bsn": ("bsn", "burgerservicenummer", "sofinummer"),
    "street": ("adres", "straat", "straat en huisnummer"),
    "postcode": ("postcode",),
    "city": ("woonplaats", "plaats"),
    "phone": ("telefoon", "telefoonnummer", "mobiel"),
    "email": ("e-mail", "email", "e-mailadres"),
    "personnel_number": ("personeelsnummer", "pers nr", "personeelsnr", "medewerkernummer"),
    "job_title": ("functie",),
    "contract_hours": ("contracturen", "uren", "uren per week"),
    "employment_start": ("datum in dienst", "in dienst", "indienst"),
    "employment_end": ("datum uit dienst", "uit dienst"),
}


@dataclass(frozen=True)
class ColumnMapping:
    """Into which employer the rows go, and for each form field the file's column (its name)."""

    employer_id: EmployerId
    columns: Mapping[str, str]

    def problems(self, headers: tuple[str, ...]) -> dict[str, str]:
        out = {}
        unknown = [f for f in self.columns if f not in FIELDS]
        if unknown:
            out["mapping"] = "Koppeling: onbekend veld " + ", ".join(sorted(unknown)) + "."
        for f, col in self.columns.items():
            if col and col not in headers and f in FIELDS:
                out[f] = f"{FIELDS[f]}: de kolom ‘{col}’ staat niet in het bestand."
        used = [c for c in self.columns.values() if c]
        for col in {c for c in used if used.count(c) > 1}:
            out.setdefault("mapping", f"Koppeling: de kolom ‘{col}’ is aan meer dan één veld gekoppeld.")
        if not self.columns.get("surname"):
            out.setdefault("surname", "Achternaam: kies de kolom met de achternaam.")
        return out


def guess_columns(headers: tuple[str, ...], remembered: Mapping[str, str] | None = None) -> dict[str, str]:
    """The remembered choice where its columns are still in the file, else a column whose name
    says the field ("Achternaam", "BSN", ...); a field with neither stays unmapped."""
    out: dict[str, str] = {}
    for f, col in (remembered or {}).items():
        if f in FIELDS and col in headers:
            out[f] = col
    folded = {_fold(h): h for h in headers}
    for f, aliases in _ALIASES.items():
        if f in out:
            continue
        for alias in (_fold(FIELDS[f]), *map(_fold, aliases)):
            col = folded.get(alias)
            if col is not None and col not in out.values():
                out[f] = col
                break
    return out


def _fold(text: str) -> str:
    return " ".join(names.fold(text).replace(".", " ").replace("_", " ").split())


@dataclass(frozen=True)
class Problem:
    line: int  # the row's number in the file
    column: str  # the file's column, or the field's name when no column holds it
    message: str  # Dutch, as the form would say it


@dataclass
class RowCheck:
    line: int
    form: EmployeeForm
    employee: Employee | None  # None: refused
    problems: list[Problem] = field(default_factory=list)
    match: Employee | None = None  # the practice's employee this row would update

    @property
    def good(self) -> bool:
        return self.employee is not None and not self.problems


def form_of(table_row: tuple[str, ...], headers: tuple[str, ...], mapping: ColumnMapping) -> EmployeeForm:
    index = {h: k for k, h in enumerate(headers)}
    values = {f: table_row[index[col]] for f, col in mapping.columns.items()
              if col and col in index and f in FIELDS}
    return EmployeeForm(employer_id=int(mapping.employer_id), **values)


def check_rows(table: Table, mapping: ColumnMapping, today: date) -> list[RowCheck]:
    """Every row through the employee form's parsing; a BSN or personnel number that appears
    twice in the file is refused on its second row."""
    column_of = {f: col for f, col in mapping.columns.items() if col}
    out = []
    seen_bsn: dict[str, int] = {}
    seen_number: dict[str, int] = {}
    for line, cells in zip(table.lines, table.rows, strict=True):
        form = form_of(cells, table.headers, mapping)
        try:
            employee = parse_employee(form, today)
            problems = []
        except ValidationErrors as exc:
            employee = None
            problems = [Problem(line, column_of.get(f, FIELDS.get(f, f)), m) for f, m in exc.errors.items()]
        check = RowCheck(line, form, employee, problems)
        if employee is not None:
            _twice(check, employee.bsn, seen_bsn, column_of.get("bsn", "BSN"), "BSN")
            _twice(check, employee.personnel_number.casefold(), seen_number,
                   column_of.get("personnel_number", "Personeelsnummer"), "Personeelsnummer")
        out.append(check)
    return out


def _twice(check: RowCheck, key: str, seen: dict[str, int], column: str, label: str) -> None:
    if not key:
        return
    if key in seen:
        check.problems.append(Problem(check.line, column, f"{label}: staat ook al in rij {seen[key]} "
                                                          "van het bestand."))
    else:
        seen[key] = check.line


def check_match(check: RowCheck, existing: Employee, today: date) -> None:
    """A good row that matches ``existing``: it would update that employee. The result is checked
    as the form checks it (a new end of employment before the start the practice has is
    refused); an employee of another employer is never updated from this employer's file."""
    if check.employee is None:
        return
    column = "BSN"
    if existing.employer_id != check.employee.employer_id:
        check.problems.append(Problem(check.line, column, "BSN: hoort bij een werknemer van een "
                                      f"andere werkgever ({existing.employer_name}); importeer deze "
                                      "rij bij die werkgever."))
        return
    check.match = existing
    try:
        check.employee = parse_employee(EmployeeForm.of(merged(existing, check.employee)), today,
                                        existing.id)
    except ValidationErrors as exc:
        check.problems.extend(Problem(check.line, FIELDS.get(f, f), m) for f, m in exc.errors.items())


def with_employer_name(employee: Employee, employee_id: int, employer_name: str) -> Employee:
    """A new employee with the id it gets and its employer's name (for the search index)."""
    from dataclasses import replace

    return replace(employee, id=employee_id, employer_name=employer_name)


def differences(existing: Employee, new: Employee) -> list[tuple[str, str, str]]:
    """(field label, existing value, new value) for each field the row would change; a field the
    file leaves empty is kept as it is (see ``merged``)."""
    old_form, new_form = EmployeeForm.of(existing), EmployeeForm.of(new)
    out = []
    for f, label in FIELDS.items():
        before, after = getattr(old_form, f), getattr(new_form, f)
        if after and after != before:
            out.append((label, before, after))
    return out


def merged(existing: Employee, new: Employee) -> Employee:
    """The existing employee with each field the file fills replaced; empty cells keep what the
    practice has."""
    from dataclasses import replace

    changes = {f: getattr(new, f) for f in FIELDS if getattr(new, f) not in ("", None)}
    return replace(existing, **changes)
