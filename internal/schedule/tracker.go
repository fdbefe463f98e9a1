package schedule

import (
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
)

// Tracker is what one Romaine run planned and what became of each scenario:
// the timings, the attempt being run, failures and flakes. It is safe for
// concurrent scenarios.
type Tracker struct {
	book    *Book
	catalog *Catalog
	attempt atomic.Int32
	saved   sync.Once
	loaded  bool // the timings file was read
	// interrupted is the run's Ctrl-C flag: a scenario that ends after it was
	// cut short (its browser closed under it), so its time is not its own.
	interrupted *atomic.Bool

	mu      sync.Mutex
	results map[*Unit]*result
	order   []*Unit // units with a result, in the order first seen
}

type result struct {
	started, finished int           // scenarios (examples) of the unit, this attempt
	elapsed           time.Duration // summed over its examples, first attempt only
	firstComplete     bool          // every example started in attempt 1 also finished
	failedNow         bool          // failed in the current attempt
	retryable         bool          // failed in a way another attempt could change
	failures          []AttemptFailure
	passedOnRetry     bool
}

// AttemptFailure is one failed run of a scenario.
type AttemptFailure struct {
	Attempt  int    // 1 for the first run, 2 for the first retry, ...
	Scenario string // the scenario's name (an outline's example names itself)
	Err      string // the attempt's error message
}

// Flake is a scenario that failed, then passed when it was run again.
type Flake struct {
	URI      string           // file:LINE of the scenario
	Name     string           // the scenario's name
	Failures []AttemptFailure // its failed attempts, first first
}

// NewTracker starts the record of a run; interrupted is the run's Ctrl-C flag.
func NewTracker(interrupted *atomic.Bool) *Tracker {
	return &Tracker{book: newBook(nil), catalog: NewCatalog(nil), results: map[*Unit]*result{}, interrupted: interrupted}
}

// LoadTimings reads the timings file at path, once: a later call does
// nothing. A bad file is a warning, never fatal.
func (t *Tracker) LoadTimings(path string) (warning string) {
	if t.loaded {
		return ""
	}
	t.book, warning = LoadBook(path)
	t.loaded = true
	return warning
}

// BeginAttempt starts attempt n (1 for the first run of every scenario).
func (t *Tracker) BeginAttempt(n int) { t.attempt.Store(int32(n)) }

// Attempt is the attempt being run: 1 for the first run of every scenario, 2
// and more for the runs of failed scenarios again.
func (t *Tracker) Attempt() int { return max(int(t.attempt.Load()), 1) }

// Rerun forgets what the last attempt of units did, before they run again.
func (t *Tracker) Rerun(units []*Unit) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, u := range units {
		r := t.result(u)
		r.started, r.finished, r.failedNow = 0, 0, false
	}
}

// AnyFailing says whether a scenario failed on its last attempt.
func (t *Tracker) AnyFailing() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, r := range t.results {
		if r.failedNow {
			return true
		}
	}
	return false
}

func (t *Tracker) result(u *Unit) *result {
	r := t.results[u]
	if r == nil {
		r = &result{}
		t.results[u] = r
		t.order = append(t.order, u)
	}
	return r
}

// Started records that godog began scenario p.
func (t *Tracker) Started(p *messages.Pickle) {
	u, err := t.catalog.Find(p)
	if err != nil {
		return // not a file we can read back; it is simply not timed
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.result(u).started++
}

// Finished records scenario p's end; err is godog's error for it (nil:
// passed). It returns the scenario's share of the predicted time, for the
// progress line.
func (t *Tracker) Finished(p *messages.Pickle, elapsed time.Duration, err error) (share time.Duration) {
	failed := err != nil && !errors.Is(err, godog.ErrSkip)
	u, findErr := t.catalog.Find(p)
	if findErr != nil {
		return 0
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.result(u)
	r.finished++
	attempt := t.Attempt()
	if attempt == 1 {
		r.elapsed += elapsed
		r.firstComplete = r.finished == r.started && !t.interrupted.Load()
	}
	if failed {
		r.failedNow = true
		// An undefined or pending step fails the same way every time.
		r.retryable = !errors.Is(err, godog.ErrUndefined) && !errors.Is(err, godog.ErrPending)
		r.failures = append(r.failures, AttemptFailure{Attempt: attempt, Scenario: p.Name, Err: err.Error()})
	}
	return u.Predicted / time.Duration(max(u.Pickles, 1))
}

// EndAttempt closes the current attempt: a unit that passed now after failing
// before is flaky. It returns the units to run again.
func (t *Tracker) EndAttempt() (again []*Unit) {
	t.mu.Lock()
	defer t.mu.Unlock()
	attempt := t.Attempt()
	for _, u := range t.order {
		r := t.results[u]
		switch {
		case r.started == 0:
		case r.failedNow && r.retryable:
			again = append(again, u)
		case !r.failedNow && len(r.failures) > 0 && attempt > 1:
			r.passedOnRetry = true
		}
	}
	return again
}

// Flakes lists the scenarios that failed and then passed on a retry, each with
// its failed attempts' errors, in the order they first ran.
func (t *Tracker) Flakes() []Flake {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []Flake
	for _, u := range t.order {
		if r := t.results[u]; r.passedOnRetry {
			out = append(out, Flake{URI: u.Path(), Name: u.Title, Failures: slices.Clone(r.failures)})
		}
	}
	return out
}

// SaveTimings saves the first attempt's complete scenarios, once (the end of
// the run and Ctrl-C may both ask): an unsharded run merges them into the
// timings file at path; shard K/N writes them alone to ShardPath, leaving the
// file it was partitioned by as it was, so the next shard computes the same
// partition. It returns the file written ("" for none).
func (t *Tracker) SaveTimings(path, shard string) (written, warning string, err error) {
	t.saved.Do(func() {
		t.mu.Lock()
		for _, u := range t.order {
			if r := t.results[u]; r.firstComplete && r.elapsed > 0 {
				t.book.Record(u, r.elapsed)
			}
		}
		t.mu.Unlock()
		k, n, _ := ParseShard(shard)
		switch {
		case n > 0:
			written = ShardPath(path, k, n)
			err = t.book.SaveShard(written, fmtShard(k, n))
		default:
			if warning, err = t.book.Save(path); err == nil && t.book.measured() > 0 {
				written = path
			}
		}
	})
	return written, warning, err
}
