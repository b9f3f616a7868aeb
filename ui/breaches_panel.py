"""The data-breach register in the client: what happened, when, whose data by category and
number, the risk; the 72-hour deadline from discovery, the report to the AP or why not, the people
concerned, the measures."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.breaches import DATA_CATEGORIES, RISKS, SUBJECT_CATEGORIES
from desktop_app.domain.dates import nl_date, nl_date_time
from ui.context import AppContext
from ui.form import ERROR_STYLE, Field, FormView, errors_of
from ui.screen_fit import fit
from ui.tables import fill, nl, plain, table


def _day(moment: datetime) -> str:
    return nl_date(moment)


def _time(moment: datetime) -> str:
    return moment.strftime("%H:%M")


class BreachDialog(QDialog):
    """Recording a breach: the facts, whose data by category and number, the risk."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved = None
        self.setWindowTitle("Datalek vastleggen")
        self.setObjectName("breach_dialog")
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        col = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        col.addWidget(plain("Beschrijf in algemene termen, zonder namen of BSN: het register zelf bevat geen "
                            "gegevens van betrokkenen."))
        now = datetime.now()
        self.form = FormView([
            Field("summary", "Wat is er gebeurd", kind="text", required=True),
            Field("occurred", "Gebeurd op", kind="date", required=True),
            Field("occurred_time", "Gebeurd om (uu:mm)", required=True),
            Field("discovered", "Ontdekt op", kind="date", required=True),
            Field("discovered_time", "Ontdekt om (uu:mm)", required=True),
            Field("subjects_count", "Aantal betrokkenen", required=True),
            Field("consequences", "Mogelijke gevolgen", kind="text"),
            Field("risk", "Risico", kind="choice", choices=list(RISKS.items())),
            Field("risk_assessment", "Afweging van het risico", kind="text", required=True),
            Field("measures", "Genomen maatregelen", kind="text")])
        self.form.set_values({"occurred": _day(now), "discovered": _day(now), "occurred_time": _time(now),
                              "discovered_time": _time(now), "risk": "risk"})
        col.addWidget(self.form)
        self.estimated = QCheckBox("Het aantal is een schatting")
        col.addWidget(self.estimated)
        self.data, self.data_error = self._group(col, "Welke gegevens", DATA_CATEGORIES, "data")
        self.subjects, self.subjects_error = self._group(col, "Van wie", SUBJECT_CATEGORIES, "subject")
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Vastleggen", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        fit(self, 720, 680)

    def _group(self, col, title: str, choices: dict[str, str], prefix: str):
        box = QGroupBox(title)
        grid = QGridLayout(box)
        checks = {}
        for i, (key, label) in enumerate(choices.items()):
            check = QCheckBox(label)
            check.setObjectName(f"{prefix}_{key}")
            checks[key] = check
            grid.addWidget(check, i // 3, i % 3)
        error = plain("")
        error.setStyleSheet(ERROR_STYLE)
        grid.addWidget(error, (len(choices) + 2) // 3, 0, 1, 3)
        col.addWidget(box)
        return checks, error

    def submit(self) -> None:
        from desktop_app.services import breaches

        v = self.form.values()
        for label in (self.error, self.data_error, self.subjects_error):
            label.clear()
        self.form.clear_errors()
        self.ctx.run(breaches.record, summary=v["summary"], occurred_on=v["occurred"],
                     occurred_time=v["occurred_time"], discovered_on=v["discovered"],
                     discovered_time=v["discovered_time"],
                     data_categories=[k for k, c in self.data.items() if c.isChecked()],
                     subject_categories=[k for k, c in self.subjects.items() if c.isChecked()],
                     subjects_count=v["subjects_count"], count_estimated=self.estimated.isChecked(),
                     consequences=v["consequences"], risk=v["risk"], risk_assessment=v["risk_assessment"],
                     measures=v["measures"], on_success=self._ok, on_failure=self._failed, owner=self)

    def _ok(self, result) -> None:
        self.saved = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.errors import ArbokluisError

        errors = errors_of(exc)
        if errors is None:
            if not isinstance(exc, ArbokluisError):
                raise exc
            self.error.setText(exc.message)
            return
        self.form.set_errors({k: m for k, m in errors.items() if k in self.form.widgets})
        self.data_error.setText(errors.get("data_categories", ""))
        self.subjects_error.setText(errors.get("subject_categories", ""))
        rest = [m for k, m in errors.items()
                if k not in self.form.widgets and k not in ("data_categories", "subject_categories")]
        if rest:
            self.error.setText(rest[0])


class BreachesPanel(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.breaches = []
        self.loads = 0
        self.form_dialog = None
        col = QVBoxLayout(self)
        col.addWidget(plain("Elk datalek komt in dit register, gemeld of niet (AVG art. 33 lid 5). Melden bij de "
                            "Autoriteit Persoonsgegevens binnen 72 uur na ontdekking, tenzij een risico voor de "
                            "betrokkenen onwaarschijnlijk is."))
        self.table = table(["Ontdekt", "Wat", "Risico", "Melding AP", "Stand"], "breaches_table")
        self.table.itemSelectionChanged.connect(self._selected_changed)
        col.addWidget(self.table, 2)
        self.detail = plain("")
        self.detail.setObjectName("breach_detail")
        col.addWidget(self.detail, 1)
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, (key, text, slot) in enumerate((
                ("record", "Datalek vastleggen…", self._record), ("report", "Gemeld bij de AP…", self._report),
                ("not_reported", "Niet melden…", self._not_reported), ("subjects", "Betrokkenen…", self._subjects),
                ("measures", "Maatregelen…", self._measures), ("close", "Afsluiten", self._close))):
            b = QPushButton(text)
            b.setObjectName(f"breach_{key}")
            b.clicked.connect(slot)
            self.buttons[key] = b
            grid.addWidget(b, i // 3, i % 3)
        col.addLayout(grid)

    def reload(self) -> None:
        from desktop_app.services import breaches

        self.ctx.run(lambda s: (breaches.register_list(s), breaches.now()), on_success=self._show,
                     on_failure=self._failed, owner=self)

    def _show(self, result) -> None:
        found, now = result
        self.breaches = found
        fill(self.table, [[nl_date_time(b.discovered_at), b.summary.splitlines()[0][:80],
                           RISKS[b.risk], b.report_status(now), "afgesloten" if b.closed_on else "open"]
                          for b in found], [b.id for b in found])
        self._selected_changed()
        self.loads += 1

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.errors import ArbokluisError

        if not isinstance(exc, ArbokluisError):
            raise exc
        self.error.setText(exc.message)
        self.loads += 1

    def current(self):
        row = self.table.currentRow()
        if row < 0:
            return None
        bid = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        return next((b for b in self.breaches if b.id == bid), None)

    def _selected_changed(self) -> None:
        b = self.current()
        for key in ("report", "not_reported", "subjects", "measures", "close"):
            self.buttons[key].setEnabled(b is not None and b.closed_on is None)
        if b is None:
            self.detail.setText("Kies een datalek om de gegevens te zien.")
            return
        lines = [b.summary,
                 f"Gebeurd: {nl_date_time(b.occurred_at)}; ontdekt: {nl_date_time(b.discovered_at)}",
                 "Gegevens: " + ", ".join(DATA_CATEGORIES[k] for k in sorted(b.data_categories)),
                 "Van: " + ", ".join(SUBJECT_CATEGORIES[k] for k in sorted(b.subject_categories))
                 + f" — {'ongeveer ' if b.count_estimated else ''}{b.subjects_count} betrokkenen",
                 f"Risico: {RISKS[b.risk]} — {b.risk_assessment}"]
        if b.ap_reference:
            lines.append(f"Meldingsnummer AP: {b.ap_reference}" + (f" (te laat: {b.late_reason})" if b.late_reason
                                                                    else ""))
        if b.subjects_informed_on:
            lines.append(f"Betrokkenen geïnformeerd op {nl(b.subjects_informed_on)}")
        elif b.subjects_not_informed_reason:
            lines.append(f"Betrokkenen niet geïnformeerd: {b.subjects_not_informed_reason}")
        if b.measures:
            lines.append(f"Maatregelen: {b.measures}")
        self.detail.setText("\n".join(lines))

    def _form(self, title: str, fields: list[Field], save, values=None, intro: str = ""):
        from ui.dossier_forms import FormDialog

        dialog = FormDialog(self.ctx, title, fields, save, values=values, intro=intro, parent=self)
        dialog.finished.connect(lambda _code: self.reload())
        self.form_dialog = dialog
        dialog.open()
        return dialog

    def _record(self) -> None:
        dialog = BreachDialog(self.ctx, self)
        dialog.finished.connect(lambda _code: self.reload())
        self.form_dialog = dialog
        dialog.open()

    def _report(self) -> None:
        from desktop_app.services import breaches

        b = self.current()
        if b is None:
            return
        now = datetime.now()
        self._form("Gemeld bij de Autoriteit Persoonsgegevens", [
            Field("reported", "Gemeld op", kind="date", required=True),
            Field("reported_time", "Gemeld om (uu:mm)", required=True),
            Field("ap_reference", "Meldingsnummer van de AP", required=True),
            Field("late_reason", "Reden als het later dan 72 uur na ontdekking is", kind="text")],
            lambda s, v: breaches.report_to_ap(s, b.id, v["reported"], v["reported_time"], v["ap_reference"],
                                               v["late_reason"]),
            values={"reported": _day(now), "reported_time": _time(now)},
            intro="Melden gaat via het meldformulier datalekken op autoriteitpersoonsgegevens.nl; het "
                  "meldingsnummer staat in de bevestiging.")

    def _not_reported(self) -> None:
        from desktop_app.services import breaches

        b = self.current()
        if b is None:
            return
        self._form("Niet melden", [Field("not_reported_reason", "Waarom niet gemeld", kind="text", required=True)],
                   lambda s, v: breaches.not_reported(s, b.id, v["not_reported_reason"]),
                   intro="Alleen als een risico voor de betrokkenen onwaarschijnlijk is.")

    def _subjects(self) -> None:
        from desktop_app.services import breaches

        b = self.current()
        if b is None:
            return
        self._form("Betrokkenen informeren", [
            Field("subjects_informed_on", "Geïnformeerd op", kind="date"),
            Field("subjects_not_informed_reason", "Of: waarom niet", kind="text")],
            lambda s, v: breaches.subjects_informed(s, b.id, v["subjects_informed_on"],
                                                    v["subjects_not_informed_reason"]),
            intro="Verplicht bij een hoog risico (AVG art. 34), tenzij bijvoorbeeld de gegevens versleuteld waren.")

    def _measures(self) -> None:
        from desktop_app.services import breaches

        b = self.current()
        if b is None:
            return
        self._form("Maatregelen", [Field("measures", "Genomen maatregelen", kind="text", required=True)],
                   lambda s, v: breaches.set_measures(s, b.id, v["measures"]), values={"measures": b.measures})

    def _close(self) -> None:
        from desktop_app.services import breaches

        b = self.current()
        if b is None:
            return
        self.ctx.run(breaches.close, b.id, on_success=lambda _b: self.reload(), on_failure=self._failed, owner=self)
