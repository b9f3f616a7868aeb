"""The portable export (AVG art. 20) and the transfer of the dossier to another arbo service, each
as a request: identity checked, a physician's sign-off, and for a transfer the employee's consent
first. No other function makes the archive; it is made for a request, by a physician.

The archive is one ZIP: ``data.json`` (schema ``arbokluis-portable/1``, see docs/portability.md)
with the attachments beside it. A transfer goes through the release log like any release: the
consent names the new arbo service, the physician approves, the hand-over is recorded, and the
employee's access-log extract lists it.
"""

from __future__ import annotations

import io
import json
import zipfile

from desktop_app.audit import Action
from desktop_app.domain import authorisation as authorisation_rules
from desktop_app.domain import validation
from desktop_app.domain.consents import problems
from desktop_app.domain.dates import nl_date
from desktop_app.domain.request_steps import CONSENT, PERFORM
from desktop_app.domain.requests import (
    HANDOVER_METHODS,
    Outcome,
    OutcomeKind,
    Request,
    RequestKind,
    RequestState,
    finishing_state,
)
from desktop_app.errors import ValidationError
from desktop_app.services import (
    activities,
    attachments,
    cases,
    consents,
    employees,
    medical_entries,
    releases,
    restrictions,
    statements,
)
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import requests as store
from desktop_app.storage.lookup import get_or_not_found

PORTABILITY_SCHEMA = "arbokluis-portable/1"
TRANSFER_ROLE = "new_arbo_service"
TRANSFER_WHAT = "Het dossier (overdracht naar een andere arbodienst)"


def _request(session: Session, request_id: int, kind: RequestKind) -> Request:
    request = get_or_not_found(store.get, session.db, request_id, what="request")
    authorisation_rules.require_actionable(request, kind, session.today())
    if request.requester_kind == "other" and kind.own_right:
        raise ValidationError("requester_kind", "Dit verzoek is niet van de werknemer of een gemachtigde; "
                                                "er wordt niets geëxporteerd.")
    return request


def _signed_off(request: Request) -> None:
    if request.state is not RequestState.SIGNED_OFF:
        raise ValidationError("state", "De export wordt pas gemaakt na akkoord van de bedrijfsarts.")


# --- the transfer's consent ---------------------------------------------------------------------


@requires(*CONSENT)
def attach_consent(session: Session, request_id: int, consent_id: int) -> Request:
    """The employee's consent to the transfer: addressed to the physician, naming the new arbo
    service, signed and recent (the same rule as any release)."""
    request = _request(session, request_id, RequestKind.TRANSFER)
    if request.state is not RequestState.IN_PROGRESS:
        raise ValidationError("state", "Zet het verzoek eerst in behandeling.")
    consent = consents.get(session, consent_id)
    _check_consent(session, request, consent)
    with session.db.transaction():
        store.set_consent(session.db, request.id, consent.id)
        store.add_event(session.db, request.id, session.user.id, request.state.value, request.state.value,
                        "toestemming werknemer voor de overdracht vastgelegd")
        session.record(Action.UPDATE, object_type="request", object_id=request.id,
                       employee_id=request.employee_id, data="overdracht: toestemming vastgelegd")
    return store.get(session.db, request.id)  # type: ignore[return-value]


def _check_consent(session: Session, request: Request, consent) -> None:
    if consent.employee_id != request.employee_id:
        raise ValidationError("consent_id", "Toestemming: hoort niet bij deze werknemer.")
    if consent.recipient_role != TRANSFER_ROLE:
        raise ValidationError("consent_id", "Toestemming: noemt geen nieuwe arbodienst als ontvanger.")
    reasons = problems(consent, recipient_role=TRANSFER_ROLE, recipient_name=consent.recipient_name,
                       entry_ids=_covered(consent), today=session.today(), recent=consents.recent_months(session))
    if reasons:
        raise ValidationError("consent_id", "Deze toestemming is niet bruikbaar: " + " ".join(reasons))


def _covered(consent) -> list[int] | None:
    """The medical entries a transfer on this consent carries: the consent's chosen entries, or
    None for a consent that covers the whole dossier."""
    return list(consent.entry_ids) or None


# --- the archive ----------------------------------------------------------------------------------


def _archive(session: Session, employee_id: int, entry_ids: list[int] | None = None) -> bytes:
    """data.json plus the attachments; the physician's personal working notes are never in it,
    entries marked as concerning others are left out. With ``entry_ids`` (a consent for chosen
    entries) only those entries and their attachments go: nothing the consent does not cover."""
    e = employees.open_dossier(session, employee_id)
    entries = medical_entries.list_entries(session, employee_id)
    files = attachments.list_attachments(session, employee_id)
    if entry_ids is not None:
        chosen = set(entry_ids)
        entries = [m for m in entries if m.id in chosen]
        files = [a for a in files if a.entry_id in chosen]
    data = {
        "schema": PORTABILITY_SCHEMA,
        "exported_on": session.today().isoformat(),
        "employee": {
            "surname": e.surname, "prefix": e.prefix, "given_names": e.given_names, "initials": e.initials,
            "birth_date": e.birth_date.isoformat() if e.birth_date else None, "bsn": e.bsn,
            "address": {"street": e.street, "postcode": e.postcode, "city": e.city},
            "phone": e.phone, "email": e.email, "employer": e.employer_name, "job_title": e.job_title,
            "employment_start": e.employment_start.isoformat() if e.employment_start else None,
            "employment_end": e.employment_end.isoformat() if e.employment_end else None,
        },
        "absence_cases": [{
            "first_day": c.first_day.isoformat(), "kind": c.kind.value,
            "recovered_on": c.recovered_on.isoformat() if c.recovered_on else None,
            "episodes": [{"start": ep.start.isoformat(), "end": ep.end.isoformat() if ep.end else None}
                         for ep in c.episodes],
        } for c in cases.for_employee(session, employee_id)],
        "activities": [{"date": a.on_date.isoformat(), "kind": a.kind.value, "description": a.description,
                        "agreements": a.agreements} for a in activities.activities(session, employee_id)],
        "medical_entries": [{"id": m.id, "date": m.entry_date.isoformat(), "kind": m.kind.value,
                             "version": m.version, "author": m.author_name, "body": m.body}
                            for m in entries if not m.third_party_privacy],
        "employee_statements": [{"received_on": s.received_on.isoformat(), "statement": s.statement}
                                for s in statements.list_statements(session, employee_id)],
        "attachments": [{"id": a.id, "file": f"attachments/{a.id}-{_safe(a.filename)}", "mime": a.mime,
                         "description": a.description} for a in files],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=1))
        for a in files:
            z.writestr(f"attachments/{a.id}-{_safe(a.filename)}", attachments.get_attachment(session, a.id))
    return buffer.getvalue()


def _safe(filename: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in filename)[:80] or "bijlage"


def _made(session: Session, request: Request, what: str) -> None:
    with session.db.transaction():
        store.set_document_made(session.db, request.id)
        store.add_event(session.db, request.id, session.user.id, request.state.value, request.state.value, what)
        session.record(Action.EXPORT, object_type="portability", object_id=request.id,
                       employee_id=request.employee_id, data=what)


@requires(*PERFORM[RequestKind.PORTABILITY])
def make_export(session: Session, request_id: int) -> bytes:
    """The portable export for a signed-off portability request."""
    request = _request(session, request_id, RequestKind.PORTABILITY)
    _signed_off(request)
    archive = _archive(session, request.employee_id)
    _made(session, request, "export (overdraagbaarheid) gemaakt")
    return archive


@requires(*PERFORM[RequestKind.TRANSFER])
def make_transfer(session: Session, request_id: int) -> bytes:
    """The archive for a signed-off transfer, with a valid consent; the release to the new arbo
    service is requested and approved in the release log (the physician's decision)."""
    request = _request(session, request_id, RequestKind.TRANSFER)
    _signed_off(request)
    if request.consent_id is None:
        raise ValidationError("consent_id", "Overdracht: leg eerst de toestemming van de werknemer vast.")
    consent = consents.get(session, request.consent_id)
    _check_consent(session, request, consent)
    restrictions.require_not_restricted(session, request.employee_id)
    release_id = request.release_id
    if release_id is None:
        # The release is linked to the request as it is asked, so a refused approval below leaves
        # it waiting for the physician who decides, never an orphan that a second press repeats.
        with session.db.transaction():
            release = releases.request_release(session, request.employee_id, consent.id,
                                               recipient_name=consent.recipient_name, recipient_role=TRANSFER_ROLE,
                                               what=TRANSFER_WHAT, purpose="Overdracht van het dossier op verzoek "
                                                                           "van de werknemer",
                                               entry_ids=_covered(consent))
            store.set_release(session.db, request.id, release.id)
        release_id = release.id
    if releases.get(session, release_id).state.undecided:
        releases.approve(session, release_id, "overdracht naar andere arbodienst")
    releases.require_approved(session, release_id)
    archive = _archive(session, request.employee_id, _covered(consent))
    _made(session, request, "export voor overdracht gemaakt")
    return archive


def _handover_day(session: Session, request: Request, outcome_kind: OutcomeKind, method: str, handed_on: str):
    finishing_state(request, outcome_kind)
    if request.document_made_at is None:
        raise ValidationError("state", "Maak eerst de export voor dit verzoek.")
    if method not in HANDOVER_METHODS:
        raise ValidationError("method", "Hoe verstrekt: kies overhandigd, post of e-mail met wachtwoord.")
    day = validation.parse_date_nl(handed_on, "handed_on", label="Verstrekt op")
    if day > session.today() or day < request.received_on:
        raise ValidationError("handed_on", "Verstrekt op: tussen de ontvangst van het verzoek en vandaag.")
    return day


def _finish_handover(session: Session, request: Request, outcome_kind: OutcomeKind, method: str, day,
                     release_id: int | None = None) -> Request:
    target = finishing_state(request, outcome_kind)
    text = f"{outcome_kind.label} {HANDOVER_METHODS[method]} op {nl_date(day)}"
    with session.db.transaction():
        store.finish(session.db, request, target, outcome_kind, text, session.today(), session.user.id,
                     Outcome(request.id, outcome_kind, day, session.user.id, method=method,
                             release_id=release_id, made_at=request.document_made_at))
        session.record(Action.UPDATE, object_type="request", object_id=request.id,
                       employee_id=request.employee_id, data=f"{request.kind.label}: {outcome_kind.label}")
    return store.get(session.db, request.id)  # type: ignore[return-value]


@requires(*PERFORM[RequestKind.PORTABILITY])
def hand_over_export(session: Session, request_id: int, method: str, handed_on: str) -> Request:
    request = _request(session, request_id, RequestKind.PORTABILITY)
    day = _handover_day(session, request, OutcomeKind.EXPORTED, method, handed_on)
    return _finish_handover(session, request, OutcomeKind.EXPORTED, method, day)


@requires(*PERFORM[RequestKind.TRANSFER])
def hand_over_transfer(session: Session, request_id: int, method: str, handed_on: str) -> Request:
    """The archive went to the new arbo service; its release is marked as handed over."""
    request = _request(session, request_id, RequestKind.TRANSFER)
    day = _handover_day(session, request, OutcomeKind.TRANSFERRED, method, handed_on)
    if request.release_id is None:
        raise ValidationError("state", "Maak eerst de export voor de overdracht.")
    releases.mark_released(session, request.release_id, method, handed_on=nl_date(day))
    return _finish_handover(session, request, OutcomeKind.TRANSFERRED, method, day, request.release_id)
