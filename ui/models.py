"""Qt models over the services: named columns, rows fetched a page at a time (Vorta style)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ui.context import AppContext

PAGE = 200
IdRole = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()


def nl_date(d) -> str:
    return d.strftime("%d-%m-%Y") if d else ""


class PagedModel(QAbstractTableModel):
    """Rows come from ``fetch(offset, limit)`` on the database thread, a page at a time, for the
    rows the view shows: the list has all its rows from the start, so its scrollbar reaches the
    last one (ui15screens: a 20,000-row list can jump to any row)."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loaded: dict[int, object] = {}
        self._total = 0
        self.reload()

    # subclasses
    def fetch(self, offset: int, limit: int) -> list:
        raise NotImplementedError

    def total(self) -> int:
        raise NotImplementedError

    def cell(self, row, column: int) -> str:
        raise NotImplementedError

    def row_id(self, row) -> int:
        return row.id

    @property
    def rows(self) -> list:
        """The rows loaded so far from the top, in order."""
        out = []
        while len(out) in self._loaded:
            out.append(self._loaded[len(out)])
        return out

    def row_at(self, number: int):
        """Row ``number``, its page read when first asked for; None past the end."""
        if number not in self._loaded and 0 <= number < self._total:
            offset = number - number % PAGE
            for i, row in enumerate(self.fetch(offset, PAGE)):
                self._loaded[offset + i] = row
        return self._loaded.get(number)

    # Qt
    def reload(self) -> None:
        self.beginResetModel()
        self._total = self.total()
        self._loaded = {}
        self.row_at(0)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, IdRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == IdRole:
            return self.row_id(row)
        return None


class EmployeesModel(PagedModel):
    COL_NAME, COL_BIRTH, COL_EMPLOYER, COL_JOB, COL_PNR = range(5)
    COLUMNS = ("Naam", "Geboortedatum", "Werkgever", "Functie", "Personeelsnr.")

    def __init__(self, ctx: AppContext, employer_id: int | None = None, parent=None) -> None:
        self.employer_id = employer_id
        super().__init__(ctx, parent)

    def fetch(self, offset, limit):
        from desktop_app.services import employees

        return self.ctx.call(employees.page, employer_id=self.employer_id, offset=offset, limit=limit)

    def total(self):
        from desktop_app.services import employees

        return self.ctx.call(employees.count, self.employer_id)

    def cell(self, e, column):
        return (e.list_name, nl_date(e.birth_date), e.employer_name, e.job_title,
                e.personnel_number)[column]


class EmployersModel(PagedModel):
    COLUMNS = ("Werkgever", "KvK", "Plaats", "Contactpersoon", "Werknemers")

    def fetch(self, offset, limit):
        from desktop_app.services import employers

        if offset:
            return []
        self._counts = self.ctx.call(employers.employee_counts)
        return self.ctx.call(employers.list_all)

    def total(self):
        from desktop_app.services import employers

        return len(self.ctx.call(employers.list_all))

    def cell(self, e, column):
        return (e.name, e.kvk, e.city, e.contact_name, str(self._counts.get(e.id, 0)))[column]


class OpenCasesModel(PagedModel):
    COLUMNS = ("Naam", "Werkgever", "Eerste ziektedag", "Soort")

    def fetch(self, offset, limit):
        from desktop_app.services import cases

        return self.ctx.call(cases.open_cases_page, offset=offset, limit=limit)

    def total(self):
        from desktop_app.services import cases

        return self.ctx.call(cases.count_open)

    def cell(self, row, column):
        return (row.employee_name, row.employer_name, nl_date(row.first_day), row.kind_label)[column]

    def row_id(self, row):
        return row.employee_id
