"""What the absence statistics read of an employer's staff: contract hours and employment dates,
nothing that names anyone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop_app.domain.dossier import EmployeeId
from desktop_app.storage.column_values import to_date, to_decimal
from desktop_app.storage.connection import Database


@dataclass(frozen=True)
class StaffRow:
    employee_id: EmployeeId
    contract_hours: Decimal | None
    employment_start: date | None
    employment_end: date | None


def staff(db: Database, employer_id: int) -> list[StaffRow]:
    return [StaffRow(EmployeeId(r[0]), to_decimal(r[1]), to_date(r[2]), to_date(r[3])) for r in db.query(
        "SELECT id, contract_hours, employment_start, employment_end FROM employees "
        "WHERE employer_id = ? ORDER BY id", (employer_id,))]
