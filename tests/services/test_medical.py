"""Medical entries: who may record what, history kept, every access logged, restriction, exact text."""

import inspect
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.cases import CaseForm
from desktop_app.domain.medical.entry_forms import entry_form
from desktop_app.domain.medical.fml import FML_ITEMS
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.domain.permissions import Permission, refusal_message
from desktop_app.errors import MedicalLocked, NotFound, PermissionDenied, ValidationErrors
from desktop_app.services import (
    attachments,
    cases,
    exposures,
    medical_entries,
    medical_section,
    statements,
    users,
    working_notes,
)
from desktop_app.services.restrictions import Restricted
from tests.helpers.audit_rows import events_with_user_after as events_after
from tests.helpers.audit_rows import last_seq
from tests.helpers.dossiers import add_employee
from tests.helpers.practices import ASSISTENT, CASEMANAGER, login_as

TODAY = date.today().strftime("%d-%m-%Y")
YESTERDAY = (date.today() - timedelta(days=1)).strftime("%d-%m-%Y")

FORMS = {
    "consultation": {"s": "Rugklachten sinds twee weken", "o": "Beperkte flexie", "p": "Fysiotherapie"},
    "problem_analysis": {"text": "Belastbaarheid verminderd door pijn; prognose gunstig."},
    "fml": {"fml_tillen": "beperkt", "fml_tillen_note": "Niet meer dan 10 kg"},
    "letter_in": {"correspondent": "Huisarts Van Dam", "letter_date": YESTERDAY,
                  "summary": "Verwijzing naar fysiotherapie"},
    "letter_out": {"correspondent": "Fysiotherapie Centrum Oost", "summary": "Vraag om informatie"},
    "diagnosis": {"system": "ICD-10", "code": "M54.5", "description": "Lage rugpijn"},
    "note": {"text": "Telefonisch contact, afspraak bevestigd."},
}
PHYSICIAN_ONLY = ["consultation", "problem_analysis", "fml", "diagnosis"]
ASSISTANT_KINDS = ["letter_in", "letter_out", "note"]


@pytest.fixture
def assistant(bare_practice, arts):
    s = login_as(bare_practice, ASSISTENT, unlock=True)
    yield s
    s.close()


@pytest.fixture
def casemanager(bare_practice, arts):
    s = login_as(bare_practice, CASEMANAGER)
    yield s
    s.close()


def consult(session, employee, **form):
    return medical_entries.add_entry(session, employee.id, "consultation", form or FORMS["consultation"])


# --- recording and reading ---------------------------------------------------------------------


def test_a_physician_records_every_kind_and_reads_them_newest_first(arts, employee):
    made = {}
    for days_ago, kind in enumerate(reversed(list(FORMS))):
        on = (date.today() - timedelta(days=days_ago)).strftime("%d-%m-%Y")
        made[kind] = medical_entries.add_entry(arts, employee.id, kind, {**FORMS[kind], "entry_date": on})
    listed = medical_entries.list_entries(arts, employee.id)
    assert [e.kind.value for e in listed] == list(reversed(FORMS))
    assert {e.author_name for e in listed} == {arts.user.display_name}
    assert all(e.version == 1 and e.on_behalf_of == "" for e in listed)
    diagnosis = made["diagnosis"]
    assert diagnosis.body == {"system": "ICD-10", "code": "M54.5", "description": "Lage rugpijn"}
    assert diagnosis.content.code == "M54.5"
    assert made["fml"].body["items"]["tillen"] == {"score": "beperkt", "note": "Niet meer dan 10 kg"}
    assert len(made["fml"].body["items"]) == len(FML_ITEMS)
    assert made["letter_in"].body["letter_date"] == (date.today() - timedelta(days=1)).isoformat()
    assert medical_entries.get_entry(arts, diagnosis.id) == diagnosis


def test_the_date_travels_in_the_form_and_defaults_to_today(arts, employee):
    assert medical_entries.add_entry(arts, employee.id, "note", {"text": "x"}).entry_date == date.today()
    assert medical_entries.add_entry(arts, employee.id, "note", {"text": "x", "entry_date": ""}).entry_date == \
        date.today()
    assert medical_entries.add_entry(arts, employee.id, "note",
                                     {"text": "x", "entry_date": YESTERDAY}).entry_date == \
        date.today() - timedelta(days=1)


def test_wrong_input_is_refused_at_the_field_and_nothing_is_stored(arts, employee):
    with pytest.raises(ValidationErrors) as err:
        medical_entries.add_entry(arts, employee.id, "consultation", {"entry_date": "31-02-2026"})
    assert {"s", "entry_date"} <= set(err.value.errors)
    with pytest.raises(ValidationErrors) as err:
        medical_entries.add_entry(arts, employee.id, "röntgen", {"text": "x"})
    assert "kind" in err.value.errors
    with pytest.raises(ValidationErrors) as err:
        medical_entries.add_entry(arts, employee.id, "fml", {"fml_zitten": "sterk_beperkt"})
    assert "fml_zitten_note" in err.value.errors
    assert medical_entries.list_entries(arts, employee.id) == []


def test_an_unknown_employee_or_someone_elses_case_is_refused(arts, employee):
    with pytest.raises(NotFound):
        medical_entries.add_entry(arts, 99999, "note", {"text": "x"})
    with pytest.raises(NotFound):
        medical_entries.entry_history(arts, 99999)
    with pytest.raises(NotFound):
        medical_entries.correct_entry(arts, 99999, {"text": "x"}, "reden")
    other = add_employee(arts, surname="Kaya", given="Elif")
    case_id = cases.open_case(arts, other.id, CaseForm(first_day=YESTERDAY)).id
    with pytest.raises(ValidationErrors) as err:
        medical_entries.add_entry(arts, employee.id, "note", {"text": "x"}, case_id=case_id)
    assert "case_id" in err.value.errors
    assert medical_entries.add_entry(arts, other.id, "note", {"text": "x"}, case_id=case_id).case_id == case_id


def test_reads_and_writes_are_logged_with_the_employee(arts, employee):
    seq = last_seq(arts)
    entry = consult(arts, employee)
    medical_entries.list_entries(arts, employee.id)
    medical_entries.entry_history(arts, entry.id)
    medical_entries.correct_entry(arts, entry.id, {"s": "Nekklachten"}, "Lokalisatie verkeerd")
    got = [(a, t, e, d, o) for a, t, e, d, o, _u in events_after(arts, seq)]
    assert got == [
        ("create", "medical_entry", employee.id, "Consult", "ok"),
        ("read_medical", "medical_entries", employee.id, "medische aantekeningen (1)", "ok"),
        ("read_medical", "medical_entry", employee.id, "Consult: 1 versie(s)", "ok"),
        ("update", "medical_entry", employee.id, "Consult: correctie, versie 2", "ok"),
    ]
    # No medical content in the trail.
    assert "Rugklachten" not in repr(events_after(arts, 0))


# --- corrections -------------------------------------------------------------------------------


def test_a_correction_is_a_new_version_and_the_earlier_stays_readable(arts, assistant, employee):
    entry = consult(arts, employee, s="Rugklachten sinds twee weken", entry_date=YESTERDAY)
    with pytest.raises(ValidationErrors) as err:
        medical_entries.correct_entry(arts, entry.id, {"s": "Nieuw"}, "  ")
    assert err.value.errors == {"reason": "Reden van de correctie: vul dit in."}
    form = {**entry_form(entry), "s": "Nekklachten sinds twee weken", "entry_date": TODAY}
    corrected = medical_entries.correct_entry(arts, entry.id, form, "Verkeerde lokalisatie genoteerd")
    assert (corrected.version, corrected.entry_date, corrected.reason) == (
        2, date.today(), "Verkeerde lokalisatie genoteerd")
    assert corrected.body == {"s": "Nekklachten sinds twee weken"}
    for reader in (arts, assistant):
        history = medical_entries.entry_history(reader, entry.id)
        assert [(v.version, v.body["s"], v.entry_date) for v in history] == [
            (1, "Rugklachten sinds twee weken", date.today() - timedelta(days=1)),
            (2, "Nekklachten sinds twee weken", date.today())]
        assert history[0].reason == ""
        assert history[1].author_name == arts.user.display_name
    listed = medical_entries.list_entries(arts, employee.id)
    assert [(e.id, e.version) for e in listed] == [(entry.id, 2)]
    # An empty date keeps the entry's date.
    third = medical_entries.correct_entry(arts, entry.id, {"s": "Nekklachten", "entry_date": ""}, "Korter")
    assert third.version == 3
    assert third.entry_date == date.today()


def test_a_correction_has_one_signature(arts, employee):
    entry = consult(arts, employee)
    assert medical_entries.correct_entry(arts, entry.id, {"s": "a", "entry_date": TODAY}, "reden").version == 2
    assert medical_entries.correct_entry(arts, entry.id, {"s": "b"}, reason="reden").version == 3
    with pytest.raises(TypeError):  # the date no longer comes on its own
        medical_entries.correct_entry(arts, entry.id, {"s": "c"}, TODAY, "reden")
    with pytest.raises(TypeError):
        medical_entries.correct_entry(arts, entry.id, {"s": "d"})
    assert medical_entries.entry_history(arts, entry.id)[-1].version == 3


def test_nothing_medical_can_be_deleted_through_the_services():
    for module in (medical_entries, medical_section, attachments, exposures, statements,
                   working_notes):
        names = [n for n, f in inspect.getmembers(module, inspect.isfunction)
                 if f.__module__ == module.__name__]
        assert not [n for n in names if any(w in n for w in ("delete", "remove", "destroy", "erase"))]


# --- who may do what ---------------------------------------------------------------------------


def test_an_assistant_records_letters_and_notes_for_the_physician(arts, assistant, employee):
    for kind in ASSISTANT_KINDS:
        entry = medical_entries.add_entry(assistant, employee.id, kind, FORMS[kind])
        assert entry.author_name == assistant.user.display_name
        assert entry.on_behalf_of == arts.user.display_name  # the physician they act for
    assert len(medical_entries.list_entries(assistant, employee.id)) == len(ASSISTANT_KINDS)


def test_an_assistant_is_refused_the_physicians_judgement(arts, assistant, employee):
    seq = last_seq(arts)
    for kind in PHYSICIAN_ONLY:
        with pytest.raises(PermissionDenied) as err:
            medical_entries.add_entry(assistant, employee.id, kind, FORMS[kind])
        assert "bedrijfsarts" in err.value.message
        assert EntryKind(kind).label.lower() in err.value.message
    letter = medical_entries.add_entry(assistant, employee.id, "letter_in", FORMS["letter_in"])
    with pytest.raises(PermissionDenied) as err:
        medical_entries.correct_entry(assistant, letter.id, FORMS["letter_in"], "tikfout")
    assert err.value.message == refusal_message(Permission.MEDICAL_CLINICAL)
    with pytest.raises(PermissionDenied):
        medical_entries.mark_third_party_privacy(assistant, letter.id, True)
    # One mechanism audits every refusal: the function and (where it takes one) the employee.
    denied = [(a, t, e, d) for a, t, e, d, o, _u in events_after(arts, seq) if o == "denied"]
    assert denied == [("access_denied", "permission", employee.id, "medical_entries.add_entry")] * len(
        PHYSICIAN_ONLY) + [("access_denied", "permission", None, "medical_entries.correct_entry"),
                           ("access_denied", "permission", None,
                            "medical_entries.mark_third_party_privacy")]
    missing = arts.db.query("SELECT object_id FROM audit_events WHERE seq > ? AND outcome = 'denied'",
                            (seq,))
    assert {r[0] for r in missing} == {"medical_clinical"}
    assert [e.kind.value for e in medical_entries.list_entries(arts, employee.id)] == ["letter_in"]


def test_a_casemanager_is_refused_every_medical_call(arts, casemanager, employee):
    entry = consult(arts, employee)
    seq = last_seq(arts)
    calls = [
        lambda: medical_entries.add_entry(casemanager, employee.id, "note", {"text": "x"}),
        lambda: medical_entries.correct_entry(casemanager, entry.id, {"s": "x"}, "reden"),
        lambda: medical_entries.list_entries(casemanager, employee.id),
        lambda: medical_entries.entry_history(casemanager, entry.id),
        lambda: medical_entries.get_entry(casemanager, entry.id),
        lambda: medical_entries.mark_third_party_privacy(casemanager, entry.id, True),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    outcomes = [(o, u) for _a, _t, _e, _d, o, u in events_after(arts, seq)]
    assert outcomes == [("denied", "casemanager")] * len(calls)
    assert medical_entries.entry_history(arts, entry.id)[-1].version == 1


def test_a_locked_section_is_refused(arts, employee):
    entry = consult(arts, employee)
    arts.lock_medical()
    for call in (lambda: medical_entries.list_entries(arts, employee.id),
                 lambda: medical_entries.add_entry(arts, employee.id, "note", {"text": "x"}),
                 lambda: medical_entries.correct_entry(arts, entry.id, {"s": "x"}, "reden"),
                 lambda: medical_entries.entry_history(arts, entry.id),
                 lambda: medical_entries.get_entry(arts, entry.id),
                 lambda: medical_entries.mark_third_party_privacy(arts, entry.id, True)):
        with pytest.raises(MedicalLocked):
            call()


def test_an_assistant_without_a_secrecy_statement_is_refused(bare_practice, arts, assistant, employee):
    entry = medical_entries.add_entry(assistant, employee.id, "note", FORMS["note"])
    users.revoke_secrecy_statement(arts, ASSISTENT.username)
    # Refused at once in the running session, and at the next login.
    for call in (lambda s: medical_entries.list_entries(s, employee.id),
                 lambda s: medical_entries.entry_history(s, entry.id),
                 lambda s: medical_entries.add_entry(s, employee.id, "note", FORMS["note"])):
        with pytest.raises(PermissionDenied) as err:
            call(assistant)
        assert "geheimhoudingsverklaring" in err.value.message
    later = login_as(bare_practice, ASSISTENT)
    with pytest.raises(PermissionDenied):
        medical_entries.list_entries(later, employee.id)
    later.close()


# --- restriction and privacy marks ---------------------------------------------------------------


def restrict(session, employee):
    with session.db.transaction():
        session.db.execute("INSERT INTO restrictions (employee_id, reason, started_at, started_by) "
                           "VALUES (?, 'Geschil over de juistheid', ?, ?)",
                           (employee.id, date.today().isoformat(), session.user.id))


def test_a_restricted_dossier_refuses_writes_but_is_read(arts, employee):
    entry = consult(arts, employee)
    restrict(arts, employee)
    with pytest.raises(Restricted):
        consult(arts, employee)
    with pytest.raises(Restricted):
        medical_entries.correct_entry(arts, entry.id, {"s": "x"}, "reden")
    assert [e.version for e in medical_entries.list_entries(arts, employee.id)] == [1]
    assert len(medical_entries.entry_history(arts, entry.id)) == 1


def test_a_physician_marks_what_concerns_others(arts, employee):
    entry = medical_entries.add_entry(arts, employee.id, "note", {"text": "Over de partner"})
    medical_entries.mark_third_party_privacy(arts, entry.id, True)
    marked = medical_entries.list_entries(arts, employee.id)[0]
    assert marked.third_party_privacy
    assert marked.body == entry.body
    assert marked.version == 1


# --- the property: typed text is stored and read back exactly, or refused -----------------------

TEXT = st.text(alphabet=st.characters(codec=None), max_size=400)
FREE_TEXT = [("consultation", "s"), ("consultation", "text"), ("problem_analysis", "text"),
             ("letter_in", "correspondent"), ("letter_out", "summary"),
             ("diagnosis", "description"), ("fml", "summary"), ("note", "text")]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=TEXT, where=st.sampled_from(FREE_TEXT))
def test_typed_text_is_kept_exactly_or_refused(arts, employee, typed, where):
    kind, name = where
    form = {**FORMS[kind], name: typed}
    if kind == "consultation":
        form = {name: typed}
    try:
        entry = medical_entries.add_entry(arts, employee.id, kind, form)
    except ValidationErrors as err:
        assert list(err.errors) in ([name], ["s"])
        assert all(err.errors.values())
        return
    stored = medical_entries.entry_history(arts, entry.id)[0].body
    if typed:
        assert stored[name] == typed
    else:  # an optional field left empty is not stored
        assert name not in stored
