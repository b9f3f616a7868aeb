"""The retention terms worked out by hand, straight on the rules (no storage)."""

from datetime import date

from desktop_app.domain.retention import (
    Category,
    Decision,
    Facts,
    MedicalFacts,
    Periods,
    Person,
    Taken,
    TrajectoryTerm,
    offered,
    terms,
)

P = Periods()
PERSON = Person(1, "A. Kowalski", "kowalski", date(1970, 5, 17), "W")


def _facts(**kw) -> Facts:
    base = dict(person=PERSON, employment_end=date(2020, 2, 29), contract_end=None, has_personal=True,
                has_payroll=True, has_identity=True, medical=MedicalFacts(date(2021, 6, 1)))
    return Facts(**{**base, **kw})


def _terms(f: Facts, p: Periods = P) -> dict[Category, date | None]:
    return {t.category: t.due for t in terms(f, p)}


def test_five_years_after_the_29th_of_february_is_the_28th():
    assert _terms(_facts())[Category.PERSONAL] == date(2025, 2, 28)


def test_payroll_data_seven_years_after_the_end_of_employment():
    assert _terms(_facts())[Category.PAYROLL] == date(2027, 2, 28)


def test_the_medical_dossier_twenty_years_after_its_last_entry():
    assert _terms(_facts())[Category.MEDICAL] == date(2041, 6, 1)


def test_the_medical_dossier_not_before_twenty_years_after_the_end_of_employment():
    f = _facts(medical=MedicalFacts(date(2015, 3, 1)))
    assert _terms(f)[Category.MEDICAL] == date(2040, 2, 29)


def test_a_carcinogenic_exposure_keeps_the_medical_dossier_forty_years():
    f = _facts(medical=MedicalFacts(date(2021, 6, 1), (("carcinogenic", date(2010, 3, 1)),)))
    assert _terms(f)[Category.MEDICAL] == date(2050, 3, 1)


def test_ionising_radiation_keeps_it_thirty_years():
    f = _facts(medical=MedicalFacts(date(2021, 6, 1), (("ionising_radiation", date(2019, 5, 1)),)))
    assert _terms(f)[Category.MEDICAL] == date(2049, 5, 1)


def test_an_ongoing_exposure_has_no_end():
    f = _facts(medical=MedicalFacts(date(2021, 6, 1), (("biological", None),)))
    assert _terms(f)[Category.MEDICAL] is None


def test_the_employers_contract_ending_first_starts_the_terms():
    f = _facts(employment_end=None, contract_end=date(2018, 1, 1))
    assert _terms(f)[Category.PERSONAL] == date(2023, 1, 1)


def test_a_trajectory_counts_from_its_own_end_while_still_employed():
    f = _facts(employment_end=None, trajectories=(TrajectoryTerm(7, "spoor 1", date(2019, 12, 31)),))
    assert [i.category for i in offered(f, P, date(2021, 12, 31))] == [Category.TRAJECTORY]


def test_a_running_trajectory_is_never_offered():
    f = _facts(employment_end=None, trajectories=(TrajectoryTerm(7, "spoor 1", None),))
    assert offered(f, P, date(2090, 1, 1)) == []


def test_the_identity_waits_for_the_medical_dossier():
    assert Category.IDENTITY not in {i.category for i in offered(_facts(), P, date(2030, 1, 1))}


def test_the_identity_is_due_from_the_day_its_holders_went():
    f = _facts(medical=MedicalFacts(None), decisions=(
        Taken(Category.PAYROLL, 0, Decision.ANONYMISE, date(2031, 4, 2)),))
    (item,) = [i for i in offered(f, P, date(2032, 1, 1)) if i.category is Category.IDENTITY]
    assert item.due == date(2031, 4, 2)


def test_a_locked_medical_section_keeps_the_identity():
    f = _facts(medical=None, decisions=(Taken(Category.PAYROLL, 0, Decision.DESTROY, date(2031, 4, 2)),))
    assert Category.IDENTITY not in {i.category for i in offered(f, P, date(2060, 1, 1))}


def test_a_keep_decision_holds_until_its_review():
    f = _facts(decisions=(Taken(Category.PERSONAL, 0, Decision.KEEP, date(2025, 3, 1), date(2026, 3, 1)),))
    assert Category.PERSONAL not in {i.category for i in offered(f, P, date(2026, 2, 28))}


def test_fifteen_years_with_a_reason_shows_the_reason():
    p = Periods(medical=15, medical_reason="afspraak")
    (term,) = [t for t in terms(_facts(), p) if t.category is Category.MEDICAL]
    assert term.due == date(2036, 6, 1)
    assert "reden: afspraak" in term.basis
