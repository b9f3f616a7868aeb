"""First run: the practice's details, the first physician's account, the keyring, the recovery key."""

from __future__ import annotations

import base64

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from ui.context import AppContext
from ui.form import ERROR_STYLE, Field, FormView, errors_of
from ui.screen_fit import fit

PRACTICE_FIELDS = [
    Field("practice_name", "Naam van de praktijk", required=True), Field("practice_address", "Adres"),
    Field("practice_postcode", "Postcode"), Field("practice_city", "Plaats"),
    Field("practice_phone", "Telefoon"), Field("practice_email", "E-mail"),
    Field("practice_kvk", "KvK-nummer"), Field("practice_registration", "AGB-code of BIG-nummer arts"),
]
ACCOUNT_FIELDS = [
    Field("display_name", "Uw naam (zoals op brieven)", required=True),
    Field("username", "Gebruikersnaam", required=True),
    Field("password", "Wachtwoord", kind="password", required=True),
    Field("password2", "Wachtwoord herhalen", kind="password", required=True),
    Field("medical_passphrase", "Medische wachtzin", kind="password", required=True),
    Field("medical_passphrase2", "Medische wachtzin herhalen", kind="password", required=True),
]


def plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class StrengthBar(QProgressBar):
    def __init__(self) -> None:
        super().__init__()
        self.setRange(0, 4)
        self.setTextVisible(True)
        self.update_for("")

    def update_for(self, secret: str) -> None:
        from desktop_app.vault import policy

        score = policy.strength(secret)
        self.setValue(score)
        self.setFormat(f"Sterkte: {policy.STRENGTH_LABELS[score]}")


class PracticePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Uw praktijk")
        self.setSubTitle("Deze gegevens komen op het briefpapier van alle documenten.")
        col = QVBoxLayout(self)
        self.form = FormView(PRACTICE_FIELDS)
        col.addWidget(self.form)
        self.logo: bytes | None = None
        self.logo_button = QPushButton("Logo kiezen… (PNG of JPEG, optioneel)")
        self.logo_button.clicked.connect(self._logo)
        col.addWidget(self.logo_button)
        self.restore_button = QPushButton("Of: een bestaande praktijk terugzetten uit een back-up…")
        self.restore_button.setObjectName("restore_backup")
        col.addWidget(self.restore_button)

    def _logo(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, "Logo", "", "Afbeeldingen (*.png *.jpg *.jpeg)")
        if path:
            with open(path, "rb") as fh:
                data = fh.read(2 * 1024 * 1024 + 1)
            if len(data) > 2 * 1024 * 1024 or not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")):
                self.logo_button.setText("Logo: kies een PNG of JPEG van hoogstens 2 MB")
                return
            self.logo = data
            self.logo_button.setText("Logo gekozen ✓")

    def validatePage(self) -> bool:  # noqa: N802
        if not self.form.value("practice_name"):
            self.form.set_errors({"practice_name": "Naam van de praktijk: vul dit in."})
            return False
        self.form.clear_errors()
        return True


class AccountPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Uw account als bedrijfsarts")
        self.setSubTitle("U wordt beheerder. Het wachtwoord opent het programma; de medische wachtzin, "
                         "een andere, opent het medische deel.")
        col = QVBoxLayout(self)
        self.form = FormView(ACCOUNT_FIELDS)
        col.addWidget(self.form)
        self.strength = StrengthBar()
        self.medical_strength = StrengthBar()
        col.addWidget(plain("Wachtwoord:"))
        col.addWidget(self.strength)
        col.addWidget(plain("Medische wachtzin:"))
        col.addWidget(self.medical_strength)
        self.form.widgets["password"].textChanged.connect(self.strength.update_for)
        self.form.widgets["medical_passphrase"].textChanged.connect(self.medical_strength.update_for)

    def validatePage(self) -> bool:  # noqa: N802
        from desktop_app.domain.roles import Role
        from desktop_app.errors import ArbokluisError
        from desktop_app.services.practice import NewUser

        v = self.form.values()
        errors = {}
        if v["password"] != v["password2"]:
            errors["password2"] = "De wachtwoorden zijn niet gelijk."
        if v["medical_passphrase"] != v["medical_passphrase2"]:
            errors["medical_passphrase2"] = "De medische wachtzinnen zijn niet gelijk."
        if not errors:
            try:
                NewUser(v["username"], v["display_name"], Role.PHYSICIAN, v["password"],
                        v["medical_passphrase"], is_supervisor=True, is_admin=True).validated()
            except ArbokluisError as exc:
                errors = errors_of(exc) or {"username": exc.message}
        self.form.set_errors(errors)
        return not errors


class KeyringPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        from desktop_app.vault import binding

        self.setTitle("Koppeling aan dit werkstation")
        bound = binding.backend_name() is not None
        text = (
            "Arbokluis bewaart een geheim in de sleutelbos van het besturingssysteem (bijvoorbeeld "
            "Windows Referentiebeheer). Dat geheim is nodig naast uw wachtwoord: wie alleen een "
            "kopie van de gegevens of een back-up heeft, komt er daardoor niet in.\n\n"
            "Op een ander werkstation, of na het wissen van de sleutelbos, koppelt u opnieuw met "
            "de herstelsleutel die u zo meteen krijgt."
        )
        if bound:
            text += "\n\nOp dit werkstation is een sleutelbos gevonden: de praktijk wordt eraan gekoppeld."
        else:
            text += ("\n\nLet op: op dit werkstation is geen sleutelbos gevonden. De praktijk werkt dan "
                     "zonder koppeling; bewaar back-ups en de gegevensmap extra zorgvuldig.")
        col = QVBoxLayout(self)
        col.addWidget(plain(text))


class RecoveryPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("Uw herstelsleutel")
        self.setSubTitle("Alleen nu getoond. Druk hem af en berg hem op in de kluis van de praktijk.")
        col = QVBoxLayout(self)
        self.status = plain("De praktijk wordt aangemaakt…")
        col.addWidget(self.status)
        self.key = QLabel()
        self.key.setObjectName("recovery_key")
        self.key.setTextFormat(Qt.TextFormat.PlainText)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("DejaVu Sans Mono")
        font.setPointSize(16)
        self.key.setFont(font)
        col.addWidget(self.key)
        self.notice = plain("")
        col.addWidget(self.notice)
        self.print_button = QPushButton("Herstelsleutel afdrukken…")
        self.print_button.clicked.connect(self._print)
        col.addWidget(self.print_button)
        self.stored = QCheckBox("Ik heb de herstelsleutel afgedrukt of opgeschreven en veilig opgeborgen")
        self.stored.setObjectName("stored_checkbox")
        self.stored.toggled.connect(self.completeChanged)
        col.addWidget(self.stored)
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        self.created = None

    def initializePage(self) -> None:  # noqa: N802
        self.wiz.create_practice(self)

    def show_created(self, created) -> None:
        self.created = created
        self.status.setText("De praktijk is aangemaakt.")
        self.key.setText(created.recovery_key)
        self.notice.setText(created.notice)
        self.completeChanged.emit()

    def show_error(self, message: str) -> None:
        self.status.setText("")
        self.error.setText(message)

    def isComplete(self) -> bool:  # noqa: N802
        return self.created is not None and self.stored.isChecked()

    def _print(self) -> None:
        """The recovery-key sheet as a PDF, previewed from memory and printed from the preview."""
        from datetime import datetime

        from desktop_app.documents.layout import Letterhead
        from desktop_app.documents.recovery_sheet import recovery_sheet_pdf
        from ui.pdf_preview import PdfPreview

        if self.created is None:
            return
        values = self.wiz.practice_page.form.values()
        letterhead = Letterhead.from_settings(values)
        pdf = recovery_sheet_pdf(letterhead=letterhead, recovery_key=self.created.recovery_key,
                                 practice_id=self.created.practice_id, created=datetime.now())
        PdfPreview("Herstelsleutel", pdf, self, suggested_name="herstelsleutel.pdf").exec()


class SetupWizard(QWizard):
    finished_setup = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("Arbokluis — nieuwe praktijk")
        self.setObjectName("setup_wizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, "Volgende >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< Vorige")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Voltooien")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Annuleren")
        self.practice_page = PracticePage()
        self.account_page = AccountPage()
        self.recovery_page = RecoveryPage(self)
        for page in (self.practice_page, self.account_page, KeyringPage(), self.recovery_page):
            self.addPage(page)
        self.practice_page.restore_button.clicked.connect(self._restore)
        fit(self, 720, 620)

    def create_practice(self, page: RecoveryPage) -> None:
        from desktop_app.domain.roles import Role
        from desktop_app.services.practice import NewUser, create_practice

        settings = self.practice_page.form.values()
        name = settings.pop("practice_name")
        if self.practice_page.logo:
            settings["practice_logo"] = base64.b64encode(self.practice_page.logo).decode()
        a = self.account_page.form.values()
        user = NewUser(a["username"], a["display_name"], Role.PHYSICIAN, a["password"],
                       a["medical_passphrase"], is_supervisor=True, is_admin=True,
                       registration=settings.get("practice_registration", ""))
        self.account_page.form.clear_secrets()
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        from ui.operations import Operation

        Operation(self, self.ctx.tasks, create_practice, self.ctx.data_dir, practice_name=name, first_user=user,
                  settings=settings).success(page.show_created).errors_to(page.show_error).run_in_background()

    def _restore(self) -> None:
        from ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.ctx, self)
        if dialog.exec() and dialog.restored:
            self.hide()
            self.finished_setup.emit()

    def accept(self) -> None:
        self.ctx.settings["practice_name"] = self.practice_page.form.value("practice_name")
        super().accept()
        self.finished_setup.emit()
