"""The practice's letter templates: choose one, change its subject and text, insert merge fields
from the list. The core checks the template when it is saved; an unknown field or an unbalanced
brace shows at the field, and nothing is saved. Users who may not change settings only read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from ui.context import AppContext
from ui.form import ERROR_STYLE, Field, FormView, errors_of
from ui.screen_fit import fit
from ui.tables import plain


class TemplateEditor(QDialog):
    def __init__(self, ctx: AppContext, parent=None, *, may_change: bool | None = None) -> None:
        from desktop_app.domain.permissions import Permission
        from ui import permissions

        super().__init__(parent)
        self.ctx = ctx
        self.may_change = permissions.may(ctx, Permission.SETTINGS) if may_change is None else may_change
        self.items: list = []
        self.saves = 0
        self.pending = ""
        self.setWindowTitle("Briefsjablonen")
        self.setObjectName("template_editor")
        col = QVBoxLayout(self)
        intro = ("Pas de tekst van een sjabloon aan. Samenvoegvelden schrijft u als {werknemer.naam}; dubbelklik "
                 "op een veld om het in te voegen. Schrijf {{ of }} voor een losse accolade.")
        if not self.may_change:
            intro += " Alleen een bedrijfsarts met beheerrechten kan sjablonen wijzigen."
        label = plain(intro)
        label.setWordWrap(True)
        col.addWidget(label)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("template_list")
        self.list.setMaximumWidth(250)
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._chosen)
        row.addWidget(self.list)
        middle = QVBoxLayout()
        self.form = FormView([Field("subject", "Onderwerp"), Field("body", "Tekst", "text")], self)
        body = self.form.widgets["body"]
        assert isinstance(body, QPlainTextEdit)
        body.setMinimumHeight(260)
        middle.addWidget(self.form, 1)
        row.addLayout(middle, 1)
        self.fields = QListWidget()
        self.fields.setObjectName("template_fields")
        self.fields.setMaximumWidth(300)
        self.fields.setWordWrap(True)
        self.fields.setSpacing(3)
        self.fields.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields.itemDoubleClicked.connect(self._insert)
        row.addWidget(self.fields)
        col.addLayout(row, 1)
        self.error = plain("")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        col.addWidget(self.error)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Opslaan")
        self.save_button.setObjectName("template_save")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton("Standaardtekst terugzetten")
        self.reset_button.clicked.connect(self.reset)
        for b in (self.save_button, self.reset_button):
            b.setVisible(self.may_change)
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        col.addLayout(buttons)
        for w in self.form.widgets.values():
            w.setReadOnly(not self.may_change)  # type: ignore[attr-defined]
        fit(self, 1000, 640)
        self._load()

    def _load(self, select: str | None = None) -> None:
        from desktop_app.services import letters
        from ui.operations import read

        read(self, self.ctx, letters.templates).success(lambda ts: self._loaded(ts, select)) \
            .errors_to(self.error).run_in_background()

    def _loaded(self, templates, select) -> None:
        current = select or (self.current.key if self.current else None)
        self.items = list(templates)
        self.list.blockSignals(True)
        self.list.clear()
        for t in self.items:
            self.list.addItem(t.title + (" (aangepast)" if t.edited else ""))
        self.list.blockSignals(False)
        index = next((i for i, t in enumerate(self.items) if t.key == current), 0)
        self.list.setCurrentRow(index)
        self._chosen(index)
        if self.pending:
            self.error.setStyleSheet("")
            self.error.setText(self.pending)
            self.pending = ""

    @property
    def current(self):
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _chosen(self, _row: int) -> None:
        from desktop_app.domain.letter_fields import fields_for

        t = self.current
        if t is None:
            return
        self.form.clear_errors()
        self.error.clear()
        self.form.set_values({"subject": t.subject, "body": t.body})
        self.fields.clear()
        for f in fields_for(t.all_sources):
            item = QListWidgetItem(f"{f.token}\n{f.description}")
            item.setData(Qt.ItemDataRole.UserRole, f.token)
            item.setToolTip(f"Bron: {f.source.label}")
            self.fields.addItem(item)

    def _insert(self, item: QListWidgetItem) -> None:
        if not self.may_change:
            return
        body = self.form.widgets["body"]
        assert isinstance(body, QPlainTextEdit)
        body.insertPlainText(item.data(Qt.ItemDataRole.UserRole))
        body.setFocus()

    def save(self) -> None:
        from desktop_app.services import letters
        from ui.operations import save

        t = self.current
        if t is None:
            return
        v = self.form.values()
        self.form.clear_errors()
        self.error.clear()
        save(self, self.ctx, letters.save_template, t.key, v["subject"], v["body"]) \
            .success(lambda saved: self._saved(saved, "Het sjabloon is opgeslagen.")) \
            .failure(self._failed).run_in_background()

    def reset(self) -> None:
        from desktop_app.services import letters
        from ui.operations import save

        t = self.current
        if t is not None:
            save(self, self.ctx, letters.reset_template, t.key) \
                .success(lambda saved: self._saved(saved, "De standaardtekst staat weer in het sjabloon.")) \
                .failure(self._failed).run_in_background()

    def _saved(self, saved, message: str) -> None:
        self.saves += 1
        self.form.mark_clean()
        self.pending = message
        self._load(select=saved.key)

    def _failed(self, exc: BaseException) -> None:
        from ui.operations import show_or_report

        self.error.setStyleSheet(ERROR_STYLE)
        errors = errors_of(exc)
        if errors:
            self.form.set_errors(errors)
            return
        show_or_report(exc, self.error.setText)
