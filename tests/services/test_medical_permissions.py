"""The medical services declare what they need, and every refusal goes through the one mechanism
(services.authz): audited as access_denied with the function and the missing permission."""

import inspect
from datetime import date

import pytest

from desktop_app.domain.medical.exposures import ExposureForm
from desktop_app.domain.permissions import Permission
from desktop_app.errors import PermissionDenied
from desktop_app.services import (
    attachments,
    authz,
    demo_medical,
    exposures,
    medical_entries,
    medical_section,
    statements,
    users,
    working_notes,
)
from tests.helpers.audit_rows import last_seq
from tests.helpers.practices import ASSISTENT, CASEMANAGER, login_as

READ, WRITE, CLINICAL = Permission.MEDICAL_READ, Permission.MEDICAL_WRITE, Permission.MEDICAL_CLINICAL
EXPECTED = {
    medical_entries: {"add_entry": {WRITE}, "add_entry_for": {WRITE}, "correct_entry": {CLINICAL}, "entry_history": {READ},
                      "get_entry": {READ}, "list_entries": {READ},
                      "mark_third_party_privacy": {CLINICAL}},
    attachments: {"add_attachment": {WRITE}, "add_attachment_for": {WRITE}, "list_attachments": {READ},
                  "open_attachment": {READ}, "get_attachment": {READ}, "checked_pieces": {READ}},
    exposures: {"add_exposure": {CLINICAL}, "list_exposures": {READ}},
    statements: {"add_statement": {WRITE}, "list_statements": {READ}},
    working_notes: {"add_working_note": {CLINICAL}, "list_working_notes": {READ}},
    medical_section: {"require_employee": {Permission.PRACTICE_READ}, "require_entry_of": {READ},
                      "owned_or_taken_back": {WRITE},
                      "on_behalf_id": {Permission.PRACTICE_READ},
                      "author_names": {Permission.PRACTICE_READ}},
    demo_medical: {"fill": {WRITE, CLINICAL}},
}


def refusals(session, seq):
    """(data = the function, object_id = the missing permission, employee) of refusals after seq."""
    return session.db.query("SELECT data, object_id, employee_id FROM audit_events "
                            "WHERE seq > ? AND action = 'access_denied' AND outcome = 'denied' "
                            "ORDER BY seq", (seq,))


@pytest.mark.parametrize("module", list(EXPECTED), ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_public_function_declares_its_permissions(module):
    public = {name for name, fn in inspect.getmembers(module, inspect.isfunction)
              if fn.__module__ == module.__name__ and not name.startswith("_")}
    assert public == set(EXPECTED[module])
    for name, needed in EXPECTED[module].items():
        assert authz.declared(getattr(module, name)) == frozenset(needed), name


@pytest.fixture
def assistant(bare_practice, arts):
    s = login_as(bare_practice, ASSISTENT, unlock=True)
    yield s
    s.close()


def test_the_physicians_own_work_is_refused_to_an_assistant_through_the_table(arts, assistant,
                                                                              employee):
    letter = medical_entries.add_entry(assistant, employee.id, "letter_in",
                                       {"correspondent": "Huisarts", "summary": "Verwijzing"})
    seq = last_seq(arts)
    calls = [
        (lambda: medical_entries.add_entry(assistant, employee.id, "diagnosis", {}),
         ("medical_entries.add_entry", "medical_clinical", employee.id)),
        (lambda: medical_entries.correct_entry(assistant, letter.id, {}, "reden"),
         ("medical_entries.correct_entry", "medical_clinical", None)),
        (lambda: medical_entries.mark_third_party_privacy(assistant, letter.id, True),
         ("medical_entries.mark_third_party_privacy", "medical_clinical", None)),
        (lambda: exposures.add_exposure(assistant, employee.id, ExposureForm()),
         ("exposures.add_exposure", "medical_clinical", employee.id)),
        (lambda: working_notes.add_working_note(assistant, employee.id, "x"),
         ("working_notes.add_working_note", "medical_clinical", employee.id)),
    ]
    for call, _expected in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert refusals(arts, seq) == [expected for _call, expected in calls]
    # What the assistant may do is not refused, and leaves no refusal.
    assert statements.list_statements(assistant, employee.id) == []
    assert working_notes.list_working_notes(assistant, employee.id) == []
    assert refusals(arts, seq + len(calls)) == []


def test_a_refusal_for_the_kind_names_the_kind(arts, assistant, employee):
    with pytest.raises(PermissionDenied) as err:
        medical_entries.add_entry(assistant, employee.id, "fml", {})
    assert err.value.message == ("Een praktijkassistent kan geen 'functionele mogelijkhedenlijst (fml)' "
                                 "vastleggen; dat doet de bedrijfsarts.")
    assert err.value.detail == "medical_entries.add_entry: needs medical_clinical"


def test_without_a_medical_role_every_call_is_refused_and_audited(bare_practice, arts, employee):
    entry = medical_entries.add_entry(arts, employee.id, "note", {"text": "x"})
    cm = login_as(bare_practice, CASEMANAGER)
    seq = last_seq(arts)
    with pytest.raises(PermissionDenied):
        medical_entries.list_entries(cm, employee.id)
    with pytest.raises(PermissionDenied):
        medical_entries.add_entry(cm, employee.id, "note", {"text": "x"})
    with pytest.raises(PermissionDenied):
        attachments.get_attachment(cm, 1)
    with pytest.raises(PermissionDenied):
        medical_entries.get_entry(cm, entry.id)
    cm.close()
    assert refusals(arts, seq) == [("medical_entries.list_entries", "medical_read", employee.id),
                                   ("medical_entries.add_entry", "medical_write", employee.id),
                                   ("attachments.get_attachment", "medical_read", None),
                                   ("medical_entries.get_entry", "medical_read", None)]


def test_a_withdrawn_secrecy_statement_is_refused_by_the_table(bare_practice, arts, assistant,
                                                               employee):
    users.revoke_secrecy_statement(arts, ASSISTENT.username)
    seq = last_seq(arts)
    with pytest.raises(PermissionDenied) as err:
        statements.list_statements(assistant, employee.id)
    assert "geheimhoudingsverklaring" in err.value.message
    assert refusals(arts, seq) == [("statements.list_statements", "medical_read", employee.id)]


def test_the_demo_filler_is_the_physicians(bare_practice, arts):
    import random

    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    with pytest.raises(PermissionDenied):
        demo_medical.fill(assistant, random.Random(1), [], [(None, 1, date.today())], 1, date.today())
    assistant.close()
