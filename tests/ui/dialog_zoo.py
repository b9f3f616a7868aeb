"""Every dialog and window of the client, opened on the demo practice with long (or hostile) data.

``open_all(qtbot, controller, text)`` logs in as the physician (medical section open), puts
``text`` in every name, free-text field and line it can, and returns ``{name: widget}`` with every
dialog class in ``ui/`` built once. ``DIALOG_CLASSES`` names the classes that the zoo covers, so a
test can check that a new dialog class is not forgotten.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPlainTextEdit, QWidget

WAIT = 15000


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def dialog_classes() -> set[str]:
    """Every QDialog (or QWizard) subclass defined in a module of ``ui``."""
    import ui

    found = set()
    for info in pkgutil.iter_modules(ui.__path__):
        module = importlib.import_module(f"ui.{info.name}")
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, QDialog) and obj.__module__ == module.__name__:
                found.add(f"{info.name}.{name}")
    return found


def seed(practice, text: str) -> dict:
    """An employer and an employee named ``text``, with a case, an activity, a consent, a release,
    a request of each kind used below: the data the dialogs show."""
    from desktop_app.domain.cases import ActivityForm, CaseForm, FeedbackForm
    from desktop_app.domain.dossier import EmployeeForm, EmployerForm
    from desktop_app.services import (
        activities,
        cases,
        consents,
        employees,
        employers,
        releases,
        requests,
    )
    from desktop_app.services.demo_medical import _tiny_png
    from tests.helpers.practices import ARTS, login_as

    s = login_as(practice, ARTS, unlock=True)
    try:
        short = text[:200]
        scope = text if len(text) > 60 else "Het consultverslag over de knieklachten van " + text
        employer = employers.create(s, EmployerForm(name=short, city=short[:80], contact_name=short[:80]))
        employee = employees.create(s, EmployeeForm(
            employer_id=employer.id, surname=short[:100], given_names=short[:100], initials="A.B.",
            birth_date="01-02-1970", street=short[:100], city=short[:80], job_title=short[:100],
            email="a@example.nl"))
        today = date.today()
        case = cases.open_case(s, employee.id, CaseForm(first_day=nl(today - timedelta(days=60)),
                                                       kind="illness", percentage="100"))
        activities.add_activity(s, employee.id, ActivityForm(on_date=nl(today), kind="gesprek",
                                                             description=text, agreements=text), case.id)
        activities.add_feedback(s, employee.id, FeedbackForm(
            assessed_on=nl(today), fitness="partly_fit", limitations=text, remaining_capacity=text,
            expected_duration="1-6w", advice=text, adjustments=text), case.id)
        consent = consents.record(s, employee.id, consents.ConsentForm(
            physician="arts", recipient_name=short[:100], recipient_organisation=short[:100],
            recipient_role="specialist", data_scope=scope, purpose=short, given_on=nl(today),
            valid_until=nl(today + timedelta(days=60))), signature_png=_tiny_png())
        release = releases.request_release(s, employee.id, consent.id, recipient_name=short[:100], recipient_role="specialist",
                                           what=scope, purpose=short)
        copy_request = requests.receive(s, employee.id, "copy", nl(today))
        destruction = requests.receive(s, employee.id, "destruction", nl(today))
        correction = requests.receive(s, employee.id, "correction", nl(today))
        from desktop_app.domain.medical.kinds import EntryKind
        from desktop_app.services import medical_entries

        examination = medical_entries.add_entry(s, employee.id, EntryKind.EXAMINATION, {
            "examination": "pre_employment", "findings": text, "outcome": "unfit"},
            work={"work_kind": "keuring", "minutes": "600"})
        return {"employer_id": employer.id, "employee_id": employee.id, "case_id": case.id,
                "examination_id": examination.id,
                "release_id": release.id, "copy_request": copy_request.id,
                "destruction_request": destruction.id, "correction_request": correction.id}
    finally:
        s.close()


def fill_long(widget: QWidget, text: str) -> None:
    """Type ``text`` into every empty line and text field of ``widget`` (not dates or passwords)."""
    for edit in widget.findChildren(QLineEdit):
        if edit.parent() is not None and isinstance(edit.parent(), QComboBox):
            continue
        if edit.echoMode() != QLineEdit.EchoMode.Normal or edit.placeholderText() == "dd-mm-jjjj":
            continue
        if not edit.isReadOnly() and not edit.text():
            edit.setText(text[:300])
    for edit in widget.findChildren(QPlainTextEdit):
        if not edit.isReadOnly() and not edit.toPlainText():
            edit.setPlainText(text)


def build_all(qtbot, ctl, ids: dict, text: str) -> dict[str, QWidget]:
    """One instance of every dialog class (and the main windows), filled with ``text``."""
    from desktop_app.domain.medical.kinds import EntryKind
    from desktop_app.services import employees, employers
    from ui import (
        absences_dialog,
        billable_dialog,
        breaches_panel,
        consent_dialog,
        dashboard_window,
        destruction_dialog,
        dossier_forms,
        examination_outcome,
        import_dialog,
        letter_dialog,
        login,
        notices_dialog,
        operations,
        pdf_preview,
        recovery,
        release_dialogs,
        request_dialog,
        request_outcome_dialogs,
        request_register_dialog,
        restore_dialog,
        settings_dialog,
        setup_wizard,
        statistics_dialog,
        template_editor,
        users_dialog,
        uwv_forms,
        viewer,
        workforce_dialog,
    )
    from ui.dossier_forms import ACTIVITY_FIELDS, FEEDBACK_FIELDS, WORK_FIELDS, FormDialog
    from ui.uwv_sealed_dialog import SealedDialog

    ctx = ctl.ctx
    main = ctl.main
    employer = ctx.call(employers.get, ids["employer_id"])
    employee = ctx.call(employees.open_dossier, ids["employee_id"])
    main.open_dossier(ids["employee_id"])
    dossier = main.dossiers[ids["employee_id"]]
    qtbot.waitUntil(lambda: dossier.dossier is not None, timeout=WAIT)
    case = dossier.dossier.cases[0][0]
    request = request_dialog.RequestDialog(ctx, ids["copy_request"])
    qtbot.waitUntil(lambda: request.loads > 0, timeout=WAIT)
    correction_owner = request_dialog.RequestDialog(ctx, ids["correction_request"])
    qtbot.waitUntil(lambda: correction_owner.loads > 0, timeout=WAIT)
    users = users_dialog.UsersDialog(ctx)
    pdf = _a_pdf(text)
    physicians = [("arts", "dr. A. Arts")]
    made: dict[str, QWidget] = {
        "main_window": main,
        "dossier": dossier,
        "absences_dialog.AbsencesDialog": absences_dialog.AbsencesDialog(ctx),
        "breaches_panel.BreachDialog": breaches_panel.BreachDialog(ctx),
        "consent_dialog.ConsentDialog": consent_dialog.ConsentDialog(ctx, ids["employee_id"]),
        "destruction_dialog.DestructionDialog": destruction_dialog.DestructionDialog(ctx, ids["destruction_request"]),
        "dossier_forms.FormDialog:employer": dossier_forms.EmployerDialog(ctx, employer),
        "import_dialog.ImportDialog": import_dialog.ImportDialog(ctx, employer),
        "import_dialog.ImportDialog:employers": import_dialog.ImportDialog(ctx),
        "dossier_forms.FormDialog:employee": dossier_forms.EmployeeDialog(ctx, employee),
        "dossier_forms.FormDialog:case": dossier_forms.CaseDialog(ctx, ids["employee_id"]),
        "dossier_forms.FormDialog:report_facts": dossier_forms.ReportFactsDialog(ctx, case),
        "dossier_forms.FormDialog:workforce": dossier_forms.WorkforceEntryDialog(ctx, ids["employer_id"]),
        "dossier_forms.FormDialog:activity": FormDialog(ctx, "Activiteit", ACTIVITY_FIELDS + WORK_FIELDS,
                                                        lambda s, v: None),
        "dossier_forms.FormDialog:feedback": FormDialog(ctx, "Terugkoppeling", FEEDBACK_FIELDS, lambda s, v: None),
        "dashboard_window.DashboardWindow": dashboard_window.DashboardWindow(ctx),
        "letter_dialog.LetterDialog": letter_dialog.LetterDialog(ctx, ids["employee_id"]),
        "login.LoginDialog": login.LoginDialog(ctx, text[:200], username="arts"),
        "notices_dialog.NoticesDialog": notices_dialog.NoticesDialog(ctx, request_id=ids["correction_request"]),
        "operations.ProgressDialog": operations.ProgressDialog(None, text[:300], True),
        "pdf_preview.PdfPreview": pdf_preview.PdfPreview(text[:200], pdf),
        "recovery.RecoveryDialog": recovery.RecoveryDialog(ctx),
        "release_dialogs.ReleaseFormDialog": release_dialogs.ReleaseFormDialog(
            ctx, "Verstrekking", text, [], lambda s, v: None),
        "release_dialogs.LegalReleaseDialog": release_dialogs.LegalReleaseDialog(ctx, ids["employee_id"], physicians),
        "release_dialogs.ApprovalDialog": release_dialogs.ApprovalDialog(ctx, ids["release_id"]),
        "request_dialog.RequestDialog": request,
        "request_outcome_dialogs.HandOverDialog": request_outcome_dialogs.HandOverDialog(
            request, "Afschrift", lambda *a: None, lambda *a: None, pdf=True),
        "request_outcome_dialogs.CorrectionDialog": request_outcome_dialogs.CorrectionDialog(correction_owner),
        "request_register_dialog.RegisterRequestDialog": request_register_dialog.RegisterRequestDialog(
            ctx, ids["employee_id"]),
        "restore_dialog.RestoreDialog": restore_dialog.RestoreDialog(ctx),
        "settings_dialog.SettingsDialog": settings_dialog.SettingsDialog(ctx, may_change=True),
        "setup_wizard.SetupWizard": setup_wizard.SetupWizard(ctx),
        "statistics_dialog.StatisticsDialog": statistics_dialog.StatisticsDialog(ctx, ids["employer_id"]),
        "template_editor.TemplateEditor": template_editor.TemplateEditor(ctx, may_change=True),
        "users_dialog.UsersDialog": users,
        "users_dialog.RoleDialog": users_dialog.RoleDialog(users, "arts"),
        "viewer.AttachmentsDialog": viewer.AttachmentsDialog(ctx, ids["employee_id"]),
        "workforce_dialog.WorkforceDialog": workforce_dialog.WorkforceDialog(ctx, employer),
        "registers_window": _registers(ctx),
        "agenda_plan.PlanDialog": dossier.plan_dialog(),
        "uwv_dialog.UwvDocumentsDialog": dossier.uwv_documents(),  # uwv16
        "uwv_sealed_dialog.SealedDialog": SealedDialog(ctx, ids["employee_id"], physicians),
        "release_dialogs.ReleaseFormDialog:problem_analysis": uwv_forms.problem_analysis_dialog(
            ctx, ids["employee_id"], case.id),
        "release_dialogs.ReleaseFormDialog:current_opinion": uwv_forms.current_opinion_dialog(
            ctx, ids["employee_id"], case.id),
        "billable_dialog.BillableDialog": billable_dialog.BillableDialog(ctx),
    }
    outcome = examination_outcome.ExaminationOutcomeDialog(ctx, ids["examination_id"])
    made["examination_outcome.ExaminationOutcomeDialog"] = outcome
    made["dossier_forms.FormDialog:outcome_to_employer"] = outcome.handover_dialog("employer")
    made["dossier_forms.FormDialog:outcome_to_employee"] = outcome.handover_dialog("employee")
    from desktop_app.services import agenda
    from ui.agenda_window import AgendaWindow

    hours = AgendaWindow(ctx, main.open_dossier)
    made["agenda_window"] = hours
    made["dossier_forms.FormDialog:agenda_block"] = hours.block_dialog(ctx.call(agenda.physicians),
                                                                         ctx.call(employers.list_all))
    for kind in EntryKind:
        made[f"dossier_forms.FormDialog:medical_{kind.value}"] = dossier.medical.entry_dialog(kind) \
            if hasattr(dossier.medical, "entry_dialog") else FormDialog(
                ctx, kind.label, dossier_forms.medical_entry_fields(kind), lambda s, v: None)
    made["correction_owner"] = correction_owner
    # the dialogs that read their data after they show (ui.operations.load) are filled first
    qtbot.waitUntil(lambda: all(getattr(w, "loaded", True) for w in made.values()), timeout=WAIT)
    for widget in made.values():
        if widget is not main and widget is not dossier:
            qtbot.addWidget(widget)
        fill_long(widget, text)
    return made


def _a_pdf(text: str) -> bytes:
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text[:80])
    page.save()
    return out.getvalue()


def _registers(ctx):
    from ui import permissions
    from ui.registers_window import RegistersWindow

    return RegistersWindow(ctx, permissions.held(ctx))
