#!/usr/bin/env bash
# Runs thirdparty/todomvc.feature, written from the vocabulary alone by someone who
# never saw Romaine's code, unchanged, against two TodoMVC implementations that
# nobody here wrote (the npm package todomvc@0.1.1), each served per worker by
# Python's file server through ROMAINE_APP_CMD.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=bin/todomvc
if [ ! -d "$dir/package/examples" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent todomvc@0.1.1 >/dev/null && tar xzf todomvc-0.1.1.tgz)
fi
status=0
for impl in vanillajs react; do
  echo "== TodoMVC $impl"
  DISABLE_ROD_FLAG=1 ROMAINE_FORMAT=progress ROMAINE_WORKERS=2 \
  ROMAINE_APP_CMD="exec python3 -m http.server \$PORT --bind 127.0.0.1 --directory $PWD/$dir/package/examples/$impl" \
  ROMAINE_FEATURES=thirdparty/todomvc.feature \
    go test -count=1 -v -run '^TestFeatures$' . 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -vE '^(=== RUN|--- PASS|PASS$)' | grep -E 'scenarios|steps \(|Error|Scenario:|FAIL|^ok' || status=1
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
done
exit $status
