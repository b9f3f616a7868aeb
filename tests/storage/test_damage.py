"""Wrong keys, flipped bytes, truncated and foreign files: clear errors, nothing lost."""

import os
import shutil
from datetime import date

import pytest

from desktop_app.domain.cases import ActivityForm
from desktop_app.errors import DatabaseDamaged, DiskFull
from desktop_app.services import activities, employees
from desktop_app.services.practice import login
from desktop_app.storage.connection import open_encrypted
from desktop_app.storage.sections import integrity_problems
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.practices import ARTS, CASEMANAGER, login_as


def _flip(path, offset):
    with open(path, "r+b") as fh:
        fh.seek(offset)
        b = fh.read(1)
        fh.seek(offset)
        fh.write(bytes([b[0] ^ 0xFF]))


def test_a_wrong_key_is_a_clear_error(tmp_path):
    open_encrypted(tmp_path / "a.db", b"a" * 32, create=True).close()
    with pytest.raises(DatabaseDamaged) as err:
        open_encrypted(tmp_path / "a.db", b"b" * 32)
    assert "back-up" in err.value.message


def test_a_flipped_byte_in_the_first_page_stops_login_and_loses_nothing(practice):
    original = (practice / "practice.db").read_bytes()
    _flip(practice / "practice.db", 100)
    with pytest.raises(DatabaseDamaged):
        login(practice, ARTS.username, ARTS.password)
    assert (practice / "practice.db").read_bytes()[:100] == original[:100]
    (practice / "practice.db").write_bytes(original)  # restoring the file brings everything back
    login_as(practice, ARTS).close()


def test_a_flipped_byte_deeper_in_is_found_by_the_integrity_check(practice):
    size = os.path.getsize(practice / "practice.db")
    _flip(practice / "practice.db", size - 2000)
    try:
        session = login_as(practice, ARTS)
    except DatabaseDamaged:
        return  # found at open: also fine
    try:
        assert integrity_problems(session.db)
    finally:
        session.close()


def test_a_truncated_database_is_reported(practice):
    with open(practice / "medical.db", "r+b") as fh:
        fh.truncate(3000)
    session = login_as(practice, ARTS)
    with pytest.raises(DatabaseDamaged):
        session.unlock_medical(ARTS.medical_passphrase)
    session.close()


def test_a_foreign_file_in_place_of_a_section_is_reported(practice, practice_template, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(practice, other)
    (other / "medical.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 4080)
    session = login_as(other, ARTS)
    with pytest.raises(DatabaseDamaged):
        session.unlock_medical(ARTS.medical_passphrase)
    session.close()


def test_a_full_disk_while_saving_the_vault_loses_nothing(practice, monkeypatch):
    import errno

    from desktop_app import fileio
    from desktop_app.services import users

    before = (practice / "vault.json").read_bytes()
    session = login_as(practice, CASEMANAGER)

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "replace", full)
    with pytest.raises(DiskFull) as err:
        users.change_password(session, CASEMANAGER.password, "Nieuw-wachtwoord-cm-9!")
    assert "schijf is vol" in err.value.message
    monkeypatch.undo()
    session.close()
    assert (practice / "vault.json").read_bytes() == before
    assert [p.name for p in practice.iterdir() if p.name.startswith(".")] == []  # no half-written temp file
    login_as(practice, CASEMANAGER).close()  # the old password still works


def _activity(text: str) -> ActivityForm:
    # Both fields at their longest: the row and its trigram index need several new pages.
    return ActivityForm(on_date=date.today().strftime("%d-%m-%Y"),
                        description=(text + " ") * (3990 // (len(text) + 1)),
                        agreements="Afspraak: " + "x" * 3900)


def _descriptions(session, employee_id) -> list[str]:
    return sorted(a.description for a in activities.activities(session, employee_id))


def test_a_full_disk_while_saving_an_activity_says_so_and_loses_nothing(practice):
    session = login_as(practice, CASEMANAGER)
    employee = employees.page(session, limit=1)[0]
    activities.add_activity(session, employee.id, _activity("opgeslagen voor de volle schijf"))
    before = _descriptions(session, employee.id)
    seq = last_seq(session)
    # The disk fills up: SQLite may not grow practice.db by a single page more.
    pages = session.db.scalar("PRAGMA page_count")
    session.db.execute(f"PRAGMA max_page_count = {pages}")
    assert session.db.scalar("PRAGMA max_page_count") == pages

    with pytest.raises(DiskFull) as err:
        activities.add_activity(session, employee.id, _activity("niet opgeslagen"))

    assert "schijf is vol" in err.value.message
    assert "practice.db" in err.value.message
    assert err.value.detail == "SQLITE_FULL on practice.db"
    assert _descriptions(session, employee.id) == before
    assert events_after(session, seq) == []  # nor its audit event
    session.close()
    # Room again (a new connection has no page limit): the practice opens cleanly, all there.
    session = login_as(practice, CASEMANAGER)
    try:
        assert integrity_problems(session.db) == []
        assert session.audit.verify().ok
        assert _descriptions(session, employee.id) == before
        activities.add_activity(session, employee.id, _activity("na het vrijmaken"))
        assert len(_descriptions(session, employee.id)) == len(before) + 1
    finally:
        session.close()
