"""arbokluis-cli: demo and verify, with one-line errors and honest exit codes."""

import os
import subprocess
import sys

import pytest

from desktop_app import cli
from tests.helpers.practices import ARTS, CASEMANAGER


def run(args, *, stdin="", env=None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ARBOKLUIS_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "desktop_app.cli", *args], input=stdin,
                          capture_output=True, text=True, env=full_env, timeout=120)


def test_demo_creates_the_accounts_and_refuses_a_second_time(tmp_path):
    folder = tmp_path / "nieuw" / "map"
    first = run(["demo", "--data-dir", str(folder)])
    assert first.returncode == 0, first.stderr
    for account in ("arts", "assistent", "casemanager", "Demo-arts-2026!", "Demo-medisch-2026!"):
        assert account in first.stdout
    second = run(["demo", "--data-dir", str(folder)])
    assert second.returncode != 0
    assert second.stderr.count("\n") == 1 and "Traceback" not in second.stderr
    assert "al een praktijk" in second.stderr


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


def test_verify_names_a_broken_audit_chain(practice, capsys, monkeypatch):
    from tests.helpers.practices import login_as

    session = login_as(practice, ARTS)
    session.db.conn.execute("UPDATE audit_events SET data = 'vervalst' WHERE seq = 2")
    session.db.close()
    monkeypatch.setenv("ARBOKLUIS_PASSWORD", ARTS.password)
    assert cli.main(["verify", "--data-dir", str(practice), "--user", "arts"]) == 1
    out = capsys.readouterr().out
    assert "FOUT logboek" in out and "gebeurtenis 2" in out


def test_verify_reads_the_password_from_stdin(tmp_path):
    folder = tmp_path / "p"
    assert run(["demo", "--data-dir", str(folder)]).returncode == 0
    good = run(["verify", "--data-dir", str(folder), "--user", "casemanager"],
               stdin=CASEMANAGER.password + "\n")
    assert good.returncode == 0, good.stdout + good.stderr
    bad = run(["verify", "--data-dir", str(folder), "--user", "casemanager"], stdin="fout\n")
    assert bad.returncode == 1 and "onjuist" in bad.stdout


@pytest.mark.parametrize("args", [["verify", "--data-dir", "/nonexistent/x", "--user", "arts"]])
def test_errors_are_one_line_without_traceback(args):
    result = run(args, stdin="x\n")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout


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
    assert again.returncode == 1 and "al een praktijk" in again.stderr  # nothing overwritten
    restored = run(["restore", "--from", str(archive), "--data-dir", str(tmp_path / "r"), "--user", "arts"],
                   stdin="Demo-arts-2026!\n")
    assert restored.returncode == 0, restored.stderr
    check = run(["verify", "--data-dir", str(tmp_path / "r"), "--user", "arts"],
                env={"ARBOKLUIS_PASSWORD": "Demo-arts-2026!", "ARBOKLUIS_MEDICAL_PASSPHRASE": "Demo-medisch-2026!"})
    assert check.returncode == 0, check.stdout
    broken = tmp_path / "kapot.arbokluis-backup"
    broken.write_bytes(archive.read_bytes()[:5000])
    refused = run(["restore", "--from", str(broken), "--data-dir", str(tmp_path / "r2"), "--user", "arts"],
                  stdin="Demo-arts-2026!\n")
    assert refused.returncode == 1 and "beschadigd" in refused.stderr and "Traceback" not in refused.stderr


def test_a_second_copy_on_the_same_folder_opens_nothing(tmp_path):
    from desktop_app.errors import PracticeInUse
    from desktop_app.services.instance_lock import InstanceLock

    first = InstanceLock(tmp_path).acquire()
    code = ("import sys; from desktop_app.services.instance_lock import InstanceLock\n"
            "from desktop_app.errors import PracticeInUse\n"
            f"try:\n    InstanceLock({str(tmp_path)!r}).acquire()\nexcept PracticeInUse as e:\n"
            "    print(e.message); sys.exit(3)\n")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert other.returncode == 3 and "al geopend" in other.stdout
    first.release()
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
    with pytest.raises(PracticeInUse):
        with InstanceLock(tmp_path), InstanceLock(tmp_path):
            pass
