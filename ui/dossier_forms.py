"""Dialogs for the dossier's records: one form each, errors at the field, unsaved-change check."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.billing import BILLABLE_ENTRY_KINDS, WORK_CHOICES
from desktop_app.domain.billing import WORK_FIELDS as BILLING_FIELDS
from desktop_app.domain.case_facts import GROUND_CHOICES
from desktop_app.domain.medical.examinations import ExaminationKind, Outcome
from desktop_app.domain.medical.exposures import ExposureCategory
from desktop_app.domain.medical.fml import FML_RUBRICS, FmlScore, fml_field
from desktop_app.domain.medical.kinds import BODY_FIELDS, EntryKind
from desktop_app.domain.medical.open_consultations import Occasion
from ui import messages
from ui.context import AppContext
from ui.form import Field, FormView, errors_of
from ui.screen_fit import fit, scrolling


class CheckFormView(FormView):
    """A FormView that also knows ``kind="check"``: a checkbox whose value is "1" or ""."""

    def _make(self, f: Field) -> QWidget:
        if f.kind != "check":
            return super()._make(f)
        w = QCheckBox()
        w.toggled.connect(self.changed)
        w.setObjectName(f"field_{f.name}")
        w.setAccessibleName(f.label)
        return w

    def value(self, name: str) -> str:
        w = self.widgets[name]
        if isinstance(w, QCheckBox):
            return "1" if w.isChecked() else ""
        return super().value(name)

    def set_value(self, name: str, value: str) -> None:
        w = self.widgets[name]
        if isinstance(w, QCheckBox):
            w.setChecked(value not in ("", "0", "False", "None"))
        else:
            super().set_value(name, value)

    def set_row_visible(self, name: str, visible: bool) -> None:
        layout = self.layout()
        if isinstance(layout, QFormLayout):
            layout.setRowVisible(self.widgets[name].parentWidget(), visible)
            if self.labels_above:
                layout.setRowVisible(self.labels[name], visible)


class FormDialog(QDialog):
    """Save runs ``save(session, values)`` on the database thread; Escape asks before discarding."""

    def __init__(self, ctx: AppContext, title: str, fields: list[Field],
                 save: Callable, *, values: dict | None = None, intro: str = "",
                 parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._save = save
        self.saved = None
        self.loaded = True  # False while a dialog's data is still being read (``EmployeeDialog``)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.loading = QLabel()
        self.loading.setTextFormat(Qt.TextFormat.PlainText)
        self.loading.setObjectName("loading")
        self.loading.hide()
        layout.addWidget(self.loading)
        if intro:
            label = QLabel(intro)
            label.setTextFormat(Qt.TextFormat.PlainText)  # an intro may name a person: never rich text
            label.setWordWrap(True)
            layout.addWidget(label)
        self.form = CheckFormView(fields)
        if values:
            self.form.set_values(values)
        # The form scrolls inside (vertically only); the buttons stay on a 1366×768 screen.
        layout.addWidget(scrolling(self.form), 1)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        long_labels = self.form.labels_above
        fit(self, 720 if long_labels else 560, min(760, 140 + (76 if long_labels else 52) * len(fields)))

    def submit(self) -> None:
        if not self.loaded:  # (Enter, or "save" asked on Escape, while the data is being read)
            return
        self.save_button.setEnabled(False)
        values = self.form.values()
        self.ctx.run(self._save, values, on_success=self._ok, on_failure=self._failed, owner=self)

    def _ok(self, result) -> None:
        self.save_button.setEnabled(True)
        self.saved = result
        self.form.mark_clean()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.errors import ArbokluisError

        self.save_button.setEnabled(True)
        errors = errors_of(exc)
        if errors:
            self.form.set_errors(errors)
        elif isinstance(exc, ArbokluisError):
            messages.show_error(self, exc.message)
        else:
            raise exc

    def reject(self) -> None:
        if self.form.is_dirty():
            choice = messages.ask_save_discard_cancel(
                self, "Er zijn wijzigingen die nog niet zijn opgeslagen. Wilt u ze opslaan?")
            if choice == messages.SAVE:
                self.submit()
                return
            if choice == messages.CANCEL:
                return
        super().reject()

    def discard_and_close(self) -> None:
        self.form.mark_clean()
        super().reject()


# --- field lists ---------------------------------------------------------------------------

EMPLOYER_FIELDS = [
    Field("name", "Naam werkgever", required=True), Field("kvk", "KvK-nummer"),
    Field("street", "Adres"), Field("postcode", "Postcode", placeholder="1234 AB"),
    Field("city", "Plaats"), Field("contact_name", "Contactpersoon"),
    Field("contact_email", "E-mail contactpersoon"), Field("contact_phone", "Telefoon contactpersoon"),
    Field("contract_start", "Contract vanaf", kind="date"),
    Field("contract_end", "Contract tot en met", kind="date"),
    Field("service_package", "Dienstenpakket", kind="choice",
          choices=[("", "—"), ("basis", "Basiscontract"), ("uitgebreid", "Uitgebreid pakket"),
                   ("maatwerk", "Maatwerk")]),
    Field("full_time_hours", "Voltijdse werkweek (uren)", placeholder="bijvoorbeeld 36 of 38,5; leeg: onbekend"),
]


def employee_fields(employers: list) -> list[Field]:
    return [
        Field("employer_id", "Werkgever", kind="choice", required=True,
              choices=[(str(e.id), e.name) for e in employers]),
        Field("surname", "Achternaam", required=True), Field("prefix", "Tussenvoegsel"),
        Field("given_names", "Voornamen"), Field("initials", "Voorletters"),
        Field("birth_date", "Geboortedatum", kind="date"),
        Field("gender", "Geslacht", kind="choice",
              choices=[("", "—"), ("M", "man"), ("V", "vrouw"), ("X", "anders / onbekend")]),
        Field("bsn", "BSN"), Field("street", "Adres"), Field("postcode", "Postcode"),
        Field("city", "Woonplaats"), Field("phone", "Telefoon"), Field("email", "E-mail"),
        Field("personnel_number", "Personeelsnummer"), Field("job_title", "Functie"),
        Field("contract_hours", "Contracturen per week"),
        Field("employment_start", "In dienst sinds", kind="date"),
        Field("employment_end", "Uit dienst per", kind="date"),
    ]


CASE_FIELDS = [
    Field("first_day", "Eerste ziektedag", kind="date", required=True),
    Field("kind", "Soort verzuim", kind="choice",
          choices=[("illness", "Ziekte"), ("pregnancy", "Zwangerschapsgerelateerd"),
                   ("work_accident", "Arbeidsongeval"), ("safety_net", "Vangnet (Ziektewet)")]),
    Field("percentage", "Percentage arbeidsongeschikt"),
    Field("ground", "Vangnetgrond", kind="choice", choices=list(GROUND_CHOICES)),
    Field("expected_delivery", "Uitgerekende datum (bij zwangerschap)", kind="date"),
    Field("multiple_pregnancy", "Meerling (tweeling of meer)", kind="check"),
]

REPORT_FACTS_FIELDS = [
    Field("ground", "Vangnetgrond", kind="choice", choices=list(GROUND_CHOICES)),
    Field("expected_delivery", "Uitgerekende datum", kind="date"),
    Field("multiple_pregnancy", "Meerling (tweeling of meer)", kind="check"),
    Field("leave_start", "Eerste dag zwangerschapsverlof", kind="date"),
    Field("leave_end", "Laatste dag bevallingsverlof", kind="date"),
]

REPORT_FACTS_INTRO = ("Deze gegevens bepalen de termijn van de ziekmelding bij UWV (Ziektewet). Ze "
                      "blijven in de praktijk: de werkgever krijgt ze niet te zien, ook niet dat het "
                      "om een vangnetgeval gaat.")

WORKFORCE_FIELDS = [
    Field("start", "Vanaf", kind="date", required=True),
    Field("end", "Tot en met", kind="date", required=True),
    Field("headcount", "Gemiddeld aantal werknemers", required=True),
    Field("fte", "Aantal fte", required=True),
    Field("full_time_hours", "Voltijdse werkweek (uren)",
          placeholder="leeg: de werkweek van de werkgever"),
]

ACTIVITY_FIELDS = [
    Field("on_date", "Datum", kind="date", required=True),
    Field("kind", "Soort", kind="choice",
          choices=[("gesprek", "Gesprek met werknemer"), ("telefoon", "Telefonisch contact"),
                   ("werkgever", "Overleg met werkgever"), ("brief", "Brief of e-mail"),
                   ("evaluatie", "Evaluatie plan van aanpak"), ("afspraak", "Afspraak vastgelegd"),
                   ("overig", "Overig")]),
    Field("description", "Omschrijving", kind="text", required=True),
    Field("agreements", "Afspraken", kind="text"),
]

FEEDBACK_FIELDS = [
    Field("assessed_on", "Datum beoordeling", kind="date", required=True),
    Field("fitness", "Oordeel", kind="choice",
          choices=[("partly_fit", "Gedeeltelijk arbeidsgeschikt"), ("unfit", "Arbeidsongeschikt"),
                   ("fit", "Arbeidsgeschikt")]),
    Field("limitations", "Beperkingen in werktermen", kind="text"),
    Field("remaining_capacity", "Mogelijkheden", kind="text"),
    Field("expected_duration", "Verwachte duur", kind="choice",
          choices=[("unknown", "nog niet te zeggen"), ("lt1w", "korter dan een week"),
                   ("1-6w", "een tot zes weken"), ("6-12w", "zes tot twaalf weken"),
                   ("gt3m", "langer dan drie maanden")]),
    Field("advice", "Advies", kind="text", required=True),
    Field("adjustments", "Aanpassingen of voorzieningen", kind="text"),
]


# --- the medical section -------------------------------------------------------------------


# Fields whose value is chosen from a list the core gives (work16: open consultation, keuring).
_CHOICE_FIELDS: dict[str, list[tuple[str, str]]] = {
    "occasion": [(o.value, o.label) for o in Occasion],
    "examination": [(k.value, k.label) for k in ExaminationKind],
    "outcome": [("", "— kies de uitslag —")] + [(o.value, o.label) for o in Outcome],  # never by default
}
WORK_FIELDS = [Field("work_kind", "Declarabel werk", kind="choice", choices=WORK_CHOICES),
               Field("minutes", "Tijd (minuten)", placeholder="bijvoorbeeld 30")]


def split_work(values: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """A form's values apart from its billable-work fields, and those fields."""
    return ({k: v for k, v in values.items() if k not in BILLING_FIELDS},
            {k: v for k, v in values.items() if k in BILLING_FIELDS})


def medical_entry_fields(kind: EntryKind) -> list[Field]:
    """The form of any kind of medical entry; the FML lists its six rubrics item by item. A
    consultation or examination also has its billable time."""
    fields = [Field("entry_date", "Datum", kind="date", required=True)]
    for name, label, required in BODY_FIELDS[kind]:
        if name in _CHOICE_FIELDS:
            fields.append(Field(name, label, kind="choice", choices=_CHOICE_FIELDS[name], required=required))
        else:
            fields.append(Field(name, label, kind="line" if name in ("correspondent", "system", "code") else "text",
                                required=required))
    if kind in BILLABLE_ENTRY_KINDS:
        fields += WORK_FIELDS
    if kind is EntryKind.FML:
        scores = [(s.value, s.label) for s in FmlScore]
        for rubric in FML_RUBRICS:
            for item in rubric.items:
                fields.append(Field(fml_field(item.code), f"{rubric.numeral}. {rubric.title} – {item.label}",
                                    kind="choice", choices=scores))
                fields.append(Field(fml_field(item.code) + "_note", f"{item.label}: toelichting"))
    return fields


EXPOSURE_FIELDS = [
    Field("category", "Soort", kind="choice", choices=[(c.value, c.label) for c in ExposureCategory]),
    Field("agent", "Stof of bron", required=True), Field("start", "Vanaf", kind="date", required=True),
    Field("end", "Tot en met (leeg: loopt nog)", kind="date"), Field("notes", "Toelichting", kind="text"),
]

STATEMENT_FIELDS = [
    Field("received_on", "Ontvangen op", kind="date", required=True),
    Field("statement", "Verklaring van de werknemer", kind="text", required=True),
]

WORKING_NOTE_FIELDS = [Field("body", "Aantekening", kind="text", required=True)]


def EmployerDialog(ctx: AppContext, employer=None, parent=None) -> FormDialog:  # noqa: N802
    from desktop_app.domain.dossier import EmployerForm
    from desktop_app.services import employers

    def save(session, values):
        form = EmployerForm(**values)
        if employer is None:
            return employers.create(session, form)
        return employers.update(session, employer.id, form)

    values = vars(EmployerForm.of(employer)) if employer else None
    return FormDialog(ctx, "Werkgever", EMPLOYER_FIELDS, save, values=values, parent=parent)


def EmployeeDialog(ctx: AppContext, employee=None, parent=None) -> FormDialog:  # noqa: N802
    """New or changed personalia. Shows at once; the employers to choose from (and the full BSN,
    read through the logged reveal) fill it when they arrive (``dialog.loaded``)."""
    from desktop_app.domain.dossier import EmployeeForm
    from desktop_app.services import employees, employers
    from ui.operations import load

    def save(session, values):
        form = EmployeeForm(**{**values, "employer_id": int(values["employer_id"] or 0) or None})
        if employee is None:
            return employees.create(session, form)
        return employees.update(session, employee.id, form)

    values: dict[str, str] = {}
    if employee is not None:
        values = {k: ("" if v is None else str(v)) for k, v in vars(EmployeeForm.of(employee)).items()}
    reveal = bool(values.get("bsn"))  # the form shows the full BSN: read through the logged reveal

    def read_choices(session):
        bsn = employees.reveal_bsn(session, employee.id) if reveal else values.get("bsn", "")
        return employers.list_all(session), bsn

    dialog = FormDialog(ctx, "Werknemer", employee_fields([]), save,
                        values={**values, "bsn": ""} if values else None, parent=parent)
    dialog.loaded = False

    def fill(data) -> None:
        employer_list, bsn = data
        dialog.form.set_choices("employer_id", [(str(e.id), e.name) for e in employer_list])
        dialog.form.set_values({**values, "bsn": bsn} if values else {})
        dialog.loaded = True

    load(dialog, ctx, read_choices, status=dialog.loading, widgets=[dialog.form, dialog.save_button]) \
        .success(fill).run_in_background()
    return dialog


def _ground_only_for_safety_net(dialog: FormDialog, kind_field: str | None = "kind",
                                kind: str | None = None) -> None:
    """Show the ground only where it belongs: a safety-net case."""
    form = dialog.form
    if not isinstance(form, CheckFormView):
        return

    def update() -> None:
        current = form.value(kind_field) if kind_field else kind
        form.set_row_visible("ground", current == "safety_net")

    if kind_field:
        form.widgets[kind_field].currentIndexChanged.connect(update)  # type: ignore[attr-defined]
    update()


def CaseDialog(ctx: AppContext, employee_id: int, parent=None) -> FormDialog:  # noqa: N802
    """A new absence (or a relapse): kind, percentage, and what sets the UWV report's term."""
    from desktop_app.domain.cases import CaseForm
    from desktop_app.services import cases

    def save(session, values):
        form = CaseForm(**{**values, "multiple_pregnancy": bool(values["multiple_pregnancy"]),
                           "ground": values["ground"] if values["kind"] == "safety_net" else ""})
        return cases.open_case(session, employee_id, form)

    dialog = FormDialog(ctx, "Ziekmelding", CASE_FIELDS, save, values={"percentage": "100"}, parent=parent)
    _ground_only_for_safety_net(dialog)
    return dialog


def ReportFactsDialog(ctx: AppContext, case, parent=None) -> FormDialog:  # noqa: N802
    """The safety-net ground and the pregnancy facts of a case, recorded or corrected later."""
    from desktop_app.domain.case_facts import ReportFactsForm
    from desktop_app.services import cases

    def save(session, values):
        form = ReportFactsForm(**{**values, "multiple_pregnancy": bool(values["multiple_pregnancy"])})
        return cases.set_report_facts(session, case.id, form)

    values = {k: ("1" if v is True else "" if v is False else v)
              for k, v in vars(ReportFactsForm.of(case.ground, case.pregnancy)).items()}
    dialog = FormDialog(ctx, "Zwangerschap en vangnet", REPORT_FACTS_FIELDS, save, values=values,
                        intro=REPORT_FACTS_INTRO, parent=parent)
    _ground_only_for_safety_net(dialog, None, str(case.kind))
    return dialog


def WorkforceEntryDialog(ctx: AppContext, employer_id: int, entry=None, parent=None) -> FormDialog:  # noqa: N802
    from desktop_app.domain.workforce import WorkforceForm
    from desktop_app.services import workforce

    def save(session, values):
        form = WorkforceForm(**values)
        if entry is None:
            return workforce.add(session, employer_id, form)
        return workforce.update(session, entry.id, form)

    values = vars(WorkforceForm.of(entry)) if entry is not None else None
    return FormDialog(ctx, "Personeelsbestand", WORKFORCE_FIELDS, save, values=values,
                      intro="Zoals de werkgever het opgaf: het gemiddelde aantal werknemers en fte "
                            "in de periode. De verzuimstatistiek gebruikt deze cijfers voor een "
                            "periode die ze helemaal dekken.", parent=parent)
