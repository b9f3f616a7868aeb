"""The sealed medical information for UWV's insurance physician: the legal basis, the reviewing
physician, which medical entries go, and a note. Saved, it is a release under a legal duty with
its PDF attached, waiting for a physician's review; it leaves through the employee only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ui.columns import tip
from ui.context import AppContext
from ui.form import ERROR_STYLE, Field
from ui.operations import read
from ui.release_dialogs import ReleaseFormDialog
from ui.tables import plain

BASES = [("uwv_wia", "WIA-aanvraag (Wet SUWI art. 54 lid 3)"), ("uwv_zw", "Ziektewet (Wet SUWI art. 54 lid 3)")]


class SealedDialog(ReleaseFormDialog):
    def __init__(self, ctx: AppContext, employee_id: int, physicians: list[tuple[str, str]], *, me: str = "",
                 parent=None) -> None:
        fields = [Field("basis", "Wettelijke grondslag", kind="choice", choices=BASES),
                  Field("physician", "Beoordelend bedrijfsarts", kind="choice", choices=physicians),
                  Field("recipient_name", "Ontvanger", required=True),
                  Field("note", "Toelichting voor de verzekeringsarts", kind="text")]
        intro = ("Medische informatie voor de verzekeringsarts van UWV. Zij gaat in een gesloten envelop, gemerkt "
                 "'Medisch geheim', via de werknemer naar UWV en nooit via de werkgever. Er is geen toestemming "
                 "voor nodig (wettelijke plicht); een bedrijfsarts beoordeelt haar voordat zij de praktijk verlaat.")
        self.employee_id = employee_id
        super().__init__(ctx, "Medische informatie voor de verzekeringsarts", intro, fields,
                         lambda session, v: self._request(session, v), parent=parent, save_text="Aanvragen",
                         values={"recipient_name": "Verzekeringsarts UWV", "physician": me})
        from ui import medical_windows

        medical_windows.mark(self, employee_id)  # sealed and held at the medical lock
        self.extra.addWidget(plain("Welke medische gegevens gaan mee"))
        self.entries = QListWidget()
        self.entries.setObjectName("sealed_entries")
        self.entries.setMinimumHeight(160)
        self.entries.setTextElideMode(Qt.TextElideMode.ElideRight)  # a long line elides; its tooltip has all
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.extra.addWidget(self.entries)
        self.entries_error = plain("")
        self.entries_error.setObjectName("error_entry_ids")
        self.entries_error.setStyleSheet(ERROR_STYLE)
        self.extra.addWidget(self.entries_error)
        self._ticked: set[int] | None = None  # kept through a lock (ids only); None: as suggested
        self._shown = False  # the entries are in the list
        self._reading = False
        self._read_entries()

    def _read_entries(self) -> None:
        from desktop_app.services import uwv_sealed

        self._reading = True
        read(self, self.ctx, uwv_sealed.choices, self.employee_id).success(self._show).errors_to(self.error) \
            .always(self._read_ended).run_in_background()

    def _read_ended(self) -> None:
        # however it ended (refused, or dropped by a lock): the next showing reads again
        self._reading = False

    def _show(self, choices) -> None:
        session = self.ctx.session
        if session is None or not session.medical_unlocked:
            return  # locked while the entries were read: read again when the dialog is back
        self.entries.clear()
        for c in choices:
            item = QListWidgetItem(c.label)  # plain text: a list item never renders markup
            item.setToolTip(tip(c.label))  # a tooltip is rich text: escaped
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = c.chosen if self._ticked is None else c.entry_id in self._ticked
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, c.entry_id)
            self.entries.addItem(item)
        self._shown = True

    def hideEvent(self, event) -> None:
        """Held at the medical lock: the entries' labels (medical) leave the list, which of them
        were ticked is kept, and they are read again when the dialog comes back."""
        super().hideEvent(event)
        session = self.ctx.session
        if self._shown and (session is None or not session.medical_unlocked):
            self._ticked = set(self.chosen())
            self.entries.clear()
            self._shown = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        session = self.ctx.session
        if not self._shown and not self._reading and session is not None and session.medical_unlocked:
            self._read_entries()

    def chosen(self) -> list[int]:
        return [self.entries.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.entries.count())
                if self.entries.item(i).checkState() == Qt.CheckState.Checked]

    def submit(self) -> None:
        self._ids = self.chosen()  # read on the GUI thread, used on the database thread
        self.entries_error.setText("")
        super().submit()

    def _request(self, session, v):
        from desktop_app.domain.uwv_documents import SealedForm
        from desktop_app.services import uwv_sealed

        return uwv_sealed.request_sealed(session, self.employee_id, SealedForm(
            basis=v["basis"], recipient_name=v["recipient_name"], entry_ids=self._ids, note=v["note"]),
            physician=v["physician"])

    def _failed(self, exc: BaseException) -> None:
        from ui.form import errors_of

        errors = errors_of(exc) or {}
        self.entries_error.setText(errors.get("entry_ids", ""))
        if set(errors) == {"entry_ids"}:  # shown under the list; nothing for the form's own error line
            self.save_button.setEnabled(True)
            return
        super()._failed(exc)
