"""Queries of the data-subject requests, their history and their outcomes (practice section).

Typed rows in and out (``domain.requests``). The ID copy and the signed authorisation are kept
as the practice chose; reading them back is not offered here on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.requests import (
    Authorisation,
    Outcome,
    OutcomeKind,
    Request,
    RequestEvent,
    RequestKind,
    RequestState,
)
from desktop_app.storage.column_values import iso, now, to_date
from desktop_app.storage.connection import Database

_COLS = ("id, employee_id, kind, requester_kind, requester_name, received_on, deadline, extended_until, "
         "extension_reason, extension_letter_on, identity_checked_on, identity_checked_by, "
         "identity_method, identity_document, state, outcome, outcome_kind, signed_off_by, closed_on, "
         "authorisation_scope, authorisation_signed_on, authorisation_valid_until, authorisation_kinds, "
         "representative_relation, consent_id, document_made_at, release_id")


@dataclass(frozen=True)
class NewRequest:
    employee_id: int
    kind: RequestKind
    requester_kind: str
    requester_name: str
    received_on: date
    deadline: date
    authorisation: Authorisation | None
    authorisation_document: bytes | None
    created_by: int


def _request(r: tuple) -> Request:
    authorisation = None
    if r[3] == "representative" and r[20]:
        kinds = frozenset(RequestKind(k) for k in r[22].split(",") if k) if r[22] else frozenset(RequestKind)
        until = to_date(r[21]) or date.max  # recorded before the valid-until date was asked for
        authorisation = Authorisation(r[4], r[23], r[19], kinds, to_date(r[20]), until)  # type: ignore[arg-type]
    return Request(
        id=r[0], employee_id=r[1], kind=RequestKind(r[2]), requester_kind=r[3], requester_name=r[4],
        received_on=to_date(r[5]), deadline=to_date(r[6]), extended_until=to_date(r[7]),  # type: ignore[arg-type]
        extension_reason=r[8], extension_letter_on=to_date(r[9]), identity_checked_on=to_date(r[10]),
        identity_checked_by=r[11], identity_method=r[12] or ("copy" if r[10] else ""),
        identity_document=r[13], state=RequestState(r[14]), outcome=r[15],
        outcome_kind=OutcomeKind(r[16]) if r[16] else None, signed_off_by=r[17], closed_on=to_date(r[18]),
        authorisation=authorisation, consent_id=r[24], document_made_at=r[25],
        release_id=r[26])


def insert(db: Database, new: NewRequest) -> int:
    a = new.authorisation
    cur = db.execute(
        "INSERT INTO requests (employee_id, kind, requester_kind, requester_name, authorisation_scope, "
        "authorisation_signed_on, authorisation_valid_until, authorisation_kinds, representative_relation, "
        "authorisation_document, received_on, deadline, state, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)",
        (new.employee_id, new.kind.value, new.requester_kind, new.requester_name,
         a.scope if a else "", iso(a.signed_on) if a else None, iso(a.valid_until) if a else None,
         ",".join(sorted(k.value for k in a.kinds)) if a else "", a.relation if a else "",
         new.authorisation_document, new.received_on.isoformat(), new.deadline.isoformat(),
         new.created_by, now()))
    return cur.lastrowid


def get(db: Database, request_id: int) -> Request | None:
    r = db.one(f"SELECT {_COLS} FROM requests WHERE id = ?", (request_id,))
    return _request(r) if r else None


def for_employee(db: Database, employee_id: int) -> list[Request]:
    rows = db.query(f"SELECT {_COLS} FROM requests WHERE employee_id = ? ORDER BY received_on DESC, id DESC",
                    (employee_id,))
    return [_request(r) for r in rows]


def set_identity(db: Database, request_id: int, *, method: str, document: str, checked_on: date,
                 checked_by: int, id_copy: bytes | None) -> None:
    db.execute("UPDATE requests SET identity_method = ?, identity_document = ?, identity_checked_on = ?, "
               "identity_checked_by = ?, id_copy = ? WHERE id = ?",
               (method, document, checked_on.isoformat(), checked_by, id_copy, request_id))


def set_extension(db: Database, request_id: int, until: date, reason: str, letter_on: date) -> None:
    db.execute("UPDATE requests SET extended_until = ?, extension_reason = ?, extension_letter_on = ? "
               "WHERE id = ?", (until.isoformat(), reason, letter_on.isoformat(), request_id))


def set_signed_off(db: Database, request_id: int, user_id: int) -> None:
    db.execute("UPDATE requests SET signed_off_by = ? WHERE id = ?", (user_id, request_id))


def set_document_made(db: Database, request_id: int) -> str:
    stamp = now()
    db.execute("UPDATE requests SET document_made_at = ? WHERE id = ?", (stamp, request_id))
    return stamp


def set_release(db: Database, request_id: int, release_id: int) -> None:
    db.execute("UPDATE requests SET release_id = ? WHERE id = ?", (release_id, request_id))


def set_consent(db: Database, request_id: int, consent_id: int) -> None:
    db.execute("UPDATE requests SET consent_id = ? WHERE id = ?", (consent_id, request_id))


def move(db: Database, request: Request, target: RequestState, user_id: int, note: str = "") -> None:
    """A step of the workflow, with its line in the request's history."""
    db.execute("UPDATE requests SET state = ? WHERE id = ?", (target.value, request.id))
    add_event(db, request.id, user_id, request.state.value, target.value, note)


def finish(db: Database, request: Request, target: RequestState, outcome_kind: OutcomeKind, text: str,
           closed_on: date, user_id: int, outcome: Outcome | None = None) -> None:
    """The last step: state, the outcome's words and kind, the day, the history line and (when
    there is one) the outcome's record."""
    db.execute("UPDATE requests SET state = ?, outcome = ?, outcome_kind = ?, closed_on = ? WHERE id = ?",
               (target.value, text, outcome_kind.value, closed_on.isoformat(), request.id))
    add_event(db, request.id, user_id, request.state.value, target.value, text)
    if outcome is not None:
        save_outcome(db, outcome)


# --- history --------------------------------------------------------------------------------------


def add_event(db: Database, request_id: int, user_id: int, from_state: str, to_state: str,
              note: str = "") -> None:
    db.execute("INSERT INTO request_events (request_id, at, user_id, from_state, to_state, note) "
               "VALUES (?, ?, ?, ?, ?, ?)", (request_id, now(), user_id, from_state, to_state, note))


def events(db: Database, request_id: int) -> list[RequestEvent]:
    rows = db.query("SELECT at, user_id, from_state, to_state, note FROM request_events "
                    "WHERE request_id = ? ORDER BY id", (request_id,))
    return [RequestEvent(*r) for r in rows]


# --- outcomes -------------------------------------------------------------------------------------

_OUTCOME_COLS = ("request_id, kind, on_date, recorded_by, present, method, note, entry_id, version, "
                 "statement_id, restriction_id, release_id, made_at")


def _outcome(r: tuple) -> Outcome:
    return Outcome(r[0], OutcomeKind(r[1]), to_date(r[2]), r[3], r[4], r[5], r[6], r[7], r[8],  # type: ignore[arg-type]
                   r[9], r[10], r[11], r[12])


def save_outcome(db: Database, o: Outcome) -> None:
    db.execute(f"INSERT OR REPLACE INTO request_outcomes ({_OUTCOME_COLS}, recorded_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (o.request_id, o.kind.value, o.on_date.isoformat(), o.recorded_by, o.present, o.method, o.note,
                o.entry_id, o.version, o.statement_id, o.restriction_id, o.release_id, o.made_at, now()))


def outcome(db: Database, request_id: int) -> Outcome | None:
    r = db.one(f"SELECT {_OUTCOME_COLS} FROM request_outcomes WHERE request_id = ?", (request_id,))
    return _outcome(r) if r else None


def clear_personal(db: Database, employee_id: int) -> int:
    """Anonymisation (the retention service calls this in its transaction): the words of the
    employee's requests go — who asked, the authorisation, the scans, reasons, outcomes, who was
    present — while kinds, dates and states stay. Returns how many requests were cleared."""
    ids = "SELECT id FROM requests WHERE employee_id = ?"
    db.execute(f"UPDATE request_events SET note = '' WHERE request_id IN ({ids})", (employee_id,))
    db.execute(f"UPDATE request_outcomes SET present = '', note = '' WHERE request_id IN ({ids})", (employee_id,))
    db.execute("UPDATE recipient_notices SET reason = '' WHERE employee_id = ?", (employee_id,))
    return db.execute(
        "UPDATE requests SET requester_name = '', representative_relation = '', authorisation_scope = '', "
        "authorisation_document = NULL, id_copy = NULL, extension_reason = '', outcome = '' WHERE employee_id = ?",
        (employee_id,)).rowcount
