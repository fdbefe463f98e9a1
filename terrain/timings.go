package terrain

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// The timings file remembers how long each scenario took, so the next run
// starts the longest first and shards balance by duration.
//
// A scenario's key is its feature file and its title ("features/cart.feature:
// Adding to the cart"), not its line: a line key would hand a scenario's time
// to whichever scenario moved onto that line when another was added above it.
// Each entry also keeps a hash of the scenario's steps. When a key is not
// found, the entry of a scenario that no longer exists is taken if it has the
// same title (the scenario moved to another file) or the same steps (it was
// renamed), and only when exactly one such entry exists; the entry is then
// saved under its new key. Otherwise the scenario gets the median.

// timingsVersion marks the files this code writes; any other file is foreign.
const timingsVersion = 1

type timingsFile struct {
	Romaine   int                     `json:"romaine_timings"`
	Scenarios map[string]timingsEntry `json:"scenarios"`
}

type timingsEntry struct {
	Seconds float64 `json:"seconds"`
	Steps   string  `json:"steps"`
	Runs    int     `json:"runs"`
}

// loadTimings reads the file at path. A missing file is no timings; a file
// that cannot be read or is not a Romaine timings file is a warning (the
// second result) and no timings, never an error that stops the run.
func loadTimings(path string) (map[string]timingsEntry, string) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]timingsEntry{}, ""
	}
	if err != nil {
		return map[string]timingsEntry{}, fmt.Sprintf("romaine: warning: cannot read the timings file (%v); running without timings", err)
	}
	var f timingsFile
	if err := json.Unmarshal(data, &f); err != nil || f.Romaine != timingsVersion || f.Scenarios == nil {
		why := "it is not a Romaine timings file"
		if err != nil {
			why = "it is not valid JSON: " + err.Error()
		}
		return map[string]timingsEntry{}, fmt.Sprintf("romaine: warning: ignoring the timings file %s (%s); it will be rewritten at the end of the run", path, why)
	}
	for k, e := range f.Scenarios {
		if e.Seconds < 0 || e.Seconds != e.Seconds {
			delete(f.Scenarios, k)
		}
	}
	return f.Scenarios, ""
}

// saveTimings writes entries to path atomically: a temporary file in the same
// folder, then a rename, so a reader (or a run killed mid-write) never sees half a file.
func saveTimings(path string, entries map[string]timingsEntry) error {
	data, err := json.MarshalIndent(timingsFile{Romaine: timingsVersion, Scenarios: entries}, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".timings-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// timingsBook is the remembered timings (read at the start) and this run's
// measurements, merged into the file at the end.
type timingsBook struct {
	mu      sync.Mutex
	known   map[string]timingsEntry
	renamed map[string]string // current key -> the old key its time came from
	runs    map[string]timingsEntry
}

func newTimingsBook(known map[string]timingsEntry) *timingsBook {
	return &timingsBook{known: known, renamed: map[string]string{}, runs: map[string]timingsEntry{}}
}

// predict returns the remembered duration of each unit, and whether it was
// known; units without one get the median of those with one.
func (b *timingsBook) predict(units []*unit) (known int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	current := map[string]bool{}
	for _, u := range units {
		current[u.key] = true
	}
	// Entries no current scenario owns: candidates for a moved or renamed one.
	byName, bySteps := map[string][]string{}, map[string][]string{}
	for k, e := range b.known {
		if !current[k] {
			byName[keyTitle(k)] = append(byName[keyTitle(k)], k)
			bySteps[e.Steps] = append(bySteps[e.Steps], k)
		}
	}
	var secs []float64
	for _, u := range units {
		e, ok := b.known[u.key]
		if !ok {
			old := byName[u.title]
			if len(old) != 1 {
				old = bySteps[u.steps]
			}
			if len(old) == 1 {
				e, ok = b.known[old[0]], true
				b.renamed[u.key] = old[0]
			}
		}
		u.predicted, u.timed = time.Duration(e.Seconds*float64(time.Second)), ok
		if ok {
			known++
			secs = append(secs, e.Seconds)
		}
	}
	if len(secs) == 0 {
		return 0
	}
	slices.Sort(secs)
	median := time.Duration(secs[len(secs)/2] * float64(time.Second))
	for _, u := range units {
		if !u.timed {
			u.predicted = median
		}
	}
	return known
}

// record keeps a unit's measured duration from this run.
func (b *timingsBook) record(u *unit, d time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.runs[u.key] = timingsEntry{Seconds: d.Seconds(), Steps: u.steps, Runs: 1}
}

// save merges this run's measurements into the file at path as it is now
// (another shard may have written it meanwhile): a scenario's new time is the
// mean of its remembered time and this run's, which damps one slow run.
func (b *timingsBook) save(path string) (warning string, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.runs) == 0 {
		return "", nil
	}
	entries, warning := loadTimings(path)
	for key, run := range b.runs {
		old, ok := entries[key]
		if from, moved := b.renamed[key]; moved && !ok {
			old, ok = entries[from]
			delete(entries, from)
		}
		if ok && old.Runs > 0 {
			run.Seconds = (old.Seconds + run.Seconds) / 2
			run.Runs = old.Runs + 1
		}
		entries[key] = run
	}
	return warning, saveTimings(path, entries)
}
