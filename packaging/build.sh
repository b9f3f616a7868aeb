#!/usr/bin/env bash
# Build the one-folder bundle on Linux or macOS: dist/arbokluis/ (and dist/Arbokluis.app on macOS).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${ARBOKLUIS_BUILD_VENV:-.venv-build}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet . "pyinstaller>=6.10"
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
  packaging/arbokluis.spec
echo "Bundle: dist/arbokluis/arbokluis   (try: dist/arbokluis/arbokluis --self-test)"
