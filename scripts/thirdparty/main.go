// Command thirdparty runs thirdparty/todomvc.feature, unchanged, against the
// TodoMVC builds of npm todomvc@0.1.1 listed in thirdparty/builds.txt, each
// served per worker by python3 -m http.server, one build at a time, and checks
// every failure against the reasons that file gives (see thirdparty/README.md).
//
// With -compare it also runs the Playwright twin of the feature
// (thirdparty/playwright) against the same builds served the same way, and
// prints both tools' results side by side with each one's wall time and the
// CPU of its whole process tree (test runner, browser and helpers, app
// servers), counted as scripts/bench-suite counts it: this process is the
// child subreaper and reads getrusage(RUSAGE_CHILDREN) around each run.
//
// scripts/thirdparty.sh fetches the package, builds the suite's test binary and runs this.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/romaine-bdd/romaine/internal/proctree"
)

func main() {
	buildsFile := flag.String("builds-file", "thirdparty/builds.txt", "the list of builds, how to serve them and their expected failures")
	feature := flag.String("feature", "thirdparty/todomvc.feature", "the feature run against every build")
	examples := flag.String("examples", "bin/todomvc/package/examples", "the unpacked package's examples folder")
	bin := flag.String("bin", "bin/features.test", "Romaine's suite test binary (go test -c -o bin/features.test .)")
	only := flag.String("builds", "all", `which builds: "all", "test" (make test's small set), or names, comma separated`)
	workers := flag.Int("workers", 2, "workers (Romaine) and workers (Playwright) per run")
	runs := flag.Int("runs", 1, "runs of each build, to count scenarios passed over several runs")
	compare := flag.Bool("compare", false, "also run the Playwright twin (thirdparty/playwright) and print both side by side")
	markdown := flag.Bool("markdown", false, "end with the results as the Markdown table of thirdparty/README.md")
	flag.Parse()
	if *workers < 1 || *runs < 1 {
		fail("-workers and -runs want whole numbers 1 or more; got %d and %d", *workers, *runs)
	}
	if err := proctree.BecomeSubreaper(); err != nil {
		fail("%v", err)
	}
	scenarios, err := featureScenarios(*feature)
	if err != nil {
		fail("%v", err)
	}
	all, err := readBuilds(*buildsFile)
	if err == nil {
		err = checkScenarios(all, scenarios)
	}
	if err != nil {
		fail("%v", err)
	}
	if err := checkListed(all, *examples); err != nil {
		fail("%v", err)
	}
	chosen, err := choose(all, *only)
	if err != nil {
		fail("%v", err)
	}
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	out := abs("bin/thirdparty")
	tools := []tool{romaine(abs(*bin), abs(*feature), filepath.Join(out, "artifacts"))}
	if *compare {
		tools = append(tools, playwright(abs("thirdparty/playwright")))
	}
	fmt.Printf("thirdparty: %s against %d builds, %d workers, %d run(s) each, %d cores, load average %s\n",
		*feature, len(chosen), *workers, *runs, runtime.NumCPU(), proctree.Loadavg())
	var results []buildResult
	unexplained := 0
	for _, b := range chosen {
		if b.Skip != "" {
			if *only == "all" {
				fmt.Printf("%-28s skipped: %s\n", b.Name, b.Skip)
			}
			results = append(results, buildResult{build: b})
			continue
		}
		dir, err := b.served(*examples, filepath.Join(out, "serve"))
		if err != nil {
			fail("%v", err)
		}
		r := buildResult{build: b, runs: make([][]outcome, len(tools))}
		for i := 0; i < *runs; i++ {
			for ti, t := range tools {
				log := filepath.Join(out, "logs", fmt.Sprintf("%s-%s-%d.log", b.Name, t.name, i+1))
				_ = os.MkdirAll(filepath.Dir(log), 0o755)
				r.runs[ti] = append(r.runs[ti], t.run(b, dir, *workers, log))
			}
		}
		unexplained += r.print(scenarios, tools)
		results = append(results, r)
	}
	printTotals(results, tools)
	if *markdown {
		printMarkdown(results, scenarios, tools)
	}
	if unexplained > 0 {
		fmt.Printf("thirdparty: %d failure(s) that %s does not explain (logs and artifacts in %s)\n", unexplained, *buildsFile, out)
		os.Exit(1)
	}
}

// choose picks the builds named by -builds, in the file's order.
func choose(all []*build, only string) ([]*build, error) {
	if only == "all" {
		return all, nil
	}
	want := map[string]bool{}
	for _, n := range strings.Split(only, ",") {
		want[strings.TrimSpace(n)] = true
	}
	var out []*build
	for _, b := range all {
		if (only == "test" && b.Test) || want[b.Name] {
			if b.Skip != "" && only != "test" {
				return nil, fmt.Errorf("-builds: %s is skipped (%s)", b.Name, b.Skip)
			}
			out = append(out, b)
			delete(want, b.Name)
		}
	}
	delete(want, "test")
	for n := range want {
		return nil, fmt.Errorf("-builds: no build %q in the builds file; want all, test, or names from it", n)
	}
	return out, nil
}

// buildResult holds every run of every tool against one build.
type buildResult struct {
	build *build
	runs  [][]outcome // by tool, then run
}

// passes counts, for tool ti, the runs in which scenario name passed.
func (r buildResult) passes(ti int, name string) int {
	n := 0
	for _, o := range r.runs[ti] {
		if o.Passed[name] {
			n++
		}
	}
	return n
}

// score is "passed/total" over every run of tool ti, with each run's count when there are several.
func (r buildResult) score(ti int, scenarios []string) string {
	total, per := 0, []string{}
	for _, o := range r.runs[ti] {
		n := 0
		for _, s := range scenarios {
			if o.Passed[s] {
				n++
			}
		}
		total += n
		per = append(per, strconv.Itoa(n))
	}
	s := fmt.Sprintf("%d/%d", total, len(scenarios)*len(r.runs[ti]))
	if len(per) > 1 {
		s += " (" + strings.Join(per, " ") + ")"
	}
	return s
}

func (r buildResult) time(ti int) (wall, cpu float64) {
	for _, o := range r.runs[ti] {
		wall += o.Wall
		cpu += o.CPU
	}
	return wall, cpu
}

// unexplained counts the scenarios Romaine (tool 0) failed in some run that
// the builds file does not expect to fail.
func (r buildResult) unexplained(scenarios []string) int {
	n := 0
	for i, s := range scenarios {
		if r.passes(0, s) < len(r.runs[0]) && r.build.Fails[i+1] == "" {
			n++
		}
	}
	return n
}

// print writes the build's line and its failures; it returns how many of
// Romaine's failures the builds file does not explain.
func (r buildResult) print(scenarios []string, tools []tool) int {
	line := fmt.Sprintf("%-28s", r.build.Name)
	for ti, t := range tools {
		wall, cpu := r.time(ti)
		line += fmt.Sprintf("  %s %-9s %6.1f s %6.1f CPU-s", t.name, r.score(ti, scenarios), wall, cpu)
	}
	fmt.Println(line)
	for ti, t := range tools {
		for _, o := range r.runs[ti] {
			if o.Err != nil {
				fmt.Printf("    %s: %v\n", t.name, o.Err)
			}
		}
		for i, s := range scenarios {
			n := r.passes(ti, s)
			why := r.build.Fails[i+1]
			switch {
			case n < len(r.runs[ti]) && why != "":
				if ti == 0 {
					fmt.Printf("    %s fails %d %q as expected (%s)\n", t.name, i+1, s, why)
				} else {
					fmt.Printf("    %s fails %d %q: %s\n", t.name, i+1, s, r.lastError(ti, s))
				}
			case n < len(r.runs[ti]):
				fmt.Printf("    %s fails %d %q in %d of %d run(s): %s\n", t.name, i+1, s, len(r.runs[ti])-n, len(r.runs[ti]), r.lastError(ti, s))
			case why != "" && ti == 0:
				fmt.Printf("    %s passes %d %q, which the builds file expects to fail (%s): update it\n", t.name, i+1, s, why)
			}
		}
	}
	return r.unexplained(scenarios)
}

func (r buildResult) lastError(ti int, name string) string {
	for i := len(r.runs[ti]) - 1; i >= 0; i-- {
		o := r.runs[ti][i]
		if e := o.Errors[name]; e != "" {
			return e
		}
		if _, ran := o.Passed[name]; !ran {
			return "did not run (see the log in bin/thirdparty/logs)"
		}
	}
	return ""
}

func printTotals(results []buildResult, tools []tool) {
	line := fmt.Sprintf("%-28s", "total")
	for ti, t := range tools {
		var wall, cpu float64
		for _, r := range results {
			if r.runs != nil {
				w, c := r.time(ti)
				wall, cpu = wall+w, cpu+c
			}
		}
		line += fmt.Sprintf("  %s %8.1f s %8.1f CPU-s", t.name, wall, cpu)
	}
	fmt.Println(line)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "thirdparty: "+format+"\n", args...)
	os.Exit(2)
}
