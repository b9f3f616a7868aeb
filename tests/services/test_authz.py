"""The mechanism's own guard rails: a declaration that cannot work is refused when it is made."""

from __future__ import annotations

import pytest

from desktop_app.domain.permissions import Permission
from desktop_app.services import authz


def test_unguarded_needs_a_reason():
    with pytest.raises(TypeError):
        authz.unguarded("  ")


def test_requires_needs_a_permission():
    with pytest.raises(TypeError):
        authz.requires()


def test_requires_takes_permissions_only():
    with pytest.raises(TypeError):
        authz.requires("medical_read")


def test_a_guarded_function_takes_the_session_first():
    with pytest.raises(TypeError):
        @authz.requires(Permission.PRACTICE_READ)
        def wrong(employee_id, session):  # pragma: no cover - never defined
            return employee_id


def test_the_marks_are_readable():
    @authz.requires(Permission.PRACTICE_READ)
    def guarded(session):  # pragma: no cover - only declared
        return session

    @authz.unguarded("a pure calculation")
    def free():  # pragma: no cover - only declared
        return 1

    assert authz.declared(guarded) == {Permission.PRACTICE_READ}
    assert authz.declared(free) == "a pure calculation"
    assert authz.declared(len) is None


class _Session:
    """Holds nothing; remembers the refusals it was asked to record."""

    def __init__(self):
        self.refused = []

    def holds(self, needed):
        return False

    def permissions(self):
        return frozenset()

    def record_refusal(self, name, permission, *, employee_id=None):
        self.refused.append((name, permission, employee_id))


def test_a_refusal_names_the_employee_when_the_call_does():
    @authz.requires(Permission.DESTROY)
    def destroy(session, employee_id):  # pragma: no cover - refused before it runs
        return employee_id

    session = _Session()
    with pytest.raises(authz.Refused) as caught:
        destroy(session, 7)
    assert caught.value.permission is Permission.DESTROY
    [(name, permission, employee_id)] = session.refused
    assert name.endswith("<locals>.destroy")
    assert (permission, employee_id) == (Permission.DESTROY, 7)


def test_a_refused_call_with_arguments_that_do_not_fit_is_still_recorded():
    @authz.requires(Permission.DESTROY)
    def destroy(session, employee_id):  # pragma: no cover - refused before it runs
        return employee_id

    session = _Session()
    with pytest.raises(authz.Refused):
        destroy(session, 7, 8, 9)
    assert [employee_id for _name, _p, employee_id in session.refused] == [None]


def test_an_allowed_call_runs_and_records_nothing():
    @authz.requires(Permission.PRACTICE_READ)
    def read(session, employee_id):
        return employee_id * 2

    session = _Session()
    session.holds = lambda needed: True
    assert read(session, 21) == 42
    assert session.refused == []
