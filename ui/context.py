"""What every window is handed: the task manager, the data folder, and the session once open.

No global application object: windows get this passed in (STYLE.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ui.changes import ChangeBus
from ui.taskman import TaskManager


@dataclass
class AppContext:
    tasks: TaskManager
    data_dir: Path
    demo: bool = False
    session: Any = None  # desktop_app.services.session.Session, owned by the database thread
    locked: bool = False  # the lock came: the session is closing, its late answers are dropped
    settings: dict[str, str] = field(default_factory=dict)
    held: frozenset = frozenset()  # the user's permissions, read at login (ui.permissions)
    changes: ChangeBus = field(default_factory=ChangeBus)  # what the work changed (ui.changes)

    def __post_init__(self) -> None:
        # After each piece of work the task manager takes the session's changes (database
        # thread) and the bus tells the windows (GUI thread): decision 0012.
        self.tasks.collect = self._take_changes
        self.tasks.collected.connect(self._announce)

    def _announce(self, changes) -> None:
        """Tell the windows, unless the lock came: they are hidden, and their reads would fail."""
        session = self.session
        if not self.locked and session is not None and session.is_open:
            self.changes.announce(changes)

    def _take_changes(self) -> tuple:
        take = getattr(self.session, "take_changes", None)
        return take() if take is not None else ()

    def call(self, fn, *args, **kwargs):
        """For tests and scripts only: a service call with this session, waited for. The windows
        never wait on the database thread (``ui.operations``; tests/ui/test_no_waits.py)."""
        return self.tasks.call(fn, self.session, *args, **kwargs)

    def run(self, fn, *args, on_success=None, on_failure=None, owner=None, **kwargs) -> None:
        """Work for a window. After shutdown (the program closing) a window that still asks, e.g. a
        panel reloading as its last dialog closes, gets nothing: there is no one to answer."""
        if self.tasks.closed:
            return
        self.tasks.run(fn, self.session, *args, on_success=on_success, on_failure=on_failure,
                       owner=owner, **kwargs)
