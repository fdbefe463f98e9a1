package report_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/internal/slug"
	"github.com/romaine-bdd/romaine/report"
)

// godogSays reads godog's own cucumber JSON of each attempt (ROMAINE_FORMAT
// cucumber:FILE; a retry writes FILE.attemptN): each scenario's uri:line and
// what each attempt came to (failed when a step did not pass or skip, not run
// when none ran, else passed), in attempt order.
func godogSays(t *testing.T, files ...string) map[string][]report.Outcome {
	t.Helper()
	out := map[string][]report.Outcome{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var features []struct {
			URI      string `json:"uri"`
			Elements []struct {
				Line  int `json:"line"`
				Steps []struct {
					Result struct{ Status string } `json:"result"`
				} `json:"steps"`
			} `json:"elements"`
		}
		if err := json.Unmarshal(data, &features); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, f := range features {
			for _, e := range f.Elements {
				o, ran := report.Passed, false
				for _, st := range e.Steps {
					switch st.Result.Status {
					case "passed":
						ran = true
					case "skipped":
					default:
						o = report.Failed
					}
				}
				if !ran && o != report.Failed {
					o = report.NotRun
				}
				key := fmt.Sprintf("%s:%d", report.CleanURI(f.URI), e.Line)
				out[key] = append(out[key], o)
			}
		}
	}
	return out
}

// result is a scenario's result over its attempts, as the reports count it.
func result(attempts []report.Outcome) report.Outcome {
	final, failedBefore := report.NotRun, false
	for _, o := range attempts {
		if o == report.NotRun {
			continue
		}
		failedBefore = failedBefore || final == report.Failed
		final = o
	}
	if final == report.Passed && failedBefore {
		return report.Flaky
	}
	return final
}

// checkAgreement compares the three reports in dir with godog's cucumber
// JSON, scenario by scenario, and Romaine's summary line with both.
func checkAgreement(t *testing.T, dir, out string, godogFiles ...string) {
	t.Helper()
	want := godogSays(t, godogFiles...)
	var tally report.Tally
	for _, attempts := range want {
		tally.Scenarios++
		switch result(attempts) {
		case report.Passed:
			tally.Passed++
		case report.Failed:
			tally.Failed++
		case report.Flaky:
			tally.Flaky++
		default:
			tally.NotRun++
		}
	}
	if !strings.Contains(out, "romaine: "+tally.String()+"\n") {
		t.Errorf("Romaine's summary line must read %q:\n%s", "romaine: "+tally.String(), out)
	}

	// The messages: every attempt of every scenario.
	envs, err := report.ReadFiles(filepath.Join(dir, "run.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	report.CheckReferences(t, envs)
	run := report.Build(envs)
	got := map[string][]report.Outcome{}
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			for _, a := range s.Attempts {
				got[s.Key()] = append(got[s.Key()], a.Outcome())
			}
		}
	}
	for key, w := range want {
		if !slices.Equal(got[key], w) {
			t.Errorf("messages: %s: godog says %v, the record %v", key, w, got[key])
		}
	}
	if len(got) != len(want) || run.Tally() != tally {
		t.Errorf("messages: %d scenarios (%s), godog ran %d (%s)", len(got), run.Tally(), len(want), tally)
	}

	// JUnit: a testcase per scenario, failed, skipped (not run) or passed.
	data, err := os.ReadFile(filepath.Join(dir, "junit.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var junit struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Cases []struct {
				File      string    `xml:"file,attr"`
				Line      string    `xml:"line,attr"`
				SystemOut string    `xml:"system-out"`
				Failure   *struct{} `xml:"failure"`
				Skipped   *struct{} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &junit); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, s := range junit.Suites {
		for _, c := range s.Cases {
			seen++
			key := c.File + ":" + c.Line
			w, ok := want[key]
			if !ok {
				t.Errorf("JUnit: testcase %s: godog ran no such scenario", key)
				continue
			}
			r := result(w)
			switch {
			case (c.Failure != nil) != (r == report.Failed),
				(c.Skipped != nil) != (r == report.NotRun),
				strings.Contains(c.SystemOut, "FLAKY") != (r == report.Flaky),
				len(w) > 1 && !strings.Contains(c.SystemOut, fmt.Sprintf(" of %d)", len(w))):
				t.Errorf("JUnit: testcase %s disagrees with godog (%v, so %s):\n%s", key, w, r, c.SystemOut)
			}
		}
	}
	if seen != len(want) || junit.Tests != len(want) || junit.Failures != tally.Failed {
		t.Errorf("JUnit: %d testcases (tests=%d failures=%d), godog ran %d scenarios, %d failed", seen, junit.Tests, junit.Failures, len(want), tally.Failed)
	}

	// HTML: a block per scenario, marked with its result.
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := map[string]string{}
	for _, m := range regexp.MustCompile(`<details id="([^"]+)" class="scenario ([a-z-]+)"`).FindAllStringSubmatch(string(page), -1) {
		blocks[m[1]] = m[2]
	}
	for key, w := range want {
		if class := blocks["s-"+slug.Of(key)]; class != strings.ReplaceAll(string(result(w)), " ", "-") {
			t.Errorf("HTML: %s is shown %q, godog says %v", key, class, w)
		}
	}
	if len(blocks) != len(want) {
		t.Errorf("HTML: %d scenarios, godog ran %d", len(blocks), len(want))
	}
	for _, w := range []string{fmt.Sprintf(`%d passed`, tally.Passed), fmt.Sprintf(`%d failed`, tally.Failed), fmt.Sprintf(`%d flaky`, tally.Flaky), fmt.Sprintf(`%d not run`, tally.NotRun)} {
		if !strings.Contains(string(page), w) {
			t.Errorf("HTML: the summary lacks %q", w)
		}
	}
}

// flakySteps are the steps of equal.feature that no app can give: one that
// fails the first time it runs in the run and passes after (a real failure,
// then a real pass), and one with which a scenario skips itself.
func flakySteps() func(*godog.ScenarioContext) {
	var failedOnce atomic.Bool
	return func(sc *godog.ScenarioContext) { registerFlakySteps(sc, &failedOnce) }
}

func registerFlakySteps(sc *godog.ScenarioContext, failedOnce *atomic.Bool) {
	sc.Step(`^this step fails the first time it runs$`, func(ctx context.Context) error {
		if failedOnce.CompareAndSwap(false, true) {
			return fmt.Errorf("failing the first time, as asked")
		}
		return nil
	})
	sc.Step(`^this scenario skips itself$`, func(ctx context.Context) error { return godog.ErrSkip })
}

// runAgainstGodog runs features at workers with one retry in order, godog
// writing its cucumber JSON and Romaine every report into one folder, and
// checks that they agree; it returns the run's status and output.
func runAgainstGodog(t *testing.T, features, workers, order string, more ...func(*godog.ScenarioContext)) (int, string) {
	t.Helper()
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join(dir, name) }
	status, out := runSuite(t, greeting, map[string]string{
		"ROMAINE_FEATURES": features,
		"ROMAINE_WORKERS":  workers,
		"ROMAINE_TIMEOUT":  "2s",
		"ROMAINE_RETRIES":  "1",
		"ROMAINE_ORDER":    order,
		"ROMAINE_TIMINGS":  in("timings.json"),
		"ROMAINE_FORMAT":   "progress,cucumber:" + in("cucumber.json"),
		"ROMAINE_REPORTS":  "junit:" + in("junit.xml") + ",html:" + in("report.html") + ",messages:" + in("run.ndjson"),
	}, more...)
	if strings.Contains(out, "disagree") {
		t.Fatalf("the run's own check found the reports disagreeing:\n%s", out)
	}
	checkAgreement(t, dir, out, in("cucumber.json"), in("cucumber.attempt2.json"))
	return status, out
}

// The case: 24 six-step scenarios (three failing, one passing when run
// again, one skipping itself) at two workers, in a random order across files
// (godog given FILE:LINE paths) with a retry: JUnit, HTML and messages agree
// with godog's own cucumber JSON, scenario by scenario and attempt by attempt.
// Before, JUnit had one testcase, "attempt 24 of 24".
func TestReportsAgreeWithGodogScenarioByScenario(t *testing.T) {
	status, out := runAgainstGodog(t, "testdata/features/equal.feature", "2", "random:7", flakySteps())
	if status == 0 || !strings.Contains(out, "romaine: 24 scenarios: 19 passed, 3 failed, 1 flaky, 1 not run") {
		t.Errorf("three scenarios fail, one passes on retry, one skips itself; status %d:\n%s", status, out)
	}
}

// A Scenario Outline's examples of equal length, a Rule with a Background of
// its own, in file order (godog given the file), the failed outline retried
// by its line (which runs all its examples again).
func TestReportsOfOutlinesAndRulesAgreeWithGodog(t *testing.T) {
	status, out := runAgainstGodog(t, "testdata/features/rules.feature", "1", "defined")
	if status == 0 || !strings.Contains(out, "romaine: 7 scenarios: 6 passed, 1 failed, 0 flaky, 0 not run") {
		t.Errorf("one example fails twice; status %d:\n%s", status, out)
	}
}
