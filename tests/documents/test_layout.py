"""The common frame: each PDF opened again with pypdf for text, pages, numbering, metadata, fonts."""

import base64
import builtins
import io
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from PIL import Image
from reportlab.platypus import PageBreak, Paragraph

from desktop_app.documents import dates
from desktop_app.documents.layout import (
    CONFIDENTIAL,
    Letterhead,
    build_pdf,
    bullet,
    field_table,
    grid,
    para,
    signature_lines,
    styles,
)
from desktop_app.errors import ValidationError
from tests.documents import (
    LETTERHEAD,
    SAMPLE_NAMES,
    WHEN,
    font_names,
    lines,
    metadata_text,
    page_texts,
    reader,
    squash,
)


def _names_pdf(names=SAMPLE_NAMES, **kwargs) -> bytes:
    return build_pdf("Proef", lambda st: [para(n, st["body"]) for n in names], letterhead=LETTERHEAD,
                     created=WHEN, confidential=None, **kwargs)


def _long_pdf(**kwargs) -> bytes:
    st = styles()
    story = [para("Lang document", st["title"])]
    for i in range(1, 31):
        story += [para(f"Onderdeel {i}", st["h2"]),
                  para(f"Gesprek met Nguyễn Thị Ngọc Ánh over de werkhervatting, ronde {i}. " * 6, st["body"])]
    return build_pdf("Lang document", story, letterhead=LETTERHEAD, created=WHEN, **kwargs)


def _png(width=300, height=100) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (47, 93, 138)).save(out, "PNG")
    return out.getvalue()


# --- Unicode ---------------------------------------------------------------------------------


def test_every_sample_name_comes_back_exactly():
    text_lines = lines(page_texts(_names_pdf())[0])
    start = text_lines.index(SAMPLE_NAMES[0])
    assert text_lines[start : start + len(SAMPLE_NAMES)] == list(SAMPLE_NAMES)


def test_decomposed_input_is_drawn_composed():
    decomposed = [unicodedata.normalize("NFD", n) for n in SAMPLE_NAMES]
    assert decomposed != list(SAMPLE_NAMES)
    text_lines = lines(page_texts(_names_pdf(decomposed))[0])
    for name in SAMPLE_NAMES:
        assert name in text_lines, name


def test_names_in_bold_and_italic_and_tables_come_back_too():
    st = styles()
    story = [field_table([(n, n) for n in SAMPLE_NAMES[:6]], st),
             grid(["Naam"], [[n] for n in SAMPLE_NAMES[6:12]], st),
             *[para(n, st["h2"]) for n in SAMPLE_NAMES[12:]]]
    text = squash(" ".join(page_texts(build_pdf("Proef", story, letterhead=LETTERHEAD, created=WHEN))))
    for name in SAMPLE_NAMES:
        assert name in text, name


def test_text_is_never_markup():
    st = styles()
    pdf = build_pdf("Proef", [para("<b>Jansen</b> & Zn\nTweede regel", st["body"])], letterhead=LETTERHEAD,
                    created=WHEN)
    text_lines = lines(page_texts(pdf)[0])
    assert "<b>Jansen</b> & Zn" in text_lines
    assert "Tweede regel" in text_lines


def test_fonts_are_embedded_dejavu_subsets_and_nothing_else():
    st = styles()
    story = [para("Gewoon", st["body"]), para("Vet", st["label"]), Paragraph("<i>Schuin</i>", st["body"]),
             para("ABCD-1234", st["mono"]), signature_lines(["Datum", "Handtekening"], st),
             grid(["A", "B"], [["", "x"]], st)]
    pdf = build_pdf("Lettertypen", story, letterhead=LETTERHEAD, created=WHEN)
    names = font_names(pdf)
    assert {re.sub(r"^/[A-Z]{6}\+", "", n) for n in names} == {
        "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono"}
    assert all(re.match(r"^/[A-Z]{6}\+DejaVuSans", n) for n in names)  # subsets, no Helvetica
    for page in reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()
            descriptor = (descendant.get("/FontDescriptor") or
                          descendant["/DescendantFonts"][0].get_object()["/FontDescriptor"])
            assert "/FontFile2" in descriptor.get_object()  # the TrueType program is in the file


# --- pages -----------------------------------------------------------------------------------


def test_a_long_document_says_pagina_n_van_m_on_every_page():
    texts = page_texts(_long_pdf())
    n = len(texts)
    assert n >= 3
    for number, text in enumerate(texts, start=1):
        assert f"Pagina {number} van {n}" in lines(text), number
        assert CONFIDENTIAL in lines(text)
        assert "Lang document · 23-11-2026" in lines(text)


def test_the_letterhead_is_full_on_the_first_page_and_small_after():
    texts = page_texts(_long_pdf())
    assert all(part in texts[0] for part in ("Arbodienst De Linde", "Lindelaan 12", "3511 AB", "Utrecht",
                                             "030-1234567", "info@delinde.nl", "KvK 12345678"))
    for text in texts[1:]:
        assert "Arbodienst De Linde" in text
        assert "Lang document" in text
        assert "Lindelaan" not in text
        assert "KvK" not in text


def test_a_page_break_gives_a_new_page_with_the_small_header():
    st = styles()
    pdf = build_pdf("Twee", [para("Een", st["body"]), PageBreak(), para("Twee", st["body"])],
                    letterhead=LETTERHEAD, created=WHEN, confidential=None)
    texts = page_texts(pdf)
    assert len(texts) == 2
    assert "Pagina 2 van 2" in texts[1]
    assert "Lindelaan" not in texts[1]
    assert "Vertrouwelijk" not in "".join(texts)


def _y_positions(page) -> dict[str, float]:
    found: dict[str, float] = {}

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            found.setdefault(text.strip(), tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return found


def test_a_tall_letterhead_pushes_the_text_down_instead_of_overlapping():
    tall = Letterhead("Arbodienst en bedrijfsartsenpraktijk Van 't Hof & d'Ancona voor de regio Ĳsselmeer",
                      "Postbus 123\nBezoekadres: Lindelaan 12\nTweede verdieping", "3511 AB", "Utrecht",
                      "030-1234567", "secretariaat@example.nl", "12345678", _png(200, 200))
    st = styles()
    pdf = build_pdf("Proef", [para("EERSTE REGEL", st["body"])], letterhead=tall, created=WHEN)
    ys = _y_positions(reader(pdf).pages[0])
    body = ys["EERSTE REGEL"]
    head = [y for text, y in ys.items() if "KvK" in text]
    assert head  # points: the rule and a gap lie between them
    assert min(head) > body + 20
    plain = build_pdf("Proef", [para("EERSTE REGEL", st["body"])], letterhead=Letterhead("P"), created=WHEN)
    assert _y_positions(reader(plain).pages[0])["EERSTE REGEL"] > body  # a short letterhead, a higher start


def test_the_logo_is_drawn_on_the_first_page_only_and_a_broken_one_is_left_out():
    pdf = build_pdf("Logo", [para(f"Regel {i}", styles()["body"]) for i in range(150)],
                    letterhead=Letterhead("P", logo=_png()), created=WHEN)
    pages = reader(pdf).pages
    assert len(pages) > 1

    def images(page):
        return [x for x in page["/Resources"].get("/XObject", {}).values() if x.get_object()["/Subtype"] == "/Image"]

    assert len(images(pages[0])) == 1
    assert all(not images(p) for p in pages[1:])
    broken = build_pdf("Logo", [para("Tekst", styles()["body"])],
                       letterhead=Letterhead("P", logo=b"\x89PNG kapot"), created=WHEN)
    assert "Tekst" in page_texts(broken)[0]
    assert "/XObject" not in reader(broken).pages[0]["/Resources"]


def test_a_long_title_or_notice_is_cut_in_the_footer_not_drawn_over_the_page_number():
    title = "Een titel die veel te lang is voor de voettekst " * 4
    pdf = build_pdf(title, [para("x", styles()["body"])], letterhead=LETTERHEAD, created=WHEN,
                    confidential="Vertrouwelijk " * 20)
    text_lines = lines(page_texts(pdf)[0])
    assert "Pagina 1 van 1" in text_lines
    assert any(line.endswith("…") and line.startswith("Een titel") for line in text_lines)


def test_a_story_function_gets_the_styles():
    seen = []

    def story(st):
        seen.append(sorted(st))
        return [bullet("Eerste punt", st), para("Klaar", st["body"])]

    text = page_texts(build_pdf("Proef", story, letterhead=LETTERHEAD, created=WHEN))[0]
    assert seen
    assert {"body", "title", "h2", "mono", "bullet"} <= set(seen[0])
    assert "Eerste punt" in text
    assert "Klaar" in text


def test_progress_is_reported_while_laying_out():
    st = styles()
    calls = []
    build_pdf("Proef", [para(f"Regel {i}", st["body"]) for i in range(120)], letterhead=LETTERHEAD,
              created=WHEN, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(50, 120), (100, 120)]


def test_nothing_is_written_to_a_file(monkeypatch):
    styles()  # fonts are read (only read) before
    real_open = builtins.open

    def no_writing(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            raise AssertionError(f"opened {file!r} for writing")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", no_writing)
    monkeypatch.setattr(io, "open", no_writing)
    pdf = build_pdf("Proef", [para("Tekst", styles()["body"])], letterhead=Letterhead("P", logo=_png()),
                    created=WHEN, password="Lang-genoeg-1")
    assert pdf.startswith(b"%PDF-")


def test_a_password_encrypts_and_an_empty_one_is_refused():
    pdf = _names_pdf(password="Lang-genoeg-1")
    r = reader(pdf)
    assert r.is_encrypted
    assert r.decrypt("Lang-genoeg-1")
    assert SAMPLE_NAMES[0] in r.pages[0].extract_text()
    with pytest.raises(ValidationError) as err:
        _names_pdf(password="")
    assert err.value.field == "pdf_password"


# --- metadata --------------------------------------------------------------------------------


def test_metadata_has_title_date_and_the_practice_but_no_personal_data():
    pdf = _names_pdf()
    meta = reader(pdf).metadata
    assert meta.title == "Proef"
    assert meta.author == "Arbodienst De Linde"
    assert meta.creator == "Arbokluis"
    assert meta.producer == "Arbokluis"
    assert meta["/CreationDate"] == "D:20261123103000"
    assert meta["/ModDate"] == "D:20261123103000"
    assert meta.creation_date == datetime(2026, 11, 23, 10, 30)
    assert not meta.subject
    assert not meta.get("/Keywords")
    everything = metadata_text(pdf)
    for name in SAMPLE_NAMES:
        for word in name.split():
            if len(word) > 3:
                assert word not in everything, word
    assert "/Metadata" not in reader(pdf).trailer["/Root"]  # no XMP stream beside the Info dictionary


def test_the_creation_date_is_the_one_given_not_now():
    meta = reader(build_pdf("Proef", [], letterhead=Letterhead(""), created=date(2020, 2, 29))).metadata
    assert meta["/CreationDate"] == "D:20200229000000"
    assert meta.author == "Arbokluis"  # no practice name: the program
    aware = datetime(2026, 6, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    meta = reader(build_pdf("Proef", [], letterhead=LETTERHEAD, created=aware)).metadata
    assert meta["/CreationDate"] == "D:20260601090000+02'00'"
    assert meta.creation_date.utcoffset() == timedelta(hours=2)


# --- letterhead and helpers ------------------------------------------------------------------


def test_letterhead_lines_and_settings():
    lh = Letterhead("P", "Postbus 1\n\n Lindelaan 12 ", "3511 AB", "Utrecht", "030-1", "a@b.nl", "12345678")
    assert lh.address_lines == ["Postbus 1", "Lindelaan 12"]
    assert lh.lines() == ["Postbus 1", "Lindelaan 12", "3511 AB  Utrecht", "Telefoon 030-1", "a@b.nl",
                          "KvK 12345678"]
    assert Letterhead("P").lines() == []
    logo = _png(10, 10)
    from_settings = Letterhead.from_settings({"practice_name": "P", "practice_city": "Utrecht",
                                              "practice_logo": base64.b64encode(logo).decode()})
    assert from_settings.name == "P"
    assert from_settings.city == "Utrecht"
    assert from_settings.logo == logo
    assert Letterhead.from_settings({}).logo is None


def test_dutch_dates():
    assert dates.long_date(date(2026, 11, 23)) == "23 november 2026"
    assert dates.long_date(datetime(2026, 3, 5, 14, 0)) == "5 maart 2026"
    assert [dates.long_date(date(2026, m, 1)).split()[1] for m in range(1, 13)] == [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
        "oktober", "november", "december"]
    assert dates.pdf_date(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)) == "D:20260102030405Z"
    assert dates.pdf_date(datetime(2026, 1, 2, tzinfo=timezone(-timedelta(hours=3, minutes=30)))) == \
        "D:20260102000000-03'30'"
