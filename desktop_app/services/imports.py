"""Importing an employer's employees, or employers, from a CSV or Excel file.

``columns`` reads the file's column names and proposes a mapping (the one remembered for the
employer first; for employers, the one of the last employer import); ``preview`` checks every row as the employee form checks it and finds the rows
that match an employee the practice has; ``apply`` writes what the user chose after seeing that
report, in one transaction: all rows (only when none has a problem) or only the good ones, and a
match only where the user confirmed it side by side. Nothing is written before ``apply``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.audit import Action
from desktop_app.cancel import CancelToken, cancelling
from desktop_app.domain import imports as rules
from desktop_app.domain.dossier import Employee, EmployeeId
from desktop_app.domain.import_files import Table, read_table
from desktop_app.domain.imports import ColumnMapping, Problem, RowCheck
from desktop_app.domain.permissions import Permission
from desktop_app.errors import ArbokluisError, ValidationErrors
from desktop_app.services import cases, restrictions
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import bulk_load, import_mappings
from desktop_app.storage import employees as employees_store
from desktop_app.storage import employers as employers_store
from desktop_app.storage.lookup import get_or_not_found

Progress = Callable[[int, int, str], None]


class ImportChanged(ArbokluisError):
    message = ("De praktijk is gewijzigd sinds het overzicht van de import (een werknemer kwam erbij "
               "of veranderde). Bekijk het overzicht opnieuw; er is niets geïmporteerd.")


@dataclass(frozen=True)
class FileColumns:
    headers: tuple[str, ...]
    rows: int
    proposed: dict[str, str]  # field -> column: remembered for this employer, else guessed


@dataclass
class ImportPreview:
    """The report the user sees before anything is imported."""

    employer_id: int | None  # None: the rows are employers
    employer_name: str
    mapping: ColumnMapping
    rows: list[RowCheck]
    headers: tuple[str, ...] = ()
    mapping_problems: dict[str, str] = field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def good_rows(self) -> list[RowCheck]:
        return [r for r in self.rows if r.good]

    @property
    def bad_rows(self) -> list[RowCheck]:
        return [r for r in self.rows if not r.good]

    @property
    def matches(self) -> list[RowCheck]:
        return [r for r in self.rows if r.good and r.match is not None]

    @property
    def all_good(self) -> bool:
        return not self.mapping_problems and bool(self.rows) and not self.bad_rows


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    skipped: int  # bad rows left out, and matches not confirmed


@requires(Permission.PRACTICE_WRITE)
def columns(session: Session, path: str | Path, employer_id: int | None) -> FileColumns:
    """The file's column names and the mapping to propose: for this employer's employees, or
    (``employer_id`` None) for employers."""
    if employer_id is not None:
        _employer(session, employer_id)
    target = rules.EMPLOYEES if employer_id is not None else rules.EMPLOYERS
    table = read_table(path)
    remembered = import_mappings.get(session.db, employer_id)
    return FileColumns(table.headers, len(table.rows), rules.guess_columns(table.headers, remembered, target))


@requires(Permission.PRACTICE_WRITE)
def preview(session: Session, path: str | Path, mapping: ColumnMapping) -> ImportPreview:
    """Every row checked and matched; writes nothing."""
    name = _employer(session, mapping.employer_id).name if mapping.employer_id is not None else ""
    table = read_table(path)
    return _check(session, table, mapping, name)


def _check(session: Session, table: Table, mapping: ColumnMapping, employer_name: str) -> ImportPreview:
    wrong = mapping.problems(table.headers)
    if wrong:
        return ImportPreview(mapping.employer_id, employer_name, mapping, [], table.headers, wrong)
    target = mapping.target
    rows = rules.check_rows(table, mapping, session.today())
    matched: dict[int, int] = {}
    for row, existing in zip(rows, _matches(session, rows, target), strict=True):
        if existing is None or not row.good:
            continue
        if existing.id in matched:
            key = "kvk" if target is rules.EMPLOYERS else \
                "personnel_number" if not row.record.bsn else "bsn"
            row.problems.append(Problem(row.line, mapping.columns.get(key) or target.fields[key],
                                        "Deze rij hoort bij dezelfde "
                                        f"{'werkgever' if target is rules.EMPLOYERS else 'werknemer'} als "
                                        f"rij {matched[existing.id]} van het bestand."))
            continue
        matched[existing.id] = row.line
        if target is rules.EMPLOYEES and restrictions.is_restricted(session, existing.id):
            row.problems.append(Problem(row.line, mapping.columns.get("bsn") or "BSN",
                                        "Bij deze werknemer is de verwerking beperkt (AVG art. 18): "
                                        "het dossier kan nu niet worden gewijzigd."))
            continue
        rules.check_match(row, existing, session.today(), target)
    return ImportPreview(mapping.employer_id, employer_name, mapping, rows, table.headers)


@requires(Permission.PRACTICE_WRITE)
def apply(session: Session, preview: ImportPreview, only_good: bool, confirmed_updates: set[int],
          progress: Progress | None = None, cancel: CancelToken | None = None) -> ImportResult:
    """Write the previewed rows in one transaction. ``confirmed_updates`` holds the file's row
    numbers of the matches the user confirmed; other matches are left as they are. Cancelled
    (or failing) anywhere, the transaction is rolled back: nothing of the file is written."""
    if preview.mapping_problems or not preview.rows:
        raise ValidationErrors(preview.mapping_problems or {"import": "Er is niets om te importeren."})
    if not only_good and preview.bad_rows:
        raise ValidationErrors({"import": f"{len(preview.bad_rows)} rijen hebben een fout; importeer "
                                          "alleen de goede rijen of verbeter het bestand."})
    target = preview.mapping.target
    good = preview.good_rows
    updates = [r for r in good if r.match is not None and r.line in confirmed_updates]
    new = [r for r in good if r.match is None]
    if target is rules.EMPLOYEES:
        for row in updates:
            restrictions.require_not_restricted(session, row.match.id)
    db = session.db
    with db.transaction():
        now_matching = _matches(session, good, target)
        if now_matching != [r.match for r in good]:  # a match came, went or changed since
            raise ImportChanged(detail="matches changed since the preview")
        step = _Steps(len(new) + len(updates), progress, cancel)
        if target is rules.EMPLOYEES:
            created = _write_employees(session, preview.employer_id, new, updates, step)
        else:
            created = _write_employers(session, new, updates, step)
        import_mappings.put(db, preview.employer_id, dict(preview.mapping.columns))
        skipped = len(preview.rows) - created - len(updates)
        what = "werknemers" if target is rules.EMPLOYEES else "werkgevers"
        session.record(Action.CREATE, object_type="import", object_id=preview.employer_id or "",
                       data=f"import {what}: {created} nieuw, {len(updates)} bijgewerkt, "
                            f"{skipped} overgeslagen")
    return ImportResult(created, len(updates), skipped)


class _Steps:
    """Progress every 200 records, and the user's cancel checked there (inside the transaction:
    ``Cancelled`` rolls it all back)."""

    def __init__(self, total: int, progress: Progress | None, cancel: CancelToken | None) -> None:
        self.total, self.done = total, 0
        self.report = cancelling(progress, cancel)

    def __call__(self) -> None:
        self.done += 1
        if self.report is not None and (self.done % 200 == 0 or self.done == self.total):
            self.report(self.done, self.total, f"{self.done} van {self.total} rijen")


def _write_employees(session: Session, employer_id: int, new: list[RowCheck], updates: list[RowCheck],
                     step: _Steps) -> int:
    db = session.db
    employer = _employer(session, employer_id)
    first = bulk_load.next_id(db, "employees")
    created = [rules.with_employer_name(row.record, EmployeeId(first + k), employer.name)
               for k, row in enumerate(new)]
    bulk_load.employees(db, created)
    for e in created:
        session.record(Action.CREATE, object_type="employee", object_id=e.id, employee_id=e.id,
                       data="import")
        step()
    for row in updates:
        step()
        employee = row.record
        employees_store.update(db, employee, employer.name)
        cases.refresh_employee(session, employee.id)
        session.record(Action.UPDATE, object_type="employee", object_id=employee.id,
                       employee_id=employee.id, data="personalia (import)")
    return len(created)


def _write_employers(session: Session, new: list[RowCheck], updates: list[RowCheck], step: _Steps) -> int:
    """Employers are few: the per-record functions, as the employer form saves them."""
    db = session.db
    for row in new:
        step()
        employer_id = employers_store.insert(db, row.record)
        session.record(Action.CREATE, object_type="employer", object_id=employer_id, data="import")
    for row in updates:
        step()
        employers_store.update(db, row.record)
        employees_store.reindex_employer(db, row.record.id, row.record.name)
        session.record(Action.UPDATE, object_type="employer", object_id=row.record.id, data="import")
    return len(new)


def _matches(session: Session, rows: list[RowCheck], target: rules.Target):
    """For each row: the practice's employee with its BSN, else the employer's employee with its
    personnel number, else None. For employers: the employer with its KvK number."""
    if target is rules.EMPLOYERS:
        by_kvk = employers_store.by_kvk(session.db, [r.record.kvk for r in rows if r.record is not None])
        return [by_kvk.get(r.record.kvk) if r.record is not None and r.record.kvk else None for r in rows]
    parsed = [r.record for r in rows]
    by_bsn = employees_store.by_bsn(session.db, [e.bsn for e in parsed if e is not None])
    out: list[Employee | None] = []
    by_number: dict[int, dict[str, Employee]] = {}
    for e in parsed:
        if e is None:
            out.append(None)
            continue
        hit = by_bsn.get(e.bsn) if e.bsn else None
        if hit is None and e.personnel_number:
            if e.employer_id not in by_number:
                by_number[e.employer_id] = employees_store.by_personnel_number(
                    session.db, e.employer_id, [x.personnel_number for x in parsed if x is not None])
            hit = by_number[e.employer_id].get(e.personnel_number.casefold())
        out.append(hit)
    return out


def _employer(session: Session, employer_id: int):
    return get_or_not_found(employers_store.get, session.db, employer_id, what="employer")
