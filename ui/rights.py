"""Consent and the employee's rights in the dossier: consents, releases and their approval,
requests with deadlines."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.permissions import Permission
from ui import messages, permissions
from ui.context import AppContext
from ui.dossier import fill, plain, table
from ui.form import ERROR_STYLE, Field, FormView, errors_of
from ui.signature_pad import SignaturePad

ROLE_CHOICES = [("treating_physician", "behandelend arts"), ("specialist", "medisch specialist"),
                ("insurance_physician", "verzekeringsarts"), ("uwv", "UWV"),
                ("new_arbo_service", "nieuwe arbodienst"), ("other", "anders")]


def nl(d) -> str:
    return d.strftime("%d-%m-%Y") if d else ""


class ConsentDialog(QDialog):
    """Record a consent: the fields, and the signature drawn on screen or a scanned signed form."""

    def __init__(self, ctx: AppContext, employee_id: int, parent=None) -> None:
        super().__init__(parent)
        from desktop_app.services import consents

        self.ctx = ctx
        self.employee_id = employee_id
        self.saved = None
        self.signed_form: bytes | None = None
        self.setWindowTitle("Toestemming vastleggen")
        col = QVBoxLayout(self)
        physicians = ctx.call(consents.physicians)
        self.form = FormView([
            Field("physician", "Gericht aan (bedrijfsarts)", kind="choice", choices=physicians),
            Field("recipient_name", "Ontvanger (naam)", required=True),
            Field("recipient_organisation", "Organisatie"),
            Field("recipient_role", "Hoedanigheid", kind="choice", choices=ROLE_CHOICES),
            Field("data_scope", "Welke gegevens, precies", kind="text", required=True),
            Field("purpose", "Doel", kind="text", required=True),
            Field("given_on", "Getekend op", kind="date", required=True),
            Field("valid_until", "Geldig tot", kind="date", required=True),
        ])
        self.form.set_values({"given_on": nl(date.today())})
        col.addWidget(self.form)
        col.addWidget(QLabel("Handtekening van de werknemer"))
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
        self.signature_error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.signature_error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Formulier afdrukken…", QDialogButtonBox.ButtonRole.ActionRole).clicked.connect(self._print)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.resize(640, 820)

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

        form, png = self._consent_form(), self.pad.to_png()
        self.save_button.setEnabled(False)

        def ok(consent):
            self.saved = consent
            self.accept()

        def failed(exc):
            self.save_button.setEnabled(True)
            errors = errors_of(exc) or {}
            self.signature_error.setText(errors.pop("signature", ""))
            if errors:
                self.form.set_errors(errors)
            elif not self.signature_error.text():
                messages.show_error(self, getattr(exc, "message", "Opslaan mislukt."))

        self.ctx.run(consents.record, self.employee_id, form, signature_png=png, signed_form=self.signed_form,
                     on_success=ok, on_failure=failed, owner=self)

    def _print(self) -> None:
        from desktop_app.documents.forms import ConsentFormData
        from desktop_app.services import documents, employees
        from ui.pdf_preview import produce

        v = self.form.values()
        e = self.ctx.call(employees.open_dossier, self.employee_id)
        data = ConsentFormData(e.display_name, nl(e.birth_date), self.form.widgets["physician"].currentText(),
                               v["recipient_name"], v["recipient_organisation"],
                               dict(ROLE_CHOICES).get(v["recipient_role"], ""), v["data_scope"], v["purpose"],
                               v["valid_until"], "", self.pad.to_png())
        produce(self.ctx, self, "Toestemmingsformulier", documents.consent_form_pdf, data,
                suggested_name="toestemmingsformulier.pdf")


class ApprovalDialog(QDialog):
    """A physician decides on a release: approve, refuse on one of the three grounds, or refer."""

    def __init__(self, ctx: AppContext, release_id: int, parent=None) -> None:
        super().__init__(parent)
        from desktop_app.domain.requests import RECIPIENT_ROLES, REFUSAL_GROUNDS
        from desktop_app.services import consents, releases

        self.ctx = ctx
        self.release = ctx.call(releases.get, release_id)
        consent = ctx.call(consents.get, self.release.consent_id) if self.release.consent_id else None
        self.result_release = None
        self.setWindowTitle("Verstrekking beoordelen")
        col = QVBoxLayout(self)
        r = self.release
        lines = [f"Aan: {r.recipient_name} ({RECIPIENT_ROLES.get(r.recipient_role, r.recipient_role)})",
                 f"Wat: {r.what}", f"Doel: {r.purpose}"]
        if consent:
            lines += ["", f"Toestemming getekend {nl(consent.given_on)}, geldig tot {nl(consent.valid_until)}",
                      f"Gegevens volgens de toestemming: {consent.data_scope}", f"Doel: {consent.purpose}"]
        col.addWidget(plain("\n".join(lines)))
        col.addWidget(QLabel("Bij weigeren: de grond"))
        self.grounds = QButtonGroup(self)
        for number, text in REFUSAL_GROUNDS.items():
            button = QRadioButton(f"{number}. {text}")
            button.setObjectName(f"ground_{number}")
            self.grounds.addButton(button, number)
            col.addWidget(button)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Toelichting (verplicht bij voorleggen aan de kerndeskundige)")
        self.note.setMaximumHeight(90)
        col.addWidget(self.note)
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        row = QHBoxLayout()
        for name, text, slot in (("approve", "Goedkeuren", self.approve), ("refuse", "Weigeren", self.refuse),
                                 ("refer", "Voorleggen aan kerndeskundige", self.refer)):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            row.addWidget(b)
        cancel = QPushButton("Sluiten")
        cancel.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(cancel)
        col.addLayout(row)
        self.resize(720, 480)

    def _run(self, fn, *args) -> None:
        def ok(release):
            self.result_release = release
            self.accept()

        self.ctx.run(fn, self.release.id, *args, on_success=ok, owner=self,
                     on_failure=lambda exc: self.error.setText(getattr(exc, "message", "Dat lukte niet.")))

    def approve(self) -> None:
        from desktop_app.services import releases

        self._run(releases.approve)

    def refuse(self) -> None:
        from desktop_app.services import releases

        ground = self.grounds.checkedId()
        if ground < 1:
            self.error.setText("Kies de grond waarop u weigert.")
            return
        self._run(releases.refuse, ground, self.note.toPlainText())

    def refer(self) -> None:
        from desktop_app.services import releases

        self._run(releases.refer_to_supervisor, self.note.toPlainText())


class RightsTab(QWidget):
    """In the dossier window: consents, the release log, and requests with their deadlines."""

    def __init__(self, ctx: AppContext, employee_id: int, parent=None, *,
                 held: frozenset[Permission] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employee_id = employee_id
        self.held = permissions.held(ctx) if held is None else held
        col = QVBoxLayout(self)
        col.addWidget(QLabel("Toestemmingen"))
        self.consents_table = table(["Getekend", "Ontvanger", "Hoedanigheid", "Geldig tot", "Status"], "consents_table")
        col.addWidget(self.consents_table)
        col.addWidget(QLabel("Verstrekkingen"))
        self.releases_table = table(["Aan", "Wat", "Status", "Hoe", "Datum"], "releases_table")
        col.addWidget(self.releases_table)
        col.addWidget(QLabel("Verzoeken van de werknemer"))
        self.requests_table = table(["Ontvangen", "Soort", "Status", "Uiterlijk"], "requests_table")
        col.addWidget(self.requests_table)
        row = QHBoxLayout()
        self.actions: dict[str, QPushButton] = {}
        wording = {Permission.CONSENT_WORDING}
        for key, text, slot, needed in (
                ("consent", "Toestemming vastleggen…", self._consent, wording),
                ("revoke", "Toestemming intrekken…", self._revoke, wording),
                ("release", "Verstrekking aanvragen…", self._new_release, wording),
                ("approve", "Verstrekking beoordelen…", self._approve, {Permission.RELEASE_APPROVE}),
                ("request", "Verzoek registreren…", self._request, {Permission.PRACTICE_WRITE}),
                ("handle", "Verzoek behandelen…", self._handle, {Permission.PRACTICE_WRITE})):
            if not needed <= self.held:
                continue
            b = QPushButton(text)
            b.setObjectName(f"rights_{key}")
            b.clicked.connect(slot)
            self.actions[key] = b
            row.addWidget(b)
        row.addStretch(1)
        col.addLayout(row)
        self.reload()

    def reload(self) -> None:
        from desktop_app.services import consents, releases, requests

        def load(session):
            return (consents.for_employee(session, self.employee_id), releases.log_for(session, self.employee_id),
                    requests.for_employee(session, self.employee_id))

        self.ctx.run(load, on_success=self._show, owner=self)

    def _show(self, data) -> None:
        from desktop_app.services.releases import METHODS

        cons, rels, reqs = data
        today = date.today()
        fill(self.consents_table, [[nl(c.given_on), c.recipient_name, c.role_label, nl(c.valid_until),
                                    "ingetrokken" if c.revoked_on else ("verlopen" if c.valid_until < today else "geldig")]
                                   for c in cons], [c.id for c in cons])
        fill(self.releases_table, [[r.recipient_name, r.what, r.state_label, METHODS.get(r.method or "", ""),
                                    (r.released_at or r.requested_at)[:10]] for r in rels], [r.id for r in rels])
        fill(self.requests_table, [[nl(r.received_on), r.kind.label, r.state.label, nl(r.due)] for r in reqs],
             [r.id for r in reqs])

    def _consent(self) -> None:
        if ConsentDialog(self.ctx, self.employee_id, self).exec():
            self.reload()

    def _revoke(self) -> None:
        from desktop_app.services import consents
        from ui.dossier_forms import FormDialog

        row = self.consents_table.currentRow()
        if row < 0:
            messages.show_info(self, "Kies eerst een toestemming.")
            return
        consent_id = self.consents_table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        if FormDialog(self.ctx, "Toestemming intrekken", [Field("on", "Ingetrokken op", kind="date", required=True)],
                      lambda s, v: consents.revoke(s, consent_id, v["on"]), values={"on": nl(date.today())},
                      parent=self).exec():
            self.reload()

    def _handle(self) -> None:
        row = self.requests_table.currentRow()
        if row < 0:
            messages.show_info(self, "Kies eerst een verzoek.")
            return
        RequestDialog(self.ctx, self.requests_table.item(row, 0).data(Qt.ItemDataRole.UserRole), self).exec()
        self.reload()

    def _new_release(self) -> None:
        from desktop_app.services import consents, releases
        from ui.dossier_forms import FormDialog

        row = self.consents_table.currentRow()
        if row < 0:
            messages.show_info(self, "Kies eerst de toestemming waarop de verstrekking steunt.")
            return
        consent = self.ctx.call(consents.get, self.consents_table.item(row, 0).data(Qt.ItemDataRole.UserRole))
        fields = [Field("what", "Welke gegevens", kind="text", required=True),
                  Field("purpose", "Doel", kind="text", required=True)]
        dialog = FormDialog(
            self.ctx, "Verstrekking aanvragen", fields,
            lambda s, v: releases.request_release(s, self.employee_id, consent.id, recipient_name=consent.recipient_name,
                                                  recipient_role=consent.recipient_role, what=v["what"],
                                                  purpose=v["purpose"]),
            values={"purpose": consent.purpose}, parent=self,
            intro=f"Aan {consent.recipient_name} ({consent.role_label}), op grond van de toestemming van "
                  f"{nl(consent.given_on)}. Een bedrijfsarts beoordeelt het verzoek voordat er iets wordt verstrekt.")
        if dialog.exec():
            self.reload()

    def _approve(self) -> None:
        row = self.releases_table.currentRow()
        if row < 0:
            messages.show_info(self, "Kies eerst een verstrekking in de lijst.")
            return
        if ApprovalDialog(self.ctx, self.releases_table.item(row, 0).data(Qt.ItemDataRole.UserRole), self).exec():
            self.reload()

    def _request(self) -> None:
        from desktop_app.domain.requests import RequestKind
        from desktop_app.services import requests
        from ui.dossier_forms import FormDialog

        fields = [Field("kind", "Soort verzoek", kind="choice", choices=[(k.value, k.label) for k in RequestKind]),
                  Field("received_on", "Ontvangen op", kind="date", required=True),
                  Field("requester_name", "Naam verzoeker (als het niet de werknemer is)")]
        dialog = FormDialog(self.ctx, "Verzoek registreren", fields,
                            lambda s, v: requests.receive(s, self.employee_id, v["kind"], v["received_on"],
                                                          requester_name=v["requester_name"]),
                            values={"received_on": nl(date.today())}, parent=self,
                            intro="De termijn is vier weken na ontvangst. Controleer daarna de identiteit.")
        if dialog.exec():
            self.reload()


class RequestDialog(QDialog):
    """One request, step by step: identity, in progress, extension, sign-off, and what its kind needs."""

    def __init__(self, ctx: AppContext, request_id: int, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QCheckBox

        self.ctx = ctx
        self.request_id = request_id
        self.held = permissions.held(ctx)
        self.setWindowTitle("Verzoek behandelen")
        col = QVBoxLayout(self)
        self.summary = plain("")
        col.addWidget(self.summary)
        col.addWidget(QLabel("Identiteitsbewijs gezien, met afgeschermd:"))
        self.checks = {}
        for key, label in (("photo", "pasfoto"), ("mrz", "MRZ-code"), ("number", "documentnummer"), ("bsn", "BSN")):
            box = QCheckBox(label)
            box.setObjectName(f"check_{key}")
            self.checks[key] = box
            col.addWidget(box)
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        row = QHBoxLayout()
        self.buttons = {}
        for key, text, slot in (("identity", "Identiteit gecontroleerd", self._identity),
                                ("start", "In behandeling", self._start), ("extend", "Verlengen…", self._extend),
                                ("ready", "Klaar voor akkoord arts", self._ready),
                                ("signoff", "Akkoord bedrijfsarts", self._signoff),
                                ("perform", "Uitvoeren…", self._perform), ("refuse", "Afwijzen…", self._refuse)):
            b = QPushButton(text)
            b.setObjectName(f"request_{key}")
            b.clicked.connect(slot)
            self.buttons[key] = b
            row.addWidget(b)
        col.addLayout(row)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        col.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.refresh()

    def refresh(self) -> None:
        from desktop_app.services import requests

        self.request = r = self.ctx.call(requests.get, self.request_id)
        self.summary.setText(f"{r.kind.label} — ontvangen {nl(r.received_on)} — uiterlijk {nl(r.due)}"
                             f"{' (verlengd)' if r.extended_until else ''}\nStatus: {r.state.label}"
                             + (f"\nUitkomst: {r.outcome}" if r.outcome else ""))
        state = r.state.value
        self.buttons["identity"].setEnabled(state == "received")
        self.buttons["start"].setEnabled(state == "identity_checked")
        self.buttons["extend"].setEnabled(r.open and r.extended_until is None)
        self.buttons["ready"].setEnabled(state == "in_progress" and r.kind.needs_signoff)
        self.buttons["signoff"].setEnabled(state == "awaiting_signoff"
                                           and Permission.COPY_SIGN_OFF in self.held)
        self.buttons["perform"].setEnabled(state == "in_progress" and not r.kind.needs_signoff
                                           and self._may_perform(r.kind))
        self.buttons["refuse"].setEnabled(r.open)

    def _may_perform(self, kind) -> bool:
        from desktop_app.domain.requests import RequestKind

        if kind is RequestKind.DESTRUCTION:
            return {Permission.DESTROY, Permission.MEDICAL_WRITE} <= self.held
        return Permission.PRACTICE_WRITE in self.held

    def _run(self, fn, *args, **kwargs) -> None:
        try:
            self.ctx.call(fn, self.request_id, *args, **kwargs)
        except Exception as exc:
            self.error.setText(getattr(exc, "message", "Dat lukte niet."))
        else:
            self.error.clear()
        self.refresh()

    def _identity(self) -> None:
        from desktop_app.services import requests

        c = {k: b.isChecked() for k, b in self.checks.items()}
        self._run(requests.check_identity, photo_blacked=c["photo"], mrz_blacked=c["mrz"],
                  number_blacked=c["number"], bsn_blacked=c["bsn"])

    def _start(self) -> None:
        from desktop_app.services import requests

        self._run(requests.start)

    def _ready(self) -> None:
        from desktop_app.services import requests

        self._run(requests.ready_for_signoff)

    def _signoff(self) -> None:
        from desktop_app.services import requests

        self._run(requests.sign_off, "akkoord bedrijfsarts")

    def _extend(self) -> None:
        from desktop_app.services import requests
        from ui.dossier_forms import FormDialog

        fields = [Field("until", "Verlengen tot", kind="date", required=True),
                  Field("reason", "Reden", kind="text", required=True),
                  Field("letter_on", "Brief aan verzoeker verstuurd op", kind="date", required=True)]
        FormDialog(self.ctx, "Termijn verlengen", fields,
                   lambda s, v: requests.extend(s, self.request_id, v["until"], v["reason"], v["letter_on"]),
                   values={"letter_on": nl(date.today())}, parent=self,
                   intro="Eén keer, met hoogstens twee maanden; de brief gaat binnen de eerste termijn.").exec()
        self.refresh()

    def _refuse(self) -> None:
        from desktop_app.services import requests
        from ui.dossier_forms import FormDialog

        FormDialog(self.ctx, "Verzoek afwijzen", [Field("reason", "Reden", kind="text", required=True)],
                   lambda s, v: requests.refuse(s, self.request_id, v["reason"]), parent=self).exec()
        self.refresh()

    def _perform(self) -> None:
        """What the kind of request asks, for the kinds that need no sign-off."""
        from desktop_app.domain.requests import RequestKind
        from desktop_app.services import requests

        kind = self.request.kind
        if kind is RequestKind.RESTRICTION:
            self._run(lambda s, rid: requests.restrict(s, self.request.employee_id, "verzoek van de werknemer", rid))
        elif kind is RequestKind.DESTRUCTION:
            if messages.ask_yes_no(self, "Is er een wettelijke plicht of een zwaarwegend belang van een ander "
                                         "om de gegevens te bewaren?"):
                self._run(requests.destroy_medical, legal_duty=True, others_interest=False)
            elif messages.ask_yes_no(self, "Alle medische gegevens van deze werknemer onherroepelijk vernietigen?"):
                self._run(requests.destroy_medical, legal_duty=False, others_interest=False)
        elif kind is RequestKind.CORRECTION:
            messages.show_info(self, "Corrigeer de aantekening op het tabblad Medisch, of leg de verklaring van "
                                     "de werknemer vast; sluit daarna het verzoek af.")
            self._run(requests.close, "behandeld op het tabblad Medisch")
        else:
            self._run(requests.close, "afgehandeld")
