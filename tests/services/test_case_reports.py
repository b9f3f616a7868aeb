"""The early UWV reports of pregnancy-related and safety-net cases (decision 0006) through the
service: on the case's timeline, on "Vandaag" (also after a recovery: a recovery does not
cancel them), recomputed after an upgrade, and never in anything the employer receives.

F is the first sick day: "within 6 weeks" is due F + 41, "the 4th sick day" F + 3.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from desktop_app.domain import poortwachter
from desktop_app.domain.case_facts import ReportFactsForm
from desktop_app.domain.cases import CaseForm, FeedbackForm
from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.domain.poortwachter import MilestoneCode
from desktop_app.errors import ValidationError, ValidationErrors
from desktop_app.services import activities, cases, documents, employees, employers, statistics
from desktop_app.storage import cases as cases_store
from tests.helpers.practices import ARTS, CASEMANAGER, login_as

TODAY = date(2026, 12, 1)
EARLY = str(MilestoneCode.UWV_EARLY_REPORT)
LEAVING = str(MilestoneCode.UWV_END_OF_EMPLOYMENT)


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@pytest.fixture
def session(bare_practice):
    s = login_as(bare_practice, CASEMANAGER)
    s.today = lambda: TODAY
    yield s
    s.close()


@pytest.fixture
def employee(session):
    employer = employers.create(session, EmployerForm(name="Werkgever"))
    return employees.create(session, EmployeeForm(employer_id=employer.id, surname="Ziek",
                                                  given_names="Karel"))


def early(session, case):
    return next(m for m in cases.timeline(session, cases.get(session, case.id)) if m.code == EARLY)


def lines_of(found, case):
    return [line.code for line in found if line.case_id == case.id]


# --- on the timeline ---------------------------------------------------------------------------


def test_a_no_risk_policy_case_is_reported_within_six_weeks(session, employee):
    first = TODAY - timedelta(days=10)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first), kind="safety_net",
                                                          ground="no_risk_policy"))
    assert early(session, case).due == first + timedelta(days=41)


def test_a_safety_net_case_without_its_ground_gets_the_shortest_term(session, employee):
    first = TODAY - timedelta(days=1)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first), kind="safety_net"))
    report = early(session, case)
    assert report.due == first + timedelta(days=3)
    assert "Leg de grond vast" in report.note


def test_the_ground_recorded_later_moves_the_report(session, employee):
    first = TODAY - timedelta(days=1)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first), kind="safety_net"))
    cases.set_report_facts(session, case.id, ReportFactsForm(ground="no_risk_policy"))
    assert early(session, case).due == first + timedelta(days=41)


def test_an_illness_in_the_flexibilisation_period_is_reported_by_the_4th_day(session, employee):
    # Expected 31 December: the period runs from 20 November (6 weeks before 1 January); an
    # illness of any kind that starts in it is reported by the 4th sick day.
    first = TODAY - timedelta(days=2)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first),
                                                          expected_delivery="31-12-2026"))
    assert early(session, case).due == first + timedelta(days=3)


def test_a_pregnancy_case_records_its_leave_later(session, employee):
    first = TODAY - timedelta(days=60)  # 2 October, before the period (expected 31 December)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first), kind="pregnancy",
                                                          expected_delivery="31-12-2026"))
    case = cases.set_report_facts(session, case.id, ReportFactsForm(
        expected_delivery="31-12-2026", leave_start="27-11-2026"))
    assert case.pregnancy.leave_start == date(2026, 11, 27)


def test_the_ground_is_for_safety_net_cases_only(session, employee):
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(TODAY)))
    with pytest.raises(ValidationErrors) as err:
        cases.set_report_facts(session, case.id, ReportFactsForm(ground="organ_donation"))
    assert "ground" in err.value.errors


def test_leave_dates_need_the_expected_date(session, employee):
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(TODAY), kind="pregnancy"))
    with pytest.raises(ValidationErrors) as err:
        cases.set_report_facts(session, case.id, ReportFactsForm(leave_start="01-12-2026"))
    assert "leave_start" in err.value.errors


def test_the_leave_starts_no_later_than_four_weeks_before_the_date(session, employee):
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(TODAY), kind="pregnancy"))
    with pytest.raises(ValidationErrors) as err:
        cases.set_report_facts(session, case.id, ReportFactsForm(
            expected_delivery="31-12-2026", leave_start="10-12-2026"))
    assert "uiterlijk 04-12-2026" in err.value.errors["leave_start"]


def test_a_relapse_of_an_illness_case_takes_no_ground(session, employee):
    first = TODAY - timedelta(days=30)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first)))
    cases.report_recovery(session, case.id, nl(first + timedelta(days=10)))
    with pytest.raises(ValidationError) as err:
        cases.open_case(session, employee.id, CaseForm(first_day=nl(first + timedelta(days=20)),
                                                       kind="safety_net", ground="organ_donation"))
    assert err.value.field == "ground"


# --- on "Vandaag" ------------------------------------------------------------------------------


def test_vandaag_keeps_a_missed_early_report_after_the_recovery(session, employee):
    first = TODAY - timedelta(days=20)  # report due the 4th sick day, long past
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first), kind="safety_net"))
    cases.report_recovery(session, case.id, nl(TODAY - timedelta(days=5)))
    assert lines_of(cases.overdue(session), case) == [EARLY]


def test_a_done_early_report_leaves_vandaag(session, employee):
    first = TODAY - timedelta(days=20)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first), kind="safety_net"))
    cases.record_milestone(session, case.id, EARLY, nl(first + timedelta(days=2)))
    assert lines_of(cases.overdue(session), case) == []


def test_coming_lists_an_early_report_due_soon(session, employee):
    first = TODAY - timedelta(days=35)  # no-risk policy: due F + 41 = in 6 days
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first), kind="safety_net",
                                                          ground="no_risk_policy"))
    assert EARLY in lines_of(cases.coming(session), case)


def test_vandaag_names_the_report(session, employee):
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(TODAY - timedelta(days=9)),
                                                          kind="safety_net"))
    line = next(x for x in cases.overdue(session) if x.case_id == case.id and x.code == EARLY)
    assert line.label == "Ziekmelding UWV (Ziektewet)"


def test_the_end_of_employment_during_illness_is_a_report(session, employee):
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(TODAY - timedelta(days=50))))
    leaving = TODAY + timedelta(days=10)
    employees.update(session, employee.id, EmployeeForm(
        employer_id=employee.employer_id, surname="Ziek", given_names="Karel",
        employment_end=nl(leaving)))
    line = next(x for x in cases.coming(session) if x.case_id == case.id and x.code == LEAVING)
    assert line.due == leaving


# --- after an upgrade -----------------------------------------------------------------------------


def _as_the_old_version_stored(session, case):
    """The deadlines as 0.1 stored them: the Poortwachter steps only, no rules version."""
    case = cases.get(session, case.id)
    old = poortwachter.compute_timeline(list(case.episodes), today=TODAY,
                                        done={MilestoneCode(k): v for k, v in case.milestones_done.items()})
    with session.db.transaction():
        cases_store.store_deadlines(session.db, case.id, old)


def test_deadlines_made_by_older_rules_are_recomputed(session, employee):
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(TODAY - timedelta(days=9)),
                                                          kind="pregnancy"))
    cases.report_recovery(session, case.id, nl(TODAY - timedelta(days=2)))
    _as_the_old_version_stored(session, case)
    assert lines_of(cases.overdue(session, today=TODAY + timedelta(days=40)), case) == [EARLY]


def test_reports_of_cases_that_ended_before_the_upgrade_stay_off_vandaag(session, employee):
    first = TODAY - timedelta(days=200)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first), kind="safety_net"))
    cases.report_recovery(session, case.id, nl(first + timedelta(days=30)))
    _as_the_old_version_stored(session, case)
    assert lines_of(cases.overdue(session), case) == []


def test_its_timeline_still_shows_the_missed_report(session, employee):
    first = TODAY - timedelta(days=200)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first), kind="safety_net"))
    cases.report_recovery(session, case.id, nl(first + timedelta(days=30)))
    _as_the_old_version_stored(session, case)
    cases.overdue(session)
    assert str(early(session, case).state) == "overdue"


# --- the column guard ---------------------------------------------------------------------------


def test_set_field_refuses_a_column_it_does_not_know(session, employee):
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(TODAY)))
    with pytest.raises(cases_store.UnknownCaseField):
        cases_store.set_field(session.db, case.id, "kind = 'pregnancy', employee_id", 1)


def test_set_field_refuses_a_value_of_the_wrong_type(session, employee):
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(TODAY)))
    with pytest.raises(cases_store.UnknownCaseField):
        cases_store.set_field(session.db, case.id, "wage_sanction_weeks", "52; DROP TABLE x")


def test_the_column_guard_holds_under_python_optimise():
    """``python -O`` drops asserts; the guard is not one."""
    code = ("from desktop_app.storage import cases as s\n"
            "try:\n    s.set_field(None, 1, 'kind', 'x')\n"
            "except s.UnknownCaseField:\n    print('refused')\n")
    out = subprocess.run([sys.executable, "-O", "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "refused"


# --- nothing of it reaches the employer -----------------------------------------------------------


SECRETS = ("Vangnet", "vangnet", "Ziektewet", "Orgaandonatie", "No-riskpolis", "Fictief", "UWV",
           "Ziekmelding", "uitgerekend", "31-12-2026", "31 december 2026", "flexibilisering",
           "Zwangerschapsgerelateerd", "verlof")


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def safety_net_case(bare_practice):
    """A physician's session with a safety-net case (organ donation) of a pregnant employee
    whose employment ends while sick, among ten employees, with approved feedback."""
    s = login_as(bare_practice, ARTS)
    s.today = lambda: TODAY
    employer = employers.create(s, EmployerForm(name="Werkgever Tien"))
    people = [employees.create(s, EmployeeForm(employer_id=employer.id, surname=f"Werknemer{i}",
                                               given_names="Test")) for i in range(10)]
    person = people[0]
    case = cases.open_case(s, person.id, CaseForm(first_day=nl(TODAY - timedelta(days=20)),
                                                  kind="safety_net", ground="organ_donation",
                                                  expected_delivery="31-12-2026"))
    employees.update(s, person.id, EmployeeForm(employer_id=employer.id, surname="Werknemer0",
                                                given_names="Test", employment_end=nl(TODAY)))
    fb = activities.add_feedback(s, person.id, FeedbackForm(
        assessed_on=nl(TODAY), fitness="partly_fit", limitations="Niet tillen",
        advice="Halve dagen aangepast werk", expected_duration="1-6w"), case.id)
    activities.approve_feedback(s, fb.id)
    yield s, employer, case, fb
    s.close()


@pytest.mark.parametrize("word", SECRETS)
def test_the_employer_letter_says_nothing_of_kind_ground_pregnancy_or_reports(safety_net_case, word):
    s, _employer, case, fb = safety_net_case
    assert {m.code for m in cases.timeline(s, cases.get(s, case.id))} >= {EARLY, LEAVING}
    assert word not in _text(documents.feedback_letter_pdf(s, fb.id))


@pytest.mark.parametrize("word", [w for w in SECRETS if w != "Ziekmelding"])  # "Ziekmeldingen": a count
def test_the_employers_statistics_say_nothing_of_them(safety_net_case, word):
    s, employer, _case, _fb = safety_net_case
    pdf = statistics.statistics_pdf(s, employer.id, TODAY - timedelta(days=60), TODAY)
    assert word not in _text(pdf)
