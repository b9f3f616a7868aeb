"""Paragraphs of plain text, built without reportlab's markup parser.

reportlab's ``Paragraph`` reads its text as XML-like markup. Text from a form is never markup, so
instead of escaping it and having it parsed again, :func:`plain` builds the paragraph's fragments
directly: one fragment per line, a line-break fragment between lines. Whatever the text holds —
``<b>``, ``&amp;``, ``<font size=99>`` — is drawn as the characters it is. It is also faster:
parsing is most of the cost of a short paragraph.

The fragment templates come from the parser itself (parsing one letter once per font, size and
colour), so they carry exactly the attributes reportlab's own fragments carry.
"""

from __future__ import annotations

import threading

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from desktop_app.documents.fonts import nfc

__all__ = ["PlainParagraph", "lines_of", "plain"]

_lock = threading.Lock()
_templates: dict[tuple, tuple[ParaFrag, ParaFrag]] = {}


def _template(style: ParagraphStyle) -> tuple[ParaFrag, ParaFrag]:
    """A text fragment and a line-break fragment as the parser makes them for ``style``."""
    key = (style.fontName, style.fontSize, repr(style.textColor))
    found = _templates.get(key)
    if found is None:
        _style, frags, _bullet = ParaParser().parse("x<br/>x", style)
        found = (frags[0], frags[1])
        with _lock:
            _templates.setdefault(key, found)
    return found


class PlainParagraph(Paragraph):
    """A paragraph that remembers its last wrap: measured again at the same width, it answers at
    once (a heading is measured to keep it with what follows, then laid out)."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803 - reportlab API
        if availWidth == self._wrapped_at and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


def lines_of(text: str) -> list[str]:
    """The lines of ``text``: CR LF, CR and LF all end a line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def plain(text: str, style: ParagraphStyle, *, bullet: str | None = None) -> Paragraph:
    """A paragraph showing ``text`` as written (composed to NFC), its line breaks kept.

    Runs of spaces and tabs are drawn as one space, as reportlab does with any paragraph.
    ``bullet`` is drawn in the bullet position (``style.bulletIndent``).
    """
    text = nfc(text)
    line_frag, break_frag = _template(style)
    frags: list[ParaFrag] = []
    for number, line in enumerate(lines_of(text)):
        if number:
            frags.append(break_frag.clone())
        if line:
            frags.append(line_frag.clone(text=line))
    return PlainParagraph(text, style, bulletText=bullet, frags=frags)
