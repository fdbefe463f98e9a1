package terrain_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/romaine-bdd/romaine/internal/schedule"
	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/terrain"
)

// scheduled runs a suite like run, with the scheduling settings in env (each
// one cleared unless given, the timings in a file of the test's own), and
// returns the names of the scenarios in the order they started.
func scheduled(t *testing.T, env map[string]string, setup func(*terrain.Suite)) (int, string, *terrain.Suite, []string) {
	t.Helper()
	defaults := map[string]string{"ROMAINE_TIMINGS": filepath.Join(t.TempDir(), "timings.json"), "ROMAINE_PROGRESS": "off"}
	for _, k := range []string{"ROMAINE_ORDER", "ROMAINE_SHARD", "ROMAINE_RETRIES", "ROMAINE_FAIL_ON_FLAKY", "ROMAINE_TIMINGS", "ROMAINE_PROGRESS"} {
		v, ok := env[k]
		if !ok {
			v = defaults[k]
		}
		t.Setenv(k, v)
	}
	if env["ROMAINE_APP_CMD"] == "" {
		env["ROMAINE_APP_CMD"] = staticSite(t)
	}
	var mu sync.Mutex
	var started []string
	status, out, s := run(t, env, func(s *terrain.Suite) {
		s.BeforeScenario(func(ctx context.Context, sc *terrain.Scenario) (context.Context, error) {
			mu.Lock()
			started = append(started, sc.Name)
			mu.Unlock()
			return ctx, nil
		})
		if setup != nil {
			setup(s)
		}
	})
	return status, out, s, started
}

func writeTimings(t *testing.T, seconds map[string]float64) string {
	t.Helper()
	entries := map[string]any{}
	for key, s := range seconds {
		entries[key] = map[string]any{"seconds": s, "steps": "", "runs": 1}
	}
	data, err := json.Marshal(map[string]any{"romaine_timings": 1, "scenarios": entries})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "timings.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLongestScenariosStartFirst(t *testing.T) {
	const file = "testdata/features/static_site.feature: "
	// Remembered times that reverse the file order of the first four; the
	// scenarios without one count at the median (4s) and keep their file order.
	path := writeTimings(t, map[string]float64{
		file + "Reading the about page":    1,
		file + "Being greeted":             2,
		file + "Going home again":          4,
		file + "Finding the greeting form": 5,
	})
	status, out, _, started := scheduled(t, map[string]string{"ROMAINE_TIMINGS": path, "ROMAINE_WORKERS": "1"}, nil)
	if status != 0 {
		t.Fatalf("status %d; output:\n%s", status, out)
	}
	want := []string{"Finding the greeting form", "Going home again", "Moving within the page by its #fragment, and back", "Ticking a box enables a button", "Being greeted", "Reading the about page"}
	if len(started) < len(want) || !slices.Equal(started[:2], want[:2]) || !slices.Equal(started[len(started)-2:], want[len(want)-2:]) {
		t.Errorf("scenarios started in the order %q; want the longest first: %q", started, want)
	}
	if !strings.Contains(out, "romaine: order: longest first, from the timings of 4 of") {
		t.Errorf("the run does not say how it was ordered; output:\n%s", out)
	}
	// The run merged its own durations into the file.
	var f struct{ Scenarios map[string]struct{ Runs int } }
	data, _ := os.ReadFile(path)
	if err := json.Unmarshal(data, &f); err != nil || f.Scenarios[file+"Being greeted"].Runs != 2 || f.Scenarios[file+"Ticking a box enables a button"].Runs != 1 {
		t.Errorf("timings after the run (%v):\n%s", err, data)
	}
}

func TestTheSameSeedGivesTheSameOrder(t *testing.T) {
	orders := map[string][]string{}
	for _, seed := range []string{"random:7", "random:7", "random:8"} {
		status, out, _, started := scheduled(t, map[string]string{"ROMAINE_ORDER": seed, "ROMAINE_WORKERS": "1",
			"ROMAINE_FEATURES": "testdata/features/static_site.feature testdata/features/state_of_text.feature"}, nil)
		if !strings.Contains(out, "seed "+strings.TrimPrefix(seed, "random:")+" (ROMAINE_ORDER="+seed+" repeats it)") {
			t.Errorf("%s: the seed is not printed; output:\n%s", seed, out)
		}
		if status == 0 {
			t.Errorf("%s: status 0, but state_of_text.feature fails", seed)
		}
		if prev, ok := orders[seed]; ok && !slices.Equal(prev, started) {
			t.Errorf("%s ran %q, then %q", seed, prev, started)
		}
		orders[seed] = started
	}
	if slices.Equal(orders["random:7"], orders["random:8"]) {
		t.Errorf("seeds 7 and 8 gave the same order %q", orders["random:7"])
	}
	for seed, o := range orders {
		if len(o) != 7 {
			t.Errorf("%s ran %d scenarios, want 7: %q", seed, len(o), o)
		}
	}
}

// Shards 1/N..N/N run one after another in one folder, from one timings file,
// as a newcomer tries them: every scenario runs in exactly one shard, for N = 2
// and 3. The timings make the first shard's own measurement move the balance:
// when a shard rewrote the file it was partitioned by, the next computed
// another partition, and one scenario ran twice while another never ran. And
// the shards' messages reports, merged, say so when a shard's report is left
// out or two shards ran the same scenario.
func TestShardsRunEveryScenarioOnce(t *testing.T) {
	const file = "testdata/features/static_site.feature: "
	folder := t.TempDir()
	timings := filepath.Join(folder, "timings.json")
	original, err := os.ReadFile(writeTimings(t, map[string]float64{
		file + "Reading the about page": 100, file + "Being greeted": 90, file + "Going home again": 1,
		file + "Finding the greeting form": 1, file + "Moving within the page by its #fragment, and back": 1, file + "Ticking a box enables a button": 1,
	}))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(timings, original, 0o644); err != nil {
		t.Fatal(err)
	}
	runShards := func(n int, timingsOf func(k int) string) ([]schedule.RunFile, map[string]int) {
		seen := map[string]int{}
		var files []schedule.RunFile
		for k := 1; k <= n; k++ {
			shard := fmt.Sprintf("%d/%d", k, n)
			messages := filepath.Join(folder, fmt.Sprintf("shard-%d-of-%d.ndjson", k, n))
			status, out, _, started := scheduled(t, map[string]string{"ROMAINE_SHARD": shard, "ROMAINE_TIMINGS": timingsOf(k), "ROMAINE_REPORTS": "messages:" + messages}, nil)
			if status != 0 {
				t.Fatalf("shard %s: status %d; output:\n%s", shard, status, out)
			}
			if !strings.Contains(out, "romaine: shard "+shard+": ") || !strings.Contains(out, "its timings are in "+schedule.ShardPath(timingsOf(k), k, n)) {
				t.Errorf("shard %s does not say what it runs and where its timings went; output:\n%s", shard, out)
			}
			for _, name := range started {
				seen[name]++
			}
			envs, err := report.ReadFiles(messages)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, schedule.RunFile{Name: filepath.Base(messages), Envelopes: envs})
		}
		return files, seen
	}
	for _, n := range []int{2, 3} {
		files, seen := runShards(n, func(int) string { return timings })
		if len(seen) != 6 {
			t.Errorf("N=%d: the shards ran %d different scenarios, want the 6 of the feature: %v", n, len(seen), seen)
		}
		for name, times := range seen {
			if times != 1 {
				t.Errorf("N=%d: %q ran in %d shards", n, name, times)
			}
		}
		if now, _ := os.ReadFile(timings); !bytes.Equal(now, original) {
			t.Errorf("N=%d: a shard rewrote the timings file the shards are partitioned by:\n%s", n, now)
		}
		if err := schedule.CheckShards(files); err != nil {
			t.Errorf("N=%d: the shards' reports: %v", n, err)
		}
		// The last shard's report left out: its scenarios are named as missing.
		err := schedule.CheckShards(files[:n-1])
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("the report of shard %d/%d is not among the files", n, n)) || !strings.Contains(err.Error(), "in no shard's report") {
			t.Errorf("N=%d without the last shard's report: %v", n, err)
		}
		// One shard's report given twice: its scenarios ran "twice".
		err = schedule.CheckShards(append(files, files[0]))
		if err == nil || !strings.Contains(err.Error(), "ran in more than one shard") || !strings.Contains(err.Error(), fmt.Sprintf("shard 1/%d is in two files", n)) {
			t.Errorf("N=%d with shard 1's report twice: %v", n, err)
		}
	}
	// Shards partitioned by different timings files overlap, and the merge says how.
	moved := filepath.Join(t.TempDir(), "timings.json")
	data := strings.Replace(string(original), `"seconds":100`, `"seconds":50.5`, 1)
	if data == string(original) {
		t.Fatalf("the timings file does not hold 100s as written: %s", original)
	}
	if err := os.WriteFile(moved, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	files, _ := runShards(2, func(k int) string { return map[int]string{1: timings, 2: moved}[k] })
	err = schedule.CheckShards(files)
	for _, want := range []string{`"Reading the about page": run by shard-1-of-2.ndjson and shard-2-of-2.ndjson (shards 1/2 and 2/2 each planned it`, `"Being greeted": no shard's share holds it`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("shards from two timings files: %v; want it to say %s", err, want)
		}
	}
}

// failFirstAttempt makes the named scenario fail on its first attempt only.
func failFirstAttempt(name string) func(*terrain.Suite) {
	return func(s *terrain.Suite) {
		s.BeforeScenario(func(ctx context.Context, sc *terrain.Scenario) (context.Context, error) {
			if sc.Name == name && sc.Attempt == 1 {
				return ctx, errors.New("the first attempt of " + name + " fails")
			}
			return ctx, nil
		})
	}
}

func TestAScenarioThatPassesOnRetryIsFlaky(t *testing.T) {
	env := map[string]string{
		"ROMAINE_FEATURES": "testdata/features/static_site.feature testdata/features/failing.feature",
		"ROMAINE_RETRIES":  "2", "ROMAINE_WORKERS": "2",
	}
	status, out, s, started := scheduled(t, env, failFirstAttempt("Being greeted"))
	if status == 0 {
		t.Errorf("status 0, but failing.feature fails on every attempt; output:\n%s", out)
	}
	flakes := terrain.Flaky(s)
	if len(flakes) != 1 || flakes[0].Name != "Being greeted" || len(flakes[0].Failures) != 1 ||
		flakes[0].Failures[0].Attempt != 1 || !strings.Contains(flakes[0].Failures[0].Err, "the first attempt of Being greeted fails") {
		t.Fatalf("flaky scenarios %+v, want Being greeted with its first attempt's error; output:\n%s", flakes, out)
	}
	if !strings.HasPrefix(flakes[0].URI, "testdata/features/static_site.feature:") {
		t.Errorf("flake URI %q", flakes[0].URI)
	}
	for _, want := range []string{
		"romaine: attempt 2 of 3: running 2 failed scenario(s) again",
		"romaine: attempt 3 of 3: running 1 failed scenario(s) again, each on a fresh page and a reset app: testdata/features/failing.feature:2",
		"romaine: 1 flaky scenario(s)", "before-scenario hook: the first attempt of Being greeted fails",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := count(started, "Looking for a button that is not there"); n != 3 {
		t.Errorf("the failing scenario ran %d times, want 3 (1 + 2 retries)", n)
	}
	if n := count(started, "Being greeted"); n != 2 {
		t.Errorf("the flaky scenario ran %d times, want 2", n)
	}

	// Alone, the flaky scenario lets the run pass, unless flakes fail it.
	env["ROMAINE_FEATURES"], env["ROMAINE_RETRIES"] = "testdata/features/static_site.feature", "1"
	env["ROMAINE_WORKERS"] = "1"
	if status, out, s, _ := scheduled(t, env, failFirstAttempt("Being greeted")); status != 0 || len(terrain.Flaky(s)) != 1 {
		t.Errorf("status %d with %d flaky; want 0 and 1; output:\n%s", status, len(terrain.Flaky(s)), out)
	}
	env["ROMAINE_FAIL_ON_FLAKY"] = "1"
	status, out, _, _ = scheduled(t, env, failFirstAttempt("Being greeted"))
	if status == 0 || !strings.Contains(out, "1 scenario(s) passed only on retry, and ROMAINE_FAIL_ON_FLAKY is set") {
		t.Errorf("status %d under ROMAINE_FAIL_ON_FLAKY; output:\n%s", status, out)
	}
	// Without retries the failure stands.
	delete(env, "ROMAINE_FAIL_ON_FLAKY")
	env["ROMAINE_RETRIES"] = "0"
	if status, out, s, _ := scheduled(t, env, failFirstAttempt("Being greeted")); status == 0 || len(terrain.Flaky(s)) != 0 {
		t.Errorf("without retries: status %d, %d flaky; output:\n%s", status, len(terrain.Flaky(s)), out)
	}
}

func count(names []string, name string) (n int) {
	for _, s := range names {
		if s == name {
			n++
		}
	}
	return n
}
