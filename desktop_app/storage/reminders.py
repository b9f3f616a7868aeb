"""The lines of "Vandaag" for the employee's rights: open requests near or past their deadline,
consents about to expire."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.storage.connection import Database


@dataclass(frozen=True)
class DueRequest:
    request_id: int
    employee_id: int
    surname: str
    prefix: str
    given_names: str
    initials: str
    kind: str
    due: date


@dataclass(frozen=True)
class ExpiringConsent:
    consent_id: int
    employee_id: int
    surname: str
    prefix: str
    given_names: str
    initials: str
    recipient_name: str
    valid_until: date


def requests_due(db: Database, until: date) -> list[DueRequest]:
    rows = db.query(
        "SELECT r.id, r.employee_id, e.surname, e.prefix, e.given_names, e.initials, r.kind, "
        "coalesce(r.extended_until, r.deadline) AS due FROM requests r JOIN employees e ON e.id = r.employee_id "
        "WHERE r.state NOT IN ('done', 'refused') AND due <= ? ORDER BY due, r.id", (until.isoformat(),))
    return [DueRequest(*r[:7], date.fromisoformat(r[7])) for r in rows]


def consents_expiring(db: Database, start: date, until: date) -> list[ExpiringConsent]:
    rows = db.query(
        "SELECT c.id, c.employee_id, e.surname, e.prefix, e.given_names, e.initials, c.recipient_name, c.valid_until "
        "FROM consents c JOIN employees e ON e.id = c.employee_id WHERE c.revoked_on IS NULL "
        "AND c.valid_until BETWEEN ? AND ? ORDER BY c.valid_until, c.id", (start.isoformat(), until.isoformat()))
    return [ExpiringConsent(*r[:7], date.fromisoformat(r[7])) for r in rows]
