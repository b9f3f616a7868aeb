"""Absence cases through the service: relapse, recovery, milestones, the overdue list."""

from datetime import date, timedelta

import pytest

from desktop_app.domain import feedback as feedback_rules
from desktop_app.domain.cases import ActivityForm, CaseForm, FeedbackForm
from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.errors import PermissionDenied, ValidationError, ValidationErrors
from desktop_app.services import activities, cases, employees, employers
from desktop_app.services.restrictions import Restricted
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@pytest.fixture
def session(practice):
    s = login_as(practice, CASEMANAGER)
    yield s
    s.close()


@pytest.fixture
def employee(session):
    employer = employers.create(session, EmployerForm(name="Werkgever"))
    return employees.create(session, EmployeeForm(employer_id=employer.id, surname="Ziek",
                                                  given_names="Karel"))


def test_a_new_absence_gets_a_timeline(session, employee):
    first = date.today() - timedelta(days=10)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first)))
    assert case.is_open
    assert case.first_day == first
    timeline = cases.timeline(session, case)
    codes = [str(m.code) for m in timeline]
    assert codes[0] == "problem_analysis"
    assert "end_of_waiting_period" in codes
    assert all(m.due >= first for m in timeline)


def test_relapse_within_four_weeks_continues_the_case(session, employee):
    first = date.today() - timedelta(days=100)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first)))
    cases.report_recovery(session, case.id, nl(first + timedelta(days=30)))
    before = {str(m.code): m.due for m in cases.timeline(session, cases.get(session, case.id))}
    again = cases.open_case(session, employee.id, CaseForm(first_day=nl(first + timedelta(days=40))))
    assert again.id == case.id
    assert len(again.episodes) == 2
    assert again.is_open
    after = {str(m.code): m.due for m in cases.timeline(session, again)}
    # Ten days worked in between move the later deadlines by ten days.
    assert after["end_of_waiting_period"] - before["end_of_waiting_period"] == timedelta(days=10)


def test_absence_four_weeks_after_recovery_is_a_new_case(session, employee):
    first = date.today() - timedelta(days=100)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first)))
    recovered = first + timedelta(days=20)
    cases.report_recovery(session, case.id, nl(recovered))
    new = cases.open_case(session, employee.id, CaseForm(first_day=nl(recovered + timedelta(days=28))))
    assert new.id != case.id


def test_recovery_before_the_first_day_is_refused(session, employee):
    first = date.today() - timedelta(days=5)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first)))
    with pytest.raises(ValidationError) as err:
        cases.report_recovery(session, case.id, nl(first - timedelta(days=1)))
    assert err.value.field == "recovered_on"
    assert cases.get(session, case.id).is_open


def test_a_second_open_case_is_refused(session, employee):
    cases.open_case(session, employee.id, CaseForm(first_day=nl(date.today())))
    with pytest.raises(ValidationError):
        cases.open_case(session, employee.id, CaseForm(first_day=nl(date.today())))


@pytest.mark.parametrize("form", [CaseForm(first_day=""), CaseForm(first_day="32-01-2026"),
                                  CaseForm(first_day="01-01-2026", kind="onzin"),
                                  CaseForm(first_day="01-01-2026", percentage="120")])
def test_bad_case_forms_name_the_field(session, employee, form):
    with pytest.raises(ValidationErrors):
        cases.open_case(session, employee.id, form)


def test_overdue_list_across_the_practice(session, employee):
    first = date.today() - timedelta(days=45)  # problem analysis (week 6) overdue, plan (week 8) not yet
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first)))
    lines = [line for line in cases.overdue(session) if line.case_id == case.id]
    assert [line.code for line in lines] == ["problem_analysis"]
    assert lines[0].employee_name == "Karel Ziek"
    assert lines[0].employer_name == "Werkgever"
    assert lines[0].due == first + timedelta(days=41)  # last day of week 6
    cases.record_milestone(session, case.id, "problem_analysis", nl(date.today()))
    assert all(line.case_id != case.id for line in cases.overdue(session))


def test_recovered_cases_leave_the_overdue_list(session, employee):
    first = date.today() - timedelta(days=60)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first)))
    assert any(line.case_id == case.id for line in cases.overdue(session))
    cases.report_recovery(session, case.id, nl(date.today()))
    assert all(line.case_id != case.id for line in cases.overdue(session))


def test_partial_recovery_changes_the_percentage(session, employee):
    first = date.today() - timedelta(days=30)
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(first)))
    case = cases.set_percentage(session, case.id, nl(first + timedelta(days=14)), "50")
    assert case.percentage_on(first) == 100
    assert case.percentage_on(first + timedelta(days=20)) == 50


def test_wage_sanction_extends_and_is_capped(session, employee):
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(date.today() - timedelta(days=700))))
    end = {str(m.code): m.due for m in cases.timeline(session, case)}["end_of_waiting_period"]
    case = cases.set_wage_sanction(session, case.id, 52)
    extended = {str(m.code): m.due for m in cases.timeline(session, case)}["end_of_waiting_period"]
    assert extended - end == timedelta(weeks=52)
    with pytest.raises(ValidationError):
        cases.set_wage_sanction(session, case.id, 53)


def test_cases_without_recent_contact(session, employee):
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(date.today() - timedelta(days=70))))
    assert case.id in [line.case_id for line in cases.without_recent_contact(session)]
    activities.add_activity(session, employee.id, ActivityForm(on_date=nl(date.today()),
                                                               description="Gebeld"), case.id)
    assert case.id not in [line.case_id for line in cases.without_recent_contact(session)]


def test_activity_log_keeps_text_and_author(session, employee):
    a = activities.add_activity(session, employee.id, ActivityForm(
        on_date=nl(date.today()), kind="werkgever", description="Overleg met HR",
        agreements="Aangepast werk: 4 uur per dag"))
    assert a.author_name == "M. (Mehmet) Yılmaz"
    assert a.agreements == "Aangepast werk: 4 uur per dag"
    with pytest.raises(ValidationErrors):
        activities.add_activity(session, employee.id, ActivityForm(
            on_date=nl(date.today() + timedelta(days=3)), description="x"))


def test_feedback_needs_a_physicians_approval(practice, session, employee):
    fb = activities.add_feedback(session, employee.id, FeedbackForm(
        assessed_on=nl(date.today()), fitness="partly_fit", limitations="Niet tillen boven 10 kg",
        advice="Halve dagen aangepast werk", expected_duration="1-6w"))
    assert not fb.approved
    with pytest.raises(PermissionDenied):
        feedback_rules.require_approved(fb)
    with pytest.raises(PermissionDenied):
        activities.approve_feedback(session, fb.id)  # a case manager cannot approve
    assistant = login_as(practice, ASSISTENT)
    with pytest.raises(PermissionDenied):
        activities.approve_feedback(assistant, fb.id)
    assistant.close()
    physician = login_as(practice, ARTS)
    approved = activities.approve_feedback(physician, fb.id)
    physician.close()
    assert approved.approved
    assert approved.approver_name.startswith("dr.")
    feedback_rules.require_approved(approved)


def test_feedback_has_no_field_for_a_diagnosis():
    from dataclasses import fields

    from desktop_app.domain.cases import FunctionalFeedback

    names = {f.name for f in fields(FunctionalFeedback)}
    assert not names & {"diagnosis", "diagnosis_code", "treatment", "kind", "safety_net", "medical"}


def test_feedback_requires_limitations_unless_fit(session, employee):
    with pytest.raises(ValidationErrors) as err:
        activities.add_feedback(session, employee.id, FeedbackForm(
            assessed_on=nl(date.today()), fitness="unfit", advice="Rust"))
    assert "limitations" in err.value.errors


def test_restriction_blocks_case_changes(session, employee):
    case = cases.open_case(session, employee.id, CaseForm(first_day=nl(date.today())))
    with session.db.transaction():
        session.db.execute("INSERT INTO restrictions (employee_id, reason, started_at, started_by) "
                           "VALUES (?, 'geschil', '2026-01-01', ?)", (employee.id, session.user.id))
    with pytest.raises(Restricted):
        cases.report_recovery(session, case.id, nl(date.today()))
    with pytest.raises(Restricted):
        activities.add_activity(session, employee.id, ActivityForm(on_date=nl(date.today()), description="x"))
