"""Registering a request: its kind and day of receipt, and who makes it — the employee, or a
representative with the signed, dated authorisation that describes its scope (the authorisation
form can be printed here for the employee to sign)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.authorisation import RELATIONS
from desktop_app.domain.requests import RequestKind
from ui.context import AppContext
from ui.form import ERROR_STYLE, Field, FormView, errors_of
from ui.screen_fit import fit
from ui.tables import nl, plain

REQUESTERS = [("employee", "De werknemer zelf"), ("representative", "Een gemachtigde")]


class RegisterRequestDialog(QDialog):
    def __init__(self, ctx: AppContext, employee_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        self.document: bytes | None = None
        self.saved = None
        self.preview = None
        self.setWindowTitle("Verzoek registreren")
        self.setObjectName("register_request_dialog")
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        col = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        col.addWidget(plain("De termijn is vier weken na ontvangst. Controleer daarna de identiteit."))
        self.form = FormView([
            Field("kind", "Soort verzoek", kind="choice", choices=[(k.value, k.label) for k in RequestKind]),
            Field("received_on", "Ontvangen op", kind="date", required=True),
            Field("requester_kind", "Verzoeker", kind="choice", choices=REQUESTERS)])
        self.form.set_values({"received_on": nl(date.today())})
        col.addWidget(self.form)
        self.representative = QGroupBox("Gemachtigde en machtiging")
        rep = QVBoxLayout(self.representative)
        self.rep_form = FormView([
            Field("requester_name", "Naam gemachtigde", required=True),
            Field("representative_relation", "Relatie tot de werknemer", kind="choice",
                  choices=list(RELATIONS.items())),
            Field("authorisation_scope", "Omvang (zoals op de machtiging)", kind="text",
                  required=True),
            Field("authorisation_signed_on", "Machtiging ondertekend op", kind="date", required=True),
            Field("authorisation_valid_until", "Machtiging geldig tot", kind="date", required=True)])
        rep.addWidget(self.rep_form)
        rep.addWidget(plain("De machtiging geldt voor:"))
        grid = QGridLayout()
        self.kinds: dict[str, QCheckBox] = {}
        for i, kind in enumerate(RequestKind):
            box = QCheckBox(kind.label)
            box.setObjectName(f"authorised_{kind.value}")
            self.kinds[kind.value] = box
            grid.addWidget(box, i // 3, i % 3)
        rep.addLayout(grid)
        self.kinds_error = plain("")
        self.kinds_error.setStyleSheet(ERROR_STYLE)
        rep.addWidget(self.kinds_error)
        row = QHBoxLayout()
        self.attach = QPushButton("Ondertekende machtiging toevoegen…")
        self.attach.setObjectName("attach_authorisation")
        self.attach.clicked.connect(self._attach)
        row.addWidget(self.attach)
        self.print_form = QPushButton("Machtigingsformulier afdrukken…")
        self.print_form.setObjectName("print_authorisation_form")
        self.print_form.clicked.connect(self._print_form)
        row.addWidget(self.print_form)
        row.addStretch(1)
        rep.addLayout(row)
        self.document_label = plain("Nog geen machtiging toegevoegd.")
        rep.addWidget(self.document_label)
        self.document_error = plain("")
        self.document_error.setStyleSheet(ERROR_STYLE)
        rep.addWidget(self.document_error)
        col.addWidget(self.representative)
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        col.addStretch(1)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Registreren", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.form.changed.connect(self._requester_changed)
        self._requester_changed()
        fit(self, 720, 660)

    def _requester_changed(self) -> None:
        self.representative.setVisible(self.form.value("requester_kind") == "representative")

    def ask_file(self) -> str:
        path, _f = QFileDialog.getOpenFileName(self, "Ondertekende machtiging", "",
                                               "Scan (*.pdf *.jpg *.jpeg *.png)")
        return path

    def _attach(self) -> None:
        path = self.ask_file()
        if not path:
            return
        try:
            self.set_document(Path(path).read_bytes(), Path(path).name)
        except OSError:
            self.document_error.setText("Het bestand kon niet worden gelezen.")

    def set_document(self, data: bytes, name: str) -> None:
        self.document = data
        self.document_label.setText(f"Toegevoegd: {name}")
        self.document_error.clear()

    def _print_form(self) -> None:
        from desktop_app.documents.forms import AuthorisationFormData
        from desktop_app.services import documents, employees
        from ui.request_outcome_dialogs import show_pdf

        values = self.rep_form.values()

        def make(session):
            e = employees.open_dossier(session, self.employee_id)
            return documents.authorisation_form_pdf(session, AuthorisationFormData(
                e.display_name, nl(e.birth_date), values["requester_name"],
                dict(RELATIONS).get(values["representative_relation"], ""), values["authorisation_scope"],
                values["authorisation_valid_until"]))

        self.ctx.tasks.run(make, self.ctx.session, owner=self, on_failure=self._failed,
                           on_success=lambda pdf: show_pdf(self, "Machtigingsformulier", pdf, "machtiging.pdf"))

    def values(self) -> dict:
        out = {**self.form.values(), **self.rep_form.values()}
        out["authorisation_kinds"] = [k for k, box in self.kinds.items() if box.isChecked()]
        return out

    def submit(self) -> None:
        from desktop_app.services import requests

        v = self.values()
        self.form.clear_errors()
        self.rep_form.clear_errors()
        for label in (self.kinds_error, self.document_error, self.error):
            label.clear()
        self.save_button.setEnabled(False)
        if v["requester_kind"] == "representative":
            kwargs = dict(requester_kind="representative", requester_name=v["requester_name"],
                          representative_relation=v["representative_relation"],
                          authorisation_scope=v["authorisation_scope"], authorisation_kinds=v["authorisation_kinds"],
                          authorisation_signed_on=v["authorisation_signed_on"],
                          authorisation_valid_until=v["authorisation_valid_until"],
                          authorisation_document=self.document)
        else:
            kwargs = {}
        self.ctx.run(requests.receive, self.employee_id, v["kind"], v["received_on"], on_success=self._ok,
                     on_failure=self._failed, owner=self, **kwargs)

    def _ok(self, result) -> None:
        self.save_button.setEnabled(True)
        self.saved = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.errors import ArbokluisError

        self.save_button.setEnabled(True)
        errors = errors_of(exc)
        if errors is None:
            if not isinstance(exc, ArbokluisError):
                raise exc
            self.error.setText(exc.message)
            return
        self.form.set_errors({k: m for k, m in errors.items() if k in self.form.widgets})
        self.rep_form.set_errors({k: m for k, m in errors.items() if k in self.rep_form.widgets})
        if "authorisation_kinds" in errors:
            self.kinds_error.setText(errors["authorisation_kinds"])
        if "authorisation_document" in errors:
            self.document_error.setText(errors["authorisation_document"])
        shown = set(self.form.widgets) | set(self.rep_form.widgets) | {"authorisation_kinds", "authorisation_document"}
        rest = [m for k, m in errors.items() if k not in shown]
        if rest:
            self.error.setText(rest[0])
