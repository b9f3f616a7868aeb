"""The holes issue 12 found in the role checks, each tried again from the user's side.

Each refusal comes from the permission table (``authz.Refused``), leaves the data as it was, and
is on the audit trail as one ``access_denied`` event naming the function.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.domain.cases import ActivityForm
from desktop_app.services import (
    access_log,
    activities,
    audit_log,
    consents,
    destruction,
    documents,
    erasure,
    medical_entries,
    releases,
    requests,
    retention,
    settings,
    users,
    working_notes,
)
from desktop_app.services.authz import Refused
from desktop_app.services.demo_medical import _tiny_png
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.practices import ASSISTENT, CASEMANAGER, login_as
from tests.services.test_permissions import PENDING_OTHER_BRANCHES

PNG = _tiny_png()
TODAY = date.today().strftime("%d-%m-%Y")


def denials(session, since):
    """(function, employee_id) of the access_denied events after ``since``."""
    return [(e[3], e[2]) for e in events_after(session, since) if e[0] == "access_denied"]


@pytest.fixture
def casemanager(bare_practice, arts):
    s = login_as(bare_practice, CASEMANAGER)
    yield s
    s.close()


@pytest.fixture
def consent(arts, employee):
    return consents.record(arts, employee.id, consents.ConsentForm(
        physician="arts", recipient_name="dr. P. Jansen", recipient_organisation="Ziekenhuis Oost",
        recipient_role="specialist", data_scope="Consultverslagen over de knieklachten",
        purpose="Afstemmen van de behandeling", given_on=TODAY,
        valid_until=(date.today() + timedelta(days=60)).strftime("%d-%m-%Y")), signature_png=PNG)


@pytest.fixture
def approved_release(arts, employee, consent):
    release = releases.request_release(arts, employee.id, consent.id, recipient_name="dr. P. Jansen",
                                       recipient_role="specialist", what="Consultverslag knie",
                                       purpose="behandeling")
    return releases.approve(arts, release.id)


# --- destroying and anonymising -------------------------------------------------------------------


ERASURE = {  # function as the trail names it → the call, and whether it names the employee
    "retention.decide": (lambda s, e: retention.decide(s, e, "personal", "destroy"), True),
    "destruction.destroy_on_request": (lambda s, e: destruction.destroy_on_request(s, 1, ["medical"]), False),
    "erasure.finish_incomplete": (lambda s, e: erasure.finish_incomplete(s), False),
}


@pytest.mark.parametrize("name", list(ERASURE))
def test_a_case_manager_destroys_and_anonymises_nothing(name, arts, casemanager, employee):
    activities.add_activity(arts, employee.id, ActivityForm(on_date=TODAY, description="Gesprek over werk"))
    medical_entries.add_entry(arts, employee.id, "note", {"text": "Knieklachten", "entry_date": TODAY})
    since = last_seq(casemanager)
    call, names_employee = ERASURE[name]
    with pytest.raises(Refused):
        call(casemanager, employee.id)
    assert denials(casemanager, since) == [(name, employee.id if names_employee else None)]
    kept = arts.db.one("SELECT surname, given_names, bsn, anonymised_at FROM employees WHERE id = ?",
                       (employee.id,))
    assert kept == (employee.surname, employee.given_names, employee.bsn, None)
    assert [a.description for a in activities.activities(arts, employee.id)] == ["Gesprek over werk"]
    assert len(medical_entries.list_entries(arts, employee.id)) == 1
    assert destruction.register(arts, employee.id) == []


def test_a_case_manager_sees_and_decides_no_retention(casemanager, employee):
    from desktop_app.services import retention

    since = last_seq(casemanager)
    with pytest.raises(Refused):
        retention.decide(casemanager, employee.id, "personal", "anonymise")
    with pytest.raises(Refused):
        retention.due(casemanager)
    assert denials(casemanager, since) == [("retention.decide", employee.id), ("retention.due", None)]


# --- consents and releases ----------------------------------------------------------------------


def test_a_case_manager_cannot_revoke_a_consent(arts, casemanager, consent):
    since = last_seq(casemanager)
    with pytest.raises(Refused):
        consents.revoke(casemanager, consent.id, TODAY)
    assert denials(casemanager, since) == [("consents.revoke", None)]
    assert consents.get(arts, consent.id).revoked_on is None


def test_a_case_manager_cannot_mark_a_release_released(arts, casemanager, approved_release):
    since = last_seq(casemanager)
    with pytest.raises(Refused):
        releases.mark_released(casemanager, approved_release.id, "post")
    assert denials(casemanager, since) == [("releases.mark_released", None)]
    assert releases.get(arts, approved_release.id).state == "approved"


WORDING = {
    "consents.get": lambda s, emp, c, r: consents.get(s, c.id),
    "consents.for_employee": lambda s, emp, c, r: consents.for_employee(s, emp.id),
    "consents.signature": lambda s, emp, c, r: consents.signature(s, c.id),
    "releases.get": lambda s, emp, c, r: releases.get(s, r.id),
    "releases.log_for": lambda s, emp, c, r: releases.log_for(s, emp.id),
    "releases.log_lines": lambda s, emp, c, r: releases.log_lines(s, emp.id),
    "releases.pending": lambda s, emp, c, r: releases.pending(s),
    "releases.require_approved": lambda s, emp, c, r: releases.require_approved(s, r.id),
    "requests.consents_expiring": lambda s, emp, c, r: requests.consents_expiring(s, days=365),
}


@pytest.mark.parametrize("name", list(WORDING))
def test_a_case_manager_reads_no_wording_of_consents_or_releases(name, casemanager, employee, consent,
                                                                  approved_release):
    since = last_seq(casemanager)
    with pytest.raises(Refused) as refused:
        WORDING[name](casemanager, employee, consent, approved_release)
    assert refused.value.permission == "consent_wording"
    assert [fn for fn, _e in denials(casemanager, since)] == [name]


@pytest.mark.parametrize("name", list(WORDING))
def test_an_assistant_with_a_statement_reads_the_wording(name, bare_practice, employee, consent,
                                                         approved_release):
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    since = last_seq(assistant)
    WORDING[name](assistant, employee, consent, approved_release)
    assert denials(assistant, since) == []
    assistant.close()


def test_a_case_manager_prints_no_consent_form(casemanager):
    from desktop_app.documents.forms import ConsentFormData

    data = ConsentFormData("Piet Jansen", "01-01-1980", "dr. A. de Vries", "dr. P. Jansen", "Ziekenhuis",
                           "medisch specialist", "Consultverslagen", "behandeling", TODAY, "", None)
    with pytest.raises(Refused):
        documents.consent_form_pdf(casemanager, data)


def test_only_the_supervisor_decides_a_referred_release(bare_practice, arts, employee, consent):
    from desktop_app.domain.roles import Role
    from desktop_app.services.practice import NewUser
    from tests.helpers.roles import DOKTER

    users.add_user(arts, NewUser(DOKTER.username, "dr. D. Dokter", Role.PHYSICIAN, DOKTER.password,
                                 DOKTER.medical_passphrase))
    consent = consents.record(arts, employee.id, consents.ConsentForm(  # addressed to the one who refers
        physician=DOKTER.username, recipient_name="dr. P. Jansen", recipient_role="specialist",
        data_scope="Consultverslagen over de knieklachten", purpose="Afstemmen van de behandeling",
        given_on=TODAY, valid_until=consent.valid_until.strftime("%d-%m-%Y")), signature_png=PNG)
    release = releases.request_release(arts, employee.id, consent.id, recipient_name="dr. P. Jansen",
                                       recipient_role="specialist", what="Consultverslag knie",
                                       purpose="behandeling")
    physician = login_as(bare_practice, DOKTER, unlock=True)
    releases.refer_to_supervisor(physician, release.id, "Ongebruikelijk verzoek")
    since = last_seq(physician)
    with pytest.raises(Refused) as refused:
        releases.approve(physician, release.id)
    physician.close()
    assert refused.value.permission == "release_approve_as_supervisor"
    assert denials(arts, since) == [("releases.approve", employee.id)]
    assert releases.get(arts, release.id).state == "referred"


def test_an_assistant_approves_no_release(bare_practice, arts, employee, consent):
    release = releases.request_release(arts, employee.id, consent.id, recipient_name="dr. P. Jansen",
                                       recipient_role="specialist", what="Consultverslag knie",
                                       purpose="behandeling")
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    since = last_seq(assistant)
    with pytest.raises(Refused):
        releases.approve(assistant, release.id)
    assert denials(assistant, since) == [("releases.approve", None)]
    assistant.close()
    assert releases.get(arts, release.id).state == "requested"


# --- the audit trail and the access-log extract -----------------------------------------------------


def test_a_case_manager_reads_no_audit_trail(arts, casemanager, employee):
    since = last_seq(casemanager)
    with pytest.raises(Refused):
        audit_log.events(casemanager)
    with pytest.raises(Refused):
        audit_log.events(casemanager, employee_id=employee.id)
    assert [fn for fn, _e in denials(casemanager, since)] == ["audit_log.events", "audit_log.events"]
    assert audit_log.events(arts, limit=5)  # a physician reads it


def test_an_assistant_without_a_statement_gets_no_access_log_extract(bare_practice, arts, employee):
    users.revoke_secrecy_statement(arts, ASSISTENT.username)
    assistant = login_as(bare_practice, ASSISTENT)
    since = last_seq(assistant)
    with pytest.raises(Refused) as refused:
        access_log.access_log_pdf(assistant, employee.id)
    with pytest.raises(Refused):
        audit_log.extract(assistant, employee.id)
    assistant.close()
    assert refused.value.permission == "access_log_extract"
    assert denials(arts, since) == [("access_log.access_log_pdf", employee.id),
                                    ("audit_log.extract", employee.id)]


def test_an_assistant_with_a_statement_makes_the_extract(bare_practice, employee):
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    pdf = access_log.access_log_pdf(assistant, employee.id)
    assistant.close()
    assert pdf.startswith(b"%PDF")


def test_the_extract_leaves_out_working_notes_and_reading_the_trail(arts, employee):
    working_notes.add_working_note(arts, employee.id, "eigen notitie")
    audit_log.events(arts, employee_id=employee.id)
    lines = audit_log.extract(arts, employee.id)
    assert [e for e in lines if e.object_type == "working_note" or e.action == "read_audit"] == []


# --- documents, settings, backup ------------------------------------------------------------------


def test_only_a_physician_makes_the_dossier_copy(bare_practice, casemanager, employee):
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    with pytest.raises(Refused) as by_assistant:
        documents.dossier_copy_pdf(assistant, employee.id)
    assistant.close()
    with pytest.raises(Refused) as by_casemanager:
        documents.dossier_copy_pdf(casemanager, employee.id)
    assert by_assistant.value.permission == "copy_sign_off"
    assert by_casemanager.value.permission == "medical_read"


def test_only_an_admin_physician_changes_settings(bare_practice, arts, casemanager):
    with pytest.raises(Refused):
        settings.update(casemanager, {"consent_recent_months": "12"})
    assert settings.all_settings(arts)["consent_recent_months"] == "3"


@pytest.mark.skipif("backup" in PENDING_OTHER_BRANCHES,
                    reason="backup.create_backup is declared on the backup branch")
def test_a_case_manager_makes_no_backup(casemanager, tmp_path):
    from desktop_app.services import backup

    since = last_seq(casemanager)
    with pytest.raises(Refused):
        backup.create_backup(casemanager, tmp_path / "backup")
    assert [fn for fn, _e in denials(casemanager, since)] == ["backup.create_backup"]
    assert list(tmp_path.glob("backup*")) == []
