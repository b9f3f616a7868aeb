"""Headings that stay with what follows them, without reportlab's ``KeepTogether``.

A style with ``keepWithNext`` makes reportlab wrap the heading and the next flowable in a
``KeepTogether``, which measures the next flowable twice (a long paragraph too) and copies the
frame each time; a next flowable taller than a page is then moved to a new page whole. Here a
heading gets a :class:`Room` in front of it instead: it asks for a new page only when the heading
and the start of what follows — two lines of a paragraph, a grid's header and first lines —
do not fit in the room left. The rest of a long paragraph flows on as usual.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from desktop_app.documents.rows import Rows

__all__ = ["Room", "keep_headings"]


def _keeps(f: Flowable) -> bool:
    return bool(f.getKeepWithNext()) if hasattr(f, "getKeepWithNext") else False


def _start_height(f: Flowable | None, width: float, height: float) -> float:
    """The least of ``f`` that should stand under a heading on the same page."""
    if f is None:
        return 0.0
    if isinstance(f, Paragraph):
        return f.getSpaceBefore() + 2 * f.style.leading
    if isinstance(f, Rows):
        f.wrap(width, height)
        return f.min_height()
    return f.getSpaceBefore() + f.wrap(width, height)[1]


class Room(CondPageBreak):
    """A frame break unless ``headings`` and the start of ``follower`` fit in the room left."""

    def __init__(self, headings: Sequence[Flowable], follower: Flowable | None) -> None:
        super().__init__(0)
        self.headings = list(headings)
        self.follower = follower

    def __repr__(self) -> str:
        return f"Room({len(self.headings)} heading(s))"

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803 - reportlab API
        frame = self._doctemplateAttr("frame")
        if frame is not None and getattr(frame, "_atTop", False):
            return 0, 0  # a new page would not give more room
        needed = 0.0
        for heading in self.headings:
            needed += heading.getSpaceBefore() + heading.wrap(availWidth, availHeight)[1] + heading.getSpaceAfter()
        self.height = needed + _start_height(self.follower, availWidth, availHeight)
        return super().wrap(availWidth, availHeight)


def keep_headings(flowables: Sequence[Flowable]) -> list[Flowable]:
    """The story with a :class:`Room` before every run of keep-with-next flowables.

    The flowables' own ``keepWithNext`` is switched off, so reportlab adds no ``KeepTogether``.
    """
    out: list[Flowable] = []
    i = 0
    n = len(flowables)
    while i < n:
        if not _keeps(flowables[i]):
            out.append(flowables[i])
            i += 1
            continue
        j = i
        while j < n and _keeps(flowables[j]):
            j += 1
        headings = list(flowables[i:j])
        out.append(Room(headings, flowables[j] if j < n else None))
        for heading in headings:
            heading.__dict__["keepWithNext"] = 0  # read before the style's value
        out.extend(headings)
        i = j
    return out
