#!/usr/bin/env bash
# Presses Ctrl-C (SIGINT) at a random moment of N runs of the demo suite, at
# four workers (ROMAINE_WORKERS), and measures how long each run outlives the
# signal. Prints one line per run and then
#   sigint: R runs, L over the limit (5s), worst W s, B ended before the signal
# It exits non-zero when a run outlived its signal by more than SIGINT_LIMIT
# seconds (5), or left a browser or app running. A run still there after
# SIGINT_LIMIT + 30 s is sent SIGQUIT (its goroutines' stacks go to the log,
# printed here) and killed.
set -uo pipefail
# Job control: a background job of a script without it starts with SIGINT
# ignored, so a signal sent before the runner listens for it would be lost (a
# run "hung" that a terminal's Ctrl-C would have ended at once, by Go's default).
set -m
runs=${1:-20}
limit=${SIGINT_LIMIT:-5}
latest=${SIGINT_LATEST:-20} # signals fall between 0.5 s and this many seconds into a run
quit=${SIGINT_QUIT:-$((limit + 30))} # a run still there this long after its signal gets SIGQUIT
export DISABLE_ROD_FLAG=1 ROMAINE_WORKERS=${ROMAINE_WORKERS:-4} ROMAINE_FORMAT=${ROMAINE_FORMAT:-progress}
go test -c -o bin/features.test . >/dev/null || exit 2

# ended PID: whether the process has exited (a zombie, not yet waited for, has).
ended() { [ ! -e "/proc/$1/stat" ] || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }

late=0 before=0 leftover=0 worst=0
log=$(mktemp)
for i in $(seq 1 "$runs"); do
  tmp=$(mktemp -d)
  at=$(awk -v r="$RANDOM" -v hi="$latest" 'BEGIN { srand(r); printf "%.2f", 0.5 + rand() * (hi - 0.5) }')
  TMPDIR=$tmp bin/features.test -test.run '^TestFeatures$' >"$log" 2>&1 &
  pid=$!
  sleep "$at"
  if ended "$pid"; then
    wait "$pid"
    echo "run $i: ended before its signal at ${at}s"
    before=$((before + 1))
    rm -rf "$tmp"
    continue
  fi
  sent=$(date +%s.%N)
  kill -INT "$pid"
  took=""
  while :; do
    now=$(date +%s.%N)
    elapsed=$(awk -v a="$sent" -v b="$now" 'BEGIN { printf "%.2f", b - a }')
    if ended "$pid"; then took=$elapsed; break; fi
    if awk -v e="$elapsed" -v q="$quit" 'BEGIN { exit !(e > q) }'; then
      kill -QUIT "$pid" 2>/dev/null
      sleep 1
      kill -KILL "$pid" 2>/dev/null
      break
    fi
    sleep 0.05
  done
  wait "$pid"
  status=$?
  if [ -z "$took" ]; then
    keep=bin/sigint-run-$i.log
    sed 's/\x1b\[[0-9;]*m//g' "$log" >"$keep"
    echo "run $i: SIGINT at ${at}s: still running ${quit}s later; its output and goroutines are in $keep" >&2
    late=$((late + 1))
    took=999
  else
    echo "run $i: SIGINT at ${at}s: ended ${took}s later (status $status)"
    if awk -v e="$took" -v l="$limit" 'BEGIN { exit !(e > l) }'; then
      late=$((late + 1))
      keep=bin/sigint-run-$i.log
      sed 's/\x1b\[[0-9;]*m//g' "$log" >"$keep"
      echo "run $i: over the limit of ${limit}s; its output is in $keep" >&2
    fi
  fi
  worst=$(awk -v a="$worst" -v b="$took" 'BEGIN { print (b > a) ? b : a }')
  # Nothing of the run may be left: its browsers' profiles and apps' TMPDIR are under $tmp.
  sleep 1
  left=""
  for p in /proc/[0-9]*; do
    n=${p#/proc/}
    [ "$n" = "$$" ] && continue
    if { tr '\0' '\n' <"$p/environ"; } 2>/dev/null | grep -qxF -- "TMPDIR=$tmp" ||
      { tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null | grep -qF -- "$tmp"; then
      left="$left $n"
    fi
  done
  if [ -n "$left" ]; then
    echo "run $i: processes left running:$left" >&2
    ps -o pid,ppid,args -p "${left# }" >&2 2>/dev/null || true
    leftover=$((leftover + 1))
  fi
  rm -rf "$tmp"
done
rm -f "$log"
echo "sigint: $runs runs, $late over the limit (${limit}s), worst ${worst}s, $before ended before the signal, $leftover left processes"
[ "$late" = 0 ] && [ "$leftover" = 0 ]
