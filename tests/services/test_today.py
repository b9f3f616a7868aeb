"""The start screen's sections ("Vandaag"): each only for who may see it, the backup reminder by
the practice's setting, late lines marked by the core."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop_app.services import today
from desktop_app.storage import settings as settings_store
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as


@pytest.fixture
def admin(practice):
    s = login_as(practice, ARTS)
    yield s
    s.close()


def _keys(result) -> list[str]:
    return [s.key for s in result.sections]


def _last_backup(session, days_ago: int) -> None:
    with session.db.transaction():
        settings_store.put(session.db, {"last_backup": (session.today() - timedelta(days=days_ago))
                                        .isoformat() + "T10:00:00+00:00"})


def test_a_case_manager_sees_no_backup_reminder(practice):
    session = login_as(practice, CASEMANAGER)
    try:
        assert "backup" not in _keys(today.today(session))
    finally:
        session.close()


def test_a_case_manager_sees_no_retention_periods(practice):
    session = login_as(practice, CASEMANAGER)
    try:
        assert "retention" not in _keys(today.today(session))
    finally:
        session.close()


def test_a_case_manager_sees_no_expiring_consents(practice):
    session = login_as(practice, CASEMANAGER)
    try:
        assert "consents" not in _keys(today.today(session))
    finally:
        session.close()


def test_a_case_manager_sees_the_poortwachter_steps(practice):
    session = login_as(practice, CASEMANAGER)
    try:
        assert _keys(today.today(session))[:3] == ["overdue", "coming", "contact"]
    finally:
        session.close()


def test_opening_the_start_screen_records_no_refusal(practice):
    session = login_as(practice, CASEMANAGER)
    try:
        seq = last_seq(session)
        today.today(session)
        assert [e for e in events_after(session, seq) if e[0] == "access_denied"] == []
    finally:
        session.close()


def test_an_assistant_sees_the_backup_section_but_not_retention(practice):
    session = login_as(practice, ASSISTENT)
    try:
        keys = _keys(today.today(session))
        assert "backup" in keys
        assert "retention" not in keys
    finally:
        session.close()


def test_the_admin_physician_sees_every_section(admin):
    assert _keys(today.today(admin)) == ["overdue", "coming", "contact", "requests", "consents",
                                         "retention", "no_shows", "backup"]


def test_without_a_backup_the_reminder_says_so(admin):
    lines = today.today(admin).section("backup").lines
    assert [line.employee_name for line in lines] == ["Er is nog geen back-up gemaakt"]


def test_a_backup_of_today_needs_no_reminder(admin):
    _last_backup(admin, 0)
    assert today.today(admin).section("backup").lines == []


def test_a_backup_within_the_setting_needs_no_reminder(admin):
    _last_backup(admin, 7)  # the default setting: a reminder after 7 days
    assert today.today(admin).section("backup").lines == []


def test_a_backup_older_than_the_setting_is_reminded_with_its_date(admin):
    _last_backup(admin, 8)
    day = admin.today() - timedelta(days=8)
    lines = today.today(admin).section("backup").lines
    assert [line.employee_name for line in lines] == [f"Laatste back-up {day:%d-%m-%Y}"]


def test_overdue_steps_are_marked_late(admin):
    lines = today.today(admin).section("overdue").lines
    assert lines != []
    assert all(line.late for line in lines)


def test_coming_steps_are_not_marked_late(admin):
    lines = today.today(admin).section("coming").lines
    assert lines != []
    assert not any(line.late for line in lines)


def test_a_line_opens_the_dossier_of_its_employee(admin):
    lines = today.today(admin).section("overdue").lines
    assert all(line.employee_id > 0 for line in lines)


def test_retention_periods_that_have_passed_are_shown_late_under_a_title_that_says_so(admin):
    # The demo practice holds periods that ended years ago and still await a decision: they are
    # not "about to end", and the section's title and the red date say they are overdue.
    section = today.today(admin).section("retention")
    on = today.today(admin).on
    assert "verstreken" in section.title
    passed = [line for line in section.lines if line.due < on]
    assert passed, "the demo practice has passed retention periods"
    assert all(line.late for line in passed)
    assert not any(line.late for line in section.lines if line.due >= on)
