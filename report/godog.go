package report

import (
	"fmt"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/cucumber/godog/formatters"
	messages "github.com/cucumber/messages/go/v34"
)

// Results is godog's own account of a run, read from its formatter events: the
// documents it parsed (with its own node IDs, so a pickle is placed by its
// line, never by lining up two lists) and what became of every scenario it
// ran. One Romaine run may be several godog runs (retries): each is an attempt.
// It is the reports' source of identity and the run's truth they are checked
// against; it is safe for concurrent use.
type Results struct {
	mu   sync.Mutex
	runs []*godogRun
}

// godogRun is one godog run (one attempt).
type godogRun struct {
	docs    map[string]*godogDoc // by URI as godog gives it (FILE or FILE:LINE)
	pickles []*godogPickle       // in the order godog reported them
	byID    map[string]*godogPickle
}

type godogDoc struct {
	uri     string // CleanURI of godog's
	index   *astIndex
	content []byte
}

// godogPickle is one scenario godog ran, and what its steps came to: only
// what its outcome needs, since a long run keeps one for each scenario.
type godogPickle struct {
	uri         string // the feature file, without godog's :LINE
	line        int64  // the scenario's line, or its example row's
	name        string
	steps, seen int // its steps, and those godog reported
	tally       stepTally
}

// NewResults starts godog's account of a run.
func NewResults() *Results { return &Results{} }

// Formatter begins the account of one more godog run (an attempt) and returns
// the godog formatter that keeps it; register it with godog.Format and add its
// name to the run's format. It writes nothing.
func (r *Results) Formatter() formatters.Formatter {
	r.mu.Lock()
	defer r.mu.Unlock()
	g := &godogRun{docs: map[string]*godogDoc{}, byID: map[string]*godogPickle{}}
	r.runs = append(r.runs, g)
	return &resultsFormatter{r: r, run: g}
}

// CleanURI is a feature's identity as a path: without godog's :LINE suffix,
// cleaned and slash-separated, so "./a.feature" and "a.feature:7" are one file.
func CleanURI(uri string) string {
	return filepath.ToSlash(filepath.Clean(lineSuffix.ReplaceAllString(uri, "")))
}

// place finds where godog's pickle p is written, from the document godog
// parsed in its current run: the feature file, the line of its scenario (of
// its example row, for an outline), and the file's content as godog read it.
func (r *Results) place(p *messages.Pickle) (uri string, line int64, content []byte, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.runs) == 0 {
		return "", 0, nil, fmt.Errorf("godog's documents were not seen (Romaine's results formatter is not in godog's format)")
	}
	d := r.runs[len(r.runs)-1].docs[p.Uri]
	if d == nil {
		return "", 0, nil, fmt.Errorf("godog ran %q of %s without showing its document to Romaine's results formatter", p.Name, p.Uri)
	}
	line = d.index.line(p)
	if line == 0 {
		return "", 0, nil, fmt.Errorf("godog's pickle %q names no scenario of %s", p.Name, p.Uri)
	}
	return CleanURI(p.Uri), line, d.content, nil
}

// resultsFormatter is the godog formatter of one godog run.
type resultsFormatter struct {
	r   *Results
	run *godogRun
}

func (f *resultsFormatter) TestRunStarted() {}

func (f *resultsFormatter) Feature(doc *messages.GherkinDocument, uri string, content []byte) {
	f.r.mu.Lock()
	defer f.r.mu.Unlock()
	f.run.docs[uri] = &godogDoc{uri: CleanURI(uri), index: indexDocument(doc), content: content}
}

func (f *resultsFormatter) Pickle(p *messages.Pickle) {
	f.r.mu.Lock()
	defer f.r.mu.Unlock()
	gp := &godogPickle{uri: CleanURI(p.Uri), name: p.Name, steps: len(p.Steps)}
	if d := f.run.docs[p.Uri]; d != nil {
		gp.uri, gp.line = d.uri, d.index.line(p)
	}
	f.run.pickles = append(f.run.pickles, gp)
	f.run.byID[p.Id] = gp
}

func (f *resultsFormatter) step(p *messages.Pickle, s messages.TestStepResultStatus) {
	f.r.mu.Lock()
	defer f.r.mu.Unlock()
	gp := f.run.byID[p.Id]
	if gp == nil {
		return
	}
	gp.tally.add(s)
	if gp.seen++; gp.seen >= gp.steps {
		delete(f.run.byID, p.Id) // its last step: nothing more comes for it
	}
}

func (f *resultsFormatter) Defined(*messages.Pickle, *messages.PickleStep, *formatters.StepDefinition) {
}

func (f *resultsFormatter) Passed(p *messages.Pickle, _ *messages.PickleStep, _ *formatters.StepDefinition) {
	f.step(p, messages.TestStepResultStatus_PASSED)
}

func (f *resultsFormatter) Failed(p *messages.Pickle, _ *messages.PickleStep, _ *formatters.StepDefinition, _ error) {
	f.step(p, messages.TestStepResultStatus_FAILED)
}

func (f *resultsFormatter) Skipped(p *messages.Pickle, _ *messages.PickleStep, _ *formatters.StepDefinition) {
	f.step(p, messages.TestStepResultStatus_SKIPPED)
}

func (f *resultsFormatter) Undefined(p *messages.Pickle, _ *messages.PickleStep, _ *formatters.StepDefinition) {
	f.step(p, messages.TestStepResultStatus_UNDEFINED)
}

func (f *resultsFormatter) Pending(p *messages.Pickle, _ *messages.PickleStep, _ *formatters.StepDefinition) {
	f.step(p, messages.TestStepResultStatus_PENDING)
}

func (f *resultsFormatter) Ambiguous(p *messages.Pickle, _ *messages.PickleStep, _ *formatters.StepDefinition, _ error) {
	f.step(p, messages.TestStepResultStatus_AMBIGUOUS)
}

func (f *resultsFormatter) Summary() {}

// outcome is what one godog scenario run came to, by the rule the reports use.
// A pickle with no steps is failed by godog (undefined) before any hook runs.
func (gp *godogPickle) outcome() Outcome {
	if gp.steps == 0 {
		return Failed
	}
	return gp.tally.outcome()
}

// key is the scenario's identity, as Scenario.Key.
func (gp *godogPickle) key() string { return gp.uri + ":" + strconv.FormatInt(gp.line, 10) }

// godogScenario is one scenario across godog's runs: its outcome in each.
type godogScenario struct {
	key, name string
	steps     int
	outcomes  []Outcome
}

// scenarios lists every scenario godog ran, each with its outcome per attempt,
// in the order each first ran.
func (r *Results) scenarios() []*godogScenario {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*godogScenario
	byKey := map[string]*godogScenario{}
	for _, g := range r.runs {
		for _, gp := range g.pickles {
			s := byKey[gp.key()]
			if s == nil {
				s = &godogScenario{key: gp.key(), name: gp.name, steps: gp.steps}
				byKey[s.key] = s
				out = append(out, s)
			}
			s.outcomes = append(s.outcomes, gp.outcome())
		}
	}
	return out
}

// Tally counts the scenarios godog ran by what they came to over every attempt.
func (r *Results) Tally() Tally {
	var t Tally
	for _, s := range r.scenarios() {
		t.add(s.outcomes)
	}
	return t
}
