"""An import cut off half-way leaves the practice as it was: a disk that refuses to grow
part-way through the import's writes, and a process killed while it imports."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tests.faults.harness import ROOT

ROWS = 3000


def _practice(tmp_path):
    """An unbound demo practice (the child has no shared keyring), one employer, a big file."""
    import keyring.backends.fail

    from desktop_app.domain.dossier import EmployerForm
    from desktop_app.services import demo, employers
    from desktop_app.services.practice import login
    from tests.helpers.keyrings import install_keyring

    folder = tmp_path / "praktijk"
    with install_keyring(keyring.backends.fail.Keyring()):
        demo.create_demo(folder, dossiers=False)
        s = login(folder, "arts", "Demo-arts-2026!")
        employer = employers.create(s, EmployerForm(name="Groothandel Noord B.V."))
        s.close()
    path = tmp_path / "personeel.csv"
    lines = ["Achternaam;Voornamen;Personeelsnummer;Postcode"]
    lines += [f"Werknemer{i};Anna Maria;P-{i:05d};1234 AB" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder, path, employer.id


def _state(folder) -> tuple[int, int, list[str]]:
    """(employees, the import's audit events, problems) of the practice as a login finds it."""
    import keyring.backends.fail

    from desktop_app.services import employees
    from desktop_app.services.practice import login
    from desktop_app.storage.sections import integrity_problems
    from tests.helpers.keyrings import install_keyring

    with install_keyring(keyring.backends.fail.Keyring()):
        s = login(folder, "arts", "Demo-arts-2026!")
        try:
            problems = [f"practice: {p}" for p in integrity_problems(s.db)]
            result = s.audit.verify()
            if not result.ok:
                problems.append(f"audit: {result.problem}")
            events = int(s.db.scalar("SELECT count(*) FROM audit_events "
                                     "WHERE object_type IN ('employee', 'import')"))
            return employees.count(s), events, problems
        finally:
            s.close()


def _child(folder, path, employer_id, mode):
    return subprocess.Popen([sys.executable, "-m", "tests.faults.cut_import", str(folder), str(path),
                             str(employer_id), mode], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_a_disk_full_half_way_leaves_the_practice_as_it_was(tmp_path):
    folder, path, employer_id = _practice(tmp_path)
    before = _state(folder)
    child = _child(folder, path, employer_id, "disk")
    out, err = child.communicate(timeout=300)
    assert out.split() in (["APPLYING", "DiskFull"], ["APPLYING", "DiskError"]), err[-2000:]
    after = _state(folder)
    assert after[2] == []
    assert after[0] == before[0]  # no employee of the file
    assert after[1] == before[1] == 0  # none of the import's events either


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_import_is_all_or_nothing(tmp_path):
    folder, path, employer_id = _practice(tmp_path)
    before = _state(folder)[0]
    child = _child(folder, path, employer_id, "kill")
    assert child.stdout.readline().strip() == "APPLYING"
    # The child says when it is inside the import's transaction, rows written, and waits there:
    # the kill lands mid-transaction however fast the machine (a fixed sleep let a fast CI
    # machine commit first and the kill fall between the commit and the child's "done").
    assert child.stdout.readline().strip() == "INSIDE"
    os.kill(child.pid, signal.SIGKILL)
    out, _err = child.communicate(timeout=60)
    assert "done" not in out
    count, events, problems = _state(folder)
    assert problems == []
    assert count == before  # none of the file's employees
    assert events == 0  # and none of the import's events
