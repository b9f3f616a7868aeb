"""Retention by category, through the service a physician's screen calls: each category is offered
on its own term and destroying it leaves the others as they were, to the byte in the decrypted
pages; the identity stays while the medical dossier or the payroll data needs it; nothing is
decided before its term; keeping needs a reason and a review date."""

from datetime import date, timedelta

import pytest

from desktop_app.domain.retention import Category
from desktop_app.errors import MedicalLocked, PermissionDenied, ValidationError
from desktop_app.services import employees, retention, statistics
from tests.helpers.practices import ARTS, CASEMANAGER, login_as
from tests.helpers.retention_practice import in_pages, nl, populate, snapshot, years

T = date.today()


def _on(monkeypatch, session, day: date) -> None:
    """The session's clock says ``day`` (nothing waits on real time)."""
    monkeypatch.setattr(session, "today", lambda: day)


def _offered(session, employee_id: int, day: date) -> set[Category]:
    return {i.category for i in retention.due(session, today=day) if i.employee_id == employee_id}


@pytest.fixture
def person(arts):
    return populate(arts, today=T, exposure_end=years(T, -2))


def test_destroying_personal_data_leaves_every_other_category_to_the_byte(arts, person, monkeypatch):
    day = years(person.employment_end, 5)
    _on(monkeypatch, arts, day)
    before = snapshot(arts, person.employee_id)
    retention.decide(arts, person.employee_id, "personal", "destroy")
    after = snapshot(arts, person.employee_id)
    for category in ("payroll", "trajectory", "medical", "identity"):
        assert after[category] == before[category], category


def test_destroyed_personal_data_is_on_no_page(arts, person, monkeypatch):
    _on(monkeypatch, arts, years(person.employment_end, 5))
    retention.decide(arts, person.employee_id, "personal", "destroy")
    assert not in_pages(arts, person.markers["personal"])


def test_the_medical_dossier_is_still_on_the_pages_after_personal_data_went(arts, person, monkeypatch):
    _on(monkeypatch, arts, years(person.employment_end, 5))
    retention.decide(arts, person.employee_id, "personal", "destroy")
    assert in_pages(arts, person.markers["medical"])


def test_personal_data_due_says_the_identity_stays_for_the_medical_dossier(arts, person):
    (item,) = [i for i in retention.due(arts, today=years(person.employment_end, 5))
               if i.employee_id == person.employee_id and i.category is Category.PERSONAL]
    assert "medisch dossier (tot " in item.stays


def test_the_identity_is_not_offered_while_the_medical_dossier_needs_it(arts, person, monkeypatch):
    day = years(person.employment_end, 7)
    _on(monkeypatch, arts, day)
    retention.decide(arts, person.employee_id, "personal", "destroy")
    retention.decide(arts, person.employee_id, "payroll", "destroy")
    assert Category.IDENTITY not in _offered(arts, person.employee_id, day)


def test_the_identity_is_offered_once_medical_and_payroll_data_have_gone(arts, person, monkeypatch):
    day = years(person.exposure_end, 40)
    _on(monkeypatch, arts, day)
    for category in ("personal", "payroll", "medical"):
        retention.decide(arts, person.employee_id, category, "destroy")
    retention.decide(arts, person.employee_id, "trajectory", "anonymise", item=person.trajectory_id)
    assert _offered(arts, person.employee_id, day) == {Category.IDENTITY}


def test_the_medical_dossier_waits_forty_years_after_an_asbestos_exposure(arts, person):
    assert Category.MEDICAL not in _offered(arts, person.employee_id, years(person.exposure_end, 40) - timedelta(days=1))


def test_the_medical_dossier_is_offered_forty_years_after_the_exposure_ended(arts, person):
    assert Category.MEDICAL in _offered(arts, person.employee_id, years(person.exposure_end, 40))


def test_nothing_is_decided_before_its_term(arts, person, monkeypatch):
    _on(monkeypatch, arts, years(person.employment_end, 5) - timedelta(days=1))
    with pytest.raises(ValidationError) as err:
        retention.decide(arts, person.employee_id, "personal", "destroy")
    assert "niet verstreken" in err.value.message


def test_a_decision_refused_before_its_term_leaves_the_data(arts, person, monkeypatch):
    _on(monkeypatch, arts, years(person.employment_end, 5) - timedelta(days=1))
    with pytest.raises(ValidationError):
        retention.decide(arts, person.employee_id, "personal", "destroy")
    assert in_pages(arts, person.markers["personal"])


def test_the_trajectory_is_anonymised_two_years_after_its_end_while_still_employed(arts, person, monkeypatch):
    day = years(person.trajectory_end, 2)
    assert person.employment_end > day  # still employed then
    _on(monkeypatch, arts, day)
    retention.decide(arts, person.employee_id, "trajectory", "anonymise", item=person.trajectory_id)
    assert not in_pages(arts, person.markers["trajectory"])


def test_the_trajectory_is_not_offered_a_day_before_its_two_years(arts, person):
    day = years(person.trajectory_end, 2) - timedelta(days=1)
    assert Category.TRAJECTORY not in _offered(arts, person.employee_id, day)


def test_an_anonymised_trajectory_keeps_its_dates_and_kinds(arts, person, monkeypatch):
    from desktop_app.services import trajectories

    _on(monkeypatch, arts, years(person.trajectory_end, 2))
    retention.decide(arts, person.employee_id, "trajectory", "anonymise", item=person.trajectory_id)
    t = trajectories.get(arts, person.trajectory_id)
    kinds = [r.kind.value for r in trajectories.reports(arts, t.id)]
    assert (t.track.value, t.started_on, t.ended_on) == ("second", T - timedelta(days=300), person.trajectory_end)
    assert kinds == ["plan_of_approach", "evaluation"]


def test_keep_needs_a_known_reason(arts, person, monkeypatch):
    _on(monkeypatch, arts, years(person.employment_end, 5))
    with pytest.raises(ValidationError):
        retention.decide(arts, person.employee_id, "personal", "keep", reason="zomaar", review_on="01-01-2099")


def test_keep_needs_a_review_date_in_the_future(arts, person, monkeypatch):
    _on(monkeypatch, arts, years(person.employment_end, 5))
    with pytest.raises(ValidationError):
        retention.decide(arts, person.employee_id, "personal", "keep", reason="complaint",
                         review_on=nl(years(person.employment_end, 5) - timedelta(days=1)))


def test_a_kept_item_comes_back_at_its_review_date(arts, person, monkeypatch):
    day = years(person.employment_end, 5)
    _on(monkeypatch, arts, day)
    review = day + timedelta(days=200)
    retention.decide(arts, person.employee_id, "personal", "keep", reason="complaint", review_on=nl(review))
    assert Category.PERSONAL not in _offered(arts, person.employee_id, review - timedelta(days=1))
    assert Category.PERSONAL in _offered(arts, person.employee_id, review)


def test_anonymised_payroll_data_keeps_the_statistics(arts, person, monkeypatch):
    employee = employees.open_dossier(arts, person.employee_id)
    start, end = T - timedelta(days=3 * 365), T
    before = statistics.employer_statistics(arts, employee.employer_id, start, end)
    day = years(person.exposure_end, 40)
    _on(monkeypatch, arts, day)
    retention.decide(arts, person.employee_id, "personal", "destroy")
    retention.decide(arts, person.employee_id, "payroll", "anonymise")
    retention.decide(arts, person.employee_id, "medical", "destroy")
    retention.decide(arts, person.employee_id, "identity", "destroy")
    assert statistics.employer_statistics(arts, employee.employer_id, start, end) == before


def test_a_destroyed_identity_is_not_found_and_its_bsn_is_on_no_page(arts, person, monkeypatch):
    _on(monkeypatch, arts, years(person.exposure_end, 40))
    for category in ("personal", "payroll", "medical", "identity"):
        retention.decide(arts, person.employee_id, category, "anonymise" if category == "payroll" else "destroy")
    assert employees.search(arts, "Kowalski") == []
    assert not in_pages(arts, person.bsn)


def test_the_register_names_what_went_never_the_content(arts, person, monkeypatch):
    _on(monkeypatch, arts, years(person.employment_end, 5))
    retention.decide(arts, person.employee_id, "personal", "destroy")
    (line,) = retention.register(arts, person.employee_id)
    assert line.category == "personal"
    assert "activities: 1" in line.categories
    assert person.markers["personal"] not in repr(line)


def test_a_case_manager_neither_sees_nor_decides(practice):
    s = login_as(practice, CASEMANAGER)
    try:
        with pytest.raises(PermissionDenied):
            retention.decide(s, 1, "personal", "destroy")
        with pytest.raises(PermissionDenied):
            retention.due(s)
    finally:
        s.close()


def test_the_medical_dossier_needs_the_medical_section_open(arts, person, bare_practice, monkeypatch):
    s = login_as(bare_practice, ARTS)
    try:
        _on(monkeypatch, s, years(person.exposure_end, 40))
        with pytest.raises(MedicalLocked):
            retention.decide(s, person.employee_id, "medical", "destroy")
        assert retention.register(s, person.employee_id) == []
    finally:
        s.close()


def test_without_the_medical_section_the_identity_counts_as_needed(arts, person, bare_practice):
    s = login_as(bare_practice, ARTS)
    try:
        offered = _offered(s, person.employee_id, years(person.exposure_end, 45))
        assert offered == {Category.PERSONAL, Category.PAYROLL, Category.TRAJECTORY}
    finally:
        s.close()
