"""Recording the employee's targeted consent: addressed to a physician, naming recipient, data and
purpose, signed on screen or on a scanned form."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.context import AppContext
from ui.form import ERROR_STYLE, Field, FormView, errors_of
from ui.release_dialogs import fit_to_screen
from ui.signature_pad import SignaturePad
from ui.tables import nl, plain

ROLE_CHOICES = [("treating_physician", "behandelend arts"), ("specialist", "medisch specialist"),
                ("insurance_physician", "verzekeringsarts"), ("uwv", "UWV"),
                ("new_arbo_service", "nieuwe arbodienst"), ("other", "anders")]


class ConsentDialog(QDialog):
    """Record a consent: the fields, and the signature drawn on screen or a scanned signed form.
    Shows at once; the physicians it can be addressed to fill it when they arrive (``loaded``)."""

    def __init__(self, ctx: AppContext, employee_id: int, parent=None) -> None:
        super().__init__(parent)
        from desktop_app.services import consents
        from ui.operations import load

        self.ctx = ctx
        self.employee_id = employee_id
        self.saved = None
        self.loaded = False
        self.signed_form: bytes | None = None
        self.setWindowTitle("Toestemming vastleggen")
        outer = QVBoxLayout(self)
        body = QWidget()
        col = QVBoxLayout(body)
        scroll = QScrollArea()  # fits a 1366×768 screen with a taskbar: the form scrolls, not the buttons
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.loading = plain("")
        self.loading.setObjectName("loading")
        outer.addWidget(self.loading)
        outer.addWidget(scroll, 1)
        self.form = FormView([
            Field("physician", "Gericht aan (bedrijfsarts)", kind="choice", choices=[]),
            Field("recipient_name", "Ontvanger (naam)", required=True),
            Field("recipient_organisation", "Organisatie"),
            Field("recipient_role", "Hoedanigheid", kind="choice", choices=ROLE_CHOICES),
            Field("data_scope", "Welke gegevens, precies", kind="text", required=True),
            Field("purpose", "Doel", kind="text", required=True),
            Field("given_on", "Getekend op", kind="date", required=True),
            Field("valid_until", "Geldig tot", kind="date", required=True),
        ])
        self.form.set_values({"given_on": nl(date.today())})
        for name in ("data_scope", "purpose"):  # the signature pad stays in view on a small screen
            self.form.widgets[name].setMaximumHeight(110)
        col.addWidget(self.form)
        col.addWidget(plain("Handtekening van de werknemer"))
        self.pad = SignaturePad()
        col.addWidget(self.pad)
        row = QHBoxLayout()
        clear = QPushButton("Wissen")
        clear.clicked.connect(self.pad.clear)
        row.addWidget(clear)
        scan = QPushButton("Of: ondertekend formulier toevoegen…")
        scan.clicked.connect(self._scan)
        row.addWidget(scan)
        self.scan_label = plain("")
        row.addWidget(self.scan_label)
        row.addStretch(1)
        col.addLayout(row)
        self.signature_error = plain("")
        self.signature_error.setObjectName("signature_error")
        self.signature_error.setStyleSheet(ERROR_STYLE)
        outer.addWidget(self.signature_error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        print_button = buttons.addButton("Formulier afdrukken…", QDialogButtonBox.ButtonRole.ActionRole)
        print_button.clicked.connect(self._print)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        fit_to_screen(self, 640, 820)
        load(self, ctx, consents.physicians, status=self.loading,
             widgets=[body, self.save_button, print_button]).success(self._loaded).run_in_background()

    def _loaded(self, physicians) -> None:
        self.form.set_choices("physician", physicians)
        self.loaded = True

    def _scan(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, "Ondertekend formulier", "", "PDF en afbeeldingen (*.pdf *.jpg *.jpeg *.png)")
        if path:
            with open(path, "rb") as fh:
                self.signed_form = fh.read(25 * 1024 * 1024 + 1)
            self.scan_label.setText("formulier toegevoegd ✓")

    def _consent_form(self):
        from desktop_app.services.consents import ConsentForm

        return ConsentForm(**self.form.values())

    def submit(self) -> None:
        from desktop_app.services import consents

        if not self.loaded:  # (Enter while the physicians are still being read)
            return
        form, png = self._consent_form(), self.pad.to_png()
        self.save_button.setEnabled(False)

        def ok(consent):
            self.saved = consent
            self.accept()

        def failed(exc):
            from desktop_app.errors import ArbokluisError

            self.save_button.setEnabled(True)
            if not isinstance(exc, ArbokluisError):
                raise exc  # a bug: to the crash hook, not a message box
            errors = errors_of(exc) or {}
            self.signature_error.setText(errors.pop("signature", ""))
            if errors:
                self.form.set_errors(errors)
            elif not self.signature_error.text():
                messages.show_error(self, exc.message)

        self.ctx.run(consents.record, self.employee_id, form, signature_png=png, signed_form=self.signed_form,
                     on_success=ok, on_failure=failed, owner=self)

    def _print(self) -> None:
        from desktop_app.documents.forms import ConsentFormData
        from desktop_app.services import documents, employees
        from ui.operations import read
        from ui.pdf_preview import produce

        v = self.form.values()
        physician, png = self.form.widgets["physician"].currentText(), self.pad.to_png()

        def print_for(e) -> None:
            data = ConsentFormData(e.display_name, nl(e.birth_date), physician,
                                   v["recipient_name"], v["recipient_organisation"],
                                   dict(ROLE_CHOICES).get(v["recipient_role"], ""), v["data_scope"], v["purpose"],
                                   v["valid_until"], "", png)
            produce(self.ctx, self, "Toestemmingsformulier", documents.consent_form_pdf, data,
                    suggested_name="toestemmingsformulier.pdf")

        read(self, self.ctx, employees.open_dossier, self.employee_id).success(print_for).run_in_background()
