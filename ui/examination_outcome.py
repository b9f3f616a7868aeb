"""The outcome of a keuring: the letter (the same for the employee and the employer: the kind of
examination, its date, "geschikt" or "niet geschikt"), and its hand-over — to the employee first,
then, if the employee does not stop it, to the employer. The core decides what may go when."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout

from ui.context import AppContext
from ui.form import Field
from ui.models import nl_date
from ui.screen_fit import fit
from ui.tables import plain

EXPLAINED = ("De medische bevindingen blijven in het medisch dossier. De werknemer krijgt de uitslag "
             "als eerste en beslist of de werkgever hem krijgt; de werkgever krijgt alleen de uitslag.")


class ExaminationOutcomeDialog(QDialog):
    def __init__(self, ctx: AppContext, entry_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry_id = entry_id
        self.setObjectName("examination_outcome")
        self.setWindowTitle("Uitslag keuring")
        col = QVBoxLayout(self)
        col.addWidget(plain(EXPLAINED))
        self.summary = plain("")
        self.summary.setObjectName("outcome_summary")
        col.addWidget(self.summary)
        self.status = plain("")
        self.status.setObjectName("outcome_status")
        col.addWidget(self.status)
        row = QHBoxLayout()
        self.employee_letter = QPushButton("Brief voor de werknemer…")
        self.employee_letter.clicked.connect(lambda: self.letter("employee"))
        self.employer_letter = QPushButton("Brief voor de werkgever…")
        self.employer_letter.clicked.connect(lambda: self.letter("employer"))
        row.addWidget(self.employee_letter)
        row.addWidget(self.employer_letter)
        row.addStretch(1)
        col.addLayout(row)
        row = QHBoxLayout()
        self.to_employee = QPushButton("Werknemer heeft de uitslag gekregen…")
        self.to_employee.setObjectName("outcome_to_employee")
        self.to_employee.clicked.connect(lambda: self.handover_dialog("employee").exec() and self.reload())
        self.to_employer = QPushButton("Verstrekt aan werkgever…")
        self.to_employer.setObjectName("outcome_to_employer")
        self.to_employer.clicked.connect(lambda: self.handover_dialog("employer").exec() and self.reload())
        row.addWidget(self.to_employee)
        row.addWidget(self.to_employer)
        row.addStretch(1)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        col.addLayout(row)
        fit(self, 640, 280)
        self.reload()

    def reload(self) -> None:
        from desktop_app.services import examinations
        from ui.operations import read

        def load(session):
            return (examinations.outcome_letter(session, self.entry_id),
                    examinations.outcome_status(session, self.entry_id))

        read(self, self.ctx, load).success(self._show).errors_to(self.status).run_in_background()

    def _show(self, result) -> None:
        letter, status = result
        self.summary.setText(f"{letter.examination.label} van {nl_date(letter.examined_on)}: "
                             f"{letter.outcome.label}")
        lines = [f"Werknemer: {'gekregen op ' + nl_date(status.to_employee_on) if status.to_employee_on else 'nog niet'}",
                 f"Werkgever: {'verstrekt op ' + nl_date(status.to_employer_on) if status.to_employer_on else 'nog niet'}"]
        self.status.setText("\n".join(lines))
        self.to_employee.setEnabled(status.to_employee_on is None)
        self.to_employer.setEnabled(status.to_employee_on is not None and status.to_employer_on is None)

    def letter(self, recipient: str) -> None:
        from desktop_app.services import examinations
        from ui.pdf_preview import produce

        produce(self.ctx, self, "Uitslag van de keuring", examinations.outcome_pdf, self.entry_id, recipient,
                suggested_name="uitslag-keuring.pdf", medical=True)  # read from the medical section

    def handover_dialog(self, recipient: str):
        from desktop_app.domain.releases import METHODS
        from desktop_app.services import examinations
        from ui.dossier_forms import FormDialog

        fields = [Field("method", "Hoe verstrekt", kind="choice", choices=list(METHODS.items())),
                  Field("handed_on", "Verstrekt op", kind="date", required=True)]
        if recipient == "employee":
            def save(session, v):
                return examinations.give_outcome_to_employee(session, self.entry_id, v["method"],
                                                             handed_on=v["handed_on"], note=v["note"])
            title = "Uitslag gegeven aan de werknemer"
        else:
            fields += [Field("handed_to", "Aan (leeg: de werkgever)"),
                       Field("employee_agreed", "De werknemer heeft de uitslag gezien en laat hem aan de "
                                                "werkgever geven", kind="check")]

            def save(session, v):
                return examinations.release_outcome_to_employer(
                    session, self.entry_id, v["method"], handed_on=v["handed_on"], handed_to=v["handed_to"],
                    note=v["note"], employee_agreed=v["employee_agreed"] == "1")
            title = "Uitslag verstrekt aan de werkgever"
        fields.append(Field("note", "Toelichting", kind="text"))
        return FormDialog(self.ctx, title, fields, save, values={"handed_on": nl_date(date.today())},
                          intro=EXPLAINED, parent=self)



