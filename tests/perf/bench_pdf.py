"""Issue 7 rows: the copy of a 200-entry dossier, against bare reportlab building the same text.

The baseline is a plain SimpleDocTemplate with the built-in Helvetica and one Paragraph per line
of the same text, no letterhead, no page numbering pass, no font subsetting. Peak memory is the
tracemalloc peak of Python allocations while building the copy.
"""

from __future__ import annotations

import io
import random
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from desktop_app.services import demo, documents
from desktop_app.services.demo_medical import fill as fill_medical
from tests.helpers.keyrings import MemoryKeyring, install_keyring
from tests.helpers.practices import ARTS, login_as
from tests.perf.runner import Row


def _bare(lines: list[str], font: str | None = None) -> bytes:
    buffer = io.BytesIO()
    style = getSampleStyleSheet()["BodyText"]
    if font:
        style = ParagraphStyle("same-font", parent=style, fontName=font)
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(escape(line), style) for line in lines])
    return buffer.getvalue()


def run(quick: bool) -> list[Row]:
    repeats = 3 if quick else 5
    with tempfile.TemporaryDirectory(prefix="arbokluis-bench-") as tmp, install_keyring(MemoryKeyring()):
        folder = Path(tmp) / "praktijk"
        demo.create_demo(folder, dossiers=False)
        s = login_as(folder, ARTS, unlock=True)
        try:
            from tests.helpers.dossiers import add_employee

            employee = add_employee(s, surname="Nguyễn", given="Thị Ngọc Ánh")
            fill_medical(s, random.Random(3), [], [(None, employee.id, date.today() - timedelta(days=400))],
                         200, date.today())
            from desktop_app.services import medical_entries

            entries = medical_entries.list_entries(s, employee.id)
            lines = []
            for e in entries:
                lines.append(f"{e.entry_date} {e.kind.label} {e.author_name}")
                lines += [f"{k}: {v}" for k, v in e.body.items()]
            from desktop_app.documents import fonts

            fonts.register()
            times, bare_times, font_times = [], [], []
            for _ in range(repeats):
                start = time.perf_counter()
                _bare(lines, fonts.SANS)
                font_times.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                pdf = documents.dossier_copy_pdf(s, employee.id)
                times.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                _bare(lines)
                bare_times.append((time.perf_counter() - start) * 1000)
            tracemalloc.start()
            documents.dossier_copy_pdf(s, employee.id)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            from pypdf import PdfReader

            pages = len(PdfReader(io.BytesIO(pdf)).pages)
        finally:
            s.close()
    times.sort()
    bare_times.sort()
    font_times.sort()
    return [
        Row("pdf_copy_200_ms", times[len(times) // 2], "ms", bare_times[len(bare_times) // 2],
            f"{len(entries)} entries, {pages} pages; baseline bare reportlab, same text"),
        Row("pdf_copy_200_same_font_ms", times[len(times) // 2], "ms", font_times[len(font_times) // 2],
            "same copy; baseline bare reportlab with the same embedded TTF font"),
        Row("pdf_copy_200_peak_mb", peak / 1e6, "MB", note="tracemalloc peak while building the copy"),
    ]
