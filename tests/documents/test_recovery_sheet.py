"""The recovery-key sheet: the key on the page, never in the metadata; plain Dutch instructions."""

import inspect
import re

import pytest

from desktop_app.documents.recovery_sheet import TITLE, key_groups, recovery_sheet_pdf
from desktop_app.vault import recovery
from tests.documents import (
    LETTERHEAD,
    WHEN,
    font_names,
    lines,
    metadata_text,
    page_texts,
    reader,
    squash,
)

PRACTICE_ID = "7f3c9a2e-1b4d-4c8e-9a6f-2d1e0b3c4a5f"


@pytest.fixture(scope="module")
def key() -> str:
    return recovery.generate()


@pytest.fixture(scope="module")
def sheet(key) -> bytes:
    return recovery_sheet_pdf(letterhead=LETTERHEAD, recovery_key=key, practice_id=PRACTICE_ID, created=WHEN)


def test_one_page_with_title_practice_id_and_dutch_date(sheet):
    texts = page_texts(sheet)
    assert len(texts) == 1
    text_lines = lines(texts[0])
    assert "Herstelsleutel" in text_lines
    assert "Pagina 1 van 1" in text_lines
    text = squash(texts[0])
    assert PRACTICE_ID in text
    assert "23 november 2026" in text
    assert "KvK 12345678" in text


def test_the_key_is_on_the_page_in_groups_and_whole(sheet, key):
    text = squash(page_texts(sheet)[0])
    assert key in text
    groups = key.split("-")
    assert len(groups) == 9
    for group in groups:
        assert re.search(rf"\b{group}\b", text), group
    written = re.search(r"Op één regel: (\S+)", text).group(1)
    assert recovery.normalise(written) == recovery.normalise(key)  # what is read off can be typed back


def test_the_key_is_not_in_the_metadata_or_the_file_outside_the_page(sheet, key):
    meta = reader(sheet).metadata
    assert meta.title == TITLE == "Herstelsleutel"
    assert meta["/CreationDate"] == "D:20261123103000"
    everything = metadata_text(sheet)
    assert key not in everything
    assert key.replace("-", "") not in everything
    for group in key.split("-"):
        assert group not in everything
    assert key.encode() not in sheet  # the page content is compressed; no plain copy anywhere
    assert "/Metadata" not in reader(sheet).trailer["/Root"]


def test_instructions_say_what_it_is_where_it_goes_and_who_may_use_it(sheet):
    text = squash(page_texts(sheet)[0])
    for part in ("wachtwoorden kwijt", "nieuw werkstation", "back-up", "andere computer", "medische deel",
                 "kluis van de praktijk", "nooit op de computer", "per e-mail", "Wie mag hem gebruiken",
                 "bedrijfsarts met beheerrechten", "logboek", "Opgeborgen door", "Datum", "Handtekening",
                 "Strikt vertrouwelijk"):
        assert part in text, part


def test_the_key_is_set_in_the_monospaced_font(sheet):
    assert any(name.endswith("+DejaVuSansMono") for name in font_names(sheet))


def test_the_sheet_takes_no_employee_data():
    assert set(inspect.signature(recovery_sheet_pdf).parameters) == {
        "letterhead", "recovery_key", "practice_id", "created"}


def test_key_groups_reads_any_way_the_key_is_written():
    assert key_groups("ABCD-EFGH-1234") == ["ABCD", "EFGH", "1234"]
    assert key_groups(" ABCD EFGH\n1234 ") == ["ABCD", "EFGH", "1234"]
    assert key_groups("ABCDEFGH12") == ["ABCD", "EFGH", "12"]
