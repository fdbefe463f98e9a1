#!/usr/bin/env bash
# The scheduler's figures, on the project's own feature suite:
#  1. the suite at WORKERS workers (default 4) in file order and longest first
#     (from timings), each against the ideal max(longest scenario, total / workers)
#     of the scenario times measured in that same run (the machine's load changes);
#  2. shards for N = 2 and 4 (SHARD_WORKERS workers each, default 2): each
#     shard's predicted and measured wall time, balanced by the timings (what
#     ROMAINE_SHARD does) and split by count (consecutive scenarios, Playwright's way).
# A first run at each worker count records the timings (a scenario takes longer
# when more run at once on a small machine); every later run starts from a copy
# of them, as CI nodes sharing one timings file would. Wall times are godog's own (the
# suite's run, without compiling); on a shared machine they vary from run to run.
# Steps wait up to TIMEOUT (default 15s: a loaded machine is slow, and this
# bench measures scheduling); a run with failed scenarios is reported, not hidden.
set -euo pipefail
cd "$(dirname "$0")/.."
export DISABLE_ROD_FLAG=1 ROMAINE_TIMEOUT=${TIMEOUT:-15s}
workers=${WORKERS:-4}
shard_workers=${SHARD_WORKERS:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/features.test" . >/dev/null

# suite TIMINGS ENV... runs the suite and prints its wall time in seconds
# (with a * when scenarios failed; their count goes to stderr).
suite() {
  local timings=$1 failed
  shift
  env "$@" ROMAINE_TIMINGS="$timings" ROMAINE_FORMAT=progress ROMAINE_PROGRESS=off \
    "$tmp/features.test" -test.run '^TestFeatures$' -test.count=1 >"$tmp/out" 2>&1 || true
  if ! sed 's/\x1b\[[0-9;]*m//g' "$tmp/out" | grep -qE '^[0-9]+ scenarios'; then
    cat "$tmp/out" >&2
    echo "bench-schedule: the suite did not run ($*)" >&2
    exit 1
  fi
  failed=$(sed 's/\x1b\[[0-9;]*m//g' "$tmp/out" | grep -E '^[0-9]+ scenarios' | grep -oE '[0-9]+ failed' || true)
  [ -z "$failed" ] || { echo "bench-schedule: $failed scenario(s) with $*" >&2; touch "$tmp/some-failed"; }
  # godog's summary ends with the run's duration: 26.5s, 1m2.3s or 950ms.
  sed 's/\x1b\[[0-9;]*m//g' "$tmp/out" | grep -E '^([0-9]+m)?[0-9.]+m?s$' | tail -1 |
    awk '{ d = $0; s = 0
           if (d ~ /ms$/) { sub(/ms$/, "", d); s = d / 1000 }
           else { if (d ~ /m/) { split(d, p, "m"); s = p[1] * 60; d = p[2] } sub(/s$/, "", d); s += d }
           printf "%.2f", s }'
  [ -z "$failed" ] || printf '*'
}
# copy W NAME: a fresh copy of the timings recorded at W workers.
copy() { cp "$tmp/timings-$1.json" "$tmp/$2.json" && echo "$tmp/$2.json"; }
# plan W OUT: the suite's and the shards' predictions from the timings at W workers.
plan() {
  (cd internal/schedule && ROMAINE_BENCH_PLAN="$2" ROMAINE_BENCH_ARGS="../../features $tmp/timings-$1.json $shard_workers" \
    go test -count=1 -run '^TestShardPlansForTheBench$' . >/dev/null)
  sed -i 's#\.\./\.\./features/#features/#g' "$2"
}

for w in $(printf '%s\n' "$workers" "$shard_workers" | sort -u); do
  echo "bench-schedule: recording timings (a first run at $w workers)..."
  suite "$tmp/timings-$w.json" ROMAINE_WORKERS="$w" >/dev/null
done
plan "$workers" "$tmp/suite-plan"
plan "$shard_workers" "$tmp/plan"
read -r _ count total longest < <(grep '^suite ' "$tmp/suite-plan")
echo "suite: $count scenarios, ${total}s of scenarios at $workers workers, the longest ${longest}s"
printf '%-18s %10s %14s %10s %11s\n' "order ($workers workers)" measured "scenario time" ideal efficiency
for order in defined longest; do
  t=$(copy "$workers" "$order")
  m=$(suite "$t" ROMAINE_WORKERS="$workers" ROMAINE_ORDER="$order")
  (cd internal/schedule && ROMAINE_BENCH_PLAN="$tmp/measured" ROMAINE_BENCH_ARGS="run $tmp/timings-$workers.json $t" \
    go test -count=1 -run '^TestShardPlansForTheBench$' . >/dev/null)
  read -r run_total run_longest <"$tmp/measured"
  ideal=$(awk -v t="$run_total" -v l="$run_longest" -v w="$workers" 'BEGIN { i = t / w; if (l > i) i = l; printf "%.2f", i }')
  printf '%-18s %9ss %13ss %9ss %10s%%\n' "$order" "$m" "$run_total" "$ideal" "$(awk -v i="$ideal" -v m="${m%\*}" 'BEGIN { printf "%.0f", 100 * i / m }')"
done
echo "(ideal: max(the run's longest scenario, its scenario time / $workers))"

echo
echo "shards ($shard_workers workers each): predicted / measured wall time"
printf '%-6s %-26s %-26s\n' shard "balanced by timings" "split by count"
for n in 2 4; do
  worst_b=0 worst_c=0
  for k in $(seq 1 "$n"); do
    pb=$(awk -v n="$n" -v k="$k" '$1 == "balanced" && $2 == n && $3 == k { print $4 }' "$tmp/plan")
    mb=$(suite "$(copy "$shard_workers" "b$n-$k")" ROMAINE_WORKERS="$shard_workers" ROMAINE_SHARD="$k/$n")
    read -r pc paths < <(awk -v n="$n" -v k="$k" '$1 == "count" && $2 == n && $3 == k { $1 = $2 = $3 = ""; print }' "$tmp/plan")
    mc=$(suite "$(copy "$shard_workers" "c$n-$k")" ROMAINE_WORKERS="$shard_workers" ROMAINE_ORDER=defined ROMAINE_FEATURES="$paths")
    printf '%-6s %10ss / %8ss %10ss / %8ss\n' "$k/$n" "$pb" "$mb" "$pc" "$mc"
    worst_b=$(awk -v a="$worst_b" -v b="${mb%\*}" 'BEGIN { print (b > a ? b : a) }')
    worst_c=$(awk -v a="$worst_c" -v b="${mc%\*}" 'BEGIN { print (b > a ? b : a) }')
  done
  echo "N=$n: the slowest shard took ${worst_b}s balanced, ${worst_c}s split by count"
done
[ ! -e "$tmp/some-failed" ] || echo "(*: some scenarios of that run failed; see above)"
