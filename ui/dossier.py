"""The dossier window: personalia, absence cases with the Poortwachter timeline, activities,
functional feedback, and (for medical staff) the Medisch tab behind its own lock."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.permissions import Permission
from ui import messages, permissions
from ui.context import AppContext
from ui.feedback_release import FeedbackReleaseButton
from ui.models import nl_date
from ui.screen_fit import fit
from ui.tables import fill, plain, table

STATE_COLOURS = {"overdue": Qt.GlobalColor.darkRed, "done": Qt.GlobalColor.darkGreen,
                 "due_soon": Qt.GlobalColor.darkYellow}


def case_facts_text(case) -> str:
    """The safety-net ground and the pregnancy facts of a case, for the practice."""
    parts = []
    if str(case.kind) == "safety_net":
        parts.append(f"Vangnetgrond: {case.ground.label if case.ground else 'niet vastgelegd'}")
    p = case.pregnancy
    if p is not None:
        parts.append(f"Uitgerekende datum: {nl_date(p.expected_delivery)}" + (" (meerling)" if p.multiple else ""))
        if p.leave_start is not None:
            parts.append(f"Verlof: {nl_date(p.leave_start)} t/m {nl_date(p.leave_end) or 'onbekend'}")
    elif str(case.kind) == "pregnancy":
        parts.append("Uitgerekende datum: niet vastgelegd")
    return "   ·   ".join(parts)


class DossierWindow(QWidget):
    changed = Signal()  # by hand, for work outside the core; saves reach the windows through ui.changes

    def __init__(self, ctx: AppContext, employee_id: int, parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.employee_id = employee_id
        self.dossier = None
        self.held = permissions.held(ctx)
        self.setObjectName("dossier_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.header = plain("")
        self.header.setStyleSheet("font-size: 15pt; font-weight: 600;")
        layout.addWidget(self.header)
        self.banner = plain("")
        self.banner.setStyleSheet("background: #fff3cd; padding: 6px;")
        self.banner.hide()
        layout.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dossier_tabs")
        layout.addWidget(self.tabs)
        self._build_personalia()
        self._build_cases()
        self._build_activities()
        self._build_feedback()
        # The heavier tabs are built one per turn of the event loop after the window shows (or at
        # once when asked for: clicking the tab, ``self.medical``), so opening a dossier never
        # holds the GUI thread for the whole window at once.
        self._built: dict[str, QWidget] = {}
        self._pending: dict[str, tuple[QWidget, str, Callable[[], QWidget]]] = {}
        self.letter_dialog = None
        self._later("trajectories", "Re-integratie", self._make_trajectories)
        if Permission.CONSENT_WORDING in self.held:  # consents and releases name medical data
            self._later("rights", "Toestemming en verzoeken", self._make_rights)
        if Permission.MEDICAL_READ in self.held:
            self._later("medical", "Medisch", self._make_medical)
        self.tabs.currentChanged.connect(self._tab_shown)
        docs = QHBoxLayout()
        docs.addWidget(QLabel("Documenten:"))
        for text, slot, needed in (
            ("Brief maken…", self._make_letter, {Permission.PRACTICE_WRITE}),
            ("Afschrift dossier…", self._copy, {Permission.MEDICAL_READ, Permission.COPY_SIGN_OFF}),
            ("Inzageoverzicht…", self._access_log, {Permission.ACCESS_LOG_EXTRACT}),
            ("UWV-documenten…", self.uwv_documents, {Permission.PRACTICE_READ}),
        ):
            if needed <= self.held:
                b = QPushButton(text)
                b.clicked.connect(slot)
                docs.addWidget(b)
        docs.addStretch(1)
        layout.addLayout(docs)
        QShortcut(QKeySequence("Ctrl+W"), self, activated=self.close)
        QShortcut(QKeySequence("Escape"), self, activated=self.close)
        fit(self, 1060, 700)
        ctx.changes.watch(self, self._changed)  # a save anywhere that concerns this dossier
        self.reload()
        self._next_turn()

    # --- tabs built later ------------------------------------------------------------------

    def _later(self, name: str, label: str, make: Callable[[], QWidget]) -> None:
        holder = QWidget()
        self.tabs.addTab(holder, label)
        self._pending[name] = (holder, label, make)

    def _build(self, name: str, *, whole: bool = True) -> QWidget | None:
        """The tab ``name``, built now if it was not. ``whole``: with its content too (a tab
        that builds in two turns, the Medisch tab, finishes now); the step-by-step build asks
        for the first turn only."""
        if name in self._built or name not in self._pending:
            widget = self._built.get(name)
            if whole and widget is not None and hasattr(widget, "finish_building"):
                widget.finish_building()
            return widget
        holder, label, make = self._pending.pop(name)
        widget = make()
        self._built[name] = widget
        index = self.tabs.indexOf(holder)
        current = self.tabs.currentIndex() == index
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, label)
        if current:
            self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        holder.deleteLater()
        if whole and hasattr(widget, "finish_building"):
            widget.finish_building()
        return widget

    def _next_turn(self) -> None:
        # one step per turn for all windows together (ui.turns): three dossiers opened one
        # after the other each had a step due in the same turn
        from ui import turns

        turns.later(self._build_next, owner=self)

    def _build_next(self) -> None:
        session = self.ctx.session
        if session is None or not session.is_open:  # locked meanwhile: the window is dropped or shown again
            return
        unfinished = [w for w in self._built.values() if getattr(w, "content_built", True) is False]
        if unfinished:
            unfinished[0].finish_building()
        elif self._pending:
            self._build(next(iter(self._pending)), whole=False)
        if self._pending or any(getattr(w, "content_built", True) is False for w in self._built.values()):
            self._next_turn()

    def _tab_shown(self, index: int) -> None:
        shown = self.tabs.widget(index)
        if getattr(shown, "content_built", True) is False:
            shown.finish_building()  # the Medisch tab between its two turns: whole before it shows
        for name, (holder, _label, _make) in list(self._pending.items()):
            if holder is shown:
                self._build(name)

    def _make_trajectories(self) -> QWidget:
        from ui.trajectory_tab import TrajectoryTab

        return TrajectoryTab(self.ctx, self.employee_id, self)

    def _make_rights(self) -> QWidget:
        from ui.rights import RightsTab

        return RightsTab(self.ctx, self.employee_id, self, held=self.held)

    def _make_medical(self) -> QWidget:
        from ui.medical_tab import MedicalTab

        return MedicalTab(self.ctx, self.employee_id, self, content_later=True)

    @property
    def trajectories(self):
        return self._build("trajectories")

    @property
    def rights(self):
        """The consents, releases and requests (None for a user without CONSENT_WORDING)."""
        return self._build("rights")

    @property
    def medical(self):
        """The Medisch tab (None for a user without MEDICAL_READ)."""
        return self._build("medical")

    # --- tabs ---------------------------------------------------------------------------

    def _build_personalia(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        self.personalia = QFormLayout()
        col.addLayout(self.personalia)
        row = QHBoxLayout()
        self.bsn_button = QPushButton("BSN tonen")
        self.bsn_button.setToolTip("Het tonen van het BSN wordt vastgelegd in het logboek.")
        self.bsn_button.clicked.connect(self._reveal_bsn)
        edit = QPushButton("Wijzigen…")
        edit.setObjectName("edit_personalia")
        edit.clicked.connect(self._edit)
        row.addWidget(self.bsn_button)
        row.addStretch(1)
        row.addWidget(edit)
        col.addLayout(row)
        col.addStretch(1)
        self.tabs.addTab(page, "Personalia en dienstverband")

    def _build_cases(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        self.cases_table = table(["Eerste ziektedag", "Soort", "Status", "Hersteld"], "cases_table")
        self.cases_table.setMaximumHeight(150)
        self.cases_table.itemSelectionChanged.connect(self._show_timeline)
        col.addWidget(self.cases_table)
        self.case_facts = plain("")
        self.case_facts.setObjectName("case_facts")
        self.case_facts.setToolTip("Alleen voor de praktijk: de werkgever krijgt dit niet te zien.")
        col.addWidget(self.case_facts)
        col.addWidget(QLabel("Poortwachter-tijdlijn en ziekmeldingen bij UWV"))
        self.timeline = table(["Stap", "Uiterlijk", "Gedaan", "Status", "Toelichting"], "timeline_table")
        col.addWidget(self.timeline)
        row = QHBoxLayout()
        for text, slot in (("Ziekmelding…", self._new_case), ("Herstel melden…", self._recovery),
                           ("Stap afgerond…", self._milestone),
                           ("Zwangerschap en vangnet…", self._report_facts),
                           ("Inplannen…", self.plan)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        col.addLayout(row)
        self.tabs.addTab(page, "Verzuim")

    def _build_activities(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        self.activities_table = table(["Datum", "Soort", "Omschrijving", "Afspraken", "Door"],
                                      "activities_table")
        col.addWidget(self.activities_table)
        add = QPushButton("Activiteit vastleggen…")
        add.clicked.connect(self._new_activity)
        col.addWidget(add, alignment=Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(page, "Activiteiten")

    def _build_feedback(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        col.addWidget(plain("Terugkoppeling aan de werkgever bevat alleen functionele gegevens: "
                            "geen diagnose, geen behandeling. Wat naar de werkgever gaat, krijgt "
                            "de werknemer ook."))
        self.feedback_table = table(["Datum", "Oordeel", "Beperkingen", "Verwachte duur", "Advies",
                                     "Goedgekeurd"], "feedback_table")
        col.addWidget(self.feedback_table)
        row = QHBoxLayout()
        add = QPushButton("Nieuwe terugkoppeling…")
        add.clicked.connect(self._new_feedback)
        row.addWidget(add)
        self.approve_button = QPushButton("Goedkeuren")
        self.approve_button.clicked.connect(self._approve)
        self.approve_button.setVisible(Permission.RELEASE_APPROVE in self.held)
        row.addWidget(self.approve_button)
        letter = QPushButton("Brief aan werkgever…")
        letter.clicked.connect(self._letter)
        row.addWidget(letter)
        row.addWidget(FeedbackReleaseButton(self.ctx, self.feedback_table, self))  # releases helper
        row.addStretch(1)
        col.addLayout(row)
        self.tabs.addTab(page, "Terugkoppeling")

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        from desktop_app.services import dossier
        from ui.operations import read

        read(self, self.ctx, dossier.load, self.employee_id).success(self._show).run_in_background()

    def _changed(self, changes) -> None:
        """After work that changed something (ui.changes): this dossier, when it concerns this
        employee or their employer; the rights tab also when a physician's absence changed (it
        moves who decides on a release). The Medisch tab reads again after its own saves only."""
        employer_id = self.dossier.employee.employer_id if self.dossier is not None else None
        if changes.concern_employee(self.employee_id) or changes.has("employer", employer_id):
            self.reload()
            self.trajectories.reload()
            if self.rights is not None:
                self.rights.reload()
        elif self.rights is not None and changes.of("absence", "user"):
            self.rights.reload()

    def _show(self, d) -> None:
        chosen = self._selected_case()[0]  # read again after a change: the same case stays chosen
        self.dossier = d
        e = d.employee
        self.setWindowTitle(f"Dossier — {e.display_name}")
        self.header.setText(f"{e.display_name}   ·   {nl_date(e.birth_date)}   ·   {e.employer_name}")
        self.banner.setVisible(d.restricted)
        self.banner.setText("Beperking van de verwerking: dit dossier kan worden ingezien, maar niet "
                            "gewijzigd of verstrekt tot de beperking is opgeheven.")
        while self.personalia.rowCount():
            self.personalia.removeRow(0)
        hours = "" if e.contract_hours is None else (
            format(e.contract_hours.normalize(), "f").replace(".", ",") + " uur per week")
        for label, value in (
            ("Naam", e.display_name), ("Voorletters", e.initials), ("Geboortedatum", nl_date(e.birth_date)),
            ("Geslacht", {"M": "man", "V": "vrouw", "X": "anders / onbekend"}.get(e.gender, "")),
            ("BSN", e.masked_bsn), ("Adres", f"{e.street}, {e.postcode} {e.city}".strip(", ")),
            ("Telefoon", e.phone), ("E-mail", e.email), ("Werkgever", e.employer_name),
            ("Personeelsnummer", e.personnel_number), ("Functie", e.job_title),
            ("Contracturen", hours), ("In dienst", nl_date(e.employment_start)),
            ("Uit dienst", nl_date(e.employment_end)),
        ):
            value_label = plain(value)
            if label == "BSN":
                value_label.setObjectName("bsn_value")
                self.bsn_label = value_label
            self.personalia.addRow(label, value_label)
        fill(self.cases_table, [[nl_date(c.first_day), c.kind.label,
                                 "lopend" if c.is_open else "afgesloten", nl_date(c.recovered_on)]
                                for c, _t in d.cases], [c.id for c, _t in d.cases])
        if d.cases:
            ids = [c.id for c, _t in d.cases]
            self.cases_table.selectRow(ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0)
        self._show_timeline()
        fill(self.activities_table, [[nl_date(a.on_date), a.kind.label, a.description, a.agreements,
                                      a.author_name] for a in d.activities])
        fill(self.feedback_table, [[nl_date(f.assessed_on), f.fitness.label, f.limitations,
                                    f.expected_duration.label, f.advice,
                                    f"ja, {f.approver_name}" if f.approved else "nog niet"]
                                   for f in d.feedback], [f.id for f in d.feedback])

    def _selected_case(self):
        if not self.dossier or not self.dossier.cases:
            return None, []
        row = self.cases_table.currentRow()
        return self.dossier.cases[row if row >= 0 else 0]

    def _show_timeline(self) -> None:
        case, milestones = self._selected_case()
        self.case_facts.setText(case_facts_text(case) if case is not None else "")
        self.case_facts.setVisible(bool(self.case_facts.text()))
        rows = [[m.label, nl_date(m.due), nl_date(m.done), m.state.label, m.note] for m in milestones]
        fill(self.timeline, rows)
        for r, m in enumerate(milestones):
            colour = STATE_COLOURS.get(str(m.state))
            if colour is not None:
                self.timeline.item(r, 3).setForeground(colour)

    # --- actions ------------------------------------------------------------------------

    def _after_save(self, dialog) -> None:
        """The dossier, Vandaag and the lists read again through the change signal (ui.changes)."""
        dialog.exec()

    def _edit(self) -> None:
        from ui.dossier_forms import EmployeeDialog

        if self.dossier:
            self._after_save(EmployeeDialog(self.ctx, self.dossier.employee, parent=self))

    def _reveal_bsn(self) -> None:
        from desktop_app.services import employees

        self.ctx.run(employees.reveal_bsn, self.employee_id,
                     on_success=lambda bsn: self.bsn_label.setText(bsn), owner=self)

    def _new_case(self) -> None:
        from ui.dossier_forms import CaseDialog

        self._after_save(CaseDialog(self.ctx, self.employee_id, parent=self))

    def _report_facts(self) -> None:
        from ui.dossier_forms import ReportFactsDialog

        case, _m = self._selected_case()
        if case is None:
            messages.show_info(self, "Kies eerst een ziekmelding in de lijst.")
            return
        self._after_save(ReportFactsDialog(self.ctx, case, parent=self))

    def _recovery(self) -> None:
        from desktop_app.services import cases
        from ui.dossier_forms import FormDialog
        from ui.form import Field

        case, _m = self._selected_case()
        if case is None:
            return
        dialog = FormDialog(self.ctx, "Herstel melden",
                            [Field("recovered_on", "Volledig hersteld per", kind="date", required=True)],
                            lambda s, v: cases.report_recovery(s, case.id, v["recovered_on"]), parent=self)
        self._after_save(dialog)

    def _milestone(self) -> None:
        from desktop_app.domain.poortwachter import LABELS
        from desktop_app.services import cases
        from ui.dossier_forms import FormDialog
        from ui.form import Field

        case, milestones = self._selected_case()
        if case is None:
            return
        steps = {str(m.code): m.label for m in milestones if m.done is None or str(m.code) == "evaluation"}
        choices = list(steps.items()) or [(str(k), v) for k, v in LABELS.items()]
        fields = [Field("code", "Stap", kind="choice", choices=choices),
                  Field("done_on", "Gedaan op", kind="date", required=True),
                  Field("note", "Toelichting", kind="text")]
        dialog = FormDialog(self.ctx, "Stap afgerond", fields,
                            lambda s, v: cases.record_milestone(s, case.id, v["code"], v["done_on"], v["note"]),
                            parent=self)
        self._after_save(dialog)

    def plan_dialog(self):
        """"Inplannen…": a consultation slot for this employee, the suggested one chosen first."""
        from ui.agenda_plan import PlanDialog

        name = self.dossier.employee.display_name if self.dossier else ""
        return PlanDialog(self.ctx, self.employee_id, name, parent=self)

    def plan(self) -> None:
        from ui.agenda_plan import plan_text

        dialog = self.plan_dialog()
        if dialog.exec() and dialog.booked is not None:  # Vandaag reads again through ui.changes
            messages.show_info(self, plan_text(dialog.booked))

    def start_consult(self, on) -> None:
        """From the agenda: the Medisch tab with a new consultation dated ``on`` (medical staff)."""
        if self.medical is None:
            return
        self.tabs.setCurrentWidget(self.medical)
        self.medical.start_consult(on)

    def _new_activity(self) -> None:
        from desktop_app.domain.cases import ActivityForm
        from desktop_app.services import activities
        from ui.dossier_forms import ACTIVITY_FIELDS, WORK_FIELDS, FormDialog, split_work

        case, _m = self._selected_case()
        case_id = case.id if case is not None and case.is_open else None
        def save(s, v):
            form, work = split_work(v)
            return activities.add_activity(s, self.employee_id, ActivityForm(**form), case_id, work=work)

        dialog = FormDialog(self.ctx, "Activiteit", ACTIVITY_FIELDS + WORK_FIELDS, save, parent=self)
        self._after_save(dialog)

    def _new_feedback(self) -> None:
        from desktop_app.domain.cases import FeedbackForm
        from desktop_app.services import activities
        from ui.dossier_forms import FEEDBACK_FIELDS, FormDialog

        case, _m = self._selected_case()
        dialog = FormDialog(self.ctx, "Terugkoppeling aan werkgever", FEEDBACK_FIELDS,
                            lambda s, v: activities.add_feedback(s, self.employee_id, FeedbackForm(**v),
                                                                 case.id if case else None),
                            intro="Alleen functionele gegevens: wat de werknemer wel en niet kan, "
                                  "verwachte duur en advies. Geen diagnose of behandeling.",
                            parent=self)
        self._after_save(dialog)

    def _approve(self) -> None:
        from desktop_app.services import activities

        row = self.feedback_table.currentRow()
        if row < 0:
            messages.show_info(self, "Kies eerst een terugkoppeling in de lijst.")
            return
        feedback_id = self.feedback_table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        from ui.operations import save

        save(self, self.ctx, activities.approve_feedback, feedback_id).run_in_background()  # ui.changes

    # --- documents ------------------------------------------------------------------------

    def _make_letter(self) -> None:
        from ui.letter_dialog import LetterDialog

        self.letter_dialog = LetterDialog(self.ctx, self.employee_id, self)
        self.letter_dialog.letter_made.connect(self._letter_made)
        self.letter_dialog.open()

    def _letter_made(self, medical: bool) -> None:
        tab = self._built.get("medical")
        if medical and tab is not None and self.ctx.session.medical_unlocked:
            tab.reload()

    def _copy(self) -> None:
        from desktop_app.services import documents
        from ui.operations import REPORT, TOKEN
        from ui.pdf_preview import produce

        if not self.ctx.session.medical_unlocked:
            messages.show_info(self, "Ontgrendel eerst het medische deel (tabblad Medisch).")
            return
        produce(self.ctx, self, "Afschrift van het dossier", documents.dossier_copy_pdf, self.employee_id,
                suggested_name="afschrift-dossier.pdf", progress=REPORT, cancel=TOKEN, cancellable=True,
                medical=True)

    def uwv_documents(self):
        """Problem analysis, current assessment and the sealed information for UWV (uwv16)."""
        from ui.uwv_dialog import UwvDocumentsDialog

        case, _m = self._selected_case()
        self.uwv_dialog = UwvDocumentsDialog(self.ctx, self.employee_id, case.id if case is not None else None, self)
        self.uwv_dialog.finished.connect(lambda _r: self.reload())  # the timeline shows the steps done
        self.uwv_dialog.open()
        return self.uwv_dialog

    def _access_log(self) -> None:
        from desktop_app.services import access_log
        from ui.pdf_preview import produce

        produce(self.ctx, self, "Overzicht van inzage", access_log.access_log_pdf, self.employee_id,
                suggested_name="inzageoverzicht.pdf")

    def _letter(self) -> None:
        from desktop_app.services import documents
        from ui.pdf_preview import produce

        row = self.feedback_table.currentRow()
        if row < 0:
            messages.show_info(self, "Kies eerst een terugkoppeling in de lijst.")
            return
        feedback_id = self.feedback_table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        produce(self.ctx, self, "Terugkoppeling aan de werkgever", documents.feedback_letter_pdf, feedback_id,
                suggested_name="terugkoppeling-werkgever.pdf")

    # --- locking and closing --------------------------------------------------------------

    def medical_locked(self) -> None:
        from ui import medical_windows

        medical = self._built.get("medical")  # a tab not built yet shows nothing to hide
        if medical is None and medical_windows.forms_of(self.employee_id):
            medical = self._build("medical", whole=False)  # but the UWV forms opened here do
        if medical is not None:
            medical.show_locked()

    def closeEvent(self, event) -> None:  # noqa: N802
        medical = self._built.get("medical")
        if medical is not None and not medical.may_close():
            event.ignore()
            return
        event.accept()

    def discard_and_close(self) -> None:
        medical = self._built.get("medical")
        if medical is not None:
            medical.discard()
        self.close()
