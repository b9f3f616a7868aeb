"""The workforce an employer gave per period (average headcount, FTE, full-time week), for the
absence statistics: a list with add, change and remove. The core checks every entry."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout

from ui import messages
from ui.context import AppContext
from ui.models import nl_date
from ui.screen_fit import fit
from ui.tables import fill, plain, table


def _num(value) -> str:
    return "" if value is None else format(value.normalize(), "f").replace(".", ",")


class WorkforceDialog(QDialog):
    def __init__(self, ctx: AppContext, employer, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employer = employer
        self.entries: list = []
        self.setObjectName("workforce_dialog")
        self.setWindowTitle(f"Personeelsbestand — {employer.name}")
        col = QVBoxLayout(self)
        week = (f"{_num(employer.full_time_hours)} uur" if employer.full_time_hours is not None
                else "niet vastgelegd (de statistiek neemt dan 40 uur aan)")
        col.addWidget(plain(
            "De praktijk kent vaak alleen de werknemers die zich ziek meldden. Vul hier het "
            "personeelsbestand in zoals de werkgever het opgaf; de verzuimstatistiek gebruikt het "
            f"voor een periode die de opgaven helemaal dekken. Voltijdse werkweek van de werkgever: {week}."))
        self.table = table(["Vanaf", "Tot en met", "Werknemers", "Fte", "Werkweek", "Ingevoerd door",
                            "Op"], "workforce_table")
        col.addWidget(self.table)
        row = QHBoxLayout()
        for text, slot, name in (("Toevoegen…", self._add, "add_workforce"),
                                 ("Wijzigen…", self._edit, "edit_workforce"),
                                 ("Verwijderen", self._remove, "remove_workforce")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        col.addLayout(row)
        fit(self, 820, 420)
        self.reload()

    def reload(self) -> None:
        from desktop_app.services import workforce
        from ui.operations import read

        read(self, self.ctx, workforce.for_employer, self.employer.id).success(self._show).run_in_background()

    def _show(self, entries: list) -> None:
        self.entries = entries
        fill(self.table, [[nl_date(e.start), nl_date(e.end), _num(e.headcount), _num(e.fte),
                           f"{_num(e.full_time_hours)} uur" if e.full_time_hours is not None else "van de werkgever",
                           e.entered_by_name, nl_date(date.fromisoformat(e.entered_at[:10]))]
                          for e in entries], [e.id for e in entries])

    def _selected(self):
        row = self.table.currentRow()
        if row < 0 or row >= len(self.entries):
            messages.show_info(self, "Kies eerst een opgave in de lijst.")
            return None
        entry_id = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        return next(e for e in self.entries if e.id == entry_id)

    def _add(self) -> None:
        from ui.dossier_forms import WorkforceEntryDialog

        if WorkforceEntryDialog(self.ctx, self.employer.id, parent=self).exec():
            self.reload()

    def _edit(self) -> None:
        from ui.dossier_forms import WorkforceEntryDialog

        entry = self._selected()
        if entry is not None and WorkforceEntryDialog(self.ctx, self.employer.id, entry, parent=self).exec():
            self.reload()

    def _remove(self) -> None:
        from desktop_app.services import workforce

        entry = self._selected()
        if entry is None:
            return
        if not messages.ask_yes_no(self, f"De opgave van {nl_date(entry.start)} t/m {nl_date(entry.end)} "
                                         "verwijderen?"):
            return
        from ui.operations import save

        save(self, self.ctx, workforce.remove, entry.id).success(lambda _r: self.reload()).run_in_background()
