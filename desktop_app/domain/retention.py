"""Retention: the categories of an employee's data, each with its own term, and what is offered
for a decision on a given day.

Each category holds a fixed part of the dossier and is destroyed (or anonymised) on its own term;
destroying one never touches another (``storage.practice_erasure`` and
``storage.medical_erasure`` hold exactly these parts):

- ``personal``: contact details, gender, job title and the non-medical dossier (activities
  outside a trajectory, functional feedback and its hand-overs, requests, lifted restrictions,
  letters kept in the practice part):
  5 years after the end of employment or of the employer's contract with the practice. A
  running restriction is not data to destroy but a stop on destruction (AVG art. 18);
- ``payroll``: contract hours and the absence cases (periods, degrees, wage sanction, UWV
  letter, milestone dates): the facts wage payment during illness rests on, 7 years (fiscal);
- ``trajectory``: one re-integration trajectory's texts (provider, plan of approach,
  evaluations, reports): 2 years after that trajectory's end, then anonymised (dates and kinds
  stay); counted whether or not the employee is still employed;
- ``medical``: everything in the medical section (entries with their versions, attachments,
  statements, working notes, exposure registrations): 20 years (WGBO art. 7:454 lid 3) from the
  dossier's last entry, not before the end of employment; an exposure registration keeps it 40
  years after a carcinogenic or biological exposure ended, 30 after ionising radiation, and for
  ever while the exposure goes on. The release log of medical data and the consents behind it
  (kept in practice.db) belong here: the employee may learn to whom medical data went as long
  as the dossier is kept (AVG art. 15, WGBO art. 7:456);
- ``identity``: name, initials, birth date, BSN and personnel number. Its term is the personal
  term, but it stays as long as data that needs it stays: the medical dossier (whose record it is)
  and the payroll data (the fiscal record of an ex-employee includes who it was). It is offered
  once both are gone or anonymised.

A category is offered when its term has ended, its data is still there, no decision to keep it
holds for longer, and (identity) nothing needs it. Nothing here reads storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from desktop_app.domain.dates import nl_date
from desktop_app.domain.requests import add_months


class Category(StrEnum):
    PERSONAL = "personal"
    PAYROLL = "payroll"
    TRAJECTORY = "trajectory"
    MEDICAL = "medical"
    IDENTITY = "identity"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def contents(self) -> str:
        return CONTENTS[self]


LABELS = {
    Category.PERSONAL: "Persoonsgegevens",
    Category.PAYROLL: "Loongerelateerde gegevens",
    Category.TRAJECTORY: "Re-integratietraject",
    Category.MEDICAL: "Medisch dossier",
    Category.IDENTITY: "Identiteit",
}

CONTENTS = {
    Category.PERSONAL: ("adres, telefoon, e-mail, geslacht, functie en het niet-medische dossier: "
                        "activiteiten, terugkoppelingen en hun verstrekking, verzoeken, opgeheven "
                        "beperkingen, brieven"),
    Category.PAYROLL: ("contracturen en de ziekmeldingen: verzuimperiodes, percentages, "
                       "loonsanctie, brief van UWV en de data van de Poortwachter-stappen"),
    Category.TRAJECTORY: ("de teksten van het traject: aanbieder, plan van aanpak, evaluaties en "
                          "rapportages (de data, het spoor en de soorten blijven)"),
    Category.MEDICAL: ("het hele medische deel: aantekeningen met hun eerdere versies, bijlagen, "
                       "verklaringen van de werknemer, werkaantekeningen en "
                       "blootstellingsregistraties; met de toestemmingen en de verstrekkingen van "
                       "medische gegevens"),
    Category.IDENTITY: "naam, voorletters, geboortedatum, BSN en personeelsnummer",
}


class Decision(StrEnum):
    DESTROY = "destroy"
    ANONYMISE = "anonymise"
    KEEP = "keep"

    @property
    def label(self) -> str:
        return {"destroy": "vernietigen", "anonymise": "anonimiseren", "keep": "bewaren"}[self.value]


# What may be decided per category. Trajectory data is anonymised, never destroyed (the dates
# and kinds stay for the statistics); payroll data may be kept for the statistics without
# identity ("anonymise": nothing is deleted, it no longer keeps the identity).
CHOICES: dict[Category, tuple[Decision, ...]] = {
    Category.PERSONAL: (Decision.DESTROY, Decision.KEEP),
    Category.PAYROLL: (Decision.DESTROY, Decision.ANONYMISE, Decision.KEEP),
    Category.TRAJECTORY: (Decision.ANONYMISE, Decision.KEEP),
    Category.MEDICAL: (Decision.DESTROY, Decision.KEEP),
    Category.IDENTITY: (Decision.DESTROY, Decision.KEEP),
}

KEEP_REASONS = {"complaint": "klacht", "proceedings": "procedure", "legal_duty": "wettelijke plicht"}


@dataclass(frozen=True)
class Rule:
    """A retention period as a setting: its default, and the legal minimum it may not go below."""

    key: str
    label: str
    years: int
    minimum: int
    counts_from: str
    source: str


RULES: dict[str, Rule] = {
    "personal": Rule("retention_personal_years", "Persoonsgegevens werknemer", 5, 5,
                     "einde dienstverband of contract", "beleid van de praktijk (DESIGN §5)"),
    "payroll": Rule("retention_payroll_years", "Loongerelateerde gegevens", 7, 7,
                    "einde dienstverband of contract", "AWR art. 52 lid 4 (fiscale bewaarplicht)"),
    "medical": Rule("retention_medical_years", "Medisch dossier", 20, 20,
                    "laatste aantekening in het dossier", "WGBO (BW art. 7:454 lid 3)"),
    "carcinogenic": Rule("retention_carcinogenic_years",
                         "Na blootstelling aan kankerverwekkende stoffen of biologische agentia",
                         40, 40, "einde blootstelling", "Arbobesluit art. 4.10c en 4.91"),
    "radiation": Rule("retention_radiation_years", "Na blootstelling aan ioniserende straling", 30, 30,
                      "einde blootstelling", "Besluit basisveiligheidsnormen stralingsbescherming"),
    "trajectory": Rule("retention_trajectory_years", "Re-integratietraject (daarna anonimiseren)", 2, 2,
                       "einde traject", "AP-beleidsregels 'De zieke werknemer'"),
}

# The medical period may be 15 years (the WGBO term before 2020) only with a recorded reason.
MEDICAL_SHORTEST_WITH_REASON = 15


@dataclass(frozen=True)
class Periods:
    """The periods in force, in years (from the settings, never below the law)."""

    personal: int = 5
    payroll: int = 7
    medical: int = 20
    carcinogenic: int = 40
    radiation: int = 30
    trajectory: int = 2
    medical_reason: str = ""  # why the medical period is shorter than 20 years


@dataclass(frozen=True)
class Person:
    employee_id: int
    name: str
    surname_key: str  # sorts like the employee list
    birth_date: date | None
    employer_name: str


@dataclass(frozen=True)
class TrajectoryTerm:
    trajectory_id: int
    label: str  # "Spoor 1, 01-02-2024 – 31-12-2024"
    ended_on: date | None  # None: still running


@dataclass(frozen=True)
class MedicalFacts:
    last_change: date | None  # None: the medical section holds nothing of this employee
    exposure_ends: tuple[tuple[str, date | None], ...] = ()  # (category, end; None = ongoing)


@dataclass(frozen=True)
class Taken:
    """The newest decision on one item."""

    category: Category
    item: int  # the trajectory's id for a trajectory, else 0
    decision: Decision
    decided_on: date
    review_on: date | None = None
    reason: str = ""


@dataclass(frozen=True)
class Facts:
    person: Person
    employment_end: date | None
    contract_end: date | None  # of the employer with the practice
    has_personal: bool
    has_payroll: bool
    has_identity: bool
    trajectories: tuple[TrajectoryTerm, ...] = ()
    medical: MedicalFacts | None = None  # None: the medical section is locked (unknown)
    decisions: tuple[Taken, ...] = ()
    since: date | None = None  # start of employment or the dossier's recording, the later


@dataclass(frozen=True)
class Term:
    category: Category
    item: int
    due: date | None  # None: no end in sight (an exposure still going on, no end of employment)
    basis: str


@dataclass(frozen=True)
class Due:
    """One item offered for a decision."""

    employee_id: int
    name: str
    surname_key: str
    birth_date: date | None
    employer_name: str
    category: Category
    item: int
    item_label: str
    due: date
    basis: str
    choices: tuple[Decision, ...]
    stays: str = ""  # what must stay although this category goes, and why

    @property
    def label(self) -> str:
        return f"{self.category.label}{f' ({self.item_label})' if self.item_label else ''}"


def _years(d: date, n: int) -> date:
    return add_months(d, 12 * n)


def end_of_relationship(f: Facts) -> date | None:
    """The first of the end of employment and the end of the employer's contract. A contract end
    before the employee's employment started (or before the dossier was recorded) ended nothing
    for this employee: no term runs from it, so data is never due before it existed."""
    contract_end = f.contract_end if f.contract_end and (f.since is None or f.contract_end >= f.since) else None
    ends = [d for d in (f.employment_end, contract_end) if d]
    return min(ends) if ends else None


def medical_term(f: Facts, p: Periods) -> Term | None:
    """The medical dossier's term, or None when there is none (no data, or not known)."""
    if f.medical is None or f.medical.last_change is None:
        return None
    end = end_of_relationship(f)
    if end is None:
        return Term(Category.MEDICAL, 0, None, "nog in dienst")
    base = max(end, f.medical.last_change)
    due = _years(base, p.medical)
    why = f" (kortere termijn, reden: {p.medical_reason})" if p.medical < 20 and p.medical_reason else ""
    basis = f"{p.medical} jaar na de laatste aantekening of het einde van het dienstverband ({nl_date(base)}){why}"
    for category, exposure_end in f.medical.exposure_ends:
        if exposure_end is None:
            return Term(Category.MEDICAL, 0, None, "blootstelling loopt nog")
        n = p.radiation if category == "ionising_radiation" else p.carcinogenic
        candidate = _years(exposure_end, n)
        if candidate > due:
            due, basis = candidate, f"{n} jaar na einde blootstelling ({nl_date(exposure_end)})"
    return Term(Category.MEDICAL, 0, due, basis)


def terms(f: Facts, p: Periods) -> list[Term]:
    """Each category's own term, whatever has been decided."""
    out = []
    end = end_of_relationship(f)
    since = f" na einde dienstverband of contract ({nl_date(end)})" if end else ""
    personal_due = _years(end, p.personal) if end else None
    if f.has_personal:
        out.append(Term(Category.PERSONAL, 0, personal_due, f"{p.personal} jaar{since}"))
    if f.has_payroll:
        out.append(Term(Category.PAYROLL, 0, _years(end, p.payroll) if end else None, f"{p.payroll} jaar{since}"))
    for t in f.trajectories:
        if t.ended_on is not None:
            out.append(Term(Category.TRAJECTORY, t.trajectory_id, _years(t.ended_on, p.trajectory),
                            f"{p.trajectory} jaar na einde traject ({nl_date(t.ended_on)})"))
    medical = medical_term(f, p)
    if medical is not None:
        out.append(medical)
    if f.has_identity:
        out.append(Term(Category.IDENTITY, 0, personal_due, f"{p.personal} jaar{since}"))
    return out


def _latest(f: Facts, category: Category, item: int = 0) -> Taken | None:
    found = [t for t in f.decisions if t.category is category and t.item == item]
    return max(found, key=lambda t: t.decided_on) if found else None


def _gone(f: Facts, category: Category) -> bool:
    t = _latest(f, category)
    return t is not None and t.decision is not Decision.KEEP


def identity_holders(f: Facts, p: Periods) -> list[str]:
    """Why the identity must stay (empty: nothing needs it any more), in Dutch."""
    out = []
    if f.medical is None:
        out.append("het medisch dossier (ontgrendel het medische deel om de termijn te zien)")
    elif f.medical.last_change is not None:
        term = medical_term(f, p)
        until = f"tot {nl_date(term.due)}" if term and term.due else "zonder einddatum"
        out.append(f"het medisch dossier ({until})")
    if f.has_payroll and not _gone(f, Category.PAYROLL):
        end = end_of_relationship(f)
        until = f"tot {nl_date(_years(end, p.payroll))}" if end else "zonder einddatum"
        out.append(f"de loongegevens ({until})")
    return out


def _released_on(f: Facts) -> date | None:
    """When the last holder of the identity went (the identity is offered from then on)."""
    dates = [t.decided_on for t in f.decisions
             if t.category in (Category.PAYROLL, Category.MEDICAL) and t.decision is not Decision.KEEP]
    return max(dates) if dates else None


def _stays(f: Facts, p: Periods, category: Category) -> str:
    if category is Category.PERSONAL:
        holders = identity_holders(f, p)
        if holders:
            return ("De identiteit (naam, geboortedatum, BSN, personeelsnummer) blijft bewaard: nodig voor "
                    + " en ".join(holders) + ".")
        return "De identiteit komt daarna apart aan de beurt."
    if category is Category.PAYROLL:
        return ("Anonimiseren: de verzuimperiodes, percentages en contracturen blijven voor de statistiek, "
                "anoniem zodra de identiteit vervalt. Vernietigen: ze gaan weg.")
    if category is Category.TRAJECTORY:
        return "De data, het spoor en de soorten rapportages blijven voor de statistiek."
    if category is Category.MEDICAL:
        return "Alleen het medische deel gaat; de identiteit vervalt daarna als niets haar meer nodig heeft."
    return ""


def offered(f: Facts, p: Periods, today: date, *, horizon: date | None = None) -> list[Due]:
    """What awaits a decision on ``today`` (or, with ``horizon``, will by then)."""
    horizon = horizon or today
    out = []
    labels = {t.trajectory_id: t.label for t in f.trajectories}
    for term in terms(f, p):
        if term.due is None:
            continue
        due = term.due
        if term.category is Category.IDENTITY:
            if identity_holders(f, p):
                continue
            released = _released_on(f)
            if released is not None and released > due:
                due = released
        latest = _latest(f, term.category, term.item)
        if latest is not None:
            if latest.decision is Decision.KEEP:
                if latest.review_on is not None and latest.review_on > horizon:
                    continue
                if latest.review_on is not None:
                    due = max(due, latest.review_on)
            elif term.category is Category.PAYROLL:
                continue  # done: anonymised payroll data stays, so its presence does not say so
        if due > horizon:
            continue
        person = f.person
        out.append(Due(person.employee_id, person.name, person.surname_key, person.birth_date,
                       person.employer_name, term.category, term.item, labels.get(term.item, ""),
                       due, term.basis, CHOICES[term.category], _stays(f, p, term.category)))
    return out


def sort_items(items: list[Due]) -> list[Due]:
    """By due date, then surname (then employee and category, to be stable)."""
    order = list(Category)
    return sorted(items, key=lambda i: (i.due, i.surname_key, i.employee_id, order.index(i.category), i.item))


@dataclass(frozen=True)
class Unit:
    """One decision on one item, as carried out in one transaction (``services.erasure``)."""

    employee_id: int
    category: Category
    decision: Decision
    item: int = 0
    reason: str = ""  # a KEEP_REASONS key, or for a request: "request"
    note: str = ""  # the physician's recorded words (a keep, a reason to override a ground)
    review_on: date | None = None
    request_id: int | None = None
    grounds: tuple[str, ...] = field(default=())  # what the program found and the physician saw
