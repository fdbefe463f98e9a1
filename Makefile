# Romaine's tasks. `make features` runs the demo suite; `make test` runs every test.
# Both install what they need: Go modules, and Chromium when it is missing.
GO      ?= go
GODOG   := $(CURDIR)/bin/godog
# rod reads a -rod=... option (its debugging switches) from any Go program's
# command line and registers it as a flag unless this is set. Romaine needs
# neither and runs the same either way; the tests keep rod's defaults fixed.
export DISABLE_ROD_FLAG := 1

.PHONY: setup modules browser features test vet chaos sigint hunt-check bench bench-schedule bench-suite bench-coverage bench-memory api-count thirdparty thirdparty-compare coverage clean

setup: modules browser

modules:
	$(GO) mod download

browser:
	@scripts/ensure-chromium.sh

$(GODOG): go.mod
	GOBIN=$(CURDIR)/bin $(GO) install github.com/cucumber/godog/cmd/godog@v0.16.0

# The demo store's feature suite, headless, pretty output.
features: setup
	$(GO) test -count=1 -run '^TestFeatures$$' -v .

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# Every test: unit tests of each package, the feature suite (go test and the
# godog command), and the framework's own failure-mode tests; terrain and
# support (workers, signals, deadlines) under the race detector. Browser
# tests fail here when there is no browser (go test alone skips them).
test: setup vet $(GODOG)
	BROWSER_TESTS=required $(GO) test -count=1 -timeout 12m $$($(GO) list ./... | grep -v -e '/terrain$$' -e '/support$$')
	BROWSER_TESTS=required $(GO) test -race -count=1 -timeout 25m ./terrain/ ./support/
	$(GODOG) run --strict --format progress features
	scripts/thirdparty.sh -builds test

# The demo suite with coverage of the demo store (docs/coverage.md): its Go
# code (go test -cover, finished by the suite's TestMain), its pages'
# JavaScript and its routes (demo/routes.txt, those never reached first),
# into COVERAGE_DIR, with an HTML report that shows them. Two workers unless
# ROMAINE_WORKERS says otherwise.
COVERAGE_DIR ?= romaine-coverage
coverage: setup
	ROMAINE_COVERAGE=$(COVERAGE_DIR) ROMAINE_ROUTES=demo/routes.txt ROMAINE_WORKERS=$${ROMAINE_WORKERS:-2} \
	ROMAINE_REPORTS=html:$(COVERAGE_DIR)/report.html,messages:$(COVERAGE_DIR)/run.ndjson \
	$(GO) test -count=1 -cover -coverpkg=./demo/... -run '^TestFeatures$$' -v .

# A feature written from the vocabulary (docs/vocabulary.md) alone, run unchanged
# against every TodoMVC build of npm todomvc@0.1.1 it can apply to, one build at a
# time; thirdparty/builds.txt lists them and explains each expected failure.
thirdparty: setup
	nice -n 10 scripts/thirdparty.sh

# The same builds with the Playwright twin of the feature (thirdparty/playwright,
# installed with npm ci; it uses /usr/bin/chromium): both tools' results side by
# side, with each one's wall time and CPU over its whole process tree.
# THIRDPARTY_ARGS passes options on, e.g. -builds backbone_require -runs 10 -workers 1.
THIRDPARTY_ARGS ?= -markdown
thirdparty-compare: setup
	cd thirdparty/playwright && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	nice -n 10 scripts/thirdparty.sh -compare $(THIRDPARTY_ARGS)

# The feature suite under the demo store's random latency, CHAOS_RUNS times, at
# 4 workers unless ROMAINE_WORKERS says otherwise; then Ctrl-C at a random
# moment of CHAOS_RUNS runs of the suite, each of which must end within 5 s.
CHAOS_RUNS ?= 20
chaos: setup
	@scripts/chaos.sh $(CHAOS_RUNS)
	@scripts/sigint.sh $(CHAOS_RUNS)

# Ctrl-C (SIGINT) at a random moment of CHAOS_RUNS runs of the demo suite at 4
# workers: each run must end within 5 s of it and leave nothing running.
sigint: setup
	@scripts/sigint.sh $(CHAOS_RUNS)

# The flake hunter's proof (docs/flakes.md), probabilistic, so not in make test:
# the racy scenarios of demo/racy pass 20 plain runs in a row at 1 worker, each
# is found in at least 9 of 10 hunts of 20 attempts, each one's replay seed
# fails again at the rate its verdict states, and a hunt of the correct suite
# (10 attempts each) finds no flaky scenario. It takes an hour or two; niced.
# Run it on a quiet machine: a loaded one is what breaks the racy scenarios,
# plain runs included. HUNT_ARGS='-only hunts -hunts 3' runs a part.
hunt-check: setup
	$(GO) test -c -o bin/features.test .
	nice -n 10 $(GO) run ./scripts/hunt-check -bin bin/features.test $(HUNT_ARGS)

# The browser layer's figures: reaction time to a late element (ours and rod's
# plain Element), the time to give a scenario a fresh page, and the CPU of a
# step and of an idle wait (docs/performance.md).
bench: setup
	$(GO) test -run '^$$' -bench . -benchtime 20x ./support/

# The scheduler's figures: the suite at 4 workers in file order and longest
# first against the ideal, and shards for N = 2 and 4 balanced by timings
# against a split by count (predicted and measured).
bench-schedule: setup
	@scripts/bench-schedule.sh

# The whole demo suite at 1, 2 and 4 workers, plain and under DEMO_CHAOS: wall
# time, CPU-seconds per scenario over every process of the run, peak memory,
# speed-up and efficiency (docs/performance.md). BENCH_ARGS=-by-process adds
# CPU by process kind, -traces off,retain-on-failure,on a row per step-film
# setting, -rounds N the whole set N times interleaved; ROMAINE_* settings
# (ROMAINE_ISOLATION) pass through.
bench-suite: setup
	$(GO) test -c -o bin/features.test .
	$(GO) run ./scripts/bench-suite -bin bin/features.test $(BENCH_ARGS)

# What coverage costs on the demo suite: off, the page's JavaScript and the
# routes, Go's -cover build alone, and all of it, ROUNDS times at WORKERS
# workers (docs/performance.md).
bench-coverage: setup
	@scripts/bench-coverage.sh

# The runner's own memory over one long run: 10,000 scenarios of a small
# feature in one godog run at 2 workers, measured every 1,000; fails when the
# resident set grows by more than 20 MB after the first 1,000
# (docs/performance.md). 30-60 minutes; BENCH_ARGS passes options on.
bench-memory: setup
	nice -n 10 $(GO) run ./scripts/bench-memory -runs 1 -scenarios 10000 -every 1000 -warmup 1000 $(BENCH_ARGS)

# The size of the public API (exported identifiers), e.g. before and after a change.
api-count:
	$(GO) run ./scripts/apicount support terrain steps factories report

clean:
	rm -rf bin romaine-artifacts romaine-coverage
