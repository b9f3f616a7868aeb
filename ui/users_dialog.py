"""User management for admin physicians: add, change role, secrecy statement, remove.

Removing a medical user (or taking away the medical role) rotates the medical key, with progress.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QProgressDialog, QPushButton, QVBoxLayout

from ui import messages
from ui.context import AppContext
from ui.dossier import fill, table
from ui.dossier_forms import FormDialog
from ui.form import Field

ROLE_CHOICES = [("physician", "Bedrijfsarts"), ("assistant", "Praktijkassistent"), ("casemanager", "Casemanager")]


class UsersDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Gebruikers")
        col = QVBoxLayout(self)
        self.table = table(["Gebruikersnaam", "Naam", "Rol", "Geheimhoudingsverklaring"], "users_table")
        col.addWidget(self.table)
        row = QHBoxLayout()
        for text, slot in (("Toevoegen…", self._add), ("Rol wijzigen…", self._role),
                           ("Geheimhoudingsverklaring vastleggen…", self._secrecy), ("Verwijderen", self._remove)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        col.addLayout(row)
        self.resize(820, 420)
        self.reload()

    def reload(self) -> None:
        from desktop_app.services import users

        infos = self.ctx.call(users.list_users)
        fill(self.table, [[i.user.username, i.user.display_name, i.user.role_label,
                           f"getekend {i.secrecy_signed_on}" if i.secrecy_signed_on else
                           ("—" if i.user.role.value != "assistant" else "ontbreekt")] for i in infos],
             [i.user.username for i in infos])

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        return self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) if row >= 0 else None

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
                      intro="Voor een medische gebruiker moet uw medische deel ontgrendeld zijn.").exec():
            self.reload()

    def _role(self) -> None:
        from desktop_app.domain.roles import Role
        from desktop_app.services import users

        username = self._selected()
        if not username:
            return
        fields = [Field("role", "Rol", kind="choice", choices=ROLE_CHOICES),
                  Field("flags", "Als bedrijfsarts", kind="choice",
                        choices=[("", "—"), ("supervisor", "kerndeskundige"), ("admin", "beheerder"),
                                 ("both", "kerndeskundige en beheerder")]),
                  Field("medical_passphrase", "Nieuwe medische wachtzin (bij overstap naar arts of assistent)",
                        kind="password")]

        def save(session, v):
            flags = v["flags"]
            return users.change_role(session, username, Role(v["role"]),
                                     is_supervisor=flags in ("supervisor", "both"),
                                     is_admin=flags in ("admin", "both"),
                                     medical_passphrase=v["medical_passphrase"] or None)

        if FormDialog(self.ctx, f"Rol van {username}", fields, save, parent=self,
                      intro="Wie geen medische rol meer heeft, verliest de toegang tot het medische deel: de "
                            "sleutel wordt vervangen.").exec():
            self.reload()

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
                      values={"signed_on": date.today().strftime("%d-%m-%Y")}).exec():
            self.reload()

    def _remove(self) -> None:
        from desktop_app.services import users

        username = self._selected()
        if not username or not messages.ask_yes_no(
                self, f"Gebruiker {username} verwijderen? Voor een medische gebruiker wordt de sleutel "
                      "van het medische deel vervangen."):
            return
        progress = QProgressDialog("Sleutel vervangen…", "", 0, 4, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def report(done, total, text):
            pass  # runs on the database thread; the dialog shows the overall wait

        def ok(_r):
            progress.close()
            self.reload()

        def failed(exc):
            progress.close()
            messages.show_error(self, getattr(exc, "message", "Verwijderen mislukt."))

        self.ctx.run(users.remove_user, username, report, on_success=ok, on_failure=failed)
