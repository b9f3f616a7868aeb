"""Issue 13, releases and consents, attacked through the public services: a consent that covers
chosen entries only, and what then leaves the practice."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest

from desktop_app.errors import ArbokluisError
from desktop_app.services import consents, medical_entries, portability, releases, requests
from desktop_app.services.demo_medical import _tiny_png
from tests.helpers.dossiers import add_employee

TODAY = date.today()
PNG = _tiny_png()


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@pytest.fixture
def employee(arts):
    return add_employee(arts, surname="Kowalski", given="Paweł")


def _entry(arts, employee, text):
    return medical_entries.add_entry(arts, employee.id, "consultation", {"s": text, "entry_date": nl(TODAY)})


def _targeted_consent(arts, employee, entry, role, name):
    return consents.record(arts, employee.id, consents.ConsentForm(
        physician="arts", recipient_name=name, recipient_organisation=name, recipient_role=role,
        data_scope="", purpose="Overdracht van het knieverslag", given_on=nl(TODAY),
        valid_until=nl(TODAY + timedelta(days=60))), signature_png=PNG, entry_ids=[entry.id])


def test_a_transfer_on_a_consent_for_one_entry_carries_only_that_entry(arts, employee):
    """The employee consents to the new arbo service receiving one consultation (the knee), not
    the psychologist's note. The transfer archive holds every medical entry: medical data the
    employee did not consent to leaves the practice."""
    knee = _entry(arts, employee, "Knieklachten")
    _entry(arts, employee, "PSYCHE-GEHEIM gesprek over de relatie")
    consent = _targeted_consent(arts, employee, knee, "new_arbo_service", "Arbodienst Noord")
    archive = b""
    try:
        r = requests.receive(arts, employee.id, "transfer", nl(TODAY))
        requests.identity_at_desk(arts, r.id, "passport", nl(TODAY))
        requests.start(arts, r.id)
        portability.attach_consent(arts, r.id, consent.id)
        requests.ready_for_signoff(arts, r.id)
        requests.sign_off(arts, r.id)
        archive = portability.make_transfer(arts, r.id)
    except ArbokluisError:
        pass
    bodies = json.dumps(json.loads(zipfile.ZipFile(io.BytesIO(archive)).read("data.json"))["medical_entries"]) \
        if archive else ""
    assert "PSYCHE-GEHEIM" not in bodies


def test_a_release_request_on_a_consent_for_one_entry_cannot_ask_for_the_whole_dossier(arts, employee):
    """The consent covers one entry. Asked without naming entries (entry_ids left out, as the
    what-field is free text), the request is taken for "Het volledige medische dossier" and then
    approved: the consent's scope binds nothing."""
    knee = _entry(arts, employee, "Knieklachten")
    _entry(arts, employee, "Gesprek over de relatie")
    consent = _targeted_consent(arts, employee, knee, "specialist", "dr. P. Jansen")
    with pytest.raises(ArbokluisError):
        releases.request_release(arts, employee.id, consent.id, recipient_name="dr. P. Jansen",
                                 recipient_role="specialist", what="Het volledige medische dossier",
                                 purpose="Afstemmen van de behandeling")


@pytest.fixture(scope="module")
def staff_template(bare_template, tmp_path_factory):
    from tests.helpers.roles import make_roles_template

    return make_roles_template(bare_template, tmp_path_factory.mktemp("staff13") / "praktijk")


def test_pressing_make_transfer_twice_leaves_one_release_request(staff_template, tmp_path):
    """The transfer consent is addressed to dr. Dokter; the admin physician signed the request off
    and presses "Export maken" for it. make_transfer inserts a release request, then the approval
    is refused (another physician's release) outside any transaction, so the request keeps no
    link to it; pressing again inserts another. The release log fills with orphan requests for
    the whole dossier, each waiting for dr. Dokter's approval."""
    from tests.helpers.keyrings import MemoryKeyring, install_keyring
    from tests.helpers.practices import ARTS, copy_practice, login_as

    folder = copy_practice(staff_template, tmp_path / "praktijk")
    backend = MemoryKeyring()
    backend.store.update(staff_template.keyring_store)
    with install_keyring(backend):
        arts = login_as(folder, ARTS, unlock=True)
        try:
            e = add_employee(arts)
            _entry(arts, e, "Knieklachten")
            consent = consents.record(arts, e.id, consents.ConsentForm(
                physician="dokter", recipient_name="Arbodienst Noord", recipient_organisation="Arbodienst Noord",
                recipient_role="new_arbo_service", data_scope="Het hele dossier, ook het medische deel",
                purpose="Overdracht naar de nieuwe arbodienst", given_on=nl(TODAY),
                valid_until=nl(TODAY + timedelta(days=60))), signature_png=PNG)
            r = requests.receive(arts, e.id, "transfer", nl(TODAY))
            requests.identity_at_desk(arts, r.id, "passport", nl(TODAY))
            requests.start(arts, r.id)
            portability.attach_consent(arts, r.id, consent.id)
            requests.ready_for_signoff(arts, r.id)
            requests.sign_off(arts, r.id)
            for _ in range(2):
                try:
                    portability.make_transfer(arts, r.id)
                except ArbokluisError:
                    pass
            assert len(releases.log_for(arts, e.id)) <= 1
        finally:
            arts.close()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
OTHER_PDF = b"%PDF-1.4\n% het hele dossier\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_document_swapped_in_after_the_approval_does_not_leave_unreviewed(bare_practice, arts, employee):
    """The physician reviews the NCvB report with its document and approves. The assistant then
    attaches another document to the approved release (attach_document accepts any state but
    released/refused) and hands it over: what leaves was never reviewed by a physician."""
    from tests.helpers.practices import ASSISTENT, login_as

    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    try:
        release = releases.request_legal_release(
            assistant, employee.id, "ncvb", physician="arts", recipient_name="NCvB",
            what="Melding beroepsziekte (contacteczeem)", purpose="Registratie van beroepsziekten",
            document=PDF, filename="melding-ncvb.pdf")
        releases.approve(arts, release.id)
        swapped = handed = False
        try:
            releases.attach_document(assistant, release.id, "dossier.pdf", OTHER_PDF)
            swapped = True
            releases.mark_released(assistant, release.id, "portal")
            handed = True
        except ArbokluisError:
            pass
    finally:
        assistant.close()
    assert not (swapped and handed)


def test_a_hand_over_recorded_after_the_revocation_is_not_backdated_past_it(arts, employee):
    """Approved on day 0; the employee revokes on day 2 (recorded that day, the release shows
    "gestopt"). On day 3 the assistant records the hand-over dated day 1, before the revocation,
    and it is taken without a word: any revocation is undone by typing an earlier date. A
    hand-over recorded after a revocation and dated before it needs at least a recorded reason
    (or the datalek route the message names)."""
    entry = _entry(arts, employee, "Knieklachten")
    consent = consents.record(arts, employee.id, consents.ConsentForm(
        physician="arts", recipient_name="dr. P. Jansen", recipient_organisation="Ziekenhuis Oost",
        recipient_role="specialist", data_scope="Consultverslag knie van december", purpose="Behandeling",
        given_on=nl(TODAY), valid_until=nl(TODAY + timedelta(days=60))), signature_png=PNG)
    release = releases.request_release(arts, employee.id, consent.id, recipient_name="dr. P. Jansen",
                                       recipient_role="specialist", what="Consultverslag knie",
                                       purpose="Behandeling", entry_ids=[entry.id])
    releases.approve(arts, release.id)
    arts.today = lambda: TODAY + timedelta(days=2)
    consents.revoke(arts, consent.id, nl(TODAY + timedelta(days=2)))
    arts.today = lambda: TODAY + timedelta(days=3)
    with pytest.raises(ArbokluisError):
        releases.mark_released(arts, release.id, "post", handed_on=nl(TODAY + timedelta(days=1)))


def test_a_double_click_on_feedback_to_the_employer_records_one_hand_over(bare_practice, arts, employee):
    """The case manager presses "Verstrekken aan werkgever" twice for the same approved feedback.
    Both calls are taken: the release log, and so the employee's access-log extract, says the
    feedback went to the employer twice (and a copy to the employee twice)."""
    from desktop_app.domain.cases import FeedbackForm
    from desktop_app.services import activities
    from tests.helpers.practices import CASEMANAGER, login_as

    fb = activities.add_feedback(arts, employee.id, FeedbackForm(
        assessed_on=nl(TODAY), fitness="partly_fit", limitations="Geen knielend werk", advice="Aangepast werk"))
    activities.approve_feedback(arts, fb.id)
    cm = login_as(bare_practice, CASEMANAGER)
    try:
        for _ in range(2):
            try:
                releases.release_feedback_to_employer(cm, fb.id, "handed", handed_on=nl(TODAY))
            except ArbokluisError:
                pass
    finally:
        cm.close()
    to_employer = [line for line in releases.log_lines(arts, employee.id) if "afschrift" not in line[2]]
    assert len(to_employer) == 1
