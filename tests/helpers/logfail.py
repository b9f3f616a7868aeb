"""A log record at WARNING or above that a test did not expect fails that test.

After qutebrowser's ``tests/helpers/logfail.py``, with two differences: the test fails at the end
of the phase (setup, call, teardown) that logged, instead of raising out of the ``logging`` call
inside the code under test (which would change that code's path, and from a worker thread would
fail nothing); and an expected record must really come.

A test expects a record in one of three ways:

- the ``expect_log`` fixture, as a context manager around the code that logs::

      def test_x(expect_log):
          with expect_log("ui.crash", "ERROR", match="unexpected error"):
              ...

  Inside the block, records of that logger (or its children) at that level or above whose
  message matches the regular expression ``match`` are expected; at least one must come.
- the marker, for the whole test including its fixtures (a record logged in a fixture or on a
  worker thread)::

      @pytest.mark.expect_log("pypdf", "WARNING", match="incorrect startxref")

  At least one matching record must come before the test's body ends.
- ``caplog.at_level(level, logger=name)``: records at exactly that level from exactly that
  logger count as expected, since the test reads them from ``caplog`` (qutebrowser's rule).

Records below WARNING are never checked. The plugin is loaded by ``tests/conftest.py``.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

MIN_LEVEL = logging.WARNING


def _level(level: int | str) -> int:
    if isinstance(level, int):
        return level
    number = logging.getLevelName(level.upper())
    if not isinstance(number, int):
        raise ValueError(f"unknown log level {level!r}")
    return number


@dataclass
class Expectation:
    logger: str = ""
    level: int = MIN_LEVEL
    match: str | None = None
    records: list[logging.LogRecord] = field(default_factory=list)

    def covers(self, record: logging.LogRecord) -> bool:
        if self.logger and record.name != self.logger and not record.name.startswith(self.logger + "."):
            return False
        if record.levelno < self.level:
            return False
        return self.match is None or re.search(self.match, record.getMessage()) is not None

    def describe(self) -> str:
        match = f" matching {self.match!r}" if self.match else ""
        return f"{logging.getLevelName(self.level)} from {self.logger or 'any logger'}{match}"


class LogFailHandler(logging.Handler):
    """Sorts every record at WARNING or above into expected and unexpected."""

    def __init__(self) -> None:
        super().__init__(MIN_LEVEL)
        self.expectations: list[Expectation] = []
        self.unexpected: list[logging.LogRecord] = []
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        if logging.getLogger(record.name).level == record.levelno:
            return  # caplog.at_level(...) set this logger to this level: the test reads it
        with self._guard:
            for expectation in reversed(self.expectations):
                if expectation.covers(record):
                    expectation.records.append(record)
                    return
            self.unexpected.append(record)

    def take_unexpected(self) -> list[logging.LogRecord]:
        with self._guard:
            found, self.unexpected = self.unexpected, []
        return found


_handler = LogFailHandler()
_marked: dict[str, list[Expectation]] = {}


def _fail_on(records: list[logging.LogRecord], phase: str) -> None:
    if records:
        lines = "\n".join(f"  {r.name} {r.levelname}: {r.getMessage()}" for r in records)
        pytest.fail(f"unexpected log record(s) during {phase} (expect them with the expect_log "
                    f"fixture or marker, see tests/helpers/logfail.py):\n{lines}", pytrace=False)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "expect_log(logger='', level='WARNING', match=None): the test expects a log record at "
        "that level or above (see tests/helpers/logfail.py)")
    logging.getLogger().addHandler(_handler)


def pytest_unconfigure(config: pytest.Config) -> None:
    logging.getLogger().removeHandler(_handler)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    _handler.take_unexpected()  # whatever came between tests belongs to no test
    marked = [Expectation(*m.args, **m.kwargs) for m in item.iter_markers("expect_log")]
    for expectation in marked:
        expectation.level = _level(expectation.level)
    _marked[item.nodeid] = marked
    _handler.expectations[:0] = marked
    try:
        result = yield
    except BaseException:
        _handler.take_unexpected()  # the setup's own error is the one to report
        raise
    _fail_on(_handler.take_unexpected(), "setup")
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    result = yield  # a failing test raises here, and its own failure is the one reported
    _fail_on(_handler.take_unexpected(), "the test")
    unseen = [e for e in _marked.get(item.nodeid, []) if not e.records]
    if unseen:
        pytest.fail("expected log record(s) did not come: "
                    + "; ".join(e.describe() for e in unseen), pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    try:
        result = yield
    finally:
        for expectation in _marked.pop(item.nodeid, []):
            with contextlib.suppress(ValueError):
                _handler.expectations.remove(expectation)
    _fail_on(_handler.take_unexpected(), "teardown")
    return result


@pytest.fixture
def expect_log():
    """``with expect_log(logger, level, match=...):`` — see the module's docstring."""

    @contextlib.contextmanager
    def expecting(logger: str = "", level: int | str = MIN_LEVEL,
                  match: str | None = None) -> Iterator[Expectation]:
        expectation = Expectation(logger, _level(level), match)
        _handler.expectations.append(expectation)
        try:
            yield expectation
        finally:
            _handler.expectations.remove(expectation)
        if not expectation.records:
            pytest.fail(f"expected a log record ({expectation.describe()}); none came",
                        pytrace=False)

    return expecting
