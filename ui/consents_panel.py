"""Consents and the release log of one employee, with recording, revoking, asking for a release (on
consent or under a legal duty), deciding on it and recording its hand-over.

The status of a consent and of a release, and what the user may do with a release, come from the
core (``consents.overview``, ``releases.overview``): the panel shows them and enables its buttons by
them, it works out no rule itself.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Permission
from ui import messages
from ui.consent_dialog import ConsentDialog
from ui.context import AppContext
from ui.form import Field
from ui.release_dialogs import (
    ApprovalDialog,
    LegalReleaseDialog,
    ReleaseFormDialog,
    handover_dialog,
    release_request_dialog,
)
from ui.tables import fill, nl, plain, table

CONSENT_COLUMNS = ["Getekend", "Gericht aan", "Ontvanger", "Hoedanigheid", "Geldig tot", "Status"]
RELEASE_COLUMNS = ["Aangevraagd", "Aan", "Wat", "Grond", "Status", "Hoe", "Verstrekt op", "Door"]


def _day(stamp: str | None) -> str:
    """A stored UTC moment as the local day, dd-mm-jjjj."""
    return nl(datetime.fromisoformat(stamp).astimezone().date()) if stamp else ""


class ConsentsPanel(QWidget):
    """Part of the rights tab: the employee's consents and what was released, on consent or by law."""

    def __init__(self, ctx: AppContext, employee_id: int, held: frozenset[Permission], parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        self.consent_lines: dict[int, object] = {}
        self.release_lines: dict[int, object] = {}
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(plain("Toestemmingen"))
        self.consents_table = table(CONSENT_COLUMNS, "consents_table")
        col.addWidget(self.consents_table)
        col.addWidget(plain("Verstrekkingen"))
        self.releases_table = table(RELEASE_COLUMNS, "releases_table")
        self.releases_table.itemSelectionChanged.connect(self._release_selected)
        col.addWidget(self.releases_table)
        wording = {Permission.CONSENT_WORDING}
        change = {Permission.CONSENT_WORDING, Permission.PRACTICE_WRITE}
        row = QHBoxLayout()
        self.actions: dict[str, QPushButton] = {}
        for key, text, slot, needed in (
                ("consent", "Toestemming vastleggen…", self._consent, change),
                ("revoke", "Toestemming intrekken…", self._revoke, change),
                ("release", "Verstrekking aanvragen…", self._new_release, change),
                ("legal", "Verstrekking wettelijke plicht…", self._legal, change),
                ("approve", "Verstrekking beoordelen…", self._approve, wording | {Permission.RELEASE_APPROVE}),
                ("handover", "Verstrekking vastleggen…", self._handover, change)):
            if not needed <= held:
                continue
            b = QPushButton(text)
            b.setObjectName(f"rights_{key}")
            b.clicked.connect(slot)
            self.actions[key] = b
            row.addWidget(b)
        if "legal" in self.actions:
            self.actions["legal"].setToolTip("Verstrekking zonder toestemming die de wet voorschrijft: aan de "
                                             "verzekeringsarts van UWV (WIA, Ziektewet) of de melding van een "
                                             "beroepsziekte aan het NCvB.")
        if "handover" in self.actions:
            self.actions["handover"].setToolTip("Vastleggen hoe, wanneer, door wie en aan wie een goedgekeurde "
                                                "verstrekking is verstrekt.")
        row.addStretch(1)
        col.addLayout(row)
        self._release_selected()

    # --- showing -------------------------------------------------------------------------------

    def reload(self) -> None:
        from desktop_app.services import consents, releases

        def load(session):
            return consents.overview(session, self.employee_id), releases.overview(session, self.employee_id)

        from ui.operations import read

        read(self, self.ctx, load).success(self._show).run_in_background()

    def _show(self, data) -> None:
        cons, rels = data
        self.consent_lines = {line.consent.id: line for line in cons}
        self.release_lines = {line.release.id: line for line in rels}
        fill(self.consents_table, [[nl(x.consent.given_on), x.physician_name, x.consent.recipient_name,
                                    x.consent.role_label, nl(x.consent.valid_until), x.status.label] for x in cons],
             [x.consent.id for x in cons])
        fill(self.releases_table, [[_day(x.release.requested_at), x.release.recipient_name, x.release.what, x.ground,
                                    x.status, x.release.method_label, nl(x.release.handed_over_on),
                                    x.release.handed_over_by_name] for x in rels], [x.release.id for x in rels])
        self._release_selected()

    def _selected_release(self):
        row = self.releases_table.currentRow()
        if row < 0 or not self.releases_table.selectedItems():
            return None
        return self.release_lines.get(self.releases_table.item(row, 0).data(Qt.ItemDataRole.UserRole))

    def _release_selected(self) -> None:
        line = self._selected_release()
        if "approve" in self.actions:
            self.actions["approve"].setEnabled(bool(line and (line.may_decide or line.may_refer)))
        if "handover" in self.actions:
            self.actions["handover"].setEnabled(bool(line and line.may_hand_over))

    def _selected_consent(self):
        row = self.consents_table.currentRow()
        if row < 0:
            return None
        return self.consent_lines.get(self.consents_table.item(row, 0).data(Qt.ItemDataRole.UserRole))

    # --- consents ------------------------------------------------------------------------------

    def _consent(self) -> None:
        if ConsentDialog(self.ctx, self.employee_id, self).exec():
            self.reload()

    def _revoke(self) -> None:
        from desktop_app.services import consents

        line = self._selected_consent()
        if line is None:
            messages.show_info(self, "Kies eerst een toestemming.")
            return
        consent = line.consent
        dialog = ReleaseFormDialog(
            self.ctx, "Toestemming intrekken",
            f"Toestemming van {nl(consent.given_on)} voor {consent.recipient_name}. Verstrekkingen op deze "
            "toestemming die nog niet zijn verstrekt, worden gestopt.",
            [Field("revoked_on", "Ingetrokken op", kind="date", required=True)],
            lambda s, v: consents.revoke(s, consent.id, v["revoked_on"]), values={"revoked_on": nl(date.today())},
            parent=self, save_text="Intrekken")
        if dialog.exec():
            self.reload()

    # --- releases ------------------------------------------------------------------------------

    def _new_release(self) -> None:
        line = self._selected_consent()
        if line is None:
            messages.show_info(self, "Kies eerst de toestemming waarop de verstrekking steunt.")
            return
        if not line.status.usable:
            messages.show_info(self, f"Deze toestemming is {line.status.label}; er kan geen verstrekking op "
                                     "worden aangevraagd.")
            return
        if release_request_dialog(self.ctx, self.employee_id, line.consent, self).exec():
            self.reload()

    def _legal(self) -> None:
        from desktop_app.services import consents
        from ui.operations import read

        me = self.ctx.session.user.username if self.ctx.session is not None else ""

        def open_dialog(physicians) -> None:
            if LegalReleaseDialog(self.ctx, self.employee_id, physicians, me=me, parent=self).exec():
                self.reload()

        read(self, self.ctx, consents.physicians).success(open_dialog).run_in_background()

    def _approve(self) -> None:
        line = self._selected_release()
        if line is None:
            messages.show_info(self, "Kies eerst een verstrekking in de lijst.")
            return
        if ApprovalDialog(self.ctx, line.release.id, self).exec():
            self.reload()

    def _handover(self) -> None:
        from desktop_app.services import releases

        line = self._selected_release()
        if line is None:
            messages.show_info(self, "Kies eerst een goedgekeurde verstrekking in de lijst.")
            return
        from ui.operations import read

        me = self.ctx.session.user.username if self.ctx.session is not None else ""

        def open_dialog(users) -> None:
            if handover_dialog(self.ctx, line.release, users, me, self).exec():
                self.reload()

        read(self, self.ctx, releases.handover_users).success(open_dialog).run_in_background()
