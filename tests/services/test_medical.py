"""The medical section: who may do what, history kept, attachments checked by content, notes private."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.audit import Action
from desktop_app.domain.medical import FML_ITEMS
from desktop_app.errors import (
    MedicalLocked,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from desktop_app.services import medical, users
from desktop_app.services.guards import Restricted
from tests.helpers.dossiers import add_employee
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as

TODAY = date.today().strftime("%d-%m-%Y")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture
def arts(bare_practice):
    s = login_as(bare_practice, ARTS, unlock=True)
    yield s
    s.close()


@pytest.fixture
def employee(arts):
    return add_employee(arts)


def consult(session, employee, s="Rugklachten sinds twee weken", **kw):
    return medical.add_entry(session, employee.id, "consultation", {"s": s, **kw}, TODAY)


def test_physician_records_and_reads_a_consultation(arts, employee):
    entry = consult(arts, employee, o="Beperkte flexie", p="Fysiotherapie")
    assert entry.version == 1 and entry.author_name.startswith("dr.")
    listed = medical.list_entries(arts, employee.id)
    assert [e.body for e in listed] == [{"s": "Rugklachten sinds twee weken", "o": "Beperkte flexie",
                                         "p": "Fysiotherapie"}]
    actions = [(e.action, e.employee_id) for e in arts.audit.events(arts.actor, employee_id=employee.id)]
    assert (Action.READ_MEDICAL, employee.id) in actions and (Action.CREATE, employee.id) in actions


def test_an_empty_consultation_names_the_field(arts, employee):
    with pytest.raises(ValidationErrors) as err:
        medical.add_entry(arts, employee.id, "consultation", {}, TODAY)
    assert "s" in err.value.errors
    with pytest.raises(ValidationErrors) as err:
        medical.add_entry(arts, employee.id, "consultation", {"s": "x"}, "31-02-2026")
    assert "entry_date" in err.value.errors


def test_corrections_keep_every_version(arts, employee):
    entry = consult(arts, employee)
    with pytest.raises(ValidationError):
        medical.correct_entry(arts, entry.id, {"s": "Nieuw"}, TODAY, reason="")
    corrected = medical.correct_entry(arts, entry.id, {"s": "Nekklachten sinds twee weken"}, TODAY,
                                      reason="Verkeerde lokalisatie genoteerd")
    assert corrected.version == 2
    history = medical.entry_history(arts, entry.id)
    assert [(v.version, v.body["s"]) for v in history] == [
        (1, "Rugklachten sinds twee weken"), (2, "Nekklachten sinds twee weken")]
    assert history[1].reason == "Verkeerde lokalisatie genoteerd"
    assert len(medical.list_entries(arts, employee.id)) == 1


def test_casemanager_is_refused_every_medical_call(bare_practice, arts, employee):
    entry = consult(arts, employee)
    cm = login_as(bare_practice, CASEMANAGER)
    calls = [
        lambda: medical.add_entry(cm, employee.id, "note", {"text": "x"}, TODAY),
        lambda: medical.correct_entry(cm, entry.id, {"s": "x"}, TODAY, "r"),
        lambda: medical.list_entries(cm, employee.id),
        lambda: medical.entry_history(cm, entry.id),
        lambda: medical.add_attachment(cm, employee.id, "a.png", PNG),
        lambda: medical.list_attachments(cm, employee.id),
        lambda: medical.get_attachment(cm, 1),
        lambda: medical.add_exposure(cm, employee.id, "biological", "x", TODAY),
        lambda: medical.exposures(cm, employee.id),
        lambda: medical.add_statement(cm, employee.id, "x", TODAY),
        lambda: medical.statements(cm, employee.id),
        lambda: medical.add_working_note(cm, employee.id, "x"),
        lambda: medical.working_notes(cm, employee.id),
        lambda: medical.mark_third_party_privacy(cm, entry.id, True),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    cm.close()


def test_a_locked_section_is_refused(arts, employee):
    arts.lock_medical()
    with pytest.raises(MedicalLocked):
        medical.list_entries(arts, employee.id)


def test_assistant_records_letters_but_not_consultations(bare_practice, arts, employee):
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    letter = medical.add_entry(assistant, employee.id, "letter_in",
                               {"correspondent": "Huisarts Van Dam", "summary": "Verwijzing fysio"}, TODAY)
    assert letter.on_behalf_of.startswith("dr.")  # recorded for the physician
    with pytest.raises(PermissionDenied):
        consult(assistant, employee)
    with pytest.raises(PermissionDenied):
        medical.correct_entry(assistant, letter.id, {"correspondent": "x", "summary": "y"}, TODAY, "r")
    assistant.close()


def test_assistant_without_secrecy_statement_is_refused(bare_practice, arts, employee):
    users.revoke_secrecy_statement(arts, "assistent")
    assistant = login_as(bare_practice, ASSISTENT)
    with pytest.raises(PermissionDenied):
        medical.list_entries(assistant, employee.id)
    assistant.close()


def test_attachments_are_typed_by_content(arts, employee):
    png = medical.add_attachment(arts, employee.id, "scan.pdf", PNG)  # name says PDF, content PNG
    assert png.mime == "image/png"
    assert medical.add_attachment(arts, employee.id, "brief", PDF).mime == "application/pdf"
    assert medical.add_attachment(arts, employee.id, "foto.jpg", JPEG).mime == "image/jpeg"
    for bad in (b"", b"gewone tekst, geen pdf", b"GIF89a" + b"\x00" * 10):
        with pytest.raises(ValidationError) as err:
            medical.add_attachment(arts, employee.id, "x.pdf", bad)
        assert err.value.field == "file"
    with pytest.raises(ValidationError) as err:
        medical.add_attachment(arts, employee.id, "groot.pdf", b"%PDF-" + b"0" * (25 * 1024 * 1024))
    assert "25 MB" in err.value.message
    name, mime, data = medical.get_attachment(arts, png.id)
    assert (name, mime, data) == ("scan.pdf", "image/png", PNG)
    assert [a.filename for a in medical.list_attachments(arts, employee.id)] == ["scan.pdf", "brief", "foto.jpg"]


def test_working_notes_are_for_their_author_only(bare_practice, arts, employee):
    from desktop_app.domain.roles import Role
    from desktop_app.services.practice import NewUser

    medical.add_working_note(arts, employee.id, "Eigen indruk: mogelijk conflict met leidinggevende")
    assert [n[1] for n in medical.working_notes(arts, employee.id)] == [
        "Eigen indruk: mogelijk conflict met leidinggevende"]
    users.add_user(arts, NewUser("collega", "dr. C. Collega", Role.PHYSICIAN, "Collega-arts-2026!",
                                 "Collega-medisch-2026!"))
    other = login_as(bare_practice, type(ARTS)("collega", "Collega-arts-2026!", "Collega-medisch-2026!", ""),
                     unlock=True)
    assert medical.working_notes(other, employee.id) == []
    other.close()
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    assert medical.working_notes(assistant, employee.id) == []
    with pytest.raises(PermissionDenied):
        medical.add_working_note(assistant, employee.id, "x")
    assistant.close()
    # Not part of the dossier's entries.
    assert medical.list_entries(arts, employee.id) == []


def test_fml_scores_items_and_requires_an_explanation(arts, employee):
    form = {"fml_tillen": "beperkt", "fml_tillen_note": "Niet meer dan 10 kg", "summary": "Na hernia"}
    entry = medical.add_entry(arts, employee.id, "fml", form, TODAY)
    assert entry.body["items"]["tillen"] == {"score": "beperkt", "note": "Niet meer dan 10 kg"}
    assert len(entry.body["items"]) == len(FML_ITEMS)
    assert "Tillen of dragen" in entry.summary()
    with pytest.raises(ValidationErrors) as err:
        medical.add_entry(arts, employee.id, "fml", {"fml_zitten": "sterk_beperkt"}, TODAY)
    assert "fml_zitten_note" in err.value.errors


def test_exposures_and_statements(arts, employee):
    medical.add_exposure(arts, employee.id, "carcinogenic", "Asbest", "01-03-2001", "31-12-2004")
    assert medical.exposures(arts, employee.id)[0][1:3] == ("carcinogenic", "Asbest")
    with pytest.raises(ValidationError):
        medical.add_exposure(arts, employee.id, "radon", "x", TODAY)
    medical.add_statement(arts, employee.id, "Ik ben het niet eens met de conclusie.", TODAY)
    assert medical.statements(arts, employee.id)[0][3] == "Ik ben het niet eens met de conclusie."


def test_restricted_dossier_refuses_medical_writes(arts, employee):
    with arts.db.transaction():
        arts.db.execute("INSERT INTO restrictions (employee_id, reason, started_at, started_by) "
                        "VALUES (?, 'geschil', '2026-01-01', ?)", (employee.id, arts.user.id))
    with pytest.raises(Restricted):
        consult(arts, employee)
    assert medical.list_entries(arts, employee.id) == []  # reading still works


TEXT = st.text(alphabet=st.characters(codec=None), max_size=500)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=TEXT, p=TEXT)
def test_typed_text_is_kept_exactly_or_refused(arts, employee, s, p):
    try:
        entry = medical.add_entry(arts, employee.id, "consultation", {"s": s, "p": p}, TODAY)
    except ValidationErrors as err:
        assert err.errors
        return
    stored = medical.entry_history(arts, entry.id)[0].body
    assert stored.get("s", "") == s if s else "s" not in stored
    assert stored.get("p", "") == p if p else "p" not in stored
