"""A practice made by version 0.1.0 (decision 0001) opens after the upgrade: the vault is converted
user by user, the HMAC-chained audit events join the signed chain, the medical part of the vault
gets its MAC at the first medical unlock."""

import json
import shutil

import pytest

from desktop_app.audit import Action
from desktop_app.errors import InvalidCredentials, VaultTampered
from desktop_app.services import practice as practice_service
from desktop_app.services import users
from desktop_app.services.practice import login
from desktop_app.services.verify import verify_practice
from desktop_app.storage.sections import MEDICAL, open_section
from desktop_app.vault.vaultfile import Vault
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as


@pytest.fixture
def old_practice(tmp_path, no_keyring, legacy_template):
    folder = tmp_path / "praktijk"
    shutil.copytree(legacy_template.folder, folder)
    return folder


@pytest.fixture
def old_recovery_key(legacy_template):
    return legacy_template.recovery_key


def _actions(session):
    return [e.action for e in reversed(session.audit.events(session.actor, limit=100))]


def test_the_first_login_converts_the_users_slot_and_the_old_events(old_practice):
    before = Vault.load(old_practice / "vault.json")
    assert sorted(before.legacy_login_slots) == ["arts", "assistent", "casemanager"]
    session = login_as(old_practice, CASEMANAGER)
    converted = [e for e in session.audit.events(session.actor) if e.action == Action.AUDIT_CONVERTED]
    assert len(converted) == 1
    assert "de oude keten was in orde" in converted[0].data
    assert converted[0].signer == "casemanager"
    result = session.audit.verify()
    assert result.ok, result.problem
    assert result.report.legacy_until == int(converted[0].object_id)
    session.close()
    after = Vault.load(old_practice / "vault.json")
    assert "casemanager" in after.directory
    assert sorted(after.legacy_login_slots) == ["arts", "assistent"]
    login_as(old_practice, CASEMANAGER).close()  # the new slot opens


def test_a_changed_old_event_is_named_in_the_conversion(old_practice):
    vault = Vault.load(old_practice / "vault.json")
    key = vault.open_login("arts", ARTS.password, None)
    db = open_section("practice", old_practice / "practice.db", key, vault.practice_id)
    db.execute("UPDATE audit_events SET data = 'anders' WHERE seq = 2")
    db.close()
    session = login_as(old_practice, ARTS)
    converted = next(e for e in session.audit.events(session.actor) if e.action == Action.AUDIT_CONVERTED)
    assert "niet in orde: gebeurtenis 2 was gewijzigd of verplaatst" in converted.data
    session.close()


def test_a_cut_old_trail_is_named_in_the_conversion(old_practice):
    vault = Vault.load(old_practice / "vault.json")
    key = vault.open_login("arts", ARTS.password, None)
    db = open_section("practice", old_practice / "practice.db", key, vault.practice_id)
    last = db.scalar("SELECT max(seq) FROM audit_events")
    db.execute("DELETE FROM audit_events WHERE seq = ?", (last,))
    db.close()
    session = login_as(old_practice, ARTS)
    converted = next(e for e in session.audit.events(session.actor) if e.action == Action.AUDIT_CONVERTED)
    assert f"het oude kopbestand noemde gebeurtenis {last}" in converted.data
    session.close()


@pytest.mark.parametrize(("head", "text"), [(None, "ontbrak"), (b"{x", "was beschadigd"),
                                            (b'{"count": 1, "mac": "00", "head_mac": "00"}', "was gewijzigd")])
def test_a_bad_old_head_is_named_in_the_conversion(old_practice, head, text):
    path = old_practice / "audit-head.json"
    path.unlink()
    if head is not None:
        path.write_bytes(head)
    session = login_as(old_practice, ARTS)
    converted = next(e for e in session.audit.events(session.actor) if e.action == Action.AUDIT_CONVERTED)
    assert f"het oude kopbestand {text}" in converted.data
    session.close()


def test_the_first_medical_unlock_authenticates_the_medical_part_once(old_practice):
    session = login_as(old_practice, ARTS, unlock=True)
    assert Action.VAULT_AUTHENTICATED in _actions(session)
    assert session.vault.medical_mac is not None
    assert all(g.section == "medical" for g in session.vault.grants)
    session.close()
    # The assistant converts at their own login and opens the re-sealed grant.
    assistant = login_as(old_practice, ASSISTENT, unlock=True)
    assert assistant.medical_unlocked
    assistant.close()


def test_a_stripped_medical_mac_is_not_taken_for_an_old_vault(old_practice):
    login_as(old_practice, ARTS, unlock=True).close()
    path = old_practice / "vault.json"
    vault = Vault.load(path)
    key = vault.open_login("casemanager", CASEMANAGER.password, None)
    vault.medical_mac = None  # a practice-key holder strips it, hoping for trust on first use
    vault.sign(key)
    path.write_bytes(vault.to_bytes())
    session = login_as(old_practice, ARTS)
    with pytest.raises(VaultTampered):
        session.unlock_medical(ARTS.medical_passphrase)
    session.close()


def test_the_recovery_key_opens_an_old_vault_and_a_rotation_names_who_must_reset(
        old_practice, old_recovery_key):
    opened = Vault.load(old_practice / "vault.json").open_recovery(old_recovery_key)
    assert opened.practice_candidates[0][0] == 1
    admin = login_as(old_practice, ARTS, unlock=True)
    users.remove_user(admin, "casemanager")  # a rotation while the assistant has not logged in
    rotation = next(e for e in admin.audit.events(admin.actor) if e.action == Action.KEY_ROTATION)
    assert "opnieuw instellen met de herstelsleutel nodig voor: assistent" in rotation.data
    admin.close()
    with pytest.raises(InvalidCredentials):
        login(old_practice, "assistent", ASSISTENT.password)
    practice_service.reset_password_with_recovery(
        old_practice, old_recovery_key, "assistent", "Nieuw-wachtwoord-2026!", "Nieuwe-wachtzin-2026!x")
    session = login(old_practice, "assistent", "Nieuw-wachtwoord-2026!")
    session.unlock_medical("Nieuwe-wachtzin-2026!x")
    session.close()


def test_verify_converts_at_its_login_and_then_passes(old_practice):
    report = verify_practice(old_practice, "arts", ARTS.password, ARTS.medical_passphrase)
    assert report.ok, [(c.name, c.detail) for c in report.checks]
    assert any("nog niet omgezet" in c.detail for c in report.checks)
    again = verify_practice(old_practice, "arts", ARTS.password, ARTS.medical_passphrase)
    assert again.ok


def test_an_old_vault_file_keeps_its_mac_until_converted(old_practice):
    vault = Vault.load(old_practice / "vault.json")
    key = vault.open_login("casemanager", CASEMANAGER.password, None)
    vault.verify(key)
    data = json.loads((old_practice / "vault.json").read_bytes())
    data["created"] = "2020-01-01T00:00:00+00:00"
    (old_practice / "vault.json").write_text(json.dumps(data))
    with pytest.raises(Exception) as err:
        Vault.load(old_practice / "vault.json").verify(key)
    assert type(err.value).__name__ == "VaultDamaged"


def test_a_converted_medical_section_opens_with_the_old_medical_key(old_practice):
    session = login_as(old_practice, ARTS, unlock=True)
    key = session.medical_key()
    session.close()
    vault = Vault.load(old_practice / "vault.json")
    open_section(MEDICAL, old_practice / "medical.db", key, vault.practice_id).close()


def _old_trail(folder):
    from desktop_app.audit import AuditTrail

    vault = Vault.load(folder / "vault.json")
    key = vault.open_login("arts", ARTS.password, None)
    db = open_section("practice", folder / "practice.db", key, vault.practice_id)
    return db, AuditTrail(db, key, vault.practice_id, folder / "audit-head.json")


def test_an_unconverted_trail_says_so(old_practice):
    db, trail = _old_trail(old_practice)
    assert trail.unconverted()
    trail.check_head_now()  # an old head is no reason to stop: the first write converts
    result = trail.verify()
    assert "nog niet omgezet" in result.problem
    db.close()


def test_events_from_before_signing_cannot_be_added_later(old_practice):
    login_as(old_practice, ARTS).close()
    db, trail = _old_trail(old_practice)
    last = db.scalar("SELECT max(seq) FROM audit_events")
    db.execute("UPDATE audit_events SET legacy_mac = x'00' WHERE seq = ?", (last,))
    kinds = [(f.kind, f.seq) for f in trail.verify().report.findings]
    assert ("legacy", last) in kinds
    db.close()


def test_a_removed_conversion_event_is_named(old_practice):
    login_as(old_practice, ARTS).close()
    db, trail = _old_trail(old_practice)
    seq = db.scalar("SELECT seq FROM audit_events WHERE action = 'audit_converted'")
    db.execute("DELETE FROM audit_events WHERE seq = ?", (seq,))
    texts = [f.text for f in trail.verify().report.findings]
    assert f"gebeurtenis 1 t/m {seq - 1} zijn niet ondertekend en hun omzetting is niet vastgelegd" in texts
    db.close()


def test_an_event_without_a_hash_after_the_conversion_is_named(old_practice):
    login_as(old_practice, ARTS).close()
    db, trail = _old_trail(old_practice)
    last = db.scalar("SELECT max(seq) FROM audit_events")
    db.execute("UPDATE audit_events SET hash = NULL WHERE seq = ?", (last - 1,))
    texts = [f.text for f in trail.verify().report.findings]
    assert f"gebeurtenis {last - 1} heeft geen plaats in de keten" in texts
    db.close()


def test_a_gap_in_the_old_chain_is_named_in_the_conversion(old_practice):
    db, _trail = _old_trail(old_practice)
    db.execute("DELETE FROM audit_events WHERE seq = 1")
    db.close()
    session = login_as(old_practice, ARTS)
    converted = next(e for e in session.audit.events(session.actor) if e.action == Action.AUDIT_CONVERTED)
    assert "gebeurtenis 1 ontbrak" in converted.data
    session.close()
