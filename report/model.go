package report

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	messages "github.com/cucumber/messages/go/v34"

	"github.com/romaine-bdd/romaine/internal/slug"
)

// Run is what the reports show, read back from Cucumber messages: features,
// their scenarios, and every attempt of each. Several runs' messages (shards)
// read together make one Run; a scenario (uri:line) met in several attempts
// is one scenario.
type Run struct {
	Features []*Feature    // in the order their first scenario started
	Started  time.Time     // when the earliest run (shard) started
	Duration time.Duration // from the first start to the last finish
	Coverage []*Coverage   // each run's coverage totals (ROMAINE_COVERAGE), if noted
}

// Feature is one feature file.
type Feature struct {
	URI       string      // the file, as godog was given it
	Name      string      // the text after Feature:
	Scenarios []*Scenario // in the order each first started
}

// Scenario is one scenario (or one example row of an outline): its attempts, the
// last of which is its result.
type Scenario struct {
	Feature  *Feature   // the feature it belongs to
	Name     string     // the scenario's title (an example names itself)
	URI      string     // the feature file
	Line     int64      // its line in the file (an example row's line)
	Tags     []string   // @smoke, ...
	Attempts []*Attempt // first first; the last is the result
	// Example is an outline's example row, by column; nil for a scenario.
	Example []ExampleValue

	outlineName string // the outline's title as written, <placeholders> and all
}

// Attempt is one execution of a scenario.
type Attempt struct {
	Worker   string        // the worker that ran it ("1", "2", ...)
	Started  time.Time     // when it started
	Duration time.Duration // how long it took, hooks included
	Steps    []*Step       // in order, as far as it got
	Replay   *Replay       // its factory seed and how to run it again, if noted
	Shake    *Shake        // the flake hunter's perturbation it ran under, if noted (hunt.go)
	Film     *Film         // its step film (ROMAINE_TRACE), if one was kept
}

// Step is one step of an attempt with its result and attachments.
type Step struct {
	Keyword     string                        // Given, When, Then, And, But
	Text        string                        // the step's text, arguments as written
	Status      messages.TestStepResultStatus // passed, failed, skipped, undefined, ...
	Duration    time.Duration                 // how long it ran
	Error       string                        // the failure message, if it failed
	Attachments []*Attachment                 // what it attached, in order
	Table       [][]string                    // its data table, rows of cells, if it has one
	DocString   *DocString                    // its doc string, if it has one
	Resolved    []Resolution                  // its {{references}} and what they stood for, in order
}

// Attachment is a file a step attached (screenshot, page HTML, console).
type Attachment struct {
	FileName  string // its name, e.g. screenshot.png
	MediaType string // e.g. image/png, text/html
	Body      []byte // its content
}

// Key is the scenario's uri:line, the same across attempts and shards.
func (s *Scenario) Key() string { return s.URI + ":" + strconv.FormatInt(s.Line, 10) }

// Anchor is an HTML id for the scenario, unique in a report.
func (s *Scenario) Anchor() string { return "s-" + slug.Of(s.Key()) }

// Final is the attempt that counts: the last one that ran (an attempt the run
// stopped before it started does not undo the one before), else the last.
func (s *Scenario) Final() *Attempt {
	for i := len(s.Attempts) - 1; i >= 0; i-- {
		if s.Attempts[i].Outcome() != NotRun {
			return s.Attempts[i]
		}
	}
	if len(s.Attempts) == 0 {
		return &Attempt{}
	}
	return s.Attempts[len(s.Attempts)-1]
}

// Flaky says the scenario passed in the end after failing before.
func (s *Scenario) Flaky() bool { return s.Result() == Flaky }

// Result is what the scenario came to over its attempts: passed, failed,
// flaky (passed after failing) or not run.
func (s *Scenario) Result() Outcome { return resultOf(s.outcomes()) }

// failures is how many of its attempts failed.
func (s *Scenario) failures() (n int) {
	for _, o := range s.outcomes() {
		if o == Failed {
			n++
		}
	}
	return n
}

func (s *Scenario) outcomes() []Outcome {
	out := make([]Outcome, len(s.Attempts))
	for i, a := range s.Attempts {
		out[i] = a.Outcome()
	}
	return out
}

// Outcome is what an attempt, or a scenario over its attempts, came to.
type Outcome string

// The outcomes. An attempt is passed, failed or not run; a scenario may also
// be flaky. They follow godog's console, but for one thing: a scenario none of
// whose steps ran (every step skipped: the run was stopped before it started,
// or its first step skipped it) is not run, where godog counts it passed.
const (
	Passed Outcome = "passed"
	Failed Outcome = "failed" // a step failed, was undefined, pending or ambiguous, or has no result
	Flaky  Outcome = "flaky"  // passed on a retry after failing
	NotRun Outcome = "not run"
)

// outcomeOf is the outcome of an attempt whose steps ended so.
func outcomeOf(steps []messages.TestStepResultStatus) Outcome {
	var t stepTally
	for _, st := range steps {
		t.add(st)
	}
	return t.outcome()
}

// stepTally is what an attempt's steps came to so far, as its outcome reads it.
type stepTally struct {
	ran, failed bool // a step passed; a step neither passed nor was skipped
}

func (t *stepTally) add(st messages.TestStepResultStatus) {
	switch st {
	case messages.TestStepResultStatus_PASSED:
		t.ran = true
	case messages.TestStepResultStatus_SKIPPED:
	default:
		t.failed = true
	}
}

func (t stepTally) outcome() Outcome {
	switch {
	case t.failed:
		return Failed
	case t.ran:
		return Passed
	}
	return NotRun
}

// resultOf is a scenario's result from its attempts' outcomes, first first.
func resultOf(attempts []Outcome) Outcome {
	final, failedBefore := NotRun, false
	for _, o := range attempts {
		if o == NotRun {
			continue
		}
		if final == Failed {
			failedBefore = true
		}
		final = o
	}
	if final == Passed && failedBefore {
		return Flaky
	}
	return final
}

// Tally counts scenarios by their result; the four counts add up to Scenarios.
type Tally struct {
	Scenarios, Passed, Failed, Flaky, NotRun int
}

func (t *Tally) add(attempts []Outcome) {
	t.Scenarios++
	switch resultOf(attempts) {
	case Passed:
		t.Passed++
	case Failed:
		t.Failed++
	case Flaky:
		t.Flaky++
	default:
		t.NotRun++
	}
}

// String reads "24 scenarios: 6 passed, 2 failed, 0 flaky, 16 not run".
func (t Tally) String() string {
	return fmt.Sprintf("%d scenarios: %d passed, %d failed, %d flaky, %d not run", t.Scenarios, t.Passed, t.Failed, t.Flaky, t.NotRun)
}

// Outcome is what the attempt came to: failed when a step failed (or was
// undefined, pending, ambiguous, or has no result), not run when no step ran
// (all skipped), else passed, as godog counts it (a step that skipped the rest
// after others passed leaves it passed).
func (a *Attempt) Outcome() Outcome {
	statuses := make([]messages.TestStepResultStatus, len(a.Steps))
	for i, st := range a.Steps {
		statuses[i] = st.Status
	}
	return outcomeOf(statuses)
}

// Status is the attempt's result: its failing step's status, else the first
// step that did not pass (skipped), else passed.
func (a *Attempt) Status() messages.TestStepResultStatus {
	if f := a.Failed(); f != nil {
		return f.Status
	}
	if len(a.Steps) == 0 {
		return messages.TestStepResultStatus_UNKNOWN
	}
	for _, st := range a.Steps {
		if st.Status != messages.TestStepResultStatus_PASSED {
			return st.Status
		}
	}
	return messages.TestStepResultStatus_PASSED
}

// Passed says the attempt passed (see Outcome).
func (a *Attempt) Passed() bool { return a.Outcome() == Passed }

// NotRunReason is why an attempt that did not run did not: its first step's
// message (the run was stopped, or the step skipped the scenario).
func (a *Attempt) NotRunReason() string {
	if len(a.Steps) > 0 && a.Steps[0].Error != "" && a.Steps[0].Error != unfinished {
		return "not run: " + a.Steps[0].Error
	}
	return "not run: no step of it ran"
}

// Failed is the step that failed the attempt (failed, undefined, pending,
// ambiguous, or with no result), or nil.
func (a *Attempt) Failed() *Step {
	for _, st := range a.Steps {
		switch st.Status {
		case messages.TestStepResultStatus_PASSED, messages.TestStepResultStatus_SKIPPED:
		default:
			return st
		}
	}
	return nil
}

// Success says no scenario failed and every one ran.
func (r *Run) Success() bool {
	t := r.Tally()
	return t.Failed == 0 && t.NotRun == 0
}

// Tally counts the run's scenarios by their result.
func (r *Run) Tally() Tally {
	var t Tally
	for _, f := range r.Features {
		for _, s := range f.Scenarios {
			t.add(s.outcomes())
		}
	}
	return t
}

// Build reads messages (one run's, or several runs' concatenated) into a Run.
func Build(envs []*messages.Envelope) *Run {
	// Node IDs are unique across runs (each run prefixes its own), so one index
	// serves several shards' documents of the same file.
	nodes := newIndex()
	featureNames := map[string]string{}
	pickles := map[string]*messages.Pickle{}
	cases := map[string]*messages.TestCase{}
	type started struct {
		scenario *Scenario
		attempt  *Attempt
		steps    map[string]*Step // by test step ID
	}
	starts := map[string]*started{}
	scenarios := map[string]*Scenario{}
	features := map[string]*Feature{}
	run := &Run{}
	var last time.Time
	ts := func(t *messages.Timestamp) time.Time {
		if t == nil {
			return time.Time{}
		}
		return messages.TimestampToGoTime(*t)
	}
	for _, e := range envs {
		switch {
		case e.GherkinDocument != nil:
			nodes.add(e.GherkinDocument)
			if e.GherkinDocument.Feature != nil {
				featureNames[e.GherkinDocument.Uri] = e.GherkinDocument.Feature.Name
			}
		case e.Pickle != nil:
			pickles[e.Pickle.Id] = e.Pickle
		case e.TestCase != nil:
			cases[e.TestCase.Id] = e.TestCase
		case e.TestRunStarted != nil:
			if t := ts(e.TestRunStarted.Timestamp); run.Started.IsZero() || t.Before(run.Started) {
				run.Started = t
			}
		case e.TestCaseStarted != nil:
			tc := cases[e.TestCaseStarted.TestCaseId]
			if tc == nil || pickles[tc.PickleId] == nil {
				continue
			}
			p := pickles[tc.PickleId]
			line := nodes.line(p)
			key := p.Uri + ":" + strconv.FormatInt(line, 10)
			sc := scenarios[key]
			if sc == nil {
				f := features[p.Uri]
				if f == nil {
					f = &Feature{URI: p.Uri, Name: featureNames[p.Uri]}
					if f.Name == "" {
						f.Name = p.Uri
					}
					features[p.Uri] = f
					run.Features = append(run.Features, f)
				}
				sc = &Scenario{Feature: f, Name: p.Name, URI: p.Uri, Line: line}
				sc.Example, sc.outlineName = nodes.example(p)
				for _, tag := range p.Tags {
					sc.Tags = append(sc.Tags, tag.Name)
				}
				scenarios[key] = sc
				f.Scenarios = append(f.Scenarios, sc)
			}
			a := &Attempt{Worker: e.TestCaseStarted.WorkerId, Started: ts(e.TestCaseStarted.Timestamp)}
			st := &started{scenario: sc, attempt: a, steps: map[string]*Step{}}
			for i, tstep := range tc.TestSteps {
				step := &Step{Status: messages.TestStepResultStatus_UNKNOWN, Error: unfinished}
				if i < len(p.Steps) {
					step.Text = p.Steps[i].Text
					step.Keyword = keyword(nodes, p.Steps[i])
					step.Table, step.DocString = argument(p.Steps[i])
				}
				a.Steps = append(a.Steps, step)
				st.steps[tstep.Id] = step
			}
			sc.Attempts = append(sc.Attempts, a)
			starts[e.TestCaseStarted.Id] = st
		case e.TestStepFinished != nil:
			st := starts[e.TestStepFinished.TestCaseStartedId]
			if st == nil || st.steps[e.TestStepFinished.TestStepId] == nil || e.TestStepFinished.TestStepResult == nil {
				continue
			}
			step, res := st.steps[e.TestStepFinished.TestStepId], e.TestStepFinished.TestStepResult
			step.Status, step.Error = res.Status, res.Message
			if res.Duration != nil {
				step.Duration = messages.DurationToGoDuration(*res.Duration)
			}
		case e.Attachment != nil:
			if runNote(run, e.Attachment) {
				continue
			}
			st := starts[e.Attachment.TestCaseStartedId]
			if st == nil {
				continue
			}
			body := []byte(e.Attachment.Body)
			if e.Attachment.ContentEncoding == messages.AttachmentContentEncoding_BASE64 {
				if b, err := base64.StdEncoding.DecodeString(e.Attachment.Body); err == nil {
					body = b
				}
			}
			step := st.steps[e.Attachment.TestStepId]
			if note(e.Attachment.MediaType, body, st.attempt, step) || step == nil {
				continue
			}
			step.Attachments = append(step.Attachments, &Attachment{FileName: e.Attachment.FileName, MediaType: e.Attachment.MediaType, Body: body})
		case e.TestCaseFinished != nil:
			if st := starts[e.TestCaseFinished.TestCaseStartedId]; st != nil {
				end := ts(e.TestCaseFinished.Timestamp)
				st.attempt.Duration = end.Sub(st.attempt.Started)
				if end.After(last) {
					last = end
				}
			}
		}
	}
	if !run.Started.IsZero() && last.After(run.Started) {
		run.Duration = last.Sub(run.Started)
	}
	slices.SortStableFunc(run.Features, func(a, b *Feature) int { return strings.Compare(a.URI, b.URI) })
	for _, f := range run.Features {
		slices.SortStableFunc(f.Scenarios, func(a, b *Scenario) int { return int(a.Line - b.Line) })
	}
	return run
}

// unfinished is the error of a step the record has no result for: the run
// ended (Ctrl-C, a CI timeout) before the step ran or finished.
const unfinished = "no result: the run ended before this step finished"

// keyword is the Gherkin keyword a pickle step was written with ("Given ").
func keyword(ix *astIndex, st *messages.PickleStep) string {
	if len(st.AstNodeIds) == 0 {
		return ""
	}
	if s, ok := ix.steps[st.AstNodeIds[0]]; ok {
		return s.Keyword
	}
	return ""
}
