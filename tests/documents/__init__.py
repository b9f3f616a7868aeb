"""Helpers shared by the document tests: the sample names, a letterhead, reading a PDF back."""

from __future__ import annotations

import io
import re
from datetime import datetime

from pypdf import PdfReader

from desktop_app.documents.layout import Letterhead

# Every name a practice meets must render and come back from the PDF as the same string.
SAMPLE_NAMES = (
    "Łukasz Wąsowski",  # Polish
    "Żaneta Źródło",
    "Jiří Šťastný",  # Czech
    "Řehoř Dvořák",
    "Çağrı Şahin",  # Turkish: dotless ı, dotted İ
    "İlknur Öztürk",
    "Ağaoğlu ı",
    "Ștefan Țurcanu",  # Romanian, comma below (U+0218..U+021B), not cedilla
    "Cristina Mureșan-Nițu",
    "Nguyễn Thị Ngọc Ánh",  # Vietnamese: two marks on one letter
    "Trần Văn Đức",
    "Phạm Thị Hương",
    "Ελένη Παπαδοπούλου",  # Greek
    "Олександр Шевченко",  # Cyrillic (Ukrainian, Russian)
    "Дмитрий",
    "Ĳsselmeer ĳs",  # Dutch ĳ as one letter (U+0132, U+0133)
    "van 't Hof",
    "d'Ancona",
    "O’Brien",  # typographic apostrophe U+2019
)

LETTERHEAD = Letterhead("Arbodienst De Linde", "Lindelaan 12", "3511 AB", "Utrecht", "030-1234567",
                        "info@delinde.nl", "12345678")
WHEN = datetime(2026, 11, 23, 10, 30)


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def squash(text: str) -> str:
    """Whitespace and line breaks as single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def lines(text: str) -> list[str]:
    """The non-empty lines of extracted text, whitespace normalised."""
    return [squash(line) for line in text.splitlines() if line.strip()]


def metadata_text(pdf: bytes) -> str:
    """Everything in the document information dictionary, as one string."""
    info = reader(pdf).metadata or {}
    return " ".join(f"{k}={v}" for k, v in info.items())


def font_names(pdf: bytes) -> set[str]:
    """The /BaseFont of every font any page uses."""
    names = set()
    for page in reader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names
