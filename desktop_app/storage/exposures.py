"""Queries of exposure registrations (carcinogenic substances, biological agents, ionising
radiation). Nothing here changes a registration; erasure deletes an employee's all at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.medical.exposures import Exposure, ExposureCategory, ExposureId, NewExposure
from desktop_app.storage.column_values import iso, now, to_date
from desktop_app.storage.connection import Database

_COLUMNS = "id, employee_id, category, agent, start, end, notes, created_by, created_at"


@dataclass(frozen=True)
class ExposurePeriod:
    """What the retention rules need of a registration: whose, which category, and its end."""

    employee_id: int
    category: ExposureCategory
    end: date | None  # None: still going on


def _exposure(r: tuple) -> Exposure:
    return Exposure(ExposureId(r[0]), r[1], ExposureCategory(r[2]), r[3], to_date(r[4]),  # type: ignore[arg-type]
                    to_date(r[5]), r[6], r[7], r[8])


def insert(db: Database, employee_id: int, new: NewExposure, author_id: int) -> ExposureId:
    cur = db.execute(
        "INSERT INTO exposures (employee_id, category, agent, start, end, notes, created_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (employee_id, new.category.value, new.agent, new.start.isoformat(), iso(new.end), new.notes,
         author_id, now()))
    return ExposureId(cur.lastrowid)


def get(db: Database, exposure_id: int) -> Exposure | None:
    r = db.one(f"SELECT {_COLUMNS} FROM exposures WHERE id = ?", (exposure_id,))
    return _exposure(r) if r else None


def for_employee(db: Database, employee_id: int) -> list[Exposure]:
    """Oldest first."""
    rows = db.query(f"SELECT {_COLUMNS} FROM exposures WHERE employee_id = ? ORDER BY start, id",
                    (employee_id,))
    return [_exposure(r) for r in rows]


def periods(db: Database) -> list[ExposurePeriod]:
    """Every registration's category and end, for the retention rules (no agent, no notes)."""
    return [ExposurePeriod(r[0], ExposureCategory(r[1]), to_date(r[2]))
            for r in db.query("SELECT employee_id, category, end FROM exposures")]


def delete_for_employee(db: Database, employee_id: int) -> int:
    """Erasure only (services.erasure); returns how many were deleted."""
    return db.execute("DELETE FROM exposures WHERE employee_id = ?", (employee_id,)).rowcount
