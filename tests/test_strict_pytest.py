"""The suite's own net: an unexpected warning in the log fails a test, and so does a hang.

One pytest run in a subprocess (tests/helpers/logfail.py is process-wide, so it cannot be run
inline beside itself) holds a test for each case; each is checked by its outcome.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CASES = '''
import logging, threading, time
import pytest

log = logging.getLogger("arbokluis.probe")

def test_unexpected_warning_fails():
    log.warning("disk almost full")

def test_unexpected_error_from_a_thread_fails():
    t = threading.Thread(target=lambda: log.error("worker broke"))
    t.start(); t.join()

def test_info_passes():
    log.info("ordinary")

def test_expected_with_the_fixture_passes(expect_log):
    with expect_log("arbokluis", "WARNING", match="almost full"):
        log.warning("disk almost full")

def test_expected_but_absent_with_the_fixture_fails(expect_log):
    with expect_log("arbokluis", "WARNING"):
        pass

def test_the_fixture_expects_only_inside_its_block_fails(expect_log):
    with expect_log("arbokluis", "WARNING"):
        log.warning("inside")
    log.warning("outside")

def test_another_message_than_expected_fails(expect_log):
    with expect_log("arbokluis", "WARNING", match="almost full"):
        log.warning("almost full")
        log.warning("something else")

@pytest.mark.expect_log("arbokluis.probe", "ERROR", match="worker")
def test_expected_with_the_marker_passes():
    t = threading.Thread(target=lambda: log.error("worker broke"))
    t.start(); t.join()

@pytest.mark.expect_log("arbokluis.probe", "ERROR")
def test_expected_but_absent_with_the_marker_fails():
    pass

def test_caplog_at_level_passes(caplog):
    with caplog.at_level(logging.WARNING, logger="arbokluis.probe"):
        log.warning("read below")
    assert caplog.records

@pytest.fixture
def noisy():
    yield
    log.warning("in teardown")

def test_a_warning_in_teardown_errors(noisy):
    pass

@pytest.mark.timeout(1)
def test_a_hang_fails():
    time.sleep(30)
'''

FAILED = [
    "test_unexpected_warning_fails",
    "test_unexpected_error_from_a_thread_fails",
    "test_expected_but_absent_with_the_fixture_fails",
    "test_the_fixture_expects_only_inside_its_block_fails",
    "test_another_message_than_expected_fails",
    "test_expected_but_absent_with_the_marker_fails",
    "test_a_hang_fails",
]
PASSED = [
    "test_info_passes",
    "test_expected_with_the_fixture_passes",
    "test_expected_with_the_marker_passes",
    "test_caplog_at_level_passes",
    "test_a_warning_in_teardown_errors",  # its body passes; the error is its teardown's
]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("strict")
    (folder / "test_cases.py").write_text(CASES)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.helpers.logfail", "-p", "no:cacheprovider",
         "-rA", "-q", "-o", "timeout_method=signal", str(folder / "test_cases.py")],
        cwd=folder, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    lines = done.stdout.splitlines()
    found: dict[str, set[str]] = {}
    for line in lines:
        word, _, rest = line.partition(" ")
        if word in ("PASSED", "FAILED", "ERROR") and "::" in rest:
            name = rest.split("::", 1)[1].split(" ", 1)[0]
            found.setdefault(name, set()).add(word)
    return found, done.stdout


@pytest.mark.parametrize("name", FAILED)
def test_fails(outcomes, name):
    found, output = outcomes
    assert found.get(name) == {"FAILED"}, output


@pytest.mark.parametrize("name", PASSED)
def test_passes(outcomes, name):
    found, output = outcomes
    assert "PASSED" in found.get(name, set()), output


def test_a_warning_in_teardown_is_an_error_of_that_test(outcomes):
    found, output = outcomes
    assert "ERROR" in found.get("test_a_warning_in_teardown_errors", set()), output
