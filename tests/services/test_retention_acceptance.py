"""Issue 13's retention acceptance test. An employee with an asbestos exposure (40 years), medical
records, an ended re-integration trajectory and personal data, walked through 50 years of
``today``: at each date exactly the categories whose term has ended are offered, nothing ever
early; each is destroyed (or anonymised) on the day it is offered, and that leaves every other
category, and another employee's whole dossier, intact to the byte in the decrypted pages.

The terms, worked out by hand from the rules (docs/legal-rules.md, Bewaartermijnen):
- trajectory: 2 years after it ended (the employee is still employed then);
- personal data: 5 years after the end of employment; payroll data: 7 years;
- medical dossier: 20 years after the last entry or the end of employment, but the asbestos
  exposure keeps it 40 years after the exposure ended, which is later;
- identity: its 5 years have passed, but it is offered only once the medical dossier and the
  payroll data have gone (from the day the medical dossier is destroyed).
"""

from datetime import date, timedelta

import pytest

from desktop_app.domain.retention import Category
from desktop_app.services import retention
from tests.helpers.retention_practice import in_pages, populate, snapshot, years

T = date.today()
DECISION = {Category.TRAJECTORY: "anonymise", Category.PAYROLL: "destroy", Category.PERSONAL: "destroy",
            Category.MEDICAL: "destroy", Category.IDENTITY: "destroy"}


@pytest.fixture
def walk(arts, monkeypatch):
    """Walk the dates; return (mismatches, byte differences, markers left, what was done when)."""
    person = populate(arts, today=T, exposure_end=years(T, -2))
    other = populate(arts, today=T, surname="Kowalska", given="Ewa", employer_name="Werkgever Zuid B.V.",
                     birth=date(1982, 2, 3), employment_end=years(T, 60), exposure_end=years(T, -1), seed=9)
    terms = {
        Category.TRAJECTORY: years(person.trajectory_end, 2),
        Category.PERSONAL: years(person.employment_end, 5),
        Category.PAYROLL: years(person.employment_end, 7),
        Category.MEDICAL: max(years(person.employment_end, 20), years(person.exposure_end, 40)),
    }
    assert terms[Category.MEDICAL] == years(person.exposure_end, 40)
    assert terms[Category.TRAJECTORY] < person.employment_end  # the 2-year rule while still employed
    days = {T + timedelta(days=30 * n) for n in range(50 * 365 // 30 + 1)}
    for due in terms.values():
        days |= {due - timedelta(days=1), due, due + timedelta(days=1)}
    done: dict[Category, date] = {}
    mismatches, changed, left = [], [], []
    other_before = snapshot(arts, other.employee_id)
    for day in sorted(d for d in days if d <= years(T, 50)):
        monkeypatch.setattr(arts, "today", lambda day=day: day)
        expected = {c for c, due in terms.items() if due <= day and c not in done}
        if Category.MEDICAL in done and Category.PAYROLL in done and Category.IDENTITY not in done:
            expected.add(Category.IDENTITY)
        offered = {i.category for i in retention.due(arts, today=day) if i.employee_id == person.employee_id}
        if offered != expected:
            mismatches.append((day, sorted(offered), sorted(expected)))
        for category in sorted(offered & expected, key=list(Category).index):
            before = snapshot(arts, person.employee_id)
            retention.decide(arts, person.employee_id, category.value, DECISION[category],
                             item=person.trajectory_id if category is Category.TRAJECTORY else 0)
            done[category] = day
            after = snapshot(arts, person.employee_id)
            for kept in Category:
                if kept not in done and after[kept.value] != before[kept.value]:
                    changed.append((day, category.value, kept.value))
            if snapshot(arts, other.employee_id) != other_before:
                changed.append((day, category.value, "another employee"))
            if category.value in person.markers and in_pages(arts, person.markers[category.value]):
                left.append((day, category.value))
    return mismatches, changed, left, done, terms, person


def test_exactly_the_categories_whose_term_ended_are_offered_at_every_date(walk):
    mismatches, *_ = walk
    assert mismatches == []


def test_destroying_one_category_leaves_every_other_intact_to_the_byte(walk):
    _mismatches, changed, *_ = walk
    assert changed == []


def test_what_was_destroyed_is_on_no_decrypted_page(walk):
    _mismatches, _changed, left, *_ = walk
    assert left == []


def test_each_category_went_on_its_own_term(walk):
    _m, _c, _l, done, terms, _person = walk
    # The identity is offered from the day the medical dossier went: the next date walked.
    assert done == {**terms, Category.IDENTITY: terms[Category.MEDICAL] + timedelta(days=1)}


def test_after_fifty_years_only_the_anonymous_statistics_remain(walk, arts):
    *_, person = walk
    rows = snapshot(arts, person.employee_id)
    assert rows["identity"][0] == [("Geanonimiseerd", "", "", "", None, "", "", "\uffffgeanonimiseerd",
                                    rows["identity"][0][0][8])]
    assert rows["medical"] == [[], [], [], [], [], []]
    assert rows["personal"][1:] == [[], [], [], [], [], [], [], []]
