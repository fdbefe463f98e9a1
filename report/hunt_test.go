package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
	"github.com/google/go-cmp/cmp"
)

// hunted attempt: two steps, the second failing when fail; sh is its note.
func huntAttempt(sh Shake, fail bool) *Attempt {
	second := &Step{Keyword: "Then ", Text: "the stock shown should be 7", Status: messages.TestStepResultStatus_PASSED}
	if fail {
		second.Status, second.Error = messages.TestStepResultStatus_FAILED, "the stock reads 4, want 7\nsecond line"
	}
	return &Attempt{Shake: &sh, Replay: &Replay{Seed: 500 + int64(sh.Round)}, Steps: []*Step{
		{Keyword: "Given ", Text: "I am on the product page", Status: messages.TestStepResultStatus_PASSED}, second}}
}

// huntRun is a run of three scenarios hunted 6 times: one fails under the
// app's latency alone (and two of its failures were replayed), one never
// fails, one always does; and an attempt the run never started, which does
// not count.
func huntRun() *Run {
	f := &Feature{URI: "features/stock.feature", Name: "Stock"}
	path := "features/stock.feature:3"
	flaky := &Scenario{Feature: f, Name: "Reading the stock once", URI: f.URI, Line: 3}
	for round := 1; round <= 6; round++ {
		kinds := []string{"CPU"}
		if round%2 == 0 {
			kinds = append(kinds, "app latency")
		}
		flaky.Attempts = append(flaky.Attempts, huntAttempt(Shake{Seed: uint64(3000000000 + round), Text: strings.Join(kinds, "+"), Kinds: kinds, Round: round, Workers: round%3 + 1, Path: path}, round%2 == 0))
	}
	flaky.Attempts = append(flaky.Attempts, &Attempt{Shake: &Shake{Seed: 1, Round: 7, Path: path}, Steps: []*Step{{Status: messages.TestStepResultStatus_SKIPPED}}})
	// The first failure's seed replayed twice, failing at the same step; the
	// second's once, passing; the third's not at all. An aside does not count.
	for _, r := range []struct {
		seed uint64
		fail bool
	}{{3000000002, true}, {3000000002, true}, {3000000004, false}} {
		a := huntAttempt(Shake{Seed: r.seed, Replay: true, Kinds: []string{"app latency"}, Path: path}, r.fail)
		flaky.Attempts = append(flaky.Attempts, a)
	}
	flaky.Attempts = append(flaky.Attempts, huntAttempt(Shake{Seed: 3000000002, Aside: true, Path: path}, true))
	steady := &Scenario{Feature: f, Name: "Opening a product", URI: f.URI, Line: 9}
	broken := &Scenario{Feature: f, Name: "Selling what is not there", URI: f.URI, Line: 15}
	for round := 1; round <= 6; round++ {
		steady.Attempts = append(steady.Attempts, huntAttempt(Shake{Seed: uint64(3100000000 + round), Text: "CPU", Kinds: []string{"CPU"}, Round: round, Path: "features/stock.feature:9"}, false))
		broken.Attempts = append(broken.Attempts, huntAttempt(Shake{Seed: uint64(3200000000 + round), Text: "network", Kinds: []string{"network"}, Round: round, Path: "features/stock.feature:15"}, true))
	}
	plain := &Scenario{Feature: f, Name: "Not hunted", URI: f.URI, Line: 20, Attempts: []*Attempt{huntAttempt(Shake{}, false)}}
	plain.Attempts[0].Shake = nil
	f.Scenarios = []*Scenario{steady, flaky, broken, plain}
	return &Run{Features: []*Feature{f}}
}

func TestHuntVerdict(t *testing.T) {
	h := huntRun().Hunt()
	var b bytes.Buffer
	h.WriteText(&b)
	want := `romaine: flake hunt: 1 likely flaky, 1 failing every time, 1 steady (6 attempts per scenario, each under its own perturbation)
  likely flaky      3 of 6  failed  features/stock.feature:3  Reading the stock once
      failing step (3): Then the stock shown should be 7
      broke it most: app latency (3 of 3 attempts with it failed, 0 of 3 without)
      attempt 2 under CPU+app latency: the stock reads 4, want 7; reproduced 2 of 2 replays
        ROMAINE_SHAKE=3000000002 ROMAINE_SEED=502 ROMAINE_FEATURES=features/stock.feature:3
      attempt 4 under CPU+app latency: the stock reads 4, want 7; reproduced 0 of 1 replays
        ROMAINE_SHAKE=3000000004 ROMAINE_SEED=504 ROMAINE_FEATURES=features/stock.feature:3
      attempt 6 under CPU+app latency: the stock reads 4, want 7; not replayed
        ROMAINE_SHAKE=3000000006 ROMAINE_SEED=506 ROMAINE_FEATURES=features/stock.feature:3
  fails every time  6 of 6  failed  features/stock.feature:15  Selling what is not there
      failing step (6): Then the stock shown should be 7
      attempt 1 under network: the stock reads 4, want 7; not replayed
        ROMAINE_SHAKE=3200000001 ROMAINE_SEED=501 ROMAINE_FEATURES=features/stock.feature:15
      attempt 2 under network: the stock reads 4, want 7; not replayed
        ROMAINE_SHAKE=3200000002 ROMAINE_SEED=502 ROMAINE_FEATURES=features/stock.feature:15
      attempt 3 under network: the stock reads 4, want 7; not replayed
        ROMAINE_SHAKE=3200000003 ROMAINE_SEED=503 ROMAINE_FEATURES=features/stock.feature:15
      attempt 4 under network: the stock reads 4, want 7; not replayed
        ROMAINE_SHAKE=3200000004 ROMAINE_SEED=504 ROMAINE_FEATURES=features/stock.feature:15
      attempt 5 under network: the stock reads 4, want 7; not replayed
        ROMAINE_SHAKE=3200000005 ROMAINE_SEED=505 ROMAINE_FEATURES=features/stock.feature:15
      attempt 6 under network: the stock reads 4, want 7; not replayed
        ROMAINE_SHAKE=3200000006 ROMAINE_SEED=506 ROMAINE_FEATURES=features/stock.feature:15
  steady            0 of 6  failed  features/stock.feature:9  Opening a product
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("verdict mismatch (-want +got):\n%s", diff)
	}
	if (&Run{Features: []*Feature{{Scenarios: []*Scenario{huntRun().Features[0].Scenarios[3]}}}}).Hunt() != nil {
		t.Error("a run with no hunted attempt has a hunt verdict")
	}
}

// Which kind broke a scenario most: the kind whose attempts failed more
// often than those without it, not merely the kind most failures had.
func TestCulpritIsTheKindThatMadeTheDifference(t *testing.T) {
	var attempts []*Attempt
	for i, c := range []struct {
		kinds []string
		fail  bool
	}{
		// CPU is on in every failure, but just as often in the passes.
		{[]string{"CPU", "response jitter"}, true},
		{[]string{"CPU", "response jitter"}, true},
		{[]string{"CPU"}, false},
		{[]string{"CPU"}, false},
		{[]string{"response jitter"}, true},
		{nil, false},
	} {
		attempts = append(attempts, huntAttempt(Shake{Round: i + 1, Kinds: c.kinds}, c.fail))
	}
	got := culprit(attempts)
	if got == nil || got.String() != "response jitter (3 of 3 attempts with it failed, 0 of 3 without)" {
		t.Errorf("culprit %v, want response jitter", got)
	}
	for _, a := range attempts {
		a.Shake.Kinds = []string{"CPU"}
	}
	if got := culprit(attempts); got != nil {
		t.Errorf("every attempt had CPU, failed or not: culprit %v, want none", got)
	}
}

// The note travels on the record: attached to a step as the hunter attaches
// it, it is the attempt's Shake and no attachment; the HTML report and JUnit
// show the verdict, JUnit valid against the Jenkins schema.
func TestHuntVerdictInTheReports(t *testing.T) {
	g := newSim(t)
	for round := 1; round <= 2; round++ {
		for i, p := range g.run("testdata/checkout.feature", 100*round) {
			sh := Shake{Seed: uint64(3000000000 + 10*round + i), Text: "CPU 3x slower", Kinds: []string{"CPU"}, Round: round, Workers: 2, Path: "testdata/checkout.feature:7"}
			g.playShaken(p, "1", map[bool]int{true: 1, false: -1}[i == 0 && round == 2], sh)
		}
	}
	run := Build(g.r.Envelopes())
	card := run.Features[0].Scenarios[0]
	if card.Attempts[1].Shake == nil || card.Attempts[1].Shake.Seed != 3000000020 {
		t.Fatalf("the second attempt's shake: %+v", card.Attempts[1].Shake)
	}
	for _, a := range card.Attempts {
		for _, st := range a.Steps {
			for _, at := range st.Attachments {
				if at.MediaType == ShakeMediaType {
					t.Errorf("the hunter's note is shown as an attachment of %q", st.Text)
				}
			}
		}
	}
	var page bytes.Buffer
	if err := WriteHTML(&page, run); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<h2>Flake hunt <span class="meta">2 attempts per scenario`,
		`<span id="hunt-flaky">1 likely flaky</span>`,
		`<tr class="likely-flaky"><td class="verdict">likely flaky</td><td><a href="#s-testdata-checkout.feature-7">Paying by card</a>`,
		`attempt 2: CPU 3x slower (2 scenarios at once): When I pay by card: expected &#34;Thank you&#34; on the page; not replayed`,
		`<code class="command">ROMAINE_SHAKE=3000000020 ROMAINE_FEATURES=testdata/checkout.feature:7</code>`,
		`<p class="meta shake">Hunt attempt 2 under CPU 3x slower (ROMAINE_SHAKE=3000000020), 2 scenarios at once</p>`,
	} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("the HTML report lacks %s", want)
		}
	}
	checkFetchesNothing(t, page.String())
	path := filepath.Join(t.TempDir(), "junit.xml")
	if err := WriteJUnit(path, run); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := validateJUnit(loadSchema(t, "testdata/jenkins-junit.xsd"), bytes.NewReader(data)); err != nil {
		t.Fatalf("not valid against the Jenkins JUnit schema: %v", err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	hunt := doc.Suites[len(doc.Suites)-1]
	if hunt.Name != "flake hunt" || hunt.Tests != 3 || hunt.Failures != 1 || hunt.Cases[0].Failure == nil || hunt.Cases[0].Name != "Paying by card" {
		t.Fatalf("the flake hunt suite: %+v", hunt)
	}
	for _, want := range []string{"likely flaky: 1 of 2 attempts failed", "ROMAINE_SHAKE=3000000020 ROMAINE_FEATURES=testdata/checkout.feature:7"} {
		if !strings.Contains(hunt.Cases[0].Failure.Text, want) {
			t.Errorf("the failure of the flaky case lacks %q:\n%s", want, hunt.Cases[0].Failure.Text)
		}
	}
	if !strings.Contains(hunt.SystemOut, "romaine: flake hunt: 1 likely flaky, 0 failing every time, 2 steady") {
		t.Errorf("the suite's output lacks the verdict:\n%s", hunt.SystemOut)
	}
}

// playShaken is play with the hunter's note attached to the attempt's last
// step that ran, as terrain attaches the recorder's files.
func (s *sim) playShaken(p *messages.Pickle, worker string, failAt int, sh Shake) {
	s.fmt.Pickle(p)
	a := s.r.start(p, worker)
	body, _ := json.Marshal(sh)
	note := []godog.Attachment{{Body: body, FileName: "shake.json", MediaType: ShakeMediaType}}
	var failed error
	for i, st := range p.Steps {
		a.stepStarted(st)
		last := i == len(p.Steps)-1 || i == failAt
		switch {
		case failed != nil:
			a.stepFinished(st, godog.StepSkipped, nil, nil)
			s.fmt.Skipped(p, st, nil)
		case i == failAt:
			failed = errors.New("expected \"Thank you\" on the page")
			a.stepFinished(st, godog.StepFailed, failed, note)
			s.fmt.Failed(p, st, nil, failed)
		default:
			var at []godog.Attachment
			if last {
				at = note
			}
			a.stepFinished(st, godog.StepPassed, nil, at)
			s.fmt.Passed(p, st, nil)
		}
	}
	a.finish(failed)
}
