"""Issue 8 rows: backup and restore of the large practice (with verification), each against
copying the same files in the same run; and the kill harness with 50 kills (--quick: 10).

Backup, its baseline copy, restore and its baseline copy run interleaved, ``REPEAT`` times; each
row is the median. ``python -m tests.perf.bench_backup [--quick] [--no-kills]`` prints only these.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from desktop_app.services import backup, demo
from tests.faults import harness
from tests.helpers.keyrings import MemoryKeyring, install_keyring
from tests.helpers.practices import ARTS, login_as
from tests.perf.runner import Row, print_table

REPEAT = 5
FILES = ("practice.db", "medical.db", "vault.json")


def _settle() -> None:
    """Start each timed step with no dirty pages pending, so one step's write-back is not
    charged to the next (both sides fsync or not as they do; only the start is levelled)."""
    if hasattr(os, "sync"):
        os.sync()


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _copy_files(source: Path, target: Path) -> None:
    target.mkdir()
    for name in FILES:
        shutil.copyfile(source / name, target / name)


def backup_rows(quick: bool, repeat: int = REPEAT) -> list[Row]:
    size = "small" if quick else "large"
    times: dict[str, list[float]] = {"backup": [], "copy": [], "restore": [], "copy_back": []}
    archive_size = 0
    with tempfile.TemporaryDirectory(prefix="arbokluis-bench-") as tmp, install_keyring(MemoryKeyring()):
        tmp = Path(tmp)
        folder = tmp / "praktijk"
        created = demo.create_demo(folder, size=size)
        s = login_as(folder, ARTS, unlock=True)
        try:
            s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            s.medical().execute("PRAGMA wal_checkpoint(TRUNCATE)")
            for i in range(repeat):
                _settle()
                start = time.perf_counter()
                info = backup.create_backup(s, tmp / f"b{i}")
                times["backup"].append(_ms(start))
                archive_size = info.size
                _settle()
                start = time.perf_counter()
                _copy_files(folder, tmp / f"kopie{i}")
                times["copy"].append(_ms(start))
                _settle()
                start = time.perf_counter()
                backup.restore(info.path, tmp / f"terug{i}", recovery_key=created.recovery_key)
                times["restore"].append(_ms(start))
                _settle()
                start = time.perf_counter()
                shutil.copytree(tmp / f"kopie{i}", tmp / f"terug-kopie{i}")
                times["copy_back"].append(_ms(start))
                for name in (f"kopie{i}", f"terug{i}", f"terug-kopie{i}"):
                    shutil.rmtree(tmp / name)
                info.path.unlink()
        finally:
            s.close()
    med = {k: statistics.median(v) for k, v in times.items()}
    return [
        Row(f"backup_{size}_ms", med["backup"], "ms", med["copy"],
            f"{archive_size / 1e6:.0f} MB, page HMACs + MAC checked; baseline copying the files (median of {repeat})"),
        Row(f"restore_{size}_ms", med["restore"], "ms", med["copy_back"],
            f"checksums + MAC (pages checked at backup); baseline copying the files (median of {repeat})"),
    ]


def kill_rows(quick: bool) -> list[Row]:
    kills = 10 if quick else 50
    with tempfile.TemporaryDirectory(prefix="arbokluis-kill-") as tmp:
        start = time.perf_counter()
        result = harness.run(Path(tmp) / "praktijk", kills)
        return [
            Row("kill_harness_kills", result.kills, "kills",
                note=f"{result.saved} saves reported, {len(result.problems)} problems, "
                     f"{time.perf_counter() - start:.0f} s"),
            Row("kill_harness_problems", len(result.problems), "count", note="; ".join(result.problems)[:80]),
        ]


def run(quick: bool) -> list[Row]:
    return backup_rows(quick) + kill_rows(quick)


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    rows = backup_rows(quick)
    if "--no-kills" not in sys.argv:
        rows += kill_rows(quick)
    print_table(rows)
