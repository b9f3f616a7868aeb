"""Destruction on the employee's request (AVG art. 17; WGBO, BW art. 7:455).

The program itself finds what the practice recorded that stands against it, and shows it to the
physician before anything is destroyed:

- a decision to keep that still holds ("bewaren – klacht/procedure/wettelijke plicht");
- exposure registrations (the law keeps the medical dossier 40 or 30 years after the exposure);
- a running restriction of processing (a dispute);
- the fiscal duty on payroll data (7 years), and the identity that data still needs;
- a running re-integration trajectory;
- a weighty interest of someone else, which only the physician can name.

A legal duty refuses that category; a hold for a complaint or proceedings and a running
restriction let it go only with the physician's recorded reason. Only the categories the request
covers and the law allows are destroyed, each as one transaction with its decision and register
line (``services.erasure``); the request is then closed (or refused) with what happened and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain import validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.permissions import Permission
from desktop_app.domain.requests import RequestKind, RequestState, add_months
from desktop_app.domain.retention import (
    Category,
    Decision,
    Facts,
    Periods,
    Unit,
    end_of_relationship,
    medical_term,
)
from desktop_app.errors import MedicalLocked, ValidationError
from desktop_app.services import erasure, requests, retention
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import notices as notices_store
from desktop_app.storage import practice_erasure
from desktop_app.storage import restrictions as restrictions_store
from desktop_app.storage import retention as store

# The order in which a request's categories are carried out: the identity last, once what
# needs it has gone.
ORDER = (Category.TRAJECTORY, Category.PERSONAL, Category.PAYROLL, Category.MEDICAL, Category.IDENTITY)

EXPOSURE_LAW = {"carcinogenic": "Arbobesluit art. 4.10c", "biological": "Arbobesluit art. 4.91",
                "ionising_radiation": "Besluit basisveiligheidsnormen stralingsbescherming"}
EXPOSURE_LABEL = {"carcinogenic": "kankerverwekkende stoffen", "biological": "biologische agentia",
                  "ionising_radiation": "ioniserende straling"}


@dataclass(frozen=True)
class Ground:
    """Something the practice recorded that stands against destroying a category."""

    text: str  # Dutch, as shown to the physician
    source: str  # the rule it rests on
    blocks: bool  # True: a legal duty, the category is not destroyed; False: only with a reason


@dataclass(frozen=True)
class Verdict:
    category: Category
    present: bool  # there is something of this category to destroy
    grounds: tuple[Ground, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.present and not any(g.blocks for g in self.grounds)

    @property
    def needs_reason(self) -> bool:
        return self.allowed and bool(self.grounds)

    @property
    def short_status(self) -> str:
        if not self.present:
            return "niets (meer) aanwezig"
        if not self.allowed:
            return "wordt niet vernietigd"
        return "alleen met een vastgelegde reden" if self.needs_reason else "kan worden vernietigd"

    @property
    def status(self) -> str:
        if not self.present:
            return "niets (meer) aanwezig"
        if not self.allowed:
            return "wordt niet vernietigd: " + "; ".join(g.text for g in self.grounds if g.blocks)
        if self.needs_reason:
            return "alleen met een vastgelegde reden: " + "; ".join(g.text for g in self.grounds)
        return "kan worden vernietigd"


@dataclass(frozen=True)
class Review:
    request_id: int
    employee_id: int
    verdicts: tuple[Verdict, ...]

    def verdict(self, category: Category) -> Verdict:
        return next(v for v in self.verdicts if v.category is category)


def _destruction_request(session: Session, request_id: int) -> requests.Request:
    request = requests.get(session, request_id)
    if request.kind is not RequestKind.DESTRUCTION:
        raise ValidationError("kind", "Dit is geen verzoek om vernietiging.")
    if request.state is not RequestState.IN_PROGRESS:
        raise ValidationError("state", "Controleer eerst de identiteit en zet het verzoek in behandeling.")
    return request


def _holds(f: Facts, category: Category, today: date) -> list[Ground]:
    out = []
    for t in f.decisions:
        if t.category is category and t.decision is Decision.KEEP and t.review_on and t.review_on > today:
            latest = max((x for x in f.decisions if x.category is category and x.item == t.item),
                         key=lambda x: x.decided_on)
            if latest is not t:
                continue
            why = {"complaint": "klacht", "proceedings": "procedure", "legal_duty": "wettelijke plicht"}.get(
                t.reason, t.reason)
            out.append(Ground(f"besluit van de praktijk: bewaren wegens {why} tot {nl_date(t.review_on)}",
                              "besluit bewaartermijn (AVG art. 17 lid 3 onder b en e)",
                              blocks=t.reason == "legal_duty"))
    return out


def _verdicts(session: Session, f: Facts, p: Periods, today: date, others_interest: str,
              request_id: int, covering: set[Category] | None = None) -> tuple[Verdict, ...]:
    """Per category what stands against it. ``covering``: the categories the request covers (the
    identity stays for what is not covered); None: all of them."""
    covered = set(Category) if covering is None else covering
    running = restrictions_store.running(session.db, f.person.employee_id)
    common = []
    if running:
        since = date.fromisoformat(min(r.started_at for r in running)[:10])
        common.append(Ground(f"de verwerking is beperkt sinds {nl_date(since)} (geschil)",
                             "AVG art. 18", blocks=False))
    others = [Ground(f"zwaarwegend belang van een ander: {others_interest}", "BW art. 7:455 lid 2",
                     blocks=True)] if others_interest else []
    medical = f.medical
    if medical is None:
        raise MedicalLocked(detail="medical locked")
    out = {}
    # personal
    present = practice_erasure.has_personal(session.db, f.person.employee_id, except_request=request_id)
    out[Category.PERSONAL] = Verdict(Category.PERSONAL, present, tuple(common + others + _holds(f, Category.PERSONAL, today)))
    # trajectories
    running = [t for t in f.trajectories if t.ended_on is None]
    grounds = [Ground(f"het re-integratietraject ({t.label}) loopt nog", "Wet verbetering poortwachter",
                      blocks=True) for t in running]
    ended = [t for t in f.trajectories if t.ended_on is not None]
    out[Category.TRAJECTORY] = Verdict(Category.TRAJECTORY, bool(ended),
                                       tuple(common + grounds + _holds(f, Category.TRAJECTORY, today)))
    # payroll
    end = end_of_relationship(f)
    payroll_gone = not f.has_payroll or any(t.category is Category.PAYROLL and t.decision is not Decision.KEEP
                                           for t in f.decisions)
    grounds = []
    if end is None:
        grounds.append(Ground("nog in dienst: de loongegevens zijn nodig", "AWR art. 52 lid 4", blocks=True))
    elif add_months(end, 12 * p.payroll) > today:
        grounds.append(Ground(f"fiscale bewaarplicht tot {nl_date(add_months(end, 12 * p.payroll))}",
                              "AWR art. 52 lid 4", blocks=True))
    out[Category.PAYROLL] = Verdict(Category.PAYROLL, not payroll_gone,
                                    tuple(common + grounds + _holds(f, Category.PAYROLL, today)))
    # medical
    grounds = []
    for category, exposure_end in medical.exposure_ends:
        n = p.radiation if category == "ionising_radiation" else p.carcinogenic
        if exposure_end is not None and add_months(exposure_end, 12 * n) <= today:
            continue  # its duty to keep has ended: no ground to refuse any more
        until = f"bewaren tot {nl_date(add_months(exposure_end, 12 * n))}" if exposure_end else "de blootstelling loopt nog"
        grounds.append(Ground(f"blootstellingsregistratie ({EXPOSURE_LABEL.get(category, category)}): {until}",
                              EXPOSURE_LAW.get(category, "Arbobesluit"), blocks=True))
    out[Category.MEDICAL] = Verdict(Category.MEDICAL, medical.last_change is not None,
                                    tuple(common + others + grounds + _holds(f, Category.MEDICAL, today)))
    # identity: only when what needs it goes too
    grounds = []
    medical_stays = not out[Category.MEDICAL].allowed or Category.MEDICAL not in covered
    if out[Category.MEDICAL].present and medical_stays:
        term = medical_term(f, p)
        grounds.append(Ground("nodig voor het medisch dossier dat blijft"
                              + (f" (tot {nl_date(term.due)})" if term and term.due else ""),
                              "BW art. 7:454", blocks=True))
    payroll_stays = not out[Category.PAYROLL].allowed or Category.PAYROLL not in covered
    if out[Category.PAYROLL].present and payroll_stays:
        grounds.append(Ground("nodig voor de loongegevens die blijven", "AWR art. 52 lid 4", blocks=True))
    out[Category.IDENTITY] = Verdict(Category.IDENTITY, f.has_identity,
                                     tuple(common + grounds + _holds(f, Category.IDENTITY, today)))
    return tuple(out[c] for c in ORDER)


@requires(Permission.DESTROY, Permission.MEDICAL_READ)
def review(session: Session, request_id: int, *, others_interest: str = "",
           categories: list[str] | None = None) -> Review:
    """What the program finds for each category, for the physician to see before deciding.
    ``categories``: those the request covers (the identity stays for the others); None: all."""
    request = _destruction_request(session, request_id)
    others_interest = validation.text(others_interest, "others_interest", label="Belang van een ander",
                                      max_length=1000, multiline=True)  # shown in the verdicts: checked too
    session.medical()
    covering = None if categories is None else {Category(c) for c in categories}
    f = retention.facts_of(session, request.employee_id)
    verdicts = _verdicts(session, f, retention.periods(session), session.today(), others_interest.strip(),
                         request_id, covering)
    return Review(request_id, request.employee_id, verdicts)


@requires(Permission.DESTROY, Permission.MEDICAL_WRITE)
def destroy_on_request(session: Session, request_id: int, categories: list[str], *, reason: str = "",
                       others_interest: str = "") -> requests.Request:
    """Destroy what the request covers and the law allows; close (or refuse) the request."""
    others_interest = validation.text(others_interest, "others_interest", label="Belang van een ander",
                                      max_length=1000, multiline=True)
    reason = validation.text(reason, "reason", label="Reden", max_length=2000, multiline=True)
    wanted = set()
    for c in categories:
        try:
            wanted.add(Category(c))
        except ValueError:
            raise ValidationError("categories", "Categorie: onbekend.") from None
    if not wanted:
        raise ValidationError("categories", "Kies wat het verzoek betreft.")
    found = review(session, request_id, others_interest=others_interest, categories=[c.value for c in wanted])
    chosen = [v for v in found.verdicts if v.category in wanted]
    needing = [v for v in chosen if v.needs_reason]
    if needing and not reason.strip():
        raise ValidationError("reason", "Reden: nodig om te vernietigen ondanks wat is vastgelegd ("
                              + "; ".join(g.text for v in needing for g in v.grounds) + ").")
    f = retention.facts_of(session, found.employee_id)
    # AVG art. 19: whom to tell is known before the erasure takes the release log.
    recipients = notices_store.released_recipients(session.db, found.employee_id)
    destroyed, kept = [], []
    for verdict in chosen:
        if not verdict.present:
            continue
        if not verdict.allowed:
            kept.append(f"{verdict.category.label}: {verdict.status}")
            continue
        grounds = tuple(g.text for g in verdict.grounds)
        items = [t.trajectory_id for t in f.trajectories if t.ended_on is not None] \
            if verdict.category is Category.TRAJECTORY else [0]
        decision = Decision.ANONYMISE if verdict.category is Category.TRAJECTORY else Decision.DESTROY
        for item in items:
            erasure._carry_out(session, Unit(found.employee_id, verdict.category, decision, item=item,
                                             reason="request", note=reason if grounds else "",
                                             request_id=request_id, grounds=grounds),
                               verdict.category.label)
        destroyed.append(verdict.category.label)
    outcome = ("vernietigd: " + ", ".join(destroyed)) if destroyed else ""
    if kept:
        outcome = "; ".join([x for x in (outcome, "niet vernietigd: " + " | ".join(kept)) if x])
    if not destroyed:
        return requests.refuse(session, request_id, outcome or "niets te vernietigen")
    return requests.close(session, request_id, outcome, recipients)


@requires(Permission.AUDIT_READ)
def register(session: Session, employee_id: int) -> list[store.RegisterLine]:
    """The destruction register's lines for one employee (never content)."""
    return store.register_for(session.db, employee_id)
