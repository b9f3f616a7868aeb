"""The dossier copy's attachments: each one included, or listed as not included with the reason.

Real files through the real path (the physician attaches them, then makes the copy): a good PDF,
a damaged one, one that needs a password, one protected only against changes, an image, a
damaged image and one the physician did not choose. The rules the service cannot reach (a type
a copy cannot hold, a total the copy cannot carry, an image too large to draw) through the
document builder's own input.
"""

from __future__ import annotations

import io
import logging
import re

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from desktop_app.documents import dossier_copy, enclosures
from desktop_app.services import attachments, documents
from tests.documents import LETTERHEAD, WHEN, page_texts, reader, squash


def _pdf(*pages: str) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out)
    for text in pages:
        c.drawString(72, 720, text)
        c.showPage()
    c.save()
    return out.getvalue()


def _encrypted(user: str, owner: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf("BEVEILIGDE-INHOUD"))))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _png(width=120, height=80, mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), 0).save(out, "PNG")
    return out.getvalue()


def _own_pages(pdf: bytes) -> int:
    """The copy's own page count, as its footers give it."""
    return int(re.search(r"Pagina 1 van (\d+)", page_texts(pdf)[0]).group(1))


def _line(text: str, name: str) -> str:
    """The copy's line about attachment ``name`` in section 4."""
    section = text[text.rindex("4. Bijlagen"):]
    return re.search(re.escape(name) + r" \(.*?\) — [^•]*", section).group(0)


@pytest.fixture
def copy(arts, employee, caplog):
    good = _pdf("BIJLAGE-PAGINA-EEN", "BIJLAGE-PAGINA-TWEE")
    files = {
        "verslag.pdf": good,
        "kapot.pdf": good[: len(good) // 2],
        "wachtwoord.pdf": _encrypted("geheim-123", "eigenaar-123"),
        "alleen-eigenaar.pdf": _encrypted("", "eigenaar-123"),
        "foto.png": _png(),
        "kapotte-foto.png": _png()[:60],
        "niet-gekozen.pdf": good,
    }
    ids = {name: attachments.add_attachment(arts, employee.id, name, data).id for name, data in files.items()}
    chosen = {i for name, i in ids.items() if name != "niet-gekozen.pdf"}
    caplog.set_level(logging.WARNING)
    pdf = documents.dossier_copy_pdf(arts, employee.id, include_attachments=chosen)
    return pdf, squash(" ".join(page_texts(pdf)))


def test_a_readable_pdf_follows_the_copy_and_its_line_says_so(copy):
    pdf, text = copy
    own = _own_pages(pdf)
    pages = page_texts(pdf)
    assert "BIJLAGE-PAGINA-EEN" in pages[own]
    assert "BIJLAGE-PAGINA-TWEE" in pages[own + 1]
    assert "opgenomen achter dit afschrift (2 pagina's)" in _line(text, "verslag.pdf")


def test_a_damaged_pdf_is_listed_as_not_included_with_the_reason(copy):
    _pdf_bytes, text = copy
    assert "niet opgenomen: de PDF is beschadigd en kan niet worden gelezen" in _line(text, "kapot.pdf")
    assert "Bijlage kapot.pdf: de PDF is beschadigd" in text[: text.index("Inhoud")]  # on the cover too


def test_a_pdf_that_needs_a_password_is_listed_and_its_content_is_not_there(copy):
    pdf, text = copy
    assert "niet opgenomen: de PDF is met een wachtwoord beveiligd" in _line(text, "wachtwoord.pdf")
    assert "Bijlage wachtwoord.pdf: de PDF is met een wachtwoord beveiligd" in text[: text.index("Inhoud")]


def test_a_pdf_protected_only_against_changes_opens_and_is_included(copy):
    pdf, text = copy
    own = _own_pages(pdf)
    assert "opgenomen achter dit afschrift (1 pagina)" in _line(text, "alleen-eigenaar.pdf")
    assert "BEVEILIGDE-INHOUD" in " ".join(page_texts(pdf)[own:])


def test_only_the_readable_pdfs_are_appended(copy):
    pdf, _text = copy
    assert len(reader(pdf).pages) == _own_pages(pdf) + 2 + 1


def test_an_image_is_drawn_in_the_copy_and_a_damaged_one_is_listed(copy):
    pdf, text = copy
    assert "foto.png (PNG-afbeelding) — opgenomen in dit afschrift" in text
    assert "niet opgenomen: de afbeelding is beschadigd" in _line(text, "kapotte-foto.png")
    sizes = [(int(x["/Width"]), int(x["/Height"])) for p in reader(pdf).pages[: _own_pages(pdf)]
             for x in (o.get_object() for o in p["/Resources"].get("/XObject", {}).values())
             if x["/Subtype"] == "/Image"]
    assert (120, 80) in sizes  # the photo, at its own size in pixels


def test_an_attachment_not_chosen_is_available_on_request(copy):
    _pdf_bytes, text = copy
    assert "niet-gekozen.pdf (PDF) — niet opgenomen; op verzoek verkrijgbaar" in text
    assert "Bijlage niet-gekozen.pdf" not in text  # not a failure: not on the cover


def test_the_damaged_files_leave_no_warnings_in_the_log(copy, caplog):
    made = caplog.get_records("setup")  # the copy is made while the fixture is set up
    assert [r.getMessage() for r in made if r.levelno >= logging.WARNING] == []


# --- the rules the service cannot reach --------------------------------------------------------


def _builder_copy(attachments) -> tuple[bytes, str]:
    contents = dossier_copy.CopyContents("Ayşe Çelik", "12-03-1985", "Werkgever", ["bijlagen"], "dr. A, bedrijfsarts",
                                         [], attachments=attachments)
    pdf = dossier_copy.dossier_copy_pdf(contents, letterhead=LETTERHEAD, created=WHEN)
    return pdf, squash(" ".join(page_texts(pdf)))


def test_a_type_a_copy_cannot_hold_is_listed_with_its_type():
    _pdf_bytes, text = _builder_copy([("animatie.gif", "image/gif", b"GIF89a" + b"\0" * 40)])
    assert "niet opgenomen: dit soort bestand (image/gif) kan niet in een afschrift worden opgenomen" in text


def test_an_image_too_large_to_draw_is_listed():
    big = _png(8000, 8000, mode="1")  # 64 megapixel, a few kilobytes
    _pdf_bytes, text = _builder_copy([("scan.png", "image/png", big)])
    assert f"niet opgenomen: de afbeelding is te groot (meer dan {enclosures.MAX_PIXELS // 1_000_000} megapixel)" in text


def test_attachments_beyond_what_a_copy_carries_are_listed_and_the_rest_included(monkeypatch):
    part = _pdf("DEEL")
    monkeypatch.setattr(enclosures, "MAX_TOTAL", 2 * len(part) + len(part) // 2)  # room for two
    pdf, text = _builder_copy([(f"deel-{i}.pdf", "application/pdf", part) for i in range(3)]
                              + [("foto.png", "image/png", _png())])
    for i in range(2):
        assert "opgenomen achter dit afschrift (1 pagina)" in _line(text, f"deel-{i}.pdf")
    assert "niet opgenomen: het afschrift zou met deze bijlage groter worden dan" in _line(text, "deel-2.pdf")
    assert "opgenomen in dit afschrift" in _line(text, "foto.png")  # small enough for the room left
    assert len(reader(pdf).pages) == _own_pages(pdf) + 2
