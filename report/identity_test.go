package report

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
)

// outcomesByKey is what the report says of each scenario: its key, name and
// the outcome of each attempt.
func outcomesByKey(run *Run) map[string]string {
	out := map[string]string{}
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			out[s.Key()] = s.Name + ": " + joinOutcomes(s.outcomes())
		}
	}
	return out
}

// Scenarios with the same number of steps were all matched to the first of
// them when godog's pickles were matched by ID offsets (24 scenarios gave one
// testcase, "attempt 24 of 24"). Each must keep its identity, through retries
// by line as the scheduler runs them.
func TestScenariosOfEqualLengthKeepTheirIdentity(t *testing.T) {
	const uri = "testdata/features/equal.feature"
	g := newSim(t)
	g.run("testdata/checkout.feature", 0) // another file first: this one's IDs start further on
	pickles := g.feature(uri, 40)
	if len(pickles) != 24 {
		t.Fatalf("want 24 pickles, got %d", len(pickles))
	}
	line := func(i int) int64 { return int64(6 + 8*(i-1)) } // Greeting i's line
	fails := map[int]bool{5: true, 9: true, 13: true, 20: true}
	for i, p := range pickles {
		failAt := -1
		if fails[i+1] {
			failAt = 5
		}
		g.play(p, fmt.Sprint(i%2+1), failAt)
	}
	// The failed ones run again, by line: Greeting 09 passes this time.
	for _, p := range g.run(uri, 0, line(5), line(9), line(13), line(20)) {
		failAt := 5
		if p.Name == "Greeting 09" {
			failAt = -1
		}
		g.play(p, "1", failAt)
	}
	if err := g.check(); err != nil {
		t.Fatal(err)
	}
	run := Build(g.r.Envelopes())
	got := outcomesByKey(run)
	if len(got) != 24 {
		t.Fatalf("want 24 scenarios in the report, got %d: %v", len(got), got)
	}
	for i := 1; i <= 24; i++ {
		want := fmt.Sprintf("Greeting %02d: passed", i)
		switch {
		case i == 9:
			want = "Greeting 09: failed, then passed"
		case fails[i]:
			want = fmt.Sprintf("Greeting %02d: failed, then failed", i)
		}
		if key := fmt.Sprintf("%s:%d", uri, line(i)); got[key] != want {
			t.Errorf("%s: got %q, want %q", key, got[key], want)
		}
	}
	if tally := run.Tally(); tally != (Tally{Scenarios: 24, Passed: 20, Failed: 3, Flaky: 1}) {
		t.Errorf("tally: %s", tally)
	}
	suites := writeAndReadJUnit(t, run)
	if suites.Tests != 24 || suites.Failures != 3 || len(suites.Suites) != 1 {
		t.Fatalf("JUnit: want 24 testcases, 3 failures; got %d, %d", suites.Tests, suites.Failures)
	}
	for _, c := range suites.Suites[0].Cases {
		wantFlaky := c.Name == "Greeting 09"
		if strings.Contains(c.SystemOut, "FLAKY") != wantFlaky || (c.Failure != nil) != strings.Contains(got[c.File+":"+c.Line], "failed, then failed") {
			t.Errorf("JUnit testcase %s (line %s) disagrees with the record (%s):\n%s", c.Name, c.Line, got[c.File+":"+c.Line], c.SystemOut)
		}
	}
}

func writeAndReadJUnit(t *testing.T, run *Run) junitSuites {
	t.Helper()
	path := filepath.Join(t.TempDir(), "junit.xml")
	if err := WriteJUnit(path, run); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s junitSuites
	if err := xml.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// A Scenario Outline's examples have the same steps' count; each example is a
// scenario of its own, at its row's line. A Rule may have a Background of its
// own. godog cannot run one example alone: the outline, retried by its line,
// runs every example again.
func TestOutlinesRulesAndBackgrounds(t *testing.T) {
	const uri = "testdata/features/rules.feature"
	g := newSim(t)
	pickles := g.run(uri, 7)
	var names []string
	for _, p := range pickles {
		names = append(names, p.Name)
	}
	if got := strings.Join(names, "|"); got != "Before any rule|Seeing Hello|Seeing reader|Seeing Goodbye|Seeing Wave|Reading the greeting|Reading the button" {
		t.Fatalf("pickles: %s", got)
	}
	for _, p := range pickles {
		failAt := -1
		if p.Name == "Seeing Goodbye" {
			failAt = 3 // after both Backgrounds' steps and the click
		}
		g.play(p, "1", failAt)
	}
	again := g.run(uri, 0, 14)
	if len(again) != 4 {
		t.Fatalf("the outline by its line runs its 4 examples, got %d", len(again))
	}
	for _, p := range again {
		g.play(p, "2", -1)
	}
	if err := g.check(); err != nil {
		t.Fatal(err)
	}
	run := Build(g.r.Envelopes())
	want := map[string]string{
		uri + ":6":  "Before any rule: passed",
		uri + ":20": "Seeing Hello: passed, then passed",
		uri + ":21": "Seeing reader: passed, then passed",
		uri + ":22": "Seeing Goodbye: failed, then passed",
		uri + ":23": "Seeing Wave: passed, then passed",
		uri + ":27": "Reading the greeting: passed",
		uri + ":30": "Reading the button: passed",
	}
	got := outcomesByKey(run)
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: got %q, want %q", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("want %d scenarios, got %v", len(want), got)
	}
	// The steps are the pickle's: the Backgrounds' first, with their keywords.
	goodbye := run.Features[0].Scenarios[3].Attempts[0]
	var steps []string
	for _, st := range goodbye.Steps {
		steps = append(steps, st.Keyword+st.Text+"="+string(st.Status))
	}
	if s := strings.Join(steps, "|"); s != `Given I am on "/"=PASSED|Given I should see "Wave"=PASSED|When I click "Wave"=PASSED|Then I should see "Goodbye"=FAILED` {
		t.Errorf("Seeing Goodbye's first attempt: %s", s)
	}
}

// playNotRun plays a scenario the run was stopped before: terrain's before
// hook skips it, so godog skips every step.
func (s *sim) playNotRun(p *messages.Pickle) {
	s.fmt.Pickle(p)
	a := s.r.start(p, "")
	for i, st := range p.Steps {
		a.stepStarted(st)
		var err error
		if i == 0 {
			err = fmt.Errorf("before scenario hook failed: the run was interrupted: %w", godog.ErrSkip)
		}
		a.stepFinished(st, godog.StepSkipped, err, nil)
		s.fmt.Skipped(p, st, nil)
	}
	a.finish(nil)
}

// Scenarios the run never started are not run, never passed (godog's summary
// counts them passed); an attempt not run after one that failed leaves the
// scenario failed.
func TestScenariosThatNeverStartedAreNotRun(t *testing.T) {
	g := newSim(t)
	pickles := g.run("testdata/checkout.feature", 0)
	g.play(pickles[0], "1", 1)
	g.playNotRun(pickles[1])
	g.playNotRun(pickles[2])
	g.playNotRun(g.run("testdata/checkout.feature", 0, 7)[0]) // its retry, stopped too
	if err := g.check(); err != nil {
		t.Fatal(err)
	}
	run := Build(g.r.Envelopes())
	if got := run.Tally(); got != (Tally{Scenarios: 3, Failed: 1, NotRun: 2}) || run.Success() {
		t.Fatalf("tally %s, success %v", got, run.Success())
	}
	if got := g.results.Tally(); got != run.Tally() {
		t.Errorf("godog's results tally %s, the report's %s", got, run.Tally())
	}
	suites := writeAndReadJUnit(t, run)
	cases := suites.Suites[0].Cases
	if suites.Suites[0].Skipped != 2 || cases[0].Failure == nil || !strings.Contains(cases[0].SystemOut, "attempt 1 of 2") {
		t.Errorf("JUnit: want card failed on attempt 1 of 2 and two skipped, got %+v", suites.Suites[0])
	}
	for _, c := range cases[1:] {
		if c.Skipped == nil || c.Skipped.Message != "not run: before scenario hook failed: the run was interrupted: skipped" {
			t.Errorf("%s: want it skipped as not run, with the reason; got %+v", c.Name, c.Skipped)
		}
	}
	var page strings.Builder
	if err := WriteHTML(&page, run); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<span id="not-run">2 not run</span>`, `class="scenario not-run"`, `<span class="badge not-run">not run</span>`} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("the HTML report lacks %s", want)
		}
	}
}

// The run's check finds a report that says something else than godog.
func TestCheckFindsWhereTheReportDisagrees(t *testing.T) {
	g := newSim(t)
	pickles := g.run("testdata/checkout.feature", 0)
	g.play(pickles[0], "1", 1)
	g.play(pickles[1], "1", -1)
	g.play(pickles[2], "1", -1)
	envs := g.r.Envelopes()
	var kept []*messages.Envelope
	for _, e := range envs {
		if r := e.TestStepFinished; r != nil && r.TestStepResult.Status == messages.TestStepResultStatus_FAILED {
			copied := *r.TestStepResult
			copied.Status = messages.TestStepResultStatus_PASSED
			e = &messages.Envelope{TestStepFinished: &messages.TestStepFinished{TestCaseStartedId: r.TestCaseStartedId, TestStepId: r.TestStepId, TestStepResult: &copied}}
		}
		if e.Pickle != nil && e.Pickle.Name == "Shipping to Japan" {
			continue // and the report loses a scenario
		}
		kept = append(kept, e)
	}
	err := Check(Build(kept), g.results, nil)
	if err == nil {
		t.Fatal("the check found nothing wrong")
	}
	for _, want := range []string{
		`the reports disagree with the run`,
		`testdata/checkout.feature:7 "Paying by card": godog's attempts came to failed, the report's to passed`,
		`testdata/checkout.feature:18 "Shipping to Japan": godog ran it (passed), the report does not have it`,
		`godog's run: 3 scenarios: 2 passed, 1 failed, 0 flaky, 0 not run; the report: 2 scenarios: 2 passed, 0 failed, 0 flaky, 0 not run`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the check's error lacks %q:\n%v", want, err)
		}
	}
}

// A scenario the record cannot place by its line (godog ran without Romaine's
// results formatter, so its documents were never seen) is not guessed at: the
// check fails, saying so.
func TestAScenarioThatCannotBePlacedFailsTheCheck(t *testing.T) {
	g := newSim(t)
	p := g.run("testdata/checkout.feature", 0)[0]
	g.results = NewResults() // another run's account: it never saw the document
	g.r.godog = g.results
	g.fmt = g.results.Formatter()
	g.play(p, "1", -1)
	err := g.check()
	if err == nil || !strings.Contains(err.Error(), `scenario "Paying by card" of testdata/checkout.feature could not be placed in the report: godog ran "Paying by card" of testdata/checkout.feature without showing its document`) {
		t.Fatalf("want the check to fail on the scenario it could not place, got %v", err)
	}
}
