"""arbokluis-cli: demo, verify and audit-acknowledge, with one-line errors and honest exit codes.

The attacks below are done the way a user of the practice with write access to the data folder
would do them (``tests.helpers.insider``), while the program is closed; ``verify`` runs as a
subprocess on a practice bound to a file keyring that the subprocess shares.
"""

import os
import shutil
import subprocess
import sys

import pytest

from desktop_app import cli
from desktop_app.vault import crypto
from tests.helpers.insider import Insider, head
from tests.helpers.keyrings import FileKeyring, install_keyring, subprocess_env
from tests.helpers.practices import (
    ARTS,
    CASEMANAGER,
    copy_file_bound,
    login_as,
    make_file_bound_template,
)

ARTS_ENV = {"ARBOKLUIS_PASSWORD": ARTS.password, "ARBOKLUIS_MEDICAL_PASSPHRASE": ARTS.medical_passphrase}


def run(args, *, stdin="", env=None):
    full_env = {k: v for k, v in os.environ.items()
                if not k.startswith("ARBOKLUIS_") and k != "PYTHON_KEYRING_BACKEND"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "desktop_app.cli", *args], input=stdin,
                          capture_output=True, text=True, env=full_env, timeout=180)


@pytest.fixture(scope="module")
def bound_template(tmp_path_factory):
    base = tmp_path_factory.mktemp("bound")
    return make_file_bound_template(base / "praktijk", base / "keyring.json")


class Bound:
    """A copy of the bound practice, its keyring file, and the CLI run against them."""

    def __init__(self, template, tmp_path):
        self.keyring_file = tmp_path / "keyring.json"
        self.folder = copy_file_bound(template, self.keyring_file, tmp_path / "praktijk")
        self.env = subprocess_env(self.keyring_file)
        self.backend = FileKeyring(self.keyring_file)

    def cli(self, *args, env=None, stdin=""):
        return run([args[0], "--data-dir", str(self.folder), *args[1:]], stdin=stdin,
                   env={**self.env, **(env or {})})

    def verify(self, user="arts", env=ARTS_ENV):
        return self.cli("verify", "--user", user, env=env)

    def insider(self, account=CASEMANAGER) -> Insider:
        with install_keyring(self.backend):
            return Insider(self.folder, account)

    def login_and_logout(self, account=ARTS):
        """A session on this workstation: the keyring keeps the head of its logout."""
        with install_keyring(self.backend):
            login_as(self.folder, account).close()


@pytest.fixture
def bound(bound_template, tmp_path):
    return Bound(bound_template, tmp_path)


def _fails_naming(result, *texts):
    assert result.returncode == 1, result.stdout + result.stderr
    for text in texts:
        assert text in result.stdout, result.stdout


# --- demo and the plain paths -------------------------------------------------------------------


def test_demo_creates_the_accounts_and_refuses_a_second_time(tmp_path):
    folder = tmp_path / "nieuw" / "map"
    first = run(["demo", "--data-dir", str(folder)])
    assert first.returncode == 0, first.stderr
    for account in ("arts", "assistent", "casemanager", "Demo-arts-2026!", "Demo-medisch-2026!"):
        assert account in first.stdout
    second = run(["demo", "--data-dir", str(folder)])
    assert second.returncode != 0
    assert second.stderr.count("\n") == 1
    assert "Traceback" not in second.stderr
    assert "al een praktijk" in second.stderr


def test_verify_of_an_untouched_bound_practice_passes(bound):
    result = bound.verify()
    assert result.returncode == 0, result.stdout
    assert "FOUT" not in result.stdout
    assert "komt overeen met de sleutelbos" in result.stdout


def test_verify_passes_and_fails_honestly(practice):
    env = {"ARBOKLUIS_PASSWORD": ARTS.password, "ARBOKLUIS_MEDICAL_PASSPHRASE": ARTS.medical_passphrase}
    # The fixture's keyring lives in this process, so run in-process.
    os.environ.update(env)
    try:
        assert cli.main(["verify", "--data-dir", str(practice), "--user", "arts"]) == 0
        os.environ["ARBOKLUIS_MEDICAL_PASSPHRASE"] = "verkeerd"
        assert cli.main(["verify", "--data-dir", str(practice), "--user", "arts"]) == 1
        os.environ["ARBOKLUIS_PASSWORD"] = "verkeerd"
        assert cli.main(["verify", "--data-dir", str(practice), "--user", "arts"]) == 1
        os.environ["ARBOKLUIS_PASSWORD"] = CASEMANAGER.password
        del os.environ["ARBOKLUIS_MEDICAL_PASSPHRASE"]
        assert cli.main(["verify", "--data-dir", str(practice), "--user", "casemanager"]) == 0
    finally:
        os.environ.pop("ARBOKLUIS_PASSWORD", None)
        os.environ.pop("ARBOKLUIS_MEDICAL_PASSPHRASE", None)


def test_verify_reads_the_password_from_stdin(tmp_path):
    folder = tmp_path / "p"
    assert run(["demo", "--data-dir", str(folder)]).returncode == 0
    good = run(["verify", "--data-dir", str(folder), "--user", "casemanager"],
               stdin=CASEMANAGER.password + "\n")
    assert good.returncode == 0, good.stdout + good.stderr
    bad = run(["verify", "--data-dir", str(folder), "--user", "casemanager"], stdin="fout\n")
    assert bad.returncode == 1
    assert "onjuist" in bad.stdout


def test_an_unbound_practice_says_the_rollback_check_is_unavailable(tmp_path):
    folder = tmp_path / "p"
    assert run(["demo", "--data-dir", str(folder)]).returncode == 0
    result = run(["verify", "--data-dir", str(folder), "--user", "arts"], env=ARTS_ENV)
    assert result.returncode == 0, result.stdout
    assert "niet beschikbaar: de praktijk is niet gekoppeld aan een sleutelbos" in result.stdout


@pytest.mark.parametrize("args", [["verify", "--data-dir", "/nonexistent/x", "--user", "arts"]])
def test_errors_are_one_line_without_traceback(args):
    result = run(args, stdin="x\n")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout


# --- the vault, changed by someone without the medical key ----------------------------------------


def test_a_medical_slot_added_by_a_case_manager_is_named(bound):
    cm = bound.insider()
    cm.vault.set_medical_slot("casemanager", "Eigen-wachtzin-van-cm-1!", cm.pepper)
    cm.resign_vault()
    _fails_naming(bound.verify(), "FOUT", "gewijzigd door iemand zonder de medische sleutel")


def test_a_medical_slot_changed_by_a_case_manager_is_named(bound):
    cm = bound.insider()
    own_private, own_public = crypto.new_keypair()
    cm.vault.medical_slots["assistent"].public = own_public  # the next key would be sealed to cm
    cm.resign_vault()
    _fails_naming(bound.verify(), "FOUT", "gewijzigd door iemand zonder de medische sleutel")


def test_a_swapped_recovery_public_key_is_named(bound):
    cm = bound.insider()
    _own_private, own_public = crypto.new_keypair()
    cm.vault.recovery.public = own_public
    cm.resign_vault()
    _fails_naming(bound.verify(), "FOUT", "gewijzigd door iemand zonder de medische sleutel")


def test_a_ghost_user_in_the_directory_is_named(bound):
    cm = bound.insider()
    cm.vault.add_user("spook", "Spook-wachtwoord-2026!", cm.pepper, "physician",
                      practice_key=cm.practice_key, admin=True)
    cm.resign_vault()
    _fails_naming(bound.verify(), "FOUT", "spook staat in vault.json maar niet")


# --- the audit trail, changed while the program was closed --------------------------------------


def test_an_edited_event_is_named(bound):
    cm = bound.insider()
    with cm.db() as conn:
        conn.execute("UPDATE audit_events SET data = 'niets' WHERE seq = 3")
    _fails_naming(bound.verify(), "FOUT logboek", "gebeurtenis 3 is gewijzigd")


def test_a_deleted_event_is_named(bound):
    cm = bound.insider()
    with cm.db() as conn:
        conn.execute("DELETE FROM audit_events WHERE seq = 4")
    _fails_naming(bound.verify(), "FOUT logboek", "gebeurtenis 4 ontbreekt")


def test_reordered_events_are_named(bound):
    cm = bound.insider()
    with cm.db() as conn:
        cols = "ts, user_id, username, role, on_behalf_of, action, object_type, object_id, " \
               "employee_id, data, workstation, outcome, signer, hash, sig"
        row_a = conn.execute(f"SELECT {cols} FROM audit_events WHERE seq = 3").fetchone()
        row_b = conn.execute(f"SELECT {cols} FROM audit_events WHERE seq = 4").fetchone()
        sets = ", ".join(f"{c} = ?" for c in cols.split(", "))
        conn.execute(f"UPDATE audit_events SET {sets} WHERE seq = 3", row_b)
        conn.execute(f"UPDATE audit_events SET {sets} WHERE seq = 4", row_a)
    _fails_naming(bound.verify(), "FOUT logboek", "gebeurtenis 3 is gewijzigd")


def test_an_event_forged_in_another_users_name_is_named(bound):
    cm = bound.insider()
    with cm.db() as conn:
        arts_id = conn.execute("SELECT id FROM users WHERE username = 'arts'").fetchone()[0]
        seq = cm.append_event(conn, {"user_id": arts_id, "username": "arts", "role": "physician",
                                     "action": "export", "data": "alles"}, signer_name="arts")
        last = cm.events(conn)[-1]
    cm.write_head(seq, bytes(last["hash"]))
    _fails_naming(bound.verify(), "FOUT logboek", f"de handtekening van gebeurtenis {seq} (arts) klopt niet")


def test_an_event_in_another_users_name_signed_by_oneself_is_named(bound):
    cm = bound.insider()
    with cm.db() as conn:
        arts_id = conn.execute("SELECT id FROM users WHERE username = 'arts'").fetchone()[0]
        seq = cm.append_event(conn, {"user_id": arts_id, "username": "arts", "role": "physician",
                                     "action": "export"}, signer_name="casemanager")
        last = cm.events(conn)[-1]
    cm.write_head(seq, bytes(last["hash"]))
    _fails_naming(bound.verify(), f"gebeurtenis {seq} is ondertekend door casemanager maar staat "
                                  "op naam van arts")


def test_an_unsigned_event_in_another_users_name_is_named(bound):
    cm = bound.insider()
    with cm.db() as conn:
        arts_id = conn.execute("SELECT id FROM users WHERE username = 'arts'").fetchone()[0]
        seq = cm.append_event(conn, {"user_id": arts_id, "username": "arts", "role": "physician",
                                     "action": "export"}, signer_name="", sign=False)
    _fails_naming(bound.verify(), f"gebeurtenis {seq} staat op naam van arts maar is niet ondertekend")


def test_a_cut_tail_is_named(bound):
    cm = bound.insider()
    count = head(bound.folder)["count"]
    with cm.db() as conn:
        conn.execute("DELETE FROM audit_events WHERE seq > ?", (count - 3,))
    _fails_naming(bound.verify(), "FOUT logboek", f"het logboek eindigt bij {count - 3}",
                  f"gebeurtenis {count}")


def test_a_cut_tail_with_a_head_signed_by_the_cutter_is_named(bound):
    cm = bound.insider()
    count = head(bound.folder)["count"]
    with cm.db() as conn:
        conn.execute("DELETE FROM audit_events WHERE seq > ?", (count - 3,))
        last = cm.events(conn)[-1]
    cm.write_head(last["seq"], bytes(last["hash"]))  # the head now agrees with the cut trail
    _fails_naming(bound.verify(), "FOUT logboek",
                  f"niet ondertekend door wie gebeurtenis {count - 3} schreef")


def test_a_damaged_head_file_is_named(bound):
    (bound.folder / "audit-head.json").write_text('{"count": "x"')
    _fails_naming(bound.verify(), "FOUT logboek", "audit-head.json) is beschadigd")


def test_a_deleted_head_file_is_named(bound):
    count = head(bound.folder)["count"]
    (bound.folder / "audit-head.json").unlink()
    _fails_naming(bound.verify(), "FOUT logboek", "audit-head.json) ontbreekt")
    assert count > 0


def test_a_folder_rolled_back_with_its_head_is_named(bound, tmp_path):
    bound.login_and_logout()  # the keyring now holds the head as of this logout
    old = tmp_path / "oud"
    shutil.copytree(bound.folder, old)
    bound.login_and_logout()
    seen = head(bound.folder)["count"]
    shutil.rmtree(bound.folder)
    shutil.copytree(old, bound.folder)  # files and head file together: consistent among themselves
    old_count = head(bound.folder)["count"]
    _fails_naming(bound.verify(), "FOUT logboek", "teruggezet naar een oudere kopie",
                  f"het logboek eindigt bij {old_count}", f"zag al gebeurtenis {seen}")


def test_nothing_is_recorded_before_the_trail_is_checked(bound):
    cm = bound.insider()
    count = head(bound.folder)["count"]
    with cm.db() as conn:
        conn.execute("DELETE FROM audit_events WHERE seq > ?", (count - 2,))
    bound.verify()
    with cm.db() as conn:
        newest = conn.execute("SELECT max(seq) FROM audit_events").fetchone()[0]
    assert newest == count - 2
    assert head(bound.folder)["count"] == count


# --- audit-acknowledge ---------------------------------------------------------------------------


def test_an_acknowledged_break_is_still_listed_and_the_program_writes_again(bound):
    cm = bound.insider()
    count = head(bound.folder)["count"]
    with cm.db() as conn:
        conn.execute("DELETE FROM audit_events WHERE seq > ?", (count - 3,))
    refused = bound.cli("audit-acknowledge", "--user", "casemanager",
                        env={"ARBOKLUIS_PASSWORD": CASEMANAGER.password})
    assert refused.returncode == 1
    assert "beheerrechten" in refused.stderr
    done = bound.cli("audit-acknowledge", "--user", "arts", env=ARTS_ENV)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Vastgelegd in gebeurtenis {count - 2}" in done.stdout
    after = bound.verify()
    assert after.returncode == 0, after.stdout
    assert f"LET OP logboek (erkende breuk): gebeurtenis {count - 2} door arts" in after.stdout
    assert f"erkent: de nieuwste gebeurtenissen ontbraken (gebeurtenis {count - 2} t/m {count})" \
        in after.stdout
    again = bound.cli("audit-acknowledge", "--user", "arts", env=ARTS_ENV)
    assert "niets te erkennen" in again.stdout


def test_an_edited_event_stays_named_after_its_acknowledgement(bound):
    cm = bound.insider()
    with cm.db() as conn:
        conn.execute("UPDATE audit_events SET data = 'niets' WHERE seq = 3")
    assert bound.cli("audit-acknowledge", "--user", "arts", env=ARTS_ENV).returncode == 0
    after = bound.verify()
    assert after.returncode == 0, after.stdout
    assert "erkent: gebeurtenis 3 is gewijzigd" in after.stdout
    # A new break after the acknowledgement is a new problem.
    with cm.db() as conn:
        conn.execute("UPDATE audit_events SET data = 'weer' WHERE seq = 5")
    _fails_naming(bound.verify(), "gebeurtenis 5 is gewijzigd")


# --- backup and restore, and one copy per folder --------------------------------------------------


def test_backup_and_restore_commands(tmp_path):
    folder = tmp_path / "p"
    assert run(["demo", "--data-dir", str(folder)]).returncode == 0
    made = run(["backup", "--data-dir", str(folder), "--to", str(tmp_path / "b"), "--user", "arts"],
               env={"ARBOKLUIS_PASSWORD": "Demo-arts-2026!", "ARBOKLUIS_MEDICAL_PASSPHRASE": "Demo-medisch-2026!"})
    assert made.returncode == 0, made.stderr
    archive = tmp_path / "b.arbokluis-backup"
    assert archive.exists()
    again = run(["restore", "--from", str(archive), "--data-dir", str(folder), "--user", "arts"],
                stdin="Demo-arts-2026!\n")
    assert again.returncode == 1
    assert "al een praktijk" in again.stderr  # nothing overwritten
    restored = run(["restore", "--from", str(archive), "--data-dir", str(tmp_path / "r"), "--user", "arts"],
                   stdin="Demo-arts-2026!\n", env={"ARBOKLUIS_MEDICAL_PASSPHRASE": "Demo-medisch-2026!"})
    assert restored.returncode == 0, restored.stderr
    check = run(["verify", "--data-dir", str(tmp_path / "r"), "--user", "arts"],
                env={"ARBOKLUIS_PASSWORD": "Demo-arts-2026!", "ARBOKLUIS_MEDICAL_PASSPHRASE": "Demo-medisch-2026!"})
    assert check.returncode == 0, check.stdout
    broken = tmp_path / "kapot.arbokluis-backup"
    broken.write_bytes(archive.read_bytes()[:5000])
    refused = run(["restore", "--from", str(broken), "--data-dir", str(tmp_path / "r2"), "--user", "arts"],
                  stdin="Demo-arts-2026!\n")
    assert refused.returncode == 1
    assert "beschadigd" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_second_copy_on_the_same_folder_opens_nothing(tmp_path):
    from desktop_app.errors import PracticeInUse
    from desktop_app.services.instance_lock import InstanceLock

    first = InstanceLock(tmp_path).acquire()
    code = ("import sys; from desktop_app.services.instance_lock import InstanceLock\n"
            "from desktop_app.errors import PracticeInUse\n"
            f"try:\n    InstanceLock({str(tmp_path)!r}).acquire()\nexcept PracticeInUse as e:\n"
            "    print(e.message); sys.exit(3)\n")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert other.returncode == 3
    assert "al geopend" in other.stdout
    first.release()
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
    with pytest.raises(PracticeInUse):
        with InstanceLock(tmp_path), InstanceLock(tmp_path):
            pass


def test_verify_refuses_while_the_program_has_the_folder_open(bound):
    from desktop_app.services.instance_lock import InstanceLock

    with InstanceLock(bound.folder):
        busy = bound.verify()
    assert busy.returncode == 1
    assert "al geopend" in busy.stderr


def test_verify_of_a_missing_folder_creates_nothing(tmp_path):
    folder = tmp_path / "bestaat-niet"
    result = run(["verify", "--data-dir", str(folder), "--user", "arts"], stdin="x\n")
    assert result.returncode == 1
    assert not folder.exists()
