"""The re-integration trajectory as its own record: start and end, spoor 1 or 2, the provider, its
plan of approach, evaluations and reports; more than one over time; what a practice had on the
case before migrates into it."""

from datetime import date, timedelta

import pytest

from desktop_app.domain.cases import CaseForm
from desktop_app.domain.trajectory import EndForm, ReportForm, TrajectoryForm
from desktop_app.errors import PermissionDenied, ValidationError, ValidationErrors
from desktop_app.services import cases, requests, trajectories
from desktop_app.storage.sections import PRACTICE, open_section
from tests.helpers.practices import CASEMANAGER, login_as
from tests.helpers.retention_practice import nl

T = date.today()


@pytest.fixture
def case(arts, employee):
    return cases.open_case(arts, employee.id, CaseForm(first_day=nl(T - timedelta(days=120)), percentage="100"))


def _start(session, employee, case, track="first", days_ago=60):
    return trajectories.start(session, employee.id, TrajectoryForm(
        track=track, provider="Bureau Werkfit", started_on=nl(T - timedelta(days=days_ago))), case.id)


def test_a_trajectory_has_its_track_provider_and_start(arts, employee, case):
    t = _start(arts, employee, case, track="second")
    assert (t.track.value, t.provider, t.started_on, t.ended_on) == ("second", "Bureau Werkfit",
                                                                     T - timedelta(days=60), None)


def test_ending_a_trajectory_records_its_end(arts, employee, case):
    t = _start(arts, employee, case)
    ended = trajectories.end(arts, t.id, EndForm(ended_on=nl(T - timedelta(days=5)), reason="hersteld"))
    assert (ended.ended_on, ended.end_reason, ended.state_label) == (T - timedelta(days=5), "hersteld", "beëindigd")


def test_an_employee_can_have_more_than_one_trajectory_over_time(arts, employee, case):
    first = _start(arts, employee, case, days_ago=100)
    trajectories.end(arts, first.id, EndForm(ended_on=nl(T - timedelta(days=50))))
    second = _start(arts, employee, case, track="second", days_ago=40)
    assert [t.id for t in trajectories.for_employee(arts, employee.id)] == [second.id, first.id]


def test_an_end_before_the_start_is_refused_at_its_field(arts, employee, case):
    t = _start(arts, employee, case)
    with pytest.raises(ValidationErrors) as err:
        trajectories.end(arts, t.id, EndForm(ended_on=nl(T - timedelta(days=61))))
    assert list(err.value.errors) == ["ended_on"]


def test_an_end_in_the_future_is_refused(arts, employee, case):
    t = _start(arts, employee, case)
    with pytest.raises(ValidationErrors):
        trajectories.end(arts, t.id, EndForm(ended_on=nl(T + timedelta(days=1))))


def test_the_plan_of_approach_belongs_to_the_trajectory(arts, employee, case):
    t = _start(arts, employee, case)
    trajectories.add_report(arts, t.id, ReportForm(kind="plan_of_approach", on_date=nl(T - timedelta(days=55)),
                                                   summary="Opbouw in uren", agreements="Week 1: 4 uur"))
    (report,) = trajectories.reports(arts, t.id)
    assert (report.kind.value, report.summary, report.agreements) == ("plan_of_approach", "Opbouw in uren",
                                                                      "Week 1: 4 uur")


def test_the_plan_of_approach_marks_its_poortwachter_step_done(arts, employee, case):
    t = _start(arts, employee, case)
    trajectories.add_report(arts, t.id, ReportForm(kind="plan_of_approach", on_date=nl(T - timedelta(days=55)),
                                                   summary="Opbouw in uren"))
    timeline = cases.timeline(arts, cases.get(arts, case.id))
    plan = next(m for m in timeline if m.code == "plan_of_approach")
    assert plan.done == T - timedelta(days=55)


def test_an_evaluation_marks_an_evaluation_done(arts, employee, case):
    t = _start(arts, employee, case)
    trajectories.add_report(arts, t.id, ReportForm(kind="evaluation", on_date=nl(T - timedelta(days=20)),
                                                   summary="Gaat goed"))
    assert cases.get(arts, case.id).evaluations == (T - timedelta(days=20),)


def test_a_case_manager_keeps_the_trajectory(arts, bare_practice, employee, case):
    s = login_as(bare_practice, CASEMANAGER)
    try:
        t = _start(s, employee, case)
        assert trajectories.get(s, t.id).provider == "Bureau Werkfit"
    finally:
        s.close()


def test_a_restricted_dossier_gets_no_new_trajectory(arts, employee, case):
    requests.restrict(arts, employee.id, "geschil")
    with pytest.raises(PermissionDenied):
        _start(arts, employee, case)


def test_an_anonymised_trajectory_is_not_changed(arts, employee, case, monkeypatch):
    from desktop_app.services import retention

    t = _start(arts, employee, case)
    trajectories.end(arts, t.id, EndForm(ended_on=nl(T - timedelta(days=5))))
    monkeypatch.setattr(arts, "today", lambda: T + timedelta(days=800))
    retention.decide(arts, employee.id, "trajectory", "anonymise", item=t.id)
    with pytest.raises(ValidationError):
        trajectories.add_report(arts, t.id, ReportForm(kind="final_report", on_date=nl(T), summary="Nog iets"))


# --- migrating what a practice had on the case ------------------------------------------------------

KEY = bytes(range(32))
PID = "00000000-0000-0000-0000-000000000000"


def _old_practice(path):
    """A practice.db at the schema before trajectories, with what the case held about one."""
    from desktop_app.storage import schema_practice

    before = next(m.version for m in schema_practice.MIGRATIONS if "trajectories" in m.description) - 1
    db = open_section(PRACTICE, path, KEY, PID, create=True, target_version=before)
    db.execute("INSERT INTO users (id, username, display_name, role, created_at) VALUES "
               "(1, 'arts', 'dr. A', 'physician', '2024-01-01')")
    db.execute("INSERT INTO employers (id, name, created_at, updated_at) VALUES (1, 'W', '2024-01-01', '2024-01-01')")
    db.execute("INSERT INTO employees (id, employer_id, surname, sort_key, created_at, updated_at) VALUES "
               "(1, 1, 'Jansen', 'jansen', '2024-01-01', '2024-01-01')")
    db.execute("INSERT INTO absence_cases (id, employee_id, first_day, kind, recovered_on, created_at, updated_at) "
               "VALUES (1, 1, '2024-01-10', 'illness', '2024-09-30', '2024-01-10', '2024-09-30')")
    db.execute("INSERT INTO case_milestones (case_id, code, done_on, note, recorded_by) VALUES "
               "(1, 'plan_of_approach', '2024-03-01', 'Plan: opbouw', 1), (1, 'evaluation', '2024-04-10', 'Eval 1', 1), "
               "(1, 'problem_analysis', '2024-02-15', 'PA gedaan', 1)")
    db.execute("INSERT INTO activities (employee_id, case_id, on_date, kind, description, agreements, author_id, "
               "created_at) VALUES (1, 1, '2024-05-20', 'evaluatie', 'Eval 2', 'Meer uren', 1, '2024-05-20'), "
               "(1, 1, '2024-05-21', 'gesprek', 'Gewoon gesprek', '', 1, '2024-05-21')")
    db.close()


@pytest.fixture
def migrated(tmp_path):
    path = tmp_path / "practice.db"
    _old_practice(path)
    db = open_section(PRACTICE, path, KEY, PID)
    yield db
    db.close()


def test_a_case_with_a_plan_of_approach_becomes_a_trajectory(migrated):
    assert migrated.query("SELECT employee_id, case_id, track, started_on, ended_on FROM trajectories") == [
        (1, 1, "first", "2024-03-01", "2024-09-30")]


def test_the_plan_and_evaluations_move_into_the_trajectory(migrated):
    assert migrated.query("SELECT kind, on_date, summary, agreements FROM trajectory_reports ORDER BY on_date") == [
        ("plan_of_approach", "2024-03-01", "Plan: opbouw", ""), ("evaluation", "2024-04-10", "Eval 1", ""),
        ("evaluation", "2024-05-20", "Eval 2", "Meer uren")]


def test_the_case_keeps_its_milestone_dates_without_the_trajectory_texts(migrated):
    assert migrated.query("SELECT code, done_on, note FROM case_milestones ORDER BY done_on") == [
        ("problem_analysis", "2024-02-15", "PA gedaan"), ("plan_of_approach", "2024-03-01", ""),
        ("evaluation", "2024-04-10", "")]


def test_other_activities_stay_activities(migrated):
    assert migrated.query("SELECT kind, description FROM activities") == [("gesprek", "Gewoon gesprek")]


def _old_decision(path, employee_id=1):
    """A trajectory decision of the old kind (per employee), recorded before this version."""
    db = open_section(PRACTICE, path, KEY, PID, target_version=_before())
    db.execute("INSERT INTO retention_decisions (employee_id, category, decision, decided_by, decided_at) "
               "VALUES (?, 'trajectory', 'anonymise', 1, '2027-01-01T00:00:00+00:00')", (employee_id,))
    db.close()


def _before() -> int:
    from desktop_app.storage import schema_practice

    return next(m.version for m in schema_practice.MIGRATIONS if "trajectories" in m.description) - 1


def test_an_old_decision_whose_work_was_never_done_leaves_the_trajectory_due(tmp_path):
    """The old fault: the decision was recorded, the texts stayed. They are not hidden now."""
    path = tmp_path / "practice.db"
    _old_practice(path)
    _old_decision(path)
    db = open_section(PRACTICE, path, KEY, PID)
    try:
        assert db.query("SELECT anonymised_at FROM trajectories") == [(None,)]
    finally:
        db.close()


def test_an_old_decision_that_cleared_the_texts_counts_as_anonymised(tmp_path):
    path = tmp_path / "practice.db"
    _old_practice(path)
    db = open_section(PRACTICE, path, KEY, PID, target_version=_before())
    db.execute("UPDATE case_milestones SET note = ''")
    db.execute("UPDATE activities SET description = '', agreements = '' WHERE kind = 'evaluatie'")
    db.close()
    _old_decision(path)
    db = open_section(PRACTICE, path, KEY, PID)
    try:
        assert db.query("SELECT anonymised_at FROM trajectories") == [("2027-01-01T00:00:00+00:00",)]
    finally:
        db.close()
