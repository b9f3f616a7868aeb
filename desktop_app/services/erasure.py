"""Carrying out one decision on one retention item: the decision, its work, its register line and
its audit event as one transaction (docs/decisions/0007).

- Practice-only categories (personal, payroll, trajectory, identity): one practice.db
  transaction holds all four; foreign keys are deferred and checked before the commit, so a row
  that still points at something deleted stops everything with ``ReferencesRemain``.
- The medical category: the practice.db transaction is opened first and holds the decision, the
  register line and the event; the medical.db transaction (the deletes and a line in the
  medical section's erasure log) runs inside it and commits first; practice.db commits last.
  A failure before the medical commit undoes both. Only the practice commit itself can fail
  after it; the erasure log line then has no decision, which is detectable, and the next
  attempt (any decision with the medical section open, or ``finish_incomplete``) writes the
  decision, the register line and the event from it.
- Afterwards every section written is compacted (checkpoint, VACUUM), so no page keeps the
  content; a compaction cut off is owed (a flag in the section) and done at the next attempt.

Nothing here decides whether a term has ended: ``services.retention`` and
``services.destruction`` do, and are the only callers.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field

from desktop_app.audit import Action, Outcome
from desktop_app.domain.permissions import Permission
from desktop_app.domain.retention import Category, Decision, Unit
from desktop_app.errors import ArbokluisError, MedicalLocked, StorageError
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import compaction, medical_erasure, practice_erasure
from desktop_app.storage import retention as store
from desktop_app.storage.column_values import now
from desktop_app.storage.connection import Database


class Unfinished(StorageError):
    """The medical section was erased but practice.db did not record it: finished next time."""

    def __init__(self, cause: ArbokluisError) -> None:
        super().__init__(
            "Het medische deel is vernietigd, maar het besluit en de regel in het vernietigingsregister "
            f"konden niet worden vastgelegd: {cause.message} Arbokluis legt ze vast bij de volgende "
            "vernietiging of bij Afronden op de pagina Bewaartermijnen.",
            detail=f"practice commit failed after the medical erasure: {type(cause).__name__}")


class IdentityStillNeeded(ArbokluisError):
    message = ("De identiteit kan niet weg: het medische deel bevat nog gegevens van deze werknemer. "
               "Er is niets vernietigd.")


@dataclass(frozen=True)
class Done:
    """What one decision did."""

    decision_id: int
    counts: dict[str, int] = field(default_factory=dict)
    finished_earlier: int = 0  # interrupted destructions completed first
    warning: str = ""  # Dutch: the work is done and recorded, but the file is not yet compacted


@dataclass(frozen=True)
class Incomplete:
    """A destruction that reached the medical section but whose decision was not recorded."""

    work_key: str
    employee_id: int
    category: Category
    decided_at: str


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in counts.items() if v) or "geen gegevens"


def _reason(unit: Unit, label: str) -> str:
    if unit.request_id is not None:
        return f"verzoek van de werknemer ({label}, {unit.decision.label})"
    if unit.category is Category.PAYROLL and unit.decision is Decision.ANONYMISE:
        return f"bewaartermijn verstreken ({label}): bewaard voor de statistiek, zonder identiteit"
    return f"bewaartermijn verstreken ({label}, {unit.decision.label})"


def _practice_work(db: Database, unit: Unit) -> dict[str, int]:
    c, d = unit.category, unit.decision
    if c is Category.PERSONAL and d is Decision.DESTROY:
        return practice_erasure.destroy_personal(db, unit.employee_id, except_request=unit.request_id)
    if c is Category.PAYROLL and d is Decision.DESTROY:
        return practice_erasure.destroy_payroll(db, unit.employee_id)
    if c is Category.PAYROLL and d is Decision.ANONYMISE:
        return {}
    if c is Category.TRAJECTORY and d is Decision.ANONYMISE:
        return practice_erasure.anonymise_trajectory(db, unit.item)
    if c is Category.IDENTITY and d is Decision.DESTROY:
        return practice_erasure.destroy_identity(db, unit.employee_id)
    if c is Category.MEDICAL and d is Decision.DESTROY:
        return practice_erasure.destroy_medical_log(db, unit.employee_id)
    raise ValueError(f"{d} is not a decision for {c}")


def _carry_out(session: Session, unit: Unit, label: str) -> Done:
    """The one way a decision is recorded and carried out. Raises a typed error, with nothing
    recorded or done, when anything fails before the last commit."""
    medical_side = unit.category is Category.MEDICAL and unit.decision is Decision.DESTROY
    needs_medical = unit.category in (Category.MEDICAL, Category.IDENTITY)
    mdb = session.medical() if needs_medical or session.medical_unlocked else None
    finished = _finish(session, mdb) if mdb is not None else 0  # an earlier cut-off destruction first
    db = session.db
    stamp = now()
    key = uuid.uuid4().hex if medical_side else None
    counts: dict[str, int] = {}
    medical_done = False
    try:
        with db.transaction():
            practice_erasure.defer_references(db)
            decision_id = store.insert_decision(db, store.NewDecision(
                unit.employee_id, unit.category.value, unit.item, unit.decision.value, unit.reason, unit.note,
                unit.review_on, session.user.id, stamp, unit.request_id, key))
            keep = unit.decision is Decision.KEEP
            session.record(Action.UPDATE if keep else Action.DELETE, object_type="retention",
                           object_id=decision_id, employee_id=unit.employee_id,
                           data=f"{label}: {unit.decision.label}" + (" (verzoek)" if unit.request_id else ""))
            if keep:
                return Done(decision_id, {}, finished)
            if unit.category is Category.IDENTITY and any(medical_erasure.count_employee(mdb, unit.employee_id).values()):
                raise IdentityStillNeeded(detail="medical data remains")
            counts = medical_erasure.count_employee(mdb, unit.employee_id) if medical_side else {}
            counts.update(_practice_work(db, unit))
            store.insert_register(db, employee_id=unit.employee_id, request_id=unit.request_id, destroyed_at=stamp,
                                  destroyed_by=session.user.id, category=unit.category.value, item=unit.item,
                                  categories=_summary(counts), reason=_reason(unit, label), decision_id=decision_id)
            practice_erasure.check_references(db)
            compaction.owe(db)
            if medical_side:
                if mdb is None or key is None:  # medical_side implies both; never reached
                    raise MedicalLocked(detail="medical section closed during a medical destruction")
                with mdb.transaction():
                    deleted = medical_erasure.delete_employee(mdb, unit.employee_id)
                    medical_erasure.log(mdb, medical_erasure.LogLine(
                        key, unit.employee_id, unit.category.value, unit.decision.value, unit.reason, unit.note,
                        unit.request_id, unit.grounds, deleted, session.user.id, stamp))
                    compaction.owe(mdb)
                medical_done = True  # from here only the practice commit can fail: _finish completes it
    except ArbokluisError as exc:
        if medical_done:
            raise Unfinished(exc) from exc
        _record_failure(session, unit, label)
        raise
    return Done(decision_id, counts, finished, _compact(db, mdb))


def _record_failure(session: Session, unit: Unit, label: str) -> None:
    """The failed attempt on the trail, when the trail can still be written (a full disk may not)."""
    with contextlib.suppress(ArbokluisError):
        session.record(Action.DELETE, outcome=Outcome.FAILED, object_type="retention",
                       employee_id=unit.employee_id, data=f"{label}: {unit.decision.label} mislukt, niets gewijzigd")


def _compact(*dbs: Database | None) -> str:
    failed = []
    for db in dbs:
        if db is None or not compaction.owed(db):
            continue
        try:
            compaction.compact(db)
        except StorageError:
            failed.append(db.name)
    if not failed:
        return ""
    return ("De gegevens zijn vernietigd en het besluit is vastgelegd, maar het bestand kon nog niet "
            "worden opgeschoond (bijvoorbeeld omdat de schijf vol is). Maak ruimte vrij; Arbokluis schoont "
            "het op bij de volgende vernietiging.")


def _finish(session: Session, mdb: Database) -> int:
    """Record the decisions of destructions that reached the medical section but not practice.db."""
    db = session.db
    recorded = store.work_keys(db)
    done = 0
    for line in medical_erasure.log_lines(mdb):
        if line.work_key in recorded:
            continue
        label = Category(line.category).label
        unit = Unit(line.employee_id, Category(line.category), Decision(line.decision), reason=line.reason,
                    note=line.note, request_id=line.request_id)
        with db.transaction():
            if line.category == Category.MEDICAL.value:  # the release log goes with the dossier
                practice_erasure.destroy_medical_log(db, line.employee_id)
            decision_id = store.insert_decision(db, store.NewDecision(
                line.employee_id, line.category, 0, line.decision, line.reason, line.note, None, line.decided_by,
                line.decided_at, line.request_id, line.work_key))
            store.insert_register(db, employee_id=line.employee_id, request_id=line.request_id,
                                  destroyed_at=line.decided_at, destroyed_by=line.decided_by, category=line.category,
                                  item=0, categories=_summary(line.counts), reason=_reason(unit, label),
                                  decision_id=decision_id)
            session.record(Action.DELETE, object_type="retention", object_id=decision_id,
                           employee_id=line.employee_id,
                           data=f"{label}: {unit.decision.label} (afgerond na onderbreking)")
        done += 1
    return done


@requires(Permission.DESTROY, Permission.MEDICAL_READ)
def incomplete(session: Session) -> list[Incomplete]:
    """Destructions carried out in the medical section whose decision is not yet recorded."""
    recorded = store.work_keys(session.db)
    return [Incomplete(line.work_key, line.employee_id, Category(line.category), line.decided_at)
            for line in medical_erasure.log_lines(session.medical()) if line.work_key not in recorded]


@requires(Permission.DESTROY, Permission.MEDICAL_WRITE)
def finish_incomplete(session: Session) -> int:
    """Record what an interrupted destruction left unrecorded, and compact what is owed."""
    mdb = session.medical()
    done = _finish(session, mdb)
    _compact(session.db, mdb)
    return done
