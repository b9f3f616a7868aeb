"""Qt models over the services: named columns, rows fetched a page at a time (Vorta style)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop_app.domain import dates
from ui.context import AppContext

PAGE = 200
IdRole = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()


def nl_date(d) -> str:
    return dates.nl_date(d)


class PagedModel(QAbstractTableModel):
    """All rows from the start, each page read on the database thread when the view first shows
    one of its rows, without the GUI thread waiting: the scrollbar reaches the last row of a
    20,000-row list, and a row not read yet shows empty until its page answers. ``reload`` starts
    a read and returns; ``loading`` is true while a read is out.

    Subclasses give ``fetch(session, offset, limit)`` and ``total(session)``, which run on the
    database thread (service calls only).
    """

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loaded: dict[int, object] = {}
        self._asked: set[int] = set()  # page offsets whose read is out
        self._total = 0
        self._generation = 0
        self._loading = 0
        self.reload()

    # subclasses (database thread)
    def fetch(self, session, offset: int, limit: int) -> list:
        raise NotImplementedError

    def total(self, session) -> int:
        raise NotImplementedError

    def cell(self, row, column: int) -> str:
        raise NotImplementedError

    def row_id(self, row) -> int:
        return row.id

    def sample_texts(self, column: int, count: int) -> list[str]:
        """The texts of ``column`` in the first ``count`` rows read (``ui.columns`` sizes from them)."""
        return [self.cell(self._loaded[n], column) for n in range(min(count, self._total)) if n in self._loaded]

    @property
    def loading(self) -> bool:
        return self._loading > 0

    @property
    def rows(self) -> list:
        """The rows read so far from the top, in order."""
        out = []
        while len(out) in self._loaded:
            out.append(self._loaded[len(out)])
        return out

    def _read(self, fn, done) -> None:
        from ui.operations import Operation

        generation = self._generation
        self._loading += 1

        def answered(result) -> None:
            if generation == self._generation:
                done(result)

        def ended() -> None:
            self._loading -= 1

        Operation(self, self.ctx.tasks, fn, self.ctx.session).success(answered).always(ended) \
            .run_in_background()

    def row_at(self, number: int):
        """Row ``number`` if its page has been read; otherwise None, and its page is asked for."""
        if number in self._loaded or not 0 <= number < self._total:
            return self._loaded.get(number)
        offset = number - number % PAGE
        if offset not in self._asked:
            self._asked.add(offset)

            def add(page: list) -> None:
                self._asked.discard(offset)
                for i, row in enumerate(page):
                    self._loaded[offset + i] = row
                if page:
                    last = min(offset + len(page), self._total) - 1
                    self.dataChanged.emit(self.index(offset, 0), self.index(last, len(self.COLUMNS) - 1))

            self._read(lambda session: self.fetch(session, offset, PAGE), add)
        return None

    # Qt
    def reload(self) -> None:
        self._generation += 1

        def first_page(session):
            return self.total(session), self.fetch(session, 0, PAGE)

        def show(result) -> None:
            self.beginResetModel()
            self._total, page = result
            self._loaded = dict(enumerate(page))
            self._asked = set()
            self.endResetModel()

        self._read(first_page, show)

    def refresh(self) -> None:
        """Read again what has been read (after a change elsewhere, ``ui.changes``). With as many
        rows as before the rows change in place, so the view keeps its place and its selection;
        otherwise the list starts again from the top, as ``reload`` does."""
        self._generation += 1
        offsets = sorted({number - number % PAGE for number in self._loaded}) or [0]

        def again(session):
            return self.total(session), [(offset, self.fetch(session, offset, PAGE)) for offset in offsets]

        def show(result) -> None:
            total, pages = result
            if total != self._total:
                self.beginResetModel()
                self._total = total
                self._loaded = {offset + i: row for offset, page in pages for i, row in enumerate(page)}
                self._asked = set()
                self.endResetModel()
                return
            self._asked = set()
            self._loaded = {offset + i: row for offset, page in pages for i, row in enumerate(page)}
            if total:
                self.dataChanged.emit(self.index(0, 0), self.index(total - 1, len(self.COLUMNS) - 1))

        self._read(again, show)

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
        return self.row_id(row)


class EmployeesModel(PagedModel):
    COL_NAME, COL_BIRTH, COL_EMPLOYER, COL_JOB, COL_PNR = range(5)
    COLUMNS = ("Naam", "Geboortedatum", "Werkgever", "Functie", "Personeelsnr.")

    def __init__(self, ctx: AppContext, employer_id: int | None = None, parent=None) -> None:
        self.employer_id = employer_id
        super().__init__(ctx, parent)

    def fetch(self, session, offset, limit):
        from desktop_app.services import employees

        return employees.page(session, employer_id=self.employer_id, offset=offset, limit=limit)

    def total(self, session):
        from desktop_app.services import employees

        return employees.count(session, self.employer_id)

    def cell(self, e, column):
        return (e.list_name, nl_date(e.birth_date), e.employer_name, e.job_title,
                e.personnel_number)[column]


class EmployersModel(PagedModel):
    COLUMNS = ("Werkgever", "KvK", "Plaats", "Contactpersoon", "Werknemers")

    def fetch(self, session, offset, limit):
        from desktop_app.services import employers

        if offset:
            return []
        counts = employers.employee_counts(session)
        return [(e, counts.get(e.id, 0)) for e in employers.list_all(session)]

    def total(self, session):
        from desktop_app.services import employers

        return len(employers.list_all(session))

    def cell(self, row, column):
        e, count = row
        return (e.name, e.kvk, e.city, e.contact_name, str(count))[column]

    def row_id(self, row):
        return row[0].id


class OpenCasesModel(PagedModel):
    COLUMNS = ("Naam", "Werkgever", "Eerste ziektedag", "Soort")

    def fetch(self, session, offset, limit):
        from desktop_app.services import cases

        return cases.open_cases_page(session, offset=offset, limit=limit)

    def total(self, session):
        from desktop_app.services import cases

        return cases.count_open(session)

    def cell(self, row, column):
        return (row.employee_name, row.employer_name, nl_date(row.first_day), row.kind_label)[column]

    def row_id(self, row):
        return row.employee_id
