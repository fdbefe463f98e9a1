package report

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v42"
	"github.com/cucumber/godog"
	"github.com/cucumber/godog/formatters"
	messages "github.com/cucumber/messages/go/v34"
)

// sim plays godog's part for the recorder: its runs, its documents, the hooks
// it calls and the formatter events it sends.
type sim struct {
	t       *testing.T
	results *Results
	r       *Recorder
	fmt     formatters.Formatter // the current godog run's
}

func newSim(t *testing.T) *sim {
	res := NewResults()
	return &sim{t: t, results: res, r: NewRecorder(res)}
}

// run starts a godog run (an attempt) over uri, compiled as godog compiles it:
// one ID counter for the whole run, so a file's IDs start at offset, where the
// files before it ended. With lines, godog was given uri:LINE paths: only those
// scenarios, and their URI carries the line. It returns the pickles in order.
func (s *sim) run(uri string, offset int, lines ...int64) []*messages.Pickle {
	s.t.Helper()
	s.fmt = s.results.Formatter()
	return s.feature(uri, offset, lines...)
}

// feature adds one more feature file to the current godog run.
func (s *sim) feature(uri string, offset int, lines ...int64) []*messages.Pickle {
	s.t.Helper()
	data, err := os.ReadFile(uri)
	if err != nil {
		s.t.Fatal(err)
	}
	n := offset
	next := func() string { id := strconv.Itoa(n); n++; return id }
	doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(data), next)
	if err != nil {
		s.t.Fatal(err)
	}
	doc.Uri = uri
	pickles := gherkin.Pickles(*doc, uri, next)
	if len(lines) == 0 {
		s.fmt.Feature(doc, uri, data)
		return pickles
	}
	var out []*messages.Pickle
	ix := indexDocument(doc)
	for _, line := range lines {
		path := uri + ":" + strconv.FormatInt(line, 10)
		s.fmt.Feature(doc, path, data)
		for _, p := range pickles {
			if ix.scenarios[p.AstNodeIds[0]].Location.Line == line {
				q := *p
				q.Uri = path
				out = append(out, &q)
			}
		}
	}
	return out
}

// play runs a pickle through the recorder's hooks and godog's formatter events
// as godog would: every step passes except failAt (-1 for none); steps after a
// failure are skipped.
func (s *sim) play(p *messages.Pickle, worker string, failAt int) {
	s.fmt.Pickle(p)
	a := s.r.start(p, worker)
	var failed error
	for i, st := range p.Steps {
		a.stepStarted(st)
		switch {
		case failed != nil:
			a.stepFinished(st, godog.StepSkipped, nil, nil)
			s.fmt.Skipped(p, st, nil)
		case i == failAt:
			failed = errors.New("expected \"Thank you\" <b>on the page</b>")
			a.stepFinished(st, godog.StepFailed, failed, []godog.Attachment{
				{Body: []byte("\x89PNG fake"), FileName: "screenshot.png", MediaType: "image/png"},
				{Body: []byte("<html><body>Oops</body></html>"), FileName: "page.html", MediaType: "text/html"},
			})
			s.fmt.Failed(p, st, nil, failed)
		default:
			a.stepFinished(st, godog.StepPassed, nil, nil)
			s.fmt.Passed(p, st, nil)
		}
	}
	a.finish(failed)
}

// check is the run's invariant over what was played.
func (s *sim) check() error {
	return Check(Build(s.r.Envelopes()), s.results, s.r.Problems())
}

func TestRecorderKeepsEveryAttemptKeyedByURIAndLine(t *testing.T) {
	g := newSim(t)
	pickles := g.run("testdata/checkout.feature", 57)
	if len(pickles) != 3 {
		t.Fatalf("expected 3 pickles, got %d", len(pickles))
	}
	g.play(pickles[0], "1", 2)  // Paying by card fails ...
	g.play(pickles[1], "2", -1) // France passes
	g.play(pickles[2], "2", 1)  // Japan fails
	// ... and is retried, by its line, as the scheduler retries: godog compiles
	// the same scenario again with new IDs.
	again := g.run("testdata/checkout.feature", 300, 7)
	g.play(again[0], "2", -1)
	if err := g.check(); err != nil {
		t.Fatal(err)
	}
	envs := g.r.Envelopes()
	checkReferences(t, envs)

	run := Build(envs)
	if len(run.Features) != 1 || run.Features[0].Name != "Checkout" {
		t.Fatalf("features: %+v", run.Features)
	}
	scs := run.Features[0].Scenarios
	var keys []string
	for _, s := range scs {
		keys = append(keys, s.Key()+"="+s.Name)
	}
	want := "testdata/checkout.feature:7=Paying by card|testdata/checkout.feature:17=Shipping to France|testdata/checkout.feature:18=Shipping to Japan"
	if got := strings.Join(keys, "|"); got != want {
		t.Fatalf("scenarios:\n got %s\nwant %s", got, want)
	}
	card := scs[0]
	if len(card.Attempts) != 2 || card.Attempts[0].Passed() || !card.Final().Passed() || !card.Flaky() || card.Final().Worker != "2" {
		t.Fatalf("Paying by card: want a failed then a passed attempt (flaky) on worker 2, got %d attempts, flaky=%v", len(card.Attempts), card.Flaky())
	}
	first := card.Attempts[0]
	if f := first.Failed(); f == nil || f.Keyword != "Then " || f.Text != `I should see "Thank you"` || len(f.Attachments) != 2 || first.Steps[0].Keyword != "Given " {
		t.Fatalf("first attempt's failure: %+v", first.Failed())
	}
	if got := run.Tally(); got != (Tally{Scenarios: 3, Passed: 1, Failed: 1, Flaky: 1}) || run.Success() {
		t.Fatalf("counts: %s, success %v", got, run.Success())
	}

	var started, retried, finished int
	for _, e := range envs {
		if e.TestCaseStarted != nil {
			started++
		}
		if e.TestCaseFinished != nil {
			finished++
			if e.TestCaseFinished.WillBeRetried {
				retried++
			}
		}
	}
	if started != 4 || finished != 4 || retried != 1 {
		t.Fatalf("want 4 attempts, 1 of them retried; got started %d finished %d retried %d", started, finished, retried)
	}
	last := envs[len(envs)-1].TestRunFinished
	if last == nil || last.Success {
		t.Fatalf("the record must end with an unsuccessful TestRunFinished, got %+v", envs[len(envs)-1])
	}
}

func TestShardsConcatenateIntoOneRun(t *testing.T) {
	// Shards are given the scenarios by line, as the scheduler gives them.
	shard1, shard2 := newSim(t), newSim(t)
	shard1.play(shard1.run("testdata/checkout.feature", 0, 7)[0], "1", -1)
	for _, p := range shard2.run("testdata/checkout.feature", 0, 11) {
		shard2.play(p, "1", -1)
	}
	var buf bytes.Buffer
	for _, g := range []*sim{shard2, shard1} { // in either order
		if err := WriteNDJSON(&buf, g.r.Envelopes()); err != nil {
			t.Fatal(err)
		}
	}
	envs, err := ReadNDJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	checkReferences(t, envs)
	run := Build(envs)
	if n := len(run.Features[0].Scenarios); len(run.Features) != 1 || n != 3 || !run.Success() {
		t.Fatalf("two shards' records should read as one feature with 3 passing scenarios; got %d features, %d scenarios", len(run.Features), n)
	}
	for _, s := range run.Features[0].Scenarios {
		if len(s.Attempts) != 1 {
			t.Errorf("%s: %d attempts, want 1 (IDs of two shards must not collide)", s.Key(), len(s.Attempts))
		}
	}
}

func TestAfterScenarioHookErrorFailsTheLastStep(t *testing.T) {
	g := newSim(t)
	p := g.run("testdata/checkout.feature", 0)[1]
	r := g.r
	a := r.start(p, "1")
	for _, st := range p.Steps {
		a.stepStarted(st)
		a.stepFinished(st, godog.StepPassed, nil, nil)
	}
	a.finish(errors.New("after-scenario hook: closing the page: gone"))
	f := Build(r.Envelopes()).Features[0].Scenarios[0].Final().Failed()
	if f == nil || !strings.Contains(f.Error, "closing the page") {
		t.Fatalf("the hook's error must fail the scenario on its last step, got %+v", f)
	}
}

func TestReadNDJSONSaysWhichMessageIsBroken(t *testing.T) {
	_, err := ReadNDJSON(strings.NewReader("{\"meta\":{}}\n{not json\n"))
	if err == nil || !strings.Contains(err.Error(), "message 2") {
		t.Fatalf("want an error naming message 2, got %v", err)
	}
}

func TestParseOutputs(t *testing.T) {
	got, err := ParseOutputs(" junit:out/a.xml, html:r.html,messages:run.ndjson ")
	if err != nil || len(got) != 3 || got[0] != (Output{"junit", "out/a.xml"}) || got[2] != (Output{"messages", "run.ndjson"}) {
		t.Fatalf("got %v, %v", got, err)
	}
	for spec, want := range map[string]string{
		"pdf:x.pdf":                `unknown report kind "pdf"; kinds: messages, junit, html`,
		"html":                     "names no file: write KIND:PATH",
		"html:a.html,junit:a.html": "a.html is named twice",
	} {
		if _, err := ParseOutputs(spec); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: want an error containing %q, got %v", spec, want, err)
		}
	}
}

// A feature godog was given as bytes (no file to read again) is recorded from
// the content godog parsed, scenario by scenario.
func TestFeatureThatCannotBeReadAgain(t *testing.T) {
	g := newSim(t)
	data, err := os.ReadFile("testdata/checkout.feature")
	if err != nil {
		t.Fatal(err)
	}
	g.fmt = g.results.Formatter()
	n := 0
	doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(data), func() string { n++; return strconv.Itoa(n) })
	if err != nil {
		t.Fatal(err)
	}
	g.fmt.Feature(doc, "in-memory.feature", data)
	for _, p := range gherkin.Pickles(*doc, "in-memory.feature", func() string { n++; return strconv.Itoa(n) }) {
		g.play(p, "1", -1)
	}
	if err := g.check(); err != nil {
		t.Fatal(err)
	}
	run := Build(g.r.Envelopes())
	if len(run.Features) != 1 || run.Features[0].Name != "Checkout" || len(run.Features[0].Scenarios) != 3 || run.Features[0].Scenarios[2].Key() != "in-memory.feature:18" {
		t.Fatalf("want the three scenarios of in-memory.feature, got %+v", run.Features)
	}
}

// checkReferences fails when a message names an ID no earlier message defined,
// as a Cucumber tool reading the stream would.
func checkReferences(t *testing.T, envs []*messages.Envelope) {
	t.Helper()
	defined := map[string]bool{}
	need := func(kind, id string) {
		if !defined[id] {
			t.Errorf("%s %q is used before it is defined", kind, id)
		}
	}
	for _, e := range envs {
		switch {
		case e.TestRunStarted != nil:
			defined[e.TestRunStarted.Id] = true
		case e.GherkinDocument != nil:
			ix := indexDocument(e.GherkinDocument)
			for id := range ix.scenarios {
				defined[id] = true
			}
			for id := range ix.steps {
				defined[id] = true
			}
			for id := range ix.rows {
				defined[id] = true
			}
		case e.Pickle != nil:
			for _, id := range e.Pickle.AstNodeIds {
				need("AST node", id)
			}
			defined[e.Pickle.Id] = true
			for _, st := range e.Pickle.Steps {
				for _, id := range st.AstNodeIds {
					need("AST node", id)
				}
				defined[st.Id] = true
			}
		case e.TestCase != nil:
			need("pickle", e.TestCase.PickleId)
			need("test run", e.TestCase.TestRunStartedId)
			defined[e.TestCase.Id] = true
			for _, ts := range e.TestCase.TestSteps {
				need("pickle step", ts.PickleStepId)
				defined[ts.Id] = true
			}
		case e.TestCaseStarted != nil:
			need("test case", e.TestCaseStarted.TestCaseId)
			defined[e.TestCaseStarted.Id] = true
		case e.TestStepStarted != nil:
			need("test case started", e.TestStepStarted.TestCaseStartedId)
			need("test step", e.TestStepStarted.TestStepId)
		case e.TestStepFinished != nil:
			need("test case started", e.TestStepFinished.TestCaseStartedId)
			need("test step", e.TestStepFinished.TestStepId)
		case e.Attachment != nil:
			need("test case started", e.Attachment.TestCaseStartedId)
			need("test step", e.Attachment.TestStepId)
		case e.TestCaseFinished != nil:
			need("test case started", e.TestCaseFinished.TestCaseStartedId)
		case e.TestRunFinished != nil:
			need("test run", e.TestRunFinished.TestRunStartedId)
		}
	}
}
