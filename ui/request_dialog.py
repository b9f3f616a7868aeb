"""Handling one request under the employee's rights, step by step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.domain.permissions import Permission
from ui import messages, permissions
from ui.context import AppContext
from ui.form import ERROR_STYLE, Field
from ui.tables import nl, plain


class RequestDialog(QDialog):
    """One request, step by step: identity, in progress, extension, sign-off, and what its kind needs."""

    def __init__(self, ctx: AppContext, request_id: int, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QCheckBox

        self.ctx = ctx
        self.request_id = request_id
        self.held = permissions.held(ctx)
        self.setWindowTitle("Verzoek behandelen")
        col = QVBoxLayout(self)
        self.summary = plain("")
        col.addWidget(self.summary)
        col.addWidget(QLabel("Identiteitsbewijs gezien, met afgeschermd:"))
        self.checks = {}
        for key, label in (("photo", "pasfoto"), ("mrz", "MRZ-code"), ("number", "documentnummer"), ("bsn", "BSN")):
            box = QCheckBox(label)
            box.setObjectName(f"check_{key}")
            self.checks[key] = box
            col.addWidget(box)
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        row = QHBoxLayout()
        self.buttons = {}
        for key, text, slot in (("identity", "Identiteit gecontroleerd", self._identity),
                                ("start", "In behandeling", self._start), ("extend", "Verlengen…", self._extend),
                                ("ready", "Klaar voor akkoord arts", self._ready),
                                ("signoff", "Akkoord bedrijfsarts", self._signoff),
                                ("perform", "Uitvoeren…", self._perform), ("refuse", "Afwijzen…", self._refuse)):
            b = QPushButton(text)
            b.setObjectName(f"request_{key}")
            b.clicked.connect(slot)
            self.buttons[key] = b
            row.addWidget(b)
        col.addLayout(row)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        col.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.refresh()

    def refresh(self) -> None:
        from desktop_app.services import requests

        self.request = r = self.ctx.call(requests.get, self.request_id)
        self.summary.setText(f"{r.kind.label} — ontvangen {nl(r.received_on)} — uiterlijk {nl(r.due)}"
                             f"{' (verlengd)' if r.extended_until else ''}\nStatus: {r.state.label}"
                             + (f"\nUitkomst: {r.outcome}" if r.outcome else ""))
        state = r.state.value
        self.buttons["identity"].setEnabled(state == "received")
        self.buttons["start"].setEnabled(state == "identity_checked")
        self.buttons["extend"].setEnabled(r.open and r.extended_until is None)
        self.buttons["ready"].setEnabled(state == "in_progress" and r.kind.needs_signoff)
        self.buttons["signoff"].setEnabled(state == "awaiting_signoff"
                                           and Permission.COPY_SIGN_OFF in self.held)
        self.buttons["perform"].setEnabled(state == "in_progress" and not r.kind.needs_signoff
                                           and self._may_perform(r.kind))
        self.buttons["refuse"].setEnabled(r.open)

    def _may_perform(self, kind) -> bool:
        from desktop_app.domain.requests import RequestKind

        if kind is RequestKind.DESTRUCTION:
            return {Permission.DESTROY, Permission.MEDICAL_WRITE} <= self.held
        return Permission.PRACTICE_WRITE in self.held

    def _run(self, fn, *args, **kwargs) -> None:
        try:
            self.ctx.call(fn, self.request_id, *args, **kwargs)
        except Exception as exc:
            self.error.setText(getattr(exc, "message", "Dat lukte niet."))
        else:
            self.error.clear()
        self.refresh()

    def _identity(self) -> None:
        from desktop_app.services import requests

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
        from ui.dossier_forms import FormDialog

        fields = [Field("until", "Verlengen tot", kind="date", required=True),
                  Field("reason", "Reden", kind="text", required=True),
                  Field("letter_on", "Brief aan verzoeker verstuurd op", kind="date", required=True)]
        FormDialog(self.ctx, "Termijn verlengen", fields,
                   lambda s, v: requests.extend(s, self.request_id, v["until"], v["reason"], v["letter_on"]),
                   values={"letter_on": nl(date.today())}, parent=self,
                   intro="Eén keer, met hoogstens twee maanden; de brief gaat binnen de eerste termijn.").exec()
        self.refresh()

    def _refuse(self) -> None:
        from desktop_app.services import requests
        from ui.dossier_forms import FormDialog

        FormDialog(self.ctx, "Verzoek afwijzen", [Field("reason", "Reden", kind="text", required=True)],
                   lambda s, v: requests.refuse(s, self.request_id, v["reason"]), parent=self).exec()
        self.refresh()

    def _perform(self) -> None:
        """What the kind of request asks, for the kinds that need no sign-off."""
        from desktop_app.domain.requests import RequestKind
        from desktop_app.services import requests

        kind = self.request.kind
        if kind is RequestKind.RESTRICTION:
            self._run(lambda s, rid: requests.restrict(s, self.request.employee_id, "verzoek van de werknemer", rid))
        elif kind is RequestKind.DESTRUCTION:
            from ui.destruction_dialog import DestructionDialog

            DestructionDialog(self.ctx, self.request_id, parent=self).exec()
            self.refresh()
        elif kind is RequestKind.CORRECTION:
            messages.show_info(self, "Corrigeer de aantekening op het tabblad Medisch, of leg de verklaring van "
                                     "de werknemer vast; sluit daarna het verzoek af.")
            self._run(requests.close, "behandeld op het tabblad Medisch")
        else:
            self._run(requests.close, "afgehandeld")
