"""Releases and consents through the dossier window, as the practice uses them (issue 13, 15).

Modal dialogs are driven where they open: each ``exec`` is replaced by the user's actions on the
real dialog (fill in, click), and returns what Qt would.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

pytestmark = pytest.mark.gui

TODAY = date.today().strftime("%d-%m-%Y")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def consent_in(practice, employee_id, *, physician="arts", recipient="dr. P. Jansen", given_on=None):
    """A consent recorded beforehand (the consent dialog has its own tests)."""
    from desktop_app.services import consents
    from desktop_app.services.demo_medical import _tiny_png
    from tests.helpers.practices import ARTS, login_as

    arts = login_as(practice, ARTS)
    try:
        return consents.record(arts, employee_id, consents.ConsentForm(
            physician=physician, recipient_name=recipient, recipient_organisation="Ziekenhuis Oost",
            recipient_role="specialist", data_scope="Het consultverslag over de knieklachten",
            purpose="Afstemmen van de behandeling", given_on=nl(given_on or date.today()),
            valid_until=nl(date.today() + timedelta(days=60))), signature_png=_tiny_png())
    finally:
        arts.close()


def add_dokter(practice):
    from desktop_app.domain.roles import Role
    from desktop_app.services import users
    from desktop_app.services.practice import NewUser
    from tests.helpers.practices import ARTS, login_as
    from tests.helpers.roles import DOKTER

    arts = login_as(practice, ARTS, unlock=True)
    try:
        users.add_user(arts, NewUser(DOKTER.username, "dr. D. Dokter", Role.PHYSICIAN, DOKTER.password,
                                     DOKTER.medical_passphrase))
    finally:
        arts.close()


def open_rights(qtbot, controller, account, employee_id=None):
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, account)
    if account.medical_passphrase:
        controller.ctx.tasks.call(controller.ctx.session.unlock_medical, account.medical_passphrase)
    employee_id = employee_id or main.employees_model.rows[0].id
    main.open_dossier(employee_id)
    window = main.dossiers[employee_id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    return main, window


def first_employee(practice):
    from tests.helpers.practices import ARTS, login_as

    s = login_as(practice, ARTS)
    try:
        return s.db.scalar("SELECT min(id) FROM employees")
    finally:
        s.close()


def select_row(qtbot, t, text):
    qtbot.waitUntil(lambda: any(t.item(r, c) and text in t.item(r, c).text()
                                for r in range(t.rowCount()) for c in range(t.columnCount())), timeout=10000)
    row = next(r for r in range(t.rowCount()) for c in range(t.columnCount())
               if t.item(r, c) and text in t.item(r, c).text())
    t.selectRow(row)
    return row


def cell(t, row, header):
    col = next(c for c in range(t.columnCount()) if t.horizontalHeaderItem(c).text() == header)
    return t.item(row, col).text()


def drive(monkeypatch, cls, act):
    """Replace ``cls.exec`` by ``act(dialog)``; the dialogs seen are kept in the returned list."""
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        return act(dialog)

    monkeypatch.setattr(cls, "exec", exec_)
    return seen


def submit_and_wait(qtbot, dialog):
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None or dialog.error.text() != "" or
                    any(not e.isHidden() for e in dialog.form.errors.values()), timeout=10000)
    return 1 if dialog.saved is not None else 0


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def request_approve_hand_over(qtbot, monkeypatch, panel, *, consent_text="dr. P. Jansen", what="Consultverslag knie"):
    """Ask for a release on the consent, approve it and record its hand-over, all through the panel."""
    from ui import release_dialogs

    def fill_request(dialog):
        dialog.form.set_value("what", what)
        return submit_and_wait(qtbot, dialog)

    def approve(dialog):
        qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
        dialog.buttons["approve"].click()
        qtbot.waitUntil(lambda: dialog.result_release is not None or dialog.error.text() != "", timeout=10000)
        return 1 if dialog.result_release is not None else 0

    def hand_over(dialog):
        dialog.form.set_value("method", "registered_post")
        return submit_and_wait(qtbot, dialog)

    drive(monkeypatch, release_dialogs.ReleaseFormDialog, fill_request)
    select_row(qtbot, panel.consents_table, consent_text)
    panel.actions["release"].click()
    drive(monkeypatch, release_dialogs.ApprovalDialog, approve)
    row = select_row(qtbot, panel.releases_table, what)
    panel.actions["approve"].click()
    qtbot.waitUntil(lambda: "goedgekeurd" in cell(panel.releases_table, row, "Status"), timeout=10000)
    drive(monkeypatch, release_dialogs.ReleaseFormDialog, hand_over)
    select_row(qtbot, panel.releases_table, what)
    panel.actions["handover"].click()
    qtbot.waitUntil(lambda: cell(panel.releases_table, row, "Status") == "verstrekt", timeout=10000)
    return row


# --- 3 and 4: a release handed over from the client, and the extract that lists it ------------------


def test_the_release_list_shows_the_hand_over_with_a_dutch_date(qtbot, controller, practice, monkeypatch):
    from tests.helpers.practices import ARTS

    employee_id = first_employee(practice)
    consent_in(practice, employee_id)
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    panel = window.rights.consents
    row = request_approve_hand_over(qtbot, monkeypatch, panel)
    assert (cell(panel.releases_table, row, "Verstrekt op"), cell(panel.releases_table, row, "Hoe"),
            cell(panel.releases_table, row, "Door")) == (TODAY, "aangetekend per post", "dr. A. (Anna) de Vries")


def test_the_extract_made_in_the_dossier_window_lists_the_release_sent_from_the_client(
        qtbot, controller, practice, monkeypatch):
    from tests.helpers.practices import ARTS
    from ui import pdf_preview

    employee_id = first_employee(practice)
    consent_in(practice, employee_id)
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    request_approve_hand_over(qtbot, monkeypatch, window.rights.consents)
    shown: list[bytes] = []
    monkeypatch.setattr(pdf_preview.PdfPreview, "exec", lambda self: shown.append(self.pdf) or 0)
    next(b for b in window.findChildren(QPushButton) if b.text() == "Inzageoverzicht…").click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    text = pdf_text(shown[0])
    assert f"{TODAY} Consultverslag knie — op grond van toestemming van {TODAY} dr. P. Jansen aangetekend per " \
           "post, door dr. A. (Anna) de Vries" in text


def test_the_hand_over_is_refused_at_its_field_when_dated_in_the_future(qtbot, controller, practice):
    from desktop_app.services import releases
    from tests.helpers.practices import ARTS
    from ui.release_dialogs import handover_dialog

    employee_id = first_employee(practice)
    consent = consent_in(practice, employee_id)
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    ctx = controller.ctx
    release = ctx.call(releases.request_release, employee_id, consent.id, recipient_name="dr. P. Jansen",
                       recipient_role="specialist", what="Consultverslag", purpose="behandeling")
    ctx.call(releases.approve, release.id)
    dialog = handover_dialog(ctx, release, ctx.call(releases.handover_users), "arts", window)
    qtbot.addWidget(dialog)
    dialog.form.set_value("handed_on", nl(date.today() + timedelta(days=2)))
    submit_and_wait(qtbot, dialog)
    assert dialog.form.error("handed_on") == "Verstrekt op: ligt in de toekomst."


# --- 1: a revoked consent stops the release in the client too ------------------------------------------


def test_after_revocation_the_panel_offers_no_hand_over(qtbot, controller, practice, monkeypatch):
    from desktop_app.services import releases
    from tests.helpers.practices import ARTS
    from ui import release_dialogs

    employee_id = first_employee(practice)
    consent = consent_in(practice, employee_id)
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    ctx = controller.ctx
    release = ctx.call(releases.request_release, employee_id, consent.id, recipient_name="dr. P. Jansen",
                       recipient_role="specialist", what="Consultverslag", purpose="behandeling")
    ctx.call(releases.approve, release.id)
    panel = window.rights.consents
    panel.reload()
    drive(monkeypatch, release_dialogs.ReleaseFormDialog, lambda d: submit_and_wait(qtbot, d))
    select_row(qtbot, panel.consents_table, "dr. P. Jansen")
    panel.actions["revoke"].click()
    row = select_row(qtbot, panel.releases_table, "gestopt")
    assert not panel.actions["handover"].isEnabled()
    assert cell(panel.releases_table, row, "Status") == f"gestopt: toestemming ingetrokken op {TODAY}"


def test_a_hand_over_after_revocation_is_refused_in_the_dialog(qtbot, controller, practice):
    from desktop_app.services import consents, releases
    from tests.helpers.practices import ARTS
    from ui.release_dialogs import handover_dialog

    employee_id = first_employee(practice)
    consent = consent_in(practice, employee_id)
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    ctx = controller.ctx
    release = ctx.call(releases.request_release, employee_id, consent.id, recipient_name="dr. P. Jansen",
                       recipient_role="specialist", what="Consultverslag", purpose="behandeling")
    ctx.call(releases.approve, release.id)
    dialog = handover_dialog(ctx, release, ctx.call(releases.handover_users), "arts", window)
    qtbot.addWidget(dialog)
    ctx.call(consents.revoke, consent.id, TODAY)  # the employee revokes while the letter waits
    submit_and_wait(qtbot, dialog)
    assert "ingetrokken" in dialog.error.text()


# --- 2: who may approve, as the screen shows it ------------------------------------------------------


def test_the_supervisor_is_offered_no_decision_while_the_addressed_physician_is_present(
        qtbot, controller, practice):
    from desktop_app.services import releases
    from tests.helpers.practices import ARTS
    from ui.release_dialogs import ApprovalDialog

    add_dokter(practice)
    employee_id = first_employee(practice)
    consent = consent_in(practice, employee_id, physician="dokter")
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    release = controller.ctx.call(releases.request_release, employee_id, consent.id, recipient_name="dr. P. Jansen",
                                  recipient_role="specialist", what="Consultverslag", purpose="behandeling")
    dialog = ApprovalDialog(controller.ctx, release.id, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    assert not dialog.buttons["approve"].isEnabled()
    assert dialog.who.text().startswith("Alleen dr. D. Dokter beslist")


def test_an_absence_recorded_in_the_client_lets_the_supervisor_decide(qtbot, controller, practice, monkeypatch):
    from desktop_app.services import releases
    from tests.helpers.practices import ARTS
    from ui import absences_dialog
    from ui.release_dialogs import ApprovalDialog

    add_dokter(practice)
    employee_id = first_employee(practice)
    consent = consent_in(practice, employee_id, physician="dokter")
    main, window = open_rights(qtbot, controller, ARTS, employee_id)
    release = controller.ctx.call(releases.request_release, employee_id, consent.id, recipient_name="dr. P. Jansen",
                                  recipient_role="specialist", what="Consultverslag", purpose="behandeling")

    def record(dialog):
        qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
        dialog.form.set_value("physician", "dokter")
        dialog.form.set_value("ends_on", nl(date.today() + timedelta(days=7)))
        dialog.record()
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10000)
        return 1

    drive(monkeypatch, absences_dialog.AbsencesDialog, record)
    action = next(a for m in main.menuBar().actions() if m.menu() for a in m.menu().actions()
                  if a.text() == "Afwezigheid artsen…")
    action.trigger()
    dialog = ApprovalDialog(controller.ctx, release.id, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    assert dialog.buttons["approve"].isEnabled()


def test_an_assistant_records_a_hand_over_but_decides_nothing(qtbot, controller, practice):
    from tests.helpers.practices import ASSISTENT

    employee_id = first_employee(practice)
    _main, window = open_rights(qtbot, controller, ASSISTENT, employee_id)
    assert {"handover", "legal"} <= set(window.rights.actions)
    assert "approve" not in window.rights.actions


# --- 5: a release under a legal duty, from the client --------------------------------------------------


def test_a_legal_duty_is_recorded_from_the_client_with_its_article(qtbot, controller, practice, monkeypatch):
    from tests.helpers.practices import ARTS
    from ui import release_dialogs

    employee_id = first_employee(practice)
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    panel = window.rights.consents

    def fill(dialog):
        dialog.form.set_value("basis", "uwv_wia")
        dialog.form.set_value("what", "Actueel oordeel en probleemanalyse")
        dialog.attach("brief-uwv.pdf", PDF)
        return submit_and_wait(qtbot, dialog)

    seen = drive(monkeypatch, release_dialogs.LegalReleaseDialog, fill)
    panel.actions["legal"].click()
    row = select_row(qtbot, panel.releases_table, "Actueel oordeel")
    assert seen[0].form.value("recipient_name") == "Verzekeringsarts UWV"
    assert cell(panel.releases_table, row, "Grond") == "wettelijke plicht (Wet SUWI art. 54 lid 3; BW art. 7:457 lid 1)"


def test_the_legal_duty_sent_from_the_client_is_in_the_extract(qtbot, controller, practice, monkeypatch):
    from tests.helpers.practices import ARTS
    from ui import pdf_preview, release_dialogs

    employee_id = first_employee(practice)
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    panel = window.rights.consents

    def fill(dialog):
        dialog.form.set_value("basis", "ncvb")
        dialog.form.set_value("what", "Melding beroepsziekte (handeczeem)")
        return submit_and_wait(qtbot, dialog)

    drive(monkeypatch, release_dialogs.LegalReleaseDialog, fill)
    panel.actions["legal"].click()
    select_row(qtbot, panel.releases_table, "handeczeem")

    def approve(dialog):
        qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
        dialog.buttons["approve"].click()
        qtbot.waitUntil(lambda: dialog.result_release is not None, timeout=10000)
        return 1

    drive(monkeypatch, release_dialogs.ApprovalDialog, approve)
    panel.actions["approve"].click()
    qtbot.waitUntil(lambda: panel.actions["handover"].isEnabled() or
                    "goedgekeurd" in cell(panel.releases_table, 0, "Status"), timeout=10000)
    drive(monkeypatch, release_dialogs.ReleaseFormDialog, lambda d: (d.form.set_value("method", "portal"),
                                                                     submit_and_wait(qtbot, d))[1])
    row = select_row(qtbot, panel.releases_table, "handeczeem")
    panel.actions["handover"].click()
    qtbot.waitUntil(lambda: cell(panel.releases_table, row, "Status") == "verstrekt", timeout=10000)
    shown: list[bytes] = []
    monkeypatch.setattr(pdf_preview.PdfPreview, "exec", lambda self: shown.append(self.pdf) or 0)
    next(b for b in window.findChildren(QPushButton) if b.text() == "Inzageoverzicht…").click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "— op grond van wettelijke plicht (Arbowet art. 9 lid 3) Nederlands Centrum voor Beroepsziekten " \
           "(NCvB) via een beveiligd portaal" in pdf_text(shown[0])


# --- 6: the consent status comes from the core -------------------------------------------------------


def test_the_panel_shows_an_old_consent_as_not_recent_enough(qtbot, controller, practice):
    from tests.helpers.practices import ARTS

    employee_id = first_employee(practice)
    consent_in(practice, employee_id, given_on=date.today() - timedelta(days=120))
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    panel = window.rights.consents
    row = select_row(qtbot, panel.consents_table, "dr. P. Jansen")
    assert cell(panel.consents_table, row, "Status") == "niet recent genoeg"


def test_the_consent_dialog_fits_the_screen(qtbot, controller, practice):
    from tests.helpers.practices import ARTS
    from ui.consent_dialog import ConsentDialog

    employee_id = first_employee(practice)
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    dialog = ConsentDialog(controller.ctx, employee_id, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    assert dialog.height() <= dialog.screen().availableGeometry().height()


# --- 7: text checked at the field, labels plain ------------------------------------------------------


def test_a_nul_in_the_purpose_is_refused_at_the_field(qtbot, controller, practice):
    from desktop_app.services import consents
    from tests.helpers.practices import ARTS
    from ui.release_dialogs import release_request_dialog

    employee_id = first_employee(practice)
    consent_in(practice, employee_id)
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    consent = controller.ctx.call(consents.for_employee, employee_id)[0]
    dialog = release_request_dialog(controller.ctx, employee_id, consent, window)
    qtbot.addWidget(dialog)
    dialog.form.set_value("what", "Consultverslag")
    dialog.form.set_value("purpose", "Behandeling\x00afstemmen")
    submit_and_wait(qtbot, dialog)
    assert dialog.form.error("purpose") == ("Doel: bevat een onzichtbaar stuurteken dat niet kan worden "
                                            "opgeslagen. Typ de tekst opnieuw.")


HOSTILE = "<b>Jansen</b> &amp; <i>co</i>"


def rich_labels(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)
            if label.textFormat() != Qt.TextFormat.PlainText and "<" in label.text()]


def test_no_label_of_the_release_dialogs_renders_a_name_as_rich_text(qtbot, controller, practice):
    from desktop_app.services import consents, releases
    from tests.helpers.practices import ARTS
    from ui.release_dialogs import ApprovalDialog, handover_dialog, release_request_dialog

    employee_id = first_employee(practice)
    consent = consent_in(practice, employee_id, recipient=HOSTILE)
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    ctx = controller.ctx
    consent = ctx.call(consents.get, consent.id)
    release = ctx.call(releases.request_release, employee_id, consent.id, recipient_name=HOSTILE,
                       recipient_role="specialist", what=HOSTILE, purpose=HOSTILE)
    dialogs = [release_request_dialog(ctx, employee_id, consent, window), ApprovalDialog(ctx, release.id, window),
               handover_dialog(ctx, release, ctx.call(releases.handover_users), "arts", window)]
    for d in dialogs:
        qtbot.addWidget(d)
    qtbot.waitUntil(lambda: dialogs[1].loaded, timeout=10000)
    assert [rich_labels(d) for d in dialogs] == [[], [], []]


def test_the_hostile_name_is_shown_as_typed(qtbot, controller, practice):
    from desktop_app.services import releases
    from tests.helpers.practices import ARTS
    from ui.release_dialogs import ApprovalDialog

    employee_id = first_employee(practice)
    consent = consent_in(practice, employee_id, recipient=HOSTILE)
    _main, window = open_rights(qtbot, controller, ARTS, employee_id)
    release = controller.ctx.call(releases.request_release, employee_id, consent.id, recipient_name=HOSTILE,
                                  recipient_role="specialist", what="Consultverslag", purpose="behandeling")
    dialog = ApprovalDialog(controller.ctx, release.id, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    assert f"Aan: {HOSTILE} (medisch specialist)" in dialog.findChild(QLabel, "summary").text()


# --- the functional feedback to the employer, recorded from the feedback tab ---------------------------


def approved_feedback(practice, employee_id):
    from desktop_app.domain.cases import FeedbackForm
    from desktop_app.services import activities
    from tests.helpers.practices import ARTS, login_as

    arts = login_as(practice, ARTS)
    try:
        fb = activities.add_feedback(arts, employee_id, FeedbackForm(
            assessed_on=TODAY, fitness="partly_fit", limitations="Geen knielend werk", advice="Aangepast werk"))
        activities.approve_feedback(arts, fb.id)
        return fb
    finally:
        arts.close()


def test_a_case_manager_records_the_feedback_sent_to_the_employer(qtbot, controller, practice, monkeypatch):
    from desktop_app.services import releases
    from tests.helpers.practices import ARTS, CASEMANAGER, login_as
    from ui import release_dialogs

    employee_id = first_employee(practice)
    approved_feedback(practice, employee_id)
    _main, window = open_rights(qtbot, controller, CASEMANAGER, employee_id)
    qtbot.waitUntil(lambda: window.feedback_table.rowCount() > 0, timeout=10000)
    window.feedback_table.selectRow(0)
    drive(monkeypatch, release_dialogs.ReleaseFormDialog,
          lambda d: (d.form.set_value("method", "secure_mail"), submit_and_wait(qtbot, d))[1])
    window.findChild(QPushButton, "feedback_released").click()
    arts = login_as(practice, ARTS)
    try:
        lines = releases.log_lines(arts, employee_id)
    finally:
        arts.close()
    assert [line[3] for line in lines] == ["per beveiligde e-mail, door M. (Mehmet) Yılmaz"] * 2
