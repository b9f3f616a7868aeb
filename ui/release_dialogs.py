"""A physician's decision on a release: approve, refuse on one of the three grounds, or refer."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from ui.context import AppContext
from ui.form import ERROR_STYLE
from ui.tables import nl, plain


class ApprovalDialog(QDialog):
    """A physician decides on a release: approve, refuse on one of the three grounds, or refer."""

    def __init__(self, ctx: AppContext, release_id: int, parent=None) -> None:
        super().__init__(parent)
        from desktop_app.domain.requests import RECIPIENT_ROLES, REFUSAL_GROUNDS
        from desktop_app.services import consents, releases

        self.ctx = ctx
        self.release = ctx.call(releases.get, release_id)
        consent = ctx.call(consents.get, self.release.consent_id) if self.release.consent_id else None
        self.result_release = None
        self.setWindowTitle("Verstrekking beoordelen")
        col = QVBoxLayout(self)
        r = self.release
        lines = [f"Aan: {r.recipient_name} ({RECIPIENT_ROLES.get(r.recipient_role, r.recipient_role)})",
                 f"Wat: {r.what}", f"Doel: {r.purpose}"]
        if consent:
            lines += ["", f"Toestemming getekend {nl(consent.given_on)}, geldig tot {nl(consent.valid_until)}",
                      f"Gegevens volgens de toestemming: {consent.data_scope}", f"Doel: {consent.purpose}"]
        col.addWidget(plain("\n".join(lines)))
        col.addWidget(QLabel("Bij weigeren: de grond"))
        self.grounds = QButtonGroup(self)
        for number, text in REFUSAL_GROUNDS.items():
            button = QRadioButton(f"{number}. {text}")
            button.setObjectName(f"ground_{number}")
            self.grounds.addButton(button, number)
            col.addWidget(button)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Toelichting (verplicht bij voorleggen aan de kerndeskundige)")
        self.note.setMaximumHeight(90)
        col.addWidget(self.note)
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        row = QHBoxLayout()
        for name, text, slot in (("approve", "Goedkeuren", self.approve), ("refuse", "Weigeren", self.refuse),
                                 ("refer", "Voorleggen aan kerndeskundige", self.refer)):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            row.addWidget(b)
        cancel = QPushButton("Sluiten")
        cancel.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(cancel)
        col.addLayout(row)
        self.resize(720, 480)

    def _run(self, fn, *args) -> None:
        def ok(release):
            self.result_release = release
            self.accept()

        self.ctx.run(fn, self.release.id, *args, on_success=ok, owner=self,
                     on_failure=lambda exc: self.error.setText(getattr(exc, "message", "Dat lukte niet.")))

    def approve(self) -> None:
        from desktop_app.services import releases

        self._run(releases.approve)

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
