"""Keyring backends for tests: keyring has no built-in in-memory one."""

from __future__ import annotations

import contextlib

import keyring
import keyring.backend
import keyring.errors
from jaraco.classes import properties


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        try:
            del self.store[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(username) from None


class OtherMemoryKeyring(MemoryKeyring):
    """A second backend class, to play a workstation whose keyring backend changed."""


@contextlib.contextmanager
def install_keyring(backend):
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


class FileKeyring(MemoryKeyring):
    """A keyring kept in the JSON file named by ``$ARBOKLUIS_TEST_KEYRING``, so that a subprocess
    (``PYTHON_KEYRING_BACKEND=tests.helpers.keyrings.FileKeyring``) sees the same workstation."""

    ENV = "ARBOKLUIS_TEST_KEYRING"

    @properties.classproperty
    def priority(cls):  # viable only where a keyring file is configured
        import os

        if cls.ENV not in os.environ:
            raise RuntimeError("no keyring file configured")
        return 1

    def __init__(self, path=None) -> None:
        import os
        from pathlib import Path

        super().__init__()
        self.path = Path(path or os.environ[self.ENV])

    def _load(self) -> dict:
        import json

        try:
            return {tuple(k.split("\0", 1)): v for k, v in json.loads(self.path.read_text()).items()}
        except FileNotFoundError:
            return {}

    def _save(self, data: dict) -> None:
        import json

        self.path.write_text(json.dumps({"\0".join(k): v for k, v in data.items()}))

    @property
    def store(self):  # type: ignore[override]
        return self._load()

    @store.setter
    def store(self, value) -> None:
        if hasattr(self, "path"):
            self._save(dict(value))

    def get_password(self, service, username):
        return self._load().get((service, username))

    def set_password(self, service, username, password):
        data = self._load()
        data[(service, username)] = password
        self._save(data)

    def delete_password(self, service, username):
        data = self._load()
        if (service, username) not in data:
            raise keyring.errors.PasswordDeleteError(username)
        del data[(service, username)]
        self._save(data)


def subprocess_env(keyring_file) -> dict[str, str]:
    """Environment for a CLI subprocess that uses the same file keyring."""
    return {"PYTHON_KEYRING_BACKEND": "tests.helpers.keyrings.FileKeyring",
            FileKeyring.ENV: str(keyring_file)}
