"""The physician's personal working notes: only physicians write them, only their author sees them."""

from datetime import date

import pytest

from desktop_app.domain.permissions import Permission, refusal_message
from desktop_app.domain.roles import Role
from desktop_app.errors import MedicalLocked, NotFound, PermissionDenied, ValidationError
from desktop_app.services import medical_entries, users, working_notes
from desktop_app.services.practice import NewUser
from desktop_app.services.restrictions import Restricted
from tests.helpers.audit_rows import events_with_user_after as events_after
from tests.helpers.audit_rows import last_seq
from tests.helpers.dossiers import add_employee
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as

NOTE = "Eigen indruk: mogelijk conflict met leidinggevende; volgende keer naar vragen."


@pytest.fixture
def colleague(bare_practice, arts):
    users.add_user(arts, NewUser("collega", "dr. C. Collega", Role.PHYSICIAN, "Collega-arts-2026!",
                                 "Collega-medisch-2026!"))
    s = login_as(bare_practice, type(ARTS)("collega", "Collega-arts-2026!", "Collega-medisch-2026!", ""),
                 unlock=True)
    yield s
    s.close()


def test_the_author_writes_and_reads_own_notes(arts, employee):
    first = working_notes.add_working_note(arts, employee.id, NOTE)
    second = working_notes.add_working_note(arts, employee.id, "Tweede\r\nregel  ")
    assert (first.author_id, first.employee_id, first.body) == (arts.user.id, employee.id, NOTE)
    assert working_notes.list_working_notes(arts, employee.id) == [first, second]
    assert working_notes.list_working_notes(arts, add_employee(arts, surname="Kaya").id) == []


def test_nobody_else_sees_them_not_even_a_count(bare_practice, arts, colleague, employee):
    working_notes.add_working_note(arts, employee.id, NOTE)
    # Another physician: nothing, the same as for an employee without notes.
    assert working_notes.list_working_notes(colleague, employee.id) == []
    own = working_notes.add_working_note(colleague, employee.id, "Notitie van de collega")
    assert working_notes.list_working_notes(colleague, employee.id) == [own]
    assert [n.body for n in working_notes.list_working_notes(arts, employee.id)] == [NOTE]
    # An assistant: nothing, and may not write.
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    assert working_notes.list_working_notes(assistant, employee.id) == []
    with pytest.raises(PermissionDenied) as err:
        working_notes.add_working_note(assistant, employee.id, "x")
    assert err.value.message == refusal_message(Permission.MEDICAL_CLINICAL)
    assistant.close()
    # A case manager: refused the medical section altogether.
    cm = login_as(bare_practice, CASEMANAGER)
    for call in (lambda: working_notes.list_working_notes(cm, employee.id),
                 lambda: working_notes.add_working_note(cm, employee.id, "x")):
        with pytest.raises(PermissionDenied):
            call()
    cm.close()


def test_the_audit_trail_tells_no_one_how_many_notes_there_are(arts, colleague, employee):
    seq = last_seq(arts)
    working_notes.add_working_note(arts, employee.id, NOTE)
    working_notes.list_working_notes(arts, employee.id)
    working_notes.list_working_notes(colleague, employee.id)
    got = [(a, t, e, d, o) for a, t, e, d, o, _u in events_after(arts, seq)]
    assert got == [
        ("create", "working_note", employee.id, "eigen werkaantekening", "ok"),
        ("read_medical", "working_notes", employee.id, "eigen werkaantekeningen", "ok"),
        ("read_medical", "working_notes", employee.id, "eigen werkaantekeningen", "ok"),
    ]
    assert "conflict" not in repr(events_after(arts, 0))


def test_never_part_of_the_dossier_entries(arts, employee):
    working_notes.add_working_note(arts, employee.id, NOTE)
    medical_entries.add_entry(arts, employee.id, "note", {"text": "Aantekening in het dossier"})
    entries = medical_entries.list_entries(arts, employee.id)
    assert [e.body for e in entries] == [{"text": "Aantekening in het dossier"}]
    assert NOTE not in repr(entries)


def test_text_is_kept_exactly_or_refused(arts, employee):
    with pytest.raises(ValidationError) as err:
        working_notes.add_working_note(arts, employee.id, "   ")
    assert err.value.field == "body"
    assert err.value.message.startswith("Werkaantekening:")
    with pytest.raises(ValidationError):
        working_notes.add_working_note(arts, employee.id, "a\x00b")
    with pytest.raises(NotFound):
        working_notes.add_working_note(arts, 99999, NOTE)


def test_locked_and_restricted(arts, employee):
    with arts.db.transaction():
        arts.db.execute("INSERT INTO restrictions (employee_id, reason, started_at, started_by) "
                        "VALUES (?, 'geschil', ?, ?)", (employee.id, date.today().isoformat(), arts.user.id))
    with pytest.raises(Restricted):
        working_notes.add_working_note(arts, employee.id, NOTE)
    arts.lock_medical()
    with pytest.raises(MedicalLocked):
        working_notes.list_working_notes(arts, employee.id)
    with pytest.raises(MedicalLocked):
        working_notes.add_working_note(arts, employee.id, NOTE)
