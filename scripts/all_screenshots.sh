#!/usr/bin/env bash
# Every screenshot in docs/screenshots, at 1366x768 and at 200 % (a 2732x1536 screen with
# QT_SCALE_FACTOR=2, i.e. the same 1366x768 of room), under Xvfb. Needs xvfb-run (apt-get install
# xvfb); run from the repository after scripts/test.sh has made .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
for scale in 1 2; do
  if [ "$scale" = 1 ]; then out=docs/screenshots/1366x768; screen=1366x768x24; else out=docs/screenshots/200pct; screen=2732x1536x24; fi
  mkdir -p "$out"
  for script in screenshots agenda_screenshots letter_screenshots; do
    QT_SCALE_FACTOR=$scale xvfb-run -a -s "-screen 0 $screen" "$PY" "scripts/$script.py" "$out" 2>&1 \
      | grep -v "propagateSizeHints\|does not support raise" || true
  done
  QT_SCALE_FACTOR=$scale ARBOKLUIS_SCREENSHOTS="$PWD/$out" QT_QPA_PLATFORM=offscreen \
    "$PY" -m pytest -q -p no:cacheprovider tests/ui/test_import_ui.py -k "report_and_the_import" \
    --basetemp=/tmp/bt-screenshots >/dev/null
done
ls docs/screenshots/1366x768 docs/screenshots/200pct | wc -l
