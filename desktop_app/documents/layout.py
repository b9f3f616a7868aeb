"""The common frame of every document: letterhead, page "n van m", confidentiality line, metadata.

Documents are built in memory and returned as bytes; nothing is written to a file. The PDF's
metadata holds the document title and date, never personal data.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop_app.documents import fonts
from desktop_app.documents.fonts import nfc

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
CONFIDENTIAL = "Vertrouwelijk – valt onder het medisch beroepsgeheim"
MARGIN = 20 * mm


def long_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def short_date(d: date | None) -> str:
    return f"{d.day:02d}-{d.month:02d}-{d.year}" if d else ""


@dataclass(frozen=True)
class Letterhead:
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

    def lines(self) -> list[str]:
        place = " ".join(p for p in (self.postcode, self.city) if p)
        contact = " · ".join(p for p in (self.phone, self.email) if p)
        return [line for line in (self.address, place, contact, f"KvK {self.kvk}" if self.kvk else "") if line]


def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle("body", fontName=fonts.SANS, fontSize=9.5, leading=13)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=16, leading=20, spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontName=fonts.BOLD, fontSize=11.5, leading=15,
                             spaceBefore=10, spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=base, fontName=fonts.BOLD, fontSize=10, leading=13, spaceBefore=6,
                             keepWithNext=1),
        "label": ParagraphStyle("label", parent=base, fontName=fonts.BOLD),
        "mono": ParagraphStyle("mono", parent=base, fontName=fonts.MONO, fontSize=15, leading=22),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: escaped (names never become markup), NFC, newlines kept."""
    return Paragraph(escape(nfc(text)).replace("\n", "<br/>"), style)


def field_table(rows: Sequence[tuple[str, str]], st: dict, widths=(45 * mm, None)) -> Table:
    data = [[para(k, st["label"]), para(v or "—", st["body"])] for k, v in rows]
    t = Table(data, colWidths=[widths[0], A4[0] - 2 * MARGIN - widths[0]], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                           ("TOPPADDING", (0, 0), (-1, -1), 2)]))
    return t


def grid(header: Sequence[str], rows: Sequence[Sequence[str]], st: dict, widths=None) -> Table:
    data = [[para(h, st["label"]) for h in header]] + [[para(c, st["small"]) for c in r] for r in rows]
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return t


def signature_lines(labels: Sequence[str], st: dict) -> Table:
    data = [[para(label, st["small"]) for label in labels], ["" for _ in labels]]
    t = Table(data, colWidths=[(A4[0] - 2 * MARGIN) / len(labels)] * len(labels), rowHeights=[None, 18 * mm])
    t.setStyle(TableStyle([("LINEBELOW", (0, 1), (-1, 1), 0.5, colors.black),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 12)]))
    return t


def _numbered_canvas(footer: Callable[[rl_canvas.Canvas, int, int], None], created: datetime):
    stamp = created.strftime("D:%Y%m%d%H%M%S")

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


def build_pdf(
    title: str,
    story: list[Flowable],
    *,
    letterhead: Letterhead,
    created: datetime,
    confidential: str | None = CONFIDENTIAL,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The document as PDF bytes, with letterhead, page numbers and safe metadata."""
    fonts.register()
    st = styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=28 * mm,
        bottomMargin=22 * mm, title=title, author=letterhead.name or "Arbokluis", subject="",
        creator="Arbokluis", producer="Arbokluis", keywords="", invariant=False,
    )

    def first_page(c, _doc):
        _letterhead(c, letterhead, st, full=True)

    def later_page(c, _doc):
        _letterhead(c, letterhead, st, full=False)

    def footer(c, number, total):
        c.saveState()
        c.setFont(fonts.SANS, 7.5)
        c.setFillColor(colors.HexColor("#555555"))
        if confidential:
            c.drawString(MARGIN, 12 * mm, nfc(confidential))
        c.drawRightString(A4[0] - MARGIN, 12 * mm, f"Pagina {number} van {total}")
        c.drawString(MARGIN, 8 * mm, nfc(f"{title} · {short_date(created.date())}"))
        c.restoreState()

    if progress is not None:
        total = len(story)

        def after(flowable, counter=[0]):  # noqa: B006 - a counter shared by the callbacks
            counter[0] += 1
            if counter[0] % 50 == 0:
                progress(counter[0], total)

        doc.afterFlowable = after
    story = [Spacer(1, 12 * mm), *story]  # the first page's full letterhead is taller
    doc.build(story, onFirstPage=first_page, onLaterPages=later_page,
              canvasmaker=_numbered_canvas(footer, created))
    data = buffer.getvalue()
    if password:
        from desktop_app.documents.protect import protect

        data = protect(data, password)
    return data


def _letterhead(c, lh: Letterhead, st: dict, *, full: bool) -> None:
    c.saveState()
    top = A4[1] - 14 * mm
    x_right = A4[0] - MARGIN
    if lh.logo and full:
        try:
            img = ImageReader(io.BytesIO(lh.logo))
            width, height = img.getSize()
            h = 18 * mm
            c.drawImage(img, MARGIN, top - h, width=h * width / max(height, 1), height=h, mask="auto")
        except Exception:  # a broken logo never stops a document
            pass
    c.setFont(fonts.BOLD, 12 if full else 9)
    c.drawRightString(x_right, top - 4 * mm, nfc(lh.name))
    if full:
        c.setFont(fonts.SANS, 8)
        y = top - 9 * mm
        for line in lh.lines():
            c.drawRightString(x_right, y, nfc(line))
            y -= 3.6 * mm
    c.setStrokeColor(colors.HexColor("#2f5d8a"))
    c.setLineWidth(0.8)
    line_y = A4[1] - (36 if full else 24) * mm
    c.line(MARGIN, line_y, x_right, line_y)
    c.restoreState()


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)
