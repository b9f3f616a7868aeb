""""Inplannen…": put an employee into a free consultation slot, the suggested one chosen first.

The suggestion comes from the core (``services.agenda.suggestion``): for a problem analysis still
to do, the last free slot before its due date (end of week 6). A conflicting booking is refused
by the core; its Dutch message shows in the dialog and nothing is planned.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QVBoxLayout

from desktop_app.domain.agenda import WEEKDAYS
from desktop_app.domain.permissions import Permission
from ui.context import AppContext
from ui.models import nl_date
from ui.operations import read, save
from ui.screen_fit import fit
from ui.tables import fill, plain, table

WEEKS_SHOWN = 12


class PlanDialog(QDialog):
    def __init__(self, ctx: AppContext, employee_id: int, employee_name: str = "", parent=None, *,
                 moving=None) -> None:
        """``moving``: a planned booking to move to the chosen slot (its old time stays in its
        history) instead of planning a new one."""
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        self.moving = moving
        self.slots: list = []
        self.suggested = None
        self.booked = None
        self.setObjectName("plan_dialog")
        title = "Verplaatsen" if moving is not None else "Inplannen"
        self.setWindowTitle(f"{title} — {employee_name}" if employee_name else title)
        col = QVBoxLayout(self)
        self.suggestion = plain("Vrije tijden worden gezocht…")
        self.suggestion.setObjectName("plan_suggestion")
        self.suggestion.setStyleSheet("font-weight: 600;")
        col.addWidget(self.suggestion)
        self.planned = plain("")
        self.planned.setObjectName("plan_planned")
        col.addWidget(self.planned)
        self.table = table(["Datum", "Dag", "Tijd", "Plaats", "Arts"], "plan_slots")
        self.table.activated.connect(lambda _i: self.submit())
        col.addWidget(self.table, 1)
        # The employee's own question: medical staff plan it, and only they see whose it is (the
        # core refuses it to anyone else, services.agenda).
        self.confidential = QCheckBox("Op eigen vraag van de werknemer (open spreekuur): alleen medische "
                                      "medewerkers zien wie er komt, de werkgever krijgt geen melding")
        self.confidential.setObjectName("plan_confidential")
        self.confidential.setVisible(moving is None and Permission.MEDICAL_WRITE in ctx.held)
        col.addWidget(self.confidential)
        self.error = plain("")
        self.error.setObjectName("plan_error")
        self.error.setStyleSheet("color: #8b0000;")
        col.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.plan_button = buttons.addButton("Verplaatsen" if moving is not None else "Inplannen",
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        fit(self, 720, 560)
        self.load()

    def load(self) -> None:
        from desktop_app.services import agenda

        def fetch(session):
            today = date.today()
            return (agenda.suggestion(session, self.employee_id),
                    agenda.free_slots(session, today, today + timedelta(weeks=WEEKS_SHOWN)),
                    [b for b in agenda.bookings_for(session, self.employee_id) if str(b.state) == "planned"],
                    {p.id: p.name for p in agenda.physicians(session)})

        read(self, self.ctx, fetch).errors_to(self.error).success(self._show).run_in_background()

    def _show(self, result) -> None:
        suggestion, slots, planned, names = result
        self.suggested = suggestion
        self.slots = list(slots)
        if suggestion is not None and suggestion.slot not in self.slots:
            self.slots.append(suggestion.slot)  # beyond the weeks shown
            self.slots.sort(key=lambda s: s.starts)
        self.suggestion.setText(suggestion.text if suggestion else
                                "Er is geen vrije tijd op het spreekuur. Voeg eerst een spreekuur toe.")
        self.planned.setText("Al gepland: " + ", ".join(f"{nl_date(b.starts.date())} {b.starts:%H:%M}"
                                                       for b in planned) if planned else "")
        self.planned.setVisible(bool(planned))
        fill(self.table, [[nl_date(s.starts.date()), WEEKDAYS[s.starts.weekday()], f"{s.starts:%H:%M}",
                           s.location.label, names.get(s.physician_id, "")] for s in self.slots],
             list(range(len(self.slots))))
        if suggestion is not None:
            row = self.slots.index(suggestion.slot)
            self.table.selectRow(row)
            self.table.scrollToItem(self.table.item(row, 0))
        self.plan_button.setEnabled(bool(self.slots))

    def chosen(self):
        row = self.table.currentRow()
        return self.slots[row] if 0 <= row < len(self.slots) else None

    def submit(self) -> None:
        from desktop_app.services import agenda

        slot = self.chosen()
        if slot is None:
            self.error.setText("Kies een vrij tijdstip in de lijst.")
            return
        self.plan_button.setEnabled(False)
        if self.moving is not None:
            op = save(self, self.ctx, agenda.move, self.moving.id, slot.block_id, slot.starts)
        else:
            op = save(self, self.ctx, agenda.book, self.employee_id, slot.block_id, slot.starts,
                      confidential=not self.confidential.isHidden() and self.confidential.isChecked())
        op.errors_to(self._refused).success(self._done).run_in_background()

    def _refused(self, message: str) -> None:
        self.error.setText(message)
        self.plan_button.setEnabled(True)

    def _done(self, booking) -> None:
        self.booked = booking
        self.accept()


def plan_text(booking) -> str:
    return f"Ingepland op {nl_date(booking.starts.date())} om {booking.starts:%H:%M}."

