"""The import of employees (or employers) from a table: which column fills which field of the
form, and the check of every row by the form's own parsing (``dossier.parse_employee``,
``dossier.parse_employer``), so a row is refused for exactly what the form would refuse, with
the same Dutch message.

A row's problems are reported per column; a row may also match a record the practice has (an
employee by BSN or by the employer's personnel number, an employer by KvK number): such a row
updates that record, but only after the user confirmed it, side by side.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from desktop_app.domain import names
from desktop_app.domain.dossier import (
    Employee,
    EmployeeForm,
    Employer,
    EmployerForm,
    EmployerId,
    parse_employee,
    parse_employer,
)
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

EMPLOYER_FIELDS: dict[str, str] = {
    "name": "Naam werkgever",
    "kvk": "KvK-nummer",
    "street": "Adres",
    "postcode": "Postcode",
    "city": "Plaats",
    "contact_name": "Contactpersoon",
    "contact_email": "E-mail contactpersoon",
    "contact_phone": "Telefoon contactpersoon",
    "contract_start": "Begin contract",
    "contract_end": "Einde contract",
    "service_package": "Dienstenpakket",
    "full_time_hours": "Voltijdse werkweek",
}

_EMPLOYER_ALIASES = {
    "name": ("naam", "werkgever", "bedrijfsnaam", "bedrijf", "organisatie"),
    "kvk": ("kvk", "kvk nummer", "kvknummer", "kamer van koophandel"),
    "street": ("adres", "straat", "bezoekadres"),
    "postcode": ("postcode",),
    "city": ("plaats", "vestigingsplaats", "woonplaats"),
    "contact_name": ("contactpersoon", "contact"),
    "contact_email": ("e-mail", "email", "e-mailadres"),
    "contact_phone": ("telefoon", "telefoonnummer"),
    "contract_start": ("begin contract", "contract vanaf", "ingangsdatum"),
    "contract_end": ("einde contract", "contract tot", "einddatum"),
    "service_package": ("dienstenpakket", "pakket"),
    "full_time_hours": ("voltijdse werkweek", "werkweek", "voltijd uren"),
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
class Target:
    """What an import fills: the form's fields, how a row is parsed, what must be unique."""

    kind: str  # "employees" or "employers"
    fields: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    required: str  # the field without which no row can be parsed
    form: Callable[..., Any]  # the form class
    form_of: Callable[[Any], Any]  # record -> form
    parse: Callable[[Any, date, Any], Any]  # (form, today, id) -> record
    unique: tuple[str, ...]  # fields whose value appears once in a file


def _parse_employer(form: EmployerForm, today: date, employer_id=None) -> Employer:
    return parse_employer(form, employer_id)


EMPLOYEES = Target("employees", FIELDS, _ALIASES, "surname", EmployeeForm, EmployeeForm.of, parse_employee,
                   ("bsn", "personnel_number"))
EMPLOYERS = Target("employers", EMPLOYER_FIELDS, _EMPLOYER_ALIASES, "name", EmployerForm, EmployerForm.of,
                   _parse_employer, ("kvk",))


@dataclass(frozen=True)
class ColumnMapping:
    """Into which employer the rows go (None: the rows are employers), and for each form field
    the file's column (its name)."""

    employer_id: EmployerId | None
    columns: Mapping[str, str]

    @property
    def target(self) -> Target:
        return EMPLOYERS if self.employer_id is None else EMPLOYEES

    def problems(self, headers: tuple[str, ...]) -> dict[str, str]:
        known = self.target.fields
        out = {}
        unknown = [f for f in self.columns if f not in known]
        if unknown:
            out["mapping"] = "Koppeling: onbekend veld " + ", ".join(sorted(unknown)) + "."
        for f, col in self.columns.items():
            if col and col not in headers and f in known:
                out[f] = f"{known[f]}: de kolom ‘{col}’ staat niet in het bestand."
        used = [c for c in self.columns.values() if c]
        for col in {c for c in used if used.count(c) > 1}:
            out.setdefault("mapping", f"Koppeling: de kolom ‘{col}’ is aan meer dan één veld gekoppeld.")
        required = self.target.required
        if not self.columns.get(required):
            out.setdefault(required, f"{known[required]}: kies de kolom met dit gegeven.")
        return out


def guess_columns(headers: tuple[str, ...], remembered: Mapping[str, str] | None = None,
                  target: Target | None = None) -> dict[str, str]:
    """The remembered choice where its columns are still in the file, else a column whose name
    says the field ("Achternaam", "BSN", ...); a field with neither stays unmapped."""
    target = target or EMPLOYEES
    out: dict[str, str] = {}
    for f, col in (remembered or {}).items():
        if f in target.fields and col in headers:
            out[f] = col
    folded = {_fold(h): h for h in headers}
    for f, aliases in target.aliases.items():
        if f in out:
            continue
        for alias in (_fold(target.fields[f]), *map(_fold, aliases)):
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
    form: Any  # EmployeeForm or EmployerForm
    record: Any  # Employee or Employer; None: refused
    problems: list[Problem] = field(default_factory=list)
    match: Any = None  # the practice's record this row would update

    @property
    def good(self) -> bool:
        return self.record is not None and not self.problems


def form_of(table_row: tuple[str, ...], headers: tuple[str, ...], mapping: ColumnMapping):
    target = mapping.target
    index = {h: k for k, h in enumerate(headers)}
    values = {f: table_row[index[col]] for f, col in mapping.columns.items()
              if col and col in index and f in target.fields}
    if target is EMPLOYERS:
        return EmployerForm(**values)
    return EmployeeForm(employer_id=int(mapping.employer_id or 0), **values)


def check_rows(table: Table, mapping: ColumnMapping, today: date) -> list[RowCheck]:
    """Every row through the form's parsing; a value that must be unique (BSN, personnel
    number, KvK number) and appears twice in the file is refused on its second row."""
    target = mapping.target
    column_of = {f: col for f, col in mapping.columns.items() if col}
    out = []
    seen: dict[str, dict[str, int]] = {f: {} for f in target.unique}
    for line, cells in zip(table.lines, table.rows, strict=True):
        form = form_of(cells, table.headers, mapping)
        try:
            record = target.parse(form, today, None)
            problems = []
        except ValidationErrors as exc:
            record = None
            problems = [Problem(line, column_of.get(f, target.fields.get(f, f)), m) for f, m in exc.errors.items()]
        unread = [Problem(line, col, f"{col}: {table.unreadable[(line, col)]}") for col in column_of.values()
                  if (line, col) in table.unreadable]
        if unread:  # a cell the user sees filled in is not imported as empty
            record = None
            problems = unread + [p for p in problems if p.column not in {u.column for u in unread}]
        check = RowCheck(line, form, record, problems)
        if record is not None:
            for f in target.unique:
                _twice(check, getattr(record, f).casefold(), seen[f], column_of.get(f, target.fields[f]),
                       target.fields[f])
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


def check_match(check: RowCheck, existing, today: date, target: Target | None = None) -> None:
    """A good row that matches ``existing``: it would update that record. The result is checked
    as the form checks it (a new end of employment before the start the practice has is
    refused); an employee of another employer is never updated from this employer's file."""
    target = target or EMPLOYEES
    if check.record is None:
        return
    if target is EMPLOYEES and existing.employer_id != check.record.employer_id:
        check.problems.append(Problem(check.line, "BSN", "BSN: hoort bij een werknemer van een "
                                      f"andere werkgever ({existing.employer_name}); importeer deze "
                                      "rij bij die werkgever."))
        return
    check.match = existing
    try:
        check.record = target.parse(target.form_of(merged(existing, check.record, target)), today,
                                    existing.id)
    except ValidationErrors as exc:
        check.problems.extend(Problem(check.line, target.fields.get(f, f), m) for f, m in exc.errors.items())


def with_employer_name(employee: Employee, employee_id: int, employer_name: str) -> Employee:
    """A new employee with the id it gets and its employer's name (for the search index)."""
    return replace(employee, id=employee_id, employer_name=employer_name)


def differences(existing, new, target: Target | None = None) -> list[tuple[str, str, str]]:
    """(field label, existing value, new value) for each field the row would change; a field the
    file leaves empty is kept as it is (see ``merged``)."""
    target = target or EMPLOYEES
    old_form, new_form = target.form_of(existing), target.form_of(new)
    out = []
    for f, label in target.fields.items():
        before, after = getattr(old_form, f), getattr(new_form, f)
        if after and after != before:
            out.append((label, before, after))
    return out


def merged(existing, new, target: Target | None = None):
    """The existing record with each field the file fills replaced; empty cells keep what the
    practice has."""
    target = target or EMPLOYEES
    changes = {f: getattr(new, f) for f in target.fields if getattr(new, f) not in ("", None)}
    return replace(existing, **changes)
