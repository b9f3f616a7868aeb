"""The login window: user name and password; the demo accounts when running the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from ui.context import AppContext
from ui.form import ERROR_STYLE, Field, FormView


class LoginDialog(QDialog):
    """Emits ``logged_in(session)`` on success; wrong input is shown under the form."""

    logged_in = Signal(object)

    def __init__(self, ctx: AppContext, practice_name: str = "", *, username: str = "",
                 locked: bool = False, unsaved: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Arbokluis — aanmelden")
        self.setObjectName("login")
        layout = QVBoxLayout(self)
        title = QLabel(practice_name or "Arbokluis")
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)  # a long practice name wraps instead of widening the dialog
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        layout.addWidget(title)
        if locked:
            text = ("Het programma is vergrendeld. Meld u opnieuw aan; een andere gebruiker "
                    "mag ook aanmelden (de vorige sessie wordt dan gesloten).")
            if unsaved:
                text += (" Er is niet-opgeslagen werk bewaard: dat krijgt alleen dezelfde gebruiker "
                         "terug; meldt een ander aan, dan gaat het verloren.")
            note = QLabel(text)
            note.setObjectName("lock_note")
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setWordWrap(True)
            layout.addWidget(note)
        self.form = FormView([Field("username", "Gebruikersnaam"),
                              Field("password", "Wachtwoord", kind="password")])
        self.form.set_value("username", username)
        layout.addWidget(self.form)
        self.message = QLabel()
        self.message.setObjectName("login_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.recover_button = QPushButton("Herstelsleutel gebruiken…")
        self.recover_button.clicked.connect(self._recover)
        buttons.addWidget(self.recover_button)
        self.login_button = QPushButton("Aanmelden")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.submit)
        buttons.addWidget(self.login_button)
        layout.addLayout(buttons)
        if ctx.demo:
            layout.addWidget(self._demo_accounts())
        (self.form.widgets["password"] if username else self.form.widgets["username"]).setFocus()
        self.resize(460, 0)

    def _demo_accounts(self) -> QGroupBox:
        from desktop_app.services import demo

        box = QGroupBox("Demo-accounts")
        col = QVBoxLayout(box)
        for acc in demo.ACCOUNTS:
            extra = f"\n    medische wachtzin: {acc.medical_passphrase}" if acc.medical_passphrase else ""
            label = QLabel(f"{acc.username} — wachtwoord: {acc.password}{extra}\n    ({acc.description})")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            col.addWidget(label)
        return box

    def submit(self) -> None:
        from desktop_app.services.practice import login

        username, password = self.form.value("username"), self.form.value("password")
        if not username:
            self.message.setText("Vul uw gebruikersnaam in.")
            return
        self.login_button.setEnabled(False)
        self.message.setText("Bezig met aanmelden…")
        self.ctx.tasks.run(login, self.ctx.data_dir, username, password,
                           on_success=self._ok, on_failure=self._failed, owner=self)

    def _ok(self, session) -> None:
        self.form.clear_secrets()
        self.message.clear()
        self.login_button.setEnabled(True)
        self.logged_in.emit(session)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.errors import ArbokluisError, KeyringProblem

        self.login_button.setEnabled(True)
        self.form.clear_secrets()
        self.form.widgets["password"].setFocus()
        if isinstance(exc, ArbokluisError):
            self.message.setText(exc.message)
            if isinstance(exc, KeyringProblem):
                self.recover_button.setFocus()
        else:
            self.message.setText(f"Aanmelden lukte niet door een onverwachte fout ({type(exc).__name__}).")

    def _recover(self) -> None:
        from ui.recovery import RecoveryDialog

        RecoveryDialog(self.ctx, self).exec()
