"""The Medisch tab: a lock until the medical section is unlocked with the medical passphrase;
then the entries, a consultation editor (SOEP), letters and notes, and attachments viewed from
memory."""

from __future__ import annotations

import contextlib
import itertools
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.medical.open_consultations import OCCASION_CHOICES
from ui import messages
from ui.context import AppContext
from ui.dossier_forms import WORK_FIELDS
from ui.form import ERROR_STYLE, Field, FormView, errors_of
from ui.models import nl_date
from ui.tables import fill, plain, table

SOEP = [Field("entry_date", "Datum", kind="date", required=True),
        Field("occasion", "Aanleiding", kind="choice", choices=OCCASION_CHOICES),  # work16
        Field("s", "S – subjectief", kind="text"),
        Field("o", "O – objectief", kind="text"), Field("e", "E – evaluatie", kind="text"),
        Field("p", "P – plan", kind="text")] + WORK_FIELDS

CONSULT_LABEL = "het consult (SOEP)"
OFFER_TITLE = "Verder waar u was?"
_window_numbers = itertools.count(1)


class _InFlight:
    """A consult save on its way to the database thread, and whether a lock sealed its text as a
    draft meanwhile; ``lock`` orders the two threads' looks at it."""

    def __init__(self, values: dict) -> None:
        import threading

        self.values = values
        self.lock = threading.Lock()
        self.stored = False
        self.sealed = False


def _listed(labels: list[str]) -> str:
    """"a", "a en b", "a, b en c"."""
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " en " + labels[-1]


def offer_drafts(parent: QWidget, labels: list[str]) -> bool | None:
    """Ask whether to go on with the work kept at the lock: True for "Verder werken", False for
    "Weggooien", None when the box was closed unanswered (the lock came again while it waited)."""
    box = messages.plain_box(parent, QMessageBox.Icon.Question, OFFER_TITLE,
                             "U was bezig met " + _listed(labels) + ".\n\n"
                             "Dit werk is bij het vergrendelen bewaard: versleuteld, alleen in het "
                             "geheugen van dit programma, en alleen voor u. Wilt u verder waar u was?")
    box.setObjectName("draft_offer")
    go_on = box.addButton("Verder werken", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Weggooien", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(go_on)
    box.setEscapeButton(go_on)  # closing the box keeps the work; throwing it away is a choice
    box.exec()
    clicked = box.clickedButton()
    return None if clicked is None else clicked is not discard


class MedicalTab(QWidget):
    unlocked = Signal()

    def __init__(self, ctx: AppContext, employee_id: int, parent=None, *, content_later: bool = False) -> None:
        """``content_later``: only the lock page now, the list and the editor at
        ``finish_building`` (the dossier window builds its tabs a turn at a time)."""
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        self.entries: list = []
        self.consult_date: date | None = None  # a consultation started from the agenda's slot
        self.content_built = False
        self._in_flight: _InFlight | None = None  # the consult save on its way, if any
        self.stack = QStackedWidget(self)
        col = QVBoxLayout(self)
        col.addWidget(self.stack)
        self.stack.addWidget(self._lock_page())
        if not content_later:
            self.finish_building()
        else:
            self.stack.setCurrentIndex(0)

    def finish_building(self) -> None:
        """The content page, shown as the medical section is: open, or locked."""
        if self.content_built:
            return
        self.content_built = True
        self.stack.addWidget(self._content_page())
        if self.ctx.session is not None and self.ctx.session.medical_unlocked:
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
        self.waiting = plain("")
        self.waiting.setObjectName("drafts_waiting")
        self.waiting.hide()
        col.addWidget(self.waiting, alignment=Qt.AlignmentFlag.AlignCenter)
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
            from ui.operations import show_or_report

            show_or_report(exc, self.lock_message.setText)

        self.ctx.tasks.run(lambda: self.ctx.session.unlock_medical(passphrase),
                           on_success=done, on_failure=failed, owner=self)

    def start_consult(self, on: date) -> None:
        """A new consultation dated ``on`` (a slot's day); while locked, once unlocked. An
        unsaved consultation in the editor keeps its own date."""
        self.consult_date = on
        self.finish_building()
        if self.is_locked:
            self.passphrase.widgets["passphrase"].setFocus()
            return
        if not self._editor_dirty():
            self.editor.set_values({"entry_date": nl_date(on)})
            self._default_occasion(on)
        self.editor.widgets["s"].setFocus()

    def _default_occasion(self, on: date) -> None:
        """Without an absence case that day, the consultation is an open one (the core decides)."""
        from desktop_app.services import open_consultations
        from ui.operations import read

        def chosen(occasion: str) -> None:
            if not self.is_locked and not self._editor_dirty():
                self.editor.set_values({"occasion": occasion})

        read(self, self.ctx, open_consultations.default_occasion, self.employee_id, on) \
            .success(chosen).run_in_background()

    def show_locked(self) -> None:
        """Hide every medical detail: the content is cleared, not just covered. Unsaved work (the
        consult editor, an open medical form) is first sealed as a draft (``services.drafts``)
        and its dialog held out of sight until the medical section is unlocked again."""
        windows = self._medical_windows()
        if not self.is_locked or windows:
            # its own editor and forms only when it was open; the medical forms of its employee
            # opened elsewhere (UWV) however it was: the section itself was open
            self._seal_unsaved_work(windows)
        self.entries = []
        if self.content_built:
            self.entries_table.setRowCount(0)
            self.detail.clear()
            self.notes.clear()
            self.editor.set_values({name: "" for name in self.editor.widgets})
        self.stack.setCurrentIndex(0)
        self._show_waiting()

    def show_unlocked(self) -> None:
        self.finish_building()
        self.stack.setCurrentIndex(1)
        self.editor.set_values({"entry_date": nl_date(self.consult_date or date.today())})
        if self.consult_date is not None:
            self._default_occasion(self.consult_date)
        self.reload()
        self._offer_drafts()

    # --- drafts kept through a lock --------------------------------------------------------

    @property
    def _draft_prefix(self) -> str:
        return f"medisch:{self.employee_id}:"

    def _medical_windows(self) -> list[QWidget]:
        """The visible top-level windows opened from this tab (its forms, viewers, messages)."""
        from shiboken6 import isValid

        out = []
        for widget in QApplication.topLevelWidgets():
            if not isValid(widget) or widget is self or not widget.isVisible():
                continue
            parent = widget.parentWidget()
            while parent is not None and parent is not self:
                parent = parent.parentWidget()
            if parent is self:
                out.append(widget)
        from ui import medical_windows

        out += [w for w in medical_windows.forms_of(self.employee_id) if not any(w is o for o in out)]
        return out

    def _seal_unsaved_work(self, windows: list[QWidget]) -> None:
        """Seal the editor and the dirty forms among ``windows`` (``_medical_windows``)."""
        from desktop_app.errors import ArbokluisError
        from desktop_app.services import drafts
        from ui.lock_curtain import curtain

        session = self.ctx.session
        kept: list[QWidget] = []  # the forms whose input is sealed: held until the next unlock
        try:
            if session is not None and session.is_open:
                if self._editor_dirty():
                    self._seal_consult(session)
                for window in windows:
                    form = getattr(window, "form", None)
                    if not isinstance(form, FormView) or not form.is_dirty():
                        continue
                    key = window.property("draft_key") or f"{self._draft_prefix}venster:{next(_window_numbers)}"
                    # the form's starting values too: editing an entry starts from medical text
                    drafts.keep(session, key, window.windowTitle() or "een formulier",
                                {f"c:{k}": v for k, v in form._clean.items()}
                                | {f"v:{k}": v for k, v in form.values().items()}, medical=True)
                    window.setProperty("draft_key", key)
                    kept.append(window)
        except ArbokluisError:
            pass  # the session went in the meantime: what was not sealed is closed below
        holding = curtain()
        holding.hold(kept, owner=self)
        for window in kept:
            window.form.set_values({name: "" for name in window.form.widgets})
        rest = [w for w in windows if not any(w is k for k in kept)]
        holding.hold(rest, owner=self)
        holding.drop(rest)  # viewers, messages, untouched forms: nothing in them is unsaved

    def _seal_consult(self, session) -> None:
        """Keep the consult editor's text as a draft, unless it is the text of a save already on
        its way: stored meanwhile, it is not kept; stored later, its draft goes (``_saved``),
        and kept only if that save fails. Offered back, a stored consult saved again would stand
        twice in the medical file, where an entry is corrected, never removed."""
        from desktop_app.services import drafts

        values = self.editor.values()
        flight = self._in_flight if self._in_flight is not None and self._in_flight.values == values else None
        with flight.lock if flight is not None else contextlib.nullcontext():
            if flight is not None and flight.stored:
                return
            drafts.keep(session, self._draft_prefix + "consult", CONSULT_LABEL, values, medical=True)
            if flight is not None:
                flight.sealed = True

    def _show_waiting(self) -> None:
        from desktop_app.errors import ArbokluisError
        from desktop_app.services import drafts

        session = self.ctx.session
        try:
            waiting = drafts.pending(session, prefix=self._draft_prefix) if session is not None else []
        except ArbokluisError:
            waiting = []
        self.waiting.setText("U was bezig met " + _listed([d.label for d in waiting])
                             + ". Ontgrendel het medische deel om verder te gaan." if waiting else "")
        self.waiting.setVisible(bool(waiting))

    def _offer_drafts(self) -> None:
        """After the unlock: "U was bezig met …", and the work back as it was (or thrown away)."""
        from desktop_app.errors import ArbokluisError
        from desktop_app.services import drafts
        from ui.lock_curtain import curtain

        session = self.ctx.session
        holding = curtain()
        try:
            waiting = drafts.pending(session, prefix=self._draft_prefix)
        except ArbokluisError:
            return
        held = {w.property("draft_key"): w for w in holding.held(owner=self)}
        # a form whose window is gone (its dossier was closed) has nothing to come back in
        for draft in waiting:
            if draft.key != self._draft_prefix + "consult" and draft.key not in held:
                drafts.discard(session, draft.key)
        waiting = [d for d in waiting if d.key == self._draft_prefix + "consult" or d.key in held]
        self.waiting.hide()
        if not waiting:
            holding.drop(owner=self)
            return
        answer = offer_drafts(self, [d.label for d in waiting])
        if answer is None or not session.medical_unlocked:
            return  # the lock came while it asked: all stays sealed and held, offered at the next unlock
        if not answer:
            for draft in waiting:
                drafts.discard(session, draft.key)
            holding.drop(owner=self)
            return
        for draft in waiting:
            try:
                content = drafts.restore(session, draft.key)
            except ArbokluisError:
                continue
            if draft.key == self._draft_prefix + "consult":
                self.editor.set_values(content.values)
                continue
            form = held[draft.key].form
            form.set_values({k[2:]: v for k, v in content.values.items() if k.startswith("c:")})
            for name, value in content.values.items():
                if name.startswith("v:") and name[2:] in form.widgets:
                    form.set_value(name[2:], value)
        holding.release(owner=self)

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

        for kind in (EntryKind.PROBLEM_ANALYSIS, EntryKind.FML, EntryKind.DIAGNOSIS, EntryKind.EXAMINATION,
                     EntryKind.LETTER_IN, EntryKind.LETTER_OUT, EntryKind.NOTE):
            menu.addAction(kind.label).triggered.connect(lambda _c=False, k=kind: self.new_entry(k))
        menu.addSeparator()
        menu.addAction("Blootstelling…").triggered.connect(self._exposure)
        menu.addAction("Verklaring van de werknemer…").triggered.connect(self._statement)
        new.setMenu(menu)
        row.addWidget(new)
        for text, slot in (("Bijlage toevoegen…", self._attach),
                           ("Bijlagen bekijken…", self._view_attachments),
                           ("Eerdere versies", self._history),
                           ("Uitslag keuring…", self._examination_outcome)):  # work16
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
            self.editor.widgets[name].setMinimumHeight(44)
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

        if not self.content_built:
            return  # finish_building reads it when the section is open

        def load(session):
            return (medical_entries.list_entries(session, self.employee_id),
                    working_notes.list_working_notes(session, self.employee_id))

        self.ctx.tasks.run(load, self.ctx.session, on_success=self._show, on_failure=self._failed, owner=self)

    @property
    def _shows_content(self) -> bool:
        """The content page is up and the section open: an answer read before a lock (it may
        arrive after it, behind a backup) is dropped, never filled into the locked tab."""
        session = self.ctx.session
        return not self.is_locked and session is not None and session.medical_unlocked

    def _show(self, result) -> None:
        if not self._shows_content:
            return
        self.entries, notes = result
        fill(self.entries_table, [[nl_date(e.entry_date), e.kind.label, e.summary(), e.author_name,
                                   str(e.version)] for e in self.entries], [e.id for e in self.entries])
        self.notes.setPlainText("\n\n".join(f"{_day(n.created_at)}: {n.body}" for n in notes))

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.errors import MedicalLocked

        if isinstance(exc, MedicalLocked):
            self.show_locked()
        else:
            from ui.operations import show_or_report

            show_or_report(exc, lambda text: messages.show_error(self, text))

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
        from desktop_app.domain.medical.open_consultations import consultation_kind
        from desktop_app.services import medical_entries
        from ui.dossier_forms import split_work

        values = self.editor.values()
        form, work = split_work(values)
        kind = consultation_kind(values["occasion"])
        if kind is EntryKind.CONSULTATION:
            form.pop("occasion")
        self.save_consult.setEnabled(False)
        flight = self._in_flight = _InFlight(values)
        key = self._draft_prefix + "consult"
        employee_id = self.employee_id

        def store(session):  # database thread
            from desktop_app.services import drafts

            entry = medical_entries.add_entry(session, employee_id, kind, form, work=work)
            with flight.lock:
                flight.stored = True
                if flight.sealed:  # sealed by a lock while this save waited: it is stored now
                    drafts.discard(session, key)
            return entry

        def ok(_entry) -> None:
            if self._in_flight is flight:
                self._in_flight = None
            self.save_consult.setEnabled(True)
            self.editor.clear_errors()
            self.editor.set_values({name: "" for name in "soep"} | {"minutes": "", "work_kind": ""}
                                   | {"entry_date": values["entry_date"]})
            self.reload()

        def failed(exc: BaseException) -> None:
            if self._in_flight is flight:
                self._in_flight = None
            self.save_consult.setEnabled(True)
            errors = errors_of(exc)
            if errors:
                self.editor.set_errors(errors)
            else:
                self._failed(exc)

        self.ctx.run(store, on_success=ok, on_failure=failed, owner=self)

    # --- other entries ------------------------------------------------------------------------

    def entry_dialog(self, kind):
        """A form for any kind of medical entry; the FML lists its six rubrics item by item."""
        from desktop_app.services import medical_entries
        from ui.dossier_forms import FormDialog, medical_entry_fields, split_work

        def save(session, v):
            form, work = split_work(v)
            return medical_entries.add_entry(session, self.employee_id, kind, form, work=work or None)

        return FormDialog(self.ctx, kind.label, medical_entry_fields(kind), save,
                          values={"entry_date": nl_date(date.today())}, parent=self)

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
                          values={"received_on": nl_date(date.today())}, parent=self)

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
        from ui.operations import save

        save(self, self.ctx, attachments.add_attachment, self.employee_id, name, data) \
            .success(lambda _a: messages.show_info(self, "De bijlage is opgeslagen.")).run_in_background()

    def _view_attachments(self) -> None:
        from ui.viewer import AttachmentsDialog

        AttachmentsDialog(self.ctx, self.employee_id, self).exec()

    def _history(self) -> None:
        from desktop_app.services import medical_entries

        row = self.entries_table.currentRow()
        if not 0 <= row < len(self.entries):
            messages.show_info(self, "Kies eerst een aantekening.")
            return
        from ui.operations import read

        def show(versions) -> None:
            if not self._shows_content:
                return
            text = "\n\n".join(f"Versie {v.version} — {v.author_name} — {_day(v.created_at)}"
                               + (f"\nReden: {v.reason}" if v.reason else "") + "\n"
                               + "\n".join(f"{k}: {val}" for k, val in v.body.items() if k != "items")
                               for v in versions)
            messages.show_info(self, text, "Eerdere versies")

        read(self, self.ctx, medical_entries.entry_history, self.entries[row].id).success(show).run_in_background()

    def examination_dialog(self, entry_id: int):
        from ui.examination_outcome import ExaminationOutcomeDialog

        return ExaminationOutcomeDialog(self.ctx, entry_id, self)

    def _examination_outcome(self) -> None:
        from desktop_app.domain.medical.kinds import EntryKind

        row = self.entries_table.currentRow()
        if not 0 <= row < len(self.entries) or self.entries[row].kind is not EntryKind.EXAMINATION:
            messages.show_info(self, "Kies eerst een keuring in de lijst.")
            return
        self.examination_dialog(self.entries[row].id).exec()

    # --- closing ----------------------------------------------------------------------------

    def may_close(self) -> bool:
        if self.is_locked:
            return self._may_drop_held_forms()
        if not self._editor_dirty():
            return True
        choice = messages.ask_save_discard_cancel(
            self, "Het consult is nog niet opgeslagen. Wilt u het opslaan?")
        if choice == messages.SAVE:
            self.save()
            return False
        return choice == messages.DISCARD

    def _may_drop_held_forms(self) -> bool:
        """Closing the dossier while the lock holds sealed forms of it: their windows go with the
        dossier, and with them what was typed (the consult's draft stays). Asked first."""
        from desktop_app.errors import ArbokluisError
        from desktop_app.services import drafts
        from ui.lock_curtain import curtain

        holding = curtain()
        held = [w for w in holding.held(owner=self) if w.property("draft_key")]
        if not held:
            return True
        if not messages.ask_yes_no(
                self, "U was bezig met " + _listed([w.windowTitle() or "een formulier" for w in held])
                + ". Dit werk is bewaard tot u het medische deel weer ontgrendelt. Als u het dossier nu "
                  "sluit, gaat het verloren. Toch sluiten?"):
            return False
        try:
            for window in held:
                drafts.discard(self.ctx.session, window.property("draft_key"))
        except ArbokluisError:
            pass  # the session is gone: its drafts went with it
        holding.drop(owner=self)
        return True

    def _editor_dirty(self) -> bool:
        return self.content_built and any(self.editor.value(name).strip() for name in "soep")

    def discard(self) -> None:
        if self.content_built:
            self.editor.set_values({name: "" for name in "soep"})


def _day(stamp: str) -> str:
    """An ISO time stamp's day as dd-mm-jjjj."""
    from datetime import date

    return nl_date(date.fromisoformat(stamp[:10]))
