"""The employee's rights as workflows with deadlines: inspection, copy, correction, destruction,
restriction, portability, objection, release to a third party, dossier transfer.

This module holds the steps every request shares: receiving it (from the employee or from a
representative within a signed, dated, scoped authorisation), checking identity (a masked ID copy
or the ID shown at the desk), the extension, the physician's sign-off, the refusal, and the list
of steps a user may take now (``steps``). What each kind leads to is in
``services.request_outcomes`` and ``services.portability``; a request reaches "afgehandeld" only
through that outcome.

Every state change is in the request's own history and in the audit trail. What shows or hands
over medical data goes only after a physician (or, when the responsible one is absent, the
supervising physician) signs off.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from desktop_app.audit import Action
from desktop_app.domain import authorisation as authorisation_rules
from desktop_app.domain import identity, names, validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.medical.attachments import sniff
from desktop_app.domain.permissions import Permission
from desktop_app.domain.request_steps import REFUSE, Step, allowed_steps
from desktop_app.domain.requests import (
    Outcome,
    OutcomeKind,
    Request,
    RequestEvent,
    RequestKind,
    RequestState,
    check_extension,
    check_transition,
    deadline,
    finishing_state,
)
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services import authz, employees, restrictions
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import notices as notices_store
from desktop_app.storage import reminders
from desktop_app.storage import requests as store
from desktop_app.storage import users as users_store
from desktop_app.storage.requests import NewRequest

__all__ = ["Request", "RequestEvent", "RequestLine", "Step"]


@requires(Permission.PRACTICE_READ)
def get(session: Session, request_id: int) -> Request:
    request = store.get(session.db, request_id)
    if request is None:
        raise NotFound(detail=f"request {request_id}")
    return request


@requires(Permission.PRACTICE_READ)
def for_employee(session: Session, employee_id: int) -> list[Request]:
    return store.for_employee(session.db, employee_id)


@requires(Permission.PRACTICE_READ)
def history(session: Session, request_id: int) -> list[RequestEvent]:
    return store.events(session.db, request_id)


@requires(Permission.PRACTICE_READ)
def outcome(session: Session, request_id: int) -> Outcome | None:
    """The outcome. A correction's reason is medical: it is kept with the entry in the medical
    section; one stored here before that rule is shown to medical staff only."""
    found = store.outcome(session.db, request_id)
    if found is not None and found.kind is OutcomeKind.CORRECTED and found.note and \
            not session.may(Permission.MEDICAL_READ):
        found = replace(found, note="")
    return found


@requires(Permission.PRACTICE_READ)
def steps(session: Session, request_id: int) -> list[Step]:
    """The steps the logged-in user may take on this request now (the dialog shows these)."""
    return allowed_steps(get(session, request_id), session.permissions())


# --- receiving --------------------------------------------------------------------------------------


@requires(Permission.PRACTICE_WRITE)
def receive(session: Session, employee_id: int, kind: str, received_on: str, *, requester_kind: str = "employee",
            requester_name: str = "", representative_relation: str = "", authorisation_scope: str = "",
            authorisation_kinds: Iterable[str] = (), authorisation_signed_on: str = "",
            authorisation_valid_until: str = "", authorisation_document: bytes | None = None) -> Request:
    """Register a request. A representative's is taken only with the signed authorisation (a
    scan), dated before the request, in date and covering this kind of request."""
    employees.open_dossier(session, employee_id)
    try:
        kind_ = RequestKind(kind)
    except ValueError:
        raise ValidationError("kind", "Soort verzoek: kies uit de lijst.") from None
    received = validation.parse_date_nl(received_on, "received_on")
    if received > session.today():
        raise ValidationError("received_on", "Ontvangen op: ligt in de toekomst.")
    if requester_kind not in ("employee", "representative", "other"):
        raise ValidationError("requester_kind", "Verzoeker: kies werknemer, gemachtigde of ander.")
    if requester_kind == "other" and kind_.own_right:
        raise ValidationError("requester_kind", f"Verzoeker: een verzoek om {kind_.label.lower()} is een recht "
                                                "van de werknemer zelf; alleen de werknemer of een gemachtigde "
                                                "met een ondertekende machtiging dient het in.")
    authorisation = None
    if requester_kind == "representative":
        authorisation = authorisation_rules.parse_authorisation(
            representative=requester_name, relation=representative_relation, scope=authorisation_scope,
            kinds=authorisation_kinds, signed_on=authorisation_signed_on, valid_until=authorisation_valid_until)
        found = authorisation_rules.problem(authorisation, kind_, received)
        if found:
            raise ValidationError(*found)
        if authorisation_document is None or sniff(authorisation_document) is None:
            raise ValidationError("authorisation_document", "Machtiging: voeg de ondertekende machtiging toe "
                                                            "(PDF, JPEG of PNG).")
        requester_name = authorisation.representative
    else:
        authorisation_document = None
        requester_name = validation.text(requester_name, "requester_name", label="Naam verzoeker", max_length=200)
    with session.db.transaction():
        request_id = store.insert(session.db, NewRequest(
            employee_id, kind_, requester_kind, requester_name, received, deadline(received), authorisation,
            authorisation_document, session.user.id))
        store.add_event(session.db, request_id, session.user.id, "", RequestState.RECEIVED.value,
                        f"verzoek ontvangen ({_requester_label(requester_kind)})")
        session.record(Action.CREATE, object_type="request", object_id=request_id, employee_id=employee_id,
                       data=f"verzoek: {kind_.label}" + (" (gemachtigde)" if authorisation else ""))
    return get(session, request_id)


def _requester_label(kind: str) -> str:
    return {"employee": "van de werknemer", "representative": "van een gemachtigde"}.get(kind, "van een ander")


def _require_authorised(session: Session, request: Request) -> None:
    """A representative's authorisation must still carry the request today."""
    if request.authorisation is None:
        return
    found = authorisation_rules.problem(request.authorisation, request.kind, session.today())
    if found:
        raise ValidationError(*found)


def _move(session: Session, request: Request, target: RequestState, note: str = "") -> None:
    check_transition(request.state, target, request.kind)
    store.move(session.db, request, target, session.user.id, note)
    session.record(Action.UPDATE, object_type="request", object_id=request.id,
                   employee_id=request.employee_id, data=f"{request.kind.label}: {target.label}")


# --- identity -----------------------------------------------------------------------------------------


@requires(Permission.PRACTICE_WRITE)
def check_identity(session: Session, request_id: int, *, photo_blacked: bool, mrz_blacked: bool,
                   number_blacked: bool, bsn_blacked: bool, keep_copy: bytes | None = None) -> Request:
    """The ID copy was seen with photo, MRZ, document number and BSN blacked out; not kept unless chosen."""
    request = get(session, request_id)
    identity.check_masked_copy(photo_blacked=photo_blacked, mrz_blacked=mrz_blacked,
                               number_blacked=number_blacked, bsn_blacked=bsn_blacked)
    if keep_copy is not None and sniff(keep_copy) is None:
        raise ValidationError("identity", "Kopie identiteitsbewijs: alleen PDF, JPEG of PNG.")
    _require_authorised(session, request)
    check_transition(request.state, RequestState.IDENTITY_CHECKED, request.kind)
    with session.db.transaction():
        store.set_identity(session.db, request_id, method="copy", document="", checked_on=session.today(),
                           checked_by=session.user.id, id_copy=keep_copy)
        _move(session, request, RequestState.IDENTITY_CHECKED, "identiteit gecontroleerd (afgeschermde kopie)")
    return get(session, request_id)


@requires(Permission.PRACTICE_WRITE)
def identity_at_desk(session: Session, request_id: int, document: str, checked_on: str) -> Request:
    """The ID document was shown at the desk: who checked it (the user), which kind, when.
    Nothing is copied."""
    request = get(session, request_id)
    day = validation.parse_date_nl(checked_on, "identity_checked_on", label="Gecontroleerd op")
    identity.check_desk(document, day, received_on=request.received_on, today=session.today())
    _require_authorised(session, request)
    check_transition(request.state, RequestState.IDENTITY_CHECKED, request.kind)
    with session.db.transaction():
        store.set_identity(session.db, request_id, method="desk", document=document, checked_on=day,
                           checked_by=session.user.id, id_copy=None)
        _move(session, request, RequestState.IDENTITY_CHECKED,
              f"identiteit gecontroleerd: {identity.describe('desk', document)}")
    return get(session, request_id)


# --- the steps every request shares -------------------------------------------------------------


@requires(Permission.PRACTICE_WRITE)
def start(session: Session, request_id: int) -> Request:
    request = get(session, request_id)
    _require_authorised(session, request)
    with session.db.transaction():
        _move(session, request, RequestState.IN_PROGRESS)
    return get(session, request_id)


@requires(Permission.PRACTICE_WRITE)
def extend(session: Session, request_id: int, extended_until: str, reason: str, letter_on: str) -> Request:
    request = get(session, request_id)
    if not request.open:
        raise ValidationError("extended_until", "Dit verzoek is al afgehandeld.")
    until = validation.parse_date_nl(extended_until, "extended_until")
    reason = validation.text(reason, "extension_reason", label="Reden van de verlenging", required=True,
                             max_length=2000, multiline=True)
    letter = validation.parse_date_nl(letter_on, "extension_letter_on")
    check_extension(request.received_on, until, letter, reason, request.extended_until is not None)
    with session.db.transaction():
        store.set_extension(session.db, request_id, until, reason, letter)
        store.add_event(session.db, request_id, session.user.id, request.state.value, request.state.value,
                        f"verlengd tot {nl_date(until)}")
        session.record(Action.UPDATE, object_type="request", object_id=request_id,
                       employee_id=request.employee_id, data="termijn verlengd")
    return get(session, request_id)


@requires(Permission.PRACTICE_WRITE)
def ready_for_signoff(session: Session, request_id: int) -> Request:
    request = get(session, request_id)
    if request.kind is RequestKind.TRANSFER and request.consent_id is None:
        raise ValidationError("consent_id", "Overdracht: leg eerst de toestemming van de werknemer vast voor "
                                            "de nieuwe arbodienst.")
    with session.db.transaction():
        _move(session, request, RequestState.AWAITING_SIGNOFF)
    return get(session, request_id)


@requires(Permission.PRACTICE_WRITE, Permission.COPY_SIGN_OFF)
def sign_off(session: Session, request_id: int, note: str = "") -> Request:
    """A physician agrees that what the request shows or hands over may go; the request then
    waits for its outcome (the inspection held, the copy or export handed over).

    The table lets any physician through; which physician (the responsible one, or the
    supervisor for an absent one) is the releases' rule for a transfer, checked when its
    release is approved (``services.portability``).
    """
    request = get(session, request_id)
    note = validation.text(note, "signoff_note", label="Toelichting", max_length=2000, multiline=True)
    _require_authorised(session, request)
    if request.kind.needs_signoff:
        restrictions.require_not_restricted(session, request.employee_id)
    with session.db.transaction():
        store.set_signed_off(session.db, request_id, session.user.id)
        _move(session, request, RequestState.SIGNED_OFF, note or "akkoord bedrijfsarts")
    return get(session, request_id)


@requires(Permission.PRACTICE_WRITE)
def refuse(session: Session, request_id: int, reason: str) -> Request:
    """Refuse with the reasons, which the refusal letter repeats (AVG art. 12 lid 4). Refusing
    an objection, a destruction or a correction is the physician's decision (``REFUSE``)."""
    request = get(session, request_id)
    authz.check(session, "requests.refuse", sorted(REFUSE[request.kind]), employee_id=request.employee_id)
    reason = validation.text(reason, "reason", label="Reden", required=True, max_length=2000, multiline=True)
    target = finishing_state(request, OutcomeKind.REFUSED)
    with session.db.transaction():
        store.finish(session.db, request, target, OutcomeKind.REFUSED, reason, session.today(), session.user.id)
        session.record(Action.UPDATE, object_type="request", object_id=request.id,
                       employee_id=request.employee_id, data=f"{request.kind.label}: afgewezen")
    return get(session, request_id)


@requires(Permission.DESTROY)
def close(session: Session, request_id: int, outcome: str,
          recipients: list[notices_store.Recipient] | None = None) -> Request:
    """The end of a destruction request, recorded by the service that destroyed (with its
    register line). Every other kind ends with its own outcome (``services.request_outcomes``,
    ``services.portability``); this refuses them. ``recipients``: those of earlier releases,
    captured before the erasure took the release log (AVG art. 19)."""
    request = get(session, request_id)
    if request.kind is not RequestKind.DESTRUCTION:
        raise ValidationError("state", f"Een verzoek om {request.kind.label.lower()} sluit u af met wat het "
                                       "oplevert (Uitvoeren…), of u wijst het af met een reden.")
    outcome = validation.text(outcome, "outcome", label="Uitkomst", required=True, max_length=2000, multiline=True)
    target = finishing_state(request, OutcomeKind.DESTROYED)
    with session.db.transaction():
        store.finish(session.db, request, target, OutcomeKind.DESTROYED, outcome, session.today(), session.user.id,
                     Outcome(request.id, OutcomeKind.DESTROYED, session.today(), session.user.id))
        notices_store.add_change(session.db, request.employee_id, "erasure", request.id, session.user.id,
                                 recipients)
        session.record(Action.UPDATE, object_type="request", object_id=request.id,
                       employee_id=request.employee_id, data=f"{request.kind.label}: afgehandeld")
    return get(session, request_id)


def _require(session: Session, request_id: int, kind: RequestKind) -> Request:
    request = get(session, request_id)
    if request.kind is not kind:
        raise ValidationError("kind", f"Dit is geen verzoek om {kind.label.lower()}.")
    if request.state is not RequestState.IN_PROGRESS:
        raise ValidationError("state", "Controleer eerst de identiteit en zet het verzoek in behandeling.")
    return request


# --- restriction ------------------------------------------------------------------------------------


@requires(Permission.PRACTICE_WRITE)
def restrict(session: Session, employee_id: int, reason: str, request_id: int | None = None) -> None:
    """Restrict processing (AVG art. 18); with ``request_id`` this is that request's outcome.
    Without the employee's request it stops the physician's record-keeping on someone else's
    word, so only medical staff restrict on their own (a dispute about accuracy they weigh)."""
    employees.open_dossier(session, employee_id)
    if request_id is None:
        authz.check(session, "requests.restrict", [Permission.MEDICAL_WRITE], employee_id=employee_id)
    request = None
    if request_id is not None:
        request = _require(session, request_id, RequestKind.RESTRICTION)
        if request.employee_id != employee_id:
            raise ValidationError("request_id", "Dit verzoek hoort niet bij deze werknemer.")
        _require_authorised(session, request)
        finishing_state(request, OutcomeKind.RESTRICTED)
    with session.db.transaction():
        restriction_id = restrictions.start(session, employee_id, reason, request_id=request_id, in_transaction=True)
        if request is not None:
            store.finish(session.db, request, RequestState.DONE, OutcomeKind.RESTRICTED, "verwerking beperkt",
                         session.today(), session.user.id,
                         Outcome(request.id, OutcomeKind.RESTRICTED, session.today(), session.user.id,
                                 note=reason, restriction_id=restriction_id))


@requires(Permission.PRACTICE_READ)
def handler_names(session: Session) -> dict[int, str]:
    """User id → display name, removed users included: who handled a step keeps their name."""
    return {u.id: u.display_name for u in users_store.all_users(session.db, include_removed=True)}


@requires(Permission.RESTRICTION_LIFT)
def lift_restriction(session: Session, employee_id: int, reason: str = "", informed_on: str = "") -> None:
    restrictions.lift(session, employee_id, reason, informed_on)


# --- "Vandaag" ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestLine:
    request_id: int
    employee_id: int
    employee_name: str
    label: str
    due: date


@requires(Permission.PRACTICE_READ)
def due_soon(session: Session, days: int = 7, today: date | None = None) -> list[RequestLine]:
    """Open requests past their deadline or due within ``days``."""
    today = today or session.today()
    return [RequestLine(r.request_id, r.employee_id, names.employee_name(r.given_names, r.initials, r.prefix,
                                                                        r.surname),
                        f"Verzoek: {RequestKind(r.kind).label}", r.due)
            for r in reminders.requests_due(session.db, today + timedelta(days=days))]


@requires(Permission.CONSENT_WORDING)
def consents_expiring(session: Session, days: int = 30, today: date | None = None) -> list[RequestLine]:
    today = today or session.today()
    return [RequestLine(c.consent_id, c.employee_id, names.employee_name(c.given_names, c.initials, c.prefix,
                                                                        c.surname),
                        f"Toestemming ({c.recipient_name}) verloopt", c.valid_until)
            for c in reminders.consents_expiring(session.db, today, today + timedelta(days=days))]
