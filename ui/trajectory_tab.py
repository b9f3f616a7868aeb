"""The dossier's "Re-integratie" tab: the employee's re-integration trajectories (spoor 1 or 2,
provider, start and end) with their plan of approach, evaluations and reports."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.tables import fill, nl, plain, table

TRACKS = [("first", "Spoor 1 (eigen werkgever)"), ("second", "Spoor 2 (andere werkgever)")]
KINDS = [("plan_of_approach", "Plan van aanpak"), ("evaluation", "Evaluatie plan van aanpak"),
         ("provider_report", "Rapportage re-integratiebedrijf"), ("final_report", "Eindrapportage")]


@dataclass(frozen=True)
class _Loaded:
    trajectories: list
    reports: dict


def _load(session, employee_id: int) -> _Loaded:
    from desktop_app.services import trajectories

    found = trajectories.for_employee(session, employee_id)
    return _Loaded(found, {t.id: trajectories.reports(session, t.id) for t in found})


def _case_for(session, employee_id: int):
    """The case a new trajectory belongs to: the running one, else the newest (or none)."""
    from desktop_app.services import cases

    found = cases.for_employee(session, employee_id)
    running = [c for c in found if c.is_open]
    return (running or found or [None])[0]


class TrajectoryTab(QWidget):
    def __init__(self, ctx: AppContext, employee_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        self.loaded: _Loaded | None = None
        col = QVBoxLayout(self)
        col.addWidget(plain("Een traject heeft een eigen begin en einde. Twee jaar na het einde worden de teksten "
                            "(aanbieder, plan van aanpak, evaluaties, rapportages) geanonimiseerd, ook als de "
                            "werknemer nog in dienst is; data, spoor en soorten blijven voor de statistiek."))
        self.table = table(["Spoor", "Re-integratiebedrijf", "Gestart", "Beëindigd", "Status"], "trajectory_table")
        self.table.setMaximumHeight(160)
        self.table.itemSelectionChanged.connect(self._show_reports)
        col.addWidget(self.table)
        col.addWidget(QLabel("Plan van aanpak, evaluaties en rapportages"))
        self.reports = table(["Datum", "Soort", "Samenvatting", "Afspraken", "Door"], "trajectory_reports")
        col.addWidget(self.reports)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("start", "Nieuw traject…", self._start), ("end", "Traject beëindigen…", self._end),
                                ("report", "Rapportage toevoegen…", self._report)):
            b = QPushButton(text)
            b.setObjectName(f"trajectory_{key}")
            b.clicked.connect(slot)
            self.buttons[key] = b
            row.addWidget(b)
        row.addStretch(1)
        col.addLayout(row)
        self.reload()

    def reload(self) -> None:
        from ui.operations import read

        read(self, self.ctx, _load, self.employee_id).success(self._show).run_in_background()

    def _show(self, loaded: _Loaded) -> None:
        chosen = self.selected()  # a refresh keeps the trajectory the user chose
        self.loaded = loaded
        fill(self.table, [[t.track.label, t.provider, nl(t.started_on), nl(t.ended_on), t.state_label]
                          for t in loaded.trajectories], [t.id for t in loaded.trajectories])
        if loaded.trajectories:
            ids = [t.id for t in loaded.trajectories]
            self.table.selectRow(ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0)
        self._show_reports()

    def selected(self):
        if not self.loaded or not self.loaded.trajectories:
            return None
        row = self.table.currentRow()
        return self.loaded.trajectories[row if row >= 0 else 0]

    def _show_reports(self) -> None:
        t = self.selected()
        found = self.loaded.reports.get(t.id, []) if t is not None and self.loaded else []
        fill(self.reports, [[nl(r.on_date), r.kind.label, r.summary, r.agreements, r.author_name] for r in found])
        self.buttons["end"].setEnabled(t is not None and t.running and not t.anonymised)
        self.buttons["report"].setEnabled(t is not None and not t.anonymised)

    def _after(self, dialog) -> None:
        if dialog.exec():
            self.reload()

    def _start(self) -> None:
        from desktop_app.domain.trajectory import TrajectoryForm
        from desktop_app.services import trajectories
        from ui.dossier_forms import FormDialog
        from ui.form import Field

        def save(session, v):
            case = _case_for(session, self.employee_id)
            return trajectories.start(session, self.employee_id, TrajectoryForm(**v), case.id if case else None)

        fields = [Field("track", "Spoor", kind="choice", choices=TRACKS),
                  Field("provider", "Re-integratiebedrijf"),
                  Field("started_on", "Gestart op", kind="date", required=True)]
        self._after(FormDialog(self.ctx, "Nieuw re-integratietraject", fields, save, parent=self,
                               intro="Het traject hoort bij de lopende (of laatste) ziekmelding."))

    def _end(self) -> None:
        from desktop_app.domain.trajectory import EndForm
        from desktop_app.services import trajectories
        from ui.dossier_forms import FormDialog
        from ui.form import Field

        t = self.selected()
        if t is None:
            return
        fields = [Field("ended_on", "Beëindigd op", kind="date", required=True), Field("reason", "Reden")]
        self._after(FormDialog(self.ctx, "Traject beëindigen", fields,
                               lambda s, v: trajectories.end(s, t.id, EndForm(**v)), parent=self,
                               intro="Vanaf deze datum loopt de bewaartermijn van twee jaar."))

    def _report(self) -> None:
        from desktop_app.domain.trajectory import ReportForm
        from desktop_app.services import trajectories
        from ui.dossier_forms import FormDialog
        from ui.form import Field

        t = self.selected()
        if t is None:
            return
        fields = [Field("kind", "Soort", kind="choice", choices=KINDS),
                  Field("on_date", "Datum", kind="date", required=True),
                  Field("summary", "Samenvatting", kind="text", required=True),
                  Field("agreements", "Afspraken", kind="text")]
        self._after(FormDialog(self.ctx, "Rapportage bij het traject", fields,
                               lambda s, v: trajectories.add_report(s, t.id, ReportForm(**v)), parent=self,
                               intro="Een plan van aanpak of evaluatie zet ook die stap op de Poortwachter-tijdlijn "
                                     "van de ziekmelding."))

