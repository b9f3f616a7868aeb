"""What each kind of request leads to, recorded as its outcome; only then is it "afgehandeld".

- Inspection: held after the physician's sign-off; recorded with the day and who was present.
- Copy: the dossier copy PDF, made after the sign-off, then recorded as handed over (how, when).
- Correction: a new version of the medical entry, or, when the physician disagrees, the
  employee's own statement added to the dossier (WGBO art. 7:454 lid 2).
- Objection: honoured (what stops) or refused with the reasons.
- Release to a third party: answered by a release in the release log, handed over.

Restriction is ``services.requests.restrict``; portability and transfer are
``services.portability``; destruction is the destruction service's. The permissions each
declares are the ones ``domain.request_steps.PERFORM`` names, so the dialog offers exactly what
the core lets through. After a correction the recipients of earlier releases are told
(``services.notices``).
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app.audit import Action
from desktop_app.domain import authorisation as authorisation_rules
from desktop_app.domain import validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.medical.statements import StatementForm
from desktop_app.domain.request_steps import PERFORM
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
from desktop_app.services import documents, medical_entries, releases, statements
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import notices as notices_store
from desktop_app.storage import requests as store
from desktop_app.storage.lookup import get_or_not_found


def _request(session: Session, request_id: int, kind: RequestKind) -> Request:
    request = get_or_not_found(store.get, session.db, request_id, what="request")
    authorisation_rules.require_actionable(request, kind, session.today())
    return request


def _finish(session: Session, request: Request, kind: OutcomeKind, text: str, outcome: Outcome) -> Request:
    target = finishing_state(request, kind)
    with session.db.transaction():
        store.finish(session.db, request, target, kind, text, session.today(), session.user.id, outcome)
        if kind is OutcomeKind.CORRECTED:
            notices_store.add_change(session.db, request.employee_id, "correction", request.id, session.user.id)
        session.record(Action.UPDATE, object_type="request", object_id=request.id,
                       employee_id=request.employee_id, data=f"{request.kind.label}: {kind.label}")
    return store.get(session.db, request.id)  # type: ignore[return-value]


def _day(session: Session, value: str, field: str, label: str, request: Request):
    day = validation.parse_date_nl(value, field, label=label)
    if day > session.today():
        raise ValidationError(field, f"{label}: ligt in de toekomst.")
    if day < request.received_on:
        raise ValidationError(field, f"{label}: ligt vóór de ontvangst van het verzoek.")
    return day


# --- inspection ---------------------------------------------------------------------------------


@requires(*PERFORM[RequestKind.INSPECTION])
def record_inspection(session: Session, request_id: int, held_on: str, present: str, note: str = "") -> Request:
    """The inspection took place (after the physician's sign-off): on which day, who was present."""
    request = _request(session, request_id, RequestKind.INSPECTION)
    finishing_state(request, OutcomeKind.INSPECTED)
    day = _day(session, held_on, "held_on", "Inzage gegeven op", request)
    present = validation.text(present, "present", label="Aanwezig", required=True, max_length=500)
    note = validation.text(note, "note", label="Toelichting", max_length=2000, multiline=True)
    if request.authorisation is not None:
        found = authorisation_rules.problem(request.authorisation, request.kind, day)
        if found:
            raise ValidationError(*found)
    return _finish(session, request, OutcomeKind.INSPECTED, f"inzage gegeven op {nl_date(day)}",
                   Outcome(request.id, OutcomeKind.INSPECTED, day, session.user.id, present=present, note=note))


# --- copy ---------------------------------------------------------------------------------------


@requires(*PERFORM[RequestKind.COPY])
def make_copy(session: Session, request_id: int, *, include_attachments: frozenset[int] = frozenset(),
              password: str | None = None, progress=None) -> bytes:
    """The dossier copy for this request, after the physician's sign-off; recorded as made."""
    request = _request(session, request_id, RequestKind.COPY)
    if request.state is not RequestState.SIGNED_OFF:
        raise ValidationError("state", "Het afschrift wordt pas gemaakt na akkoord van de bedrijfsarts.")
    pdf = documents.dossier_copy_pdf(session, request.employee_id, include_attachments=set(include_attachments),
                                     password=password, progress=progress)
    with session.db.transaction():
        store.set_document_made(session.db, request.id)
        store.add_event(session.db, request.id, session.user.id, request.state.value, request.state.value,
                        "afschrift gemaakt")
    return pdf


@requires(*PERFORM[RequestKind.COPY])
def hand_over_copy(session: Session, request_id: int, method: str, handed_on: str) -> Request:
    """The copy made for this request went to the requester: how and when."""
    request = _request(session, request_id, RequestKind.COPY)
    finishing_state(request, OutcomeKind.COPY_GIVEN)
    if request.document_made_at is None:
        raise ValidationError("state", "Maak eerst het afschrift voor dit verzoek.")
    if method not in HANDOVER_METHODS:
        raise ValidationError("method", "Hoe verstrekt: kies overhandigd, post of e-mail met wachtwoord.")
    day = _day(session, handed_on, "handed_on", "Verstrekt op", request)
    return _finish(session, request, OutcomeKind.COPY_GIVEN,
                   f"afschrift {HANDOVER_METHODS[method]} op {nl_date(day)}",
                   Outcome(request.id, OutcomeKind.COPY_GIVEN, day, session.user.id, method=method,
                           made_at=request.document_made_at))


# --- correction ---------------------------------------------------------------------------------


@requires(*PERFORM[RequestKind.CORRECTION])
def correct(session: Session, request_id: int, entry_id: int, form: Mapping[str, str], entry_date: str,
            reason: str):
    """The physician agrees: a new version of the entry; the old one stays for medical staff."""
    request = _request(session, request_id, RequestKind.CORRECTION)
    finishing_state(request, OutcomeKind.CORRECTED)
    reason = validation.text(reason, "reason", label="Reden van de correctie", required=True, max_length=1000,
                             multiline=True)
    entry = medical_entries.get_entry(session, entry_id)
    if entry.employee_id != request.employee_id:
        raise ValidationError("entry_id", "Deze aantekening hoort niet bij deze werknemer.")
    corrected = medical_entries.correct_entry(session, entry_id, {**form, "entry_date": entry_date},
                                              f"correctieverzoek: {reason}")
    # The reason names medical facts: it is kept with the entry's new version in the medical
    # section only, never in the request's outcome that every practice role reads.
    _finish(session, request, OutcomeKind.CORRECTED, OutcomeKind.CORRECTED.label,
            Outcome(request.id, OutcomeKind.CORRECTED, session.today(), session.user.id,
                    entry_id=entry_id, version=corrected.version))
    return corrected


@requires(*PERFORM[RequestKind.CORRECTION])
def disagree(session: Session, request_id: int, statement: str, received_on: str,
             entry_id: int | None = None) -> Request:
    """The physician disagrees: the employee's own view is added to the dossier instead."""
    request = _request(session, request_id, RequestKind.CORRECTION)
    finishing_state(request, OutcomeKind.STATEMENT_ADDED)
    added = statements.add_statement(session, request.employee_id, StatementForm(statement, received_on),
                                     entry_id=entry_id)
    return _finish(session, request, OutcomeKind.STATEMENT_ADDED, OutcomeKind.STATEMENT_ADDED.label,
                   Outcome(request.id, OutcomeKind.STATEMENT_ADDED, session.today(), session.user.id,
                           entry_id=entry_id, statement_id=added.id))


# --- objection ------------------------------------------------------------------------------------


@requires(*PERFORM[RequestKind.OBJECTION])
def decide_objection(session: Session, request_id: int, honoured: bool, text: str) -> Request:
    """Honoured: ``text`` says which processing stops. Refused: ``text`` gives the compelling
    grounds that weigh more (AVG art. 21 lid 1); the refusal letter repeats them."""
    request = _request(session, request_id, RequestKind.OBJECTION)
    kind = OutcomeKind.OBJECTION_HONOURED if honoured else OutcomeKind.OBJECTION_REFUSED
    finishing_state(request, kind)
    label = "Wat stopt" if honoured else "Redenen van de afwijzing"
    text = validation.text(text, "objection_text", label=label, required=True, max_length=2000, multiline=True)
    words = f"bezwaar gehonoreerd: {text}" if honoured else text
    return _finish(session, request, kind, words,
                   Outcome(request.id, kind, session.today(), session.user.id, note=text))


# --- release to a third party ---------------------------------------------------------------------


@requires(*PERFORM[RequestKind.RELEASE])
def answer_with_release(session: Session, request_id: int, release_id: int) -> Request:
    """The request is answered by a release that a physician approved and that was handed over."""
    request = _request(session, request_id, RequestKind.RELEASE)
    finishing_state(request, OutcomeKind.RELEASED)
    release = releases.get(session, release_id)
    if release.employee_id != request.employee_id:
        raise ValidationError("release_id", "Deze verstrekking hoort niet bij deze werknemer.")
    if release.state != "released":
        raise ValidationError("release_id", "Deze verstrekking is nog niet verstrekt; leg eerst vast hoe en "
                                            "wanneer ze is overhandigd.")
    return _finish(session, request, OutcomeKind.RELEASED, f"verstrekt aan {release.recipient_name}",
                   Outcome(request.id, OutcomeKind.RELEASED, session.today(), session.user.id,
                           release_id=release.id))
