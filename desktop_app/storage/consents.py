"""Rows of the consents table, as domain Consents."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.consents import Consent
from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database

_COLS = ("id, employee_id, physician_id, recipient_name, recipient_organisation, recipient_role, "
         "data_scope, entry_ids, purpose, given_on, valid_until, signature_png IS NOT NULL, "
         "signed_form IS NOT NULL, recorded_by, revoked_on")


@dataclass(frozen=True)
class NewConsent:
    employee_id: int
    physician_id: int
    recipient_name: str
    recipient_organisation: str
    recipient_role: str
    data_scope: str
    entry_ids: tuple[int, ...]
    purpose: str
    given_on: date
    valid_until: date
    signature_png: bytes | None
    signed_form: bytes | None
    signed_form_mime: str | None
    recorded_by: int


def _consent(r: tuple) -> Consent:
    return Consent(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])), r[8],
                   date.fromisoformat(r[9]), date.fromisoformat(r[10]), bool(r[11]), bool(r[12]), r[13],
                   to_date(r[14]))


def insert(db: Database, new: NewConsent) -> int:
    cur = db.execute(
        "INSERT INTO consents (employee_id, physician_id, recipient_name, recipient_organisation, "
        "recipient_role, data_scope, entry_ids, purpose, given_on, valid_until, signature_png, "
        "signed_form, signed_form_mime, recorded_by, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (new.employee_id, new.physician_id, new.recipient_name, new.recipient_organisation,
         new.recipient_role, new.data_scope, json.dumps(sorted(set(new.entry_ids))), new.purpose,
         new.given_on.isoformat(), new.valid_until.isoformat(), new.signature_png, new.signed_form,
         new.signed_form_mime, new.recorded_by, now()))
    return int(cur.lastrowid)


def get(db: Database, consent_id: int) -> Consent | None:
    r = db.one(f"SELECT {_COLS} FROM consents WHERE id = ?", (consent_id,))
    return _consent(r) if r else None


def for_employee(db: Database, employee_id: int) -> list[Consent]:
    return [_consent(r) for r in db.query(f"SELECT {_COLS} FROM consents WHERE employee_id = ? "
                                          "ORDER BY given_on DESC, id DESC", (employee_id,))]


def signature(db: Database, consent_id: int) -> bytes | None:
    value = db.scalar("SELECT signature_png FROM consents WHERE id = ?", (consent_id,))
    return bytes(value) if value is not None else None


def set_revoked(db: Database, consent_id: int, on: date, by: int) -> None:
    db.execute("UPDATE consents SET revoked_on = ?, revoked_by = ? WHERE id = ?",
               (on.isoformat(), by, consent_id))
