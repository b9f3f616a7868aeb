"""The files of one practice in its data folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app import paths


@dataclass(frozen=True)
class PracticeFiles:
    root: Path

    @classmethod
    def at(cls, root: str | Path | None = None) -> PracticeFiles:
        return cls(paths.data_dir(root))

    @property
    def practice_db(self) -> Path:
        return self.root / paths.PRACTICE_DB

    @property
    def medical_db(self) -> Path:
        return self.root / paths.MEDICAL_DB

    @property
    def vault(self) -> Path:
        return self.root / paths.VAULT_FILE

    @property
    def audit_head(self) -> Path:
        return self.root / paths.AUDIT_HEAD_FILE

    @property
    def attempts(self) -> Path:
        return self.root / paths.LOGIN_ATTEMPTS_FILE

    @property
    def medical_attempts(self) -> Path:
        return self.root / paths.MEDICAL_ATTEMPTS_FILE

    def exists(self) -> bool:
        return self.vault.exists()

    def any_present(self) -> bool:
        return any(p.exists() for p in (self.vault, self.practice_db, self.medical_db))
