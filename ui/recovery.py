"""The recovery key at the login window: re-bind to this workstation, or set a new password."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from ui import messages
from ui.context import AppContext
from ui.form import Field, FormView, errors_of


class RecoveryDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Herstelsleutel gebruiken")
        col = QVBoxLayout(self)
        self.tabs = QTabWidget()
        col.addWidget(self.tabs)
        rebind = QWidget()
        rc = QVBoxLayout(rebind)
        label = QLabel("Koppel de praktijk opnieuw aan de sleutelbos van dit werkstation, bijvoorbeeld "
                       "na een verhuizing naar een nieuwe computer.")
        label.setWordWrap(True)
        rc.addWidget(label)
        self.rebind_form = FormView([Field("key", "Herstelsleutel", placeholder="XXXX-XXXX-…")])
        rc.addWidget(self.rebind_form)
        self.tabs.addTab(rebind, "Opnieuw koppelen")
        reset = QWidget()
        sc = QVBoxLayout(reset)
        self.reset_form = FormView([
            Field("key", "Herstelsleutel"), Field("username", "Gebruikersnaam"),
            Field("password", "Nieuw wachtwoord", kind="password"),
            Field("medical_passphrase", "Nieuwe medische wachtzin (niet voor casemanagers)", kind="password")])
        sc.addWidget(self.reset_form)
        self.tabs.addTab(reset, "Wachtwoord vergeten")
        buttons = QDialogButtonBox()
        buttons.addButton("Uitvoeren", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)

    def submit(self) -> None:
        from desktop_app.services import practice

        if self.tabs.currentIndex() == 0:
            form = self.rebind_form
            work = (practice.rebind_with_recovery, self.ctx.data_dir, form.value("key"))
            done = "De praktijk is opnieuw gekoppeld. U kunt nu aanmelden."
        else:
            form = self.reset_form
            v = form.values()
            work = (practice.reset_password_with_recovery, self.ctx.data_dir, v["key"], v["username"],
                    v["password"], v["medical_passphrase"] or None)
            done = "Het nieuwe wachtwoord is ingesteld. U kunt nu aanmelden."
        form.clear_secrets()

        def failed(exc):
            errors = errors_of(exc)
            if errors:
                form.set_errors(errors)
            else:
                from ui.operations import show_or_report

                show_or_report(exc, lambda text: messages.show_error(self, text))

        def ok(_r):
            messages.show_info(self, done)
            self.accept()

        self.ctx.tasks.run(*work, on_success=ok, on_failure=failed)
