package support

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// The recorder: one per scenario's page, shared by the features that watch a
// scenario over CDP (the step film, the flake hunter, coverage). They are
// Consumers; terrain starts a Recording for each scenario when at least one
// consumer is registered (terrain.WithConsumer), and none otherwise: with no
// consumer no Recording exists, no CDP domain is enabled and no event is
// decoded beyond what the page's failure artifacts need.
//
// # What a consumer gets, and when
//
// A Consumer is called once per scenario, at its start, with the Recording,
// and returns that scenario's Hooks (its per-scenario state lives in their
// closures). Every hook is optional:
//
//   - Attach, for each CDP session of the page: the page's own at the
//     scenario's start (before its first step), and each out-of-process
//     frame's as the browser attaches it, paused before the frame runs any
//     script (Target.setAutoAttach with waitForDebuggerOnStart). Emulation,
//     throttling, Profiler.startPreciseCoverage go here: a frame's process is
//     throttled and profiled apart from the page's.
//   - StepEnded, after each step, on the scenario's goroutine, with the
//     step's record (its text, times, status and attempt log). The page is as
//     the step left it: the film's screenshot and DOM snapshot go here.
//   - Leaving, before a document of the page or of a frame is left, while it
//     still answers on the session: before Visit, Reload and Back, and, for
//     a navigation the page starts (a link, a form, location.href), with the
//     page paused in the old document's navigate event (record_leave.go).
//     Coverage's Profiler.takePreciseCoverage goes here: V8 forgets a
//     document's scripts once it is gone, even on the same origin.
//   - Hold, for each response (Fetch, response stage): how long to hold it
//     back before the page gets it (the hunter's jitter). The recorder holds
//     it and lets it go after that delay, or at once when the scenario ends.
//   - Events, CDP events by method ("Page.screencastFrame"), of the page's
//     session and its frames', for a domain the consumer enabled in Attach.
//   - Ended, at the scenario's end, before the page is wiped or closed, with
//     how it ended (status, error, attempt): keep or drop what was gathered
//     (the film keeps failed and flaky scenarios), undo what Attach set, and
//     return files for the report (attached to the scenario's last step).
//
// Read the record at any time with Steps, Requests, Console, Documents; the
// HTTP steps add their requests with AddRequest, so Requests is every request
// of the scenario (coverage's routes). The record follows the page a little
// behind (events are on their way); End first waits for what the browser
// sent until then, so in Ended it is whole.
//
// A coverage consumer, in short (the Page.Record example runs one):
//
//	func coverage(ctx context.Context, r *support.Recording) (support.Hooks, error) {
//		var mu sync.Mutex
//		var taken []*proto.ProfilerScriptCoverage
//		take := func(ctx context.Context, s *support.Session) {
//			if res, err := (proto.ProfilerTakePreciseCoverage{}).Call(s.Client(ctx)); err == nil {
//				mu.Lock()
//				taken = append(taken, res.Result...)
//				mu.Unlock()
//			}
//		}
//		return support.Hooks{
//			Attach: func(ctx context.Context, s *support.Session) error {
//				if err := (proto.ProfilerEnable{}).Call(s.Client(ctx)); err != nil {
//					return err
//				}
//				_, err := proto.ProfilerStartPreciseCoverage{CallCount: true, Detailed: true}.Call(s.Client(ctx))
//				return err
//			},
//			Leaving: func(ctx context.Context, l support.Leave) { take(ctx, l.Session) },
//			Ended: func(ctx context.Context, e support.Ending) []support.Artifact {
//				for _, s := range r.Sessions() {
//					take(ctx, s) // then Profiler.stopPreciseCoverage, and taken into the run's totals
//				}
//				return nil
//			},
//		}, nil
//	}
//
//	suite := terrain.New(..., terrain.WithConsumer(coverage))
//
// # What a consumer may do on a Session
//
// Call any CDP command through Session.Client, as above, and enable any
// domain it needs (Profiler, Animation, ...). The recorder owns Runtime,
// Network, Page, Fetch and Target.setAutoAttach, and Debugger when Leaving
// is asked for: never disable them, never call Fetch.enable (ask for Hold
// instead: Fetch takes one set of patterns per session), and set no
// breakpoint (the recorder lets every pause but its own go on at once).
// Undo in Ended what changes the page for the next scenario (throttling,
// emulation, playback rate): under ROMAINE_ISOLATION=reset the same page
// serves the worker's next scenario.
//
// # Goroutines
//
// StepEnded and Ended run on the scenario's goroutine; Attach of a frame,
// Leaving and Hold on goroutines of their own; Events on the page's listener,
// which must not wait (start a goroutine for a CDP call). So hooks of one
// scenario may run at once: guard their shared state. Bound every CDP call by
// the ctx given: a hung browser must not hang the run.
//
// # Limits and memory
//
// The recorder caps its own record (maxRequests, maxMessages, maxDocuments,
// maxSteps, maxAttempts per step; past a cap the oldest attempts are
// dropped, other entries are not added, and Dropped counts them): a few MB
// at most, freed with the scenario. What a consumer keeps is its own to cap:
// the film its screenshots and snapshots (a byte budget per scenario, oldest
// frames dropped first), coverage its merged counts (per script, not per
// scenario), the hunter its verdicts. A Recording is the scenario's: copy
// what is needed in Ended and keep no reference to it after.
//
// Not seen: a navigation started neither by support nor by the page itself
// (plain rod's Navigate in a domain step, a frame navigated by its parent)
// may run no Leaving hook, nor does a frame removed from its page; documents
// shown before the recording began are not in Documents; requests of workers
// and service workers are not recorded.
type Recording struct {
	page     *Page
	scenario ScenarioInfo
	main     *Session
	hooks    []Hooks
	events   map[string][]func(*Session, *rod.Message)
	fetch    []*proto.FetchRequestPattern // nil when no hook needs Fetch
	leaving  bool                         // a hook needs Leaving

	mu        sync.Mutex
	steps     []Step
	requests  []Request
	open      map[requestKey]openRequest // requests in flight
	idle      chan struct{}              // closed while no request is in flight
	console   []Message
	documents []Document
	shown     map[proto.PageFrameID]int // each frame's current document, by index
	sessions  []*Session
	dropped   int
	problems  []string
	ended     bool
	release   chan struct{}                                        // closed at the end: held responses go
	scripts   map[proto.TargetSessionID]proto.PageScriptIdentifier // the leaving listener, by session
	barrier   string                                               // the world settle waits to see created
	settled   chan struct{}                                        // closed when it is
	usedPage  atomic.Bool                                          // the running step called the page
}

// The record's caps; see Recording.Dropped.
const (
	maxRequests  = 5000
	maxMessages  = 1000
	maxDocuments = 500
	maxSteps     = 1000
	maxAttempts  = 500
)

// RecordOptions says whose scenario a recording is of and who consumes it.
type RecordOptions struct {
	Scenario  ScenarioInfo // whose scenario
	Consumers []Consumer   // none: no recording at all
}

// Record starts the scenario's recording of p, calling each consumer for its
// hooks and their Attach on the page's session. With no consumers it returns
// nil and does nothing: every method of a nil *Recording does nothing either.
// On an error the recording is returned too: End it, so that consumers
// undo what they set.
func (p *Page) Record(ctx context.Context, opts RecordOptions) (*Recording, error) {
	if len(opts.Consumers) == 0 {
		return nil, nil
	}
	r := &Recording{page: p, scenario: opts.Scenario, open: map[requestKey]openRequest{}, idle: closed(),
		shown: map[proto.PageFrameID]int{}, scripts: map[proto.TargetSessionID]proto.PageScriptIdentifier{}, events: map[string][]func(*Session, *rod.Message){}, release: make(chan struct{})}
	r.main = &Session{ID: p.rod.SessionID, Target: p.rod.TargetID, Main: true, b: p.rod.Browser()}
	r.sessions = []*Session{r.main}
	var errs []error
	for i, c := range opts.Consumers {
		h, err := c(ctx, r)
		if err != nil {
			errs = append(errs, fmt.Errorf("recorder: consumer %d: %w", i+1, err))
			continue
		}
		r.hooks = append(r.hooks, h)
		for method, fn := range h.Events {
			r.events[method] = append(r.events[method], fn)
		}
	}
	r.fetch, r.leaving = r.fetchPatterns(), r.leaves()
	p.events.rec.Store(r)
	// The attach's calls (and the consumers' Attach) are bounded like the
	// page's other lifecycle calls: godog's context has no deadline.
	actx, cancel := bounded(ctx, p.policy.HangLimit())
	defer cancel()
	if err := r.attach(actx, r.main); err != nil {
		errs = append(errs, err)
	}
	return r, errors.Join(errs...)
}

// Scenario is whose scenario this is.
func (r *Recording) Scenario() ScenarioInfo { return r.scenario }

// Page is the scenario's page.
func (r *Recording) Page() *Page { return r.page }

// StepStarted marks the start of a step; the attempts, requests and messages
// that follow are the step's. Once the recording has ended it does nothing
// (godog still runs the hooks of the steps a failure skipped).
func (r *Recording) StepStarted(text string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ended {
		return
	}
	if len(r.steps) >= maxSteps {
		r.dropped++
		return
	}
	r.steps = append(r.steps, Step{Index: len(r.steps), Text: text, Started: time.Now()})
	r.usedPage.Store(false)
}

// usePage notes that the running step called the page (Step.UsedPage).
func (r *Recording) usePage() {
	if r != nil {
		r.usedPage.Store(true)
	}
}

// StepEnded marks the end of the step begun last, with its status and error,
// and runs the consumers' StepEnded hooks.
func (r *Recording) StepEnded(ctx context.Context, status string, err error) {
	if r == nil {
		return
	}
	r.mu.Lock()
	st, ok := r.current()
	ok = ok && !r.ended
	var done Step
	if ok {
		st.Ended, st.Status, st.UsedPage = time.Now(), status, r.usedPage.Load()
		if err != nil {
			st.Err = err.Error()
		}
		done = *st
		done.Attempts = append([]Attempt(nil), st.Attempts...)
	}
	r.mu.Unlock()
	if !ok {
		return
	}
	for _, h := range r.hooks {
		if h.StepEnded != nil {
			h.StepEnded(ctx, done)
		}
	}
}

// current is the running step; r.mu is held.
func (r *Recording) current() (*Step, bool) {
	if n := len(r.steps); n > 0 && r.steps[n-1].Ended.IsZero() {
		return &r.steps[n-1], true
	}
	return nil, false
}

// stepAt is the index of the step that was running at t, or the last one
// ended before it (a step's request may end after it); -1 before the first.
// Events are placed by the browser's own time where it gives one: they reach
// the recording a little after they happened, maybe after the next step
// began. r.mu is held.
func (r *Recording) stepAt(t time.Time) int {
	i := len(r.steps) - 1
	for i >= 0 && r.steps[i].Started.After(t) {
		i--
	}
	return i
}

// attempt records one answered check in the running step (see stepClock.see).
func (r *Recording) attempt(state string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	st, ok := r.current()
	if !ok {
		return
	}
	if len(st.Attempts) >= maxAttempts {
		st.Attempts = append(st.Attempts[:0], st.Attempts[1:]...)
		r.dropped++
	}
	st.Attempts = append(st.Attempts, Attempt{At: time.Now(), State: state})
}

// AddRequest records a request sent outside the browser (the HTTP steps: set
// Type to HTTPStep). Step is set here, from Started.
func (r *Recording) AddRequest(req Request) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	req.Step = r.stepAt(req.Started)
	r.addRequest(req)
}

// addRequest appends req within the cap; r.mu is held. It returns req's index.
func (r *Recording) addRequest(req Request) (int, bool) {
	if len(r.requests) >= maxRequests {
		r.dropped++
		return 0, false
	}
	r.requests = append(r.requests, req)
	return len(r.requests) - 1, true
}

// Steps is the steps so far, in order.
func (r *Recording) Steps() []Step {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Step, len(r.steps))
	for i, s := range r.steps {
		s.Attempts = append([]Attempt(nil), s.Attempts...)
		out[i] = s
	}
	return out
}

// Requests is every request so far, in the order they were sent.
func (r *Recording) Requests() []Request { return snapshot(r, func() []Request { return r.requests }) }

// Console is the console messages and uncaught errors so far.
func (r *Recording) Console() []Message { return snapshot(r, func() []Message { return r.console }) }

// Documents is every document the page and its frames showed, in the order
// they committed.
func (r *Recording) Documents() []Document {
	return snapshot(r, func() []Document { return r.documents })
}

// Sessions is the page's session and those of its out-of-process frames
// still attached.
func (r *Recording) Sessions() []*Session {
	return snapshot(r, func() []*Session { return r.live() })
}

// live is the sessions still attached; r.mu is held.
func (r *Recording) live() []*Session {
	out := make([]*Session, 0, len(r.sessions))
	for _, s := range r.sessions {
		if !s.gone {
			out = append(out, s)
		}
	}
	return out
}

// Dropped is how many entries the caps left out (see the limits above).
func (r *Recording) Dropped() int {
	if r == nil {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dropped
}

// Problems lists what the recorder could not do (a frame it could not
// attach, a held request it could not let go), for a consumer to report.
func (r *Recording) Problems() []string {
	return snapshot(r, func() []string { return r.problems })
}

func (r *Recording) problem(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.problems) < 100 {
		r.problems = append(r.problems, fmt.Sprintf(format, args...))
	}
}

func snapshot[T any](r *Recording, list func() []T) []T {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]T(nil), list()...)
}

// WaitRequests waits until no request of the page or its frames is in
// flight (answered, failed, or its frame gone), or ctx ends. A response whose
// body the page never reads may stay in flight: the browser counts it done
// once the body is read.
func (r *Recording) WaitRequests(ctx context.Context) error {
	if r == nil {
		return nil
	}
	for {
		r.mu.Lock()
		idle, n := r.idle, len(r.open)
		r.mu.Unlock()
		if n == 0 {
			return nil
		}
		select {
		case <-idle:
		case <-ctx.Done():
			r.mu.Lock()
			defer r.mu.Unlock()
			if len(r.open) == 0 {
				return nil
			}
			var some []string
			for _, o := range r.open {
				if len(some) < 3 {
					q := r.requests[o.index]
					some = append(some, q.Method+" "+q.URL)
				}
			}
			return fmt.Errorf("waiting for the page's requests: %d still in flight (%s): %w", len(r.open), strings.Join(some, ", "), ctx.Err())
		}
	}
}

// End ends the recording: held responses go at once, the consumers' Ended
// hooks run (in the order the consumers were given) and the recorder stops
// what it turned on. It returns the files the hooks gave for the report.
// Each hook's CDP calls are bounded by endBudget.
func (r *Recording) End(ctx context.Context, e Ending) []Artifact {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	if r.ended {
		r.mu.Unlock()
		return nil
	}
	r.ended = true
	close(r.release)
	r.mu.Unlock()
	r.settle(ctx)
	var files []Artifact
	for _, h := range r.hooks {
		if h.Ended != nil {
			hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), endBudget)
			files = append(files, h.Ended(hctx, e)...)
			cancel()
		}
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), endBudget)
	defer cancel()
	r.stop(cctx)
	r.page.events.rec.CompareAndSwap(r, nil)
	return files
}

// settle waits until the page's listener has handed the recording every
// event the browser sent before now (a response the page has already read
// may not have been recorded yet): it creates an isolated world, whose
// creation the browser reports after them, and waits for that, a second
// at most (a renderer stuck in a script answers nothing).
func (r *Recording) settle(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	name := fmt.Sprintf("romaine-settle-%d", barriers.Add(1))
	done := make(chan struct{})
	r.mu.Lock()
	r.barrier, r.settled = name, done
	r.mu.Unlock()
	_, err := proto.PageCreateIsolatedWorld{FrameID: r.page.rod.FrameID, WorldName: name}.Call(r.main.Client(ctx))
	if err != nil {
		return
	}
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// barriers names each settle's world.
var barriers atomic.Int64

// endBudget bounds each consumer's Ended hook and the recorder's own clean-up.
const endBudget = 10 * time.Second

func closed() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}
