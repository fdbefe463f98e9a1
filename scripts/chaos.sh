#!/usr/bin/env bash
# Runs the whole feature suite N times under the demo store's chaos mode (random
# latency on every API answer and random UI delays) with four workers (ROMAINE_WORKERS), and prints
#   chaos: R runs, F failed scenarios
# It exits non-zero when any scenario failed.
set -uo pipefail
runs=${1:-20}
export DISABLE_ROD_FLAG=1 DEMO_CHAOS=1 ROMAINE_WORKERS=${ROMAINE_WORKERS:-4} ROMAINE_FORMAT=progress
go test -c -o bin/features.test . >/dev/null || exit 2
failed=0
log=$(mktemp)
for i in $(seq 1 "$runs"); do
  bin/features.test -test.run '^TestFeatures$' >"$log" 2>&1
  # godog's summary: "N scenarios (P passed, F failed)"
  f=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^[0-9]+ scenarios' | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || true)
  f=${f:-0}
  if ! grep -qE '^[0-9]+ scenarios' <(sed 's/\x1b\[[0-9;]*m//g' "$log"); then
    echo "run $i: no summary; output follows" >&2; cat "$log" >&2; f=1
  fi
  if [ "$f" != 0 ]; then
    echo "run $i: $f failed scenario(s)" >&2
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -A8 -- '--- Failed steps' >&2 || true
  fi
  failed=$((failed + f))
done
rm -f "$log"
echo "chaos: $runs runs, $failed failed scenarios"
[ "$failed" = 0 ]
