"""Fills a demo practice with made-up dossiers, fast enough for the large benchmark practice.

Small (default): about 10 employers, 150 employees, 40 absence cases in every stage, medical
entries and attachments. Large: 200 employers, 20,000 employees, 30,000 cases and 200,000 medical
entries. Rows go in with bulk inserts in one transaction per section (not through the per-record
services, which audit every call); one audit event records the generation.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from desktop_app.audit import Action
from desktop_app.domain.cases import AbsenceKind, ActivityKind
from desktop_app.domain.dossier import Employee, EmployeeId, Employer, EmployerId
from desktop_app.domain.permissions import Permission
from desktop_app.services.authz import requires
from desktop_app.services.demo_names import CITIES, EMPLOYERS, GROUPS, JOBS, SECTORS, STREETS
from desktop_app.storage import bulk_load
from desktop_app.storage import cases as cases_store
from desktop_app.storage.activities import NewActivity

SIZES = {
    "small": {"employers": 10, "employees": 150, "cases": 40, "entries": 400},
    "large": {"employers": 200, "employees": 20000, "cases": 30000, "entries": 200000},
}


def _valid_bsn(rng: random.Random) -> str:
    """A random nine-digit number that passes the elfproef (weights 9…2 and −1)."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11  # total - last is then a multiple of 11
        if last <= 9:
            return "".join(map(str, digits)) + str(last)


def _postcode(rng: random.Random) -> str:
    while True:
        letters = rng.choice("ABCDEFGHJKLMNPRTVWXZ") + rng.choice("ABCDEFGHJKLMNPRTVWXZ")
        if letters not in ("SA", "SD", "SS"):
            return f"{rng.randint(1000, 9999)} {letters}"


def _initials(given: str) -> str:
    return "".join(part[0] + "." for part in given.split() if part)


@requires(Permission.PRACTICE_WRITE, Permission.MEDICAL_WRITE)
def fill(session, *, size: str = "small", today: date | None = None, seed: int = 2026) -> dict:
    today = today or session.today()
    plan = SIZES[size]
    rng = random.Random(seed)
    db = session.db
    counts = {"employers": 0, "employees": 0, "cases": 0, "entries": 0}
    with db.transaction():
        employer_ids = _employers(db, rng, plan["employers"], today)
        counts["employers"] = len(employer_ids)
        employees = _employees(db, rng, employer_ids, plan["employees"], today)
        counts["employees"] = len(employees)
        case_rows = _cases(session, rng, employees, plan["cases"], today)
        counts["cases"] = len(case_rows)
        session.record(Action.CREATE, object_type="demo", data=f"demogegevens ({size})")
    medical = _medical_filler()
    if medical is not None:
        counts["entries"] = medical(session, rng, employees, case_rows, plan["entries"], today)
    return counts


def _employers(db, rng, n, today) -> list[tuple[EmployerId, str]]:
    first = bulk_load.next_id(db, "employers")
    rows = []
    for i in range(n):
        if i < len(EMPLOYERS):
            name, city = EMPLOYERS[i]
        else:
            name, city = f"{rng.choice(SECTORS)}bedrijf {i + 1:03d} B.V.", rng.choice(CITIES)
        start = today - timedelta(days=rng.randint(200, 3000))
        rows.append(Employer(
            EmployerId(first + i), name, f"{rng.randint(10000000, 99999999)}",
            f"{rng.choice(STREETS)} {rng.randint(1, 200)}", _postcode(rng), city,
            f"{rng.choice(GROUPS[0][1])} {rng.choice(GROUPS[0][2])[1]}",
            f"hr@werkgever{i + 1}.example", f"030-{rng.randint(1000000, 9999999)}", start, None,
            rng.choice(["basis", "uitgebreid", "maatwerk"])))
    bulk_load.employers(db, rows)
    return [(EmployerId(first + i), rows[i].name) for i in range(n)]


def _employees(db, rng, employer_ids, n, today) -> list[Employee]:
    first_id = bulk_load.next_id(db, "employees")
    people: list[Employee] = []
    for i in range(n):
        _bg, givens, surnames = rng.choices(GROUPS, weights=[50, 10, 10, 8, 6, 5, 4, 7])[0]
        given = rng.choice(givens)
        prefix, surname = rng.choice(surnames)
        employer_id, employer_name = employer_ids[i % len(employer_ids)]
        birth = today - timedelta(days=rng.randint(18 * 365, 66 * 365))
        start = max(birth + timedelta(days=18 * 365), today - timedelta(days=rng.randint(30, 9000)))
        end = None
        if rng.random() < 0.08:
            end = start + timedelta(days=rng.randint(200, 3000))
            if end > today:
                end = None
        hours = rng.choice([16, 20, 24, 28, 32, 36, 38, 40])
        e = Employee(
            EmployeeId(first_id + i), employer_id, surname, prefix, given, _initials(given), birth,
            rng.choice("MVMVX" if rng.random() < 0.02 else "MV"), _valid_bsn(rng),
            f"{rng.choice(STREETS)} {rng.randint(1, 300)}", _postcode(rng), rng.choice(CITIES),
            f"06-{rng.randint(10000000, 99999999)}", f"werknemer{first_id + i}@mail.example",
            f"P{first_id + i:06d}", rng.choice(JOBS), Decimal(hours), start, end,
            employer_name=employer_name)
        people.append(e)
    bulk_load.employees(db, people)
    return people


def _cases(session, rng, people, n, today) -> list[tuple[int, int, date]]:
    """Cases in every stage: fresh, around the problem analysis, mid-year, near week 104, ended."""
    from desktop_app.services.cases import DEADLINE_RULES, _store_timeline, _timeline

    db = session.db
    physician = session.user.id
    first_case = bulk_load.next_id(db, "cases")
    case_rows: list[bulk_load.LoadedCase] = []
    level_rows: list[bulk_load.LoadedLevel] = []
    milestone_rows: list[bulk_load.LoadedMilestone] = []
    activity_rows: list[NewActivity] = []
    out = []
    candidates = [p for p in people if p.employment_end is None]
    stages = [3, 20, 45, 60, 120, 300, 400, 640, 700]  # days since the first day
    current = min(n, len(candidates), max(25, len(candidates) // 15))  # ~6 % absent now
    for i in range(n):
        case_id = first_case + i
        person = candidates[i % len(candidates)]
        if i < current:
            age = rng.choice(stages) + rng.randint(0, 10)
        else:  # earlier, ended cases of the same people
            age = 730 + rng.randint(0, 1400)
        first_day = today - timedelta(days=age)
        kind = rng.choices(list(AbsenceKind), weights=[80, 7, 5, 8])[0]
        recovered = None
        if i >= current or rng.random() < 0.25:
            recovered = first_day + timedelta(days=rng.randint(2, min(age, 400)))
            if recovered > today:
                recovered = None
        case_rows.append(bulk_load.LoadedCase(case_id, person.id, first_day, kind, recovered, physician))
        if age > 30 and rng.random() < 0.5:
            level_rows.append(bulk_load.LoadedLevel(case_id, first_day + timedelta(days=28),
                                                    rng.choice([50.0, 60.0, 75.0])))
        if age > 42:
            pa = first_day + timedelta(days=rng.randint(30, 50))
            if pa <= today and rng.random() < 0.85:
                milestone_rows.append(bulk_load.LoadedMilestone(case_id, "problem_analysis", pa, physician))
                pva = pa + timedelta(days=rng.randint(5, 20))
                if pva <= today and rng.random() < 0.8:
                    milestone_rows.append(bulk_load.LoadedMilestone(case_id, "plan_of_approach", pva,
                                                                    physician))
        for k in range(min(age // 30, 4)):
            on = first_day + timedelta(days=7 + 30 * k + rng.randint(0, 10))
            if on <= today:
                activity_rows.append(NewActivity(
                    person.id, case_id, on, rng.choice(list(ActivityKind)),
                    "Contact over voortgang en mogelijkheden.", "Volgende afspraak over drie weken.",
                    physician))
        out.append((case_id, person.id, first_day))
    bulk_load.cases(db, case_rows)
    bulk_load.levels(db, level_rows)
    bulk_load.milestones(db, milestone_rows)
    bulk_load.activities(db, activity_rows)
    # A practice keeps up with most steps: mark most past deadlines done, a few left overdue.
    for case_id, _employee, _first in out:
        case = cases_store.get(db, case_id)
        if case is None or not case.is_open:
            continue
        for m in _timeline(case, today):
            if m.done is None and m.due < today and str(m.code) != "evaluation" and rng.random() < 0.93:
                done_on = max(case.first_day, m.due - timedelta(days=rng.randint(0, 10)))
                cases_store.mark_milestone(db, case_id, str(m.code), done_on, "", physician)
        case = cases_store.get(db, case_id)
        plan = case.milestones_done.get("plan_of_approach")
        while plan is not None and plan + timedelta(days=40) < today and rng.random() < 0.97:
            plan += timedelta(days=rng.randint(28, 41))
            cases_store.mark_milestone(db, case_id, "evaluation", plan, "", physician)
        case = cases_store.get(db, case_id)
        _store_timeline(db, case, today)
    cases_store.mark_recovered_current(db, DEADLINE_RULES)  # the old cases were kept up with
    return out


def _medical_filler():
    """The medical part, once the medical services provide a body format."""
    try:
        from desktop_app.services import demo_medical
    except ImportError:
        return None
    return demo_medical.fill

