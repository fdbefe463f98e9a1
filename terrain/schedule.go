package terrain

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cucumber/godog"
)

// schedule is what one Romaine run planned and what became of each scenario:
// the timings, the attempt being run, failures and flakes.
type schedule struct {
	book    *timingsBook
	catalog *catalog
	attempt atomic.Int32
	saved   sync.Once
	loaded  bool // the timings file was read
	// interrupted is the suite's Ctrl-C flag: a scenario that ends after it was
	// cut short (its browser closed under it), so its time is not its own.
	interrupted *atomic.Bool

	mu       sync.Mutex
	results  map[*unit]*unitResult
	order    []*unit // units with a result, in the order first seen
	progress *progress
}

type unitResult struct {
	started, finished int           // scenarios (examples) of the unit, this attempt
	elapsed           time.Duration // summed over its examples, first attempt only
	firstComplete     bool          // every example started in attempt 1 also finished
	failedNow         bool          // failed in the current attempt
	retryable         bool          // failed in a way another attempt could change
	failures          []attemptFailure
	passedOnRetry     bool
}

// attemptFailure is one failed run of a scenario.
type attemptFailure struct {
	Attempt  int    // 1 for the first run, 2 for the first retry, ...
	Scenario string // the scenario's name (an outline's example names itself)
	Err      string // the attempt's error message
}

// flake is a scenario that failed, then passed when it was run again.
type flake struct {
	URI      string           // file:LINE of the scenario
	Name     string           // the scenario's name
	Failures []attemptFailure // its failed attempts, first first
}

func newSchedule() *schedule {
	return &schedule{book: newTimingsBook(map[string]timingsEntry{}), catalog: newCatalog(nil), results: map[*unit]*unitResult{}, interrupted: &atomic.Bool{}}
}

// beginAttempt starts attempt n of total scenarios, predicted to take predicted in all.
func (sc *schedule) beginAttempt(n, total int, predicted time.Duration) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.attempt.Store(int32(n))
	if sc.progress != nil {
		sc.progress.begin(n, total, predicted)
	}
}

// rerun forgets what the last attempt of units did, before they run again.
func (sc *schedule) rerun(units []*unit) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for _, u := range units {
		r := sc.result(u)
		r.started, r.finished, r.failedNow = 0, 0, false
	}
}

// anyFailing says whether a scenario failed on its last attempt.
func (sc *schedule) anyFailing() bool {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for _, r := range sc.results {
		if r.failedNow {
			return true
		}
	}
	return false
}

func (sc *schedule) result(u *unit) *unitResult {
	r := sc.results[u]
	if r == nil {
		r = &unitResult{}
		sc.results[u] = r
		sc.order = append(sc.order, u)
	}
	return r
}

func (sc *schedule) started(gs *godog.Scenario) {
	u, err := sc.catalog.find(gs)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.progress != nil {
		sc.progress.started()
	}
	if err != nil {
		return // not a file we can read back; it is simply not timed
	}
	sc.result(u).started++
}

// finished records a scenario's end; err is godog's error for it (nil: passed).
func (sc *schedule) finished(gs *godog.Scenario, elapsed time.Duration, err error) {
	failed := err != nil && !errors.Is(err, godog.ErrSkip)
	u, findErr := sc.catalog.find(gs)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if findErr != nil {
		if sc.progress != nil {
			sc.progress.finished(failed, 0)
		}
		return
	}
	if sc.progress != nil {
		sc.progress.finished(failed, u.predicted/time.Duration(max(u.pickles, 1)))
	}
	r := sc.result(u)
	r.finished++
	attempt := int(sc.attempt.Load())
	if attempt <= 1 {
		r.elapsed += elapsed
		r.firstComplete = r.finished == r.started && !sc.interrupted.Load()
	}
	if failed {
		r.failedNow = true
		// An undefined or pending step fails the same way every time.
		r.retryable = !errors.Is(err, godog.ErrUndefined) && !errors.Is(err, godog.ErrPending)
		r.failures = append(r.failures, attemptFailure{Attempt: max(attempt, 1), Scenario: gs.Name, Err: err.Error()})
	}
}

// endAttempt closes the current attempt: a unit that passed now after failing
// before is flaky. It returns the units to run again.
func (sc *schedule) endAttempt() (again []*unit) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	attempt := int(sc.attempt.Load())
	for _, u := range sc.order {
		r := sc.results[u]
		switch {
		case r.started == 0:
		case r.failedNow && r.retryable:
			again = append(again, u)
		case !r.failedNow && len(r.failures) > 0 && attempt > 1:
			r.passedOnRetry = true
		}
	}
	if sc.progress != nil {
		sc.progress.setFlaky(len(sc.flakesLocked()))
	}
	return again
}

func (sc *schedule) flakesLocked() []flake {
	var out []flake
	for _, u := range sc.order {
		if r := sc.results[u]; r.passedOnRetry {
			out = append(out, flake{URI: u.path(), Name: u.title, Failures: slices.Clone(r.failures)})
		}
	}
	return out
}

// saveTimings merges the first attempt's complete scenarios into the timings
// file, once (the end of the run and Ctrl-C may both ask).
func (sc *schedule) saveTimings(path string) (warning string, err error) {
	sc.saved.Do(func() {
		sc.mu.Lock()
		for _, u := range sc.order {
			if r := sc.results[u]; r.firstComplete && r.elapsed > 0 {
				sc.book.record(u, r.elapsed)
			}
		}
		sc.mu.Unlock()
		warning, err = sc.book.save(path)
	})
	return warning, err
}

// currentAttempt is the attempt being run: 1 for the first run of every scenario,
// 2 and more for the runs of failed scenarios again (ROMAINE_RETRIES). The same
// scenario (file:LINE) seen again in one Romaine run is the next attempt.
func (s *Suite) currentAttempt() int { return max(int(s.sched.attempt.Load()), 1) }

// flaky lists the scenarios that failed and then passed on a retry, each with
// its failed attempts' errors, in the order they first ran.
func (s *Suite) flaky() []flake {
	s.sched.mu.Lock()
	defer s.sched.mu.Unlock()
	return s.sched.flakesLocked()
}

// printFlaky lists the flaky scenarios at the end of the run.
func (s *Suite) printFlaky(flakes []flake) {
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

// loadTimings reads the timings file, unless the godog command's
// arrangement already did; a bad file is a warning, never fatal.
func (s *Suite) loadTimings() {
	if !s.sched.loaded {
		s.loadTimingsFrom(s.cfg.Timings)
	}
}

func (s *Suite) loadTimingsFrom(path string) {
	known, warning := loadTimings(path)
	if warning != "" {
		fmt.Fprintln(s.errOut, warning)
	}
	s.sched.book = newTimingsBook(known)
	s.sched.loaded = true
}

// saveTimings merges this run's durations into the timings file.
func (s *Suite) saveTimings() {
	warning, err := s.sched.saveTimings(s.cfg.Timings)
	if warning != "" {
		fmt.Fprintln(s.errOut, warning)
	}
	if err != nil {
		fmt.Fprintf(s.errOut, "romaine: warning: could not save the timings to %s: %v\n", s.cfg.Timings, err)
	}
}

// commandLimits prints, under the godog command, how the run was ordered and
// what it cannot do: the command runs godog once, so there are no retries.
func (s *Suite) commandLimits() {
	for _, n := range s.commandNotes {
		fmt.Fprintln(s.out, n)
	}
	var ignored []string
	if len(s.commandNotes) == 0 { // not godog run's own runner: nothing was arranged
		if o, _ := parseOrder(s.cfg.Order); o.kind != "longest" {
			ignored = append(ignored, "ROMAINE_ORDER")
		}
		if s.cfg.Shard != "" {
			ignored = append(ignored, "ROMAINE_SHARD")
		}
	}
	if s.cfg.Retries > 0 {
		ignored = append(ignored, "ROMAINE_RETRIES")
	}
	if len(ignored) > 0 {
		fmt.Fprintf(s.out, "romaine: warning: %s not applied: godog runs this binary's paths once; go test (Suite.Run) applies them\n", strings.Join(ignored, ", "))
	}
}
