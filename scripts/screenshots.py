"""Screenshots of the main screens on the demo practice: python scripts/screenshots.py OUT_DIR.

Run under Xvfb (xvfb-run -s "-screen 0 1366x768x24"); set QT_SCALE_FACTOR=2 for 200 %.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ui.app import build  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app, ctl = build(["--demo"])
    app.setQuitOnLastWindowClosed(False)  # the login closes before the main window shows
    ctl.start()
    state: dict = {}

    def shot(widget, name):
        widget.grab().save(str(out / f"{name}.png"))

    def later(ms, fn):
        QTimer.singleShot(ms, fn)

    def login():
        shot(ctl.login, "01-aanmelden")
        ctl.login.form.set_value("username", "arts")
        ctl.login.form.set_value("password", "Demo-arts-2026!")
        ctl.login.submit()
        later(2500, today)

    def today():
        m = ctl.main
        m.resize(1366, 740)
        shot(m, "02-vandaag")
        m.nav.setCurrentRow(2)
        later(300, employees)

    def employees():
        m = ctl.main
        shot(m, "03-werknemers")
        m.search.setText("celik")
        m.search.search_now()
        later(300, search)

    def search():
        m = ctl.main
        shot(m.search.popup, "04-zoeken")
        m.search.popup.hide()
        row = ctl.ctx.tasks.call(lambda: ctl.ctx.session.db.one(
            "SELECT c.employee_id FROM absence_cases c WHERE c.recovered_on IS NULL "
            "AND EXISTS (SELECT 1 FROM activities a WHERE a.case_id = c.id) ORDER BY c.first_day LIMIT 1"))
        state["id"] = row[0]
        m.open_dossier(row[0])
        later(1000, dossier)

    def dossier():
        w = ctl.main.dossiers[state["id"]]
        w.resize(1200, 720)
        shot(w, "05-dossier-personalia")
        w.tabs.setCurrentIndex(1)
        later(200, lambda: (shot(w, "06-dossier-verzuim"), w.tabs.setCurrentIndex(2),
                            later(200, lambda: activities(w))))

    def activities(w):
        shot(w, "07-dossier-activiteiten")
        w.tabs.setCurrentWidget(w.medical)
        later(200, lambda: medical_locked(w))

    def medical_locked(w):
        shot(w, "08-medisch-vergrendeld")
        w.medical.passphrase.set_value("passphrase", "Demo-medisch-2026!")
        w.medical.unlock()
        later(1500, lambda: medical_open(w))

    def medical_open(w):
        w.medical.entries_table.selectRow(0)
        w.medical.editor.set_value("s", "Klachten nemen af, werkt 4 uur per dag aangepast.")
        later(200, lambda: (shot(w, "09-medisch-open"), w.tabs.setCurrentWidget(w.rights),
                            later(300, lambda: (shot(w, "11-toestemming-en-verzoeken"), dialogs(w)))))

    def lock():
        ctl.lock("handmatig")
        later(300, lambda: (shot(ctl.login, "10-vergrendeld"), app.quit()))

    def dialogs(w):
        """Every dialog, on the demo dossier, one shot each (issue 15: each one looked at)."""
        queue = list(_dialogs(ctl, w))

        def next_one():
            if not queue:
                lock()
                return
            name, make = queue.pop(0)
            dialog = make()
            dialog.show()

            def take():
                shot(dialog, name)
                dialog.hide()
                dialog.deleteLater()
                later(50, next_one)

            later(700, take)

        next_one()

    later(1200, login)
    app.exec()
    ctl.shutdown()


def _dialogs(ctl, w):
    """(file name, factory) of every dialog, for the dossier in window ``w``."""
    from datetime import date

    from desktop_app.domain.medical.kinds import EntryKind
    from desktop_app.services import employers, releases, requests
    from ui import (
        absences_dialog,
        breaches_panel,
        consent_dialog,
        dashboard_window,
        destruction_dialog,
        dossier_forms,
        notices_dialog,
        permissions,
        recovery,
        release_dialogs,
        request_dialog,
        request_register_dialog,
        restore_dialog,
        settings_dialog,
        statistics_dialog,
        users_dialog,
        viewer,
        workforce_dialog,
    )
    from ui.registers_window import RegistersWindow

    ctx = ctl.ctx
    e = w.dossier.employee
    employer = ctx.call(employers.get, e.employer_id)
    today = date.today().strftime("%d-%m-%Y")
    copy_request = ctx.call(requests.receive, e.id, "copy", today).id
    destruction = ctx.call(requests.receive, e.id, "destruction", today).id
    correction = ctx.call(requests.receive, e.id, "correction", today).id
    pending = [r for r in ctx.call(releases.log_for, e.id) if r.state.value == "requested"]
    case = w.dossier.cases[0][0] if w.dossier.cases else None
    yield "20-fml", lambda: w.medical.entry_dialog(EntryKind.FML)
    yield "21-consult-brief", lambda: w.medical.entry_dialog(EntryKind.LETTER_IN)
    yield "22-toestemming-vastleggen", lambda: consent_dialog.ConsentDialog(ctx, e.id)
    yield "23-werknemer-wijzigen", lambda: dossier_forms.EmployeeDialog(ctx, e)
    yield "24-werkgever", lambda: dossier_forms.EmployerDialog(ctx, employer)
    yield "25-ziekmelding", lambda: dossier_forms.CaseDialog(ctx, e.id)
    if case is not None:
        yield "26-zwangerschap-vangnet", lambda: dossier_forms.ReportFactsDialog(ctx, case)
    yield "27-terugkoppeling", lambda: dossier_forms.FormDialog(ctx, "Terugkoppeling aan werkgever",
                                                                 dossier_forms.FEEDBACK_FIELDS, lambda s, v: None)
    yield "28-activiteit", lambda: dossier_forms.FormDialog(ctx, "Activiteit", dossier_forms.ACTIVITY_FIELDS,
                                                             lambda s, v: None)
    yield "29-verzoek", lambda: request_dialog.RequestDialog(ctx, copy_request)
    yield "30-verzoek-registreren", lambda: request_register_dialog.RegisterRequestDialog(ctx, e.id)
    yield "31-vernietiging-op-verzoek", lambda: destruction_dialog.DestructionDialog(ctx, destruction)
    yield "32-berichten-na-correctie", lambda: notices_dialog.NoticesDialog(ctx, request_id=correction)
    if pending:
        yield "33-verstrekking-beoordelen", lambda: release_dialogs.ApprovalDialog(ctx, pending[0].id)
    yield "34-wettelijke-verstrekking", lambda: release_dialogs.LegalReleaseDialog(ctx, e.id, [("arts", "dr. Arts")])
    yield "35-bijlagen", lambda: viewer.AttachmentsDialog(ctx, e.id)  # none yet: it says so
    yield "35b-bijlage-pdf", lambda: _pdf_attachment(ctx, e.id, viewer)
    yield "36-verzuimstatistiek", lambda: statistics_dialog.StatisticsDialog(ctx, e.employer_id)
    yield "37-personeelsbestand", lambda: workforce_dialog.WorkforceDialog(ctx, employer)
    yield "38-gebruikers", lambda: users_dialog.UsersDialog(ctx)
    yield "39-instellingen", lambda: settings_dialog.SettingsDialog(ctx, may_change=True)
    yield "40-afwezigheid-artsen", lambda: absences_dialog.AbsencesDialog(ctx)
    yield "41-klachten-en-datalekken", lambda: RegistersWindow(ctx, permissions.held(ctx))
    yield "42-datalek", lambda: breaches_panel.BreachDialog(ctx)
    yield "43-back-up-terugzetten", lambda: restore_dialog.RestoreDialog(ctx)
    yield "44-herstelsleutel", lambda: recovery.RecoveryDialog(ctx)
    yield "45-dashboard", lambda: dashboard_window.DashboardWindow(ctx)
    # issue 16: the UWV documents, the examination's outcome, billable work
    from desktop_app.services import medical_entries
    from ui import billable_dialog, examination_outcome, uwv_dialog, uwv_forms, uwv_sealed_dialog

    if case is not None:
        yield "54-uwv-documenten", lambda: uwv_dialog.UwvDocumentsDialog(ctx, e.id, case.id)
        yield "55-probleemanalyse", lambda: uwv_forms.problem_analysis_dialog(ctx, e.id, case.id)
        yield "56-actueel-oordeel", lambda: uwv_forms.current_opinion_dialog(ctx, e.id, case.id)
    yield "57-informatie-verzekeringsarts", lambda: uwv_sealed_dialog.SealedDialog(
        ctx, e.id, [("arts", "dr. A. (Anna) de Vries")], me="arts")
    examination = ctx.call(medical_entries.add_entry, e.id, EntryKind.EXAMINATION, {
        "examination": "pre_employment", "findings": "Gezichtsvermogen en gehoor binnen de normen.",
        "outcome": "fit"})
    yield "58-uitslag-keuring", lambda: examination_outcome.ExaminationOutcomeDialog(ctx, examination.id)
    yield "59-declarabele-uren", lambda: billable_dialog.BillableDialog(ctx)
    yield "60-ncvb-melding", lambda: release_dialogs.ncvb_report_dialog(ctx, e.id)



def _pdf_attachment(ctx, employee_id, viewer):
    """The viewer on a three-page PDF (the demo's own attachments are images)."""
    import io

    from PySide6.QtCore import Qt
    from reportlab.pdfgen import canvas

    from desktop_app.services import attachments

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for page in range(3):
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, 760, "Huisartsenpraktijk De Linde")
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 720, f"Verwijsbrief fysiotherapie, blad {page + 1} van 3")
        for line in range(20):
            pdf.drawString(72, 690 - 16 * line, "Patiënt bekend met klachten lage rug; oefentherapie "
                                                "tweemaal per week, opbouw in zes weken.")
        pdf.showPage()
    pdf.save()
    info = ctx.call(attachments.add_attachment, employee_id, "verwijsbrief-fysio.pdf", out.getvalue())
    dialog = viewer.AttachmentsDialog(ctx, employee_id)

    def choose() -> None:
        for row in range(dialog.list.count()):
            if dialog.list.item(row).data(Qt.ItemDataRole.UserRole) == info.id:
                dialog.list.setCurrentRow(row)

    ctx.tasks.wait_idle()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(100, choose)
    return dialog


if __name__ == "__main__":
    main()
