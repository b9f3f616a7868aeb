"""What has passed its retention period, and a physician's decision per item: destroy, anonymise
(statistics stay correct), or keep with a recorded reason and a review date. Nothing is destroyed
without such a decision; every decision is in the audit trail and, for destroy and anonymise, in
the destruction register (which holds no content). Seeing what is due and deciding are both
``Permission.DESTROY``: a case manager changes no retention."""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.audit import Action
from desktop_app.domain import names, validation
from desktop_app.domain.permissions import Permission
from desktop_app.domain.retention import DEFAULT_RULES, Category, Due, Facts, due_dates
from desktop_app.errors import ValidationError
from desktop_app.services import erasure
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import exposures as exposures_store
from desktop_app.storage import medical_entries as medical_entries_store
from desktop_app.storage.rows import now

KEEP_REASONS = {"complaint": "klacht", "proceedings": "procedure", "legal_duty": "wettelijke plicht"}


@requires(Permission.PRACTICE_READ)
def years(session: Session) -> dict[str, int]:
    stored = dict(session.db.query("SELECT key, value FROM settings WHERE key LIKE 'retention_%'"))
    out = {}
    for name, rule in DEFAULT_RULES.items():
        try:
            out[name] = int(stored.get(rule.key, rule.years))
        except ValueError:
            out[name] = rule.years
    return out


def _facts(session: Session) -> list[Facts]:
    rows = session.db.query(
        "SELECT e.id, e.surname, e.prefix, e.given_names, e.initials, e.employment_end, r.contract_end, "
        "(SELECT max(coalesce(c.trajectory_end, c.recovered_on)) FROM absence_cases c WHERE c.employee_id = e.id "
        " AND NOT EXISTS (SELECT 1 FROM absence_cases o WHERE o.employee_id = e.id AND o.recovered_on IS NULL)) "
        "FROM employees e JOIN employers r ON r.id = e.employer_id "
        "WHERE e.employment_end IS NOT NULL OR r.contract_end IS NOT NULL")
    medical_last: dict[int, str] = {}
    exposures: dict[int, list] = {}
    if session.medical_unlocked:
        mdb = session.medical()
        medical_last = medical_entries_store.last_written_per_employee(mdb)
        for x in exposures_store.periods(mdb):
            exposures.setdefault(x.employee_id, []).append((x.category, x.end))
    d = lambda v: date.fromisoformat(v[:10]) if v else None  # noqa: E731
    return [Facts(r[0], names.display_name(r[3] or r[4], r[2], r[1]), d(r[5]), d(r[6]), d(medical_last.get(r[0])),
                  tuple(exposures.get(r[0], ())), d(r[7])) for r in rows]


def _decided(session: Session, today: date) -> set[tuple[int, str]]:
    """Items no longer open: destroyed or anonymised, or kept with a review date still ahead."""
    out = set()
    for employee_id, category, decision, review_on in session.db.query(
            "SELECT employee_id, category, decision, review_on FROM retention_decisions"):
        if decision != "keep" or (review_on and date.fromisoformat(review_on) > today):
            out.add((employee_id, category))
    return out


@requires(Permission.DESTROY)
def due(session: Session, *, today: date | None = None, within_days: int = 0) -> list[Due]:
    """What has passed (or, with ``within_days``, will pass) its period and awaits a decision.

    The medical category is only computed with the medical section open.
    """
    today = today or session.today()
    horizon = today + timedelta(days=within_days)
    decided = _decided(session, today)
    rules = years(session)
    items = [item for f in _facts(session) for item in due_dates(f, rules)
             if item.due <= horizon and (item.employee_id, item.category.value) not in decided]
    return sorted(items, key=lambda i: (i.name, i.category.value))


@requires(Permission.DESTROY)
def decide(session: Session, employee_id: int, category: str, decision: str, *, reason: str = "",
           review_on: str = "") -> None:
    try:
        category_ = Category(category)
    except ValueError:
        raise ValidationError("category", "Categorie: onbekend.") from None
    if decision not in ("destroy", "anonymise", "keep"):
        raise ValidationError("decision", "Besluit: kies vernietigen, anonimiseren of bewaren.")
    review = None
    if decision == "keep":
        if reason not in KEEP_REASONS:
            raise ValidationError("reason", "Reden om te bewaren: klacht, procedure of wettelijke plicht.")
        review = validation.parse_date_nl(review_on, "review_on")
        if review <= session.today():
            raise ValidationError("review_on", "Opnieuw beoordelen op: een datum in de toekomst.")
    with session.db.transaction():
        session.db.execute("INSERT INTO retention_decisions (employee_id, category, decision, reason, review_on, "
                           "decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (employee_id, category_.value, decision, reason, review.isoformat() if review else None,
                            session.user.id, now()))
        session.record(Action.UPDATE, object_type="retention", employee_id=employee_id,
                       data=f"bewaartermijn {category_.label}: {decision}")
    if decision == "keep":
        return
    if category_ is not Category.TRAJECTORY:
        session.medical()  # destroying or anonymising needs the medical section open (no orphans)
    if category_ is Category.PERSONAL and decision == "destroy":
        counts = erasure.destroy_employee(session, employee_id)
    elif category_ is Category.MEDICAL:
        counts = erasure.erase_medical(session, employee_id)
    elif category_ is Category.TRAJECTORY:
        counts = erasure.clear_trajectory(session, employee_id)
    else:
        counts = erasure.anonymise_personal(session, employee_id)
    erasure.register(session, employee_id, counts, f"bewaartermijn verstreken ({category_.label}, {decision})")
