"""A case manager hides tampering with the audit trail behind an acknowledgement of their own.

``audit_chain._apply_acknowledgements`` takes *any* validly signed ``audit_acknowledged`` event as
the way forward after a break: it never asks whether the signer may acknowledge (decision 0005 and
``services.acknowledge``: an admin physician). A case manager who deleted, edited or forged events
appends one such event in their own name (which they may sign), naming the breaks' tokens, and
signs a head for it. ``verify`` then exits 0: the breaks are only warnings.

Driven like tests/test_cli.py: the insider edits the closed practice, ``verify`` runs as a
subprocess on a practice bound to a file keyring.
"""

from __future__ import annotations

import pytest

from desktop_app.audit_events import Action
from tests.helpers.insider import head
from tests.helpers.practices import make_file_bound_template
from tests.test_cli import Bound


@pytest.fixture(scope="module")
def bound_template(tmp_path_factory):
    base = tmp_path_factory.mktemp("bound-attack")
    return make_file_bound_template(base / "praktijk", base / "keyring.json")


@pytest.fixture
def bound(bound_template, tmp_path):
    return Bound(bound_template, tmp_path)


def _acknowledge_as_case_manager(cm, conn, tokens: str) -> None:
    cm_id = conn.execute("SELECT id FROM users WHERE username = 'casemanager'").fetchone()[0]
    seq = cm.append_event(conn, {
        "user_id": cm_id, "username": "casemanager", "role": "casemanager",
        "action": str(Action.AUDIT_ACKNOWLEDGED), "object_type": "audit", "object_id": tokens,
        "data": "erkend: controle door de beheerder", "outcome": "ok", "employee_id": None,
        "on_behalf_of": "",
    }, signer_name="casemanager")
    last = cm.events(conn)[-1]
    assert last["seq"] == seq
    cm.write_head(seq, bytes(last["hash"]))


def test_a_case_manager_cannot_acknowledge_the_events_they_deleted(bound):
    bound.login_and_logout()  # some events of the physician's, and the keyring head
    cm = bound.insider()
    with cm.db() as conn:
        conn.execute("DELETE FROM audit_events WHERE seq = 4")
        _acknowledge_as_case_manager(cm, conn, "missing:4")
    result = bound.verify()
    assert result.returncode == 1, result.stdout  # today: 0, "LET OP … door casemanager"
    assert "gebeurtenis 4 ontbreekt" in result.stdout


def test_a_case_manager_cannot_acknowledge_an_event_they_forged_in_the_physicians_name(bound):
    cm = bound.insider()
    with cm.db() as conn:
        arts_id = conn.execute("SELECT id FROM users WHERE username = 'arts'").fetchone()[0]
        forged = cm.append_event(conn, {"user_id": arts_id, "username": "arts", "role": "physician",
                                        "action": "export", "data": "alle dossiers"},
                                 signer_name="arts")
        _acknowledge_as_case_manager(cm, conn, f"signature:{forged}")
    result = bound.verify()
    assert result.returncode == 1, result.stdout
    assert f"de handtekening van gebeurtenis {forged} (arts) klopt niet" in result.stdout


def test_a_case_manager_cannot_acknowledge_a_cut_tail(bound):
    bound.login_and_logout()
    count = head(bound.folder)["count"]
    cm = bound.insider()
    with cm.db() as conn:
        conn.execute("DELETE FROM audit_events WHERE seq > ?", (count - 3,))
        cm_id = conn.execute("SELECT id FROM users WHERE username = 'casemanager'").fetchone()[0]
        for _ in range(3):  # back to the length the keyring saw, with events of their own
            cm.append_event(conn, {"user_id": cm_id, "username": "casemanager",
                                   "role": "casemanager", "action": "read", "data": ""},
                            signer_name="casemanager")
        _acknowledge_as_case_manager(cm, conn, f"rollback:{count}")
    result = bound.verify()
    assert result.returncode == 1, result.stdout
    assert "teruggezet" in result.stdout
