package terrain

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/cucumber/godog"
)

// plan is what one run will do: the godog paths in order, and the units they are.
type plan struct {
	paths []string
	units []*unit
	empty bool     // a shard with nothing to run
	notes []string // how the run was selected and ordered, for its start
}

// makePlan selects, shards and orders the scenarios, and says how. godog runs
// features in the order of its paths and the scenarios of a feature in file
// order; a path FILE:LINE is a feature of its own. So an order across features
// is given to godog as one FILE:LINE path per scenario.
func (s *Suite) makePlan(features []string, tags string, workers int) (plan, error) {
	o, _ := parseOrder(s.cfg.Order) // validated by setUp
	k, n, _ := parseShard(s.cfg.Shard)
	units, _, err := discover(features, tags)
	if err != nil {
		return plan{}, &ConfigError{Setting: "ROMAINE_FEATURES", Message: fmt.Sprintf("reading the feature files (%s): %v", strings.Join(features, " "), err)}
	}
	var notes []string
	s.sched.catalog = newCatalog(units)
	known := s.sched.book.predict(units)
	all, whole := len(units), sum(units)
	if n > 0 {
		var largest time.Duration
		for i := 1; i <= n; i++ {
			largest = max(largest, sum(shard(units, i, n)))
		}
		units = shard(units, k, n)
		s.sched.catalog = newCatalog(units)
		known = 0
		for _, u := range units {
			if u.timed {
				known++
			}
		}
		line := fmt.Sprintf("romaine: shard %d/%d: %d of %d scenarios, split by count (no timings yet)", k, n, len(units), all)
		if whole > 0 {
			line = fmt.Sprintf("romaine: shard %d/%d: %d of %d scenarios, predicted %s of %s in all (largest shard %s; balanced by the timings, longest first into the lightest shard)",
				k, n, len(units), all, round(sum(units)), round(whole), round(largest))
		}
		notes = append(notes, line)
		if len(units) == 0 {
			return plan{units: units, empty: true, notes: append(notes, "romaine: this shard has no scenarios to run")}, nil
		}
	}
	if o.kind == "random" && o.seed == 0 {
		o.seed = uint64(newSeed(0)) | 1
	}
	how := arrange(units, o, known)
	line := "romaine: order: " + how
	if known > 0 {
		line += fmt.Sprintf("; predicted %s at %d worker(s)", round(predictWall(units, workers)), workers)
	}
	p := plan{units: units, paths: features, notes: append(notes, line)}
	// No paths at all would make godog read ./features: keep the given ones then.
	if len(units) > 0 && (n > 0 || o.kind == "random" || (o.kind == "longest" && known > 0)) {
		p.paths = paths(units)
	}
	return p, nil
}

func paths(units []*unit) []string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = u.path()
	}
	return out
}

func sum(units []*unit) (d time.Duration) {
	for _, u := range units {
		d += u.predicted
	}
	return d
}

func round(d time.Duration) time.Duration { return d.Round(100 * time.Millisecond) }

// runAttempts runs the plan with godog, then the failed scenarios again (each
// on a fresh page and a reset app, as always) up to ROMAINE_RETRIES times. It
// returns the run's status: failed when a scenario failed on its last attempt,
// or when one was flaky under ROMAINE_FAIL_ON_FLAKY.
func (s *Suite) runAttempts(p plan, opts godog.Options) int {
	total := 0
	for _, u := range p.units {
		total += u.pickles
	}
	opts.Paths = p.paths
	status := s.runAttempt(1, total, sum(p.units), opts)
	again := s.sched.endAttempt()
	for attempt := 2; attempt <= 1+s.cfg.Retries && len(again) > 0 && status == 1 && !s.interrupted.Load(); attempt++ {
		total = 0
		for _, u := range again {
			total += u.pickles
		}
		fmt.Fprintf(s.out, "\nromaine: attempt %d of %d: running %d failed scenario(s) again, each on a fresh page and a reset app: %s\n\n",
			attempt, 1+s.cfg.Retries, len(again), strings.Join(paths(again), " "))
		opts.Paths = paths(again)
		opts.Format = attemptFormat(s.cfg.Format, attempt)
		s.sched.rerun(again)
		status = s.runAttempt(attempt, total, sum(again), opts)
		again = s.sched.endAttempt()
	}
	flakes := s.flaky()
	s.printFlaky(flakes)
	if status == 0 && s.sched.anyFailing() {
		status = 1
	}
	if status == 0 && len(flakes) > 0 && s.cfg.FailOnFlaky {
		fmt.Fprintf(s.out, "romaine: the run fails: %d scenario(s) passed only on retry, and ROMAINE_FAIL_ON_FLAKY is set\n", len(flakes))
		status = 1
	}
	return status
}

// attemptFormat keeps a retry's report files beside the first run's rather
// than over them: junit:report.xml becomes junit:report.attempt2.xml.
func attemptFormat(format string, attempt int) string {
	parts := strings.Split(format, ",")
	for i, f := range parts {
		if name, file, ok := strings.Cut(f, ":"); ok && file != "" {
			ext := filepath.Ext(file)
			parts[i] = fmt.Sprintf("%s:%s.attempt%d%s", name, strings.TrimSuffix(file, ext), attempt, ext)
		}
	}
	return strings.Join(parts, ",")
}

func (s *Suite) runAttempt(attempt, total int, predicted time.Duration, opts godog.Options) int {
	s.sched.beginAttempt(attempt, total, predicted)
	stop := s.sched.progress.run()
	defer stop()
	opts.Format = s.withResults(opts.Format)
	return godog.TestSuite{
		Name:                 "romaine",
		TestSuiteInitializer: s.InitializeTestSuite,
		ScenarioInitializer:  s.InitializeScenario,
		Options:              &opts,
	}.Run()
}
