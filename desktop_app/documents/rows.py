"""Rows of cells in fixed columns that flow across pages: label/value fields and ruled grids.

reportlab's ``Table`` moves a row that does not fit to the next page and fails with a
``LayoutError`` on a row taller than a page, so a long field ends the document. It also measures
every row again on every page, which makes a table of thousands of rows quadratic. :class:`Rows`
measures each row once, splits between rows, and splits inside a row that is too tall for the room
left: each cell that does not fit is split as a paragraph (never leaving a single line behind), the
rest of the row continues at the top of the next page. A grid repeats its header row there; a
field list marks the label of the continued value "(vervolg)".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

__all__ = ["Padding", "Row", "Rows"]

_BIG = 1e9
_EPS = 1e-6
# A row up to this tall (a quarter of a page) moves to the next page whole when it does not fit;
# a taller one is split where it stands, so a long value does not leave much of a page empty.
SPLIT_ROW_ABOVE = 180.0


@dataclass(frozen=True)
class Padding:
    top: float = 3
    bottom: float = 3
    left: tuple[float, ...] = (6,)  # per column, the last repeated
    right: tuple[float, ...] = (6,)

    def at(self, side: tuple[float, ...], column: int) -> float:
        return side[min(column, len(side) - 1)]


@dataclass
class Row:
    """One row: its cells, and what its label says when the row continues on the next page."""

    cells: list[Flowable]
    continued: Callable[[], Flowable] | None = None  # a new first cell for the continuation
    height: float | None = field(default=None, repr=False)


class Rows(Flowable):
    """Rows of cells in columns of fixed ``widths``; see the module docstring.

    ``header`` (a grid) is drawn at the top of every part, with ``header_fill`` behind it.
    ``rule`` draws a grid of lines in that colour; ``None`` draws no lines (a field list).
    """

    def __init__(self, rows: Sequence[Row], widths: Sequence[float], *, header: Row | None = None,
                 padding: Padding = Padding(), rule: colors.Color | None = None,
                 header_fill: colors.Color | None = None, rule_width: float = 0.25) -> None:
        super().__init__()
        self.rows = list(rows)
        self.widths = list(widths)
        self.header = header
        self.padding = padding
        self.rule = rule
        self.header_fill = header_fill
        self.rule_width = rule_width
        self.hAlign = "LEFT"

    # --- measuring ---------------------------------------------------------------------------

    def _cell_width(self, column: int) -> float:
        p = self.padding
        return max(1.0, self.widths[column] - p.at(p.left, column) - p.at(p.right, column))

    def _measure(self, row: Row) -> float:
        if row.height is None:
            tallest = 0.0
            for column, cell in enumerate(row.cells):
                tallest = max(tallest, cell.wrap(self._cell_width(column), _BIG)[1])
            row.height = tallest + self.padding.top + self.padding.bottom
        return row.height

    def _header_height(self) -> float:
        return self._measure(self.header) if self.header is not None else 0.0

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803 - reportlab API
        self.width = sum(self.widths)
        self.height = self._header_height() + sum(self._measure(r) for r in self.rows)
        return self.width, self.height

    def min_height(self) -> float:
        """The least room the start of these rows needs: the header and the first row, or two
        lines of it where the first row is tall enough to be split."""
        if not self.rows:
            return self._header_height()
        first = self._measure(self.rows[0])
        if first > SPLIT_ROW_ABOVE:
            leading = max((getattr(getattr(c, "style", None), "leading", 0) for c in self.rows[0].cells),
                          default=0)
            first = min(first, 2 * leading + self.padding.top + self.padding.bottom)
        return self._header_height() + first

    # --- splitting ---------------------------------------------------------------------------

    def _part(self, rows: list[Row]) -> Rows:
        return Rows(rows, self.widths, header=self.header, padding=self.padding, rule=self.rule,
                    header_fill=self.header_fill, rule_width=self.rule_width)

    def split(self, availWidth, availHeight):  # noqa: N802, N803 - reportlab API
        self.wrap(availWidth, availHeight)
        room = availHeight - self._header_height()
        used = 0.0
        fitting = 0
        for row in self.rows:
            if used + self._measure(row) > room + _EPS:
                break
            used += self._measure(row)
            fitting += 1
        if fitting == len(self.rows):
            return [self]
        row = self.rows[fitting]
        if self._measure(row) > SPLIT_ROW_ABOVE:
            halves = self._split_row(row, room - used)
            if halves is not None:
                first, rest = halves
                return [self._part(self.rows[:fitting] + [first]),
                        self._part([rest] + self.rows[fitting + 1:])]
        if fitting == 0:
            return []  # not even the first row here: the whole goes to the next page
        return [self._part(self.rows[:fitting]), self._part(self.rows[fitting:])]

    def _split_row(self, row: Row, room: float) -> tuple[Row, Row] | None:
        """The row cut to ``room``, and its continuation; None where that leaves too little."""
        inner = room - self.padding.top - self.padding.bottom
        if inner <= 0:
            return None
        first: list[Flowable] = []
        rest: list[Flowable] = []
        for column, cell in enumerate(row.cells):
            width = self._cell_width(column)
            height = cell.wrap(width, _BIG)[1]
            if height <= inner + _EPS:
                first.append(cell)
                rest.append(_empty_like(cell))
                continue
            parts = cell.split(width, inner)
            if len(parts) != 2:
                cell.wrap(width, _BIG)  # a refused split may drop the cell's measured lines
                return None
            first.append(parts[0])
            rest.append(parts[1])
        if row.continued is not None:
            rest[0] = row.continued()
        return Row(first), Row(rest, row.continued)

    # --- drawing -----------------------------------------------------------------------------

    def draw(self):
        canv = self.canv
        p = self.padding
        rows = ([self.header] if self.header is not None else []) + self.rows
        top = self.height
        y = top
        for index, row in enumerate(rows):
            height = self._measure(row)
            if index == 0 and self.header is not None and self.header_fill is not None:
                canv.saveState()
                canv.setFillColor(self.header_fill)
                canv.rect(0, y - height, self.width, height, stroke=0, fill=1)
                canv.restoreState()
            x = 0.0
            for column, cell in enumerate(row.cells):
                width = self._cell_width(column)
                if isinstance(cell, Paragraph) and not hasattr(cell, "blPara"):
                    cell.wrap(width, _BIG)
                cell.drawOn(canv, x + p.at(p.left, column), y - p.top - cell.height)
                x += self.widths[column]
            y -= height
        if self.rule is not None:
            self._draw_rules(rows, top)

    def _draw_rules(self, rows: list[Row], top: float) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.rule)
        canv.setLineWidth(self.rule_width)
        y = top
        canv.line(0, y, self.width, y)
        for row in rows:
            y -= self._measure(row)
            canv.line(0, y, self.width, y)
        x = 0.0
        canv.line(x, top, x, 0)
        for width in self.widths:
            x += width
            canv.line(x, top, x, 0)
        canv.restoreState()


def _empty_like(cell: Flowable) -> Flowable:
    """An empty cell in the cell's style (the part of a row below a cell that ended)."""
    if isinstance(cell, Paragraph):
        return Paragraph("", cell.style, frags=[])
    from reportlab.platypus import Spacer

    return Spacer(0, 0)
