"""A retention decision, its work and its register line are one transaction: real failures at
every step leave all three undone (or, for the one step across the two files, a state the next
attempt finishes), each with a typed Dutch message, and the item stays on the due list."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3

from desktop_app.domain.retention import Category
from desktop_app.errors import DatabaseBusy, DiskFull, MedicalLocked
from desktop_app.services import employees, erasure, retention
from desktop_app.storage.practice_erasure import ReferencesRemain
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.practices import ARTS, login_as
from tests.helpers.retention_practice import in_pages, populate, snapshot, years

T = date.today()
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def person(arts):
    return populate(arts, today=T, exposure_end=years(T, -2))


def _on(monkeypatch, session, day):
    monkeypatch.setattr(session, "today", lambda: day)


def _offered(session, employee_id, day):
    return {i.category for i in retention.due(session, today=day) if i.employee_id == employee_id}


def _fill_practice(session, employee_id) -> None:
    """The disk is full: practice.db may not grow a page, and every page is used (real writes
    of the program fill it until SQLite says SQLITE_FULL)."""
    session.db.execute(f"PRAGMA max_page_count = {session.db.scalar('PRAGMA page_count')}")
    with pytest.raises(DiskFull):
        for _ in range(10000):
            employees.open_dossier(session, employee_id)


# --- a locked medical section -------------------------------------------------------------------


def test_a_locked_medical_section_records_no_decision(person, bare_practice, monkeypatch):
    s = login_as(bare_practice, ARTS)
    try:
        _on(monkeypatch, s, years(person.exposure_end, 40))
        with pytest.raises(MedicalLocked):
            retention.decide(s, person.employee_id, "medical", "destroy")
        assert retention.register(s, person.employee_id) == []
    finally:
        s.close()


def test_after_a_locked_medical_section_the_item_is_still_due(arts, person, bare_practice, monkeypatch):
    day = years(person.exposure_end, 40)
    s = login_as(bare_practice, ARTS)
    try:
        _on(monkeypatch, s, day)
        with pytest.raises(MedicalLocked):
            retention.decide(s, person.employee_id, "medical", "destroy")
    finally:
        s.close()
    assert Category.MEDICAL in _offered(arts, person.employee_id, day)


def _hold_medical_lock(session):
    """Another program (a second Arbokluis, a backup tool) writes to medical.db right now."""
    other = sqlcipher3.connect(str(session.files.medical_db), isolation_level=None)
    other.execute(f"PRAGMA key = \"x'{session.medical_key().hex()}'\"")
    other.execute("BEGIN IMMEDIATE")
    return other


def test_medical_db_in_use_elsewhere_says_so_in_dutch(arts, person, monkeypatch):
    _on(monkeypatch, arts, years(person.exposure_end, 40))
    other = _hold_medical_lock(arts)
    try:
        with pytest.raises(DatabaseBusy) as err:
            retention.decide(arts, person.employee_id, "medical", "destroy")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "medical.db" in err.value.message
    assert "in gebruik" in err.value.message


def test_medical_db_in_use_elsewhere_leaves_decision_work_and_register_undone(arts, person, monkeypatch):
    day = years(person.exposure_end, 40)
    _on(monkeypatch, arts, day)
    before = snapshot(arts, person.employee_id)
    other = _hold_medical_lock(arts)
    try:
        with pytest.raises(DatabaseBusy):
            retention.decide(arts, person.employee_id, "medical", "destroy")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert snapshot(arts, person.employee_id) == before
    assert retention.register(arts, person.employee_id) == []
    assert Category.MEDICAL in _offered(arts, person.employee_id, day)


# --- a reference that blocks a delete -------------------------------------------------------------


def test_consents_that_releases_refer_to_go_with_the_medical_dossier(arts, person, monkeypatch):
    """The IntegrityError of the issue: the consent a release refers to was deleted first. The
    release log of medical data and its consents stay as long as the medical dossier (issue 13,
    finding 8) and go with it, together."""
    _on(monkeypatch, arts, years(person.exposure_end, 40))
    retention.decide(arts, person.employee_id, "medical", "destroy")
    (line,) = [r for r in retention.register(arts, person.employee_id) if r.category == "medical"]
    assert "releases: 1" in line.categories
    assert "consents: 1" in line.categories


def _refer_to_an_activity(session, employee_id):
    """A later table (say, a letter about a conversation) points at a personal activity, which
    the 5-year personal destruction deletes."""
    session.db.execute("CREATE TABLE recipient_letters (id INTEGER PRIMARY KEY, "
                       "activity_id INTEGER NOT NULL REFERENCES activities(id), sent_on TEXT)")
    activity_id = session.db.scalar("SELECT id FROM activities WHERE employee_id = ?", (employee_id,))
    session.db.execute("INSERT INTO recipient_letters (activity_id, sent_on) VALUES (?, '2026-01-01')",
                       (activity_id,))


def test_a_reference_that_blocks_a_delete_is_a_typed_dutch_error(arts, person, monkeypatch):
    _on(monkeypatch, arts, years(person.employment_end, 5))
    _refer_to_an_activity(arts, person.employee_id)
    with pytest.raises(ReferencesRemain) as err:
        retention.decide(arts, person.employee_id, "personal", "destroy")
    assert "Er is niets vernietigd" in err.value.message
    assert err.value.tables == ["recipient_letters"]


def test_a_reference_that_blocks_a_delete_leaves_decision_work_and_register_undone(arts, person, monkeypatch):
    day = years(person.employment_end, 5)
    _on(monkeypatch, arts, day)
    _refer_to_an_activity(arts, person.employee_id)
    before = snapshot(arts, person.employee_id)
    with pytest.raises(ReferencesRemain):
        retention.decide(arts, person.employee_id, "personal", "destroy")
    assert snapshot(arts, person.employee_id) == before
    assert retention.register(arts, person.employee_id) == []
    assert Category.PERSONAL in _offered(arts, person.employee_id, day)


def test_a_failed_attempt_is_on_the_audit_trail(arts, person, monkeypatch):
    _on(monkeypatch, arts, years(person.employment_end, 5))
    _refer_to_an_activity(arts, person.employee_id)
    seq = last_seq(arts)
    with pytest.raises(ReferencesRemain):
        retention.decide(arts, person.employee_id, "personal", "destroy")
    assert [(e[0], e[4]) for e in events_after(arts, seq)] == [("delete", "failed")]


# --- a full disk --------------------------------------------------------------------------------


def test_a_full_disk_leaves_the_personal_data_decision_and_register_undone(arts, person, monkeypatch):
    day = years(person.employment_end, 5)
    _on(monkeypatch, arts, day)
    before = snapshot(arts, person.employee_id)
    _fill_practice(arts, person.employee_id)
    with pytest.raises(DiskFull):
        retention.decide(arts, person.employee_id, "personal", "destroy")
    assert snapshot(arts, person.employee_id) == before
    assert retention.register(arts, person.employee_id) == []
    assert Category.PERSONAL in _offered(arts, person.employee_id, day)


def test_a_full_practice_disk_leaves_the_medical_dossier_whole(arts, person, monkeypatch):
    day = years(person.exposure_end, 40)
    _on(monkeypatch, arts, day)
    before = snapshot(arts, person.employee_id)
    _fill_practice(arts, person.employee_id)
    with pytest.raises(DiskFull):
        retention.decide(arts, person.employee_id, "medical", "destroy")
    assert snapshot(arts, person.employee_id)["medical"] == before["medical"]
    assert erasure.incomplete(arts) == []


# --- cut off between the two commits --------------------------------------------------------------


@pytest.fixture
def cut_off(tmp_path, no_keyring):
    """A destruction of the medical dossier cut off after medical.db committed and before
    practice.db did (a child process whose file writes the OS refuses from then on)."""
    from desktop_app.services import demo
    from desktop_app.services.practice import login

    folder = tmp_path / "praktijk"
    demo.create_demo(folder, dossiers=False)
    s = login(folder, "arts", "Demo-arts-2026!")
    s.unlock_medical("Demo-medisch-2026!")
    found = populate(s, today=T, exposure_end=years(T, -2))
    s.close()
    day = years(found.exposure_end, 40)
    child = subprocess.run([sys.executable, "-m", "tests.faults.cut_destruction", str(folder),
                            str(found.employee_id), day.isoformat()], cwd=ROOT, capture_output=True, text=True,
                           env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert child.stdout.strip() == "Unfinished", child.stderr[-2000:]
    s = login(folder, "arts", "Demo-arts-2026!")
    s.unlock_medical("Demo-medisch-2026!")
    s.today = lambda: day
    yield s, found
    s.close()


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_a_cut_off_destruction_is_detected(cut_off):
    s, found = cut_off
    assert [(i.employee_id, i.category) for i in retention.incomplete(s)] == [(found.employee_id, Category.MEDICAL)]
    assert retention.register(s, found.employee_id) == []


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_a_cut_off_destruction_leaves_no_medical_page_once_finished(cut_off):
    s, found = cut_off
    erasure.finish_incomplete(s)
    assert not in_pages(s, found.markers["medical"])


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_a_cut_off_destruction_is_recorded_at_the_next_attempt(cut_off):
    s, found = cut_off
    retention.decide(s, found.employee_id, "trajectory", "anonymise", item=found.trajectory_id)
    lines = retention.register(s, found.employee_id)
    assert [line.category for line in lines] == ["medical", "trajectory"]
    assert retention.incomplete(s) == []


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_a_cut_off_destruction_is_finished_from_the_retention_page(cut_off):
    s, found = cut_off
    assert erasure.finish_incomplete(s) == 1
    assert [line.category for line in retention.register(s, found.employee_id)] == ["medical"]
    assert s.audit.verify().ok


def test_destroying_the_medical_dossier_removes_the_copy_taken_before_a_migration(arts, person, monkeypatch):
    """An installation updated from an older version keeps the copy its migration took
    (``medical.db.v3.bak``: every employee's medical data, under the live key). Destroying a
    medical dossier through the service removes it; the live section is compacted as before."""
    from desktop_app.storage.migrations import copies_of, copy_before_migration

    mdb = arts.medical()
    path = Path(mdb.path)
    copy_before_migration(mdb, path, 3)  # what the update's migration left
    assert [p.name for p in copies_of(path)] == ["medical.db.v3.bak"]
    _on(monkeypatch, arts, years(person.exposure_end, 40))
    retention.decide(arts, person.employee_id, "medical", "destroy")
    assert copies_of(path) == []
    assert any(r.category == "medical" for r in retention.register(arts, person.employee_id))
