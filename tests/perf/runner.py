"""The benchmark table: rows with a figure and, where measured in the same run, a baseline."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Row:
    name: str
    value: float
    unit: str
    baseline: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline

    def to_json(self) -> dict:
        out = {"name": self.name, "value": round(self.value, 3), "unit": self.unit}
        if self.baseline is not None:
            out["baseline"] = round(self.baseline, 3)
            out["ratio"] = round(self.ratio, 3) if self.ratio is not None else None
        return out


def timed_ms(fn: Callable[[], object], repeat: int = 5, setup: Callable[[], object] | None = None) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def print_table(rows: list[Row]) -> None:
    print(f"{'name':<28} {'value':>12} {'unit':<5} {'baseline':>12} {'ratio':>7}  note")
    for r in rows:
        base = f"{r.baseline:12.2f}" if r.baseline is not None else " " * 12
        ratio = f"{r.ratio:7.2f}" if r.ratio is not None else " " * 7
        print(f"{r.name:<28} {r.value:12.2f} {r.unit:<5} {base} {ratio}  {r.note}")


def write_json(rows: list[Row], path: Path) -> None:
    Path(path).write_text(json.dumps([r.to_json() for r in rows], indent=1))
