"""Put a practice back from a backup: on a new workstation with the recovery key, or here with a
user's password and medical passphrase. Only into a folder without a practice; nothing is
overwritten. Users removed after the backup was made are named: they stay out until an admin
decides."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from ui import messages
from ui.context import AppContext
from ui.form import ERROR_STYLE, Field, FormView


class RestoreDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = ""
        self.restored = False
        self.setWindowTitle("Back-up terugzetten")
        col = QVBoxLayout(self)
        intro = QLabel("Kies de back-up en geef de herstelsleutel (op een nieuw werkstation) of uw "
                       "gebruikersnaam, wachtwoord en medische wachtzin. De praktijk komt in:\n"
                       f"{ctx.data_dir}")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        col.addWidget(intro)
        self.choose = QPushButton("Back-up kiezen…")
        self.choose.clicked.connect(self._choose)
        col.addWidget(self.choose)
        self.form = FormView([Field("recovery_key", "Herstelsleutel"), Field("username", "of: gebruikersnaam"),
                              Field("password", "en wachtwoord", kind="password"),
                              Field("medical_passphrase", "en medische wachtzin", kind="password")])
        col.addWidget(self.form)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton("Terugzetten", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)

    def _choose(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, "Back-up", "", "Arbokluis-back-up (*.arbokluis-backup)")
        if path:
            self.path = path
            self.choose.setText(path)

    def submit(self) -> None:
        from desktop_app.services import backup

        if not self.path:
            self.error.setText("Kies eerst een back-up.")
            return
        v = self.form.values()
        self.form.clear_secrets()
        kwargs = ({"recovery_key": v["recovery_key"]} if v["recovery_key"]
                  else {"username": v["username"], "password": v["password"],
                        "medical_passphrase": v["medical_passphrase"]})
        from ui.operations import REPORT, TOKEN, Operation

        def ok(restored) -> None:
            self.restored = True
            messages.show_info(self, "De praktijk is teruggezet. U kunt nu aanmelden."
                               + held_notice(restored.held))
            self.accept()

        def failed(exc) -> None:
            from ui.operations import show_or_report

            show_or_report(exc, self.error.setText)

        def cancelled() -> None:
            self.error.setText("Terugzetten is afgebroken. Er is niets teruggezet.")

        self.error.setText("")
        self.operation = Operation(
            self, self.ctx.tasks, backup.restore, self.path, self.ctx.data_dir,
            progress=REPORT, cancel=TOKEN, **kwargs,
        ).with_progress("Back-up controleren en terugzetten…", cancellable=True) \
            .success(ok).failure(failed).on_cancel(cancelled)
        self.operation.run_in_background()


def held_notice(held: list[str]) -> str:
    """What the restorer must know about users removed after the backup was made."""
    if not held:
        return ""
    return ("\n\nNa het maken van deze back-up hebben deze gebruikers hun toegang verloren (verwijderd, "
            "of geen toegang meer tot het medische deel): " + ", ".join(held) + ". Zij kunnen niet "
            "aanmelden tot een beheerder onder Gebruikers beslist. Hun oude wachtwoord opent de "
            "teruggezette bestanden buiten het programma om wel, tot u hen opnieuw verwijdert of hun "
            "verklaring opnieuw intrekt: doe dat zo snel mogelijk (de sleutels worden dan vervangen).")
