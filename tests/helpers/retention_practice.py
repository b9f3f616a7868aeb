"""An employee with data in every retention category, entered through the services as a practice
would, each category carrying its own marker; and the rows of each category as the decrypted
pages hold them (``rawpages.rows``), written out here by hand from ``domain.retention``'s table so
a test can compare them byte for byte."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.cases import ActivityForm, CaseForm, FeedbackForm
from desktop_app.domain.consents import ConsentForm
from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.domain.medical.exposures import ExposureForm
from desktop_app.domain.medical.statements import StatementForm
from desktop_app.domain.requests import add_months
from desktop_app.domain.trajectory import EndForm, ReportForm, TrajectoryForm
from desktop_app.services import (
    activities,
    attachments,
    cases,
    consents,
    employees,
    employers,
    exposures,
    medical_entries,
    releases,
    statements,
    trajectories,
    working_notes,
)
from desktop_app.services.demo_medical import _tiny_png
from tests.helpers import rawpages

PNG = _tiny_png()


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def years(d: date, n: int) -> date:
    return add_months(d, 12 * n)


def bsn(seed: int) -> str:
    """A valid BSN (elfproef) made from ``seed``."""
    n = 100000000 + seed * 7919 % 800000000
    while True:
        digits = f"{n:09d}"
        total = sum(int(c) * w for c, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
        if total % 11 == 0 and total != 0:
            return digits
        n += 1


@dataclass
class Person:
    employee_id: int
    case_id: int
    trajectory_id: int
    markers: dict[str, str]  # category → a text only that category holds
    bsn: str
    employment_end: date
    trajectory_end: date
    exposure_end: date | None


def populate(arts, *, today: date, surname: str = "Kowalski", given: str = "Agnieszka",
             employer_name: str = "Werkgever Noord B.V.", birth: date = date(1970, 5, 17),
             employment_end: date | None = None, exposure_end: date | None = None, seed: int = 1,
             medical: bool = True) -> Person:
    """Personal data, payroll data (a case, contract hours), an ended trajectory with reports,
    and (``medical``) medical entries, an attachment, a statement, a working note and an asbestos
    exposure that ended on ``exposure_end``. Dates are relative to ``today`` (the real today:
    the services check that nothing lies in the future)."""
    tag = uuid.uuid4().hex[:10]
    markers = {c: f"{c.upper()}-{tag}" for c in ("personal", "payroll", "trajectory", "medical", "identity")}
    employer = next((e for e in employers.list_all(arts) if e.name == employer_name), None)
    if employer is None:
        employer = employers.create(arts, EmployerForm(name=employer_name))
    end = employment_end or years(today, 3)
    number = bsn(seed)
    employee = employees.create(arts, EmployeeForm(
        employer_id=employer.id, surname=surname, given_names=given, initials=given[0] + ".",
        birth_date=nl(birth), gender="V", bsn=number, street=f"{markers['personal']}straat 1", postcode="1234 AB",
        city="Utrecht", phone="0612345678", email="a.k@example.nl", personnel_number=markers["identity"],
        job_title="Magazijnmedewerker", contract_hours="32", employment_start=nl(today - timedelta(days=16 * 365)),
        employment_end=nl(end)))
    case = cases.open_case(arts, employee.id, CaseForm(first_day=nl(today - timedelta(days=400)), percentage="100"))
    cases.set_wage_sanction(arts, case.id, 0)
    activities.add_activity(arts, employee.id, ActivityForm(on_date=nl(today - timedelta(days=390)),
                                                            description=f"Gesprek {markers['personal']}"), case.id)
    activities.add_feedback(arts, employee.id, FeedbackForm(
        assessed_on=nl(today - timedelta(days=380)), fitness="partly_fit", limitations="Niet tillen boven 10 kg",
        advice="Aangepast werk"), case.id)
    trajectory = trajectories.start(arts, employee.id, TrajectoryForm(
        track="second", provider=f"Re-integratiebureau {markers['trajectory']}",
        started_on=nl(today - timedelta(days=300))), case.id)
    trajectories.add_report(arts, trajectory.id, ReportForm(
        kind="plan_of_approach", on_date=nl(today - timedelta(days=290)),
        summary=f"Plan van aanpak {markers['trajectory']}", agreements="Elke week contact"))
    trajectories.add_report(arts, trajectory.id, ReportForm(
        kind="evaluation", on_date=nl(today - timedelta(days=250)), summary=f"Evaluatie {markers['trajectory']}"))
    trajectory_end = today - timedelta(days=100)
    trajectories.end(arts, trajectory.id, EndForm(ended_on=nl(trajectory_end), reason="werk gevonden"))
    cases.report_recovery(arts, case.id, nl(today - timedelta(days=90)))
    consent = consents.record(arts, employee.id, ConsentForm(
        physician="arts", recipient_name="dr. P. Jansen", recipient_organisation="Ziekenhuis Oost",
        recipient_role="specialist", data_scope="Consultverslagen over de rugklachten",
        purpose="Afstemmen van de behandeling", given_on=nl(today),
        valid_until=nl(today + timedelta(days=60))), signature_png=PNG)
    release = releases.request_release(arts, employee.id, consent.id, recipient_name="dr. P. Jansen",
                                       recipient_role="specialist", what="Consultverslag rug", purpose="behandeling")
    releases.mark_released(arts, releases.approve(arts, release.id).id, "post")
    if medical:
        medical_entries.add_entry(arts, employee.id, "note", {"text": f"Rugklachten {markers['medical']}",
                                                              "entry_date": nl(today)})
        attachments.add_attachment(arts, employee.id, f"{markers['medical']}.png", PNG)
        statements.add_statement(arts, employee.id, StatementForm(f"Mijn kijk {markers['medical']}", nl(today)))
        working_notes.add_working_note(arts, employee.id, f"Werkaantekening {markers['medical']}")
        if exposure_end is not None:
            exposures.add_exposure(arts, employee.id, ExposureForm(
                category="carcinogenic", agent=f"asbest {markers['medical']}", start=nl(exposure_end - timedelta(days=4000)),
                end=nl(exposure_end), notes="sloop"))
    return Person(employee.id, case.id, trajectory.id, markers, number, end, trajectory_end, exposure_end)


# --- each category's rows as the pages hold them ------------------------------------------------

PRACTICE_SQL = {
    "personal": [
        "SELECT gender, street, postcode, city, phone, email, job_title FROM employees WHERE id = ?",
        "SELECT * FROM activities WHERE employee_id = ? ORDER BY id",
        "SELECT * FROM functional_feedback WHERE employee_id = ? ORDER BY id",
        "SELECT * FROM consents WHERE employee_id = ? ORDER BY id",
        "SELECT * FROM releases WHERE employee_id = ? ORDER BY id",
        "SELECT * FROM requests WHERE employee_id = ? ORDER BY id",
        "SELECT * FROM request_events WHERE request_id IN (SELECT id FROM requests WHERE employee_id = ?) ORDER BY id",
        "SELECT * FROM restrictions WHERE employee_id = ? ORDER BY id",
        "SELECT * FROM letters WHERE employee_id = ? ORDER BY id",
    ],
    "payroll": [
        "SELECT contract_hours, employment_start, employment_end, employer_id FROM employees WHERE id = ?",
        "SELECT * FROM absence_cases WHERE employee_id = ? ORDER BY id",
        "SELECT * FROM case_episodes WHERE case_id IN (SELECT id FROM absence_cases WHERE employee_id = ?) ORDER BY id",
        "SELECT * FROM case_levels WHERE case_id IN (SELECT id FROM absence_cases WHERE employee_id = ?) ORDER BY id",
        "SELECT case_id, code, done_on, recorded_by FROM case_milestones WHERE case_id IN "
        "(SELECT id FROM absence_cases WHERE employee_id = ?) ORDER BY case_id, code, done_on",
        "SELECT * FROM case_deadlines WHERE case_id IN (SELECT id FROM absence_cases WHERE employee_id = ?) "
        "ORDER BY case_id, code",
    ],
    # The trajectory's link to its case (case_id) is the payroll category's: it is cleared when
    # the case goes.
    "trajectory": [
        "SELECT id, employee_id, track, provider, started_on, ended_on, end_reason, anonymised_at, created_by, "
        "created_at FROM trajectories WHERE employee_id = ? ORDER BY id",
        "SELECT * FROM trajectory_reports WHERE trajectory_id IN (SELECT id FROM trajectories WHERE employee_id = ?) "
        "ORDER BY id",
        # A note on the case's plan-of-approach or evaluation step is trajectory data (the step's
        # date is payroll data).
        "SELECT case_id, code, done_on, note FROM case_milestones WHERE code IN ('plan_of_approach', 'evaluation') "
        "AND note != '' AND case_id IN (SELECT id FROM absence_cases WHERE employee_id = ?) "
        "ORDER BY case_id, code, done_on",
    ],
    "identity": [
        "SELECT surname, prefix, given_names, initials, birth_date, bsn, personnel_number, sort_key, anonymised_at "
        "FROM employees WHERE id = ?",
        # The search index's own rows (FTS5 keeps them in its content table).
        "SELECT * FROM employee_search_content WHERE id = ?",
    ],
}
MEDICAL_SQL = [
    "SELECT * FROM medical_entries WHERE employee_id = ? ORDER BY id",
    "SELECT * FROM medical_entry_versions WHERE entry_id IN (SELECT id FROM medical_entries WHERE employee_id = ?) "
    "ORDER BY entry_id, version",
    "SELECT * FROM attachments WHERE employee_id = ? ORDER BY id",
    "SELECT * FROM exposures WHERE employee_id = ? ORDER BY id",
    "SELECT * FROM employee_statements WHERE employee_id = ? ORDER BY id",
    "SELECT * FROM working_notes WHERE employee_id = ? ORDER BY id",
]


def snapshot(session, employee_id: int) -> dict[str, list]:
    """Category → its rows for the employee, read from the decrypted pages of both files."""
    practice, key = session.files.practice_db, session.practice_key()
    out = {c: [rawpages.rows(practice, key, sql, (employee_id,)) for sql in sqls] for c, sqls in PRACTICE_SQL.items()}
    out["medical"] = [rawpages.rows(session.files.medical_db, session.medical_key(), sql, (employee_id,))
                      for sql in MEDICAL_SQL]
    return out


def in_pages(session, text: str) -> bool:
    """Whether ``text`` is on any decrypted page (free pages and the WAL included) of either file."""
    needle = text.encode()
    return (rawpages.contains(session.files.practice_db, session.practice_key(), needle)
            or rawpages.contains(session.files.medical_db, session.medical_key(), needle))
