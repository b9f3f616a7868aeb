"""A retention setting may lengthen a legal period, never shorten it; the medical dossier is 20
years by default, 15 only with a recorded reason, and that reason is shown with the term."""

from datetime import date

import pytest

from desktop_app.domain.retention import Category
from desktop_app.errors import ValidationError, ValidationErrors
from desktop_app.services import retention, settings
from tests.helpers.retention_practice import populate, years

T = date.today()


@pytest.mark.parametrize(("key", "value"), [
    ("retention_medical_years", "1"), ("retention_medical_years", "14"), ("retention_payroll_years", "6"),
    ("retention_personal_years", "4"), ("retention_carcinogenic_years", "39"), ("retention_radiation_years", "29"),
    ("retention_trajectory_years", "1"),
])
def test_a_period_below_the_law_is_refused_at_its_field(arts, key, value):
    with pytest.raises(ValidationErrors) as err:
        settings.update(arts, {key: value})
    assert list(err.value.errors) == [key]


def test_the_refusal_says_why_in_dutch(arts):
    with pytest.raises(ValidationErrors) as err:
        settings.update(arts, {"retention_medical_years": "1"})
    assert "niet korter dan 20 jaar (WGBO, BW art. 7:454 lid 3)" in err.value.errors["retention_medical_years"]


def test_a_refused_period_is_not_stored(arts):
    with pytest.raises(ValidationErrors):
        settings.update(arts, {"retention_payroll_years": "2"})
    assert settings.all_settings(arts)["retention_payroll_years"] == "7"


def test_a_longer_period_is_allowed(arts):
    assert settings.update(arts, {"retention_medical_years": "25"})["retention_medical_years"] == "25"


def test_the_medical_default_is_twenty_years(arts):
    assert retention.periods(arts).medical == 20


def test_fifteen_years_without_a_reason_is_refused(arts):
    with pytest.raises(ValidationError) as err:
        settings.update(arts, {"retention_medical_years": "15"})
    assert err.value.field == "retention_medical_years"
    assert "vastgelegde reden" in err.value.message


def test_fifteen_years_with_a_recorded_reason_counts(arts):
    settings.update(arts, {"retention_medical_years": "15",
                           "retention_medical_reason": "Dossiers van vóór 2020, afspraak met de opdrachtgever"})
    assert retention.periods(arts).medical == 15


def test_the_reason_for_fifteen_years_is_shown_with_the_term(arts, monkeypatch):
    settings.update(arts, {"retention_medical_years": "15",
                           "retention_medical_reason": "Dossiers van vóór 2020, afspraak met de opdrachtgever"})
    person = populate(arts, today=T, medical=True)
    day = years(person.employment_end, 15)
    (item,) = [i for i in retention.due(arts, today=day)
               if i.employee_id == person.employee_id and i.category is Category.MEDICAL]
    assert "reden: Dossiers van vóór 2020" in item.basis


def test_removing_the_reason_later_is_refused_at_the_reason(arts):
    settings.update(arts, {"retention_medical_years": "15",
                           "retention_medical_reason": "Dossiers van vóór 2020, afspraak met de opdrachtgever"})
    with pytest.raises(ValidationError) as err:
        settings.update(arts, {"retention_medical_reason": ""})
    assert err.value.field == "retention_medical_reason"


def test_a_period_stored_below_the_law_before_counts_as_the_law(arts):
    from desktop_app.storage import settings as store

    with arts.db.transaction():  # a value an older version let through
        store.store(arts.db, [("retention_medical_years", "1"), ("retention_personal_years", "1")])
    assert retention.periods(arts).medical == 20
    assert retention.periods(arts).personal == 5


def test_the_labels_say_what_the_law_says(arts):
    labels = {s.key: s.label for s in settings.SETTINGS}
    assert "20" in labels["retention_medical_years"]
    assert settings.BY_KEY["retention_medical_years"].default == "20"
