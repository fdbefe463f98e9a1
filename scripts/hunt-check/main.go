// Command hunt-check is the flake hunter's proof on the demo (make
// hunt-check; docs/flakes.md). Its checks are probabilistic, so they are not
// part of make test:
//
//  1. the racy scenarios (demo/racy) pass -plain plain runs in a row at 1 worker;
//  2. each is found (fails under some perturbation) in at least -need of
//     -hunts hunts of -attempts attempts;
//  3. the replay seed of the first replayed failure of each reproduces the
//     failure, over -replays runs of its replay command, at the rate the
//     verdict states (within one replay in three);
//  4. a hunt of the correct suite (features/, -suite-attempts attempts each)
//     finds no scenario flaky nor failing.
//
// It runs the suite's test binary (go test -c -o bin/features.test .) once
// per run, reads each hunt's verdict from its messages report, prints every
// figure with the load average, and exits 1 when a check fails.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/romaine-bdd/romaine/report"
)

func main() {
	bin := flag.String("bin", "bin/features.test", "the suite's test binary")
	plain := flag.Int("plain", 20, "plain runs of the racy scenarios in a row")
	hunts := flag.Int("hunts", 10, "hunts of the racy scenarios")
	attempts := flag.Int("attempts", 20, "attempts per scenario in each hunt of the racy scenarios")
	need := flag.Int("need", 9, "hunts that must find each racy scenario")
	replays := flag.Int("replays", 10, "runs of each racy scenario's replay command")
	suiteAttempts := flag.Int("suite-attempts", 10, "attempts per scenario in the hunt of the correct suite (0: skip it)")
	workers := flag.Int("workers", 2, "ROMAINE_WORKERS of the hunts (each round runs at 1 to this many)")
	racy := flag.String("racy", "demo/racy", "the racy scenarios")
	only := flag.String("only", "", "run only these checks, comma separated: plain, hunts, replays, suite")
	flag.Parse()
	if _, err := os.Stat(*bin); err != nil {
		fail("-bin %s: %v; build it first: go test -c -o %s .", *bin, err, *bin)
	}
	dir, err := os.MkdirTemp("", "hunt-check-")
	if err != nil {
		fail("%v", err)
	}
	fmt.Printf("hunt-check: %s; records in %s\n", *bin, dir)
	c := &checker{bin: *bin, dir: dir, workers: *workers}
	want := func(name string) bool { return *only == "" || strings.Contains(","+*only+",", ","+name+",") }
	var first *report.Hunt
	if want("plain") {
		c.plainRuns(*racy, *plain)
	}
	if want("hunts") || want("replays") {
		first = c.hunts(*racy, *hunts, *attempts, *need)
	}
	if want("replays") && first != nil {
		c.replays(first, *replays)
	}
	if want("suite") && *suiteAttempts > 0 {
		c.suite(*suiteAttempts)
	}
	if c.failed > 0 {
		fmt.Printf("hunt-check: %d check(s) failed (load average %s)\n", c.failed, loadavg())
		os.Exit(1)
	}
	fmt.Printf("hunt-check: every check passed (load average %s)\n", loadavg())
}

type checker struct {
	bin     string
	dir     string
	workers int
	runs    int
	failed  int
}

// run runs the suite once with env; it returns whether it passed, its
// output's file and its messages report.
func (c *checker) run(env ...string) (passed bool, log, messages string) {
	c.runs++
	log = filepath.Join(c.dir, fmt.Sprintf("run-%03d.log", c.runs))
	messages = filepath.Join(c.dir, fmt.Sprintf("run-%03d.ndjson", c.runs))
	out, err := os.Create(log)
	if err != nil {
		fail("%v", err)
	}
	defer out.Close()
	cmd := exec.Command(c.bin, "-test.run", "^TestFeatures$", "-test.timeout", "3h")
	cmd.Env = append(os.Environ(), "CI=true", "DISABLE_ROD_FLAG=1", "ROMAINE_FORMAT=progress", "ROMAINE_PROGRESS=off",
		"ROMAINE_REPORTS=messages:"+messages, "ROMAINE_ARTIFACTS="+filepath.Join(c.dir, "artifacts"), "ROMAINE_TIMINGS="+filepath.Join(c.dir, "timings.json"))
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdout, cmd.Stderr = out, out
	return cmd.Run() == nil, log, messages
}

func (c *checker) check(ok bool, format string, args ...any) {
	mark := "ok  "
	if !ok {
		mark = "FAIL"
		c.failed++
	}
	fmt.Printf("%s %s (load average %s)\n", mark, fmt.Sprintf(format, args...), loadavg())
}

// plainRuns: the racy scenarios pass n plain runs in a row at 1 worker.
func (c *checker) plainRuns(racy string, n int) {
	start := time.Now()
	passed := 0
	for i := 0; i < n; i++ {
		ok, log, _ := c.run("ROMAINE_FEATURES="+racy, "ROMAINE_WORKERS=1")
		if !ok {
			fmt.Printf("     plain run %d failed: %s\n", i+1, log)
			break
		}
		passed++
	}
	c.check(passed == n, "plain: the racy scenarios passed %d plain run(s) in a row of %d at 1 worker (%s)", passed, n, since(start))
}

// hunts: each racy scenario is found in at least need of n hunts; the
// first hunt's verdict (with replays) is returned.
func (c *checker) hunts(racy string, n, attempts, need int) *report.Hunt {
	start := time.Now()
	found := map[string]int{}
	var titles []string
	var first *report.Hunt
	for i := 0; i < n; i++ {
		replays := "0" // replays are checked on the first hunt's
		if i == 0 {
			replays = "3"
		}
		_, log, messages := c.run("ROMAINE_FEATURES="+racy, fmt.Sprintf("ROMAINE_HUNT=%d", attempts), "ROMAINE_HUNT_REPLAYS="+replays, fmt.Sprintf("ROMAINE_WORKERS=%d", c.workers))
		h := verdict(messages)
		if h == nil {
			c.check(false, "hunt %d: no verdict (see %s)", i+1, log)
			continue
		}
		if i == 0 {
			first = h
		}
		var line []string
		for _, s := range h.Scenarios {
			key := s.Scenario.Key()
			if _, seen := found[key]; !seen {
				titles = append(titles, key)
				found[key] = 0
			}
			if len(s.Failures) > 0 {
				found[key]++
			}
			line = append(line, fmt.Sprintf("%s %d/%d", key, len(s.Failures), s.Attempts))
		}
		fmt.Printf("     hunt %d: %s (load average %s)\n", i+1, strings.Join(line, ", "), loadavg())
	}
	for _, k := range titles {
		c.check(found[k] >= need, "hunts: %s found in %d of %d hunts of %d attempts (want %d or more)", k, found[k], n, attempts, need)
	}
	fmt.Printf("     %d hunts in %s\n", n, since(start))
	return first
}

// replays: the replay command of each racy scenario's first replayed failure
// fails again at the rate the verdict states, within one replay in three.
func (c *checker) replays(h *report.Hunt, n int) {
	for _, s := range h.Scenarios {
		var f *report.HuntFailure
		for _, x := range s.Failures {
			if x.Replays > 0 {
				f = x
				break
			}
		}
		if f == nil {
			c.check(len(s.Failures) == 0, "replays: %s has no replayed failure", s.Scenario.Key())
			continue
		}
		again := 0
		for i := 0; i < n; i++ {
			ok, _, messages := c.run(append(strings.Fields(f.Command), "ROMAINE_WORKERS=1")...)
			if !ok && failedAt(messages, s.Scenario.Key(), f.Step) {
				again++
			}
		}
		stated, seen := float64(f.Reproduced)/float64(f.Replays), float64(again)/float64(n)
		c.check(seen >= stated-1.0/3-1e-9 && seen <= stated+1.0/3+1e-9,
			"replays: %s under %s: the verdict states %d of %d, its command failed at the same step %d of %d", s.Scenario.Key(), f.Command, f.Reproduced, f.Replays, again, n)
	}
}

// suite: a hunt of the correct suite finds nothing.
func (c *checker) suite(attempts int) {
	start := time.Now()
	_, log, messages := c.run("ROMAINE_FEATURES=features", fmt.Sprintf("ROMAINE_HUNT=%d", attempts), fmt.Sprintf("ROMAINE_WORKERS=%d", c.workers))
	h := verdict(messages)
	if h == nil {
		c.check(false, "suite: no verdict (see %s)", log)
		return
	}
	for _, s := range h.Scenarios {
		if s.Verdict != report.Steady {
			fmt.Printf("     %s %d of %d failed: %s %s\n", s.Verdict, len(s.Failures), s.Attempts, s.Scenario.Key(), s.Scenario.Title())
			for _, f := range s.Failures {
				fmt.Printf("       attempt %d under %s: %s: %s\n         %s\n", f.Shake.Round, f.Shake.Text, f.Step, f.Error, f.Command)
			}
		}
	}
	c.check(h.Flaky == 0 && h.Failing == 0, "suite: a hunt of %d attempts of each of %d scenarios: %d likely flaky, %d failing every time, %d steady (%s; %s)",
		attempts, len(h.Scenarios), h.Flaky, h.Failing, h.Steady, since(start), log)
}

func verdict(messages string) *report.Hunt {
	envs, err := report.ReadFiles(messages)
	if err != nil {
		return nil
	}
	return report.Build(envs).Hunt()
}

// failedAt says whether the run's scenario key failed at step.
func failedAt(messages, key, step string) bool {
	envs, err := report.ReadFiles(messages)
	if err != nil {
		return false
	}
	for _, f := range report.Build(envs).Features {
		for _, s := range f.Scenarios {
			if s.Key() != key {
				continue
			}
			if st := s.Final().Failed(); st != nil && st.Keyword+st.Text == step {
				return true
			}
		}
	}
	return false
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func since(t time.Time) time.Duration { return time.Since(t).Round(time.Second) }

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "hunt-check: "+format+"\n", args...)
	os.Exit(2)
}
