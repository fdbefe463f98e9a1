// Package report records a run as Cucumber messages and writes the reports
// people read: the messages themselves (NDJSON, the full record), JUnit XML for
// CI test views, and one self-contained HTML page.
//
// The record is kept by godog hooks, not by a godog formatter, so it works the
// same under go test and under the godog command, whatever --format says.
package report

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
)

// Recorder keeps every attempt of every scenario of a run as Cucumber messages.
// A scenario run again in the same run (a retry) is the same test case (the same
// uri:line) with a new attempt. It is safe for concurrent scenarios.
type Recorder struct {
	mu       sync.Mutex
	godog    *Results // where godog's pickles are placed by their line
	problems []string // scenarios the record could not place: the run's check fails on them
	runID    string
	now      func() time.Time
	out      []*messages.Envelope
	features map[string]*feature
	cases    map[string]*testCase // by uri:line
	nextID   int
}

type testCase struct {
	tc       *messages.TestCase
	pickle   *messages.Pickle
	finished []*messages.TestCaseFinished // one per attempt, in order
}

// attempt is one execution of a scenario; it lives in the scenario's context.
type attempt struct {
	r       *Recorder
	id      string
	tc      *testCase
	byGodog map[string]*messages.TestStep // godog's pickle step ID -> our test step
	begun   map[string]time.Time
	last    *messages.TestStepFinished
	// settled: a step did not pass, so godog reports the later ones as it
	// found them (skipped), whatever errors hooks add; and lastSettled: so was
	// the last step recorded.
	settled, lastSettled bool
}

type attemptKey struct{}

// NewRecorder starts the record of a run; godog is godog's account of the same
// run, whose documents place each scenario by its line.
func NewRecorder(godog *Results) *Recorder {
	var b [6]byte
	_, _ = rand.Read(b[:])
	r := &Recorder{godog: godog, runID: hex.EncodeToString(b[:]), now: time.Now, features: map[string]*feature{}, cases: map[string]*testCase{}}
	r.out = append(r.out,
		&messages.Envelope{Meta: &messages.Meta{ProtocolVersion: "34.2.0", Implementation: &messages.Product{Name: "romaine"}, Runtime: &messages.Product{Name: "go"}, Os: &messages.Product{Name: "unknown"}, Cpu: &messages.Product{Name: "unknown"}}},
		&messages.Envelope{TestRunStarted: &messages.TestRunStarted{Id: r.runID, Timestamp: r.stamp()}})
	return r
}

// Register adds the recording hooks to a scenario context. Register it after
// every other hook, so it sees their attachments and errors; worker names the
// worker a scenario runs on (from the scenario's context).
func (r *Recorder) Register(sc *godog.ScenarioContext, worker func(context.Context) string) {
	sc.Before(func(ctx context.Context, p *godog.Scenario) (context.Context, error) {
		return context.WithValue(ctx, attemptKey{}, r.start(p, worker(ctx))), nil
	})
	sc.StepContext().Before(func(ctx context.Context, st *godog.Step) (context.Context, error) {
		if a, ok := ctx.Value(attemptKey{}).(*attempt); ok {
			a.stepStarted(st)
		}
		return ctx, nil
	})
	sc.StepContext().After(func(ctx context.Context, st *godog.Step, status godog.StepResultStatus, err error) (context.Context, error) {
		if a, ok := ctx.Value(attemptKey{}).(*attempt); ok {
			a.stepFinished(st, status, err, godog.Attachments(ctx))
		}
		return ctx, nil
	})
	sc.After(func(ctx context.Context, p *godog.Scenario, err error) (context.Context, error) {
		if a, ok := ctx.Value(attemptKey{}).(*attempt); ok {
			a.finish(err)
		}
		return ctx, nil
	})
}

func (r *Recorder) stamp() *messages.Timestamp {
	t := messages.GoTimeToTimestamp(r.now())
	return &t
}

func (r *Recorder) id(kind string) string {
	r.nextID++
	return r.runID + "-" + kind + strconv.Itoa(r.nextID)
}

func (r *Recorder) emit(e *messages.Envelope) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.out = append(r.out, e)
}

// start records a new attempt of godog's pickle p on worker.
func (r *Recorder) start(p *godog.Scenario, worker string) *attempt {
	r.mu.Lock()
	defer r.mu.Unlock()
	own, key := r.pickleFor(p)
	tc, ok := r.cases[key]
	if !ok {
		tc = &testCase{pickle: own, tc: &messages.TestCase{Id: r.id("tc"), PickleId: own.Id, TestRunStartedId: r.runID}}
		for _, st := range own.Steps {
			tc.tc.TestSteps = append(tc.tc.TestSteps, &messages.TestStep{Id: r.id("ts"), PickleStepId: st.Id})
		}
		r.cases[key] = tc
		r.out = append(r.out, &messages.Envelope{TestCase: tc.tc})
	}
	a := &attempt{r: r, id: r.id("tcs"), tc: tc, byGodog: map[string]*messages.TestStep{}, begun: map[string]time.Time{}}
	// The same scenario compiled from the same text: its steps are godog's, in order.
	for i, st := range p.Steps {
		if i < len(tc.tc.TestSteps) {
			a.byGodog[st.Id] = tc.tc.TestSteps[i]
		}
	}
	r.out = append(r.out, &messages.Envelope{TestCaseStarted: &messages.TestCaseStarted{
		Attempt: int64(len(tc.finished)), Id: a.id, TestCaseId: tc.tc.Id, WorkerId: worker, Timestamp: r.stamp()}})
	return a
}

// pickleFor returns the recorder's own copy of godog's pickle and its key
// (uri:line), emitting its feature's source and document the first time. The
// pickle is placed by the line godog's own document gives it. One that cannot
// be placed is recorded from godog's pickle alone, under its own key, and
// noted as a problem, so the run's check fails.
func (r *Recorder) pickleFor(p *godog.Scenario) (*messages.Pickle, string) {
	uri, line, content, err := r.godog.place(p)
	var own *messages.Pickle
	if err == nil {
		f, ok := r.features[uri]
		if !ok {
			// nil when it does not parse: godog parsed the same text, so it will not happen
			f, err = parseFeature(uri, content, r.runID+"-"+strconv.Itoa(len(r.features))+"-")
			r.features[uri] = f
		}
		switch {
		case err != nil:
		case f == nil:
			err = fmt.Errorf("%s does not parse", uri)
		default:
			if own = f.byLine[line]; own == nil || own.Name != p.Name || len(own.Steps) != len(p.Steps) {
				err = fmt.Errorf("line %d of %s is not the scenario %q that godog ran", line, uri, p.Name)
				own = nil
			}
		}
		if own != nil {
			if !f.emitted {
				f.emitted = true
				r.out = append(r.out, &messages.Envelope{Source: f.source}, &messages.Envelope{GherkinDocument: f.doc})
			}
			if !f.emittedPickles[own.Id] {
				f.emittedPickles[own.Id] = true
				r.out = append(r.out, &messages.Envelope{Pickle: own})
			}
			return own, uri + ":" + strconv.FormatInt(line, 10)
		}
	}
	r.problems = append(r.problems, fmt.Sprintf("scenario %q of %s could not be placed in the report: %v", p.Name, p.Uri, err))
	copied := *p
	copied.Uri = CleanURI(p.Uri)
	copied.Id = r.runID + "-p" + p.Id
	r.out = append(r.out, &messages.Envelope{Pickle: &copied})
	return &copied, copied.Id
}

func (a *attempt) stepStarted(st *godog.Step) {
	ts, ok := a.byGodog[st.Id]
	if !ok {
		return
	}
	a.begun[st.Id] = a.r.now()
	a.r.emit(&messages.Envelope{TestStepStarted: &messages.TestStepStarted{TestCaseStartedId: a.id, TestStepId: ts.Id, Timestamp: a.r.stamp()}})
}

var statuses = map[godog.StepResultStatus]messages.TestStepResultStatus{
	godog.StepPassed: messages.TestStepResultStatus_PASSED, godog.StepFailed: messages.TestStepResultStatus_FAILED,
	godog.StepSkipped: messages.TestStepResultStatus_SKIPPED, godog.StepUndefined: messages.TestStepResultStatus_UNDEFINED,
	godog.StepPending: messages.TestStepResultStatus_PENDING, godog.StepAmbiguous: messages.TestStepResultStatus_AMBIGUOUS,
}

func (a *attempt) stepFinished(st *godog.Step, status godog.StepResultStatus, err error, attached []godog.Attachment) {
	ts, ok := a.byGodog[st.Id]
	if !ok {
		return
	}
	begun, ok := a.begun[st.Id]
	if !ok {
		begun = a.r.now()
	}
	res := &messages.TestStepResult{Status: statuses[status]}
	if res.Status == "" {
		res.Status = messages.TestStepResultStatus_UNKNOWN
	}
	d := messages.GoDurationToDuration(a.r.now().Sub(begun))
	res.Duration = &d
	// godog settles a step's status once every after-step hook has run: the
	// status hooks are given is not yet the last word (see godog's runStep).
	a.lastSettled = a.settled || status == godog.StepUndefined
	if !a.lastSettled {
		settle(res, err)
	} else if err != nil && status != godog.StepSkipped {
		res.Message = err.Error()
		res.Exception = &messages.Exception{Type: fmt.Sprintf("%T", err), Message: err.Error()}
	}
	if res.Status != messages.TestStepResultStatus_PASSED {
		a.settled = true
	}
	for _, at := range attached {
		a.r.emit(&messages.Envelope{Attachment: &messages.Attachment{
			Body: base64.StdEncoding.EncodeToString(at.Body), ContentEncoding: messages.AttachmentContentEncoding_BASE64,
			FileName: at.FileName, MediaType: at.MediaType, TestCaseStartedId: a.id, TestStepId: ts.Id, Timestamp: a.r.stamp(),
		}})
	}
	a.last = &messages.TestStepFinished{TestCaseStartedId: a.id, TestStepId: ts.Id, TestStepResult: res, Timestamp: a.r.stamp()}
	a.r.emit(&messages.Envelope{TestStepFinished: a.last})
}

// settle gives res the status godog gives a step that ended with err after
// its hooks, as godog decides it (the same order of checks), and err's message.
func settle(res *messages.TestStepResult, err error) {
	switch {
	case err == nil:
		res.Status = messages.TestStepResultStatus_PASSED
		return
	case errors.Is(err, godog.ErrPending):
		res.Status = messages.TestStepResultStatus_PENDING
	case errors.Is(err, godog.ErrSkip):
		res.Status = messages.TestStepResultStatus_SKIPPED
	case errors.Is(err, godog.ErrAmbiguous):
		res.Status = messages.TestStepResultStatus_AMBIGUOUS
	default:
		res.Status = messages.TestStepResultStatus_FAILED
	}
	res.Message = err.Error()
	if res.Status != messages.TestStepResultStatus_SKIPPED {
		res.Exception = &messages.Exception{Type: fmt.Sprintf("%T", err), Message: err.Error()}
	}
}

// finish ends the attempt. godog runs the after-scenario hooks within the
// step that failed or the last one, and settles that step with their error
// too: so do we.
func (a *attempt) finish(err error) {
	fin := &messages.TestCaseFinished{TestCaseStartedId: a.id, Timestamp: a.r.stamp()}
	a.r.mu.Lock() // the result may be read already, by a report written on Ctrl-C
	if a.last != nil && !a.lastSettled {
		settle(a.last.TestStepResult, err)
	}
	a.tc.finished = append(a.tc.finished, fin)
	a.r.out = append(a.r.out, &messages.Envelope{TestCaseFinished: fin})
	a.r.mu.Unlock()
}

// Problems are the scenarios the record could not place by their line.
func (r *Recorder) Problems() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.problems)
}

// Envelopes ends the run's record and returns it: every message in the order
// it happened, ending with TestRunFinished (success when every scenario's last
// attempt passed).
func (r *Recorder) Envelopes() []*messages.Envelope {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]*messages.Envelope(nil), r.out...)
	for _, tc := range r.cases {
		for i, fin := range tc.finished {
			fin.WillBeRetried = i < len(tc.finished)-1
		}
	}
	run := Build(out)
	return append(out, &messages.Envelope{TestRunFinished: &messages.TestRunFinished{
		Success: run.Success(), Timestamp: r.stamp(), TestRunStartedId: r.runID}})
}
