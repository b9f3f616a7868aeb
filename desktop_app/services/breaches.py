"""The data-breach register (AVG art. 33): physicians record each breach — what happened, when it
happened and was discovered, whose data by category and number, the risk — and follow it up:
reported to the Autoriteit Persoonsgegevens within 72 hours of discovery (the deadline is shown
from that moment) or why not, the people concerned told when the risk is high, the measures.
Every step is on the audit trail, without the breach's words."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from desktop_app.audit import Action
from desktop_app.domain import breaches as rules
from desktop_app.domain import validation
from desktop_app.domain.breaches import DATA_CATEGORIES, RISKS, SUBJECT_CATEGORIES, Breach
from desktop_app.domain.permissions import Permission
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services.authz import requires, unguarded
from desktop_app.services.session import Session
from desktop_app.storage import breaches as store

__all__ = ["DATA_CATEGORIES", "RISKS", "SUBJECT_CATEGORIES", "Breach"]


@unguarded("the clock: no data")
def now() -> datetime:
    """Local time to the minute, as the register counts the 72 hours."""
    return datetime.now().replace(second=0, microsecond=0)


@requires(Permission.BREACH_REGISTER)
def get(session: Session, breach_id: int) -> Breach:
    b = store.get(session.db, breach_id)
    if b is None:
        raise NotFound(detail=f"breach {breach_id}")
    return b


@requires(Permission.BREACH_REGISTER)
def register_list(session: Session) -> list[Breach]:
    return store.all_breaches(session.db)


def _record(session: Session, b_id: int, action: Action, what: str) -> None:
    session.record(action, object_type="data_breach", object_id=b_id, data=what)


@requires(Permission.BREACH_REGISTER)
def record(session: Session, *, summary: str, occurred_on: str, occurred_time: str, discovered_on: str,
           discovered_time: str, data_categories: Iterable[str], subject_categories: Iterable[str],
           subjects_count: str, count_estimated: bool = False, consequences: str = "", risk: str = "",
           risk_assessment: str = "", measures: str = "") -> Breach:
    new = rules.parse_breach(summary=summary, occurred_on=occurred_on, occurred_time=occurred_time,
                             discovered_on=discovered_on, discovered_time=discovered_time,
                             data_categories=data_categories, subject_categories=subject_categories,
                             subjects_count=subjects_count, count_estimated=count_estimated,
                             consequences=consequences, risk=risk, risk_assessment=risk_assessment,
                             measures=measures, now=now())
    with session.db.transaction():
        breach_id = store.insert(session.db, new, session.user.id)
        _record(session, breach_id, Action.CREATE, f"datalek vastgelegd ({RISKS[new.risk]})")
    return get(session, breach_id)


def _open(session: Session, breach_id: int) -> Breach:
    b = get(session, breach_id)
    if b.closed_on is not None:
        raise ValidationError("close", "Dit datalek is afgesloten.")
    return b


@requires(Permission.BREACH_REGISTER)
def report_to_ap(session: Session, breach_id: int, reported_on: str, reported_time: str, reference: str,
                 late_reason: str = "") -> Breach:
    b = _open(session, breach_id)
    at = rules.parse_moment(reported_on, reported_time, "reported", "Gemeld op")
    reference, late_reason = rules.check_report(b, at, reference, late_reason, now())
    with session.db.transaction():
        store.set_reported(session.db, b.id, at, reference, late_reason)
        _record(session, b.id, Action.UPDATE, "datalek gemeld bij de AP")
    return get(session, b.id)


@requires(Permission.BREACH_REGISTER)
def not_reported(session: Session, breach_id: int, reason: str) -> Breach:
    b = _open(session, breach_id)
    reason = rules.check_not_reported(b, reason)
    with session.db.transaction():
        store.set_not_reported(session.db, b.id, reason)
        _record(session, b.id, Action.UPDATE, "datalek niet gemeld, met reden")
    return get(session, b.id)


@requires(Permission.BREACH_REGISTER)
def subjects_informed(session: Session, breach_id: int, on: str = "", reason_not: str = "") -> Breach:
    """The people concerned were told on ``on``, or (``reason_not``) why not (AVG art. 34 lid 3)."""
    b = _open(session, breach_id)
    day = None
    if on.strip():
        day = validation.parse_date_nl(on, "subjects_informed_on", label="Betrokkenen geïnformeerd op")
        if day > session.today() or day < b.discovered_at.date():
            raise ValidationError("subjects_informed_on", "Betrokkenen geïnformeerd op: tussen de ontdekking en "
                                                          "vandaag.")
        reason_not = ""
    else:
        reason_not = validation.text(reason_not, "subjects_not_informed_reason", label="Waarom niet geïnformeerd",
                                     required=True, max_length=2000, multiline=True)
    with session.db.transaction():
        store.set_subjects_informed(session.db, b.id, day, reason_not)
        _record(session, b.id, Action.UPDATE, "betrokkenen geïnformeerd" if day else "betrokkenen niet geïnformeerd")
    return get(session, b.id)


@requires(Permission.BREACH_REGISTER)
def set_measures(session: Session, breach_id: int, measures: str) -> Breach:
    b = _open(session, breach_id)
    measures = validation.text(measures, "measures", label="Genomen maatregelen", required=True, max_length=4000,
                               multiline=True)
    with session.db.transaction():
        store.set_measures(session.db, b.id, measures)
        _record(session, b.id, Action.UPDATE, "maatregelen vastgelegd")
    return get(session, b.id)


@requires(Permission.BREACH_REGISTER)
def close(session: Session, breach_id: int) -> Breach:
    b = _open(session, breach_id)
    rules.check_close(b)
    with session.db.transaction():
        store.set_closed(session.db, b.id, session.today())
        _record(session, b.id, Action.UPDATE, "datalek afgesloten")
    return get(session, b.id)
