"""The permission table of DESIGN.md §1, read as the table it is."""

from __future__ import annotations

import pytest

from desktop_app.domain.permissions import (
    LABELS,
    Permission,
    Standing,
    permissions_for,
    refusal_message,
)
from desktop_app.domain.roles import Role

P = Permission


def test_a_case_manager_holds_only_practice_work_and_their_own_account():
    assert permissions_for(Standing(Role.CASEMANAGER)) == {P.PRACTICE_READ, P.PRACTICE_WRITE, P.OWN_ACCOUNT}


def test_flags_count_only_for_the_role_they_belong_to():
    flagged = Standing(Role.CASEMANAGER, is_supervisor=True, is_admin=True, secrecy_on_file=True)
    assert permissions_for(flagged) == permissions_for(Standing(Role.CASEMANAGER))


def test_an_assistant_reaches_the_medical_section_only_with_a_secrecy_statement():
    assert P.MEDICAL_READ not in permissions_for(Standing(Role.ASSISTANT))
    assert P.MEDICAL_READ in permissions_for(Standing(Role.ASSISTANT, secrecy_on_file=True))


def test_an_assistant_never_approves_signs_off_destroys_or_reads_the_whole_trail():
    held = permissions_for(Standing(Role.ASSISTANT, secrecy_on_file=True))
    for permission in (P.RELEASE_APPROVE, P.COPY_SIGN_OFF, P.DESTROY, P.AUDIT_READ, P.MEDICAL_CLINICAL):
        assert permission not in held


def test_supervisor_and_admin_add_exactly_their_own_permissions():
    plain = permissions_for(Standing(Role.PHYSICIAN))
    assert permissions_for(Standing(Role.PHYSICIAN, is_supervisor=True)) - plain == {
        P.RELEASE_APPROVE_AS_SUPERVISOR}
    assert permissions_for(Standing(Role.PHYSICIAN, is_admin=True)) - plain == {P.USERS_MANAGE, P.SETTINGS}


@pytest.mark.parametrize("permission", list(Permission))
def test_every_permission_has_a_dutch_label_and_refusal(permission):
    assert LABELS[permission]
    assert refusal_message(permission).endswith(".")


def test_the_refusal_says_who_may():
    assert "geheimhoudingsverklaring" in refusal_message(P.MEDICAL_READ)
    assert "beheerrechten" in refusal_message(P.SETTINGS)
    assert "kerndeskundige" in refusal_message(P.RELEASE_APPROVE_AS_SUPERVISOR)
    assert "medisch personeel" in refusal_message(P.BACKUP)
    assert refusal_message(P.DESTROY).startswith("Alleen een bedrijfsarts")
