"""What has passed its retention period, per category, and a physician's decision per item:
destroy, anonymise, or keep with a recorded reason and a review date (``domain.retention`` has
the categories and their terms). Nothing is destroyed without such a decision; the decision, its
work and its register line are one transaction (``services.erasure``). Seeing what is due and
deciding are both ``Permission.DESTROY``: a case manager changes no retention."""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.domain import validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.permissions import Permission
from desktop_app.domain.retention import (
    CHOICES,
    KEEP_REASONS,
    Category,
    Decision,
    Due,
    Facts,
    MedicalFacts,
    Periods,
    Person,
    Taken,
    TrajectoryTerm,
    Unit,
    offered,
    sort_items,
)
from desktop_app.domain.settings import retention_years
from desktop_app.domain.trajectory import Track
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services import erasure, restrictions
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import medical_erasure
from desktop_app.storage import retention as store
from desktop_app.storage import settings as settings_store

__all__ = ["KEEP_REASONS", "Due", "decide", "due", "facts_of", "incomplete", "periods", "register"]


@requires(Permission.PRACTICE_READ)
def periods(session: Session) -> Periods:
    """The periods in force (the settings, never below the law)."""
    values = settings_store.stored(session.db)
    years = {name: retention_years(values, f"retention_{name}_years")
             for name in ("personal", "payroll", "medical", "carcinogenic", "radiation", "trajectory")}
    reason = values.get("retention_medical_reason", "").strip() if years["medical"] < 20 else ""
    return Periods(**years, medical_reason=reason)


def _taken(rows: list[store.DecisionRow]) -> dict[int, tuple[Taken, ...]]:
    out: dict[int, list[Taken]] = {}
    for r in rows:
        try:
            category, decision = Category(r.category), Decision(r.decision)
        except ValueError:
            continue
        out.setdefault(r.employee_id, []).append(
            Taken(category, r.item, decision, r.decided_on, r.review_on, r.reason))
    return {k: tuple(v) for k, v in out.items()}


def _facts(session: Session, people: list[store.EmployeeFacts]) -> list[Facts]:
    db = session.db
    decisions = _taken(store.decisions(db))
    trajectories: dict[int, list[TrajectoryTerm]] = {}
    for t in store.open_trajectories(db):
        trajectories.setdefault(t.employee_id, []).append(
            TrajectoryTerm(t.id, f"{Track(t.track).short.lower()}, vanaf {nl_date(t.started_on)}", t.ended_on))
    medical = None
    if session.medical_unlocked:
        medical = medical_erasure.facts(session.medical())
    out = []
    for p in people:
        med = None
        if medical is not None:
            row = medical.get(p.id)
            med = MedicalFacts(row.last_change, row.exposure_ends) if row else MedicalFacts(None)
        out.append(Facts(Person(p.id, p.name, p.surname_key, p.birth_date, p.employer_name), p.employment_end,
                         p.contract_end, p.personal, p.payroll, p.identity, tuple(trajectories.get(p.id, ())),
                         med, decisions.get(p.id, ()), p.since))
    return out


@requires(Permission.DESTROY)
def facts_of(session: Session, employee_id: int) -> Facts:
    """One employee's retention facts (the medical part only with the medical section open)."""
    person = store.employee(session.db, employee_id)
    if person is None:
        raise NotFound(detail=f"employee {employee_id}")
    return _facts(session, [person])[0]


@requires(Permission.DESTROY)
def due(session: Session, *, today: date | None = None, within_days: int = 0) -> list[Due]:
    """What has passed (or, with ``within_days``, will pass) its period and awaits a decision,
    sorted by due date and surname.

    The medical category is only computed with the medical section open; until then the
    identity counts as needed by the medical dossier.
    """
    today = today or session.today()
    horizon = today + timedelta(days=within_days)
    p = periods(session)
    items = [item for f in _facts(session, store.candidates(session.db)) for item in offered(f, p, today, horizon=horizon)]
    return sort_items(items)


@requires(Permission.DESTROY, Permission.MEDICAL_READ)
def incomplete(session: Session) -> list[erasure.Incomplete]:
    """Destructions the medical section holds but practice.db has not recorded (cut off)."""
    return erasure.incomplete(session)


@requires(Permission.DESTROY)
def decide(session: Session, employee_id: int, category: str, decision: str, *, item: int = 0,
           reason: str = "", note: str = "", review_on: str = "") -> erasure.Done:
    """One decision on one item that is due today. The medical dossier and the identity need the
    medical section open (MedicalLocked, with nothing recorded, otherwise)."""
    try:
        category_ = Category(category)
    except ValueError:
        raise ValidationError("category", "Categorie: onbekend.") from None
    try:
        decision_ = Decision(decision)
    except ValueError:
        raise ValidationError("decision", "Besluit: kies vernietigen, anonimiseren of bewaren.") from None
    if decision_ not in CHOICES[category_]:
        choices = " of ".join(d.label for d in CHOICES[category_])
        raise ValidationError("decision", f"{category_.label}: kies {choices}.")
    today = session.today()
    review = None
    if decision_ is Decision.KEEP:
        if reason not in KEEP_REASONS:
            raise ValidationError("reason", "Reden om te bewaren: klacht, procedure of wettelijke plicht.")
        review = validation.parse_date_nl(review_on, "review_on")
        if review <= today:
            raise ValidationError("review_on", "Opnieuw beoordelen op: een datum in de toekomst.")
    note = validation.text(note, "note", label="Toelichting", max_length=1000, multiline=True)
    if decision_ is not Decision.KEEP and restrictions.is_restricted(session, employee_id):
        # AVG art. 18: while the processing is restricted the data may only be stored.
        raise ValidationError("decision", f"{category_.label}: de verwerking is beperkt (AVG art. 18); "
                                          "zolang de beperking loopt, wordt niets vernietigd of "
                                          "geanonimiseerd. Kies bewaren, of hef eerst de beperking op.")
    if category_ in (Category.MEDICAL, Category.IDENTITY):
        session.medical()  # MedicalLocked before anything is written
    facts = facts_of(session, employee_id)
    item_ = next((i for i in offered(facts, periods(session), today)
                  if i.category is category_ and i.item == item), None)
    if item_ is None:
        raise ValidationError("category", f"{category_.label}: de bewaartermijn is niet verstreken, of er is "
                                          "niets (meer) te beslissen. Er is niets gewijzigd.")
    unit = Unit(employee_id, category_, decision_, item=item, reason=reason if review else "", note=note,
                review_on=review)
    return erasure._carry_out(session, unit, item_.label)


@requires(Permission.AUDIT_READ)
def register(session: Session, employee_id: int) -> list[store.RegisterLine]:
    """The destruction register's lines for one employee (what, when, by whom: never content)."""
    return store.register_for(session.db, employee_id)
