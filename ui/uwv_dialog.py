"""UWV-documenten, from the dossier: the problem analysis and the physician's current assessment
of the chosen absence case (make, approve, print for the employer or the employee, record the
hand-over), and the sealed medical information for UWV's insurance physician.

What a user may do decides only which buttons show (``ctx.held``); the core refuses on its own
terms whatever is pressed, and its message shows in the error line."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout

from desktop_app.domain.permissions import Permission
from ui import messages
from ui.context import AppContext
from ui.form import ERROR_STYLE
from ui.operations import read, save
from ui.screen_fit import fit
from ui.tables import fill, nl, plain, table


class UwvDocumentsDialog(QDialog):
    def __init__(self, ctx: AppContext, employee_id: int, case_id: int | None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        self.case_id = case_id
        self.documents: list = []
        self.held = ctx.held
        self.setObjectName("uwv_documents")
        self.setWindowTitle("UWV-documenten")
        col = QVBoxLayout(self)
        col.addWidget(plain(
            "Probleemanalyse (week 6) en actueel oordeel (week 87–91): de werkgever krijgt alleen het functionele "
            "deel, de werknemer alles. Een bedrijfsarts keurt elk document goed voordat het de praktijk verlaat; "
            "dan staat de stap als gedaan op de Poortwachter-tijdlijn."))
        if case_id is None:
            col.addWidget(plain("Kies eerst een ziekmelding op het tabblad Verzuim om een document te maken."))
        self.list = table(["Datum", "Document", "Status", "Gemaakt door"], "uwv_documents_table")
        col.addWidget(self.list, 1)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        clinical = {Permission.MEDICAL_CLINICAL, Permission.PRACTICE_WRITE}
        for n, (name, text, slot, needed) in enumerate((
                ("problem_analysis", "Probleemanalyse maken…", self.make_problem_analysis, clinical),
                ("current_opinion", "Actueel oordeel maken…", self.make_current_opinion, clinical),
                ("approve", "Goedkeuren", self.approve, {Permission.RELEASE_APPROVE}),
                ("employer_pdf", "PDF werkgever…", self.employer_pdf, {Permission.PRACTICE_READ}),
                ("employee_pdf", "PDF werknemer…", self.employee_pdf, {Permission.MEDICAL_READ}),
                ("hand_over", "Verstrekt aan werkgever…", self.hand_over, {Permission.PRACTICE_WRITE}),
                ("sealed", "Medische informatie verzekeringsarts…", self.sealed,
                 {Permission.MEDICAL_CLINICAL, Permission.CONSENT_WORDING}))):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            button.setVisible(needed <= self.held)
            if name in ("problem_analysis", "current_opinion"):
                button.setEnabled(case_id is not None)
            self.buttons[name] = button
            grid.addWidget(button, n // 4, n % 4)
        col.addLayout(grid)
        self.error = plain("")
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        col.addLayout(row)
        self.last_form = None
        fit(self, 900, 520)
        self.reload()

    # --- the list -----------------------------------------------------------------------------

    def reload(self) -> None:
        from desktop_app.services import uwv_documents

        read(self, self.ctx, uwv_documents.for_employee, self.employee_id).success(self._show) \
            .errors_to(self.error).run_in_background()

    def _show(self, documents) -> None:
        self.documents = documents
        fill(self.list, [[nl(d.assessed_on), d.kind.label, d.state_label, d.author_name] for d in documents],
             [d.id for d in documents])
        if documents:
            self.list.selectRow(0)

    def selected(self):
        row = self.list.currentRow()
        if row < 0 or row >= len(self.documents):
            messages.show_info(self, "Kies eerst een document in de lijst.")
            return None
        return self.documents[row]

    # --- making -------------------------------------------------------------------------------

    def _open_form(self, dialog) -> None:
        from ui import medical_windows

        if dialog.property(medical_windows.PROPERTY) and not medical_windows.still_unlocked(self.ctx, dialog):
            return  # the medical section was locked while its entries were being read
        self.last_form = dialog
        dialog.accepted.connect(self.reload)
        dialog.open()

    def make_problem_analysis(self) -> None:
        from ui.uwv_forms import problem_analysis_dialog

        self._open_form(problem_analysis_dialog(self.ctx, self.employee_id, self.case_id, self))

    def make_current_opinion(self) -> None:
        from ui.uwv_forms import current_opinion_dialog

        self._open_form(current_opinion_dialog(self.ctx, self.employee_id, self.case_id, self))

    def approve(self) -> None:
        from desktop_app.services import uwv_documents

        document = self.selected()
        if document is not None:
            self.error.setText("")
            save(self, self.ctx, uwv_documents.approve, document.id).errors_to(self.error) \
                .success(lambda _d: self.reload()).run_in_background()

    # --- printing and handing over --------------------------------------------------------------

    def _pdf(self, fn, who: str, names: dict) -> None:
        from ui import medical_windows
        from ui.pdf_preview import PdfPreview

        document = self.selected()
        if document is None:
            return
        self.error.setText("")
        title = f"{document.kind.label} ({who})"
        asked_at = medical_windows.asked()
        read(self, self.ctx, fn, document.id).errors_to(self.error) \
            .success(lambda pdf: self._preview(PdfPreview(title, pdf, self, suggested_name=names[document.kind]),
                                               asked_at)) \
            .run_in_background()

    def _preview(self, preview, asked_at: int) -> None:
        from ui import medical_windows

        medical_windows.mark(preview)  # the employee's version holds the medical part: the medical lock closes it
        if not medical_windows.still_open(self.ctx, preview, asked_at):
            return  # the medical section was locked while the document was being made
        self.last_preview = preview
        preview.open()

    def employer_pdf(self) -> None:
        from desktop_app.services import uwv_documents

        self._pdf(uwv_documents.employer_pdf, "werkgever", uwv_documents.EMPLOYER_FILENAME)

    def employee_pdf(self) -> None:
        from desktop_app.services import uwv_documents

        if not self.ctx.session.medical_unlocked:
            messages.show_info(self, "Ontgrendel eerst het medische deel (tabblad Medisch).")
            return
        self._pdf(uwv_documents.employee_pdf, "werknemer", uwv_documents.EMPLOYEE_FILENAME)

    def hand_over(self) -> None:
        from ui.uwv_forms import uwv_handover_dialog

        document = self.selected()
        if document is not None:
            self._open_form(uwv_handover_dialog(self.ctx, document, self))

    def sealed(self) -> None:
        from desktop_app.services import consents
        from ui.uwv_sealed_dialog import SealedDialog

        if not self.ctx.session.medical_unlocked:
            messages.show_info(self, "Ontgrendel eerst het medische deel (tabblad Medisch).")
            return
        me = self.ctx.session.user.username
        read(self, self.ctx, consents.physicians).errors_to(self.error) \
            .success(lambda physicians: self._open_form(SealedDialog(self.ctx, self.employee_id, physicians,
                                                                     me=me, parent=self))) \
            .run_in_background()

