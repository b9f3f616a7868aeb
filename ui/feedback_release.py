"""Recording that approved functional feedback went to the employer (and the same to the employee):
how, when and to whom, by the user. The core refuses feedback that no physician approved."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidget

from ui import messages
from ui.context import AppContext
from ui.form import Field
from ui.release_dialogs import ReleaseFormDialog
from ui.tables import nl


def feedback_release_dialog(ctx: AppContext, feedback_id: int, parent=None) -> ReleaseFormDialog:
    from desktop_app.domain.releases import METHODS
    from desktop_app.services import releases

    def save(session, v):
        return releases.release_feedback_to_employer(session, feedback_id, v["method"], handed_on=v["handed_on"],
                                                     handed_to=v["handed_to"], note=v["note"])

    fields = [Field("method", "Hoe verstrekt", kind="choice", choices=list(METHODS.items())),
              Field("handed_on", "Verstrekt op", kind="date", required=True),
              Field("handed_to", "Aan (leeg: de werkgever)"),
              Field("note", "Toelichting", kind="text")]
    intro = ("De goedgekeurde terugkoppeling gaat naar de werkgever; de werknemer krijgt dezelfde "
             "terugkoppeling. Beide komen in het overzicht van inzage en verstrekking.")
    return ReleaseFormDialog(ctx, "Terugkoppeling verstrekt aan de werkgever", intro, fields, save,
                             values={"handed_on": nl(date.today())}, parent=parent, save_text="Vastleggen")


class FeedbackReleaseButton(QPushButton):
    """For the feedback tab: records the hand-over of the feedback selected in ``feedback_table``."""

    def __init__(self, ctx: AppContext, feedback_table: QTableWidget, window=None) -> None:
        super().__init__("Verstrekt aan werkgever…")
        self.setObjectName("feedback_released")
        self.ctx = ctx
        self.feedback_table = feedback_table
        self.window_ = window
        self.clicked.connect(self.open)

    def open(self) -> None:
        row = self.feedback_table.currentRow()
        if row < 0:
            messages.show_info(self, "Kies eerst een terugkoppeling in de lijst.")
            return
        feedback_id = self.feedback_table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        if feedback_release_dialog(self.ctx, feedback_id, self.window_ or self).exec():
            rights = getattr(self.window_, "rights", None)
            if rights is not None:
                rights.reload()
