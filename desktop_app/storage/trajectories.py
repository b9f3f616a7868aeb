"""Queries of re-integration trajectories and their reports (practice.db)."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.trajectory import (
    NewReport,
    NewTrajectory,
    Report,
    ReportId,
    ReportKind,
    Track,
    Trajectory,
    TrajectoryId,
)
from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database

_COLS = "id, employee_id, case_id, track, provider, started_on, ended_on, end_reason, anonymised_at"


def _trajectory(r: tuple) -> Trajectory:
    return Trajectory(TrajectoryId(r[0]), r[1], r[2], Track(r[3]), r[4], to_date(r[5]),  # type: ignore[arg-type]
                      to_date(r[6]), r[7], r[8] is not None)


def insert(db: Database, employee_id: int, case_id: int | None, new: NewTrajectory, user_id: int) -> TrajectoryId:
    cur = db.execute(
        "INSERT INTO trajectories (employee_id, case_id, track, provider, started_on, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (employee_id, case_id, new.track.value, new.provider, new.started_on.isoformat(), user_id, now()))
    return TrajectoryId(cur.lastrowid)


def end(db: Database, trajectory_id: int, ended_on: date, reason: str) -> None:
    db.execute("UPDATE trajectories SET ended_on = ?, end_reason = ? WHERE id = ?",
               (ended_on.isoformat(), reason, trajectory_id))


def get(db: Database, trajectory_id: int) -> Trajectory | None:
    r = db.one(f"SELECT {_COLS} FROM trajectories WHERE id = ?", (trajectory_id,))
    return _trajectory(r) if r else None


def for_employee(db: Database, employee_id: int) -> list[Trajectory]:
    """Newest first."""
    rows = db.query(f"SELECT {_COLS} FROM trajectories WHERE employee_id = ? "
                    "ORDER BY started_on DESC, id DESC", (employee_id,))
    return [_trajectory(r) for r in rows]


def insert_report(db: Database, trajectory_id: int, new: NewReport, author_id: int) -> ReportId:
    cur = db.execute(
        "INSERT INTO trajectory_reports (trajectory_id, kind, on_date, summary, agreements, author_id, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (trajectory_id, new.kind.value, new.on_date.isoformat(), new.summary, new.agreements, author_id, now()))
    return ReportId(cur.lastrowid)


def reports(db: Database, trajectory_id: int) -> list[Report]:
    """Oldest first."""
    rows = db.query(
        "SELECT r.id, r.trajectory_id, r.kind, r.on_date, r.summary, r.agreements, coalesce(u.display_name, '') "
        "FROM trajectory_reports r LEFT JOIN users u ON u.id = r.author_id "
        "WHERE r.trajectory_id = ? ORDER BY r.on_date, r.id", (trajectory_id,))
    return [Report(ReportId(r[0]), TrajectoryId(r[1]), ReportKind(r[2]), to_date(r[3]), r[4], r[5], r[6])  # type: ignore[arg-type]
            for r in rows]

