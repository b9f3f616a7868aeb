"""What every window is handed: the task manager, the data folder, and the session once open.

No global application object: windows get this passed in (STYLE.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ui.taskman import TaskManager


@dataclass
class AppContext:
    tasks: TaskManager
    data_dir: Path
    demo: bool = False
    session: Any = None  # desktop_app.services.session.Session, owned by the database thread
    settings: dict[str, str] = field(default_factory=dict)
    held: frozenset = frozenset()  # the user's permissions, read at login (ui.permissions)

    def call(self, fn, *args, **kwargs):
        """For tests and scripts only: a service call with this session, waited for. The windows
        never wait on the database thread (``ui.operations``; tests/ui/test_no_waits.py)."""
        return self.tasks.call(fn, self.session, *args, **kwargs)

    def run(self, fn, *args, on_success=None, on_failure=None, owner=None, **kwargs) -> None:
        self.tasks.run(fn, self.session, *args, on_success=on_success, on_failure=on_failure,
                       owner=owner, **kwargs)
