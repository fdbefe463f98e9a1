#!/usr/bin/env bash
# What coverage costs on the demo suite (docs/performance.md): the suite at
# WORKERS workers (default 2), plain, ROUNDS rounds (default 3), each round
# running four configurations back to back, so that the machine's load
# changes alike for all four:
#   off       the suite's test binary, ROMAINE_COVERAGE unset
#   page      the same binary with ROMAINE_COVERAGE and ROMAINE_ROUTES: the
#             pages' JavaScript and the routes (the binary has no -cover, so
#             the demo store's Go code is not measured)
#   go-build  the binary built with -cover -coverpkg=./demo/..., coverage
#             unset: what Go's instrumentation alone costs
#   all       that binary with ROMAINE_COVERAGE and ROMAINE_ROUTES: all that
#             make coverage measures, the profile's summary and HTML included
# Each line is bench-suite's: wall time, CPU-seconds of every process of the
# run (the test binary, Chromium, go tool covdata and cover), per scenario,
# peak memory. It prints figures and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export DISABLE_ROD_FLAG=1
rounds=${ROUNDS:-3}
workers=${WORKERS:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/plain.test" .
go test -c -cover -coverpkg=./demo/... -o "$tmp/cover.test" .
go build -o "$tmp/bench-suite" ./scripts/bench-suite

# bench NAME BINARY ENV... prints bench-suite's line for one run, named.
bench() {
  local name=$1 bin=$2
  shift 2
  env "$@" "$tmp/bench-suite" -bin "$bin" -workers "$workers" -modes plain >"$tmp/out"
  [ -n "${header:-}" ] || { header=1; sed -n 2p "$tmp/out" | sed 's/^/         /'; }
  tail -1 "$tmp/out" | sed "s/^/$(printf '%-8s ' "$name")/"
}
for r in $(seq "$rounds"); do
  echo "round $r of $rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  bench off "$tmp/plain.test" ROMAINE_COVERAGE= ROMAINE_ROUTES=
  bench page "$tmp/plain.test" ROMAINE_COVERAGE="$tmp/coverage" ROMAINE_ROUTES=demo/routes.txt
  bench go-build "$tmp/cover.test" ROMAINE_COVERAGE= ROMAINE_ROUTES=
  bench all "$tmp/cover.test" ROMAINE_COVERAGE="$tmp/coverage" ROMAINE_ROUTES=demo/routes.txt
done
