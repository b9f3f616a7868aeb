"""Releases and consents as the law asks them to behave (issue 13, "Releases, consents,
transfers"; issue 15, a release recorded as handed over), driven through the public services as
the practice's users.

The practice has a physician who is supervisor and admin (``arts``), a plain physician
(``dokter``), a supervising physician without admin rights (``kerndeskundige``), an assistant with
a secrecy statement and a case manager.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from desktop_app.errors import PermissionDenied, ValidationError, ValidationErrors
from desktop_app.services import absences, access_log, attachments, consents, releases
from desktop_app.services.authz import Refused
from desktop_app.services.demo_medical import _tiny_png
from tests.helpers.audit_rows import events_after, events_with_user_after, last_seq
from tests.helpers.dossiers import add_employee
from tests.helpers.keyrings import MemoryKeyring, install_keyring
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, copy_practice, login_as
from tests.helpers.roles import DOKTER, KERNDESKUNDIGE, make_roles_template

PNG = _tiny_png()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


TODAY = date.today()


@pytest.fixture(scope="module")
def staff_template(bare_template, tmp_path_factory):
    return make_roles_template(bare_template, tmp_path_factory.mktemp("staff") / "praktijk")


class Staff:
    """Sessions of the practice's users on one copy of the practice, opened on first use."""

    ACCOUNTS = {"arts": ARTS, "dokter": DOKTER, "kerndeskundige": KERNDESKUNDIGE, "assistent": ASSISTENT,
                "casemanager": CASEMANAGER}

    def __init__(self, folder):
        self.folder = folder
        self.sessions = {}

    def __getattr__(self, name):
        if name not in self.ACCOUNTS:
            raise AttributeError(name)
        if name not in self.sessions:
            account = self.ACCOUNTS[name]
            self.sessions[name] = login_as(self.folder, account, unlock=name != "casemanager")
        return self.sessions[name]

    def close(self):
        for s in self.sessions.values():
            s.close()


@pytest.fixture
def staff(staff_template, tmp_path):
    folder = copy_practice(staff_template, tmp_path / "praktijk")
    backend = MemoryKeyring()
    backend.store.update(staff_template.keyring_store)
    with install_keyring(backend):
        s = Staff(folder)
        try:
            yield s
        finally:
            s.close()


@pytest.fixture
def employee(staff):
    return add_employee(staff.arts, surname="Kowalski", given="Paweł")


def consent_for(staff, employee, physician="arts", given_on=None, valid_until=None, **kw):
    values = dict(physician=physician, recipient_name="dr. P. Jansen", recipient_organisation="Ziekenhuis Oost",
                  recipient_role="specialist", data_scope="Consultverslagen over de knieklachten van 2026",
                  purpose="Afstemmen van de behandeling", given_on=nl(given_on or TODAY),
                  valid_until=nl(valid_until or TODAY + timedelta(days=60)))
    values.update(kw)
    return consents.record(staff.arts, employee.id, consents.ConsentForm(**values), signature_png=PNG)


def ask(session, employee, consent, **kw):
    values = dict(recipient_name=consent.recipient_name, recipient_role=consent.recipient_role,
                  what="Consultverslag knie van november", purpose="Afstemmen van de behandeling")
    values.update(kw)
    return releases.request_release(session, employee.id, consent.id, **values)


def denials(session, since):
    return [(e[3], e[2]) for e in events_after(session, since) if e[0] == "access_denied"]


def pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


# --- 1. a revoked consent stops a release approved but not yet handed over ---------------------------


def test_a_consent_revoked_after_approval_stops_the_hand_over(staff, employee):
    consent = consent_for(staff, employee)
    release = releases.approve(staff.arts, ask(staff.assistent, employee, consent).id)
    consents.revoke(staff.assistent, consent.id, nl(TODAY))
    with pytest.raises(ValidationErrors) as refused:
        releases.mark_released(staff.assistent, release.id, "post")
    assert "ingetrokken" in refused.value.errors["consent_id"]


def test_the_stopped_release_stays_unreleased_and_out_of_the_extract(staff, employee):
    consent = consent_for(staff, employee)
    release = releases.approve(staff.arts, ask(staff.arts, employee, consent).id)
    consents.revoke(staff.arts, consent.id, nl(TODAY))
    with pytest.raises(ValidationErrors):
        releases.mark_released(staff.arts, release.id, "post")
    assert releases.get(staff.arts, release.id).state == "approved"
    assert releases.log_lines(staff.arts, employee.id) == []


def test_the_list_shows_the_release_as_stopped_by_the_revocation(staff, employee):
    consent = consent_for(staff, employee)
    release = releases.approve(staff.arts, ask(staff.arts, employee, consent).id)
    consents.revoke(staff.arts, consent.id, nl(TODAY))
    line = next(x for x in releases.overview(staff.arts, employee.id) if x.release.id == release.id)
    assert line.status == f"gestopt: toestemming ingetrokken op {nl(TODAY)}"
    assert not line.may_hand_over


def test_the_revocation_puts_each_stopped_release_on_the_audit_trail(staff, employee):
    consent = consent_for(staff, employee)
    releases.approve(staff.arts, ask(staff.arts, employee, consent).id)
    ask(staff.arts, employee, consent)
    since = last_seq(staff.arts)
    consents.revoke(staff.arts, consent.id, nl(TODAY))
    stops = [e for e in events_after(staff.arts, since) if e[3] == "verstrekking gestopt: toestemming ingetrokken"]
    assert [e[2] for e in stops] == [employee.id, employee.id]


def test_a_stopped_request_waits_for_nobody(staff, employee):
    consent = consent_for(staff, employee)
    ask(staff.arts, employee, consent)
    consents.revoke(staff.arts, consent.id, nl(TODAY))
    assert releases.pending(staff.arts) == []


def test_no_document_is_produced_for_a_release_stopped_by_revocation(staff, employee):
    consent = consent_for(staff, employee)
    release = releases.approve(staff.arts, ask(staff.arts, employee, consent).id)
    consents.revoke(staff.arts, consent.id, nl(TODAY))
    with pytest.raises(PermissionDenied) as refused:
        releases.require_approved(staff.arts, release.id)
    assert "ingetrokken" in refused.value.message


def test_the_consent_is_checked_again_on_the_day_of_the_hand_over(staff, employee):
    """Approved while the consent was valid; handed over after it lapsed: refused."""
    consent = consent_for(staff, employee, valid_until=TODAY + timedelta(days=5))
    release = releases.approve(staff.arts, ask(staff.arts, employee, consent).id)
    staff.arts.today = lambda: TODAY + timedelta(days=10)  # ten days later
    with pytest.raises(ValidationErrors) as refused:
        releases.mark_released(staff.arts, release.id, "post")
    assert "geldig tot" in refused.value.errors["consent_id"]


def test_a_revocation_cannot_be_dated_in_the_future(staff, employee):
    consent = consent_for(staff, employee)
    with pytest.raises(ValidationError) as refused:
        consents.revoke(staff.arts, consent.id, nl(TODAY + timedelta(days=3)))
    assert refused.value.field == "revoked_on"


# --- 2. who may approve ------------------------------------------------------------------------------


def test_the_physician_the_consent_is_addressed_to_approves(staff, employee):
    consent = consent_for(staff, employee, physician="dokter")
    approved = releases.approve(staff.dokter, ask(staff.assistent, employee, consent).id)
    assert approved.state == "approved"
    assert approved.decided_as == "addressed"


def test_another_physician_may_not_approve_and_the_refusal_is_audited(staff, employee):
    consent = consent_for(staff, employee, physician="arts")
    release = ask(staff.assistent, employee, consent)
    since = last_seq(staff.dokter)
    with pytest.raises(Refused):
        releases.approve(staff.dokter, release.id)
    assert denials(staff.dokter, since) == [("releases.approve", employee.id)]


def test_another_physician_may_not_refuse_either(staff, employee):
    consent = consent_for(staff, employee, physician="arts")
    release = ask(staff.assistent, employee, consent)
    with pytest.raises(Refused):
        releases.refuse(staff.dokter, release.id, 2)
    assert releases.get(staff.arts, release.id).state == "requested"


def test_the_supervisor_may_not_decide_while_the_addressed_physician_is_present(staff, employee):
    consent = consent_for(staff, employee, physician="dokter")
    release = ask(staff.assistent, employee, consent)
    since = last_seq(staff.kerndeskundige)
    with pytest.raises(Refused) as refused:
        releases.approve(staff.kerndeskundige, release.id)
    assert "Alleen" in refused.value.message
    assert denials(staff.kerndeskundige, since) == [("releases.approve", employee.id)]


def test_the_supervisor_approves_while_the_addressed_physician_is_absent(staff, employee):
    consent = consent_for(staff, employee, physician="dokter")
    release = ask(staff.assistent, employee, consent)
    absences.record_absence(staff.arts, "dokter", nl(TODAY - timedelta(days=2)), nl(TODAY + timedelta(days=12)),
                            "vakantie")
    approved = releases.approve(staff.kerndeskundige, release.id)
    assert approved.decided_as == "supervisor_absent"


def test_an_absence_that_has_ended_gives_the_supervisor_no_say(staff, employee):
    consent = consent_for(staff, employee, physician="dokter")
    release = ask(staff.assistent, employee, consent)
    absences.record_absence(staff.arts, "dokter", nl(TODAY - timedelta(days=10)), nl(TODAY - timedelta(days=1)))
    with pytest.raises(Refused):
        releases.approve(staff.kerndeskundige, release.id)


def test_a_withdrawn_absence_gives_the_supervisor_no_say(staff, employee):
    consent = consent_for(staff, employee, physician="dokter")
    release = ask(staff.assistent, employee, consent)
    absence = absences.record_absence(staff.dokter, "dokter", nl(TODAY), "")
    absences.withdraw_absence(staff.dokter, absence.id)
    with pytest.raises(Refused):
        releases.approve(staff.kerndeskundige, release.id)


def test_a_plain_physician_cannot_approve_for_an_absent_colleague(staff, employee):
    consent = consent_for(staff, employee, physician="kerndeskundige")
    release = ask(staff.assistent, employee, consent)
    absences.record_absence(staff.arts, "kerndeskundige", nl(TODAY), "")
    since = last_seq(staff.dokter)
    with pytest.raises(Refused) as refused:
        releases.approve(staff.dokter, release.id)
    assert refused.value.permission == "release_approve_as_supervisor"
    assert denials(staff.dokter, since) == [("releases.approve", employee.id)]


def test_after_referral_only_the_supervisor_decides(staff, employee):
    consent = consent_for(staff, employee, physician="dokter")
    release = releases.refer_to_supervisor(staff.dokter, ask(staff.assistent, employee, consent).id,
                                           "Ongebruikelijk verzoek van de specialist")
    assert releases.approve(staff.kerndeskundige, release.id).decided_as == "supervisor_referred"


def test_only_the_addressed_physician_refers(staff, employee):
    consent = consent_for(staff, employee, physician="dokter")
    release = ask(staff.assistent, employee, consent)
    with pytest.raises(Refused):
        releases.refer_to_supervisor(staff.kerndeskundige, release.id, "Voorleggen")


def test_the_decision_says_who_decides(staff, employee):
    consent = consent_for(staff, employee, physician="dokter")
    release = ask(staff.assistent, employee, consent)
    absences.record_absence(staff.arts, "dokter", nl(TODAY), nl(TODAY + timedelta(days=4)))
    d = releases.decision(staff.kerndeskundige, release.id)
    assert d.may_decide
    assert d.message == (f"dr. D. (Dirk) Dokter is afwezig ({nl(TODAY)} t/m "
                         f"{nl(TODAY + timedelta(days=4))}); u beslist als kerndeskundige.")


def test_a_physician_records_their_own_absence(staff):
    absence = absences.record_absence(staff.dokter, "dokter", nl(TODAY), nl(TODAY + timedelta(days=1)))
    assert [a.id for a in absences.list_absences(staff.assistent)] == [absence.id]


def test_a_physician_may_not_record_a_colleagues_absence(staff):
    since = last_seq(staff.dokter)
    with pytest.raises(Refused):
        absences.record_absence(staff.dokter, "kerndeskundige", nl(TODAY), "")
    assert denials(staff.dokter, since) == [("absences.record_absence", None)]


def test_an_absence_ends_on_or_after_its_first_day(staff):
    with pytest.raises(ValidationErrors) as refused:
        absences.record_absence(staff.arts, "dokter", nl(TODAY), nl(TODAY - timedelta(days=1)))
    assert set(refused.value.errors) == {"ends_on"}


def test_only_a_physician_can_be_recorded_absent(staff):
    with pytest.raises(ValidationErrors) as refused:
        absences.record_absence(staff.arts, "assistent", nl(TODAY), "")
    assert set(refused.value.errors) == {"physician"}


# --- 3. the hand-over: how, when, by whom, to whom -----------------------------------------------------


def approved_release(staff, employee):
    consent = consent_for(staff, employee)
    return releases.approve(staff.arts, ask(staff.assistent, employee, consent).id)


def test_the_hand_over_records_how_when_by_whom_and_to_whom(staff, employee):
    release = approved_release(staff, employee)
    done = releases.mark_released(staff.assistent, release.id, "secure_mail", handed_on=nl(TODAY),
                                  handed_by="assistent", handed_to="Secretariaat orthopedie", note="Via ZorgMail")
    assert (done.state, done.method, done.handed_over_on, done.handed_over_by_name, done.handed_to,
            done.handover_note) == ("released", "secure_mail", TODAY, "S. (Sanne) Bakker", "Secretariaat orthopedie",
                                    "Via ZorgMail")


def test_the_hand_over_defaults_to_today_the_user_and_the_recipient(staff, employee):
    release = approved_release(staff, employee)
    done = releases.mark_released(staff.assistent, release.id, "post")
    assert (done.handed_over_on, done.handed_over_by, done.handed_to) == (TODAY, staff.assistent.user.id,
                                                                         "dr. P. Jansen")


def test_a_hand_over_is_not_dated_in_the_future(staff, employee):
    release = approved_release(staff, employee)
    with pytest.raises(ValidationErrors) as refused:
        releases.mark_released(staff.assistent, release.id, "post", handed_on=nl(TODAY + timedelta(days=1)))
    assert set(refused.value.errors) == {"handed_on"}


def test_a_hand_over_is_not_dated_before_the_approval(staff, employee):
    release = approved_release(staff, employee)
    with pytest.raises(ValidationErrors) as refused:
        releases.mark_released(staff.assistent, release.id, "post", handed_on=nl(TODAY - timedelta(days=1)))
    assert "goedkeuring" in refused.value.errors["handed_on"]


def test_every_wrong_field_of_the_hand_over_is_named(staff, employee):
    release = approved_release(staff, employee)
    with pytest.raises(ValidationErrors) as refused:
        releases.mark_released(staff.assistent, release.id, "fax", handed_on="31-02-2026", handed_by="niemand")
    assert set(refused.value.errors) == {"method", "handed_on", "handed_by"}


def test_nothing_is_handed_over_before_a_physician_approved(staff, employee):
    consent = consent_for(staff, employee)
    release = ask(staff.assistent, employee, consent)
    with pytest.raises(PermissionDenied):
        releases.mark_released(staff.assistent, release.id, "post")


def test_a_release_is_handed_over_once(staff, employee):
    release = approved_release(staff, employee)
    releases.mark_released(staff.assistent, release.id, "post")
    with pytest.raises(PermissionDenied):
        releases.mark_released(staff.assistent, release.id, "post")


def test_a_case_manager_records_no_hand_over(staff, employee):
    release = approved_release(staff, employee)
    with pytest.raises(Refused):
        releases.mark_released(staff.casemanager, release.id, "post")


def test_the_hand_over_is_on_the_audit_trail_by_the_user_who_recorded_it(staff, employee):
    release = approved_release(staff, employee)
    since = last_seq(staff.assistent)
    releases.mark_released(staff.assistent, release.id, "registered_post")
    assert [(e[0], e[3], e[5]) for e in events_with_user_after(staff.assistent, since) if e[0] == "release"] == [
        ("release", "verstrekt aangetekend per post", "assistent")]


def test_the_feedback_to_the_employer_records_its_hand_over(staff, employee):
    from desktop_app.domain.cases import FeedbackForm
    from desktop_app.services import activities

    fb = activities.add_feedback(staff.arts, employee.id, FeedbackForm(
        assessed_on=nl(TODAY), fitness="partly_fit", limitations="Geen knielend werk", advice="Aangepast werk"))
    activities.approve_feedback(staff.arts, fb.id)
    to_employer, to_employee = releases.release_feedback_to_employer(staff.casemanager, fb.id, "handed",
                                                                     handed_on=nl(TODAY))
    assert (to_employer.handed_over_on, to_employer.handed_over_by, to_employee.copy_of) == (
        TODAY, staff.casemanager.user.id, to_employer.id)


# --- 4. the access-log extract lists every release ------------------------------------------------------


def test_the_extract_lists_the_release_with_its_dutch_date_how_and_by_whom(staff, employee):
    release = approved_release(staff, employee)
    releases.mark_released(staff.assistent, release.id, "post", handed_on=nl(TODAY))
    text = pdf_text(access_log.access_log_pdf(staff.arts, employee.id))
    assert f"{nl(TODAY)} Consultverslag knie van november" in text
    assert "per post, door S. (Sanne) Bakker" in text
    assert "Niets verstrekt" not in text


def test_the_extract_names_the_consent_the_release_rests_on(staff, employee):
    release = approved_release(staff, employee)
    releases.mark_released(staff.assistent, release.id, "post")
    (line,) = releases.log_lines(staff.arts, employee.id)
    assert line[1] == f"Consultverslag knie van november — op grond van toestemming van {nl(TODAY)}"


# --- 5. releases under a legal duty ----------------------------------------------------------------------


def legal(staff, employee, basis="ncvb", **kw):
    values = dict(physician="arts", recipient_name="NCvB", what="Melding beroepsziekte (contacteczeem)",
                  purpose="Registratie van beroepsziekten")
    values.update(kw)
    return releases.request_legal_release(staff.assistent, employee.id, basis, **values)


def test_a_legal_duty_needs_no_consent_and_names_its_article(staff, employee):
    release = legal(staff, employee, "uwv_wia", recipient_name="Verzekeringsarts UWV Utrecht",
                    what="Actueel oordeel en probleemanalyse", purpose="WIA-beoordeling")
    line = next(x for x in releases.overview(staff.arts, employee.id) if x.release.id == release.id)
    assert (release.consent_id, line.ground) == (None, "wettelijke plicht (Wet SUWI art. 54 lid 3; BW art. 7:457 lid 1)")


def test_a_legal_duty_is_reviewed_by_a_physician_before_it_leaves(staff, employee):
    release = legal(staff, employee)
    with pytest.raises(PermissionDenied):
        releases.mark_released(staff.assistent, release.id, "post")


def test_an_assistant_does_not_review_a_legal_duty(staff, employee):
    release = legal(staff, employee)
    with pytest.raises(Refused):
        releases.approve(staff.assistent, release.id)


def test_the_legal_duty_is_reviewed_by_the_physician_it_names(staff, employee):
    release = legal(staff, employee, physician="dokter")
    with pytest.raises(Refused):
        releases.approve(staff.kerndeskundige, release.id)
    assert releases.approve(staff.dokter, release.id).state == "approved"


def test_the_legal_duty_appears_in_the_extract_with_its_basis(staff, employee):
    release = releases.approve(staff.arts, legal(staff, employee).id)
    releases.mark_released(staff.assistent, release.id, "portal")
    text = pdf_text(access_log.access_log_pdf(staff.arts, employee.id))
    assert "Melding beroepsziekte (contacteczeem) — op grond van wettelijke plicht (Arbowet art. 9 lid 3)" in text


def test_the_legal_duty_is_on_the_audit_trail_with_its_article(staff, employee):
    since = last_seq(staff.assistent)
    legal(staff, employee)
    assert [e[3] for e in events_after(staff.assistent, since) if e[0] == "release"] == [
        "verstrekking op grond van een wettelijke plicht (Arbowet art. 9 lid 3)"]


def test_the_ncvb_report_keeps_its_document_in_the_medical_section(staff, employee):
    release = legal(staff, employee, document=PDF, filename="melding-ncvb.pdf")
    assert releases.document(staff.arts, release.id).data == PDF
    assert [a.filename for a in attachments.list_attachments(staff.arts, employee.id)] == ["melding-ncvb.pdf"]


def test_a_document_can_be_attached_later(staff, employee):
    release = legal(staff, employee)
    releases.attach_document(staff.arts, release.id, "melding.pdf", PDF)
    assert releases.document(staff.arts, release.id).info.filename == "melding.pdf"


def test_a_legal_duty_names_a_basis_from_the_list(staff, employee):
    with pytest.raises(ValidationErrors) as refused:
        legal(staff, employee, "goodwill")
    assert set(refused.value.errors) == {"basis"}


def test_a_case_manager_records_no_legal_duty(staff, employee):
    with pytest.raises(Refused):
        releases.request_legal_release(staff.casemanager, employee.id, "ncvb", physician="arts",
                                       recipient_name="NCvB", what="Melding", purpose="Registratie")


# --- 6. consent records and their status ------------------------------------------------------------


def statuses(staff, employee):
    return {line.consent.purpose: line.status.label for line in consents.overview(staff.assistent, employee.id)}


def test_the_core_gives_each_consent_its_status(staff, employee):
    consent_for(staff, employee, purpose="geldig")
    consent_for(staff, employee, purpose="verlopen", given_on=TODAY - timedelta(days=10),
                valid_until=TODAY - timedelta(days=1))
    consent_for(staff, employee, purpose="oud", given_on=TODAY - timedelta(days=120),
                valid_until=TODAY + timedelta(days=30))
    revoked = consent_for(staff, employee, purpose="ingetrokken")
    consents.revoke(staff.arts, revoked.id, nl(TODAY))
    assert statuses(staff, employee) == {"geldig": "geldig", "verlopen": "verlopen", "oud": "niet recent genoeg",
                                         "ingetrokken": "ingetrokken"}


def test_the_status_follows_the_practice_setting_for_recent(staff, employee):
    from desktop_app.services import settings

    consent_for(staff, employee, purpose="oud", given_on=TODAY - timedelta(days=75))
    settings.update(staff.arts, {"consent_recent_months": "2"})
    assert statuses(staff, employee) == {"oud": "niet recent genoeg"}


def test_a_case_manager_records_no_consent(staff, employee):
    with pytest.raises(Refused):
        consents.record(staff.casemanager, employee.id, consents.ConsentForm(
            physician="arts", recipient_name="dr. P. Jansen", recipient_role="specialist",
            data_scope="Consultverslagen over de knie", purpose="Behandeling", given_on=nl(TODAY),
            valid_until=nl(TODAY + timedelta(days=30))), signature_png=PNG)


def test_a_case_manager_revokes_no_consent_and_it_stays_valid(staff, employee):
    consent = consent_for(staff, employee)
    since = last_seq(staff.casemanager)
    with pytest.raises(Refused):
        consents.revoke(staff.casemanager, consent.id, nl(TODAY))
    assert denials(staff.casemanager, since) == [("consents.revoke", None)]


def test_an_assistant_with_a_statement_records_the_revocation(staff, employee):
    consent = consent_for(staff, employee)
    assert consents.revoke(staff.assistent, consent.id, nl(TODAY)).revoked_on == TODAY


def test_a_case_manager_sees_no_consent_status(staff, employee):
    consent_for(staff, employee)
    with pytest.raises(Refused):
        consents.overview(staff.casemanager, employee.id)


# --- 7. one text validation for every free-text field --------------------------------------------------

BAD = {"surrogate": "Fysio\ud800therapie", "nul": "Fysio\x00therapie"}


@pytest.mark.parametrize("bad", list(BAD))
@pytest.mark.parametrize("field", ["what", "purpose", "recipient_name"])
def test_a_release_request_refuses_bad_text_at_its_field(staff, employee, field, bad):
    consent = consent_for(staff, employee)
    with pytest.raises(ValidationErrors) as refused:
        ask(staff.arts, employee, consent, **{field: BAD[bad]})
    assert "teken" in refused.value.errors[field]


@pytest.mark.parametrize("bad", list(BAD))
@pytest.mark.parametrize("field", ["handed_to", "note"])
def test_the_hand_over_refuses_bad_text_at_its_field(staff, employee, field, bad):
    release = approved_release(staff, employee)
    with pytest.raises(ValidationErrors) as refused:
        releases.mark_released(staff.assistent, release.id, "post", **{field: BAD[bad]})
    assert "teken" in refused.value.errors[field]


@pytest.mark.parametrize("bad", list(BAD))
@pytest.mark.parametrize("field", ["what", "purpose", "recipient_name"])
def test_a_legal_duty_refuses_bad_text_at_its_field(staff, employee, field, bad):
    with pytest.raises(ValidationErrors) as refused:
        legal(staff, employee, **{field: BAD[bad]})
    assert "teken" in refused.value.errors[field]


@pytest.mark.parametrize("bad", list(BAD))
def test_a_decision_note_refuses_bad_text(staff, employee, bad):
    consent = consent_for(staff, employee)
    release = ask(staff.arts, employee, consent)
    with pytest.raises(ValidationError) as refused:
        releases.refuse(staff.arts, release.id, 1, BAD[bad])
    assert refused.value.field == "decision_note"


@pytest.mark.parametrize("bad", list(BAD))
def test_an_absence_note_refuses_bad_text(staff, bad):
    with pytest.raises(ValidationErrors) as refused:
        absences.record_absence(staff.arts, "dokter", nl(TODAY), "", BAD[bad])
    assert set(refused.value.errors) == {"note"}


def test_the_extract_tells_a_request_from_a_hand_over(staff, employee):
    """The trail part of the extract names each step of a release, not "verstrekt" for all."""
    consent = consent_for(staff, employee)
    ask(staff.assistent, employee, consent)
    text = pdf_text(access_log.access_log_pdf(staff.arts, employee.id))
    assert "verzoek tot verstrekking aan medisch specialist" in text
