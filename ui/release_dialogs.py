"""Releases in the dossier: asking for one on consent or under a legal duty, a physician's decision
(approve, refuse on one of the three grounds, or refer), and recording the hand-over.

The core says who decides and what the user may do (``releases.decision``, ``releases.overview``);
these dialogs show its answer and its refusals, at the field that caused them. Every label that
shows what a user typed is plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.context import AppContext
from ui.dossier_forms import FormDialog
from ui.form import ERROR_STYLE, Field, FormView, errors_of
from ui.operations import read
from ui.tables import nl, plain

MAX_DOCUMENT = 25 * 1024 * 1024 + 1


def fit_to_screen(dialog: QDialog, width: int, height: int) -> None:
    """Open at ``width`` × ``height``, or smaller where the screen (less a taskbar) is smaller."""
    from ui.screen_fit import fit

    fit(dialog, width, height)


class ReleaseFormDialog(QDialog):
    """A form whose save runs ``save(session, values)`` on the database thread. Field errors show
    under their field; any other refusal in the error line above the buttons."""

    def __init__(self, ctx: AppContext, title: str, intro: str, fields: list[Field], save: Callable, *,
                 values: dict | None = None, parent=None, save_text: str = "Opslaan") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._save = save
        self.saved = None
        self.setWindowTitle(title)
        col = QVBoxLayout(self)
        self.intro = plain(intro)
        self.intro.setObjectName("intro")
        if intro:
            col.addWidget(self.intro)
        self.form = FormView(fields)
        for widget in self.form.widgets.values():
            if isinstance(widget, QComboBox):  # long choices elide instead of widening the dialog
                widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                widget.setMinimumContentsLength(24)
            elif isinstance(widget, QPlainTextEdit):
                widget.setMaximumHeight(140)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        col.addWidget(scroll, 1)
        self.extra = QVBoxLayout()
        col.addLayout(self.extra)
        self.error = plain("")
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        if values:
            self.form.set_values(values)
        fit_to_screen(self, 720, 200 + 90 * len(fields))

    def submit(self) -> None:
        self.save_button.setEnabled(False)
        self.error.setText("")
        self.form.clear_errors()
        values = self.form.values()
        self.ctx.run(self._save, values, on_success=self._ok, on_failure=self._failed, owner=self)

    def _ok(self, result) -> None:
        self.save_button.setEnabled(True)
        self.saved = result
        self.form.mark_clean()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.errors import ArbokluisError

        self.save_button.setEnabled(True)
        errors = errors_of(exc)
        if errors is None:
            if not isinstance(exc, ArbokluisError):
                raise exc
            self.error.setText(exc.message)
            return
        self.form.set_errors({k: v for k, v in errors.items() if k in self.form.widgets})
        self.error.setText(" ".join(v for k, v in errors.items() if k not in self.form.widgets))

    def reject(self) -> None:
        if self.form.is_dirty():
            choice = messages.ask_save_discard_cancel(
                self, "Er zijn wijzigingen die nog niet zijn opgeslagen. Wilt u ze opslaan?")
            if choice == messages.SAVE:
                self.submit()
                return
            if choice == messages.CANCEL:
                return
        super().reject()

    def discard_and_close(self) -> None:
        self.form.mark_clean()
        super().reject()


# --- asking ---------------------------------------------------------------------------------------


def release_request_dialog(ctx: AppContext, employee_id: int, consent, parent=None) -> ReleaseFormDialog:
    """Ask for a release on ``consent``; a physician reviews it before anything leaves."""
    from desktop_app.services import releases

    def save(session, v):
        return releases.request_release(session, employee_id, consent.id, recipient_name=consent.recipient_name,
                                        recipient_role=consent.recipient_role, what=v["what"],
                                        purpose=v["purpose"])

    intro = (f"Aan {consent.recipient_name} ({consent.role_label}), op grond van de toestemming van "
             f"{nl(consent.given_on)}. Een bedrijfsarts beoordeelt het verzoek voordat er iets wordt verstrekt.")
    return ReleaseFormDialog(ctx, "Verstrekking aanvragen", intro,
                             [Field("what", "Welke gegevens", kind="text", required=True),
                              Field("purpose", "Doel", kind="text", required=True)],
                             save, values={"purpose": consent.purpose}, parent=parent)


class LegalReleaseDialog(ReleaseFormDialog):
    """A release under a legal duty: the basis from the list (with its article), the physician who
    reviews it, and optionally the document that goes with it (kept in the medical section)."""

    def __init__(self, ctx: AppContext, employee_id: int, physicians: list[tuple[str, str]], *,
                 me: str = "", parent=None) -> None:
        from desktop_app.domain.releases import LegalBasis

        bases = [(b.value, f"{b.label} ({b.article})") for b in LegalBasis]
        fields = [Field("basis", "Wettelijke grondslag", kind="choice", choices=bases),
                  Field("physician", "Beoordelend bedrijfsarts", kind="choice", choices=physicians),
                  Field("recipient_name", "Ontvanger", required=True),
                  Field("what", "Welke gegevens", kind="text", required=True),
                  Field("purpose", "Doel", kind="text", required=True)]
        intro = ("Voor een verstrekking die de wet voorschrijft is geen toestemming nodig. Ze wordt vastgelegd "
                 "met haar grondslag, door een bedrijfsarts beoordeeld en komt in het overzicht van inzage en "
                 "verstrekking van de werknemer.")
        super().__init__(ctx, "Verstrekking op grond van een wettelijke plicht", intro, fields,
                         lambda session, v: self._save_legal(session, v), parent=parent)
        self.document: bytes | None = None
        self.filename = ""
        self.employee_id = employee_id
        row = QHBoxLayout()
        attach = QPushButton("Document toevoegen…")
        attach.setObjectName("attach_document")
        attach.clicked.connect(self._choose)
        row.addWidget(attach)
        self.document_label = plain("Geen document toegevoegd.")
        row.addWidget(self.document_label, 1)
        self.extra.addLayout(row)
        self.write_report = QPushButton("Melding beroepsziekte opstellen…")  # only for the NCvB
        self.write_report.setObjectName("write_ncvb_report")
        self.write_report.clicked.connect(self.open_ncvb_report)
        row.insertWidget(0, self.write_report)
        self.document_error = plain("")
        self.document_error.setStyleSheet(ERROR_STYLE)
        self.extra.addWidget(self.document_error)
        self._defaults: dict[str, str] = {}
        self.form.widgets["basis"].currentIndexChanged.connect(self._basis_changed)
        if me in dict(physicians):
            self.form.set_value("physician", me)
        self._basis_changed()
        self.form.mark_clean()

    def _basis_changed(self) -> None:
        from desktop_app.domain.releases import LegalBasis

        basis = LegalBasis(self.form.value("basis"))
        new = {"recipient_name": basis.recipient, "what": basis.what, "purpose": basis.purpose}
        for name, value in new.items():  # replace what the previous basis filled in, keep what was typed
            if self.form.value(name) in ("", self._defaults.get(name, "")):
                self.form.set_value(name, value)
        self._defaults = new
        self.write_report.setVisible(basis is LegalBasis.NCVB)

    def open_ncvb_report(self) -> FormDialog:
        """The NCvB's form; saved, its PDF is the release's document."""
        from desktop_app.services import ncvb

        dialog = ncvb_report_dialog(self.ctx, self.employee_id, self)
        dialog.accepted.connect(lambda: self.attach(ncvb.FILENAME, dialog.saved))
        dialog.open()
        return dialog

    def _choose(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, "Document bij de verstrekking", "",
                                               "PDF en afbeeldingen (*.pdf *.jpg *.jpeg *.png)")
        if path:
            self.attach(path.replace("\\", "/").rsplit("/", 1)[-1], open_bytes(path))

    def attach(self, filename: str, data: bytes) -> None:
        self.filename, self.document = filename, data
        self.document_label.setText(f"Document: {filename}")

    def _save_legal(self, session, v):
        from desktop_app.services import releases

        return releases.request_legal_release(session, self.employee_id, v["basis"], physician=v["physician"],
                                              recipient_name=v["recipient_name"], what=v["what"],
                                              purpose=v["purpose"], document=self.document, filename=self.filename)

    def _failed(self, exc: BaseException) -> None:
        errors = errors_of(exc) or {}
        self.document_error.setText(errors.get("document", "") or errors.get("file", "") or errors.get("filename", ""))
        super()._failed(exc)


NCVB_FIELDS = [
    Field("disease", "Beroepsziekte (diagnose)", required=True),
    Field("disease_code", "Code (NCvB of ICD), indien bekend"),
    Field("exposure", "Belasting of blootstelling in het werk", kind="text", required=True),
    Field("sector", "Sector", required=True),
    Field("profession", "Beroep", required=True),
    Field("absence", "Verzuim", kind="choice", choices=[]),
    Field("remarks", "Toelichting", kind="text"),
]


def ncvb_report_dialog(ctx: AppContext, employee_id: int, parent=None) -> FormDialog:
    """The occupational-disease report: no name, BSN, birth date or employer goes in; the core
    adds sex and age class from the dossier."""
    from dataclasses import replace

    from desktop_app.domain.ncvb import ABSENCE, NcvbForm
    from desktop_app.services import ncvb

    fields = [replace(f, choices=list(ABSENCE)) if f.name == "absence" else f for f in NCVB_FIELDS]
    intro = ("De melding aan het NCvB bevat geen gegevens waarmee de werknemer te herkennen is: alleen "
             "geslacht en leeftijdsklasse uit het dossier, en wat u hieronder invult.")
    dialog = FormDialog(ctx, "Melding beroepsziekte aan het NCvB", fields,
                        lambda session, v: ncvb.report_pdf(session, employee_id, NcvbForm(**v)),
                        values={"absence": "onbekend"}, intro=intro, parent=parent)
    dialog.save_button.setText("Melding maken")
    read(dialog, ctx, ncvb.suggested_profession, employee_id) \
        .success(lambda job: dialog.form.value("profession") or dialog.form.set_value("profession", job or "")) \
        .run_in_background()
    return dialog


def open_bytes(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(MAX_DOCUMENT)


# --- deciding -------------------------------------------------------------------------------------


def _approval_data(session, release_id: int) -> tuple:
    """What the decision dialog shows, read on the database thread in one go."""
    from desktop_app.services import consents, employees, releases

    release = releases.get(session, release_id)
    consent = consents.get(session, release.consent_id) if release.consent_id else None
    status = consents.status_of(session, consent) if consent else None
    employee = employees.open_dossier(session, release.employee_id)
    return release, consent, status, releases.decision(session, release_id), employee


class ApprovalDialog(QDialog):
    """A physician decides on a release: approve, refuse on one of the three grounds, or refer. The
    core says who decides; the buttons follow its answer, and it refuses again whatever is shown.
    Shows at once ("Laden…"); the release and the core's answer fill it when they arrive (``loaded``)."""

    def __init__(self, ctx: AppContext, release_id: int, parent=None) -> None:
        super().__init__(parent)
        from desktop_app.domain.requests import REFUSAL_GROUNDS
        from ui.operations import load

        self.ctx = ctx
        self.release = None
        self.decision = None
        self.loaded = False
        self.result_release = None
        self.setWindowTitle("Verstrekking beoordelen")
        col = QVBoxLayout(self)
        self.loading = plain("")
        self.loading.setObjectName("loading")
        col.addWidget(self.loading)
        self.summary = plain("")
        self.summary.setObjectName("summary")
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.summary)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)
        col.addWidget(scroll, 1)
        self.who = plain("")
        self.who.setObjectName("who_decides")
        self.who.setStyleSheet("font-weight: 600;")
        col.addWidget(self.who)
        self.show_button = QPushButton("Document bekijken…")
        self.show_button.setObjectName("show_document")
        self.show_button.clicked.connect(self._show_document)
        self.show_button.hide()
        col.addWidget(self.show_button)
        self.choices = QWidget()
        choices = QVBoxLayout(self.choices)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.addWidget(plain("Bij weigeren: de grond"))
        self.grounds = QButtonGroup(self)
        for number, text in REFUSAL_GROUNDS.items():
            button = QRadioButton(f"{number}. {text}")
            button.setObjectName(f"ground_{number}")
            self.grounds.addButton(button, number)
            choices.addWidget(button)
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText("Toelichting (verplicht bij voorleggen aan de kerndeskundige)")
        self.note.setMaximumHeight(90)
        choices.addWidget(self.note)
        col.addWidget(self.choices)
        self.error = plain("")
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (("approve", "Goedkeuren", self.approve), ("refuse", "Weigeren", self.refuse),
                                 ("refer", "Voorleggen aan kerndeskundige", self.refer)):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            b.setEnabled(False)  # until the core has said who decides
            self.buttons[name] = b
            row.addWidget(b)
        cancel = QPushButton("Sluiten")
        cancel.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(cancel)
        col.addLayout(row)
        fit_to_screen(self, 760, 620)
        load(self, ctx, _approval_data, release_id, status=self.loading, widgets=[self.choices]) \
            .success(self._fill).run_in_background()

    def _fill(self, data) -> None:
        from ui.who import identify

        self.release, consent, status, self.decision, employee = data
        r = self.release
        lines = [f"Werknemer: {identify(employee)}", "",  # a release cannot be taken back: say whose it is
                 f"Aan: {r.recipient_name} ({r.role_label})", f"Wat: {r.what}", f"Doel: {r.purpose}"]
        if r.legal_basis is not None:
            lines += ["", f"Wettelijke plicht: {r.legal_basis.label}", f"Grondslag: {r.legal_basis.article}"]
        if consent:
            lines += ["", f"Toestemming getekend {nl(consent.given_on)}, geldig tot {nl(consent.valid_until)} "
                          f"({status.label})",
                      f"Gegevens volgens de toestemming: {consent.data_scope}", f"Doel: {consent.purpose}"]
        if r.physician_name:
            lines += ["", f"Gericht aan: {r.physician_name}"]
        self.summary.setText("\n".join(lines))
        self.who.setText(self.decision.message)
        self.show_button.setVisible(r.attachment_id is not None)
        for name, allowed in (("approve", self.decision.may_decide), ("refuse", self.decision.may_decide),
                              ("refer", self.decision.may_refer)):
            self.buttons[name].setEnabled(allowed and r.state.undecided)
        self.loaded = True

    def _run(self, fn, *args) -> None:
        def ok(release):
            self.result_release = release
            self.accept()

        def failed(exc):
            from desktop_app.errors import ArbokluisError

            if not isinstance(exc, ArbokluisError):
                raise exc
            self.error.setText(exc.message)

        if self.release is None:  # still being read
            return
        self.error.setText("")
        self.ctx.run(fn, self.release.id, *args, on_success=ok, owner=self, on_failure=failed)

    def approve(self) -> None:
        from desktop_app.services import releases

        self._run(releases.approve, self.note.toPlainText())

    def refuse(self) -> None:
        from desktop_app.services import releases

        ground = self.grounds.checkedId()
        if ground < 1:
            self.error.setText("Kies de grond waarop u weigert.")
            return
        self._run(releases.refuse, ground, self.note.toPlainText())

    def refer(self) -> None:
        from desktop_app.services import releases

        self._run(releases.refer_to_supervisor, self.note.toPlainText())

    def _show_document(self) -> None:
        from desktop_app.services import releases
        from ui.pdf_preview import PdfPreview

        def shown(file):
            if file.info.mime == "application/pdf":
                from ui import medical_windows

                preview = medical_windows.mark(PdfPreview("Document bij de verstrekking", file.data, self,
                                                          suggested_name=file.info.filename))
                if medical_windows.still_unlocked(self.ctx, preview):
                    preview.exec()
            else:
                messages.show_info(self, "Dit document is een afbeelding; open het in het tabblad Medisch, "
                                         "onder Bijlagen.")

        from ui.operations import read

        read(self, self.ctx, releases.document, self.release.id).success(shown).errors_to(self.error) \
            .run_in_background()


# --- the hand-over --------------------------------------------------------------------------------


def handover_dialog(ctx: AppContext, release, users: list[tuple[str, str]], me: str,
                    parent=None) -> ReleaseFormDialog:
    """Record how, when, by whom and to whom an approved release was handed over. The sealed
    information for UWV's insurance physician goes only through the employee: for it the dialog
    offers that one way, and the core refuses any other (``services.releases.mark_released``)."""
    from desktop_app.domain.releases import METHODS, LegalBasis, Method
    from desktop_app.services import releases

    sealed = release.legal_basis in (LegalBasis.UWV_WIA, LegalBasis.UWV_ZW) and release.attachment_id is not None
    methods = [(Method.TO_EMPLOYEE.value, METHODS[Method.TO_EMPLOYEE.value])] if sealed else list(METHODS.items())

    def save(session, v):
        return releases.mark_released(session, release.id, v["method"], handed_on=v["handed_on"],
                                      handed_by=v["handed_by"], handed_to=v["handed_to"], note=v["note"])

    fields = [Field("method", "Hoe verstrekt", kind="choice", choices=methods),
              Field("handed_on", "Verstrekt op", kind="date", required=True),
              Field("handed_by", "Door", kind="choice", choices=users),
              Field("handed_to", "Meegegeven aan (de werknemer)" if sealed else "Aan (wie het ontving)"),
              Field("note", "Toelichting", kind="text")]
    intro = (f"Aan: {release.recipient_name} ({release.role_label})\nWat: {release.what}\n"
             "Leg vast hoe, wanneer en door wie dit is verstrekt. Het komt in het overzicht van inzage en "
             "verstrekking van de werknemer.")
    if sealed:
        intro += ("\nDe gesloten envelop gaat via de werknemer naar de verzekeringsarts van UWV, nooit via de "
                  "werkgever.")
    dialog = ReleaseFormDialog(ctx, "Verstrekking vastleggen", intro, fields, save, parent=parent,
                               values={"handed_on": nl(date.today()), "handed_by": me,
                                       "handed_to": "" if sealed else release.recipient_name},
                               save_text="Vastleggen")
    return dialog
