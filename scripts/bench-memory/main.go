// Command bench-memory runs many scenarios of a small feature in one process
// and prints how the runner's own memory grows: -runs runs (Suite.Run again,
// as go test -count does) of a feature of -scenarios scenarios. After every
// -every scenarios it collects garbage and records the Go heap in use and the
// process's resident set (the browsers are other processes, not counted). It
// prints the figures and the growth after the warm-up (the first -warmup
// scenarios), and exits non-zero when that growth exceeds -limit MB.
//
// godog keeps a record of every scenario and step result of a run until the
// run ends, for its formatters (about 12 KB a scenario of four steps). Under
// pretty and progress (this command runs progress) Romaine lets go of each
// passed scenario's record once it is printed (internal/godogrecord), so one
// long run stays flat as repeated runs do; godog's junit, cucumber and events
// formats read the whole record at the end and keep it. With -profile DIR it
// writes heap profiles at the end of the warm-up and at the last measure, to
// compare with go tool pprof -base DIR/warm.pprof DIR/end.pprof.
//
//	go run ./scripts/bench-memory -runs 100 -scenarios 100           # 10,000 scenario runs
//	go run ./scripts/bench-memory -runs 1 -scenarios 10000 -every 1000 -warmup 1000 # one long run (make bench-memory)
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"

	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

func main() {
	runs := flag.Int("runs", 100, "runs of the feature, one after another in this process")
	scenarios := flag.Int("scenarios", 100, "scenarios of the feature (the examples of one outline)")
	workers := flag.Int("workers", 2, "workers")
	every := flag.Int("every", 500, "scenarios between two measures (and one at the end of each run)")
	warmup := flag.Int("warmup", 500, "scenarios before the baseline measure")
	limit := flag.Float64("limit", 20, "MB of growth after the warm-up that fail the run")
	profile := flag.String("profile", "", "a folder for heap profiles (warm.pprof, end.pprof)")
	flag.Parse()

	dir, err := os.MkdirTemp("", "bench-memory-")
	check(err)
	defer os.RemoveAll(dir)
	feature := filepath.Join(dir, "many.feature")
	var b strings.Builder
	b.WriteString("Feature: Many small scenarios\n  Scenario Outline: Scenario <n>\n    Given I am on \"/?n=<n>\"\n    When I fill in \"Name\" with \"<n>\"\n    And I click \"Greet\"\n    Then I should see \"Hello <n>\"\n\n    Examples:\n      | n |\n")
	for i := 1; i <= *scenarios; i++ {
		fmt.Fprintf(&b, "      | %d |\n", i)
	}
	check(os.WriteFile(feature, []byte(b.String()), 0o644))
	for k, v := range map[string]string{
		"ROMAINE_FEATURES": feature, "ROMAINE_WORKERS": strconv.Itoa(*workers), "ROMAINE_FORMAT": "progress",
		"ROMAINE_PROGRESS": "off", "ROMAINE_TIMINGS": filepath.Join(dir, "timings.json"), "ROMAINE_ARTIFACTS": filepath.Join(dir, "artifacts"),
		"ROMAINE_ORDER": "defined",
	} {
		check(os.Setenv(k, v))
	}

	page := `<!doctype html><title>Greeter</title><label>Name <input id="name"></label>
<button onclick="out.textContent = 'Hello ' + document.getElementById('name').value">Greet</button><p id="out"></p>`
	app := terrain.HandlerApp{New: func(*terrain.Worker) (http.Handler, func() error, error) {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		}), nil, nil
	}}
	var out strings.Builder
	var outMu sync.Mutex
	s := terrain.New(terrain.WithApp(app), terrain.WithSteps(steps.Register), terrain.WithOutput(writerFunc(func(p []byte) (int, error) {
		outMu.Lock()
		defer outMu.Unlock()
		if out.Len() < 1<<20 {
			out.Write(p)
		}
		return len(p), nil
	})))

	var mu sync.Mutex
	done := 0
	var base, last sample
	record := func() { // mu held
		m := measure()
		fmt.Printf("%10d %12.1f %12.1f\n", done, m.heap, m.rss)
		if done >= *warmup && base == (sample{}) {
			base = m
			writeProfile(*profile, "warm.pprof")
		}
		last = m
		writeProfile(*profile, "end.pprof") // the last is kept
	}
	fmt.Printf("%10s %12s %12s\n", "scenarios", "heap MB", "resident MB")
	s.AfterScenario(func(_ context.Context, _ *terrain.Scenario, _ error) error {
		mu.Lock()
		defer mu.Unlock()
		done++
		if done%*every == 0 || done == *warmup {
			record()
		}
		return nil
	})
	failed := false
	for run := 1; run <= *runs && !failed; run++ {
		// A failed run (a scenario timed out on a loaded machine) is shown,
		// and the figures measured so far with it: they are the bench's point.
		if status := s.Run(); status != 0 {
			fmt.Fprintf(os.Stderr, "run %d failed (status %d):\n%s\n", run, status, tail(out.String(), 4000))
			failed = true
		}
		outMu.Lock()
		out.Reset()
		outMu.Unlock()
		if *runs > 1 {
			mu.Lock()
			record() // between runs: the run's workers and godog's record are gone
			mu.Unlock()
		}
	}
	growth := last.rss - base.rss
	fmt.Printf("bench-memory: %d scenario runs (%d runs of %d) at %d workers: after the warm-up of %d the heap grew %.1f MB (%.1f to %.1f), the resident set %.1f MB (%.1f to %.1f); limit %.0f MB\n",
		done, *runs, *scenarios, *workers, *warmup, last.heap-base.heap, base.heap, last.heap, growth, base.rss, last.rss, *limit)
	if growth > *limit || failed {
		os.Exit(1)
	}
}

type sample struct{ heap, rss float64 }

// measure collects garbage, then reads the heap in use and the resident set.
func measure() sample {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return sample{heap: float64(ms.HeapInuse) / (1 << 20), rss: residentMB()}
}

// residentMB is VmRSS of /proc/self/status, in MB (0 without /proc).
func residentMB() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

func writeProfile(dir, name string) {
	if dir == "" {
		return
	}
	check(os.MkdirAll(dir, 0o755))
	f, err := os.Create(filepath.Join(dir, name))
	check(err)
	defer f.Close()
	check(pprof.WriteHeapProfile(f))
}

type writerFunc func([]byte) (int, error)

func (w writerFunc) Write(p []byte) (int, error) { return w(p) }

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench-memory:", err)
		os.Exit(2)
	}
}
