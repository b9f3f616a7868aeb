"""The complaint register in the client: registering a complaint and following it up within the
term of the practice's complaint procedure."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.complaints import CHANNELS, TOPICS, VERDICTS
from ui.context import AppContext
from ui.form import ERROR_STYLE, Field
from ui.tables import fill, nl, plain, table


class ComplaintsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.complaints = []
        self.loads = 0
        self.form_dialog = None
        self.preview = None
        col = QVBoxLayout(self)
        self.intro = plain("")
        col.addWidget(self.intro)
        self.table = table(["Ontvangen", "Klager", "Waarover", "Uiterlijk", "Stand"], "complaints_table")
        self.table.itemSelectionChanged.connect(self._selected_changed)
        col.addWidget(self.table, 2)
        self.detail = plain("")
        self.detail.setObjectName("complaint_detail")
        col.addWidget(self.detail, 1)
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        col.addWidget(self.error)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, (key, text, slot) in enumerate((
                ("register", "Klacht registreren…", self._register),
                ("acknowledge", "Ontvangst bevestigd…", self._acknowledge),
                ("assign", "Behandelaar…", self._assign), ("extend", "Termijn verlengen…", self._extend),
                ("decide", "Afhandelen…", self._decide),
                ("ack_letter", "Ontvangstbevestiging (brief)…", lambda: self.letter("acknowledgement")),
                ("verdict_letter", "Oordeel (brief)…", lambda: self.letter("verdict")))):
            b = QPushButton(text)
            b.setObjectName(f"complaint_{key}")
            b.clicked.connect(slot)
            self.buttons[key] = b
            grid.addWidget(b, i // 4, i % 4)
        col.addLayout(grid)

    # --- filling -----------------------------------------------------------------------------

    def reload(self) -> None:
        from desktop_app.services import complaints

        def both(session):
            return complaints.register_list(session), complaints.procedure(session), session.today()

        self.ctx.run(both, on_success=self._show, on_failure=self._failed, owner=self)

    def _show(self, result) -> None:
        found, procedure, today = result
        self.complaints = found
        self.today = today
        open_count = sum(1 for c in found if c.open)
        self.intro.setText(f"Klachtenregeling: oordeel binnen {procedure.answer_weeks} weken, eenmaal te verlengen "
                           f"met {procedure.extension_weeks} weken. Open klachten: {open_count}.")
        fill(self.table, [[nl(c.received_on), c.complainant, TOPICS[c.topic], nl(c.due), c.status(today)]
                          for c in found], [c.id for c in found])
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
        if row < 0 or row >= len(self.complaints):
            return None
        cid = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        return next((c for c in self.complaints if c.id == cid), None)

    def _selected_changed(self) -> None:
        c = self.current()
        for key in ("acknowledge", "assign", "extend", "decide", "ack_letter"):
            self.buttons[key].setEnabled(c is not None and c.open)
        self.buttons["verdict_letter"].setEnabled(c is not None and not c.open)
        if c is None:
            self.detail.setText("Kies een klacht om de gegevens te zien.")
            return
        lines = [f"Klacht van {c.complainant}, ontvangen {nl(c.received_on)} ({CHANNELS[c.channel]})",
                 f"Waarover: {TOPICS[c.topic]}", c.description,
                 f"Ontvangst bevestigd: {nl(c.acknowledged_on) or 'nog niet'}"]
        if c.extended_until:
            lines.append(f"Verlengd tot {nl(c.extended_until)}: {c.extension_reason}")
        if not c.open:
            lines.append(f"Oordeel: {VERDICTS.get(c.verdict, c.verdict)} ({nl(c.closed_on)}) — {c.outcome}")
            if c.measures:
                lines.append(f"Wat de praktijk doet: {c.measures}")
        self.detail.setText("\n".join(lines))

    def _form(self, title: str, fields: list[Field], save, values=None, intro: str = ""):
        from ui.dossier_forms import FormDialog

        dialog = FormDialog(self.ctx, title, fields, save, values=values, intro=intro, parent=self)
        dialog.finished.connect(lambda _code: self.reload())
        self.form_dialog = dialog
        dialog.open()
        return dialog

    # --- the steps ----------------------------------------------------------------------------

    def _register(self) -> None:
        from desktop_app.services import complaints

        self._form("Klacht registreren", [
            Field("complainant", "Naam klager", required=True),
            Field("received_on", "Ontvangen op", kind="date", required=True),
            Field("channel", "Hoe ontvangen", kind="choice", choices=list(CHANNELS.items())),
            Field("topic", "Waarover", kind="choice", choices=list(TOPICS.items())),
            Field("description", "De klacht", kind="text", required=True)],
            lambda s, v: complaints.register(s, complainant=v["complainant"], received_on=v["received_on"],
                                             channel=v["channel"], topic=v["topic"], description=v["description"]),
            values={"received_on": nl(date.today())})

    def _acknowledge(self) -> None:
        from desktop_app.services import complaints

        c = self.current()
        if c is None:
            return
        self._form("Ontvangst bevestigd", [Field("acknowledged_on", "Bevestigd op", kind="date", required=True)],
                   lambda s, v: complaints.acknowledge(s, c.id, v["acknowledged_on"]),
                   values={"acknowledged_on": nl(date.today())},
                   intro="Maak de ontvangstbevestiging met de knop 'Ontvangstbevestiging (brief)…'.")

    def _assign(self) -> None:
        from desktop_app.services import complaints

        c = self.current()
        if c is None:
            return

        def show(people) -> None:
            self._form("Behandelaar van de klacht", [
                Field("handler_id", "Behandeld door", kind="choice", choices=[(str(i), n) for i, n in people])],
                lambda s, v: complaints.assign(s, c.id, int(v["handler_id"])),
                intro="Bij voorkeur iemand over wie de klacht niet gaat.")

        self.ctx.run(complaints.handlers, on_success=show, on_failure=self._failed, owner=self)

    def _extend(self) -> None:
        from desktop_app.services import complaints

        c = self.current()
        if c is None:
            return
        self._form("Termijn verlengen", [Field("extension_reason", "Reden", kind="text", required=True)],
                   lambda s, v: complaints.extend(s, c.id, v["extension_reason"]),
                   intro="Eenmaal, binnen de eerste termijn; laat de klager weten waarom.")

    def _decide(self) -> None:
        from desktop_app.services import complaints

        c = self.current()
        if c is None:
            return
        self._form("Klacht afhandelen", [
            Field("verdict", "Oordeel", kind="choice", choices=list(VERDICTS.items())),
            Field("outcome", "Toelichting op het oordeel", kind="text", required=True),
            Field("measures", "Wat de praktijk doet", kind="text"),
            Field("decided_on", "Beslist op", kind="date", required=True)],
            lambda s, v: complaints.decide(s, c.id, v["verdict"], v["outcome"], v["measures"], v["decided_on"]),
            values={"decided_on": nl(date.today())})

    def letter(self, which: str) -> None:
        from desktop_app.services import complaints
        from ui.request_outcome_dialogs import show_pdf

        c = self.current()
        if c is None:
            return
        self.ctx.run(complaints.letter_pdf, c.id, which, on_failure=self._failed, owner=self,
                     on_success=lambda pdf: show_pdf(self, "Brief over de klacht", pdf, "brief-klacht.pdf"))
