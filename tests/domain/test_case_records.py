"""The case record's early-report facts: parsed from the form, handed to the timeline and the
statistics."""

from datetime import date

import pytest

from desktop_app.domain import poortwachter
from desktop_app.domain.cases import AbsenceCase, AbsenceKind, CaseForm, Level, parse_case
from desktop_app.domain.poortwachter import Episode, MilestoneCode
from desktop_app.domain.statistics import StatEmployee, compute
from desktop_app.domain.uwv_reports import Pregnancy, SafetyNetGround
from desktop_app.errors import ValidationErrors

TODAY = date(2026, 5, 1)


def test_a_safety_net_case_with_its_ground():
    new = parse_case(CaseForm("27-04-2026", "safety_net", "100", ground="organ_donation"), TODAY)
    assert new.ground is SafetyNetGround.ORGAN_DONATION
    assert new.pregnancy is None


def test_a_pregnancy_with_its_expected_date():
    new = parse_case(CaseForm("27-04-2026", "pregnancy", "100", expected_delivery="01-07-2026",
                              multiple_pregnancy=True), TODAY)
    assert new.pregnancy == Pregnancy(date(2026, 7, 1), multiple=True)


def test_a_ground_belongs_to_safety_net_cases_only():
    with pytest.raises(ValidationErrors) as err:
        parse_case(CaseForm("27-04-2026", "illness", "100", ground="organ_donation"), TODAY)
    assert err.value.errors["ground"] == "Vangnetgrond: alleen bij een vangnetgeval."


def test_bad_ground_and_expected_date_are_named():
    with pytest.raises(ValidationErrors) as err:
        parse_case(CaseForm("27-04-2026", "safety_net", "100", ground="x",
                            expected_delivery="31-02-2026"), TODAY)
    assert err.value.errors["ground"] == "Vangnetgrond: kies een grond uit de lijst."
    assert err.value.errors["expected_delivery"].startswith("Uitgerekende datum: de datum")


def test_the_case_hands_its_facts_to_the_timeline():
    case = AbsenceCase(1, 1, date(2026, 1, 29), AbsenceKind.SAFETY_NET, None,
                       episodes=(Episode(date(2026, 1, 29)),),
                       ground=SafetyNetGround.FICTITIOUS_EMPLOYMENT)
    t = poortwachter.compute_timeline(case.episodes, today=TODAY, **case.report_inputs())
    report = next(m for m in t if m.code is MilestoneCode.UWV_EARLY_REPORT)
    assert report.due == date(2026, 2, 1)


def test_the_case_hands_its_leave_to_the_statistics():
    # Pregnancy-related from 5 Jan, leave from 14 Feb: 40 sick days in Q1 for ten employees,
    # 40 / 900 = 4.44 %.
    case = AbsenceCase(1, 1, date(2026, 1, 5), AbsenceKind.PREGNANCY, None,
                       episodes=(Episode(date(2026, 1, 5)),), levels=(Level(date(2026, 1, 5), 100.0),),
                       pregnancy=Pregnancy(date(2026, 3, 27), leave_start=date(2026, 2, 14)))
    s = compute([StatEmployee() for _ in range(10)], [case.stat_case(0)],
                date(2026, 1, 1), date(2026, 3, 31))
    assert s.with_pregnancy.absence_percentage == 4.44
    assert s.without_pregnancy.absence_percentage == 0.0
