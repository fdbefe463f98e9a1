package support

import (
	"context"
	"fmt"
	"strings"
	"sync"
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
	cancel     func()
	limit      time.Duration // for the calls the listener makes itself (a dialog's answer)
}

// mainLoad is where the main frame's current load is.
type mainLoad struct {
	since     time.Time // zero when no load is under way
	url       string    // the document asked for
	committed bool      // the server answered and the new document began
	lifecycle []string  // lifecycle events of the new document so far
}

func newPageEvents(limit time.Duration) *pageEvents {
	return &pageEvents{requests: map[proto.NetworkRequestID]string{}, inflight: map[proto.NetworkRequestID]string{}, limit: limit}
}

// listen follows rp's events until stop; ctx bounds enabling them.
func (e *pageEvents) listen(ctx context.Context, rp *rod.Page) error {
	life, cancel := context.WithCancel(rp.GetContext())
	e.cancel = cancel
	for _, enable := range []interface{ Call(proto.Client) error }{proto.RuntimeEnable{}, proto.NetworkEnable{}, proto.PageEnable{},
		proto.PageSetLifecycleEventsEnabled{Enabled: true}} {
		if err := enable.Call(rp.Context(ctx)); err != nil {
			return fmt.Errorf("enabling page events: %w", err)
		}
	}
	rp = rp.Context(life)
	main := rp.FrameID
	go rp.EachEvent(
		func(ev *proto.RuntimeConsoleAPICalled) {
			var parts []string
			for _, a := range ev.Args {
				if a.Value.Nil() {
					parts = append(parts, a.Description)
				} else {
					parts = append(parts, a.Value.String())
				}
			}
			e.add(&e.console, fmt.Sprintf("[%s] %s", ev.Type, strings.Join(parts, " ")))
		},
		func(ev *proto.RuntimeExceptionThrown) {
			msg := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
			e.add(&e.console, "[uncaught] "+msg)
		},
		func(ev *proto.NetworkRequestWillBeSent) {
			e.mu.Lock()
			defer e.mu.Unlock()
			what := ev.Request.Method + " " + ev.Request.URL
			if len(e.requests) < 5000 {
				e.requests[ev.RequestID] = what
			}
			if len(e.inflight) < 5000 {
				e.inflight[ev.RequestID] = what
			}
			if ev.Type == proto.NetworkResourceTypeDocument && ev.FrameID == main {
				e.load.url = ev.Request.URL
			}
		},
		func(ev *proto.NetworkResponseReceived) {
			if ev.Response.Status >= 400 {
				e.add(&e.failed, fmt.Sprintf("%d %s", ev.Response.Status, ev.Response.URL))
			}
		},
		func(ev *proto.NetworkLoadingFinished) { e.answered(ev.RequestID) },
		func(ev *proto.NetworkLoadingFailed) {
			e.answered(ev.RequestID)
			if !ev.Canceled {
				e.mu.Lock()
				what := e.requests[ev.RequestID]
				e.mu.Unlock()
				e.add(&e.failed, fmt.Sprintf("%s %s", ev.ErrorText, what))
			}
		},
		func(ev *proto.PageFrameStartedLoading) {
			if ev.FrameID == main {
				e.mu.Lock()
				e.load = mainLoad{since: time.Now(), url: e.load.url}
				e.mu.Unlock()
			}
		},
		func(ev *proto.PageFrameNavigated) {
			if ev.Frame.ParentID == "" && ev.Type == proto.PageNavigationTypeNavigation {
				e.mu.Lock()
				e.load.committed, e.load.url, e.load.lifecycle = true, ev.Frame.URL, nil
				e.mu.Unlock()
			}
		},
		func(ev *proto.PageLifecycleEvent) {
			if ev.FrameID != main {
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
			}
		},
		func(ev *proto.PageNavigatedWithinDocument) { e.loadEnded(ev.FrameID == main) },
		func(ev *proto.PageFrameStoppedLoading) { e.loadEnded(ev.FrameID == main) },
		func(ev *proto.PageJavascriptDialogOpening) {
			accept := e.takeDialog(ev)
			// Answered from its own goroutine: EachEvent must keep reading events.
			go func() {
				ctx, cancel := context.WithTimeout(life, e.limit)
				defer cancel()
				_ = proto.PageHandleJavaScriptDialog{Accept: accept, PromptText: ev.DefaultPrompt}.Call(rp.Context(ctx))
			}()
		},
	)()
	return nil
}

func (e *pageEvents) answered(id proto.NetworkRequestID) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.inflight, id)
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
