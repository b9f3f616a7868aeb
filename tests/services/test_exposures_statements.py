"""Exposure registrations and the employee's own statements."""

from datetime import date, timedelta

import pytest

from desktop_app.domain.medical.exposures import ExposureCategory, ExposureForm
from desktop_app.domain.medical.statements import StatementForm
from desktop_app.errors import MedicalLocked, NotFound, PermissionDenied, ValidationErrors
from desktop_app.services import exposures, medical_entries, statements, users
from desktop_app.services.restrictions import Restricted
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.dossiers import add_employee
from tests.helpers.practices import ASSISTENT, CASEMANAGER, login_as

TODAY = date.today().strftime("%d-%m-%Y")
ASBEST = ExposureForm("carcinogenic", "Asbest (sloopwerk)", "01-03-2001", "31-12-2004",
                      "Zonder adembescherming")
STATEMENT = "Ik ben het niet eens met de conclusie: mijn klachten komen door het werk.\r\nJ. Jansen"


@pytest.fixture
def assistant(bare_practice, arts):
    s = login_as(bare_practice, ASSISTENT, unlock=True)
    yield s
    s.close()


def restrict(session, employee):
    with session.db.transaction():
        session.db.execute("INSERT INTO restrictions (employee_id, reason, started_at, started_by) "
                           "VALUES (?, 'geschil', ?, ?)",
                           (employee.id, date.today().isoformat(), session.user.id))


# --- exposures -------------------------------------------------------------------------------


def test_a_physician_registers_exposures(arts, assistant, employee):
    asbest = exposures.add_exposure(arts, employee.id, ASBEST)
    assert (asbest.category, asbest.agent, asbest.start, asbest.end, asbest.notes) == (
        ExposureCategory.CARCINOGENIC, "Asbest (sloopwerk)", date(2001, 3, 1), date(2004, 12, 31),
        "Zonder adembescherming")
    ongoing = exposures.add_exposure(arts, employee.id, ExposureForm("ionising_radiation",
                                                                     "Röntgenstraling", "1-6-2019"))
    assert ongoing.end is None
    assert exposures.list_exposures(assistant, employee.id) == [asbest, ongoing]
    assert asbest.category.label == "Kankerverwekkende stoffen"


def test_exposure_input_is_refused_at_the_field(arts, employee):
    with pytest.raises(ValidationErrors) as err:
        exposures.add_exposure(arts, employee.id, ExposureForm("radon", "", "1-1-2020", "1-1-2019"))
    assert set(err.value.errors) == {"category", "agent", "end"}
    assert err.value.errors["category"].startswith("Soort blootstelling:")
    assert exposures.list_exposures(arts, employee.id) == []
    with pytest.raises(NotFound):
        exposures.add_exposure(arts, 99999, ASBEST)


def test_only_a_physician_registers_an_exposure(bare_practice, arts, assistant, employee):
    with pytest.raises(PermissionDenied) as err:
        exposures.add_exposure(assistant, employee.id, ASBEST)
    assert "bedrijfsarts" in err.value.message
    cm = login_as(bare_practice, CASEMANAGER)
    for call in (lambda: exposures.add_exposure(cm, employee.id, ASBEST),
                 lambda: exposures.list_exposures(cm, employee.id)):
        with pytest.raises(PermissionDenied):
            call()
    cm.close()


def test_exposures_are_logged_refused_when_restricted_and_locked(arts, employee):
    seq = last_seq(arts)
    exposures.add_exposure(arts, employee.id, ASBEST)
    exposures.list_exposures(arts, employee.id)
    assert events_after(arts, seq) == [
        ("create", "exposure", employee.id, "blootstelling: Kankerverwekkende stoffen", "ok"),
        ("read_medical", "exposures", employee.id, "blootstellingen (1)", "ok")]
    restrict(arts, employee)
    with pytest.raises(Restricted):
        exposures.add_exposure(arts, employee.id, ASBEST)
    arts.lock_medical()
    with pytest.raises(MedicalLocked):
        exposures.list_exposures(arts, employee.id)


# --- statements ------------------------------------------------------------------------------


def test_the_employees_statement_is_kept_exactly_and_linked_to_the_entry(arts, assistant, employee):
    entry = medical_entries.add_entry(arts, employee.id, "consultation", {"e": "Geen relatie met het werk"})
    own = statements.add_statement(arts, employee.id, StatementForm(STATEMENT, TODAY), entry_id=entry.id)
    assert (own.statement, own.entry_id, own.received_on) == (STATEMENT, entry.id, date.today())
    # The assistant records a statement handed in, for the physician; both read them.
    second = statements.add_statement(assistant, employee.id, StatementForm("Aanvulling", TODAY))
    assert second.recorded_by == assistant.user.id
    assert second.entry_id is None
    assert statements.list_statements(assistant, employee.id) == [own, second]
    # The entry itself is unchanged.
    assert medical_entries.entry_history(arts, entry.id)[-1].version == 1


def test_a_statement_is_refused_at_the_field_or_for_another_employees_entry(arts, employee):
    tomorrow = (date.today() + timedelta(days=1)).strftime("%d-%m-%Y")
    with pytest.raises(ValidationErrors) as err:
        statements.add_statement(arts, employee.id, StatementForm(" ", tomorrow))
    assert set(err.value.errors) == {"statement", "received_on"}
    other = add_employee(arts, surname="Kaya", given="Elif")
    entry = medical_entries.add_entry(arts, other.id, "note", {"text": "x"})
    with pytest.raises(ValidationErrors) as err:
        statements.add_statement(arts, employee.id, StatementForm(STATEMENT, TODAY), entry_id=entry.id)
    assert "entry_id" in err.value.errors
    assert statements.list_statements(arts, employee.id) == []


def test_statements_during_a_restriction_and_the_audit_trail(arts, employee):
    restrict(arts, employee)
    seq = last_seq(arts)
    # Added at the employee's own request, so a restriction does not stand in the way.
    statements.add_statement(arts, employee.id, StatementForm(STATEMENT, TODAY))
    statements.list_statements(arts, employee.id)
    assert events_after(arts, seq) == [
        ("create", "employee_statement", employee.id, "verklaring van de werknemer", "ok"),
        ("read_medical", "employee_statements", employee.id, "verklaringen van de werknemer (1)", "ok")]
    assert "klachten" not in repr(events_after(arts, 0))


def test_statements_are_medical_staff_only(bare_practice, arts, employee):
    cm = login_as(bare_practice, CASEMANAGER)
    for call in (lambda: statements.add_statement(cm, employee.id, StatementForm(STATEMENT, TODAY)),
                 lambda: statements.list_statements(cm, employee.id)):
        with pytest.raises(PermissionDenied):
            call()
    cm.close()
    users.revoke_secrecy_statement(arts, ASSISTENT.username)
    assistant = login_as(bare_practice, ASSISTENT)
    with pytest.raises(PermissionDenied):
        statements.list_statements(assistant, employee.id)
    assistant.close()
    arts.lock_medical()
    with pytest.raises(MedicalLocked):
        statements.add_statement(arts, employee.id, StatementForm(STATEMENT, TODAY))
