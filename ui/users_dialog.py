"""User management for admin physicians: add, change role, secrecy statement, remove.

Every change of who may open what changes the practice's key directory, which only the medical
key vouches for (decision 0005): the dialog says so and offers to unlock the admin's medical
section. A removal, a demotion and a withdrawn secrecy statement rotate section keys; that runs
as an operation with a progress dialog.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.domain.dates import nl_date
from ui import messages
from ui.context import AppContext
from ui.dossier_forms import FormDialog
from ui.form import ERROR_STYLE, Field, errors_of
from ui.operations import REPORT, Operation
from ui.screen_fit import fit
from ui.tables import fill, table

ROLE_CHOICES = [("physician", "Bedrijfsarts"), ("assistant", "Praktijkassistent"), ("casemanager", "Casemanager")]

LOCKED_NOTICE = (
    "Gebruikers toevoegen, verwijderen of van rol veranderen en een geheimhoudingsverklaring "
    "vastleggen of intrekken kan alleen met uw medische deel ontgrendeld: de lijst van wie welke "
    "sleutel krijgt, wordt met de medische sleutel bewaakt. Vul uw medische wachtzin in."
)
UNLOCKED_NOTICE = "Uw medische deel is ontgrendeld: u kunt gebruikers beheren."


class UsersDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Gebruikers")
        col = QVBoxLayout(self)
        self.notice = QLabel()
        self.notice.setObjectName("users_notice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        col.addWidget(self.notice)
        unlock_row = QHBoxLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("users_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Medische wachtzin")
        self.passphrase.returnPressed.connect(self._unlock)
        self.unlock_button = QPushButton("Ontgrendelen")
        self.unlock_button.setObjectName("users_unlock")
        self.unlock_button.clicked.connect(self._unlock)
        unlock_row.addWidget(self.passphrase, 1)
        unlock_row.addWidget(self.unlock_button)
        col.addLayout(unlock_row)
        self.table = table(["Gebruikersnaam", "Naam", "Rol", "Geheimhoudingsverklaring"], "users_table")
        col.addWidget(self.table)
        self.held_notice = QLabel()  # users back through the restore of an older backup
        self.held_notice.setObjectName("users_held")
        self.held_notice.setWordWrap(True)
        self.held_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.held_notice.setStyleSheet(ERROR_STYLE)
        self.held_notice.hide()
        col.addWidget(self.held_notice)
        row = QHBoxLayout()
        self.change_buttons = []
        for text, slot in (("Toevoegen…", self._add), ("Rol wijzigen…", self._role),
                           ("Geheimhoudingsverklaring vastleggen…", self._secrecy),
                           ("Verklaring intrekken", self._revoke), ("Verwijderen", self._remove),
                           ("Weer toelaten", self._admit)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
            self.change_buttons.append(b)
        row.addStretch(1)
        col.addLayout(row)
        fit(self, 900, 460)
        self.reload()

    # --- the medical section ----------------------------------------------------------------

    def _medical_open(self) -> bool:
        return bool(self.ctx.session is not None and self.ctx.session.medical_unlocked)

    def _show_state(self) -> None:
        unlocked = self._medical_open()
        self.notice.setText(UNLOCKED_NOTICE if unlocked else LOCKED_NOTICE)
        self.passphrase.setVisible(not unlocked)
        self.unlock_button.setVisible(not unlocked)
        for button in self.change_buttons:
            button.setEnabled(unlocked)

    def _unlock(self) -> None:
        passphrase = self.passphrase.text()
        self.passphrase.clear()
        if not passphrase:
            return
        self.unlock_button.setEnabled(False)

        def done(_r=None) -> None:
            self.unlock_button.setEnabled(True)
            self._show_state()

        def failed(exc: BaseException) -> None:
            self.unlock_button.setEnabled(True)
            from ui.operations import show_or_report

            show_or_report(exc, self.notice.setText)

        self.ctx.tasks.run(lambda: self.ctx.session.unlock_medical(passphrase),
                           on_success=done, on_failure=failed, owner=self)

    # --- the list ---------------------------------------------------------------------------

    def reload(self) -> None:
        from desktop_app.services import users
        from ui.operations import read

        def show(infos) -> None:
            fill(self.table, [[i.user.username, i.user.display_name, i.user.role_label,
                               f"getekend {i.secrecy_signed_on}" if i.secrecy_signed_on else
                               ("—" if i.user.role.value != "assistant" else "ontbreekt")] for i in infos],
                 [i.user.username for i in infos])
            self._show_state()

        def show_held(held: list[str]) -> None:
            self.held_notice.setText(held_text(held))
            self.held_notice.setVisible(bool(held))

        self._show_state()
        read(self, self.ctx, users.list_users).success(show).run_in_background()
        read(self, self.ctx, users.held_after_restore).success(show_held).run_in_background()

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        return self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) if row >= 0 else None

    def _rotating(self, label: str, fn, *args, **kwargs) -> Operation:
        """A change that may rotate keys: an operation with a progress dialog."""
        def failed(exc: BaseException) -> None:
            from desktop_app.errors import ArbokluisError

            if isinstance(exc, ArbokluisError):
                messages.show_error(self, exc.message)
            self.reload()

        return Operation(self, self.ctx.tasks, fn, self.ctx.session, *args, progress=REPORT,
                         **kwargs).with_progress(label).success(lambda _r: self.reload()) \
            .failure(failed).run_in_background()

    # --- the changes ------------------------------------------------------------------------

    def _add(self) -> None:
        from desktop_app.domain.roles import Role
        from desktop_app.services import users
        from desktop_app.services.practice import NewUser

        fields = [Field("username", "Gebruikersnaam", required=True), Field("display_name", "Naam", required=True),
                  Field("role", "Rol", kind="choice", choices=ROLE_CHOICES),
                  Field("password", "Wachtwoord", kind="password", required=True),
                  Field("medical_passphrase", "Medische wachtzin (arts en assistent)", kind="password"),
                  Field("registration", "BIG- of AGB-nummer (arts)")]

        def save(session, v):
            return users.add_user(session, NewUser(v["username"], v["display_name"], Role(v["role"]),
                                                   v["password"], v["medical_passphrase"] or None,
                                                   registration=v["registration"]))

        if FormDialog(self.ctx, "Gebruiker toevoegen", fields, save, parent=self,
                      intro="De nieuwe gebruiker krijgt eigen sleutels; uw medische deel blijft "
                            "daarvoor ontgrendeld.").exec():
            self.reload()

    def _role(self) -> None:
        username = self._selected()
        if not username:
            return
        RoleDialog(self, username).exec()

    def _secrecy(self) -> None:
        from desktop_app.services import users

        username = self._selected()
        if not username:
            return
        fields = [Field("signed_on", "Getekend op", kind="date", required=True)]

        def save(session, v):
            from desktop_app.domain import validation

            return users.record_secrecy_statement(session, username,
                                                  validation.parse_date_nl(v["signed_on"], "signed_on"))

        if FormDialog(self.ctx, "Geheimhoudingsverklaring", fields, save, parent=self,
                      values={"signed_on": nl_date(date.today())}).exec():
            self.reload()

    def _revoke(self) -> Operation | None:
        from desktop_app.services import users

        username = self._selected()
        if not username or not messages.ask_yes_no(
                self, f"De geheimhoudingsverklaring van {username} intrekken? De sleutel van het "
                      "medische deel wordt daarna vervangen."):
            return None
        return self._rotating("Sleutel van het medische deel vervangen…", users.revoke_secrecy_statement,
                       username)

    def _remove(self) -> Operation | None:
        from desktop_app.services import users

        username = self._selected()
        if not username or not messages.ask_yes_no(
                self, f"Gebruiker {username} verwijderen? De sleutel van het praktijkdeel wordt "
                      "vervangen, en voor een medische gebruiker ook die van het medische deel."):
            return None
        return self._rotating("Sleutels vervangen…", users.remove_user, username)

    def _admit(self) -> Operation | None:
        from desktop_app.services import users
        from ui.operations import save

        username = self._selected()
        if not username or not messages.ask_yes_no(
                self, f"Gebruiker {username} was verwijderd na het maken van de teruggezette back-up. "
                      "Toch weer toelaten? Verwijderen is veiliger: dan worden de sleutels vervangen."):
            return None
        operation = save(self, self.ctx, users.admit_after_restore, username).success(lambda _r: self.reload())
        operation.run_in_background()
        return operation


def held_text(held: list[str]) -> str:
    if not held:
        return ""
    return ("Na het terugzetten van een back-up geweerd, omdat zij na het maken ervan hun toegang "
            "verloren: " + ", ".join(held) + ". Hun oude wachtwoord opent de teruggezette bestanden "
            "buiten het programma om, tot u beslist. Kies de gebruiker en Verwijderen of Verklaring "
            "intrekken (aanbevolen: de sleutels worden vervangen), of Weer toelaten.")


class RoleDialog(FormDialog):
    """The role form; saving runs as an operation with progress (a demotion rotates a key)."""

    def __init__(self, owner: UsersDialog, username: str) -> None:
        fields = [Field("role", "Rol", kind="choice", choices=ROLE_CHOICES),
                  Field("flags", "Als bedrijfsarts", kind="choice",
                        choices=[("", "—"), ("supervisor", "kerndeskundige"), ("admin", "beheerder"),
                                 ("both", "kerndeskundige en beheerder")]),
                  Field("medical_passphrase", "Nieuwe medische wachtzin (bij overstap naar arts of assistent)",
                        kind="password")]
        super().__init__(owner.ctx, f"Rol van {username}", fields, lambda s, v: None, parent=owner,
                         intro="Wie geen medische rol meer heeft, verliest de toegang tot het medische "
                               "deel: de sleutel wordt vervangen.")
        self.owner = owner
        self.username = username

    def submit(self) -> None:
        from desktop_app.domain.roles import Role
        from desktop_app.services import users

        self.save_button.setEnabled(False)
        v = self.form.values()
        flags = v["flags"]
        Operation(self, self.ctx.tasks, users.change_role, self.ctx.session, self.username,
                  Role(v["role"]), is_supervisor=flags in ("supervisor", "both"),
                  is_admin=flags in ("admin", "both"), medical_passphrase=v["medical_passphrase"] or None,
                  progress=REPORT).with_progress("Rol wijzigen…").success(self._done) \
            .failure(self._refused).run_in_background()

    def _done(self, _result) -> None:
        self.form.mark_clean()
        self.accept()
        self.owner.reload()

    def _refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        errors = errors_of(exc)
        if errors:
            self.form.set_errors(errors)
        elif hasattr(exc, "message"):
            messages.show_error(self, exc.message)
