#!/usr/bin/env bash
# Runs thirdparty/todomvc.feature, written from the vocabulary alone by someone who
# never saw Romaine's code, unchanged, against the TodoMVC builds of the npm package
# todomvc@0.1.1 listed in thirdparty/builds.txt, each served per worker by Python's
# file server through ROMAINE_APP_CMD, one build at a time (scripts/thirdparty).
# Arguments go to scripts/thirdparty: -builds test (make test's small set),
# -builds NAME,NAME, -workers N, -runs N, -compare (with the Playwright twin).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=bin/todomvc
if [ ! -d "$dir/package/examples" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent todomvc@0.1.1 >/dev/null && tar xzf todomvc-0.1.1.tgz)
fi
export DISABLE_ROD_FLAG=1
go test -c -o bin/features.test .
go build -o bin/thirdparty-run ./scripts/thirdparty
exec bin/thirdparty-run "$@"
