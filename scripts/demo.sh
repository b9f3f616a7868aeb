#!/usr/bin/env bash
# Set up a virtual environment with the project, check that Qt can open a window on this desktop,
# then start the client on a fresh demo practice.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${ARBOKLUIS_VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e .

# Qt's xcb platform needs system libraries a fresh desktop may lack: check before starting.
scripts/qt_platform_check.sh "$VENV/bin/python"
exec "$VENV/bin/arbokluis" --demo "$@"
