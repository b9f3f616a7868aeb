"""Shared fixtures. Tests run headless and need no OS keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from tests.helpers.keyrings import MemoryKeyring, install_keyring  # noqa: E402

# A log record at WARNING or above that a test did not expect fails it; see the module for how
# a test expects one (the expect_log fixture or marker).
pytest_plugins = ("tests.helpers.logfail",)

SLOW_TIMEOUT = 1800  # seconds: the end-to-end bundle build runs PyInstaller


def pytest_collection_modifyitems(config, items):
    """Tests marked slow get a longer per-test timeout than pyproject's, unless they set one."""
    for item in items:
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))


@pytest.fixture(autouse=True)
def workstation_state(tmp_path_factory, monkeypatch):
    """Each test its own workstation state (the restore's attempts), never the real one."""
    monkeypatch.setenv("ARBOKLUIS_STATE_DIR", str(tmp_path_factory.mktemp("werkstation")))


@pytest.fixture
def memory_keyring():
    """An in-memory OS keyring for the duration of one test."""
    backend = MemoryKeyring()
    with install_keyring(backend):
        yield backend


@pytest.fixture
def no_keyring():
    """No keyring backend at all, as on a bare Linux machine."""
    import keyring.backends.fail

    with install_keyring(keyring.backends.fail.Keyring()):
        yield


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "praktijk"
    monkeypatch.setenv("ARBOKLUIS_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def practice_template(tmp_path_factory):
    from tests.helpers.practices import make_template

    return make_template(tmp_path_factory.mktemp("template") / "praktijk")


@pytest.fixture(scope="session")
def bare_template(tmp_path_factory):
    from tests.helpers.practices import make_template

    return make_template(tmp_path_factory.mktemp("bare") / "praktijk", dossiers=False)


def _copy(template, tmp_path):
    from tests.helpers.keyrings import MemoryKeyring
    from tests.helpers.practices import copy_practice

    backend = MemoryKeyring()
    backend.store.update(template.keyring_store)
    with install_keyring(backend):
        yield copy_practice(template, tmp_path / "praktijk")


@pytest.fixture
def practice(practice_template, tmp_path):
    """A copy of the demo practice with its dossiers, bound to an in-memory keyring."""
    yield from _copy(practice_template, tmp_path)


@pytest.fixture
def bare_practice(bare_template, tmp_path):
    """A copy of the demo practice with its accounts only (no dossiers)."""
    yield from _copy(bare_template, tmp_path)


@pytest.fixture(scope="session")
def legacy_template(tmp_path_factory):
    """Release 0.1.0's practice format, made by that release's code (tests/helpers/legacy_practice)."""
    from tests.helpers.legacy_practice import make_legacy_practice

    return make_legacy_practice(tmp_path_factory.mktemp("release-0.1.0"))


@pytest.fixture
def recovery_key(practice_template):
    return practice_template.recovery_key


@pytest.fixture
def arts(bare_practice):
    """The physician's session on a practice without dossiers, medical section unlocked."""
    from tests.helpers.practices import ARTS, login_as

    session = login_as(bare_practice, ARTS, unlock=True)
    yield session
    session.close()


@pytest.fixture
def employee(arts):
    from tests.helpers.dossiers import add_employee

    return add_employee(arts)


@pytest.fixture
def clock(monkeypatch):
    """The agenda's wall clock (``services.agenda.now_local``), at 07:00 today and moved by hand:
    ``clock["now"] = datetime(...)``."""
    from datetime import date, datetime, time

    from desktop_app.services import agenda

    moment = {"now": datetime.combine(date.today(), time(7, 0))}
    monkeypatch.setattr(agenda, "now_local", lambda: moment["now"])
    return moment
