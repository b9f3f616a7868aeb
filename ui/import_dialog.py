"""Importing an employer's employees (or, without an employer, employers) from a CSV or Excel
file: choose the file, choose for each field of the form its column (remembered per employer), see the report of every row
(row, column, message), confirm the matches with existing employees side by side, then import
all rows or only the good ones. The core checks and writes; this window only shows and asks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.imports import EMPLOYEES, EMPLOYERS, ColumnMapping, differences
from ui import messages
from ui.context import AppContext
from ui.screen_fit import fit, scrolling
from ui.tables import fill, plain, table

NOT_MAPPED = "(niet importeren)"


class ImportDialog(QDialog):
    def __init__(self, ctx: AppContext, employer=None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.employer = employer  # None: the rows are employers
        self.target = EMPLOYEES if employer is not None else EMPLOYERS
        self.employer_id = employer.id if employer is not None else None
        self.path = ""
        self.preview = None
        self.result = None
        self.setObjectName("import_dialog")
        if employer is not None:
            self.setWindowTitle(f"Werknemers importeren — {employer.name}")
            same, existing = "zelfde BSN of personeelsnummer", "Bestaande werknemers"
        else:
            self.setWindowTitle("Werkgevers importeren")
            same, existing = "zelfde KvK-nummer", "Bestaande werkgevers"
        col = QVBoxLayout(self)
        col.addWidget(plain(
            "Kies een CSV- of Excel-bestand (.xlsx) met een regel kolomnamen bovenaan. Er wordt "
            f"niets geïmporteerd voordat u het overzicht hebt gezien; {existing.lower()} ({same}) "
            "worden alleen bijgewerkt als u dat per rij bevestigt."))
        row = QHBoxLayout()
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("import_file")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText("Geen bestand gekozen")
        row.addWidget(self.file_edit, 1)
        choose = QPushButton("Bestand kiezen…")
        choose.setObjectName("import_choose")
        choose.clicked.connect(self._choose)
        row.addWidget(choose)
        col.addLayout(row)

        self.tabs = QTabWidget()
        mapping = QWidget()
        form = QFormLayout(mapping)
        self.combos: dict[str, QComboBox] = {}
        for name, label in self.target.fields.items():
            combo = QComboBox()
            combo.setObjectName(f"import_column_{name}")
            combo.addItem(NOT_MAPPED, "")
            self.combos[name] = combo
            form.addRow(label, combo)
        self.tabs.addTab(scrolling(mapping), "Kolommen")
        report = QWidget()
        report_col = QVBoxLayout(report)
        self.summary = plain("")
        self.summary.setObjectName("import_summary")
        report_col.addWidget(self.summary)
        self.report = table(["Rij", "Kolom", "Melding"], "import_report")
        report_col.addWidget(self.report)
        self.tabs.addTab(report, "Controle")
        self.matches = QTreeWidget()
        self.matches.setObjectName("import_matches")
        self.matches.setHeaderLabels(["Rij en veld", "Nu in de praktijk", "Uit het bestand"])
        self.matches.setColumnWidth(0, 260)
        self.matches.setColumnWidth(1, 300)
        self.tabs.addTab(self.matches, existing)
        col.addWidget(self.tabs, 1)

        self.error = QLabel()
        self.error.setObjectName("import_error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        col.addWidget(self.error)
        buttons = QHBoxLayout()
        self.check_button = QPushButton("Controleren")
        self.check_button.setObjectName("import_check")
        self.check_button.clicked.connect(self.check)
        self.all_button = QPushButton("Alle rijen importeren")
        self.all_button.setObjectName("import_all")
        self.all_button.clicked.connect(lambda: self.apply(only_good=False))
        self.good_button = QPushButton("Alleen de goede rijen importeren")
        self.good_button.setObjectName("import_good")
        self.good_button.clicked.connect(lambda: self.apply(only_good=True))
        close = QPushButton("Sluiten")
        close.clicked.connect(self.reject)
        for b in (self.check_button, self.all_button, self.good_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        col.addLayout(buttons)
        for combo in self.combos.values():
            combo.currentIndexChanged.connect(self._mapping_changed)
        self._set_buttons()
        fit(self, 1100, 700)

    # --- the file and its columns ------------------------------------------------------------

    def _choose(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, "Bestand kiezen", "",
                                               "Personeelsbestanden (*.csv *.xlsx);;Alle bestanden (*)")
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        from desktop_app.services import imports
        from ui.operations import read

        self.path = path
        self.file_edit.setText(path)
        self.error.clear()
        read(self, self.ctx, imports.columns, path, self.employer_id).errors_to(self.error) \
            .success(self._columns).run_in_background()

    def _columns(self, found) -> None:
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_MAPPED, "")
            for header in found.headers:
                combo.addItem(header, header)
            chosen = found.proposed.get(name, "")
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            combo.blockSignals(False)
        self.summary.setText(f"{found.rows} rijen in het bestand. Kies de kolommen en klik op Controleren.")
        self._mapping_changed()
        self.tabs.setCurrentIndex(0)

    def mapping(self) -> ColumnMapping:
        columns = {name: combo.currentData() for name, combo in self.combos.items() if combo.currentData()}
        return ColumnMapping(self.employer_id, columns)

    def _mapping_changed(self) -> None:
        self.preview = None  # a report holds only for the mapping it was made with
        self._set_buttons()

    # --- the report --------------------------------------------------------------------------

    def check(self) -> None:
        from desktop_app.services import imports
        from ui.operations import save

        if not self.path:
            self.error.setText("Kies eerst een bestand.")
            return
        self.error.clear()
        save(self, self.ctx, imports.preview, self.path, self.mapping(), label="Bestand controleren…") \
            .errors_to(self.error).success(self._show).run_in_background()

    def _show(self, preview) -> None:
        self.preview = preview
        if preview.mapping_problems:
            fill(self.report, [["", "", m] for m in preview.mapping_problems.values()])
            self.summary.setText("De koppeling van de kolommen klopt niet; verbeter die eerst.")
        else:
            fill(self.report, [[str(p.line), p.column, p.message] for p in preview.problems])
            who = "werknemer" if self.target is EMPLOYEES else "werkgever"
            self.summary.setText(
                f"{len(preview.rows)} rijen: {len(preview.good_rows)} goed, {len(preview.bad_rows)} met "
                f"een fout, {len(preview.matches)} bij een bestaande {who} (zie het tabblad "
                f"{self.tabs.tabText(2)}).")
        self._show_matches(preview)
        self.tabs.setCurrentIndex(1)
        self._set_buttons()

    def _show_matches(self, preview) -> None:
        self.matches.clear()
        for row in preview.matches:
            name = row.match.list_name if self.target is EMPLOYEES else row.match.name
            item = QTreeWidgetItem([f"Rij {row.line}: {name}", "", ""])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setData(0, Qt.ItemDataRole.UserRole, row.line)
            changes = differences(row.match, row.record, self.target)
            for label, before, after in changes or [("geen verschillen", "", "")]:
                item.addChild(QTreeWidgetItem([label, before, after]))
            self.matches.addTopLevelItem(item)
            item.setExpanded(True)

    def confirmed(self) -> set[int]:
        out = set()
        for k in range(self.matches.topLevelItemCount()):
            item = self.matches.topLevelItem(k)
            if item.checkState(0) == Qt.CheckState.Checked:
                out.add(int(item.data(0, Qt.ItemDataRole.UserRole)))
        return out

    def _set_buttons(self) -> None:
        p = self.preview
        self.check_button.setEnabled(bool(self.path))
        self.all_button.setEnabled(p is not None and p.all_good)
        self.good_button.setEnabled(p is not None and bool(p.good_rows))

    # --- importing ---------------------------------------------------------------------------

    def apply(self, *, only_good: bool) -> None:
        from desktop_app.services import imports
        from ui.operations import REPORT, TOKEN, job

        if self.preview is None:
            return
        unconfirmed = len(self.preview.matches) - len(self.confirmed())
        if unconfirmed and not messages.ask_yes_no(
                self, f"{unconfirmed} rijen horen bij een bestaande "
                      f"{'werknemer' if self.target is EMPLOYEES else 'werkgever'} en zijn niet bevestigd; "
                      "die rijen worden overgeslagen. Doorgaan?"):
            return
        job(self, self.ctx, imports.apply, self.preview, only_good, self.confirmed(), progress=REPORT,
            cancel=TOKEN, label="Importeren…").errors_to(self.error).success(self._done) \
            .on_cancel(lambda: self.error.setText("Afgebroken: er is niets geïmporteerd.")) \
            .run_in_background()

    def _done(self, result) -> None:
        self.result = result
        what = "werknemers" if self.target is EMPLOYEES else "werkgevers"
        messages.show_info(self, f"Geïmporteerd: {result.created} nieuwe {what}, {result.updated} "
                                 f"bijgewerkt, {result.skipped} rijen overgeslagen.")
        self.accept()
