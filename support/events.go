package support

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// pageEvents collects what a failure report needs, follows the main frame's
// loads and answers dialogs.
type pageEvents struct {
	mu         sync.Mutex
	console    []string
	failed     []string
	nextDialog *bool                             // accept (true) or dismiss (false) the next dialog
	unexpected []string                          // not yet reported to the step
	dialogs    []string                          // every unexpected dialog, for the artifacts
	requests   map[proto.NetworkRequestID]string // URLs, to name failed requests
	inflight   map[proto.NetworkRequestID]string // requests not yet answered
	load       mainLoad
	scripts    scriptLoads // the main frame's script requests (ready.go)
	cancel     func()
	origins    *origins // every origin the page showed, kept across resets (reset.go)
	// ended is closed when the listener stops: stopped, or the browser's
	// connection closed, after which no event will come for a wait to wake on.
	ended chan struct{}
	// rec is the scenario's recording while one is on, else nil (record.go).
	rec atomic.Pointer[Recording]
}

// mainLoad is where the main frame's current load is.
type mainLoad struct {
	since     time.Time // zero when no load is under way
	url       string    // the document asked for
	committed bool      // the server answered and the new document began
	lifecycle []string  // lifecycle events of the new document so far
}

func newPageEvents(seen *origins) *pageEvents {
	return &pageEvents{requests: map[proto.NetworkRequestID]string{}, inflight: map[proto.NetworkRequestID]string{}, origins: seen, scripts: newScriptLoads(), ended: make(chan struct{})}
}

// listen enables the page's event domains and follows its events until
// stop. It is the page's one listener: the artifacts' records above, and the
// scenario's Recording when one is on (record.go), are fed from the same
// subscription, each event decoded once.
func (e *pageEvents) listen(rp *rod.Page) error {
	ctx, cancel := context.WithCancel(rp.GetContext())
	e.cancel = cancel
	rp = rp.Context(ctx)
	msgs := rp.Browser().Context(ctx).Event()
	for _, enable := range []interface {
		Call(proto.Client) error
		ProtoReq() string
	}{proto.RuntimeEnable{}, proto.NetworkEnable{}, proto.PageEnable{}, proto.PageSetLifecycleEventsEnabled{Enabled: true}} {
		if err := enable.Call(rp); err != nil {
			cancel()
			return fmt.Errorf("%s: %w", enable.ProtoReq(), err) // the caller says what it was doing
		}
	}
	go e.loop(rp, msgs)
	return nil
}

// loop reads the browser's events until the subscription ends. Events of
// other pages are skipped by their session before anything is decoded; those
// of out-of-process frames reach only a recording, which attached them.
func (e *pageEvents) loop(rp *rod.Page, msgs <-chan *rod.Message) {
	defer close(e.ended)
	frames := map[proto.TargetSessionID]*Session{}
	for m := range msgs {
		rec := e.rec.Load()
		var s *Session
		switch {
		case m.SessionID == "" && (m.Method == "Target.targetCreated" || m.Method == "Target.targetInfoChanged"):
			e.target(rp, m)
			continue
		case m.SessionID == rp.SessionID:
			if fn := pageHandlers[m.Method]; fn != nil {
				fn(e, rp, m)
			}
			if rec != nil {
				s = rec.main
			}
		case frames[m.SessionID] != nil:
			s = frames[m.SessionID]
		default:
			continue
		}
		if !e.session(rp, rec, m, frames) && rec != nil {
			rec.on(s, m)
		}
	}
}

// pageHandlers are what the artifacts and the waits need of the page's own
// events: no more is decoded while no recording is on.
var pageHandlers = map[string]func(e *pageEvents, rp *rod.Page, m *rod.Message){
	"Runtime.consoleAPICalled": func(e *pageEvents, _ *rod.Page, m *rod.Message) {
		var ev proto.RuntimeConsoleAPICalled
		m.Load(&ev)
		e.add(&e.console, fmt.Sprintf("[%s] %s", ev.Type, consoleText(&ev)))
	},
	"Runtime.exceptionThrown": func(e *pageEvents, _ *rod.Page, m *rod.Message) {
		var ev proto.RuntimeExceptionThrown
		m.Load(&ev)
		e.add(&e.console, "[uncaught] "+exceptionText(ev.ExceptionDetails))
	},
	"Network.requestWillBeSent": func(e *pageEvents, rp *rod.Page, m *rod.Message) {
		var ev proto.NetworkRequestWillBeSent
		m.Load(&ev)
		e.mu.Lock()
		defer e.mu.Unlock()
		what := ev.Request.Method + " " + ev.Request.URL
		if len(e.requests) < 5000 {
			e.requests[ev.RequestID] = what
		}
		if len(e.inflight) < 5000 {
			e.inflight[ev.RequestID] = what
		}
		if ev.Type == proto.NetworkResourceTypeDocument && ev.FrameID == rp.FrameID {
			e.load.url = ev.Request.URL
		}
		if ev.Type == proto.NetworkResourceTypeScript && ev.FrameID == rp.FrameID {
			e.scriptStarted(ev.RequestID, ev.Request.URL)
		}
		if (ev.Type == proto.NetworkResourceTypeXHR || ev.Type == proto.NetworkResourceTypeFetch) && ev.FrameID == rp.FrameID {
			e.fetchStarted(ev.RequestID, ev.Request.URL, ev.DocumentURL)
		}
	},
	"Network.responseReceived": func(e *pageEvents, _ *rod.Page, m *rod.Message) {
		var ev proto.NetworkResponseReceived
		m.Load(&ev)
		if ev.Response.Status >= 400 {
			e.add(&e.failed, fmt.Sprintf("%d %s", ev.Response.Status, ev.Response.URL))
		}
	},
	"Network.loadingFinished": func(e *pageEvents, _ *rod.Page, m *rod.Message) {
		var ev proto.NetworkLoadingFinished
		m.Load(&ev)
		e.answered(ev.RequestID)
	},
	"Network.loadingFailed": func(e *pageEvents, _ *rod.Page, m *rod.Message) {
		var ev proto.NetworkLoadingFailed
		m.Load(&ev)
		e.answered(ev.RequestID)
		if !ev.Canceled {
			e.mu.Lock()
			what := e.requests[ev.RequestID]
			e.mu.Unlock()
			e.add(&e.failed, fmt.Sprintf("%s %s", ev.ErrorText, what))
		}
	},
	"Page.frameStartedLoading": func(e *pageEvents, rp *rod.Page, m *rod.Message) {
		var ev proto.PageFrameStartedLoading
		m.Load(&ev)
		if ev.FrameID == rp.FrameID {
			e.mu.Lock()
			e.load = mainLoad{since: time.Now(), url: e.load.url}
			e.mu.Unlock()
		}
	},
	"Page.frameNavigated": func(e *pageEvents, rp *rod.Page, m *rod.Message) {
		var ev proto.PageFrameNavigated
		m.Load(&ev)
		e.origins.add(ev.Frame.SecurityOrigin)
		e.origins.keyOf(rp, ev.Frame.ID)
		if ev.Frame.ParentID == "" && ev.Type == proto.PageNavigationTypeNavigation {
			e.mu.Lock()
			e.load.committed, e.load.url, e.load.lifecycle = true, ev.Frame.URL, nil
			e.newDocument()
			e.mu.Unlock()
		}
	},
	"Page.lifecycleEvent": func(e *pageEvents, rp *rod.Page, m *rod.Message) {
		var ev proto.PageLifecycleEvent
		m.Load(&ev)
		if ev.FrameID != rp.FrameID {
			return
		}
		e.mu.Lock()
		defer e.mu.Unlock()
		if ev.Name == "init" {
			e.load.lifecycle = nil
		} else if len(e.load.lifecycle) < 20 {
			e.load.lifecycle = append(e.load.lifecycle, string(ev.Name))
		}
		if ev.Name == proto.PageLifecycleEventNameDOMContentLoaded {
			e.load.since = time.Time{}
			e.scripts.domReady = time.Now()
		}
	},
	"Page.navigatedWithinDocument": func(e *pageEvents, rp *rod.Page, m *rod.Message) {
		var ev proto.PageNavigatedWithinDocument
		m.Load(&ev)
		e.loadEnded(ev.FrameID == rp.FrameID)
	},
	"Page.frameStoppedLoading": func(e *pageEvents, rp *rod.Page, m *rod.Message) {
		var ev proto.PageFrameStoppedLoading
		m.Load(&ev)
		e.loadEnded(ev.FrameID == rp.FrameID)
	},
	"Page.javascriptDialogOpening": func(e *pageEvents, rp *rod.Page, m *rod.Message) {
		var ev proto.PageJavascriptDialogOpening
		m.Load(&ev)
		accept := e.takeDialog(&ev)
		// Answered from its own goroutine: the loop must keep reading events.
		go func() {
			_ = proto.PageHandleJavaScriptDialog{Accept: accept, PromptText: ev.DefaultPrompt}.Call(rp)
		}()
	},
}

// target follows the browser's targets of the page's browser context: an
// out-of-process frame (a cross-site frame under site isolation) and a worker
// are targets of their own, whose navigations the page's session never hears
// of, and whose origins and storage the wipe must clear all the same.
func (e *pageEvents) target(rp *rod.Page, m *rod.Message) {
	var ti *proto.TargetTargetInfo
	var created proto.TargetTargetCreated
	var changed proto.TargetTargetInfoChanged
	switch {
	case m.Load(&created):
		ti = created.TargetInfo
	case m.Load(&changed):
		ti = changed.TargetInfo
	}
	if ti == nil || ti.BrowserContextID != rp.Browser().BrowserContextID {
		return
	}
	e.origins.addURL(ti.URL)
	if ti.Type == targetIframe {
		e.origins.keyOf(rp, proto.PageFrameID(ti.TargetID)) // an out-of-process frame's id is its target's
	}
}

// consoleText is a console call's arguments, as the console shows them.
func consoleText(ev *proto.RuntimeConsoleAPICalled) string {
	parts := make([]string, 0, len(ev.Args))
	for _, a := range ev.Args {
		if a.Value.Nil() {
			parts = append(parts, a.Description)
		} else {
			parts = append(parts, a.Value.String())
		}
	}
	return strings.Join(parts, " ")
}

// exceptionText is an uncaught error's message.
func exceptionText(d *proto.RuntimeExceptionDetails) string {
	msg := d.Text
	if d.Exception != nil {
		msg += " " + d.Exception.Description
	}
	return msg
}

func (e *pageEvents) answered(id proto.NetworkRequestID) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.inflight, id)
	e.scriptEnded(id)
}

func (e *pageEvents) loadEnded(main bool) {
	if main {
		e.mu.Lock()
		e.load.since = time.Time{}
		e.mu.Unlock()
	}
}

// loadingSince reports whether the main frame is loading a new document, and
// since when.
func (e *pageEvents) loadingSince() (time.Time, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.load.since, !e.load.since.IsZero()
}

// loadState says, for a person, how far the main frame's load got.
func (e *pageEvents) loadState() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var b strings.Builder
	switch {
	case e.load.url == "":
		b.WriteString("no document was requested")
	case !e.load.committed:
		fmt.Fprintf(&b, "%s was requested but the server had not answered", e.load.url)
	case len(e.load.lifecycle) == 0:
		fmt.Fprintf(&b, "%s had answered; the browser had not started parsing it", e.load.url)
	default:
		fmt.Fprintf(&b, "%s had answered and reached %s", e.load.url, strings.Join(e.load.lifecycle, ", "))
	}
	if n := len(e.inflight); n > 0 {
		var some []string
		for _, r := range e.inflight {
			if len(some) == 3 {
				break
			}
			some = append(some, r)
		}
		fmt.Fprintf(&b, "; %d request(s) unanswered, e.g. %s", n, strings.Join(some, ", "))
	}
	return b.String()
}

func (e *pageEvents) stop() {
	if e.cancel != nil {
		e.cancel()
	}
}

func (e *pageEvents) add(list *[]string, s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(*list) < 500 {
		*list = append(*list, s)
	}
}

func (e *pageEvents) takeDialog(ev *proto.PageJavascriptDialogOpening) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.nextDialog != nil {
		accept := *e.nextDialog
		e.nextDialog = nil
		return accept
	}
	if ev.Type == proto.PageDialogTypeBeforeunload {
		return true
	}
	d := fmt.Sprintf("%s %q", ev.Type, ev.Message)
	e.unexpected = append(e.unexpected, d)
	if len(e.dialogs) < 100 {
		e.dialogs = append(e.dialogs, d)
	}
	return false
}
