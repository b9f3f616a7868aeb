"""'Brief maken…' in the dossier: choose a template, fill in what the letter needs (the consent,
the request, the recipient, the appointment, free text), preview it, then make it: the letter is
kept in the dossier (in the medical section when it carries medical content) and shown to print
or save. The core decides everything; a refusal shows at the field that caused it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop_app.domain.letter_fields import Source
from ui.context import AppContext
from ui.form import ERROR_STYLE, Field, FormView, errors_of
from ui.screen_fit import fit
from ui.tables import fill, plain, table

LONG_FIELDS = {"brief.tekst", "brief.vraag", "afspraak.meenemen"}


class LetterDialog(QDialog):
    letter_made = Signal(bool)  # a letter was kept; True: in the medical section

    def __init__(self, ctx: AppContext, employee_id: int, parent=None, *, template_key: str | None = None,
                 appointment: dict[str, str] | None = None, booking_id: int | None = None,
                 medical_templates: bool = True) -> None:
        """``appointment``: the values of the {afspraak.…} fields, when the agenda opens it;
        ``booking_id``: the appointment the letter is about (the agenda's), or the one the employee did
        not appear at, for the employer's letter."""
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        self.wanted = template_key
        self.appointment = dict(appointment or {})
        if booking_id is not None:
            self.appointment["booking_id"] = str(booking_id)
        self.options = None
        self.form: FormView | None = None
        self.preview = None
        self.made = None
        self.setWindowTitle("Brief maken")
        self.setObjectName("letter_dialog")
        # from the agenda no dossier of the employee need be open: no Medisch tab there to seal a
        # medical letter at the lock, so it offers those from the dossier only
        self.medical_templates = medical_templates
        self._awaits_unlock = False  # a medical template chosen with the section locked: no fields yet
        col = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Sjabloon:"))
        self.template_box = QComboBox()
        self.template_box.setObjectName("letter_template")
        self.template_box.currentIndexChanged.connect(self._template_chosen)
        top.addWidget(self.template_box, 1)
        col.addLayout(top)
        self.where = plain("")
        self.where.setWordWrap(True)
        col.addWidget(self.where)
        self.form_box = QVBoxLayout()
        col.addLayout(self.form_box, 1)
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        col.addWidget(self.error)
        col.addWidget(QLabel("Bewaarde brieven in dit dossier (brieven met medische inhoud staan bij Medisch):"))
        self.kept = table(["Gemaakt", "Brief", "Aan"], "kept_letters")
        self.kept.setMaximumHeight(140)
        self.kept.doubleClicked.connect(self.open_kept)
        col.addWidget(self.kept)
        self.kept_letters: list = []
        row = QHBoxLayout()
        self.preview_button = QPushButton("Voorbeeld…")
        self.preview_button.setObjectName("letter_preview")
        self.preview_button.clicked.connect(self.show_preview)
        self.make_button = QPushButton("Maken en bewaren…")
        self.make_button.setObjectName("letter_make")
        self.make_button.clicked.connect(self.make)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.reject)
        for b in (self.preview_button, self.make_button):
            b.setEnabled(False)
            row.addWidget(b)
        self.open_button = QPushButton("Bewaarde brief openen…")
        self.open_button.setObjectName("letter_open_kept")
        self.open_button.clicked.connect(self.open_kept)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(close)
        col.addLayout(row)
        fit(self, 720, 620)
        self._load()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Back in this dialog after unlocking the medical part: the medical letter's fields."""
        super().changeEvent(event)
        if (event.type() == event.Type.ActivationChange and self.isActiveWindow() and self._awaits_unlock
                and self.ctx.session is not None and self.ctx.session.medical_unlocked):
            self._template_chosen()

    def _load(self) -> None:
        from desktop_app.services import letter_choices
        from ui.operations import read

        read(self, self.ctx, letter_choices.choices, self.employee_id).success(self._loaded) \
            .errors_to(self.error).run_in_background()
        self._load_kept()

    def _load_kept(self) -> None:
        from desktop_app.services import letters
        from ui.operations import read

        read(self, self.ctx, letters.kept_letters, self.employee_id).success(self._show_kept) \
            .errors_to(self.error).run_in_background()

    def _show_kept(self, kept) -> None:
        from datetime import date

        from ui.tables import nl

        self.kept_letters = list(kept)
        fill(self.kept, [[nl(date.fromisoformat(k.made_at[:10])), k.title, k.addressee] for k in self.kept_letters],
             [k.id for k in self.kept_letters])

    def open_kept(self, *_args) -> None:
        from desktop_app.services import letters
        from ui import medical_windows
        from ui.operations import read

        row = self.kept.currentRow()
        if not 0 <= row < len(self.kept_letters):
            self.error.setText("Kies eerst een bewaarde brief in de lijst.")
            return
        kept = self.kept_letters[row]
        asked_at = medical_windows.asked()
        read(self, self.ctx, letters.kept_letter_pdf, kept.id) \
            .success(lambda pdf: self._show_pdf(pdf, kept.title, asked_at)).errors_to(self.error).run_in_background()

    def _loaded(self, options) -> None:
        self.options = options
        self.template_box.blockSignals(True)
        for t in options.templates:
            self.template_box.addItem(t.title, t.key)
        self.template_box.blockSignals(False)
        if self.wanted is not None:
            self.template_box.setCurrentIndex(max(self.template_box.findData(self.wanted), 0))
        self._template_chosen()
        if not options.templates:
            self.error.setText("U kunt bij deze werknemer geen brief maken.")

    @property
    def template(self):
        key = self.template_box.currentData()
        return next((t for t in self.options.templates if t.key == key), None) if self.options else None

    def _template_chosen(self, *_args) -> None:
        t = self.template
        if self.form is not None:
            self.form.setParent(None)
            self.form.deleteLater()
            self.form = None
        self.error.clear()
        from ui import medical_windows

        medical_windows.unmark(self)
        self._awaits_unlock = False
        for b in (self.preview_button, self.make_button):
            b.setEnabled(False)
        if t is None:
            return
        if t.medical and not self.medical_templates:
            self.where.setText("Een brief met medische inhoud maakt u vanuit het dossier van de werknemer "
                               "(Brief maken…).")
            return
        if t.medical and not self.ctx.session.medical_unlocked:
            # nothing typed here could be kept through a lock: the draft is sealed with the medical key
            self.where.setText("Ontgrendel eerst het medische deel (tabblad Medisch van het dossier); "
                               "daarna kunt u deze brief invullen.")
            self._awaits_unlock = True
            return
        for b in (self.preview_button, self.make_button):
            b.setEnabled(True)
        if t.medical:
            # it carries the employee's health (a question to the treating physician): at the medical
            # lock their Medisch tab seals what is typed and holds the dialog, as its own forms
            medical_windows.mark(self, self.employee_id)
        self.where.setText("Deze brief wordt bewaard in het medische deel van het dossier." if t.medical else
                           "Deze brief wordt bewaard in het dossier.")
        fields = []
        o = self.options
        if Source.CONSENT in t.sources:
            fields.append(Field("consent_id", "Toestemming", "choice",
                                [("", "— kies de toestemming waarop het verzoek rust —"),
                                 *[(str(i), label) for i, label in o.consents]]))
        if Source.NOTICE in t.sources:
            fields.append(Field("release_id", "Ontvanger", "choice",
                                [("", "— kies de eerdere ontvanger —"), *o.recipients]))
        elif Source.REQUEST in t.sources:
            fields.append(Field("request_id", "Verzoek", "choice",
                                [("", "— kies het afgehandelde verzoek —"), *[(str(i), lbl) for i, lbl in o.requests]]))
        if Source.NO_SHOW in t.sources:
            fields.append(Field("booking_id", "Afspraak", "choice",
                                [("", "— kies de afspraak waarop de werknemer niet verscheen —"),
                                 *[(str(i), label) for i, label in o.no_shows]]))
        for f in o.typed.get(t.key, ()):
            fields.append(Field(f.name, f.description, "text" if f.name in LONG_FIELDS else "line"))
        self.form = FormView(fields, self)
        self.form.set_values({k: v for k, v in self.appointment.items() if k in self.form.widgets})
        self.form_box.addWidget(self.form)

    def _call_args(self) -> tuple[tuple, dict]:
        t = self.template
        values = self.form.values() if self.form else {}
        kwargs: dict = {}
        for name in ("consent_id", "request_id", "booking_id"):
            if name in values:
                chosen = values.pop(name)
                kwargs[name] = int(chosen) if chosen else None
        if "booking_id" not in kwargs and self.appointment.get("booking_id") and Source.APPOINTMENT in t.sources:
            kwargs["booking_id"] = int(self.appointment["booking_id"])  # the agenda's appointment (an own question?)
        if "release_id" in values:
            pair = values.pop("release_id")
            if pair:
                request_id, release_id = pair.split(":")
                kwargs.update(request_id=int(request_id), release_id=int(release_id))
        return (self.employee_id, t.key, values), kwargs

    def _failed(self, exc: BaseException) -> None:
        from ui.operations import show_or_report

        errors = errors_of(exc)
        if errors and self.form is not None:
            if "release_id" not in errors and "request_id" in errors and "release_id" in self.form.widgets:
                errors["release_id"] = errors.pop("request_id")
            self.form.set_errors(errors)
            unplaced = [m for k, m in errors.items() if k not in self.form.widgets]
            self.error.setText(" ".join(unplaced))
            return
        show_or_report(exc, self.error.setText)

    def show_preview(self) -> None:
        from desktop_app.services import letters
        from ui import medical_windows
        from ui.operations import job

        if self.template is None:
            return
        args, kwargs = self._call_args()
        self._clear()
        asked_at = medical_windows.asked()
        job(self, self.ctx, letters.preview_letter, *args, label="Voorbeeld wordt gemaakt…", cancellable=False,
            **kwargs).success(lambda pdf: self._show_pdf(pdf, "Voorbeeld", asked_at)).failure(self._failed) \
            .run_in_background()

    def make(self) -> None:
        from desktop_app.services import letters
        from ui import medical_windows
        from ui.operations import save

        if self.template is None:
            return
        args, kwargs = self._call_args()
        self._clear()
        asked_at = medical_windows.asked()
        save(self, self.ctx, letters.make_letter, *args, label="De brief wordt gemaakt…", **kwargs) \
            .success(lambda made: self._made(made, asked_at)).failure(self._failed).run_in_background()

    def _clear(self) -> None:
        self.error.clear()
        if self.form is not None:
            self.form.clear_errors()

    def _made(self, made, asked_at: int) -> None:
        self.made = made
        where = "in het medische deel van het dossier" if made.medical else "in het dossier"
        self.error.setText("")
        self.where.setText(f"De brief is bewaard {where}. Druk hem af of sla hem op vanuit het voorbeeld.")
        self._show_pdf(made.pdf, made.title, asked_at)
        self._load_kept()
        self.letter_made.emit(made.medical)

    def _show_pdf(self, pdf: bytes, title: str, asked_at: int) -> None:
        """The letter's preview: a medical window (the medical lock closes it), not opened when a
        medical lock came after it was asked for."""
        from ui import medical_windows
        from ui.pdf_preview import PdfPreview

        name = (self.template.key if self.template else "brief").replace("_", "-") + ".pdf"
        preview = medical_windows.mark(PdfPreview(title, pdf, self, suggested_name=name))
        if not medical_windows.still_open(self.ctx, preview, asked_at):
            return
        self.preview = preview
        self.preview.open()
