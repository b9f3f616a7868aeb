"""Issue 8 rows: backup and restore of the large practice (with verification), each against
copying the same files; and the kill harness with 50 kills (--quick: 10)."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from desktop_app.services import backup, demo
from tests.faults import harness
from tests.helpers.keyrings import MemoryKeyring, install_keyring
from tests.helpers.practices import ARTS, login_as
from tests.perf.runner import Row


def run(quick: bool) -> list[Row]:
    size = "small" if quick else "large"
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="arbokluis-bench-") as tmp, install_keyring(MemoryKeyring()):
        tmp = Path(tmp)
        folder = tmp / "praktijk"
        created = demo.create_demo(folder, size=size)
        s = login_as(folder, ARTS, unlock=True)
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        s.medical().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        start = time.perf_counter()
        info = backup.create_backup(s, tmp / "b")
        backup_ms = (time.perf_counter() - start) * 1000
        s.close()
        start = time.perf_counter()
        copy = tmp / "kopie"
        copy.mkdir()
        for name in ("practice.db", "medical.db", "vault.json"):
            shutil.copyfile(folder / name, copy / name)
        copy_ms = (time.perf_counter() - start) * 1000
        size_mb = info.size / 1e6
        rows.append(Row("backup_large_ms" if size == "large" else "backup_small_ms", backup_ms, "ms", copy_ms,
                        f"{size_mb:.0f} MB archive, verified; baseline copying the files"))
        start = time.perf_counter()
        backup.restore(info.path, tmp / "terug", recovery_key=created.recovery_key)
        restore_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        shutil.copytree(copy, tmp / "terug-kopie")
        copy_back_ms = (time.perf_counter() - start) * 1000
        rows.append(Row("restore_large_ms" if size == "large" else "restore_small_ms", restore_ms, "ms",
                        copy_back_ms, "checksums, MAC and integrity check; baseline copying the files"))
    kills = 10 if quick else 50
    with tempfile.TemporaryDirectory(prefix="arbokluis-kill-") as tmp:
        start = time.perf_counter()
        result = harness.run(Path(tmp) / "praktijk", kills)
        rows.append(Row("kill_harness_kills", result.kills, "kills",
                        note=f"{result.saved} saves reported, {len(result.problems)} problems, "
                             f"{time.perf_counter() - start:.0f} s"))
        rows.append(Row("kill_harness_problems", len(result.problems), "count", note="; ".join(result.problems)[:80]))
    return rows
