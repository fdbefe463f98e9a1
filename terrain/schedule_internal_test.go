package terrain

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cucumber/godog"
)

func units(t *testing.T, paths []string, tags string) []*unit {
	t.Helper()
	us, _, err := discover(paths, tags)
	if err != nil {
		t.Fatal(err)
	}
	return us
}

func titles(us []*unit) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.title)
	}
	return out
}

func TestDiscoverListsScenariosAsGodogSelectsThem(t *testing.T) {
	all := units(t, []string{"testdata/schedule"}, "")
	want := []string{"Coffee", "Tea", "Water", "Starter", "Main course", "Dessert <kind>", "Starter (2)"}
	slices.Sort(want)
	if got := slices.Sorted(slices.Values(titles(all))); !slices.Equal(got, want) {
		t.Fatalf("units %q, want %q", got, want)
	}
	for _, u := range all {
		if u.title == "Dessert <kind>" && u.pickles != 3 {
			t.Errorf("the outline is one unit of %d scenarios, want its 3 examples", u.pickles)
		}
		if !strings.HasPrefix(u.key, "testdata/schedule/") {
			t.Errorf("key %q is not the feature file and title", u.key)
		}
	}
	// Tags apply before anything is scheduled: what godog would select.
	if got := titles(units(t, []string{"testdata/schedule"}, "~@slow")); len(got) != 5 || slices.Contains(got, "Coffee") || slices.Contains(got, "Dessert <kind>") {
		t.Errorf("~@slow selected %q", got)
	}
}

func TestCatalogFindsTheScenarioOfAPickle(t *testing.T) {
	for _, path := range []string{"testdata/schedule/menu.feature", "testdata/schedule/menu.feature:11"} {
		opts := godog.Options{Paths: []string{path}}
		features, err := godog.TestSuite{Options: &opts}.RetrieveFeatures()
		if err != nil {
			t.Fatal(err)
		}
		c := newCatalog(nil)
		for _, ft := range features {
			for _, p := range ft.Pickles {
				u, err := c.find(p)
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				want := ft.FindScenario(p.AstNodeIds[0]).Location.Line
				if u.line != want || u.file != "testdata/schedule/menu.feature" {
					t.Errorf("%s: pickle %q found as %s, want line %d", path, p.Name, u.path(), want)
				}
			}
		}
	}
}

func TestTimingsMergeAndSurviveABadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "timings.json")
	us := units(t, []string{"testdata/schedule/drinks.feature"}, "")

	book := newTimingsBook(map[string]timingsEntry{})
	book.record(us[0], 2*time.Second)
	book.record(us[1], 4*time.Second)
	if w, err := book.save(path); err != nil || w != "" {
		t.Fatalf("save: %v %q", err, w)
	}
	// A second run (another shard, say) measures one scenario again and a new one.
	book = newTimingsBook(nil)
	book.record(us[0], 4*time.Second)
	book.record(us[2], 1*time.Second)
	if _, err := book.save(path); err != nil {
		t.Fatal(err)
	}
	known, warning := loadTimings(path)
	if warning != "" {
		t.Fatal(warning)
	}
	for u, want := range map[*unit]float64{us[0]: 3, us[1]: 4, us[2]: 1} {
		if got := known[u.key].Seconds; got != want {
			t.Errorf("%s: %.1fs after merging, want %.1fs", u.key, got, want)
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
		if len(known) != 0 || !strings.Contains(warning, "ignoring the timings file "+bad) {
			t.Errorf("%s file: %d entries, warning %q; want none and a warning naming the file", name, len(known), warning)
		}
		// The run goes on and rewrites it as a valid file.
		book := newTimingsBook(known)
		book.record(us[0], time.Second)
		if _, err := book.save(bad); err != nil {
			t.Fatalf("%s file: %v", name, err)
		}
		if known, warning := loadTimings(bad); warning != "" || known[us[0].key].Seconds != 1 {
			t.Errorf("%s file not rewritten: %v %q", name, known, warning)
		}
	}
	// A folder where the file should be cannot be read: a warning, not a stop.
	if _, warning := loadTimings(dir); !strings.Contains(warning, "cannot read the timings file") {
		t.Errorf("unreadable file: warning %q", warning)
	}
}

func TestTimingsFollowAMovedOrRenamedScenario(t *testing.T) {
	mk := func(file, title, steps string) *unit {
		return &unit{file: file, title: title, key: file + ": " + title, steps: steps, pickles: 1}
	}
	known := map[string]timingsEntry{
		"a.feature: Paying":  {Seconds: 9, Steps: "s-pay", Runs: 1},
		"a.feature: Listing": {Seconds: 1, Steps: "s-list", Runs: 1},
		"a.feature: Sorting": {Seconds: 3, Steps: "s-sort", Runs: 1},
	}
	moved := mk("b.feature", "Paying", "s-pay-edited")  // same title, other file
	renamed := mk("a.feature", "Listing all", "s-list") // same steps, new title
	fresh := mk("a.feature", "Refunding", "s-new")      // nothing like it: the median
	stays := mk("a.feature", "Sorting", "s-sort")
	book := newTimingsBook(known)
	if n := book.predict([]*unit{moved, renamed, fresh, stays}); n != 3 {
		t.Errorf("%d scenarios recognised, want 3", n)
	}
	for u, want := range map[*unit]time.Duration{moved: 9 * time.Second, renamed: time.Second, stays: 3 * time.Second, fresh: 3 * time.Second} {
		if u.predicted != want {
			t.Errorf("%s predicted %s, want %s", u.key, u.predicted, want)
		}
	}
	if fresh.timed {
		t.Error("a new scenario counts as timed")
	}
	// Saving moves the entry to the new key rather than keeping a stale twin.
	path := filepath.Join(t.TempDir(), "t.json")
	if err := saveTimings(path, known); err != nil {
		t.Fatal(err)
	}
	book.record(moved, 7*time.Second)
	if _, err := book.save(path); err != nil {
		t.Fatal(err)
	}
	after, _ := loadTimings(path)
	if _, stale := after["a.feature: Paying"]; stale || after["b.feature: Paying"].Seconds != 8 {
		t.Errorf("after the move: %v", after)
	}
}

func TestShardsCoverEveryScenarioExactlyOnce(t *testing.T) {
	all := units(t, []string{"testdata/schedule", "testdata/features"}, "")
	for i, u := range all {
		u.predicted = time.Duration((i*7)%5+1) * time.Second // uneven, with ties
	}
	var longest, total time.Duration
	for _, u := range all {
		longest, total = max(longest, u.predicted), total+u.predicted
	}
	for n := 1; n <= 5; n++ {
		seen := map[*unit]int{}
		for k := 1; k <= n; k++ {
			part := shard(all, k, n)
			again := shard(all, k, n)
			if !slices.Equal(part, again) {
				t.Errorf("shard %d/%d differs between two computations", k, n)
			}
			for _, u := range part {
				seen[u]++
			}
			// Longest first into the lightest shard is never worse than the
			// average plus one scenario.
			if load := sum(part); load > total/time.Duration(n)+longest {
				t.Errorf("shard %d/%d predicted %s, above average %s + longest %s", k, n, load, total/time.Duration(n), longest)
			}
		}
		for _, u := range all {
			if seen[u] != 1 {
				t.Errorf("N=%d: %s is in %d shards, want exactly 1", n, u.path(), seen[u])
			}
		}
	}
	// No timings at all: a split by count.
	for _, u := range all {
		u.predicted = 0
	}
	if a, b := len(shard(all, 1, 2)), len(shard(all, 2, 2)); a-b > 1 || b-a > 1 {
		t.Errorf("without timings the shards have %d and %d scenarios", a, b)
	}
}

func TestLongestFirstAndSeededRandomOrders(t *testing.T) {
	all := units(t, []string{"testdata/schedule"}, "")
	for i, u := range all {
		u.predicted = time.Duration(i+1) * time.Second
	}
	longest := slices.Clone(all)
	arrange(longest, order{kind: "longest"}, len(all))
	for i := 1; i < len(longest); i++ {
		if longest[i].predicted > longest[i-1].predicted {
			t.Fatalf("not longest first: %q", titles(longest))
		}
	}
	shuffle := func(seed uint64) []string {
		us := slices.Clone(all)
		how := arrange(us, order{kind: "random", seed: seed}, len(all))
		if !strings.Contains(how, fmt.Sprintf("ROMAINE_ORDER=random:%d", seed)) {
			t.Errorf("the order line %q does not say how to repeat it", how)
		}
		return paths(us)
	}
	first := shuffle(42)
	if again := shuffle(42); !slices.Equal(first, again) {
		t.Errorf("seed 42 gave %q, then %q", first, again)
	}
	differs := false
	for seed := uint64(1); seed <= 5; seed++ {
		differs = differs || !slices.Equal(shuffle(seed), first)
	}
	if !differs {
		t.Error("five other seeds all gave seed 42's order")
	}
	// Across features, not within each: some seed interleaves the two files.
	interleaved := false
	for seed := uint64(1); seed <= 5; seed++ {
		changes, order := 0, shuffle(seed)
		for i := 1; i < len(order); i++ {
			if strings.Split(order[i], ":")[0] != strings.Split(order[i-1], ":")[0] {
				changes++
			}
		}
		interleaved = interleaved || changes > 1
	}
	if !interleaved {
		t.Error("no seed mixed the scenarios of the two features")
	}
	if _, err := parseOrder("random:x"); err == nil || !strings.Contains(err.Error(), "random:42") {
		t.Errorf("a bad seed: %v", err)
	}
}

func TestProgressLineNeverSplitsALineOfOutput(t *testing.T) {
	var screen bytes.Buffer
	p := newProgress("live", &screen, 2)
	p.begin(1, 3, 6*time.Second)
	w := p.through(&screen)
	p.started()
	fmt.Fprint(w, "Feature: half a line")
	p.tick() // mid-line: nothing may be drawn
	if strings.Contains(screen.String(), "romaine:") {
		t.Fatalf("the progress line was drawn inside a line of output: %q", screen.String())
	}
	fmt.Fprint(w, " and its end\n")
	p.finished(false, 2*time.Second)
	p.tick()
	out := screen.String()
	if !strings.HasPrefix(out, "Feature: half a line and its end\n") {
		t.Errorf("output was split: %q", out)
	}
	if !strings.HasSuffix(out, "\r\x1b[Kromaine: 1/3 done, 0 running, 0 failed, 0 flaky, 0:00 elapsed, eta ~0:02") {
		t.Errorf("live line: %q", out)
	}
	// The next write first erases the live line.
	fmt.Fprint(w, "next\n")
	if !strings.Contains(screen.String(), "eta ~0:02\r\x1b[Knext\n") {
		t.Errorf("the live line was not erased before output: %q", screen.String())
	}

	var log bytes.Buffer
	plain := newProgress("auto", &log, 1) // not a terminal: plain lines
	plain.begin(1, 2, 0)
	plain.tick()
	if got := log.String(); got != "romaine: 0/2 done, 0 running, 0 failed, 0 flaky, 0:00 elapsed\n" || strings.Contains(got, "\x1b") {
		t.Errorf("plain line: %q", got)
	}
	// A plain line owed in the middle of a line of output waits for its end.
	log.Reset()
	pw := plain.through(&log)
	fmt.Fprint(pw, "...")
	plain.tick()
	fmt.Fprint(pw, ".. 5\n")
	if got := log.String(); got != "..... 5\nromaine: 0/2 done, 0 running, 0 failed, 0 flaky, 0:00 elapsed\n" {
		t.Errorf("plain line owed mid-line: %q", got)
	}
	if newProgress("off", &log, 1) != nil {
		t.Error("ROMAINE_PROGRESS=off still shows progress")
	}
}

func TestScheduleSettingsSayWhatIsValid(t *testing.T) {
	cases := map[string][]string{
		"ROMAINE_ORDER=fastest":     {`ROMAINE_ORDER="fastest" is not an order`, "longest", "defined", "random:SEED"},
		"ROMAINE_ORDER=random:soon": {"random:42"},
		"ROMAINE_SHARD=0/2":         {`ROMAINE_SHARD="0/2" is not a shard`, "1 <= K <= N", "2/4"},
		"ROMAINE_SHARD=3/2":         {`ROMAINE_SHARD="3/2"`},
		"ROMAINE_SHARD=2":           {`ROMAINE_SHARD="2"`},
		"ROMAINE_RETRIES=-1":        {"ROMAINE_RETRIES=-1", "0 (no retries) or more"},
		"ROMAINE_RETRIES=twice":     {`ROMAINE_RETRIES="twice" is not valid`, "a whole number, 0 or more"},
		"ROMAINE_FAIL_ON_FLAKY=yes": {`ROMAINE_FAIL_ON_FLAKY="yes" is not valid`, "1/true or 0/false"},
		"ROMAINE_PROGRESS=loud":     {`ROMAINE_PROGRESS="loud"`, "auto", "off"},
	}
	for setting, want := range cases {
		name, value, _ := strings.Cut(setting, "=")
		c := DefaultConfig()
		err := c.applyEnv(func(k string) (string, bool) { return value, k == name })
		if err == nil {
			err = c.validate()
		}
		var ce *ConfigError
		if err == nil || !errorsAs(err, &ce) || ce.Setting != name {
			t.Errorf("%s: error %v, want a configuration error on %s", setting, err, name)
			continue
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not say %q", setting, err, w)
			}
		}
	}
	for _, ok := range []string{"random", "random:7", "defined", "longest"} {
		c := DefaultConfig()
		c.Order, c.Shard, c.Retries = ok, "4/4", 3
		if err := c.validate(); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

func errorsAs(err error, target **ConfigError) bool { return errors.As(err, target) }

func TestARetryKeepsTheFirstRunsReportFiles(t *testing.T) {
	if got := attemptFormat("pretty,junit:out/report.xml,cucumber:c", 2); got != "pretty,junit:out/report.attempt2.xml,cucumber:c.attempt2" {
		t.Errorf("attempt 2's format %q", got)
	}
}
