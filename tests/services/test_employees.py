"""Employers and employees: validation at the field, exact storage, BSN masking, search."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.audit import Action
from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.errors import NotFound, ValidationErrors
from desktop_app.services import employees, employers
from desktop_app.services.restrictions import Restricted
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.practices import ARTS, CASEMANAGER, login_as


@pytest.fixture
def session(bare_practice):
    s = login_as(bare_practice, CASEMANAGER)
    yield s
    s.close()


@pytest.fixture
def employer(session):
    return employers.create(session, EmployerForm(name="Bouwbedrijf Test B.V.", kvk="12345678",
                                                  postcode="3511ab", city="Utrecht"))


def _employee(session, employer, **kw):
    form = EmployeeForm(employer_id=employer.id, surname="Berg", prefix="van den", given_names="Jan",
                        birth_date="01-02-1980", bsn="123456782", postcode="1234 ab",
                        personnel_number="P-001", **kw)
    return employees.create(session, form)


def test_employer_is_stored_normalised(session, employer):
    assert employer.postcode == "3511 AB"
    assert employer.kvk == "12345678"
    assert employers.get(session, employer.id).name == "Bouwbedrijf Test B.V."


def test_every_wrong_field_is_named_at_once(session, employer):
    form = EmployeeForm(employer_id=employer.id, surname="", birth_date="31-02-1980",
                        bsn="123456789", postcode="0123 AB", email="geen-email",
                        employment_start="01-01-2020", employment_end="01-01-2019",
                        contract_hours="veel")
    with pytest.raises(ValidationErrors) as err:
        employees.create(session, form)
    fields = set(err.value.errors)
    assert {"surname", "birth_date", "bsn", "postcode", "email", "employment_end",
            "contract_hours"} <= fields
    assert "elfproef" in err.value.errors["bsn"].lower()
    assert employees.count(session) == 0  # nothing half-saved


def test_birth_date_in_the_future_is_refused(session, employer):
    with pytest.raises(ValidationErrors) as err:
        employees.create(session, EmployeeForm(employer_id=employer.id, surname="X",
                                               birth_date="01-01-2999"))
    assert "birth_date" in err.value.errors


def test_names_keep_every_character_and_sort_the_dutch_way(session, employer):
    for prefix, surname, given_names in [("van 't", "Hof", "Ĳsbrand"), ("", "Çelik", "Ayşe"),
                                   ("van den", "Berg", "Jan"), ("", "Brouwer-de Wit", "Ruud"),
                                   ("", "Nguyễn", "Thị Ngọc Ánh"), ("", "O’Brien", "Seán"),
                                   ("d'", "Ancona", "Hedy"), ("", "Łukaszewicz", "Józef")]:
        employees.create(session, EmployeeForm(employer_id=employer.id, surname=surname,
                                               prefix=prefix, given_names=given_names))
    listed = employees.page(session)
    assert [e.surname for e in listed] == [
        "Ancona", "Berg", "Brouwer-de Wit", "Çelik", "Hof", "Łukaszewicz", "Nguyễn", "O’Brien"]
    hof = next(e for e in listed if e.surname == "Hof")
    assert (hof.prefix, hof.given_names) == ("van 't", "Ĳsbrand")
    assert hof.display_name == "Ĳsbrand van 't Hof"


def test_bsn_is_masked_and_revealing_it_is_logged(session, employer):
    e = _employee(session, employer)
    assert e.masked_bsn.endswith("782")
    assert "123456" not in e.masked_bsn
    since = last_seq(session)
    assert employees.reveal_bsn(session, e.id) == "123456782"
    events = events_after(session, since)
    assert [(ev[0], ev[2]) for ev in events] == [(Action.REVEAL_BSN, e.id)]


def test_an_eight_digit_bsn_gets_a_leading_zero(session, employer):
    # 011222333? find an eight-digit number that is valid with a leading zero: 11222333 → 011222333
    from desktop_app.domain import validation

    eight = next(f"{n:08d}" for n in range(10000000, 10100000) if validation.is_valid_bsn(f"0{n:08d}"))
    e = employees.create(session, EmployeeForm(employer_id=employer.id, surname="Nul", bsn=eight))
    assert e.bsn == "0" + eight


def test_opening_a_dossier_is_logged(session, employer):
    e = _employee(session, employer)
    since = last_seq(session)
    employees.open_dossier(session, e.id)
    assert [(ev[0], ev[2], ev[3]) for ev in events_after(session, since)] == [
        (Action.READ, e.id, "dossier geopend")]
    with pytest.raises(NotFound):
        employees.open_dossier(session, 999999)


def test_unknown_employer_is_a_field_error(session):
    with pytest.raises(ValidationErrors) as err:
        employees.create(session, EmployeeForm(employer_id=4242, surname="X"))
    assert "employer_id" in err.value.errors


def test_a_restricted_dossier_cannot_be_changed(session, employer):
    e = _employee(session, employer)
    with session.db.transaction():
        session.db.execute("INSERT INTO restrictions (employee_id, reason, started_at, started_by) "
                           "VALUES (?, 'bezwaar', '2026-01-01', ?)", (e.id, session.user.id))
    with pytest.raises(Restricted) as err:
        employees.update(session, e.id, EmployeeForm.of(e))
    assert "beperkt" in err.value.message
    assert employees.open_dossier(session, e.id).surname == "Berg"  # reading still works


def test_update_round_trips_through_the_form(session, employer):
    e = _employee(session, employer, contract_hours="32,5", employment_start="01-03-2015")
    form = EmployeeForm.of(e)
    assert form.contract_hours == "32,5"
    assert form.birth_date == "01-02-1980"
    form.job_title = "uitvoerder"
    updated = employees.update(session, e.id, form)
    assert updated.job_title == "uitvoerder"
    assert updated.contract_hours == e.contract_hours


TEXT = st.text(alphabet=st.characters(codec=None), max_size=300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(surname=TEXT, city=TEXT, job=TEXT)
def test_any_typed_text_is_kept_exactly_or_refused(session, employer, surname, city, job):
    form = EmployeeForm(employer_id=employer.id, surname=surname, city=city, job_title=job)
    try:
        e = employees.create(session, form)
    except ValidationErrors as err:
        assert err.errors
        assert all(isinstance(m, str) and m for m in err.errors.values())
        return
    stored = employees.open_dossier(session, e.id)
    assert (stored.surname, stored.city, stored.job_title) == (surname, city, job)


def test_physician_and_casemanager_both_reach_the_practice_section(practice):
    for account in (ARTS, CASEMANAGER):
        s = login_as(practice, account)
        employers.create(s, EmployerForm(name=f"Werkgever {account.username}"))
        s.close()
    s = login_as(practice, ARTS)
    assert {e.name for e in employers.list_all(s)} >= {"Werkgever arts", "Werkgever casemanager"}
    s.close()


def test_dates_are_checked_against_today(session, employer):
    today = date.today()
    with pytest.raises(ValidationErrors):
        employees.create(session, EmployeeForm(employer_id=employer.id, surname="X",
                                               birth_date=f"{today.day:02d}-{today.month:02d}-{today.year + 1}"))
