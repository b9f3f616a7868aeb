"""The employee's targeted consent: addressed to the physician, naming recipient, data and purpose,
signed (on screen or on a scanned paper form), recently dated; revocable.

A consent names medical data, so its wording is for medical staff only
(``Permission.CONSENT_WORDING``): a case manager neither records, reads nor revokes one. The type
and the rule whether it can back a release live in ``domain.consents``.
"""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.domain import validation
from desktop_app.domain.consents import (
    RECENT_MONTHS_DEFAULT,
    Consent,
    ConsentForm,
    ConsentLine,
    ConsentStatus,
    status,
)
from desktop_app.domain.dates import nl_date
from desktop_app.domain.field_errors import Fields
from desktop_app.domain.permissions import Permission
from desktop_app.domain.releases import ReleaseState
from desktop_app.domain.requests import RECIPIENT_ROLES
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services import employees, settings
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import consents as store
from desktop_app.storage import releases as release_store
from desktop_app.storage import users as users_store
from desktop_app.storage.consents import NewConsent

__all__ = ["Consent", "ConsentForm", "ConsentLine", "ConsentStatus", "for_employee", "get", "overview",
           "physicians", "recent_months", "record", "revoke", "signature", "status_of"]


@requires(Permission.PRACTICE_READ)
def recent_months(session: Session) -> int:
    value = settings.all_settings(session).get("consent_recent_months", "")
    try:
        months = int(value) if value else RECENT_MONTHS_DEFAULT
    except ValueError:
        return RECENT_MONTHS_DEFAULT
    return months if months > 0 else RECENT_MONTHS_DEFAULT


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
    new = NewConsent(employee_id, physician.id, name, org or "", form.recipient_role, scope or "",  # type: ignore[union-attr,arg-type]
                     tuple(entry_ids or ()), purpose, given, until, signature_png, signed_form,  # type: ignore[arg-type]
                     _mime(signed_form), session.user.id)
    with session.db.transaction():
        consent_id = store.insert(session.db, new)
        session.record(Action.CREATE, object_type="consent", object_id=consent_id, employee_id=employee_id,
                       data=f"toestemming voor {RECIPIENT_ROLES.get(form.recipient_role)}")
    return get(session, consent_id)


def _mime(data: bytes | None) -> str | None:
    if data is None:
        return None
    from desktop_app.domain.medical.attachments import sniff

    return sniff(data)


@requires(Permission.CONSENT_WORDING)
def get(session: Session, consent_id: int) -> Consent:
    consent = store.get(session.db, consent_id)
    if consent is None:
        raise NotFound(detail=f"consent {consent_id}")
    return consent


@requires(Permission.CONSENT_WORDING)
def for_employee(session: Session, employee_id: int) -> list[Consent]:
    return store.for_employee(session.db, employee_id)


@requires(Permission.CONSENT_WORDING)
def status_of(session: Session, consent: Consent) -> ConsentStatus:
    """The consent's status today, by the one rule in ``domain.consents``."""
    return status(consent, today=session.today(), recent=recent_months(session))


@requires(Permission.CONSENT_WORDING)
def overview(session: Session, employee_id: int) -> list[ConsentLine]:
    """The employee's consents with their status today, newest first: what the list shows."""
    recent = recent_months(session)
    today = session.today()
    names = {u.id: u.display_name for u in users_store.all_users(session.db, include_removed=True)}
    return [ConsentLine(c, status(c, today=today, recent=recent), names.get(c.physician_id, ""))
            for c in store.for_employee(session.db, employee_id)]


@requires(Permission.CONSENT_WORDING)
def signature(session: Session, consent_id: int) -> bytes | None:
    return store.signature(session.db, consent_id)


@requires(Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING)
def revoke(session: Session, consent_id: int, on: str) -> Consent:
    """Record the employee's revocation. From that day the consent backs no release: the ones not
    yet handed over are stopped (each on the audit trail), and a hand-over on or after that day is
    refused (``services.releases.mark_released``)."""
    consent = get(session, consent_id)
    day = validation.parse_date_nl(on, "revoked_on", label="Ingetrokken op")
    if day < consent.given_on:
        raise ValidationError("revoked_on", "Ingetrokken op: ligt vóór de datum van de toestemming.")
    if day > session.today():
        raise ValidationError("revoked_on", "Ingetrokken op: ligt in de toekomst. Leg de intrekking vast "
                                            "op de dag dat de werknemer haar doet.")
    if consent.revoked_on is not None:
        raise ValidationError("revoked_on", f"Deze toestemming is al ingetrokken op {nl_date(consent.revoked_on)}.")
    stopped = [r for r in release_store.for_consent(session.db, consent_id)
               if r.state in (ReleaseState.REQUESTED, ReleaseState.REFERRED, ReleaseState.APPROVED)]
    with session.db.transaction():
        store.set_revoked(session.db, consent_id, day, session.user.id)
        session.record(Action.UPDATE, object_type="consent", object_id=consent_id,
                       employee_id=consent.employee_id, data="toestemming ingetrokken")
        for r in stopped:
            session.record(Action.RELEASE, object_type="release", object_id=r.id, employee_id=r.employee_id,
                           data="verstrekking gestopt: toestemming ingetrokken")
    return get(session, consent_id)
