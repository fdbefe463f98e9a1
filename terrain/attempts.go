package terrain

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/internal/schedule"
)

// makePlan selects, shards and orders the scenarios (internal/schedule), and
// says how; a feature file that cannot be read is a configuration error.
func (s *Suite) makePlan(features []string, tags string, workers int) (schedule.Plan, error) {
	p, err := s.sched.Plan(schedule.Settings{Features: features, Tags: tags, Workers: workers, Order: s.cfg.Order, Shard: s.cfg.Shard})
	if err != nil {
		return p, &ConfigError{Setting: "ROMAINE_FEATURES", Message: fmt.Sprintf("reading the feature files (%s): %v", strings.Join(features, " "), err)}
	}
	s.plan = p
	return p, nil
}

// runAttempts runs the plan with godog, then the failed scenarios again (each
// on a fresh page and a reset app, as always) up to ROMAINE_RETRIES times. It
// returns the run's status: failed when a scenario failed on its last attempt,
// or when one was flaky under ROMAINE_FAIL_ON_FLAKY.
func (s *Suite) runAttempts(p schedule.Plan, opts godog.Options) int {
	opts.Paths = p.Paths
	status := s.runAttempt(1, p.Units, opts)
	again := s.endAttempt()
	for attempt := 2; attempt <= 1+s.cfg.Retries && len(again) > 0 && status == 1 && !s.interrupted.Load(); attempt++ {
		fmt.Fprintf(s.out, "\nromaine: attempt %d of %d: running %d failed scenario(s) again, each on a fresh page and a reset app: %s\n\n",
			attempt, 1+s.cfg.Retries, len(again), strings.Join(schedule.Paths(again), " "))
		opts.Paths = schedule.Paths(again)
		opts.Format = attemptFormat(s.cfg.Format, attempt)
		s.sched.Rerun(again)
		status = s.runAttempt(attempt, again, opts)
		again = s.endAttempt()
	}
	flakes := s.sched.Flakes()
	s.printFlaky(flakes)
	if status == 0 && s.sched.AnyFailing() {
		status = 1
	}
	if status == 0 && len(flakes) > 0 && s.cfg.FailOnFlaky {
		fmt.Fprintf(s.out, "romaine: the run fails: %d scenario(s) passed only on retry, and ROMAINE_FAIL_ON_FLAKY is set\n", len(flakes))
		status = 1
	}
	return status
}

// attemptFormat keeps the files of godog's own format (ROMAINE_FORMAT with a
// file) of a retry beside the first run's rather than over them:
// junit:godog.xml becomes junit:godog.attempt2.xml. ROMAINE_REPORTS files hold
// every attempt in one file and need nothing of the sort.
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

func (s *Suite) runAttempt(attempt int, units []*schedule.Unit, opts godog.Options) int {
	total := 0
	for _, u := range units {
		total += u.Pickles
	}
	s.sched.BeginAttempt(attempt)
	s.progress.begin(attempt, total, schedule.Sum(units))
	stop := s.progress.run()
	defer stop()
	opts.Format = s.withResults(opts.Format)
	return godog.TestSuite{
		Name:                 "romaine",
		TestSuiteInitializer: s.InitializeTestSuite,
		ScenarioInitializer:  s.InitializeScenario,
		Options:              &opts,
	}.Run()
}

// endAttempt closes the attempt, and shows the flaky count so far.
func (s *Suite) endAttempt() []*schedule.Unit {
	again := s.sched.EndAttempt()
	s.progress.setFlaky(len(s.sched.Flakes()))
	return again
}

// currentAttempt is the attempt being run: 1 for the first run of every scenario,
// 2 and more for the runs of failed scenarios again (ROMAINE_RETRIES). The same
// scenario (file:LINE) seen again in one Romaine run is the next attempt.
func (s *Suite) currentAttempt() int { return s.sched.Attempt() }

// printFlaky lists the flaky scenarios at the end of the run.
func (s *Suite) printFlaky(flakes []schedule.Flake) {
	if len(flakes) == 0 {
		return
	}
	fmt.Fprintf(s.out, "\nromaine: %d flaky scenario(s): they failed, then passed when run again\n", len(flakes))
	for _, f := range flakes {
		fmt.Fprintf(s.out, "  %s  %s\n", f.URI, f.Name)
		for _, a := range f.Failures {
			fmt.Fprintf(s.out, "    attempt %d: %s\n", a.Attempt, indent(a.Err, "      "))
		}
	}
}

func indent(s, prefix string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n"+prefix)
}

// loadTimings reads the timings file, unless the godog command's arrangement
// already did; a bad file is a warning, never fatal.
func (s *Suite) loadTimings() {
	if warning := s.sched.LoadTimings(s.cfg.Timings); warning != "" {
		fmt.Fprintln(s.errOut, warning)
	}
}

// saveTimings merges this run's durations into the timings file; a shard
// writes them to a file of its own (schedule.ShardPath) and says so.
func (s *Suite) saveTimings() {
	written, warning, err := s.sched.SaveTimings(s.cfg.Timings, s.cfg.Shard)
	if warning != "" {
		fmt.Fprintln(s.errOut, warning)
	}
	switch {
	case err != nil:
		fmt.Fprintf(s.errOut, "romaine: warning: could not save the timings to %s: %v\n", written, err)
	case written != "" && s.cfg.Shard != "":
		fmt.Fprintf(s.out, "romaine: shard %s: its timings are in %s (%s, which partitioned the shards, is left as it was); once every shard has run: romaine timings merge\n", s.cfg.Shard, written, s.cfg.Timings)
	}
}

// commandLimits prints, under the godog command, how the run was ordered and
// what it cannot do: the command runs godog once, so there are no retries and
// no progress line, and godog itself calls its command deprecated.
func (s *Suite) commandLimits() {
	for _, n := range s.commandNotes {
		fmt.Fprintln(s.out, n)
	}
	var ignored []string
	if len(s.commandNotes) == 0 { // not godog run's own runner: nothing was arranged
		if o, _ := schedule.ParseOrder(s.cfg.Order); o.Kind != "longest" {
			ignored = append(ignored, "ROMAINE_ORDER")
		}
		if s.cfg.Shard != "" {
			ignored = append(ignored, "ROMAINE_SHARD")
		}
	}
	if s.cfg.Retries > 0 {
		ignored = append(ignored, "ROMAINE_RETRIES")
	}
	if p := strings.ToLower(strings.TrimSpace(s.cfg.Progress)); p != "auto" && p != "off" {
		ignored = append(ignored, "ROMAINE_PROGRESS")
	}
	fmt.Fprintln(s.errOut, godogCommandWarning)
	if len(ignored) > 0 {
		fmt.Fprintf(s.errOut, "romaine: warning: %s not applied under the godog command\n", strings.Join(ignored, ", "))
	}
}

// godogCommandWarning is printed at the start of every run under the godog
// command: what it lacks, and what to use instead.
const godogCommandWarning = "romaine: warning: the godog command runs without retries (ROMAINE_RETRIES) or the progress line, and godog deprecates it; " +
	"run a Go suite with `go test -run TestFeatures .` and feature files without Go code with `romaine run` (see the README)"
