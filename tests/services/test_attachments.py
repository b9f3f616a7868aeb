"""Attachments: typed by content, at most 25 MB, checksummed, every read logged, medical staff only."""

from datetime import date

import pytest

from desktop_app.domain.medical.attachments import MAX_ATTACHMENT, AttachmentType
from desktop_app.errors import (
    DatabaseDamaged,
    MedicalLocked,
    NotFound,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from desktop_app.services import attachments, medical_entries
from desktop_app.services.restrictions import Restricted
from desktop_app.storage.attachments import PIECE
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.dossiers import add_employee
from tests.helpers.practices import ASSISTENT, CASEMANAGER, login_as

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(64))


def test_the_type_comes_from_the_content_not_the_name(arts, employee):
    png = attachments.add_attachment(arts, employee.id, "scan.pdf", PNG)  # named PDF, is PNG
    assert (png.filename, png.mime, png.size) == ("scan.pdf", AttachmentType.PNG, len(PNG))
    assert attachments.add_attachment(arts, employee.id, "brief", PDF).mime is AttachmentType.PDF
    assert attachments.add_attachment(arts, employee.id, "foto.png", JPEG).mime is AttachmentType.JPEG
    for bad in (b"Beste collega, hierbij de gegevens.", b"GIF89a" + b"\x00" * 10,
                b"PK\x03\x04 zip", b"%PD", b"\x89PNG\r\n"):
        with pytest.raises(ValidationError) as err:
            attachments.add_attachment(arts, employee.id, "brief.pdf", bad)
        assert err.value.field == "file"
        assert "PDF, JPEG en PNG" in err.value.message
    assert [a.filename for a in attachments.list_attachments(arts, employee.id)] == [
        "scan.pdf", "brief", "foto.png"]


def test_empty_and_too_large_files_are_refused(arts, employee):
    with pytest.raises(ValidationError) as err:
        attachments.add_attachment(arts, employee.id, "leeg.pdf", b"")
    assert err.value.message == "Bijlage: het bestand is leeg."
    too_big = b"%PDF-" + b"0" * (MAX_ATTACHMENT + 1 - 5)
    assert len(too_big) == 25 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as err:
        attachments.add_attachment(arts, employee.id, "groot.pdf", too_big)
    assert "hoogstens 25 MB" in err.value.message
    largest = attachments.add_attachment(arts, employee.id, "precies.pdf", too_big[:-1])
    assert largest.size == MAX_ATTACHMENT
    assert attachments.get_attachment(arts, largest.id) == too_big[:-1]


def test_stored_with_its_checksum_and_read_back_exactly(arts, employee):
    import hashlib

    info = attachments.add_attachment(arts, employee.id, "röntgen verslag.pdf", PDF,
                                      description="Verslag MRI knie")
    assert info.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (info.description, info.created_by, info.employee_id) == ("Verslag MRI knie", arts.user.id,
                                                                     employee.id)
    assert attachments.get_attachment(arts, info.id) == PDF
    opened = attachments.open_attachment(arts, info.id)
    assert opened.info == info
    assert opened.data == PDF
    assert repr(PDF) not in repr(opened)  # the data never reaches a log line through repr
    listed = attachments.list_attachments(arts, employee.id)
    assert listed == [info]
    assert not hasattr(listed[0], "data")
    # A changed blob no longer matches its checksum: damage, not a silently different file.
    mdb = arts.medical()
    mdb.execute("UPDATE attachment_pieces SET data = ? WHERE attachment_id = ?", (PDF + b" ", info.id))
    with pytest.raises(DatabaseDamaged):
        attachments.get_attachment(arts, info.id)
    with pytest.raises(NotFound):
        attachments.get_attachment(arts, 99999)


def test_reads_and_writes_are_logged_with_the_employee(arts, employee):
    seq = last_seq(arts)
    info = attachments.add_attachment(arts, employee.id, "scan.png", PNG)
    attachments.list_attachments(arts, employee.id)
    attachments.get_attachment(arts, info.id)
    assert events_after(arts, seq) == [
        ("create", "attachment", employee.id, "bijlage (PNG-afbeelding)", "ok"),
        ("read_medical", "attachments", employee.id, "lijst van bijlagen (1)", "ok"),
        ("read_medical", "attachment", employee.id, "bijlage (PNG-afbeelding) geopend", "ok"),
    ]
    assert "scan.png" not in repr(events_after(arts, 0))


def test_an_attachment_may_belong_to_an_entry_of_the_same_employee(arts, employee):
    entry = medical_entries.add_entry(arts, employee.id, "letter_in",
                                      {"correspondent": "Huisarts Van Dam", "summary": "Verwijzing"})
    linked = attachments.add_attachment(arts, employee.id, "brief.pdf", PDF, entry_id=entry.id)
    assert linked.entry_id == entry.id
    other = add_employee(arts, surname="Kaya", given="Elif")
    with pytest.raises(ValidationErrors) as err:
        attachments.add_attachment(arts, other.id, "brief.pdf", PDF, entry_id=entry.id)
    assert "entry_id" in err.value.errors
    with pytest.raises(NotFound):
        attachments.add_attachment(arts, 99999, "brief.pdf", PDF)


def test_an_assistant_adds_and_reads_attachments(bare_practice, arts, employee):
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    info = attachments.add_attachment(assistant, employee.id, "verwijsbrief.jpg", JPEG)
    assert attachments.get_attachment(assistant, info.id) == JPEG
    assert attachments.get_attachment(arts, info.id) == JPEG
    assistant.close()


def test_a_casemanager_is_refused_every_attachment_call(bare_practice, arts, employee):
    info = attachments.add_attachment(arts, employee.id, "scan.png", PNG)
    cm = login_as(bare_practice, CASEMANAGER)
    seq = last_seq(arts)
    calls = [
        lambda: attachments.add_attachment(cm, employee.id, "a.png", PNG),
        lambda: attachments.list_attachments(cm, employee.id),
        lambda: attachments.get_attachment(cm, info.id),
        lambda: attachments.open_attachment(cm, info.id),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert [e[4] for e in events_after(arts, seq)] == ["denied"] * len(calls)
    cm.close()


def test_a_locked_section_is_refused(arts, employee):
    info = attachments.add_attachment(arts, employee.id, "scan.png", PNG)
    arts.lock_medical()
    for call in (lambda: attachments.add_attachment(arts, employee.id, "a.png", PNG),
                 lambda: attachments.list_attachments(arts, employee.id),
                 lambda: attachments.get_attachment(arts, info.id)):
        with pytest.raises(MedicalLocked):
            call()


def test_an_assistant_without_a_secrecy_statement_is_refused(bare_practice, arts, employee):
    from desktop_app.services import users

    users.revoke_secrecy_statement(arts, ASSISTENT.username)
    assistant = login_as(bare_practice, ASSISTENT)
    with pytest.raises(PermissionDenied):
        attachments.add_attachment(assistant, employee.id, "a.png", PNG)
    with pytest.raises(PermissionDenied):
        attachments.list_attachments(assistant, employee.id)
    assistant.close()


def test_a_restricted_dossier_refuses_new_attachments(arts, employee):
    info = attachments.add_attachment(arts, employee.id, "scan.png", PNG)
    with arts.db.transaction():
        arts.db.execute("INSERT INTO restrictions (employee_id, reason, started_at, started_by) "
                        "VALUES (?, 'geschil', ?, ?)", (employee.id, date.today().isoformat(), arts.user.id))
    with pytest.raises(Restricted):
        attachments.add_attachment(arts, employee.id, "nog een.png", PNG)
    assert attachments.get_attachment(arts, info.id) == PNG


@pytest.mark.parametrize("size", [len(PDF), PIECE - 1, PIECE, PIECE + 1, 3 * PIECE + 17, MAX_ATTACHMENT])
def test_an_attachment_of_any_size_comes_back_whole_in_pieces_of_at_most_a_megabyte(arts, employee, size):
    import os

    data = (PDF + os.urandom(size))[:size]
    info = attachments.add_attachment(arts, employee.id, "scan.pdf", data)
    opened = attachments.open_attachment(arts, info.id)
    assert opened.data == data
    assert [len(p) for p in opened.pieces] == [min(PIECE, size - start) for start in range(0, size, PIECE)]


@pytest.mark.parametrize("damage", ["piece gone", "piece added", "pieces swapped"])
def test_a_missing_extra_or_reordered_piece_is_damage(arts, employee, damage):
    import os

    data = PDF + os.urandom(2 * PIECE)
    info = attachments.add_attachment(arts, employee.id, "scan.pdf", data)
    mdb = arts.medical()
    if damage == "piece gone":
        mdb.execute("DELETE FROM attachment_pieces WHERE attachment_id = ? AND n = 1", (info.id,))
    elif damage == "piece added":
        mdb.execute("INSERT INTO attachment_pieces VALUES (?, 3, ?)", (info.id, b"x"))
    else:
        mdb.execute("UPDATE attachment_pieces SET n = 1 - n + 10 WHERE attachment_id = ? AND n < 2", (info.id,))
        mdb.execute("UPDATE attachment_pieces SET n = n - 10 WHERE attachment_id = ? AND n >= 10", (info.id,))
    with pytest.raises(DatabaseDamaged):
        attachments.open_attachment(arts, info.id)
