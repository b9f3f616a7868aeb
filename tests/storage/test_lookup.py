"""The one fetch-or-NotFound helper, through the services that use it (ids a user could hold
after someone else removed the row, or from an old link)."""

from __future__ import annotations

import pytest

from desktop_app.errors import NotFound
from desktop_app.services import activities, attachments, employees, medical_entries
from desktop_app.services.medical_section import require_employee

MISSING = 987654


def test_a_missing_employee_is_not_found_naming_its_id(arts):
    with pytest.raises(NotFound) as err:
        employees.open_dossier(arts, MISSING)
    assert err.value.detail == f"employee {MISSING} not found"


def test_a_missing_employee_is_not_found_before_a_medical_record_is_added(arts):
    with pytest.raises(NotFound) as err:
        require_employee(arts, MISSING)
    assert err.value.detail == f"employee {MISSING} not found"


def test_a_missing_feedback_is_not_found(arts):
    with pytest.raises(NotFound) as err:
        activities.get_feedback(arts, MISSING)
    assert err.value.detail == f"feedback {MISSING} not found"


def test_a_missing_entry_is_not_found(arts):
    with pytest.raises(NotFound) as err:
        medical_entries.get_entry(arts, MISSING)
    assert err.value.detail == f"medical entry {MISSING} not found"


def test_an_entry_without_versions_is_not_found(arts):
    """``entry_history`` fetches a list: an empty one is nothing found."""
    with pytest.raises(NotFound) as err:
        medical_entries.entry_history(arts, MISSING)
    assert err.value.detail == f"medical entry {MISSING} not found"


def test_a_missing_attachment_is_not_found(arts):
    with pytest.raises(NotFound) as err:
        attachments.open_attachment(arts, MISSING)
    assert err.value.detail == f"attachment {MISSING} not found"


def test_not_found_keeps_the_dutch_message_of_its_kind(arts):
    with pytest.raises(NotFound) as err:
        employees.open_dossier(arts, MISSING)
    assert err.value.message == NotFound.message


def test_a_row_that_exists_comes_back(arts, employee):
    assert employees.open_dossier(arts, employee.id).id == employee.id
