"""The common frame of every document: letterhead, page "n van m", confidentiality line, metadata.

A document module builds a list of flowables with the helpers here and hands it to
:func:`build_pdf`, which returns the PDF as bytes; nothing is written to a file::

    st = styles()
    story = [para("Afschrift", st["title"]), field_table([("Werknemer", name)], st)]
    pdf = build_pdf("Afschrift van het dossier", story, letterhead=lh, created=now)

The title goes into the PDF's metadata, the footer and the header of later pages; like the rest of
the metadata it must never hold personal data (no employee names). Text passes through
:func:`para`, which never reads it as markup (a name never becomes markup) and composes it (NFC).
Every helper here gives flowables that split across pages, so a field of any length fits.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop_app.documents import fonts
from desktop_app.documents.dates import as_datetime, long_date, pdf_date
from desktop_app.documents.fonts import nfc
from desktop_app.documents.keep_with_next import Room, keep_headings
from desktop_app.documents.rows import Padding, Row, Rows
from desktop_app.documents.text import plain
from desktop_app.domain.dates import nl_date

__all__ = [
    "CONFIDENTIAL", "CONTENT_WIDTH", "MARGIN", "Letterhead", "bullet", "build_pdf", "field_table",
    "fitted_image", "grid", "long_date", "para", "signature_lines", "spacer", "styles",
    "table_style",
]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
CONFIDENTIAL = "Vertrouwelijk – valt onder het medisch beroepsgeheim"
APP = "Arbokluis"

ACCENT = colors.HexColor("#2f5d8a")
GREY = colors.HexColor("#555555")

_HEAD_TOP = 14 * mm  # from the top edge to the top of the letterhead
_HEAD_GAP = 8 * mm  # from the letterhead's rule to the first line of text
_LATER_RULE = 19 * mm  # from the top edge to the rule under the small header of later pages
_LATER_TOP = 25 * mm  # from the top edge to the text on later pages
_BOTTOM = 22 * mm  # from the bottom edge to the text; the footer lives below
_LOGO_MAX_HEIGHT = 20 * mm
_LOGO_MAX_WIDTH = 60 * mm


@dataclass(frozen=True)
class Letterhead:
    """The practice's details as printed at the top of the first page.

    ``address`` may hold several lines separated by newlines; ``logo`` is PNG or JPEG bytes.
    """

    name: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    kvk: str = ""
    logo: bytes | None = None

    @classmethod
    def from_settings(cls, s: dict[str, str]) -> Letterhead:
        logo = s.get("practice_logo")
        return cls(s.get("practice_name", ""), s.get("practice_address", ""), s.get("practice_postcode", ""),
                   s.get("practice_city", ""), s.get("practice_phone", ""), s.get("practice_email", ""),
                   s.get("practice_kvk", ""), base64.b64decode(logo) if logo else None)

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    def lines(self) -> list[str]:
        """The lines under the practice's name: address, place, phone, e-mail, KvK number."""
        place = "  ".join(p for p in (self.postcode.strip(), self.city.strip()) if p)
        return [line for line in (
            *self.address_lines,
            place,
            f"Telefoon {self.phone.strip()}" if self.phone.strip() else "",
            self.email.strip(),
            f"KvK {self.kvk.strip()}" if self.kvk.strip() else "",
        ) if line]


# --- styles and flowables ----------------------------------------------------------------------


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles, all in DejaVu Sans: body, small, title, h2, h3, label, head (a grid's
    header), continued (a label on a later page), mono, right, bullet."""
    fonts.register()
    base = ParagraphStyle("body", fontName=fonts.SANS, fontSize=9.5, leading=13)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=16, leading=20, spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontName=fonts.BOLD, fontSize=11.5, leading=15,
                             spaceBefore=10, spaceAfter=4, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=base, fontName=fonts.BOLD, fontSize=10, leading=13, spaceBefore=6,
                             keepWithNext=1),
        "label": ParagraphStyle("label", parent=base, fontName=fonts.BOLD),
        "head": ParagraphStyle("head", parent=base, fontName=fonts.BOLD, fontSize=8, leading=10),
        "continued": ParagraphStyle("continued", parent=base, fontName=fonts.OBLIQUE, fontSize=8, leading=13,
                                    textColor=GREY),
        "mono": ParagraphStyle("mono", parent=base, fontName=fonts.MONO, fontSize=15, leading=22),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=4 * mm, bulletIndent=0,
                                 bulletFontName=fonts.SANS, spaceAfter=1),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: never markup (see :mod:`.text`), NFC, newlines kept."""
    return plain(text, style)


def bullet(text: str, st: dict) -> Paragraph:
    """One item of a bulleted list; a second line aligns with the text, not the bullet."""
    return plain(text, st["bullet"], bullet="•")


def table_style(*commands: tuple) -> TableStyle:
    """A TableStyle whose cells default to DejaVu Sans instead of reportlab's Helvetica.

    Even a table of paragraphs sets its cells' font, so without this every table would pull an
    unembedded Helvetica into the PDF's resources.
    """
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.SANS), *commands])


_FIELD_PADDING = Padding(top=2, bottom=3, left=(0, 6), right=(6,))


def field_table(rows: Sequence[tuple[str, str]], st: dict, widths=(45 * mm, None)) -> Rows:
    """Label and value, one field under the other; an empty value shows as a dash.

    A value of any length flows on to the next pages, its label repeated there as "… (vervolg)".
    """
    label_width = widths[0]
    data = [Row([para(k, st["label"]), para(v or "—", st["body"])], _continued(k, st)) for k, v in rows]
    return Rows(data, [label_width, CONTENT_WIDTH - label_width], padding=_FIELD_PADDING)


def _continued(label: str, st: dict) -> Callable[[], Paragraph]:
    """The first cell of a row continued on the next page: "<label> (vervolg)", in oblique."""
    return lambda: para(f"{label} (vervolg)", st["continued"])


def grid(header: Sequence[str], rows: Sequence[Sequence[str]], st: dict, widths=None) -> Rows:
    """A ruled table whose header row repeats on every page; a tall row splits across pages, its
    first cell repeated there as "… (vervolg)"."""
    columns = len(header)
    if widths is None:
        widths = [CONTENT_WIDTH / columns] * columns
    data = [Row([para(c, st["small"]) for c in r], _continued(r[0], st) if r and r[0] else None) for r in rows]
    return Rows(data, widths, header=Row([para(h, st["head"]) for h in header]),
                rule=colors.HexColor("#999999"), header_fill=colors.HexColor("#e8eef4"))


def fitted_image(data: bytes, max_width: float = CONTENT_WIDTH, max_height: float | None = None, *,
                 enlarge: bool = False) -> Image:
    """An image scaled to fit ``max_width`` and ``max_height`` (default: a page's text area), so
    any size or shape fits on a page; without ``enlarge`` never more than one point per pixel.
    Raises what ImageReader raises for a bad image."""
    width, height = ImageReader(io.BytesIO(data)).getSize()
    if width <= 0 or height <= 0:
        raise ValueError("image without size")
    max_height = PAGE_HEIGHT - _LATER_TOP - _BOTTOM - 2 * mm if max_height is None else max_height
    scale = min(max_width / width, max_height / height)
    if not enlarge:
        scale = min(1.0, scale)
    image = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


def signature_lines(labels: Sequence[str], st: dict, height: float = 18 * mm) -> Table:
    """Room to write or sign under each label, each on its own line with a gap between."""
    gap = 8 * mm
    n = len(labels)
    width = min((CONTENT_WIDTH - gap * (n - 1)) / n, 80 * mm)
    widths: list[float] = []
    top: list[Paragraph | str] = []
    for i, label in enumerate(labels):
        if i:
            widths.append(gap)
            top.append("")
        widths.append(width)
        top.append(para(label, st["small"]))
    t = Table([top, [""] * len(widths)], colWidths=widths, rowHeights=[None, height], hAlign="LEFT")
    commands = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    commands += [("LINEBELOW", (col, 1), (col, 1), 0.5, colors.black) for col in range(0, len(widths), 2)]
    t.setStyle(table_style(*commands))
    return t


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


# --- the letterhead ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Head:
    """The first page's letterhead, measured before the build so the text starts below it."""

    logo: ImageReader | None
    logo_size: tuple[float, float]
    blocks: tuple[tuple[Paragraph, float], ...]  # the name, then the details, each with its height
    text_width: float

    @property
    def height(self) -> float:
        return max(self.logo_size[1], sum(h for _, h in self.blocks))


def _measure_head(lh: Letterhead) -> _Head:
    logo, logo_size = _logo(lh.logo)
    text_width = CONTENT_WIDTH - (logo_size[0] + 8 * mm if logo else 0)
    detail = ParagraphStyle("lh-detail", fontName=fonts.SANS, fontSize=8, leading=10.5, alignment=TA_RIGHT,
                            textColor=colors.HexColor("#333333"))
    name = ParagraphStyle("lh-name", fontName=fonts.BOLD, fontSize=12, leading=15, alignment=TA_RIGHT,
                          spaceAfter=2)
    blocks = [plain(lh.name, name)]
    if lh.lines():
        blocks.append(plain("\n".join(lh.lines()), detail))
    measured = tuple((p, p.wrap(text_width, PAGE_HEIGHT)[1] + p.style.spaceAfter) for p in blocks)
    return _Head(logo, logo_size, measured, text_width)


def _logo(data: bytes | None) -> tuple[ImageReader | None, tuple[float, float]]:
    if not data:
        return None, (0.0, 0.0)
    try:
        image = ImageReader(io.BytesIO(data))
        width, height = image.getSize()
    except Exception:  # a damaged logo never stops a document; it is left out
        return None, (0.0, 0.0)
    if width <= 0 or height <= 0:
        return None, (0.0, 0.0)
    scale = min(_LOGO_MAX_HEIGHT / height, _LOGO_MAX_WIDTH / width)
    return image, (width * scale, height * scale)


def _draw_first_head(c: rl_canvas.Canvas, head: _Head) -> None:
    c.saveState()
    top = PAGE_HEIGHT - _HEAD_TOP
    if head.logo is not None:
        w, h = head.logo_size
        c.drawImage(head.logo, MARGIN, top - h, width=w, height=h, mask="auto")
    y = top
    for paragraph, height in head.blocks:
        paragraph.drawOn(c, PAGE_WIDTH - MARGIN - head.text_width, y - paragraph.height)
        y -= height
    _rule(c, top - head.height - 3 * mm)
    c.restoreState()


def _draw_later_head(c: rl_canvas.Canvas, lh: Letterhead, title: str) -> None:
    c.saveState()
    y = PAGE_HEIGHT - _LATER_RULE + 2 * mm
    name = _fit(" ".join(nfc(lh.name).split()), fonts.BOLD, 9, CONTENT_WIDTH * 0.6)
    c.setFont(fonts.BOLD, 9)
    c.drawRightString(PAGE_WIDTH - MARGIN, y, name)
    room = CONTENT_WIDTH - stringWidth(name, fonts.BOLD, 9) - 8 * mm
    c.setFont(fonts.SANS, 8)
    c.setFillColor(GREY)
    c.drawString(MARGIN, y, _fit(nfc(title), fonts.SANS, 8, room))
    _rule(c, PAGE_HEIGHT - _LATER_RULE)
    c.restoreState()


def _rule(c: rl_canvas.Canvas, y: float) -> None:
    c.setStrokeColor(ACCENT)
    c.setLineWidth(0.8)
    c.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text``, cut with an ellipsis where it would be wider than ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis, by bisection
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _draw_footer(c: rl_canvas.Canvas, number: int, total: int, *, title: str, created: datetime,
                 confidential: str | None) -> None:
    c.saveState()
    c.setFillColor(GREY)
    page = f"Pagina {number} van {total}"
    c.setFont(fonts.SANS, 7.5)
    c.drawRightString(PAGE_WIDTH - MARGIN, 12 * mm, page)
    room = CONTENT_WIDTH - stringWidth(page, fonts.SANS, 7.5) - 8 * mm
    if confidential:
        c.setFont(fonts.BOLD, 7.5)
        c.drawString(MARGIN, 12 * mm, _fit(nfc(confidential), fonts.BOLD, 7.5, room))
    c.setFont(fonts.SANS, 7.5)
    c.drawString(MARGIN, 8 * mm, _fit(f"{nfc(title)} · {nl_date(created)}", fonts.SANS, 7.5, room))
    c.restoreState()


# --- the document ------------------------------------------------------------------------------


def _numbered_canvas(footer: Callable[[rl_canvas.Canvas, int, int], None], created: datetime):
    stamp = pdf_date(created)

    class NumberedCanvas(rl_canvas.Canvas):
        """Two passes: pages are kept until the end, so each can say "Pagina n van m"."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.setDateFormatter(lambda *_ymdhms: stamp)  # the document's date, not "now"

        def showPage(self):  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


class _Document(BaseDocTemplate):
    """Two page templates: the first page under the letterhead, the others under a small header."""

    def __init__(self, buffer: io.BytesIO, *, title: str, letterhead: Letterhead, head: _Head,
                 progress: Callable[[int, int], None] | None, total: int) -> None:
        super().__init__(
            buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=_LATER_TOP,
            bottomMargin=_BOTTOM, title=title, author=nfc(letterhead.name.strip()) or APP, subject="",
            creator=APP, producer=APP, keywords="", invariant=False, lang="nl-NL",
            initialFontName=fonts.SANS, initialFontSize=9.5, displayDocTitle=True,
        )
        first_top = _HEAD_TOP + head.height + 3 * mm + _HEAD_GAP

        def frame(top: float, name: str) -> Frame:
            return Frame(MARGIN, _BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - top - _BOTTOM, id=name,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        self.addPageTemplates([
            PageTemplate("first", [frame(first_top, "first")], autoNextPageTemplate="later",
                         onPage=lambda c, _doc: _draw_first_head(c, head)),
            PageTemplate("later", [frame(_LATER_TOP, "later")],
                         onPage=lambda c, _doc: _draw_later_head(c, letterhead, title)),
        ])
        self._progress = progress
        self._total = total
        self._done = 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab API
        if self._progress is None or isinstance(flowable, Room):
            return
        self._done += 1
        if self._done % 50 == 0:
            self._progress(min(self._done, self._total), self._total)


Story = Sequence[Flowable] | Callable[[dict[str, ParagraphStyle]], Sequence[Flowable]]


def build_pdf(
    title: str,
    story: Story,
    *,
    letterhead: Letterhead,
    created: date | datetime,
    confidential: str | None = CONFIDENTIAL,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The document as PDF bytes: A4, letterhead, "Pagina n van m", metadata without personal data.

    ``story`` is a list of flowables, or a function that gets :func:`styles` and returns one.
    ``title`` (generic, never a name) becomes the metadata title and appears in header and footer.
    ``created`` is the creation date in the metadata and the footer. ``confidential`` is printed on
    every page (``None`` for none). With ``password`` the result is encrypted with AES-256
    (:func:`desktop_app.documents.protect.protect`). ``progress(done, total)`` is called now and
    then while flowables are laid out.
    """
    fonts.register()
    title = nfc(title)
    created = as_datetime(created)
    flowables = list(story(styles()) if callable(story) else story)
    total = len(flowables)
    flowables = keep_headings(flowables)
    buffer = io.BytesIO()
    head = _measure_head(letterhead)
    doc = _Document(buffer, title=title, letterhead=letterhead, head=head, progress=progress, total=total)

    def footer(c: rl_canvas.Canvas, number: int, total: int) -> None:
        _draw_footer(c, number, total, title=title, created=created, confidential=confidential)

    doc.build(flowables, canvasmaker=_numbered_canvas(footer, created))
    data = buffer.getvalue()
    if password is not None:
        from desktop_app.documents.protect import protect

        data = protect(data, password)
    return data
