"""The employee's rights as workflows with deadlines: inspection, copy, correction, destruction,
restriction, portability, objection, release to a third party, dossier transfer.

Every state change is in the request's own history and in the audit trail. Copies of medical
documents leave only after a physician (or, when the responsible one is absent, the supervising
physician) signs off.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.audit import Action
from desktop_app.domain import names, validation
from desktop_app.domain.medical.attachments import sniff
from desktop_app.domain.medical.statements import StatementForm
from desktop_app.domain.permissions import Permission
from desktop_app.domain.requests import (
    RequestKind,
    RequestState,
    check_extension,
    check_transition,
    deadline,
    effective_deadline,
)
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services import attachments as attachment_service
from desktop_app.services import employees, medical_entries, statements
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage.rows import now


@dataclass(frozen=True)
class Request:
    id: int
    employee_id: int
    kind: RequestKind
    requester_kind: str
    requester_name: str
    received_on: date
    deadline: date
    extended_until: date | None
    identity_checked_on: date | None
    state: RequestState
    outcome: str
    signed_off_by: int | None

    @property
    def due(self) -> date:
        return effective_deadline(self.received_on, self.extended_until)

    @property
    def open(self) -> bool:
        return self.state not in (RequestState.DONE, RequestState.REFUSED)


_COLS = ("id, employee_id, kind, requester_kind, requester_name, received_on, deadline, extended_until, "
         "identity_checked_on, state, outcome, signed_off_by")


def _row(r: tuple) -> Request:
    d = lambda v: date.fromisoformat(v) if v else None  # noqa: E731
    return Request(r[0], r[1], RequestKind(r[2]), r[3], r[4], d(r[5]), d(r[6]), d(r[7]), d(r[8]),
                   RequestState(r[9]), r[10], r[11])


@requires(Permission.PRACTICE_READ)
def get(session: Session, request_id: int) -> Request:
    r = session.db.one(f"SELECT {_COLS} FROM requests WHERE id = ?", (request_id,))
    if r is None:
        raise NotFound(detail=f"request {request_id}")
    return _row(r)


@requires(Permission.PRACTICE_READ)
def for_employee(session: Session, employee_id: int) -> list[Request]:
    return [_row(r) for r in session.db.query(f"SELECT {_COLS} FROM requests WHERE employee_id = ? "
                                              "ORDER BY received_on DESC", (employee_id,))]


@requires(Permission.PRACTICE_WRITE)
def receive(session: Session, employee_id: int, kind: str, received_on: str, *, requester_kind: str = "employee",
            requester_name: str = "", authorisation_scope: str = "", authorisation_signed_on: str = "",
            authorisation_document: bytes | None = None) -> Request:
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
    signed = None
    if requester_kind == "representative":
        validation.text(authorisation_scope, "authorisation_scope", label="Omvang van de machtiging",
                        required=True, max_length=2000, multiline=True)
        signed = validation.parse_date_nl(authorisation_signed_on, "authorisation_signed_on")
        if signed > received:
            raise ValidationError("authorisation_signed_on", "Machtiging: gedateerd na ontvangst van het verzoek.")
        if authorisation_document is None or sniff(authorisation_document) is None:
            raise ValidationError("authorisation_document", "Machtiging: voeg de ondertekende machtiging toe "
                                                            "(PDF, JPEG of PNG).")
    requester_name = validation.text(requester_name, "requester_name", label="Naam verzoeker", max_length=200)
    with session.db.transaction():
        cur = session.db.execute(
            "INSERT INTO requests (employee_id, kind, requester_kind, requester_name, authorisation_scope, "
            "authorisation_signed_on, authorisation_document, received_on, deadline, state, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)",
            (employee_id, kind_.value, requester_kind, requester_name, authorisation_scope,
             signed.isoformat() if signed else None, authorisation_document, received.isoformat(),
             deadline(received).isoformat(), session.user.id, now()))
        _event(session, cur.lastrowid, "", "received", kind_.label)
        session.record(Action.CREATE, object_type="request", object_id=cur.lastrowid, employee_id=employee_id,
                       data=f"verzoek: {kind_.label}")
    return get(session, cur.lastrowid)


def _event(session: Session, request_id: int, from_state: str, to_state: str, note: str = "") -> None:
    session.db.execute("INSERT INTO request_events (request_id, at, user_id, from_state, to_state, note) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (request_id, now(), session.user.id, from_state, to_state, note))


@requires(Permission.PRACTICE_READ)
def history(session: Session, request_id: int) -> list[tuple]:
    return session.db.query("SELECT at, user_id, from_state, to_state, note FROM request_events "
                            "WHERE request_id = ? ORDER BY id", (request_id,))


def _move(session: Session, request: Request, target: RequestState, note: str = "", **columns) -> Request:
    check_transition(request.state, target, request.kind)
    sets = ", ".join([f"{k} = ?" for k in columns] + ["state = ?"])
    with session.db.transaction():
        session.db.execute(f"UPDATE requests SET {sets} WHERE id = ?", (*columns.values(), target.value, request.id))
        _event(session, request.id, request.state.value, target.value, note)
        session.record(Action.UPDATE, object_type="request", object_id=request.id,
                       employee_id=request.employee_id, data=f"{request.kind.label}: {target.label}")
    return get(session, request.id)


@requires(Permission.PRACTICE_WRITE)
def check_identity(session: Session, request_id: int, *, photo_blacked: bool, mrz_blacked: bool,
                   number_blacked: bool, bsn_blacked: bool, keep_copy: bytes | None = None) -> Request:
    """The ID copy was seen with photo, MRZ, document number and BSN blacked out; not kept unless chosen."""
    request = get(session, request_id)
    if not all((photo_blacked, mrz_blacked, number_blacked, bsn_blacked)):
        raise ValidationError("identity", "Identiteit: de kopie moet pasfoto, MRZ-code, documentnummer en "
                                          "BSN afgeschermd tonen. Vraag een nieuwe kopie.")
    if keep_copy is not None and sniff(keep_copy) is None:
        raise ValidationError("identity", "Kopie identiteitsbewijs: alleen PDF, JPEG of PNG.")
    return _move(session, request, RequestState.IDENTITY_CHECKED, "identiteit gecontroleerd",
                 identity_checked_on=session.today().isoformat(), identity_checked_by=session.user.id,
                 id_copy=keep_copy)


@requires(Permission.PRACTICE_WRITE)
def start(session: Session, request_id: int) -> Request:
    return _move(session, get(session, request_id), RequestState.IN_PROGRESS)


@requires(Permission.PRACTICE_WRITE)
def extend(session: Session, request_id: int, extended_until: str, reason: str, letter_on: str) -> Request:
    request = get(session, request_id)
    until = validation.parse_date_nl(extended_until, "extended_until")
    letter = validation.parse_date_nl(letter_on, "extension_letter_on")
    check_extension(request.received_on, until, letter, reason, request.extended_until is not None)
    with session.db.transaction():
        session.db.execute("UPDATE requests SET extended_until = ?, extension_reason = ?, extension_letter_on = ? "
                           "WHERE id = ?", (until.isoformat(), reason, letter.isoformat(), request_id))
        _event(session, request_id, request.state.value, request.state.value, f"verlengd tot {until:%d-%m-%Y}: {reason}")
        session.record(Action.UPDATE, object_type="request", object_id=request_id,
                       employee_id=request.employee_id, data="termijn verlengd")
    return get(session, request_id)


@requires(Permission.PRACTICE_WRITE)
def ready_for_signoff(session: Session, request_id: int) -> Request:
    return _move(session, get(session, request_id), RequestState.AWAITING_SIGNOFF)


@requires(Permission.PRACTICE_WRITE, Permission.COPY_SIGN_OFF)
def sign_off(session: Session, request_id: int, outcome: str = "") -> Request:
    """A physician signs off; the responsible one, or the supervising one when that one is absent.

    The table lets any physician through; which physician (issue 13) is a rule on the request, to be
    checked here with ``authz.check(..., [Permission.RELEASE_APPROVE_AS_SUPERVISOR])`` for a
    stand-in, like ``releases._decide``.
    """
    request = get(session, request_id)
    return _move(session, request, RequestState.DONE, outcome or "akkoord bedrijfsarts",
                 signed_off_by=session.user.id, closed_on=session.today().isoformat(), outcome=outcome)


@requires(Permission.PRACTICE_WRITE)
def close(session: Session, request_id: int, outcome: str) -> Request:
    request = get(session, request_id)
    return _move(session, request, RequestState.DONE, outcome, outcome=outcome,
                 closed_on=session.today().isoformat())


@requires(Permission.PRACTICE_WRITE)
def refuse(session: Session, request_id: int, reason: str) -> Request:
    request = get(session, request_id)
    reason = validation.text(reason, "outcome", label="Reden", required=True, max_length=2000, multiline=True)
    return _move(session, request, RequestState.REFUSED, reason, outcome=reason, closed_on=session.today().isoformat())


# --- correction ---------------------------------------------------------------------------------


@requires(Permission.PRACTICE_WRITE, Permission.MEDICAL_WRITE, Permission.MEDICAL_CLINICAL)
def correct(session: Session, request_id: int, entry_id: int, form: dict[str, str], entry_date: str, reason: str):
    """The physician agrees: a new version of the entry; the old one stays for medical staff."""
    request = _require(session, request_id, RequestKind.CORRECTION)
    entry = medical_entries.correct_entry(session, entry_id, {**form, "entry_date": entry_date}, f"correctieverzoek: {reason}")
    close(session, request.id, "gecorrigeerd")
    return entry


@requires(Permission.PRACTICE_WRITE, Permission.MEDICAL_WRITE, Permission.MEDICAL_CLINICAL)
def disagree(session: Session, request_id: int, statement: str, received_on: str, entry_id: int | None = None) -> Request:
    """The physician disagrees: the employee's own view is added to the dossier instead."""
    request = _require(session, request_id, RequestKind.CORRECTION)
    statements.add_statement(session, request.employee_id, StatementForm(statement, received_on), entry_id=entry_id)
    return close(session, request.id, "niet gecorrigeerd; verklaring van de werknemer toegevoegd")


def _require(session: Session, request_id: int, kind: RequestKind) -> Request:
    request = get(session, request_id)
    if request.kind is not kind:
        raise ValidationError("kind", f"Dit is geen verzoek om {kind.label.lower()}.")
    if request.state is not RequestState.IN_PROGRESS:
        raise ValidationError("state", "Controleer eerst de identiteit en zet het verzoek in behandeling.")
    return request


# --- restriction --------------------------------------------------------------------------------


@requires(Permission.PRACTICE_WRITE)
def restrict(session: Session, employee_id: int, reason: str, request_id: int | None = None) -> None:
    reason = validation.text(reason, "reason", label="Reden", required=True, max_length=1000)
    employees.open_dossier(session, employee_id)
    with session.db.transaction():
        session.db.execute("INSERT INTO restrictions (employee_id, reason, started_at, started_by) VALUES (?, ?, ?, ?)",
                           (employee_id, reason, now(), session.user.id))
        session.record(Action.UPDATE, object_type="restriction", employee_id=employee_id, data="verwerking beperkt")
    if request_id is not None:
        close(session, request_id, "verwerking beperkt")


@requires(Permission.RESTRICTION_LIFT)
def lift_restriction(session: Session, employee_id: int) -> None:
    with session.db.transaction():
        session.db.execute("UPDATE restrictions SET lifted_at = ?, lifted_by = ? WHERE employee_id = ? AND lifted_at IS NULL",
                           (now(), session.user.id, employee_id))
        session.record(Action.UPDATE, object_type="restriction", employee_id=employee_id, data="beperking opgeheven")


# --- destruction (carried out by services.destruction) ----------------------------------------------


@requires(Permission.AUDIT_READ)
def destruction_register(session: Session, employee_id: int) -> list[tuple]:
    return session.db.query("SELECT destroyed_at, destroyed_by, categories, reason, request_id "
                            "FROM destruction_register WHERE employee_id = ?", (employee_id,))


# --- portability -----------------------------------------------------------------------------------

PORTABILITY_SCHEMA = "arbokluis-portable/1"


@requires(Permission.PRACTICE_READ, Permission.MEDICAL_READ)
def export_portable(session: Session, employee_id: int) -> bytes:
    """One ZIP archive: data.json (schema docs/portability.md) plus the attachments."""
    from desktop_app.services import activities, cases

    e = employees.open_dossier(session, employee_id)
    entries = medical_entries.list_entries(session, employee_id)
    attachments = attachment_service.list_attachments(session, employee_id)
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
        "employee_statements": [{"received_on": s.received_on.isoformat(), "statement": s.statement} for s in statements.list_statements(session, employee_id)],
        "attachments": [{"id": a.id, "file": f"attachments/{a.id}-{_safe(a.filename)}", "mime": a.mime,
                         "description": a.description} for a in attachments],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=1))
        for a in attachments:
            blob = attachment_service.get_attachment(session, a.id)
            z.writestr(f"attachments/{a.id}-{_safe(a.filename)}", blob)
    session.record(Action.EXPORT, object_type="portability", employee_id=employee_id, data="export (overdraagbaarheid)")
    return buffer.getvalue()


def _safe(filename: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in filename)[:80] or "bijlage"


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
    rows = session.db.query(
        "SELECT r.id, r.employee_id, e.surname, e.prefix, e.given_names, e.initials, r.kind, "
        "coalesce(r.extended_until, r.deadline) AS due FROM requests r JOIN employees e ON e.id = r.employee_id "
        "WHERE r.state NOT IN ('done', 'refused') AND due <= ? ORDER BY due",
        ((today + timedelta(days=days)).isoformat(),))
    return [RequestLine(r[0], r[1], names.display_name(r[4] or r[5], r[3], r[2]),
                        f"Verzoek: {RequestKind(r[6]).label}", date.fromisoformat(r[7])) for r in rows]


@requires(Permission.CONSENT_WORDING)
def consents_expiring(session: Session, days: int = 30, today: date | None = None) -> list[RequestLine]:
    today = today or session.today()
    rows = session.db.query(
        "SELECT c.id, c.employee_id, e.surname, e.prefix, e.given_names, e.initials, c.recipient_name, c.valid_until "
        "FROM consents c JOIN employees e ON e.id = c.employee_id WHERE c.revoked_on IS NULL "
        "AND c.valid_until BETWEEN ? AND ? ORDER BY c.valid_until",
        (today.isoformat(), (today + timedelta(days=days)).isoformat()))
    return [RequestLine(r[0], r[1], names.display_name(r[4] or r[5], r[3], r[2]), f"Toestemming ({r[6]}) verloopt",
                        date.fromisoformat(r[7])) for r in rows]
