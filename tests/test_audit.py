"""The audit trail: hash chain, per-user signatures, the head checked before every write,
events from before signing, acknowledged breaks, the keyring's copy of the head."""

import contextlib
import json

import pytest

from desktop_app import audit_chain
from desktop_app.audit import Action, Actor, AuditTrail, Outcome, TrailRolledBack
from desktop_app.errors import AuditTrailBroken
from desktop_app.vault import crypto
from desktop_app.vault.anchor import KeyringAnchor
from tests.helpers.practices import ARTS, CASEMANAGER, login_as


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


def _seq_of(session, data):
    return session.db.scalar("SELECT seq FROM audit_events WHERE data = ?", (data,))


def _kinds(result):
    return [(f.kind, f.seq) for f in result.report.findings]


def test_an_untouched_chain_verifies(trail_session):
    result = trail_session.audit.verify()
    assert result.ok
    assert result.problem == ""
    assert result.count >= 6


def test_every_event_of_a_user_is_signed_by_that_user(trail_session):
    rows = list(trail_session.audit.rows())
    signed = [r for r in rows if r.fields["username"] == "arts"]
    assert signed
    assert {r.signer for r in signed} == {"arts"}
    public = trail_session.vault.directory["arts"].sign
    assert all(crypto.signature_valid(public, r.sig, audit_chain.event_message(r.hash)) for r in signed)


def test_event_fields_are_recorded(trail_session):
    event = trail_session.audit.events(trail_session.actor, employee_id=3)[0]
    assert (event.username, event.role, event.action, event.object_id, event.data) == (
        "arts", "physician", "read", "3", "dossier 3")
    assert event.ts.endswith("+00:00")
    assert event.workstation
    assert event.signer == "arts"
    newest = trail_session.db.one("SELECT action, employee_id FROM audit_events ORDER BY seq DESC")
    assert newest == ("read_audit", 3)  # reading the trail was itself recorded


def test_an_edited_event_is_named(trail_session):
    seq = _seq_of(trail_session, "dossier 2")
    _raw(trail_session).execute("UPDATE audit_events SET data = 'niets' WHERE seq = ?", (seq,))
    result = trail_session.audit.verify()
    assert _kinds(result) == [("changed", seq)]
    assert "gewijzigd" in result.problem


def test_an_edit_with_a_recomputed_hash_breaks_the_signature_and_the_next_link(trail_session):
    seq = _seq_of(trail_session, "dossier 2")
    row = next(r for r in trail_session.audit.rows() if r.seq == seq)
    prev = next(r for r in trail_session.audit.rows() if r.seq == seq - 1)
    fields = {**row.fields, "data": "niets"}
    h = audit_chain.event_hash(prev.hash, trail_session.vault.practice_id, fields, row.signer)
    _raw(trail_session).execute("UPDATE audit_events SET data = 'niets', hash = ? WHERE seq = ?",
                                (h, seq))
    assert _kinds(trail_session.audit.verify()) == [("signature", seq), ("changed", seq + 1)]


def test_a_deleted_event_is_named(trail_session):
    seq = _seq_of(trail_session, "dossier 1")
    _raw(trail_session).execute("DELETE FROM audit_events WHERE seq = ?", (seq,))
    result = trail_session.audit.verify()
    assert _kinds(result) == [("missing", seq)]
    assert f"gebeurtenis {seq} ontbreekt" in result.problem


def test_several_deleted_events_are_named_as_a_range(trail_session):
    seq = _seq_of(trail_session, "dossier 1")
    _raw(trail_session).execute("DELETE FROM audit_events WHERE seq IN (?, ?)", (seq, seq + 1))
    result = trail_session.audit.verify()
    assert f"gebeurtenis {seq} t/m {seq + 1} ontbreken" in result.problem


def test_reordered_events_are_named(trail_session):
    a = _seq_of(trail_session, "dossier 1")
    conn = _raw(trail_session)
    cols = ("ts, user_id, username, role, on_behalf_of, action, object_type, object_id, "
            "employee_id, data, workstation, outcome, signer, hash, sig")
    row_a = conn.execute(f"SELECT {cols} FROM audit_events WHERE seq = ?", (a,)).fetchone()
    row_b = conn.execute(f"SELECT {cols} FROM audit_events WHERE seq = ?", (a + 1,)).fetchone()
    sets = ", ".join(f"{c} = ?" for c in cols.split(", "))
    conn.execute(f"UPDATE audit_events SET {sets} WHERE seq = ?", (*row_b, a))
    conn.execute(f"UPDATE audit_events SET {sets} WHERE seq = ?", (*row_a, a + 1))
    result = trail_session.audit.verify()
    assert result.first_bad_seq == a


def test_an_unsigned_event_without_a_user_is_listed_not_refused(trail_session):
    trail = AuditTrail(trail_session.db, trail_session.practice_key(), trail_session.vault.practice_id,
                       trail_session.files.audit_head, signers=trail_session.vault.signing_keys)
    event = trail.record(Actor(None, "herstelsleutel", "recovery"), Action.RECOVERY, data="test")
    result = trail_session.audit.verify()
    assert result.ok
    assert result.report.unsigned == [event.seq]
    assert f"niet ondertekend (zonder aangemelde gebruiker): {event.seq}" in \
        audit_chain.summary(result.report)


def test_a_trail_signs_only_in_its_own_users_name(trail_session):
    with pytest.raises(ValueError):
        trail_session.audit.record(Actor(2, "casemanager", "casemanager"), Action.READ)


def test_an_event_signed_with_a_retired_key_after_its_retirement_is_named(trail_session):
    from desktop_app.vault.directory import RetiredKey

    vault = trail_session.vault
    old_private, old_public = crypto.new_signing_keypair()
    vault.retired.append(RetiredKey("oud", old_public, 2))
    trail = AuditTrail(trail_session.db, trail_session.practice_key(), vault.practice_id,
                       trail_session.files.audit_head, signer=crypto.Signer("oud", old_private),
                       signers=vault.signing_keys)
    event = trail.record(Actor(99, "oud", "physician"), Action.READ)
    # The event, and the head its writer signed with the same retired key.
    assert _kinds(trail_session.audit.verify()) == [("retired", event.seq), ("head", event.seq)]


def test_an_unknown_signer_is_a_bad_signature(trail_session):
    private, _public = crypto.new_signing_keypair()
    trail = AuditTrail(trail_session.db, trail_session.practice_key(), trail_session.vault.practice_id,
                       trail_session.files.audit_head, signer=crypto.Signer("niemand", private),
                       signers=trail_session.vault.signing_keys)
    event = trail.record(Actor(98, "niemand", "physician"), Action.READ)
    assert _kinds(trail_session.audit.verify()) == [("signature", event.seq), ("head", event.seq)]


# --- the head, before every write -----------------------------------------------------------


def test_cutting_off_the_newest_events_stops_the_next_write(trail_session):
    last = trail_session.db.scalar("SELECT max(seq) FROM audit_events")
    _raw(trail_session).execute("DELETE FROM audit_events WHERE seq >= ?", (last - 1,))
    with pytest.raises(AuditTrailBroken) as err:
        trail_session.record(Action.READ)
    assert err.value.seq == last - 1
    assert "de nieuwste gebeurtenissen ontbreken" in err.value.message
    assert trail_session.db.scalar("SELECT max(seq) FROM audit_events") == last - 2  # nothing written
    assert "ontbreken" in trail_session.audit.verify().problem


def test_a_missing_head_file_stops_the_next_write(trail_session):
    trail_session.files.audit_head.unlink()
    with pytest.raises(AuditTrailBroken) as err:
        trail_session.record(Action.READ)
    assert "ontbreekt" in err.value.message
    assert not trail_session.files.audit_head.exists()
    assert _kinds(trail_session.audit.verify())[0][0] == "head"


def test_a_damaged_head_file_stops_the_next_write(trail_session):
    trail_session.files.audit_head.write_text("{kapot")
    with pytest.raises(AuditTrailBroken) as err:
        trail_session.record(Action.READ)
    assert "beschadigd" in err.value.message
    assert "beschadigd" in trail_session.audit.verify().problem


def test_a_head_naming_another_hash_stops_the_next_write(trail_session):
    head = json.loads(trail_session.files.audit_head.read_bytes())
    head["hash"] = "00" * 32
    trail_session.files.audit_head.write_text(json.dumps(head))
    with pytest.raises(AuditTrailBroken) as err:
        trail_session.record(Action.READ)
    assert err.value.seq == head["count"]
    assert f"gebeurtenis {head['count']} klopt niet met het kopbestand" in \
        trail_session.audit.verify().problem


def test_a_head_signed_by_someone_else_stops_the_next_write(trail_session):
    head = audit_chain.Head.from_bytes(trail_session.files.audit_head.read_bytes())
    private, _ = crypto.new_signing_keypair()
    forged = audit_chain.Head.make(trail_session.vault.practice_id, head.count, head.hash,
                                   crypto.Signer("arts", private))
    trail_session.files.audit_head.write_bytes(forged.to_bytes())
    with pytest.raises(AuditTrailBroken) as err:
        trail_session.record(Action.READ)
    assert "niet ondertekend door wie" in err.value.message


def test_a_head_for_an_empty_trail_stops_the_first_write(trail_session):
    _raw(trail_session).execute("DELETE FROM audit_events")
    with pytest.raises(AuditTrailBroken) as err:
        trail_session.record(Action.READ)
    assert err.value.seq == 1


def test_the_crash_case_trail_ahead_of_the_head_is_allowed(trail_session):
    old_head = trail_session.files.audit_head.read_bytes()
    trail_session.record(Action.READ, data="na de kop")
    trail_session.files.audit_head.write_bytes(old_head)  # as if killed before the head was written
    result = trail_session.audit.verify()
    assert result.ok
    assert result.report.ahead == 1
    trail_session.record(Action.READ)  # and the next write goes on
    assert trail_session.audit.verify().report.ahead == 0


def test_events_rolled_back_with_their_change_leave_no_head_ahead(trail_session):
    db = trail_session.db
    count = db.scalar("SELECT count(*) FROM audit_events")
    with pytest.raises(RuntimeError):
        with db.transaction():
            trail_session.record(Action.UPDATE, object_type="employee", object_id=1)
            raise RuntimeError("save failed")
    assert db.scalar("SELECT count(*) FROM audit_events") == count
    assert trail_session.audit.verify().ok
    trail_session.record(Action.READ)
    assert trail_session.audit.verify().ok


def test_several_events_in_one_transaction_write_one_head(trail_session):
    with trail_session.db.transaction():
        for i in range(3):
            trail_session.record(Action.READ, data=f"samen {i}")
    head = json.loads(trail_session.files.audit_head.read_bytes())
    assert head["count"] == trail_session.db.scalar("SELECT max(seq) FROM audit_events")
    assert trail_session.audit.verify().ok


def test_an_unreadable_head_file_is_a_broken_trail(trail_session):
    path = trail_session.files.audit_head
    path.unlink()
    path.mkdir()  # reading a folder fails with an OSError other than "not found"
    with pytest.raises(AuditTrailBroken) as err:
        trail_session.audit.check_head_now()
    assert "niet leesbaar" in err.value.message


# --- the keyring's copy of the head -------------------------------------------------------------


def test_the_keyring_keeps_the_head_of_the_last_login(trail_session):
    anchor = KeyringAnchor(trail_session.vault.binding, trail_session.vault.practice_id)
    count, h = anchor.load()
    assert trail_session.db.scalar("SELECT hash FROM audit_events WHERE seq = ?", (count,)) == h
    assert "komt overeen met de sleutelbos" in trail_session.audit.check().anchor


def test_a_rewritten_history_under_the_keyring_head_is_named(trail_session):
    anchor = KeyringAnchor(trail_session.vault.binding, trail_session.vault.practice_id)
    count, _h = anchor.load()
    anchor.store(count, b"\1" * 32)
    assert _kinds(trail_session.audit.verify()) == [("rollback", count)]


def test_the_keyring_head_without_a_backend_is_unavailable(trail_session, no_keyring):
    anchor = KeyringAnchor(trail_session.vault.binding, trail_session.vault.practice_id)
    assert "niet bereikbaar" in anchor.load()
    assert anchor.store(1, b"\0" * 32) is False


def test_an_unreadable_keyring_head_counts_as_none(trail_session):
    import keyring

    from desktop_app.vault import anchor as anchor_module

    keyring.set_password("Arbokluis", anchor_module.account(trail_session.vault.practice_id), "{x")
    anchor = KeyringAnchor(trail_session.vault.binding, trail_session.vault.practice_id)
    assert anchor.load() is None
    anchor.forget()
    anchor.forget()  # forgetting twice is harmless
    assert "nog geen kop" in trail_session.audit.check().anchor


# --- acknowledgements -----------------------------------------------------------------------------


def test_an_acknowledgement_signed_by_someone_else_counts_for_nothing(trail_session):
    seq = _seq_of(trail_session, "dossier 2")
    _raw(trail_session).execute("UPDATE audit_events SET data = 'niets' WHERE seq = ?", (seq,))
    trail_session.audit.record(trail_session.actor, Action.AUDIT_ACKNOWLEDGED,
                               object_id=f"changed:{seq}", data="erkend", force=True)
    trail_session.unlock_medical(ARTS.medical_passphrase)  # the directory says arts is an admin
    assert trail_session.audit.verify().ok
    last = trail_session.db.scalar("SELECT max(seq) FROM audit_events WHERE action = ?",
                                   (str(Action.AUDIT_ACKNOWLEDGED),))
    _raw(trail_session).execute("UPDATE audit_events SET sig = ? WHERE seq = ?", (b"\0" * 64, last))
    assert ("changed", seq) in _kinds(trail_session.audit.verify())


def test_an_admins_acknowledgement_counts_only_once_the_medical_key_vouches_for_the_directory(
        trail_session):
    seq = _seq_of(trail_session, "dossier 2")
    _raw(trail_session).execute("UPDATE audit_events SET data = 'niets' WHERE seq = ?", (seq,))
    ack = trail_session.audit.record(trail_session.actor, Action.AUDIT_ACKNOWLEDGED,
                                     object_id=f"changed:{seq}", data="erkend", force=True)
    report = trail_session.audit.check()  # logged in, medical section locked: not proven
    assert ("changed", seq) in [(f.kind, f.seq) for f in report.findings]
    assert report.uncounted == [(ack.seq, "arts")]


def test_an_acknowledgement_by_a_user_who_is_no_admin_physician_counts_for_nothing(practice):
    cm = login_as(practice, CASEMANAGER)
    seq = cm.db.scalar("SELECT max(seq) FROM audit_events")
    _raw(cm).execute("UPDATE audit_events SET data = 'niets' WHERE seq = ?", (seq,))
    ack = cm.audit.record(cm.actor, Action.AUDIT_ACKNOWLEDGED, object_id=f"changed:{seq}",
                          data="erkend", force=True)
    cm.close()
    arts = login_as(practice, ARTS, unlock=True)
    report = arts.audit.check()
    arts.close()
    assert ("changed", seq) in [(f.kind, f.seq) for f in report.findings]
    assert report.uncounted == [(ack.seq, "casemanager")]
    assert report.acknowledgers_known


# --- events from before signing (schema step 5) ---------------------------------------------------


def test_the_whole_table_is_checked_in_batches(trail_session):
    with trail_session.db.transaction():
        for i in range(2100):
            trail_session.record(Action.READ, data=f"veel {i}")
    result = trail_session.audit.verify()
    assert result.ok
    assert result.count > 2100


def test_a_trail_without_the_directory_skips_signatures(trail_session):
    plain = AuditTrail(trail_session.db, trail_session.practice_key(), trail_session.vault.practice_id,
                       trail_session.files.audit_head)
    _raw(trail_session).execute("UPDATE audit_events SET sig = NULL")
    assert plain.verify().ok
    assert not trail_session.audit.verify().ok
    assert plain.signer is None
    plain.record(Actor(None, "systeem", "system"), Action.READ, outcome=Outcome.OK)


def test_the_summary_shortens_a_long_list_of_unsigned_events(trail_session):
    trail = AuditTrail(trail_session.db, trail_session.practice_key(), trail_session.vault.practice_id,
                       trail_session.files.audit_head, signers=trail_session.vault.signing_keys)
    with trail_session.db.transaction():
        seqs = [trail.record(Actor(None, "systeem", "system"), Action.READ).seq for _ in range(10)]
    trail_session.files.audit_head.write_bytes(
        audit_chain.Head.make(trail_session.vault.practice_id, seqs[-3],
                              trail_session.db.scalar("SELECT hash FROM audit_events WHERE seq = ?",
                                                      (seqs[-3],)), None).to_bytes())
    summary = audit_chain.summary(trail_session.audit.check())
    assert f"… {seqs[-1]} (10 in totaal)" in summary
    assert "2 gebeurtenis(sen) na het kopbestand" in summary


@pytest.mark.parametrize("raw", [b'{"format": "iets"}', b'{"format": "arbokluis-audit-head", "count": -1, '
                                 b'"hash": "00", "signer": "", "sig": null}'])
def test_heads_that_are_not_heads_are_damaged(raw):
    with pytest.raises(audit_chain.HeadDamaged):
        audit_chain.Head.from_bytes(raw)


def test_a_head_with_a_signer_but_no_signature_is_bad():
    head = audit_chain.Head(1, b"\0" * 32, "arts", None)
    assert head.signature_state("p", []) == "bad"


def test_a_trail_without_a_keyring_anchor_keeps_no_copy(trail_session):
    plain = AuditTrail(trail_session.db, trail_session.practice_key(), trail_session.vault.practice_id,
                       trail_session.files.audit_head)
    plain.anchor_now()
    assert "niet gekoppeld" in plain.check().anchor


def test_events_in_another_users_name_are_named_in_process(practice):
    from tests.helpers.insider import Insider

    cm = Insider(practice, CASEMANAGER)
    with cm.db() as conn:
        arts_id = conn.execute("SELECT id FROM users WHERE username = 'arts'").fetchone()[0]
        own = cm.append_event(conn, {"user_id": arts_id, "username": "arts"}, signer_name="casemanager")
        unsigned = cm.append_event(conn, {"user_id": arts_id, "username": "arts"}, signer_name="",
                                   sign=False)
        last = cm.events(conn)[-1]
    cm.write_head(unsigned, bytes(last["hash"]))
    from desktop_app.storage.sections import open_section

    db = open_section("practice", practice / "practice.db", cm.practice_key, cm.vault.practice_id)
    trail = AuditTrail(db, cm.practice_key, cm.vault.practice_id, practice / "audit-head.json",
                       signers=cm.vault.signing_keys,
                       anchor=KeyringAnchor(cm.vault.binding, cm.vault.practice_id))
    kinds = [(f.kind, f.seq) for f in trail.check().findings]
    assert ("signer", own) in kinds
    assert ("unsigned", unsigned) in kinds
    db.close()


def test_a_folder_behind_the_keyring_head_is_named_in_process(trail_session):
    anchor = KeyringAnchor(trail_session.vault.binding, trail_session.vault.practice_id)
    last = trail_session.db.scalar("SELECT max(seq) FROM audit_events")
    anchor.store(last + 5, b"\0" * 32)
    finding = trail_session.audit.verify().report.findings[0]
    assert (finding.kind, finding.seq, finding.end) == ("rollback", last + 1, last + 5)


@pytest.mark.parametrize(("token", "text"), [
    ("tail:7-9", "de nieuwste gebeurtenissen ontbraken (gebeurtenis 7 t/m 9)"),
    ("changed:3", "gebeurtenis 3 was gewijzigd of verplaatst"),
    ("baas:3", None),  # not a kind of break: not shown
    ("erkend door de beheerder", None),
])
def test_an_acknowledged_break_is_told_from_its_token_never_from_free_text(token, text):
    assert audit_chain.describe_token(token) == text


def test_anchoring_over_a_folder_behind_the_keyring_head_is_refused(trail_session):
    anchor = KeyringAnchor(trail_session.vault.binding, trail_session.vault.practice_id)
    last = trail_session.db.scalar("SELECT max(seq) FROM audit_events")
    anchor.store(last + 5, b"\0" * 32)
    with pytest.raises(TrailRolledBack):
        trail_session.audit.anchor_now()


def test_a_refused_anchoring_leaves_the_keyring_head_as_it_was(trail_session):
    anchor = KeyringAnchor(trail_session.vault.binding, trail_session.vault.practice_id)
    last = trail_session.db.scalar("SELECT max(seq) FROM audit_events")
    anchor.store(last, b"\1" * 32)  # the same position, another history
    with contextlib.suppress(TrailRolledBack):
        trail_session.audit.anchor_now()
    assert anchor.load() == (last, b"\1" * 32)
