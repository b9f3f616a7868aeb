"""Handling one request under the employee's rights, step by step.

The dialog asks the core which steps the user may take now (``services.requests.steps``) and
shows exactly those; it works out no transition itself. What "Uitvoeren…" does depends on the
kind of request (``ui.request_outcome_dialogs``); the destruction of medical data is its own
action below.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.identity import DOCUMENTS
from desktop_app.domain.request_steps import Step
from ui.context import AppContext
from ui.form import ERROR_STYLE, Field
from ui.screen_fit import fit
from ui.tables import nl, plain
from ui.who import identify

PERFORM_LABELS = {
    "inspection": "Inzage vastleggen…", "copy": "Afschrift maken en verstrekken…",
    "correction": "Correctie uitvoeren…", "restriction": "Verwerking beperken…",
    "portability": "Export maken en verstrekken…", "objection": "Beslissen over het bezwaar…",
    "release": "Beantwoorden met verstrekking…", "transfer": "Overdracht maken en verstrekken…",
}

MASKS = (("photo", "pasfoto"), ("mrz", "MRZ-code"), ("number", "documentnummer"), ("bsn", "BSN"))


def _state(value: str) -> str:
    from desktop_app.domain.requests import RequestState

    try:
        return RequestState(value).label
    except ValueError:
        return value


def load(session, request_id: int) -> dict:
    """Everything the dialog shows, read on the database thread in one go."""
    from desktop_app.domain import identity
    from desktop_app.services import employees, requests

    request = requests.get(session, request_id)
    employee = employees.open_dossier(session, request.employee_id)
    people = requests.handler_names(session)
    return {"request": request, "employee": employee, "steps": requests.steps(session, request_id),
            "outcome": requests.outcome(session, request_id), "history": requests.history(session, request_id),
            "people": people, "identity": identity.describe(request.identity_method, request.identity_document)}


class RequestDialog(QDialog):
    """One request: identity, in progress, extension, sign-off, and what its kind leads to."""

    def __init__(self, ctx: AppContext, request_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.request_id = request_id
        self.request = None
        self.steps: list[Step] = []
        self.loads = 0  # how many times the dialog was filled (tests wait on it)
        self.form_dialog = None  # the form a step opened, if any
        self.setWindowTitle("Verzoek behandelen")
        self.setObjectName("request_dialog")
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        col = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        self.summary = plain("")
        self.summary.setObjectName("request_summary")
        col.addWidget(self.summary)
        col.addWidget(self._identity_box())
        self.error = plain("")
        self.error.setObjectName("request_error")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        self.grid = grid = QGridLayout()
        self.buttons: dict[Step, QPushButton] = {}
        slots = {Step.IDENTITY: self._identity, Step.START: self._start, Step.EXTEND: self._extend,
                 Step.CONSENT: self._consent, Step.READY: self._ready, Step.SIGN_OFF: self._signoff,
                 Step.PERFORM: self._perform, Step.REFUSE: self._refuse, Step.NOTIFY: self._notify,
                 Step.LETTER: self._letter}
        for i, step in enumerate(Step):
            b = QPushButton(step.label)
            b.setObjectName(f"request_{step.value}")
            b.clicked.connect(slots[step])
            b.hide()
            self.buttons[step] = b
            grid.addWidget(b, i // 4, i % 4)
        row = QHBoxLayout()
        row.addLayout(grid)
        row.addStretch(1)
        col.addLayout(row)
        col.addWidget(plain("Verloop"))
        self.history = plain("")
        self.history.setObjectName("request_history")
        col.addWidget(self.history)
        col.addStretch(1)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        outer.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        fit(self, 760, 620)
        self.refresh()

    def _identity_box(self) -> QGroupBox:
        box = QGroupBox("Identiteit van de verzoeker")
        col = QVBoxLayout(box)
        self.identity_way = QButtonGroup(self)
        self.by_copy = QRadioButton("Kopie identiteitsbewijs gezien, met afgeschermd:")
        self.by_copy.setChecked(True)
        self.at_desk = QRadioButton("Identiteitsbewijs getoond aan de balie (er wordt niets gekopieerd)")
        self.identity_way.addButton(self.by_copy)
        self.identity_way.addButton(self.at_desk)
        col.addWidget(self.by_copy)
        row = QHBoxLayout()
        self.checks: dict[str, QCheckBox] = {}
        for key, label in MASKS:
            check = QCheckBox(label)
            check.setObjectName(f"check_{key}")
            self.checks[key] = check
            row.addWidget(check)
        row.addStretch(1)
        col.addLayout(row)
        col.addWidget(self.at_desk)
        row = QHBoxLayout()
        self.document = QComboBox()
        self.document.setObjectName("identity_document")
        for value, label in DOCUMENTS.items():
            self.document.addItem(label, value)
        self.checked_on = QLineEdit(nl(date.today()))
        self.checked_on.setObjectName("identity_checked_on")
        self.checked_on.setPlaceholderText("dd-mm-jjjj")
        self.checked_on.setMaximumWidth(140)
        row.addWidget(plain("Soort:"))
        row.addWidget(self.document)
        row.addWidget(plain("gecontroleerd op:"))
        row.addWidget(self.checked_on)
        row.addStretch(1)
        col.addLayout(row)
        self.identity_group = box
        return box

    # --- filling ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ctx.run(load, self.request_id, on_success=self._show, on_failure=self._failed, owner=self)

    def _show(self, data: dict) -> None:
        r = self.request = data["request"]
        self.steps = data["steps"]
        lines = [f"{r.kind.label} — ontvangen {nl(r.received_on)} — uiterlijk {nl(r.due)}"
                 + (" (verlengd)" if r.extended_until else ""),
                 f"Werknemer: {identify(data['employee'])}", f"Verzoeker: {r.requester_label}"]
        if r.authorisation is not None:
            a = r.authorisation
            kinds = ", ".join(sorted(k.label.lower() for k in a.kinds))
            lines.append(f"Machtiging: {a.scope} (voor {kinds}; getekend {nl(a.signed_on)}, geldig tot "
                         f"{nl(a.valid_until) if a.valid_until != date.max else 'onbekend'})")
        lines.append(f"Identiteit: {data['identity']}")
        lines.append(f"Status: {r.state.label}")
        if r.outcome:
            lines.append(f"Uitkomst: {r.outcome}")
        outcome = data["outcome"]
        if outcome is not None and outcome.present:
            lines.append(f"Aanwezig: {outcome.present}")
        self.summary.setText("\n".join(lines))
        people = data["people"]
        self.history.setText("\n".join(
            f"{nl(date.fromisoformat(e.at[:10]))}  {people.get(e.user_id, '?')}: {e.note or _state(e.to_state)}"
            for e in data["history"]))
        self.buttons[Step.PERFORM].setText(PERFORM_LABELS.get(r.kind.value, Step.PERFORM.label))
        for button in self.buttons.values():  # the steps offered, in order, without gaps
            self.grid.removeWidget(button)
            button.hide()
        for i, step in enumerate(self.steps):
            self.grid.addWidget(self.buttons[step], i // 4, i % 4)
            self.buttons[step].show()
        self.identity_group.setVisible(Step.IDENTITY in self.steps)
        self.loads += 1

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.errors import ArbokluisError

        if not isinstance(exc, ArbokluisError):
            raise exc
        self.error.setText(exc.message)
        self.loads += 1

    def _run(self, fn, *args, **kwargs) -> None:
        """A step on the database thread; its Dutch error under the buttons, then fill again."""
        from desktop_app.errors import ArbokluisError

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, ArbokluisError):
                raise exc
            self.error.setText(exc.message)
            self.refresh()

        def done(_result) -> None:
            self.error.clear()
            self.refresh()

        self.ctx.run(fn, self.request_id, *args, on_success=done, on_failure=failed, owner=self, **kwargs)

    def form(self, title: str, fields: list[Field], save, *, values: dict | None = None, intro: str = ""):
        """A form for one step, opened (not run) so the dialog stays live; fills again when closed."""
        from ui.dossier_forms import FormDialog

        dialog = FormDialog(self.ctx, title, fields, save, values=values, intro=intro, parent=self)
        dialog.finished.connect(lambda _code: self.refresh())
        self.form_dialog = dialog
        dialog.open()
        return dialog

    # --- the steps every request shares ------------------------------------------------------

    def _identity(self) -> None:
        from desktop_app.services import requests

        if self.at_desk.isChecked():
            self._run(requests.identity_at_desk, self.document.currentData(), self.checked_on.text().strip())
            return
        c = {k: b.isChecked() for k, b in self.checks.items()}
        self._run(requests.check_identity, photo_blacked=c["photo"], mrz_blacked=c["mrz"],
                  number_blacked=c["number"], bsn_blacked=c["bsn"])

    def _start(self) -> None:
        from desktop_app.services import requests

        self._run(requests.start)

    def _ready(self) -> None:
        from desktop_app.services import requests

        self._run(requests.ready_for_signoff)

    def _signoff(self) -> None:
        from desktop_app.services import requests

        self._run(requests.sign_off, "akkoord bedrijfsarts")

    def _extend(self) -> None:
        from desktop_app.services import requests

        fields = [Field("extended_until", "Verlengen tot", kind="date", required=True),
                  Field("extension_reason", "Reden", kind="text", required=True),
                  Field("extension_letter_on", "Brief aan verzoeker verstuurd op", kind="date", required=True)]
        self.form("Termijn verlengen", fields,
                  lambda s, v: requests.extend(s, self.request_id, v["extended_until"], v["extension_reason"],
                                               v["extension_letter_on"]),
                  values={"extension_letter_on": nl(date.today())},
                  intro="Eén keer, met hoogstens twee maanden; de brief met de reden gaat binnen de eerste "
                        "termijn (AVG art. 12 lid 3).")

    def _refuse(self) -> None:
        from desktop_app.services import requests

        self.form("Verzoek afwijzen", [Field("reason", "Redenen", kind="text", required=True)],
                  lambda s, v: requests.refuse(s, self.request_id, v["reason"]),
                  intro="De afwijzingsbrief noemt deze redenen en de weg naar de Autoriteit Persoonsgegevens.")

    def _consent(self) -> None:
        from ui.request_outcome_dialogs import choose_transfer_consent

        choose_transfer_consent(self)

    def _perform(self) -> None:
        """What the kind of request leads to."""
        from desktop_app.domain.requests import RequestKind
        from ui.request_outcome_dialogs import perform

        if self.request.kind is RequestKind.DESTRUCTION:
            self._perform_destruction()
            return
        perform(self)

    def _perform_destruction(self) -> None:
        from ui.destruction_dialog import DestructionDialog

        DestructionDialog(self.ctx, self.request_id, parent=self).exec()
        self.refresh()

    def _notify(self) -> None:
        from ui.notices_dialog import NoticesDialog

        dialog = NoticesDialog(self.ctx, request_id=self.request_id, parent=self)
        self.form_dialog = dialog
        dialog.open()

    # --- letters to the requester ---------------------------------------------------------------

    def letters(self) -> list[tuple[str, str]]:
        """(which, title) of the letters this request has now."""
        from desktop_app.domain.requests import RequestState

        r = self.request
        out = []
        if r.extended_until is not None:
            out.append(("extension", "Brief: verlenging van de termijn"))
        if r.state is RequestState.DONE:
            out.append(("answer", "Brief: antwoord op het verzoek"))
        if r.state is RequestState.REFUSED:
            out.append(("refusal", "Brief: afwijzing met redenen"))
        return out

    def _letter(self) -> None:
        choices = self.letters()
        if len(choices) == 1:
            self.make_letter(choices[0][0])
            return
        menu = QMenu(self)
        for which, title in choices:
            menu.addAction(title).triggered.connect(lambda _c=False, w=which: self.make_letter(w))
        menu.popup(self.buttons[Step.LETTER].mapToGlobal(self.buttons[Step.LETTER].rect().bottomLeft()))

    def make_letter(self, which: str) -> None:
        from desktop_app.services import request_letters
        from ui.request_outcome_dialogs import show_pdf

        self.ctx.run(request_letters.letter_pdf, self.request_id, which,
                     on_success=lambda pdf: show_pdf(self, "Brief aan de verzoeker", pdf, "brief-verzoek.pdf"),
                     on_failure=self._failed, owner=self)
