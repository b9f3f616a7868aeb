"""The employer's workforce per period and full-time week, as a practice enters them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.dossier import EmployerForm
from desktop_app.domain.workforce import WorkforceForm
from desktop_app.errors import ValidationError, ValidationErrors
from desktop_app.services import employers, workforce
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.practices import ASSISTENT, CASEMANAGER, login_as

TODAY = date(2026, 12, 1)


@pytest.fixture
def session(bare_practice):
    s = login_as(bare_practice, CASEMANAGER)
    s.today = lambda: TODAY
    yield s
    s.close()


@pytest.fixture
def employer(session):
    return employers.create(session, EmployerForm(name="Werkgever", full_time_hours="36"))


def test_the_full_time_week_is_the_employers(session, employer):
    assert employers.get(session, employer.id).full_time_hours == Decimal(36)


def test_the_full_time_week_takes_a_dutch_decimal(session, employer):
    updated = employers.update(session, employer.id, EmployerForm(name="Werkgever", full_time_hours="38,5"))
    assert updated.full_time_hours == Decimal("38.5")


@pytest.mark.parametrize("week", ["0", "61", "veertig", "-36"])
def test_a_full_time_week_outside_0_to_60_hours_is_refused(session, week):
    with pytest.raises(ValidationErrors) as err:
        employers.create(session, EmployerForm(name="X", full_time_hours=week))
    assert "full_time_hours" in err.value.errors


def test_an_entry_names_who_entered_it(session, employer):
    entry = workforce.add(session, employer.id, WorkforceForm("01-01-2026", "31-03-2026", "42", "35,5"))
    assert (entry.headcount, entry.fte, entry.entered_by_name) == (Decimal(42), Decimal("35.5"),
                                                                   session.user.display_name)


def test_an_entry_is_on_the_audit_trail(session, employer):
    seq = last_seq(session)
    workforce.add(session, employer.id, WorkforceForm("01-01-2026", "31-03-2026", "42", "35"))
    assert ("create", "employer_workforce") in [(e[0], e[1]) for e in events_after(session, seq)]


def test_overlapping_entries_are_refused(session, employer):
    workforce.add(session, employer.id, WorkforceForm("01-01-2026", "31-03-2026", "42", "35"))
    with pytest.raises(ValidationError) as err:
        workforce.add(session, employer.id, WorkforceForm("01-03-2026", "30-06-2026", "44", "36"))
    assert "overlapt" in err.value.message


def test_an_entry_may_be_corrected_in_place(session, employer):
    entry = workforce.add(session, employer.id, WorkforceForm("01-01-2026", "31-03-2026", "42", "35"))
    corrected = workforce.update(session, entry.id, WorkforceForm("01-01-2026", "31-03-2026", "43", "35"))
    assert corrected.headcount == Decimal(43)


def test_an_entry_may_be_removed(session, employer):
    entry = workforce.add(session, employer.id, WorkforceForm("01-01-2026", "31-03-2026", "42", "35"))
    workforce.remove(session, entry.id)
    assert workforce.for_employer(session, employer.id) == []


def test_more_fte_than_the_people_can_work_is_refused(session, employer):
    # 10 people of at most 60 hours on a 36-hour week are at most 16.67 FTE.
    with pytest.raises(ValidationErrors) as err:
        workforce.add(session, employer.id, WorkforceForm("01-01-2026", "31-03-2026", "10", "17"))
    assert "16,67" in err.value.errors["fte"]


@pytest.mark.parametrize(("form", "field"), [
    (WorkforceForm("31-03-2026", "01-01-2026", "10", "8"), "end"),
    (WorkforceForm("01-01-2026", "31-03-2026", "tien", "8"), "headcount"),
    (WorkforceForm("01-01-2026", "31-03-2026", "10", "-1"), "fte"),
    (WorkforceForm("01-01-2026", "31-03-2026", "10", "8", "70"), "full_time_hours"),
    (WorkforceForm("", "31-03-2026", "10", "8"), "start"),
    (WorkforceForm("01-01-2026", "31-12-2028", "10", "8"), "end"),
])
def test_a_bad_entry_names_its_field(session, employer, form, field):
    with pytest.raises(ValidationErrors) as err:
        workforce.add(session, employer.id, form)
    assert field in err.value.errors


def test_an_assistent_without_a_statement_may_enter_figures(bare_practice, employer):
    s = login_as(bare_practice, ASSISTENT)
    entry = workforce.add(s, employer.id, WorkforceForm("01-01-2026", "31-03-2026", "42", "35"))
    s.close()
    assert entry.headcount == Decimal(42)
