"""Issue 7 rows: the copy of a 200-entry dossier, against bare reportlab building the same text.

The baseline is a plain SimpleDocTemplate with the built-in Helvetica and one Paragraph per line
of the same text, no letterhead, no page numbering pass, no font subsetting (and once with the same
embedded TTF font, the row issue 15 names). Every subject runs once per round, rounds interleaved;
medians of wall time, and of process CPU time, which a busy shared machine disturbs less. The
layout row times the document builder alone on the contents the service gathered. Peak memory is
the tracemalloc peak of Python allocations while building the copy.
"""

from __future__ import annotations

import io
import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
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
    repeats = 5 if quick else 11
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
            from desktop_app.documents import dossier_copy, fonts

            fonts.register()
            contents = _contents(s, employee.id)
            letterhead = documents.letterhead(s)
            created = datetime.now(UTC).astimezone()
            runs = {"copy": [], "layout": [], "bare": [], "font": []}
            subjects = {
                "font": lambda: _bare(lines, fonts.SANS),
                "copy": lambda: documents.dossier_copy_pdf(s, employee.id),
                "layout": lambda: dossier_copy.dossier_copy_pdf(contents, letterhead=letterhead, created=created),
                "bare": lambda: _bare(lines),
            }
            for _ in range(repeats):  # interleaved: each round runs every subject once
                for name, subject in subjects.items():
                    runs[name].append(_timed(subject))
            pdf = documents.dossier_copy_pdf(s, employee.id)
            tracemalloc.start()
            documents.dossier_copy_pdf(s, employee.id)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            from pypdf import PdfReader

            pages = len(PdfReader(io.BytesIO(pdf)).pages)
        finally:
            s.close()
    wall = {name: statistics.median(t[0] for t in times) for name, times in runs.items()}
    cpu = {name: statistics.median(t[1] for t in times) for name, times in runs.items()}
    return [
        Row("pdf_copy_200_ms", wall["copy"], "ms", wall["bare"],
            f"{len(entries)} entries, {pages} pages; baseline bare reportlab, same text"),
        Row("pdf_copy_200_same_font_ms", wall["copy"], "ms", wall["font"],
            "same copy; baseline bare reportlab with the same embedded TTF font"),
        Row("pdf_copy_200_cpu_ms", cpu["copy"], "ms", cpu["font"],
            "same, process CPU time (steadier on a shared machine; leaves out disk waits)"),
        Row("pdf_copy_200_layout_cpu_ms", cpu["layout"], "ms", cpu["font"],
            "the document builder alone (contents gathered once), CPU time, same baseline"),
        Row("pdf_copy_200_peak_mb", peak / 1e6, "MB", note="tracemalloc peak while building the copy"),
    ]


def _timed(fn) -> tuple[float, float]:
    """(wall, CPU) milliseconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _contents(session, employee_id: int):
    """The CopyContents the service hands to the document builder, caught on its way."""
    from desktop_app.documents import dossier_copy

    caught = []
    real = dossier_copy.dossier_copy_pdf

    def catch(contents, **kwargs):
        caught.append(contents)
        return real(contents, **kwargs)

    dossier_copy.dossier_copy_pdf = catch
    try:
        documents.dossier_copy_pdf(session, employee_id)
    finally:
        dossier_copy.dossier_copy_pdf = real
    return caught[0]
