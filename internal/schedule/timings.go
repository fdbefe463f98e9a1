package schedule

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
//
// A sharded run never writes the file it was partitioned by (the next shard,
// started later from the same file, must compute the same partition): it
// writes its own measurements to ShardPath, and Merge joins the shards' files
// into the timings file once they have all run.

// timingsVersion marks the files this code writes; any other file is foreign.
const timingsVersion = 1

// maxSeconds is the longest duration an entry may hold: no scenario takes a
// day, and a larger figure (a hand-edited or corrupt file) would overflow the
// predictions, which are time.Durations.
const maxSeconds = 24 * 60 * 60

type timingsFile struct {
	Romaine int `json:"romaine_timings"`
	// Shard is set ("K/N") in the measurements a sharded run writes.
	Shard     string           `json:"shard,omitempty"`
	Scenarios map[string]entry `json:"scenarios"`
}

type entry struct {
	Seconds float64 `json:"seconds"`
	Steps   string  `json:"steps"`
	Runs    int     `json:"runs"`
	// From is, in a shard's measurements, the key of a moved or renamed
	// scenario's old entry, which the merge moves to the new key.
	From string `json:"from,omitempty"`
}

// loadTimings reads the file at path. A missing file is no timings; a file
// that cannot be read or is not a Romaine timings file is a warning (the
// last result) and no timings, never an error that stops the run. Entries
// with impossible durations are dropped, with a warning.
func loadTimings(path string) (f timingsFile, warning string) {
	f = timingsFile{Romaine: timingsVersion, Scenarios: map[string]entry{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return f, ""
	}
	if err != nil {
		return f, fmt.Sprintf("romaine: warning: cannot read the timings file (%v); running without timings", err)
	}
	var read timingsFile
	if err := json.Unmarshal(data, &read); err != nil || read.Romaine != timingsVersion || read.Scenarios == nil {
		why := "it is not a Romaine timings file"
		if err != nil {
			why = "it is not valid JSON: " + err.Error()
		}
		return f, fmt.Sprintf("romaine: warning: ignoring the timings file %s (%s); it will be rewritten at the end of the run", path, why)
	}
	var bad []string
	for k, e := range read.Scenarios {
		if e.Seconds < 0 || e.Seconds > maxSeconds || math.IsNaN(e.Seconds) || e.Runs < 0 {
			delete(read.Scenarios, k)
			bad = append(bad, fmt.Sprintf("%q: %gs", k, e.Seconds))
		}
	}
	if len(bad) > 0 {
		slices.Sort(bad)
		warning = fmt.Sprintf("romaine: warning: the timings file %s gives %d scenario(s) a duration below 0 or above a day (%s); they count as not timed, and the file drops them when next written",
			path, len(bad), strings.Join(bad[:min(len(bad), 3)], ", "))
	}
	return read, warning
}

// saveTimings writes f to path atomically: a temporary file in the same
// folder, then a rename, so a reader (or a run killed mid-write) never sees
// half a file. The file keeps the permissions it had (0644 when new): CI
// caches share it between users.
func saveTimings(path string, f timingsFile) error {
	f.Romaine = timingsVersion
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
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
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// mergeRuns merges runs (one run's measurements) into entries: a scenario's new
// time is the mean of its remembered time and this run's, which damps one slow
// run; a moved or renamed scenario's old entry moves to its new key.
func mergeRuns(entries, runs map[string]entry) {
	for key, run := range runs {
		old, ok := entries[key]
		if run.From != "" && !ok {
			old, ok = entries[run.From]
			delete(entries, run.From)
		}
		if ok && old.Runs > 0 {
			run.Seconds = (old.Seconds + run.Seconds) / 2
			run.Runs = old.Runs + 1
		}
		run.From = ""
		entries[key] = run
	}
}

// prune drops the entries of scenarios that no longer exist: whose feature
// file is gone, or has no scenario of that title. A file that does not parse
// keeps its entries (a typo should not cost its timings). Without this a
// timings file only ever grows. When not one of the files the entries name is
// found, the folder is the wrong one (a merge run away from the repository):
// nothing is dropped, and the warning says so.
func prune(entries map[string]entry) (dropped int, warning string) {
	titles := map[string]map[string]bool{} // feature file -> its titles; nil when unreadable
	found := false
	var gone []string
	for key := range entries {
		file, title, ok := strings.Cut(key, ".feature: ")
		file += ".feature"
		known, seen := titles[file]
		if ok && !seen {
			known = map[string]bool{} // a file that is gone has no titles
			if _, err := os.Stat(file); err == nil {
				found = true
				if units, err := Discover([]string{file}, ""); err != nil {
					known = nil // keep what cannot be checked
				} else {
					for _, u := range units {
						known[u.Title] = true
					}
				}
			}
			titles[file] = known
		}
		if !ok || (known != nil && !known[title]) {
			gone = append(gone, key)
		}
	}
	if !found && len(titles) > 0 && len(gone) == len(entries) {
		return 0, fmt.Sprintf("romaine: warning: none of the %d feature files the timings name is here (%s, ...): run this at the repository's root; no entry was dropped", len(titles), slices.Min(slices.Collect(maps.Keys(titles))))
	}
	for _, key := range gone {
		delete(entries, key)
	}
	return len(gone), ""
}

// ShardPath is where shard k of n writes its measurements: beside the timings
// file it was partitioned by, .romaine/timings.json giving
// .romaine/timings.shard-2-of-4.json.
func ShardPath(timings string, k, n int) string {
	ext := filepath.Ext(timings)
	return fmt.Sprintf("%s.shard-%d-of-%d%s", strings.TrimSuffix(timings, ext), k, n, ext)
}

// ShardFiles are the shards' measurements beside the timings file, as ShardPath names them.
func ShardFiles(timings string) ([]string, error) {
	ext := filepath.Ext(timings)
	return filepath.Glob(globEscape(strings.TrimSuffix(timings, ext)) + ".shard-*-of-*" + globEscape(ext))
}

func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`).Replace(s)
}

// Book is the remembered timings (read at the start) and this run's
// measurements, merged into the file at the end.
type Book struct {
	mu      sync.Mutex
	known   map[string]entry
	renamed map[string]string // current key -> the old key its time came from
	runs    map[string]entry
}

// LoadBook reads the timings file at path; a bad file is a warning and no timings.
func LoadBook(path string) (*Book, string) {
	f, warning := loadTimings(path)
	return newBook(f.Scenarios), warning
}

func newBook(known map[string]entry) *Book {
	if known == nil {
		known = map[string]entry{}
	}
	return &Book{known: known, renamed: map[string]string{}, runs: map[string]entry{}}
}

// Predict sets each unit's remembered duration, and says how many were
// known; units without one get the median of those with one.
func (b *Book) Predict(units []*Unit) (known int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	current := map[string]bool{}
	for _, u := range units {
		current[u.Key] = true
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
		e, ok := b.known[u.Key]
		if !ok {
			old := byName[u.Title]
			if len(old) != 1 {
				old = bySteps[u.Steps]
			}
			if len(old) == 1 {
				e, ok = b.known[old[0]], true
				b.renamed[u.Key] = old[0]
			}
		}
		u.Predicted, u.Timed = seconds(e.Seconds), ok
		if ok {
			known++
			secs = append(secs, e.Seconds)
		}
	}
	if len(secs) == 0 {
		return 0
	}
	slices.Sort(secs)
	median := seconds(secs[len(secs)/2])
	for _, u := range units {
		if !u.Timed {
			u.Predicted = median
		}
	}
	return known
}

// seconds is s seconds as a Duration; loadTimings keeps s within a day.
func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// Record keeps a unit's measured duration from this run.
func (b *Book) Record(u *Unit, d time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.runs[u.Key] = entry{Seconds: d.Seconds(), Steps: u.Steps, Runs: 1, From: b.renamed[u.Key]}
}

func (b *Book) measured() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.runs)
}

// Save merges this run's measurements into the file at path as it is now,
// drops the entries of scenarios that no longer exist, and writes it.
func (b *Book) Save(path string) (warning string, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.runs) == 0 {
		return "", nil
	}
	f, warning := loadTimings(path)
	mergeRuns(f.Scenarios, b.runs)
	if _, w := prune(f.Scenarios); w != "" {
		warning = strings.TrimSpace(warning + "\n" + w)
	}
	f.Shard = ""
	return warning, saveTimings(path, f)
}

// SaveShard writes this run's measurements alone to path, marked as shard's
// ("K/N"), for Merge.
func (b *Book) SaveShard(path, shard string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return saveTimings(path, timingsFile{Shard: shard, Scenarios: b.runs})
}

// Merged is what Merge did.
type Merged struct {
	Scenarios int      // scenarios measured by the shards
	Shards    []string // the shards merged, as K/N
	Dropped   int      // entries of scenarios that no longer exist, dropped
	Warnings  []string // shards missing, given twice, or measuring one scenario twice
}

// Merge joins the measurements of shards (the files sharded runs wrote, see
// ShardPath) into the timings file into, as one unsharded run's end would
// have: the mean with the remembered time, the moved and renamed entries
// followed, the entries of scenarios that no longer exist dropped. A file that
// is not a shard's measurements is an error naming it; into is not written then.
func Merge(into string, shards []string) (Merged, error) {
	var m Merged
	if len(shards) == 0 {
		return m, fmt.Errorf("no shard timings to merge: name the files the shards wrote (%s)", ShardPath(into, 1, 2))
	}
	base, warning := loadTimings(into)
	if warning != "" {
		m.Warnings = append(m.Warnings, warning)
	}
	runs := map[string]entry{}
	measuredBy := map[string]string{}
	totals := map[int]bool{}
	seen := map[string]string{}
	for _, path := range shards {
		if _, err := os.Stat(path); err != nil {
			return m, err
		}
		f, warning := loadTimings(path)
		if warning != "" && len(f.Scenarios) == 0 {
			return m, fmt.Errorf("%s is not a shard's timings: %s", path, strings.TrimPrefix(warning, "romaine: warning: "))
		}
		k, n, err := ParseShard(f.Shard)
		if f.Shard == "" || err != nil {
			return m, fmt.Errorf("%s is not a shard's timings (it names no shard K/N): merge the files that runs with ROMAINE_SHARD wrote, such as %s", path, ShardPath(into, 1, 2))
		}
		shard := fmt.Sprintf("%d/%d", k, n)
		if other, twice := seen[shard]; twice {
			m.Warnings = append(m.Warnings, fmt.Sprintf("shard %s is given twice (%s and %s)", shard, other, path))
		}
		seen[shard] = path
		totals[n] = true
		m.Shards = append(m.Shards, shard)
		for key, e := range f.Scenarios {
			if other, dup := measuredBy[key]; dup {
				m.Warnings = append(m.Warnings, fmt.Sprintf("%q was measured by two shards (%s and %s): were they partitioned by different timings files?", key, other, path))
				e.Seconds = (e.Seconds + runs[key].Seconds) / 2
			}
			measuredBy[key] = path
			runs[key] = e
		}
	}
	if len(totals) > 1 {
		m.Warnings = append(m.Warnings, fmt.Sprintf("the shards come from runs split into different numbers of shards (%s)", strings.Join(m.Shards, ", ")))
	} else {
		for n := range totals {
			for k := 1; k <= n; k++ {
				if _, ok := seen[fmt.Sprintf("%d/%d", k, n)]; !ok {
					m.Warnings = append(m.Warnings, fmt.Sprintf("shard %d/%d is missing: the scenarios it ran keep their old times", k, n))
				}
			}
		}
	}
	mergeRuns(base.Scenarios, runs)
	dropped, warning := prune(base.Scenarios)
	if warning != "" {
		m.Warnings = append(m.Warnings, strings.TrimPrefix(warning, "romaine: warning: "))
	}
	m.Dropped = dropped
	m.Scenarios = len(runs)
	base.Shard = ""
	return m, saveTimings(into, base)
}
