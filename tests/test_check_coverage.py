"""scripts/check_coverage.py names each perfect file below 100 % and fails only when enforcing."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import coverage
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def check():
    spec = importlib.util.spec_from_file_location("check_coverage", ROOT / "scripts" / "check_coverage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _data(tmp_path, check, *, leave_out: Path | None = None) -> Path:
    """A coverage data file in which every perfect file ran all its lines but ``leave_out``'s first."""
    data_file = tmp_path / ".coverage"
    parser = coverage.Coverage(data_file=None)
    lines = {}
    for path in check.perfect_paths():
        statements = parser.analysis2(str(path))[1]
        if path == leave_out:
            statements = statements[1:]
        lines[str(path)] = statements
    data = coverage.CoverageData(basename=str(data_file))
    data.add_lines(lines)
    data.write()
    return data_file


def test_every_listed_file_exists(check):
    paths = check.perfect_paths()
    assert ROOT / "desktop_app" / "audit.py" in paths
    assert ROOT / "desktop_app" / "vault" / "vaultfile.py" in paths


def test_all_perfect_passes_when_enforcing(check, tmp_path, capsys):
    assert check.main(["--enforce", "--data-file", str(_data(tmp_path, check))]) == 0
    assert "below" not in capsys.readouterr().out


def test_a_missed_line_is_named_and_fails_when_enforcing(check, tmp_path, capsys):
    target = ROOT / "desktop_app" / "audit.py"
    data_file = _data(tmp_path, check, leave_out=target)
    assert check.main(["--enforce", "--data-file", str(data_file)]) == 1
    assert "desktop_app/audit.py is at" in capsys.readouterr().out


def test_a_missed_line_is_only_reported_without_enforcing(check, tmp_path, capsys):
    data_file = _data(tmp_path, check, leave_out=ROOT / "desktop_app" / "audit.py")
    assert check.main(["--data-file", str(data_file)]) == 0
    assert "reported, not enforced" in capsys.readouterr().out


def test_no_data_is_an_error(check, tmp_path):
    assert check.main(["--data-file", str(tmp_path / "none")]) == 2
