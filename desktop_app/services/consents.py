"""The employee's targeted consent: addressed to the physician, naming recipient, data and purpose,
signed (on screen or on a scanned paper form), recently dated; revocable.

A consent names medical data, so its wording is for medical staff only
(``Permission.CONSENT_WORDING``): a case manager neither records, reads nor revokes one. The type
and the rule whether it can back a release live in ``domain.consents``.
"""

from __future__ import annotations

import json
from datetime import date

from desktop_app.audit import Action
from desktop_app.domain import validation
from desktop_app.domain.consents import RECENT_MONTHS_DEFAULT, Consent, ConsentForm
from desktop_app.domain.forms import Fields
from desktop_app.domain.permissions import Permission
from desktop_app.domain.requests import RECIPIENT_ROLES
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services import employees
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import users as users_store
from desktop_app.storage.rows import now

__all__ = ["Consent", "ConsentForm", "for_employee", "get", "physicians", "recent_months", "record",
           "revoke", "signature"]

_COLS = ("id, employee_id, physician_id, recipient_name, recipient_organisation, recipient_role, "
         "data_scope, entry_ids, purpose, given_on, valid_until, signature_png IS NOT NULL, "
         "signed_form IS NOT NULL, recorded_by, revoked_on")


def _row(r: tuple) -> Consent:
    return Consent(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])), r[8],
                   date.fromisoformat(r[9]), date.fromisoformat(r[10]), bool(r[11]), bool(r[12]), r[13],
                   date.fromisoformat(r[14]) if r[14] else None)


@requires(Permission.PRACTICE_READ)
def recent_months(session: Session) -> int:
    value = session.db.scalar("SELECT value FROM settings WHERE key = 'consent_recent_months'")
    try:
        return int(value) if value else RECENT_MONTHS_DEFAULT
    except ValueError:
        return RECENT_MONTHS_DEFAULT


@requires(Permission.PRACTICE_READ)
def physicians(session: Session) -> list[tuple[str, str]]:
    """(username, display name) of the physicians a consent can be addressed to."""
    return [(u.username, u.display_name) for u in users_store.all_users(session.db)
            if u.is_physician and u.active]


@requires(Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING)
def record(session: Session, employee_id: int, form: ConsentForm, *, signature_png: bytes | None = None,
           signed_form: bytes | None = None, entry_ids: list[int] | None = None) -> Consent:
    employees.open_dossier(session, employee_id)
    f = Fields()
    physician = users_store.by_username(session.db, form.physician.strip().casefold())
    if physician is None or not physician.is_physician or not physician.active:
        f.fail("physician", "Gericht aan: kies de bedrijfsarts aan wie de toestemming is gericht.")
    name = f.take("recipient_name", validation.text, form.recipient_name, "recipient_name",
                  label="Ontvanger", required=True, max_length=200)
    org = f.take("recipient_organisation", validation.text, form.recipient_organisation,
                 "recipient_organisation", label="Organisatie", max_length=200)
    if form.recipient_role not in RECIPIENT_ROLES or form.recipient_role == "employer":
        f.fail("recipient_role", "Hoedanigheid: kies uit de lijst (medische gegevens gaan nooit naar de werkgever).")
    scope = f.take("data_scope", validation.text, form.data_scope, "data_scope",
                   label="Welke gegevens", required=not entry_ids, max_length=2000, multiline=True)
    if scope is not None and not entry_ids and len(scope.strip()) < 10:
        f.fail("data_scope", "Welke gegevens: omschrijf precies welke gegevens (of kies aantekeningen).")
    purpose = f.take("purpose", validation.text, form.purpose, "purpose", label="Doel", required=True,
                     max_length=1000, multiline=True)
    given = f.take("given_on", validation.parse_date_nl, form.given_on, "given_on")
    until = f.take("valid_until", validation.parse_date_nl, form.valid_until, "valid_until")
    if given and given > session.today():
        f.fail("given_on", "Datum van ondertekening: ligt in de toekomst.")
    if given and until and until < given:
        f.fail("valid_until", "Geldig tot: ligt vóór de datum van ondertekening.")
    if not signature_png and not signed_form:
        f.fail("signature", "Handtekening: laat de werknemer tekenen op het scherm of voeg het "
                            "ondertekende formulier toe.")
    if signed_form is not None:
        from desktop_app.domain.medical.attachments import sniff

        if sniff(signed_form) is None:
            f.fail("signature", "Ondertekend formulier: alleen PDF, JPEG of PNG.")
    if signature_png is not None and not signature_png.startswith(b"\x89PNG"):
        f.fail("signature", "Handtekening: ongeldige afbeelding.")
    f.done()
    with session.db.transaction():
        cur = session.db.execute(
            "INSERT INTO consents (employee_id, physician_id, recipient_name, recipient_organisation, "
            "recipient_role, data_scope, entry_ids, purpose, given_on, valid_until, signature_png, "
            "signed_form, signed_form_mime, recorded_by, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (employee_id, physician.id, name, org or "", form.recipient_role, scope or "",  # type: ignore[union-attr]
             json.dumps(sorted(set(entry_ids or []))), purpose, given.isoformat(), until.isoformat(),  # type: ignore[union-attr]
             signature_png, signed_form, _mime(signed_form), session.user.id, now()))
        session.record(Action.CREATE, object_type="consent", object_id=cur.lastrowid, employee_id=employee_id,
                       data=f"toestemming voor {RECIPIENT_ROLES.get(form.recipient_role)}")
    return get(session, cur.lastrowid)


def _mime(data: bytes | None) -> str | None:
    if data is None:
        return None
    from desktop_app.domain.medical.attachments import sniff

    return sniff(data)


@requires(Permission.CONSENT_WORDING)
def get(session: Session, consent_id: int) -> Consent:
    r = session.db.one(f"SELECT {_COLS} FROM consents WHERE id = ?", (consent_id,))
    if r is None:
        raise NotFound(detail=f"consent {consent_id}")
    return _row(r)


@requires(Permission.CONSENT_WORDING)
def for_employee(session: Session, employee_id: int) -> list[Consent]:
    return [_row(r) for r in session.db.query(f"SELECT {_COLS} FROM consents WHERE employee_id = ? "
                                              "ORDER BY given_on DESC, id DESC", (employee_id,))]


@requires(Permission.CONSENT_WORDING)
def signature(session: Session, consent_id: int) -> bytes | None:
    value = session.db.scalar("SELECT signature_png FROM consents WHERE id = ?", (consent_id,))
    return bytes(value) if value is not None else None


@requires(Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING)
def revoke(session: Session, consent_id: int, on: str) -> Consent:
    consent = get(session, consent_id)
    day = validation.parse_date_nl(on, "revoked_on")
    if day < consent.given_on:
        raise ValidationError("revoked_on", "Ingetrokken op: ligt vóór de datum van de toestemming.")
    with session.db.transaction():
        session.db.execute("UPDATE consents SET revoked_on = ?, revoked_by = ? WHERE id = ?",
                           (day.isoformat(), session.user.id, consent_id))
        session.record(Action.UPDATE, object_type="consent", object_id=consent_id,
                       employee_id=consent.employee_id, data="toestemming ingetrokken")
    return get(session, consent_id)
