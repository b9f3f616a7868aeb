"""What "Uitvoeren…" opens for each kind of request: the form of its outcome.

Inspection: the day and who was present. Copy, export, transfer: make the document, then record
how and when it was handed over. Correction: the new version of the entry, or the employee's own
statement. Objection: honoured (what stops) or refused (why). Restriction: the reason. Release:
the release that answered it. The core decides whether it may; errors show at the field.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
)

from desktop_app.domain.requests import HANDOVER_METHODS, RequestKind
from ui import messages
from ui.form import ERROR_STYLE, Field, FormView, errors_of
from ui.screen_fit import fit
from ui.tables import nl, plain

METHOD_CHOICES = list(HANDOVER_METHODS.items())


def show_pdf(parent, title: str, pdf: bytes, suggested: str, *, asked_at: int | None = None) -> None:
    """The preview from memory, opened beside the dialog (saved only by the user's choice). With
    ``asked_at`` (``medical_windows.asked()`` when the document was asked for) it is not shown
    once a medical lock came in between."""
    from ui import medical_windows
    from ui.pdf_preview import PdfPreview

    # the inspection or copy an employee is granted may hold the medical section: the medical
    # lock closes it (a case manager's section never locks, so theirs stays)
    preview = medical_windows.mark(PdfPreview(title, pdf, parent, suggested_name=suggested))
    if asked_at is not None and not medical_windows.still_open(parent.ctx, preview, asked_at):
        return
    parent.preview = preview
    preview.open()


def perform(dialog) -> None:
    """Open the outcome form of the request shown in ``dialog`` (a RequestDialog)."""
    from desktop_app.services import portability, request_outcomes, requests

    r = dialog.request
    rid = dialog.request_id
    kind = r.kind
    if kind is RequestKind.INSPECTION:
        dialog.form("Inzage vastleggen", [
            Field("held_on", "Inzage gegeven op", kind="date", required=True),
            Field("present", "Aanwezig (namen)", required=True),
            Field("note", "Toelichting", kind="text")],
            lambda s, v: request_outcomes.record_inspection(s, rid, v["held_on"], v["present"], v["note"]),
            values={"held_on": nl(date.today())},
            intro="Werkaantekeningen van de bedrijfsarts en gegevens over anderen vallen buiten de inzage.")
    elif kind is RequestKind.COPY:
        _open(dialog, HandOverDialog(dialog, "Afschrift van het dossier", request_outcomes.make_copy,
                                     request_outcomes.hand_over_copy, pdf=True))
    elif kind is RequestKind.PORTABILITY:
        _open(dialog, HandOverDialog(dialog, "Export (overdraagbaarheid)", portability.make_export,
                                     portability.hand_over_export, pdf=False))
    elif kind is RequestKind.TRANSFER:
        _open(dialog, HandOverDialog(dialog, "Overdracht naar andere arbodienst", portability.make_transfer,
                                     portability.hand_over_transfer, pdf=False))
    elif kind is RequestKind.CORRECTION:
        _open(dialog, CorrectionDialog(dialog))
    elif kind is RequestKind.OBJECTION:
        dialog.form("Beslissen over het bezwaar", [
            Field("decision", "Beslissing", kind="choice",
                  choices=[("honoured", "Bezwaar gehonoreerd"), ("refused", "Bezwaar afgewezen")]),
            Field("objection_text", "Wat stopt / redenen van de afwijzing", kind="text", required=True)],
            lambda s, v: request_outcomes.decide_objection(s, rid, v["decision"] == "honoured", v["objection_text"]),
            intro="Gehonoreerd: noem welke verwerking stopt. Afgewezen: noem de dwingende gerechtvaardigde "
                  "gronden (AVG art. 21).")
    elif kind is RequestKind.RESTRICTION:
        dialog.form("Verwerking beperken", [Field("reason", "Reden (het geschil)", kind="text", required=True)],
                    lambda s, v: requests.restrict(s, r.employee_id, v["reason"], rid),
                    intro="Het dossier kan daarna worden ingezien, maar niet gewijzigd of verstrekt tot de "
                          "beperking is opgeheven.")
    elif kind is RequestKind.RELEASE:
        _choose_release(dialog)


def _open(dialog, child: QDialog) -> None:
    child.finished.connect(lambda _code: dialog.refresh())
    dialog.form_dialog = child
    child.open()


def _choose_release(dialog) -> None:
    from desktop_app.services import releases, request_outcomes

    def show(log) -> None:
        done = [r for r in log if r.state == "released" and r.recipient_role != "employee"]
        if not done:
            dialog.error.setText("Er is nog geen verstrekking aan een derde overhandigd. Leg die eerst vast bij "
                                 "Toestemming en verstrekkingen.")
            return
        dialog.form("Beantwoord met verstrekking", [
            Field("release_id", "Verstrekking", kind="choice",
                  choices=[(str(r.id), f"{r.recipient_name} — {r.what}") for r in done])],
            lambda s, v: request_outcomes.answer_with_release(s, dialog.request_id, int(v["release_id"])))

    dialog.ctx.run(releases.log_for, dialog.request.employee_id, on_success=show, on_failure=dialog._failed,
                   owner=dialog)


def choose_transfer_consent(dialog) -> None:
    from desktop_app.services import consents, portability

    def show(found) -> None:
        usable = [c for c in found if c.recipient_role == "new_arbo_service" and c.revoked_on is None]
        if not usable:
            dialog.error.setText("Er is geen toestemming van de werknemer voor een nieuwe arbodienst. Leg die eerst "
                                 "vast (Toestemming vastleggen…, hoedanigheid: nieuwe arbodienst).")
            return
        dialog.form("Toestemming voor de overdracht", [
            Field("consent_id", "Toestemming", kind="choice",
                  choices=[(str(c.id), f"{c.recipient_name} — getekend {nl(c.given_on)}, geldig tot "
                                       f"{nl(c.valid_until)}") for c in usable])],
            lambda s, v: portability.attach_consent(s, dialog.request_id, int(v["consent_id"])))

    dialog.ctx.run(consents.for_employee, dialog.request.employee_id, on_success=show,
                   on_failure=dialog._failed, owner=dialog)


class HandOverDialog(QDialog):
    """Make the copy or export for the request, then record how and when it went out."""

    def __init__(self, parent, title: str, make, hand_over, *, pdf: bool) -> None:
        super().__init__(parent)
        self.owner = parent
        self.ctx = parent.ctx
        self.request_id = parent.request_id
        self._make = make
        self._hand_over = hand_over
        self.pdf = pdf
        self.made = parent.request.document_made_at is not None
        self.saved = None
        self.setWindowTitle(title)
        self.setObjectName("handover_dialog")
        col = QVBoxLayout(self)
        what = "het afschrift" if pdf else "de export"
        col.addWidget(plain(f"1. Maak {what}. Het komt uit het programma; bewaar het alleen waar dat mag."))
        self.make_button = QPushButton("Afschrift maken en bekijken…" if pdf else "Export maken en opslaan…")
        self.make_button.setObjectName("handover_make")
        self.make_button.clicked.connect(self.make)
        col.addWidget(self.make_button)
        self.made_label = plain("")
        col.addWidget(self.made_label)
        col.addWidget(plain(f"2. Leg vast hoe en wanneer {what} is verstrekt."))
        self.form = FormView([Field("method", "Hoe verstrekt", kind="choice", choices=METHOD_CHOICES),
                              Field("handed_on", "Verstrekt op", kind="date", required=True)])
        self.form.set_values({"handed_on": nl(date.today())})
        col.addWidget(self.form)
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Verstrekt", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self._show_made()
        fit(self, 560, 380)

    def _show_made(self) -> None:
        self.made_label.setText("Gemaakt voor dit verzoek." if self.made else "Nog niet gemaakt.")
        self.save_button.setEnabled(self.made)

    def _fail(self, exc: BaseException) -> None:
        from desktop_app.errors import ArbokluisError

        errors = errors_of(exc)
        if errors:
            self.form.set_errors(errors)
            self.error.setText(next(iter(errors.values())))
        elif isinstance(exc, ArbokluisError):
            self.error.setText(exc.message)
        else:
            raise exc

    def make(self) -> None:
        from ui import medical_windows

        self.make_button.setEnabled(False)
        self._asked_at = medical_windows.asked()  # the copy holds the medical section
        self.ctx.run(self._make, self.request_id, on_success=self._made, on_failure=self._make_failed, owner=self)

    def _make_failed(self, exc: BaseException) -> None:
        self.make_button.setEnabled(True)
        self._fail(exc)

    def _made(self, data: bytes) -> None:
        self.make_button.setEnabled(True)
        self.made = True
        self._show_made()
        if self.pdf:
            show_pdf(self, "Afschrift van het dossier", data, "afschrift-dossier.pdf", asked_at=self._asked_at)
        else:
            self.save_archive(data)

    def ask_path(self) -> str:
        path, _f = QFileDialog.getSaveFileName(self, "Export opslaan", "dossier-export.zip", "ZIP (*.zip)")
        return path

    def save_archive(self, data: bytes) -> None:
        from desktop_app.errors import ArbokluisError
        from desktop_app.fileio import atomic_write

        path = self.ask_path()
        if not path:
            return
        try:
            atomic_write(Path(path), data, mode=0o600)
        except ArbokluisError as exc:
            messages.show_error(self, exc.message)

    def submit(self) -> None:
        values = self.form.values()
        self.form.clear_errors()
        self.ctx.run(self._hand_over, self.request_id, values["method"], values["handed_on"],
                     on_success=self._done, on_failure=self._fail, owner=self)

    def _done(self, result) -> None:
        self.saved = result
        self.accept()


class CorrectionDialog(QDialog):
    """The physician agrees (a new version of the entry) or disagrees (the employee's statement)."""

    def __init__(self, parent) -> None:
        super().__init__(parent)
        self.ctx = parent.ctx
        self.request_id = parent.request_id
        self.employee_id = parent.request.employee_id
        self.entries = []
        self.base: dict[str, str] = {}
        self.saved = None
        self.setWindowTitle("Correctieverzoek uitvoeren")
        self.setObjectName("correction_dialog")
        col = QVBoxLayout(self)
        col.addWidget(plain("Over welke aantekening gaat het verzoek?"))
        self.entry = QComboBox()
        self.entry.setObjectName("correction_entry")
        self.entry.currentIndexChanged.connect(self._entry_chosen)
        col.addWidget(self.entry)
        self.agree = QRadioButton("Akkoord: de aantekening corrigeren (nieuwe versie; de oude blijft bewaard)")
        self.agree.setObjectName("correction_agree")
        self.disagree = QRadioButton("Niet akkoord: de verklaring van de werknemer aan het dossier toevoegen")
        self.disagree.setObjectName("correction_disagree")
        group = QButtonGroup(self)
        group.addButton(self.agree)
        group.addButton(self.disagree)
        self.agree.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.agree)
        row.addWidget(self.disagree)
        col.addLayout(row)
        self.pages = QStackedWidget()
        self.correct_form = FormView([Field("reason", "Reden van de correctie", kind="text", required=True)])
        self.pages.addWidget(self.correct_form)
        self.statement_form = FormView([Field("statement", "Verklaring van de werknemer", kind="text", required=True),
                                        Field("received_on", "Ontvangen op", kind="date", required=True)])
        self.statement_form.set_values({"received_on": nl(date.today())})
        self.pages.addWidget(self.statement_form)
        scroll = QScrollArea()  # a long entry scrolls inside; the buttons stay on screen
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        col.addWidget(scroll, 1)
        self.agree.toggled.connect(lambda on: self.pages.setCurrentIndex(0 if on else 1))
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        fit(self, 720, 640)
        from desktop_app.services import medical_entries

        self.ctx.run(medical_entries.list_entries, self.employee_id, on_success=self._entries,
                     on_failure=self._fail, owner=self)

    def _entries(self, entries) -> None:
        self.entries = entries
        self.entry.clear()
        for e in entries:
            self.entry.addItem(f"{nl(e.entry_date)} · {e.kind.label} · versie {e.version}", e.id)

    def current(self):
        i = self.entry.currentIndex()
        return self.entries[i] if 0 <= i < len(self.entries) else None

    def _entry_chosen(self, _index: int) -> None:
        from desktop_app.domain.medical.entry_forms import entry_form
        from desktop_app.domain.medical.kinds import BODY_FIELDS

        entry = self.current()
        if entry is None:
            return
        self.base = entry_form(entry)
        reason = self.correct_form.value("reason") if "reason" in self.correct_form.widgets else ""
        fields = [Field(name, label, kind="text", required=required)
                  for name, label, required in BODY_FIELDS[entry.kind]]
        fields += [Field("entry_date", "Datum", kind="date"),
                   Field("reason", "Reden van de correctie", kind="text", required=True)]
        form = FormView(fields)
        form.set_values({**self.base, "reason": reason})
        self.pages.removeWidget(self.correct_form)
        self.correct_form.deleteLater()
        self.correct_form = form
        self.pages.insertWidget(0, form)
        self.pages.setCurrentIndex(0 if self.agree.isChecked() else 1)

    def _fail(self, exc: BaseException) -> None:
        from desktop_app.errors import ArbokluisError

        errors = errors_of(exc)
        if errors:
            (self.correct_form if self.agree.isChecked() else self.statement_form).set_errors(errors)
            self.error.setText(next(iter(errors.values())))
        elif isinstance(exc, ArbokluisError):
            self.error.setText(exc.message)
        else:
            raise exc

    def submit(self) -> None:
        from desktop_app.services import request_outcomes

        entry = self.current()
        self.error.clear()
        if self.agree.isChecked():
            if entry is None:
                self.error.setText("Kies de aantekening die wordt gecorrigeerd.")
                return
            values = self.correct_form.values()
            form = {**self.base, **{k: v for k, v in values.items() if k not in ("reason", "entry_date")}}
            self.ctx.run(request_outcomes.correct, self.request_id, entry.id, form, values["entry_date"],
                         values["reason"], on_success=self._done, on_failure=self._fail, owner=self)
        else:
            values = self.statement_form.values()
            self.ctx.run(request_outcomes.disagree, self.request_id, values["statement"], values["received_on"],
                         entry.id if entry else None, on_success=self._done, on_failure=self._fail, owner=self)

    def _done(self, result) -> None:
        self.saved = result
        self.accept()
