"""Files that must stay at 100 % of their lines: the vault, the audit trail, the permission code.

After qutebrowser's ``scripts/dev/check_coverage.py``. Reads the data of a coverage run of the
whole suite (``bash scripts/test.sh --coverage`` writes it) and prints each perfect file's line
coverage; a file below 100 % is named with its missing lines. With ``--enforce`` the script then
exits 1, which fails the run; without it, it only reports. A file listed that no longer exists
is an error either way (the list has to follow the code).

    python scripts/check_coverage.py [--enforce] [--data-file .coverage]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parent.parent

# A folder stands for every .py file below it.
PERFECT_FILES = [
    "desktop_app/vault/",
    "desktop_app/audit.py",
    "desktop_app/audit_chain.py",
    "desktop_app/audit_events.py",
    "desktop_app/audit_legacy.py",
    "desktop_app/domain/permissions.py",
    "desktop_app/services/authz.py",
]


def perfect_paths(root: Path = ROOT) -> list[Path]:
    paths: list[Path] = []
    for entry in PERFECT_FILES:
        path = root / entry
        if entry.endswith("/"):
            if not path.is_dir():
                raise SystemExit(f"PERFECT_FILES names a folder that does not exist: {entry}")
            paths.extend(sorted(path.rglob("*.py")))
        else:
            if not path.is_file():
                raise SystemExit(f"PERFECT_FILES names a file that does not exist: {entry}")
            paths.append(path)
    return paths


def line_coverage(cov: coverage.Coverage, path: Path) -> tuple[int, int, str]:
    """(statements, missed, missing lines as ranges) for one file; unmeasured is all missed."""
    _name, statements, _excluded, missing, formatted = cov.analysis2(str(path))
    return len(statements), len(missing), formatted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enforce", action="store_true",
                        help="exit 1 when a perfect file is below 100 %% of its lines")
    parser.add_argument("--data-file", default=str(ROOT / ".coverage"))
    args = parser.parse_args(argv)

    if not Path(args.data_file).exists():
        print(f"check_coverage: no coverage data at {args.data_file}; run "
              "bash scripts/test.sh --coverage first", file=sys.stderr)
        return 2
    cov = coverage.Coverage(data_file=args.data_file, config_file=str(ROOT / "pyproject.toml"))
    cov.load()

    below = []
    print("Line coverage of the perfect files (scripts/check_coverage.py):")
    for path in perfect_paths():
        statements, missed, formatted = line_coverage(cov, path)
        percent = 100.0 if statements == 0 else 100.0 * (statements - missed) / statements
        name = path.relative_to(ROOT).as_posix()
        print(f"  {percent:6.2f} %  {statements:4d} lines  {name}")
        if missed:
            below.append((name, percent, formatted))
    for name, percent, formatted in below:
        print(f"{name} is at {percent:.2f} % of its lines; not run: {formatted}")
    if below and args.enforce:
        print(f"check_coverage: {len(below)} perfect file(s) below 100 %", file=sys.stderr)
        return 1
    if below:
        print(f"check_coverage: {len(below)} perfect file(s) below 100 % (reported, not enforced)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
