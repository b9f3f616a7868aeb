#!/usr/bin/env bash
# Set up a virtual environment with the project and its test dependencies, then run the tests.
# This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${ARBOKLUIS_VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e ".[test]"
export QT_QPA_PLATFORM=offscreen
if [ "$#" -eq 0 ]; then
  # The slow end-to-end bundle build runs with: bash scripts/test.sh -m slow
  exec "$VENV/bin/python" -m pytest -m "not slow"
fi
exec "$VENV/bin/python" -m pytest "$@"
