package schedule

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
)

func TestTimingsMergeAndSurviveABadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "timings.json")
	us := units(t, []string{"testdata/schedule/drinks.feature"}, "")

	book := newBook(nil)
	book.Record(us[0], 2*time.Second)
	book.Record(us[1], 4*time.Second)
	if w, err := book.Save(path); err != nil || w != "" {
		t.Fatalf("save: %v %q", err, w)
	}
	// A second run measures one scenario again and a new one.
	book = newBook(nil)
	book.Record(us[0], 4*time.Second)
	book.Record(us[2], 1*time.Second)
	if _, err := book.Save(path); err != nil {
		t.Fatal(err)
	}
	known, warning := loadTimings(path)
	if warning != "" {
		t.Fatal(warning)
	}
	for u, want := range map[*Unit]float64{us[0]: 3, us[1]: 4, us[2]: 1} {
		if got := known.Scenarios[u.Key].Seconds; got != want {
			t.Errorf("%s: %.1fs after merging, want %.1fs", u.Key, got, want)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "sub", ".timings-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	for name, content := range map[string]string{
		"corrupt": `{"romaine_timings": 1, "scenarios": {`,
		"foreign": `{"name": "some other tool", "scenarios": []}`,
		"empty":   ``,
	} {
		bad := filepath.Join(dir, name+".json")
		if err := os.WriteFile(bad, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		known, warning := loadTimings(bad)
		if len(known.Scenarios) != 0 || !strings.Contains(warning, "ignoring the timings file "+bad) {
			t.Errorf("%s file: %d entries, warning %q; want none and a warning naming the file", name, len(known.Scenarios), warning)
		}
		// The run goes on and rewrites it as a valid file.
		book := newBook(known.Scenarios)
		book.Record(us[0], time.Second)
		if _, err := book.Save(bad); err != nil {
			t.Fatalf("%s file: %v", name, err)
		}
		if known, warning := loadTimings(bad); warning != "" || known.Scenarios[us[0].Key].Seconds != 1 {
			t.Errorf("%s file not rewritten: %v %q", name, known, warning)
		}
	}
	// A folder where the file should be cannot be read: a warning, not a stop.
	if _, warning := loadTimings(dir); !strings.Contains(warning, "cannot read the timings file") {
		t.Errorf("unreadable file: warning %q", warning)
	}
}

// features writes feature files into a folder of the test's own and returns
// the folder; the timings keys of their scenarios are "DIR/NAME: TITLE".
func features(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.ToSlash(t.TempDir())
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestTimingsFollowAMovedOrRenamedScenario(t *testing.T) {
	dir := features(t, map[string]string{
		"a.feature": "Feature: A\n  Scenario: Listing all\n    Given x\n  Scenario: Refunding\n    Given y\n  Scenario: Sorting\n    Given z\n",
		"b.feature": "Feature: B\n  Scenario: Paying\n    Given w\n",
	})
	a, b := dir+"/a.feature: ", dir+"/b.feature: "
	mk := func(key, title, steps string) *Unit {
		return &Unit{File: keyFile(key), Title: title, Key: key + title, Steps: steps, Pickles: 1}
	}
	known := map[string]entry{
		a + "Paying":  {Seconds: 9, Steps: "s-pay", Runs: 1},
		a + "Listing": {Seconds: 1, Steps: "s-list", Runs: 1},
		a + "Sorting": {Seconds: 3, Steps: "s-sort", Runs: 1},
	}
	moved := mk(b, "Paying", "s-pay-edited")  // same title, other file
	renamed := mk(a, "Listing all", "s-list") // same steps, new title
	fresh := mk(a, "Refunding", "s-new")      // nothing like it: the median
	stays := mk(a, "Sorting", "s-sort")
	book := newBook(known)
	if n := book.Predict([]*Unit{moved, renamed, fresh, stays}); n != 3 {
		t.Errorf("%d scenarios recognised, want 3", n)
	}
	for u, want := range map[*Unit]time.Duration{moved: 9 * time.Second, renamed: time.Second, stays: 3 * time.Second, fresh: 3 * time.Second} {
		if u.Predicted != want {
			t.Errorf("%s predicted %s, want %s", u.Key, u.Predicted, want)
		}
	}
	if fresh.Timed {
		t.Error("a new scenario counts as timed")
	}
	// Saving moves the entry to the new key rather than keeping a stale twin.
	path := filepath.Join(t.TempDir(), "t.json")
	if err := saveTimings(path, timingsFile{Scenarios: known}); err != nil {
		t.Fatal(err)
	}
	book.Record(moved, 7*time.Second)
	book.Record(renamed, 3*time.Second)
	if _, err := book.Save(path); err != nil {
		t.Fatal(err)
	}
	after, _ := loadTimings(path)
	want := map[string]float64{b + "Paying": 8, a + "Listing all": 2, a + "Sorting": 3}
	if len(after.Scenarios) != len(want) {
		t.Errorf("after the move and the rename: %v, want %v", after.Scenarios, want)
	}
	for k, s := range want {
		if after.Scenarios[k].Seconds != s {
			t.Errorf("%s: %gs, want %gs (file: %v)", k, after.Scenarios[k].Seconds, s, after.Scenarios)
		}
	}
}

func keyFile(key string) string {
	file, _, _ := strings.Cut(key, ".feature: ")
	return file + ".feature"
}

// The file is shared (a CI cache, a team's checkout): it keeps the mode it had,
// and a new one is 0644. It was rewritten 0600 (os.CreateTemp's) before.
func TestTimingsFileKeepsItsMode(t *testing.T) {
	us := units(t, []string{"testdata/schedule/drinks.feature"}, "")
	dir := t.TempDir()
	for _, tc := range []struct {
		reason string
		before os.FileMode // 0: no file yet
		want   os.FileMode
	}{
		{"a new file is readable by all", 0, 0o644},
		{"a shared file stays group-writable", 0o664, 0o664},
	} {
		path := filepath.Join(dir, fmt.Sprintf("timings-%o.json", tc.before))
		if tc.before != 0 {
			if err := saveTimings(path, timingsFile{Scenarios: map[string]entry{}}); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, tc.before); err != nil {
				t.Fatal(err)
			}
		}
		book := newBook(nil)
		book.Record(us[0], time.Second)
		if _, err := book.Save(path); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != tc.want {
			t.Errorf("%s: mode %v (%v), want %v", tc.reason, fi.Mode().Perm(), err, tc.want)
		}
		shard := ShardPath(path, 1, 2)
		if err := book.SaveShard(shard, "1/2"); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(shard); err != nil || fi.Mode().Perm() != 0o644 {
			t.Errorf("a shard's file: mode %v (%v), want 0644", fi.Mode().Perm(), err)
		}
	}
}

// Entries of scenarios that no longer exist were kept forever: a file of 50 MB
// of them stayed that big after every run. Now a save keeps only the entries
// of scenarios that exist (in any feature file, not only this run's).
func TestTimingsDropScenariosThatNoLongerExist(t *testing.T) {
	dir := features(t, map[string]string{
		"kept.feature":   "Feature: K\n  Scenario: Still here\n    Given x\n  Scenario: Not run today\n    Given y\n",
		"broken.feature": "Feature: B\n  Scenario: Fine\n    Given x\n  Oops: this does not parse\n",
	})
	kept := units(t, []string{dir + "/kept.feature"}, "")
	entries := map[string]entry{
		dir + "/kept.feature: Not run today": {Seconds: 2, Runs: 3}, // exists, not run this time: kept
		dir + "/kept.feature: Deleted":       {Seconds: 2, Runs: 3}, // its file exists, the scenario does not
		dir + "/broken.feature: Fine":        {Seconds: 1, Runs: 1}, // a file that does not parse keeps its entries
		"some other tool's data":             {Seconds: 1, Runs: 1},
	}
	for i := range 20000 {
		entries[fmt.Sprintf("%s/gone-%d.feature: Scenario %d", dir, i%50, i)] = entry{Seconds: 1, Steps: strings.Repeat("x", 40), Runs: 1}
	}
	path := filepath.Join(t.TempDir(), "timings.json")
	if err := saveTimings(path, timingsFile{Scenarios: entries}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	book, warning := LoadBook(path)
	if warning != "" {
		t.Fatal(warning)
	}
	book.Predict(kept[:1])
	book.Record(kept[0], time.Second)
	if _, err := book.Save(path); err != nil {
		t.Fatal(err)
	}
	after, _ := loadTimings(path)
	got := slices.Sorted(func(yield func(string) bool) {
		for k := range after.Scenarios {
			if !yield(strings.TrimPrefix(k, dir+"/")) {
				return
			}
		}
	})
	want := []string{"broken.feature: Fine", "kept.feature: Not run today", "kept.feature: Still here"}
	if !slices.Equal(got, want) {
		t.Errorf("%d entries after a run (the first: %q), want %q", len(got), got[:min(len(got), 5)], want)
	}
	if fi, _ := os.Stat(path); fi.Size() > before.Size()/100 {
		t.Errorf("the file went from %d to %d bytes", before.Size(), fi.Size())
	}
}

// A duration no scenario can take overflowed the prediction
// ("predicted -2562047h47m16s"): it is now ignored with a warning, and sums of
// many long scenarios stop at the largest duration instead of wrapping.
func TestAbsurdDurationsDoNotOverflowThePrediction(t *testing.T) {
	us := units(t, []string{"testdata/schedule/drinks.feature"}, "")
	path := filepath.Join(t.TempDir(), "timings.json")
	data, _ := json.Marshal(map[string]any{"romaine_timings": 1, "scenarios": map[string]any{
		us[0].Key: map[string]any{"seconds": 1e300, "runs": 1},
		us[1].Key: map[string]any{"seconds": 1e10, "runs": 1},
		us[2].Key: map[string]any{"seconds": 2, "runs": 1},
	}})
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	tr := NewTracker(&atomic.Bool{})
	warning := tr.LoadTimings(path)
	if !strings.Contains(warning, "2 scenario(s) a duration below 0 or above a day") || !strings.Contains(warning, path) {
		t.Errorf("warning %q; want one naming the file and the 2 impossible entries", warning)
	}
	p, err := tr.Plan(Settings{Features: []string{"testdata/schedule/drinks.feature"}, Workers: 1, Order: "longest"})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range p.Units {
		if u.Predicted != 2*time.Second {
			t.Errorf("%s predicted %s, want the one sane time (2s) for all", u.Key, u.Predicted)
		}
	}
	if note := strings.Join(p.Notes, "\n"); !strings.Contains(note, "predicted 6s at 1 worker(s)") {
		t.Errorf("notes: %s", note)
	}
	// More day-long scenarios than a Duration can add up.
	many := make([]*Unit, 110000)
	for i := range many {
		many[i] = &Unit{Predicted: 24 * time.Hour}
	}
	if s, w := Sum(many), PredictWall(many, 1); s != math.MaxInt64 || w != math.MaxInt64 {
		t.Errorf("sum %d, wall %d: want both held at the largest duration", s, w)
	}
}

// pickles are godog's scenarios of paths, as its hooks get them.
func pickles(t *testing.T, paths ...string) []*messages.Pickle {
	t.Helper()
	opts := godog.Options{Paths: paths}
	fts, err := godog.TestSuite{Options: &opts}.RetrieveFeatures()
	if err != nil {
		t.Fatal(err)
	}
	var out []*messages.Pickle
	for _, ft := range fts {
		out = append(out, ft.Pickles...)
	}
	return out
}

// Shards run one after another from one folder: each computes its share from
// the same timings file, because no shard writes it; each writes its own
// measurements, and Merge joins them into the file for the next run.
func TestShardsLeaveTheTimingsFileAndMergeJoinsThem(t *testing.T) {
	all := units(t, []string{"testdata/schedule"}, "")
	path := filepath.Join(t.TempDir(), "timings.json")
	base := map[string]entry{}
	for i, u := range all {
		base[u.Key] = entry{Seconds: float64(i%3 + 1), Steps: u.Steps, Runs: 1}
	}
	if err := saveTimings(path, timingsFile{Scenarios: base}); err != nil {
		t.Fatal(err)
	}
	original, _ := os.ReadFile(path)
	for _, n := range []int{2, 3} {
		ran := map[string]int{}
		var shardFiles []string
		for k := 1; k <= n; k++ {
			tr := NewTracker(&atomic.Bool{})
			tr.LoadTimings(path)
			shard := fmt.Sprintf("%d/%d", k, n)
			p, err := tr.Plan(Settings{Features: []string{"testdata/schedule"}, Workers: 1, Order: "longest", Shard: shard})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.All) != len(all) || p.Shard != shard {
				t.Errorf("shard %s: plan of %d scenarios in all, shard %q", shard, len(p.All), p.Shard)
			}
			mine := map[string]bool{}
			for _, u := range p.Units {
				mine[u.Path()] = true
				ran[u.Path()]++
			}
			tr.BeginAttempt(1)
			for _, pk := range pickles(t, p.Paths...) {
				tr.Started(pk)
				tr.Finished(pk, 10*time.Second, nil)
			}
			written, warning, err := tr.SaveTimings(path, shard)
			if err != nil || warning != "" || written != ShardPath(path, k, n) {
				t.Fatalf("shard %s: wrote %q (%v %q)", shard, written, err, warning)
			}
			shardFiles = append(shardFiles, written)
			if now, _ := os.ReadFile(path); !bytes.Equal(now, original) {
				t.Fatalf("shard %s rewrote the timings file it was partitioned by", shard)
			}
		}
		for _, u := range all {
			if ran[u.Path()] != 1 {
				t.Errorf("N=%d: %s ran in %d shards, want 1", n, u.Path(), ran[u.Path()])
			}
		}
		if found, _ := ShardFiles(path); len(found) != n || !slices.Equal(found, shardFiles) {
			t.Errorf("N=%d: shard files %q, want %q", n, found, shardFiles)
		}
		// Merging without the last shard says it is missing.
		m, err := Merge(filepath.Join(t.TempDir(), "partial.json"), shardFiles[:n-1])
		if err != nil || !slices.ContainsFunc(m.Warnings, func(w string) bool { return strings.Contains(w, fmt.Sprintf("shard %d/%d is missing", n, n)) }) {
			t.Errorf("N=%d: merging all but the last shard: %v %q", n, err, m.Warnings)
		}
		for _, f := range shardFiles {
			os.Remove(f)
		}
	}
	// The last N's shards, merged: every scenario's time is the mean of the
	// remembered one and this run's 10s, counted as one more run.
	var shardFiles []string
	for k := 1; k <= 2; k++ {
		tr := NewTracker(&atomic.Bool{})
		tr.LoadTimings(path)
		p, _ := tr.Plan(Settings{Features: []string{"testdata/schedule"}, Workers: 1, Order: "longest", Shard: fmt.Sprintf("%d/2", k)})
		tr.BeginAttempt(1)
		for _, pk := range pickles(t, p.Paths...) {
			tr.Started(pk)
			tr.Finished(pk, 10*time.Second, nil)
		}
		written, _, _ := tr.SaveTimings(path, fmt.Sprintf("%d/2", k))
		shardFiles = append(shardFiles, written)
	}
	m, err := Merge(path, shardFiles)
	if err != nil || len(m.Warnings) != 0 || m.Scenarios != len(all) {
		t.Fatalf("merge: %+v %v", m, err)
	}
	after, _ := loadTimings(path)
	for _, u := range all {
		e := after.Scenarios[u.Key]
		measured := 10.0 * float64(u.Pickles) // an outline's examples add up
		if want := (base[u.Key].Seconds + measured) / 2; e.Seconds != want || e.Runs != 2 {
			t.Errorf("%s: %gs over %d runs, want %gs over 2", u.Key, e.Seconds, e.Runs, want)
		}
	}
	// A file that is not a shard's measurements is refused, by name.
	if _, err := Merge(path, []string{path}); err == nil || !strings.Contains(err.Error(), path+" is not a shard's timings") {
		t.Errorf("merging a timings file as a shard: %v", err)
	}
	if _, err := Merge(path, nil); err == nil || !strings.Contains(err.Error(), "no shard timings to merge") {
		t.Errorf("merging nothing: %v", err)
	}
}

// A merge run away from the repository finds none of the feature files: it
// keeps every entry rather than dropping them all, and says where to run it.
func TestAMergeAwayFromTheFeaturesDropsNothing(t *testing.T) {
	into := filepath.Join(t.TempDir(), "timings.json")
	old := map[string]entry{"features/cart.feature: Adding": {Seconds: 4, Runs: 2}, "features/cart.feature: Paying": {Seconds: 6, Runs: 2}}
	if err := saveTimings(into, timingsFile{Scenarios: old}); err != nil {
		t.Fatal(err)
	}
	shard := ShardPath(into, 1, 1)
	if err := saveTimings(shard, timingsFile{Shard: "1/1", Scenarios: map[string]entry{"features/cart.feature: Adding": {Seconds: 2, Runs: 1}}}); err != nil {
		t.Fatal(err)
	}
	m, err := Merge(into, []string{shard})
	if err != nil || m.Dropped != 0 || !slices.ContainsFunc(m.Warnings, func(w string) bool { return strings.Contains(w, "run this at the repository's root") }) {
		t.Errorf("merge away from the features: %+v %v", m, err)
	}
	after, _ := loadTimings(into)
	if len(after.Scenarios) != 2 || after.Scenarios["features/cart.feature: Adding"].Seconds != 3 {
		t.Errorf("entries after the merge: %v", after.Scenarios)
	}
}
