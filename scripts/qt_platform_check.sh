#!/usr/bin/env bash
# Check that Qt's xcb platform plugin (X11, and the fallback under Wayland) finds its system
# libraries; a fresh Debian or Ubuntu desktop may lack libxcb-cursor0, libxcb-icccm4,
# libxcb-keysyms1, ... and Qt then stops with a misleading hint. The plugin itself is asked (ldd).
# As root on Debian/Ubuntu the missing packages are installed; otherwise the one apt-get line to
# run is printed and the exit status is 1.   Usage: qt_platform_check.sh PYTHON
set -euo pipefail
PYTHON="${1:-python3}"
[ "$(uname -s)" = "Linux" ] || exit 0
[ "${QT_QPA_PLATFORM:-xcb}" = "xcb" ] || exit 0
missing="$("$PYTHON" -c 'from ui.self_test import debian_package, missing_xcb_libraries
print(" ".join(sorted({debian_package(m) for m in missing_xcb_libraries()})))')"
[ -n "$missing" ] || exit 0
if [ "$(id -u)" = "0" ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null; then
  echo "Bibliotheken voor het scherm installeren: $missing"
  apt-get update -qq
  # shellcheck disable=SC2086  # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
else
  echo "Qt mist bibliotheken om een venster te openen. Installeer ze met:" >&2
  echo "  sudo apt-get install -y $missing" >&2
  exit 1
fi
