"""The audit chain finds edited, removed, reordered and cut-off events."""

import json

import pytest

from desktop_app.audit import Action, Actor, AuditTrail, Outcome
from tests.helpers.practices import ARTS, login_as


@pytest.fixture
def trail_session(practice):
    session = login_as(practice, ARTS)
    for i in range(5):
        session.record(Action.READ, object_type="employee", object_id=i, employee_id=i,
                       data=f"dossier {i}")
    yield session
    session.close()


def _raw(session):
    return session.db.conn


def test_an_untouched_chain_verifies(trail_session):
    result = trail_session.audit.verify()
    assert result.ok and result.count >= 6 and result.problem == ""


def test_event_fields_are_recorded(trail_session):
    event = trail_session.audit.events(trail_session.actor, employee_id=3)[0]
    assert (event.username, event.role, event.action, event.object_id, event.data) == (
        "arts", "physician", "read", "3", "dossier 3")
    assert event.ts.endswith("+00:00") and event.workstation
    # Reading the trail was itself recorded.
    newest = trail_session.db.one("SELECT action, employee_id FROM audit_events ORDER BY seq DESC")
    assert newest == ("read_audit", 3)


def test_an_edited_event_is_named(trail_session):
    seq = trail_session.db.scalar("SELECT seq FROM audit_events WHERE data = 'dossier 2'")
    _raw(trail_session).execute("UPDATE audit_events SET data = 'niets' WHERE seq = ?", (seq,))
    result = trail_session.audit.verify()
    assert not result.ok and result.first_bad_seq == seq and "gewijzigd" in result.problem


def test_a_deleted_event_is_named(trail_session):
    seq = trail_session.db.scalar("SELECT seq FROM audit_events WHERE data = 'dossier 1'")
    _raw(trail_session).execute("DELETE FROM audit_events WHERE seq = ?", (seq,))
    result = trail_session.audit.verify()
    assert not result.ok and result.first_bad_seq == seq + 1 and str(seq) in result.problem


def test_reordered_events_are_named(trail_session):
    a = trail_session.db.scalar("SELECT seq FROM audit_events WHERE data = 'dossier 1'")
    b = a + 1
    conn = _raw(trail_session)
    cols = "ts, user_id, username, role, on_behalf_of, action, object_type, object_id, employee_id, data, workstation, outcome, mac"
    row_a = conn.execute(f"SELECT {cols} FROM audit_events WHERE seq = ?", (a,)).fetchone()
    row_b = conn.execute(f"SELECT {cols} FROM audit_events WHERE seq = ?", (b,)).fetchone()
    sets = ", ".join(f"{c} = ?" for c in cols.split(", "))
    conn.execute(f"UPDATE audit_events SET {sets} WHERE seq = ?", (*row_b, a))
    conn.execute(f"UPDATE audit_events SET {sets} WHERE seq = ?", (*row_a, b))
    result = trail_session.audit.verify()
    assert not result.ok and result.first_bad_seq == a


def test_cutting_off_the_newest_events_is_found(trail_session):
    last = trail_session.db.scalar("SELECT max(seq) FROM audit_events")
    _raw(trail_session).execute("DELETE FROM audit_events WHERE seq >= ?", (last - 1,))
    result = trail_session.audit.verify()
    assert not result.ok and "ontbreken" in result.problem


def test_a_forged_head_file_is_found(trail_session):
    head_path = trail_session.files.audit_head
    head = json.loads(head_path.read_bytes())
    head["count"] -= 2
    head_path.write_text(json.dumps(head))
    result = trail_session.audit.verify()
    assert not result.ok and "kopbestand" in result.problem


def test_a_missing_head_file_is_found(trail_session):
    trail_session.files.audit_head.unlink()
    assert not trail_session.audit.verify().ok


def test_events_rolled_back_with_their_change_leave_no_head_ahead(trail_session):
    db = trail_session.db
    count = db.scalar("SELECT count(*) FROM audit_events")
    with pytest.raises(RuntimeError):
        with db.transaction():
            trail_session.record(Action.UPDATE, object_type="employee", object_id=1)
            raise RuntimeError("save failed")
    assert db.scalar("SELECT count(*) FROM audit_events") == count
    assert trail_session.audit.verify().ok


def test_a_trail_with_another_key_does_not_verify(trail_session):
    other = AuditTrail(trail_session.db, b"x" * 32, trail_session.vault.practice_id,
                       trail_session.files.audit_head)
    assert not other.verify().ok
    other.record(Actor(None, "x", "x"), Action.READ, outcome=Outcome.OK)  # appended with a wrong key
    assert not trail_session.audit.verify().ok
