"""Retention: dates across the rules, decisions, anonymisation that keeps statistics, destruction."""

from datetime import date, timedelta

import pytest

from desktop_app.domain.retention import Category, Facts, due_dates
from desktop_app.errors import MedicalLocked, PermissionDenied, ValidationError
from desktop_app.services import employees, medical_entries, retention, statistics
from tests.helpers.practices import ARTS, CASEMANAGER, login_as
from tests.helpers.rawpages import contains

YEARS = {"personal": 5, "payroll": 7, "medical": 15, "carcinogenic": 40, "radiation": 30, "trajectory": 2}


def test_due_dates_across_the_rules():
    f = Facts(1, "X", employment_end=date(2020, 2, 29), contract_end=None,
              medical_last_change=date(2021, 6, 1), trajectory_end=date(2019, 12, 31))
    items = {i.category: i.due for i in due_dates(f, YEARS)}
    assert items[Category.PERSONAL] == date(2025, 2, 28)  # 29 Feb + 5 years
    assert items[Category.MEDICAL] == date(2036, 6, 1)  # 15 years after the last change
    assert items[Category.TRAJECTORY] == date(2021, 12, 31)
    exposed = Facts(1, "X", date(2020, 1, 1), None, date(2021, 6, 1),
                    exposure_ends=(("carcinogenic", date(2010, 3, 1)), ("ionising_radiation", date(2019, 5, 1))))
    medical_due = {i.category: i for i in due_dates(exposed, YEARS)}[Category.MEDICAL]
    assert medical_due.due == date(2050, 3, 1) and "40 jaar" in medical_due.basis
    ongoing = Facts(1, "X", date(2020, 1, 1), None, date(2021, 6, 1), exposure_ends=(("biological", None),))
    assert Category.MEDICAL not in {i.category for i in due_dates(ongoing, YEARS)}
    employed = Facts(1, "X", None, None, date(2021, 6, 1))
    assert due_dates(employed, YEARS) == []  # the period starts at the end of employment
    contract = Facts(1, "X", None, date(2018, 1, 1), None)
    assert {i.category: i.due for i in due_dates(contract, YEARS)}[Category.PERSONAL] == date(2023, 1, 1)


@pytest.fixture
def arts(practice):
    s = login_as(practice, ARTS, unlock=True)
    yield s
    s.close()


def _ended(arts, years_ago=6):
    """An employee of the demo whose employment ended long ago."""
    employee = employees.page(arts, limit=1)[0]
    end = (date.today() - timedelta(days=365 * years_ago)).strftime("%d-%m-%Y")
    from desktop_app.domain.dossier import EmployeeForm

    form = EmployeeForm.of(employee)
    form.employment_start = (date.today() - timedelta(days=365 * (years_ago + 5))).strftime("%d-%m-%Y")
    form.employment_end = end
    if form.birth_date and form.birth_date > form.employment_start:
        form.birth_date = "01-01-1960"
    return employees.update(arts, employee.id, form)


def test_nothing_is_destroyed_without_a_decision(arts):
    e = _ended(arts)
    items = [i for i in retention.due(arts) if i.employee_id == e.id]
    assert {i.category for i in items} >= {Category.PERSONAL}
    assert employees.open_dossier(arts, e.id).surname == e.surname  # still there until decided


def test_keep_needs_a_reason_and_a_review_date(arts):
    e = _ended(arts)
    with pytest.raises(ValidationError):
        retention.decide(arts, e.id, "personal", "keep", reason="zomaar", review_on="01-01-2099")
    with pytest.raises(ValidationError):
        retention.decide(arts, e.id, "personal", "keep", reason="complaint", review_on="01-01-2000")
    retention.decide(arts, e.id, "personal", "keep", reason="complaint",
                     review_on=(date.today() + timedelta(days=200)).strftime("%d-%m-%Y"))
    assert all(i.employee_id != e.id or i.category != Category.PERSONAL for i in retention.due(arts))
    later = date.today() + timedelta(days=201)
    assert any(i.employee_id == e.id for i in retention.due(arts, today=later))  # due again at review


def test_anonymisation_keeps_the_statistics(arts):
    e = _ended(arts)
    start, end = date.today() - timedelta(days=3 * 365), date.today()
    before = statistics.employer_statistics(arts, e.employer_id, start, end)
    retention.decide(arts, e.id, "personal", "anonymise")
    after = statistics.employer_statistics(arts, e.employer_id, start, end)
    assert after == before
    stored = employees.open_dossier(arts, e.id)
    assert stored.surname == "Geanonimiseerd" and stored.bsn == "" and stored.birth_date is None
    assert e.id not in [x.id for x in employees.search(arts, e.surname)]
    assert not contains(arts.files.practice_db, arts.practice_key(), e.bsn.encode())


def test_destruction_leaves_no_content_and_a_register_line(arts):
    e = _ended(arts)
    marker = "BEWAAR-NIET-91ab"
    medical_entries.add_entry(arts, e.id, "note", {"text": marker, "entry_date": date.today().strftime("%d-%m-%Y")})
    retention.decide(arts, e.id, "personal", "destroy")
    assert not contains(arts.files.medical_db, arts.medical_key(), marker.encode())
    assert not contains(arts.files.practice_db, arts.practice_key(), e.bsn.encode())
    rows = arts.db.query("SELECT categories, reason FROM destruction_register WHERE employee_id = ?", (e.id,))
    assert len(rows) == 1 and "employees: 1" in rows[0][0] and marker not in rows[0][0]


def test_only_a_physician_decides_and_medical_must_be_open(practice):
    s = login_as(practice, CASEMANAGER)
    with pytest.raises(PermissionDenied):
        retention.decide(s, 1, "personal", "destroy")
    with pytest.raises(PermissionDenied):
        retention.due(s)
    s.close()
    s = login_as(practice, ARTS)
    with pytest.raises(MedicalLocked):
        retention.decide(s, 1, "medical", "destroy")
    s.close()
