"""python -m tests.perf [--quick] [--json PATH]: the benchmark table of Arbokluis."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys

from tests.perf.runner import print_table, write_json

# One module per area; each has run(quick) -> list[Row]. Row names are stable once published.
MODULES = ["bench_vault"]
OPTIONAL = ["bench_dossier", "bench_import", "bench_pdf", "bench_client", "bench_backup", "bench_bundle", "bench_gui"]  # noqa: E501


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.perf")
    parser.add_argument("--quick", action="store_true", help="smaller practice, fewer repeats")
    parser.add_argument("--json", metavar="PATH", help="also write the rows as JSON")
    parser.add_argument("--only", help="comma-separated module names")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    names = MODULES + [m for m in OPTIONAL if importlib.util.find_spec(f"tests.perf.{m}")]
    if args.only:
        names = [n for n in names if n in args.only.split(",")]
    rows = []
    for name in names:
        module = importlib.import_module(f"tests.perf.{name}")
        print(f"# {name} ...", file=sys.stderr, flush=True)
        rows.extend(module.run(args.quick))
    print_table(rows)
    if args.json:
        write_json(rows, args.json)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter teardown: the client rows leave Qt objects whose finalisation order at exit
    # can crash PySide6 after all figures are written.
    os._exit(code)
