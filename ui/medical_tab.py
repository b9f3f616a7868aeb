"""The Medisch tab: a lock until the medical section is unlocked with the medical passphrase;
then the entries, a consultation editor (SOEP), letters and notes, and attachments viewed from
memory."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.context import AppContext
from ui.form import ERROR_STYLE, Field, FormView, errors_of
from ui.models import nl_date
from ui.tables import fill, plain, table

SOEP = [Field("entry_date", "Datum", kind="date", required=True), Field("s", "S – subjectief", kind="text"),
        Field("o", "O – objectief", kind="text"), Field("e", "E – evaluatie", kind="text"),
        Field("p", "P – plan", kind="text")]


class MedicalTab(QWidget):
    unlocked = Signal()

    def __init__(self, ctx: AppContext, employee_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        self.entries: list = []
        self.stack = QStackedWidget(self)
        col = QVBoxLayout(self)
        col.addWidget(self.stack)
        self.stack.addWidget(self._lock_page())
        self.stack.addWidget(self._content_page())
        if ctx.session.medical_unlocked:
            self.show_unlocked()
        else:
            self.show_locked()

    # --- the lock ---------------------------------------------------------------------------

    def _lock_page(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        col.addStretch(1)
        title = QLabel("🔒  Medisch deel vergrendeld")
        title.setStyleSheet("font-size: 16pt;")
        col.addWidget(title, alignment=Qt.AlignmentFlag.AlignCenter)
        note = plain("Alleen medische medewerkers zien dit deel. Ontgrendel het met uw "
                     "medische wachtzin (niet uw wachtwoord).")
        note.setObjectName("medical_lock_note")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)  # the full width, centred: never cut to a word
        col.addWidget(note)
        self.passphrase = FormView([Field("passphrase", "Medische wachtzin", kind="password")])
        self.passphrase.setMaximumWidth(520)
        self.passphrase.widgets["passphrase"].returnPressed.connect(self.unlock)
        col.addWidget(self.passphrase, alignment=Qt.AlignmentFlag.AlignCenter)
        self.unlock_button = QPushButton("Ontgrendelen")
        self.unlock_button.setObjectName("unlock_medical")
        self.unlock_button.clicked.connect(self.unlock)
        col.addWidget(self.unlock_button, alignment=Qt.AlignmentFlag.AlignCenter)
        self.lock_message = plain("")
        self.lock_message.setObjectName("unlock_message")
        self.lock_message.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.lock_message, alignment=Qt.AlignmentFlag.AlignCenter)
        col.addStretch(2)
        return page

    def unlock(self) -> None:
        passphrase = self.passphrase.value("passphrase")
        self.passphrase.clear_secrets()
        self.unlock_button.setEnabled(False)

        def done(_r=None) -> None:
            self.unlock_button.setEnabled(True)
            self.lock_message.clear()
            self.show_unlocked()
            self.unlocked.emit()

        def failed(exc: BaseException) -> None:
            self.unlock_button.setEnabled(True)
            self.lock_message.setText(getattr(exc, "message", "Ontgrendelen mislukt."))

        self.ctx.tasks.run(lambda: self.ctx.session.unlock_medical(passphrase),
                           on_success=done, on_failure=failed, owner=self)

    def show_locked(self) -> None:
        """Hide every medical detail: the content is cleared, not just covered."""
        self.entries = []
        if hasattr(self, "entries_table"):
            self.entries_table.setRowCount(0)
            self.detail.clear()
            self.notes.clear()
            self.editor.set_values({name: "" for name in self.editor.widgets})
        self.stack.setCurrentIndex(0)

    def show_unlocked(self) -> None:
        self.stack.setCurrentIndex(1)
        self.editor.set_values({"entry_date": date.today().strftime("%d-%m-%Y")})
        self.reload()

    @property
    def is_locked(self) -> bool:
        return self.stack.currentIndex() == 0

    # --- content --------------------------------------------------------------------------

    def _content_page(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        self.entries_table = table(["Datum", "Soort", "Samenvatting", "Door", "Versie"], "medical_entries")
        self.entries_table.itemSelectionChanged.connect(self._show_entry)
        left_col.addWidget(self.entries_table, 3)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setObjectName("entry_detail")
        left_col.addWidget(self.detail, 2)
        row = QHBoxLayout()
        new = QPushButton("Nieuw…")
        new.setObjectName("new_medical")
        menu = QMenu(new)
        from desktop_app.domain.medical.kinds import EntryKind

        for kind in (EntryKind.PROBLEM_ANALYSIS, EntryKind.FML, EntryKind.DIAGNOSIS, EntryKind.LETTER_IN,
                     EntryKind.LETTER_OUT, EntryKind.NOTE):
            menu.addAction(kind.label).triggered.connect(lambda _c=False, k=kind: self.new_entry(k))
        menu.addSeparator()
        menu.addAction("Blootstelling…").triggered.connect(self._exposure)
        menu.addAction("Verklaring van de werknemer…").triggered.connect(self._statement)
        new.setMenu(menu)
        row.addWidget(new)
        for text, slot in (("Bijlage toevoegen…", self._attach),
                           ("Bijlagen bekijken…", self._view_attachments),
                           ("Eerdere versies", self._history)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        left_col.addLayout(row)
        split.addWidget(left)

        right = QWidget()
        right_col = QVBoxLayout(right)
        right_col.setContentsMargins(0, 0, 0, 0)
        right_col.addWidget(QLabel("Nieuw consult (SOEP)"))
        self.editor = FormView(SOEP)
        self.editor.setObjectName("consult_editor")
        for name in "soep":
            self.editor.widgets[name].setMinimumHeight(48)
            self.editor.widgets[name].setMaximumHeight(80)
        right_col.addWidget(self.editor)
        self.save_consult = QPushButton("Consult opslaan")
        self.save_consult.setObjectName("save_consult")
        self.save_consult.clicked.connect(self.save)
        right_col.addWidget(self.save_consult, alignment=Qt.AlignmentFlag.AlignRight)
        right_col.addWidget(QLabel("Persoonlijke werkaantekeningen (alleen voor u)"))
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setMaximumHeight(110)
        right_col.addWidget(self.notes)
        if self.ctx.session.user.is_physician:
            add_note = QPushButton("Werkaantekening toevoegen…")
            add_note.clicked.connect(self._add_note)
            right_col.addWidget(add_note, alignment=Qt.AlignmentFlag.AlignRight)
        right_col.addStretch(1)
        split.addWidget(right)
        split.setSizes([680, 460])
        col.addWidget(split)
        return page

    def reload(self) -> None:
        from desktop_app.services import medical_entries, working_notes

        def load(session):
            return (medical_entries.list_entries(session, self.employee_id),
                    working_notes.list_working_notes(session, self.employee_id))

        self.ctx.tasks.run(load, self.ctx.session, on_success=self._show, on_failure=self._failed, owner=self)

    def _show(self, result) -> None:
        self.entries, notes = result
        fill(self.entries_table, [[nl_date(e.entry_date), e.kind.label, e.summary(), e.author_name,
                                   str(e.version)] for e in self.entries], [e.id for e in self.entries])
        self.notes.setPlainText("\n\n".join(f"{n.created_at[:10]}: {n.body}" for n in notes))

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.errors import MedicalLocked

        if isinstance(exc, MedicalLocked):
            self.show_locked()
        else:
            messages.show_error(self, getattr(exc, "message", "Het medische deel kon niet worden gelezen."))

    def _show_entry(self) -> None:
        row = self.entries_table.currentRow()
        if not 0 <= row < len(self.entries):
            self.detail.clear()
            return
        e = self.entries[row]
        lines = [f"{e.kind.label} — {nl_date(e.entry_date)} — {e.author_name} (versie {e.version})"]
        lines += [f"{label}: {text}" for label, text in e.display_lines() if text]
        self.detail.setPlainText("\n".join(lines))

    def save(self) -> None:
        from desktop_app.domain.medical.kinds import EntryKind
        from desktop_app.services import medical_entries

        values = self.editor.values()
        form = {k: values[k] for k in "soep"} | {"entry_date": values["entry_date"]}
        self.save_consult.setEnabled(False)

        def ok(_entry) -> None:
            self.save_consult.setEnabled(True)
            self.editor.clear_errors()
            self.editor.set_values({name: "" for name in "soep"} | {"entry_date": values["entry_date"]})
            self.reload()

        def failed(exc: BaseException) -> None:
            self.save_consult.setEnabled(True)
            errors = errors_of(exc)
            if errors:
                self.editor.set_errors(errors)
            else:
                self._failed(exc)

        self.ctx.run(medical_entries.add_entry, self.employee_id, EntryKind.CONSULTATION, form,
                     on_success=ok, on_failure=failed, owner=self)

    # --- other entries ------------------------------------------------------------------------

    def entry_dialog(self, kind):
        """A form for any kind of medical entry; the FML lists its six rubrics item by item."""
        from desktop_app.services import medical_entries
        from ui.dossier_forms import FormDialog, medical_entry_fields

        def save(session, v):
            return medical_entries.add_entry(session, self.employee_id, kind, v)

        return FormDialog(self.ctx, kind.label, medical_entry_fields(kind), save,
                          values={"entry_date": date.today().strftime("%d-%m-%Y")}, parent=self)

    def new_entry(self, kind) -> None:
        if self.entry_dialog(kind).exec():
            self.reload()

    def exposure_dialog(self):
        from desktop_app.domain.medical.exposures import ExposureForm
        from desktop_app.services import exposures
        from ui.dossier_forms import EXPOSURE_FIELDS, FormDialog

        return FormDialog(self.ctx, "Blootstelling registreren", EXPOSURE_FIELDS,
                          lambda s, v: exposures.add_exposure(s, self.employee_id, ExposureForm(**v)),
                          intro="Een blootstelling verlengt de bewaartermijn van het medisch dossier "
                                "(40 of 30 jaar).", parent=self)

    def _exposure(self) -> None:
        self.exposure_dialog().exec()

    def statement_dialog(self):
        from desktop_app.domain.medical.statements import StatementForm
        from desktop_app.services import statements
        from ui.dossier_forms import STATEMENT_FIELDS, FormDialog

        return FormDialog(self.ctx, "Verklaring van de werknemer", STATEMENT_FIELDS,
                          lambda s, v: statements.add_statement(s, self.employee_id, StatementForm(**v)),
                          values={"received_on": date.today().strftime("%d-%m-%Y")}, parent=self)

    def _statement(self) -> None:
        if self.statement_dialog().exec():
            self.reload()

    def working_note_dialog(self):
        from desktop_app.services import working_notes
        from ui.dossier_forms import WORKING_NOTE_FIELDS, FormDialog

        return FormDialog(self.ctx, "Persoonlijke werkaantekening", WORKING_NOTE_FIELDS,
                          lambda s, v: working_notes.add_working_note(s, self.employee_id, v["body"]),
                          intro="Alleen voor u zichtbaar; geen deel van het dossier, niet in inzage "
                                "of afschrift.", parent=self)

    def _add_note(self) -> None:
        if self.working_note_dialog().exec():
            self.reload()

    def _attach(self) -> None:
        from desktop_app.domain.medical.attachments import MAX_ATTACHMENT
        from desktop_app.services import attachments

        path, _f = QFileDialog.getOpenFileName(self, "Bijlage kiezen", "", "PDF en afbeeldingen (*.pdf *.jpg *.jpeg *.png)")
        if not path:
            return
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_ATTACHMENT + 1)
        except OSError:
            messages.show_error(self, "Het bestand kon niet worden gelezen.")
            return
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        self.ctx.run(attachments.add_attachment, self.employee_id, name, data,
                     on_success=lambda _a: messages.show_info(self, "De bijlage is opgeslagen."),
                     on_failure=lambda exc: messages.show_error(self, getattr(exc, "message", "Fout")), owner=self)

    def _view_attachments(self) -> None:
        from ui.viewer import AttachmentsDialog

        AttachmentsDialog(self.ctx, self.employee_id, self).exec()

    def _history(self) -> None:
        from desktop_app.services import medical_entries

        row = self.entries_table.currentRow()
        if not 0 <= row < len(self.entries):
            messages.show_info(self, "Kies eerst een aantekening.")
            return
        versions = self.ctx.call(medical_entries.entry_history, self.entries[row].id)
        text = "\n\n".join(f"Versie {v.version} — {v.author_name} — {v.created_at[:10]}"
                           + (f"\nReden: {v.reason}" if v.reason else "") + "\n"
                           + "\n".join(f"{k}: {val}" for k, val in v.body.items() if k != "items")
                           for v in versions)
        messages.show_info(self, text, "Eerdere versies")

    # --- closing ----------------------------------------------------------------------------

    def may_close(self) -> bool:
        if self.is_locked or not self._editor_dirty():
            return True
        choice = messages.ask_save_discard_cancel(
            self, "Het consult is nog niet opgeslagen. Wilt u het opslaan?")
        if choice == messages.SAVE:
            self.save()
            return False
        return choice == messages.DISCARD

    def _editor_dirty(self) -> bool:
        return any(self.editor.value(name).strip() for name in "soep")

    def discard(self) -> None:
        self.editor.set_values({name: "" for name in "soep"})
