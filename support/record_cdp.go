package support

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// How a Recording follows the page over CDP: the page's listener (events.go)
// hands it the events of the page's session and of the out-of-process frames
// it attached; requests, console, documents are kept here, and the Fetch
// pauses that Leaving and Hold need are answered here.

// requestKey names a request: ids are the browser's, per session.
type requestKey struct {
	session proto.TargetSessionID
	id      proto.NetworkRequestID
}

// openRequest is a request in flight: where it is in the record, and its
// start by the wall clock and by the browser's, to time its end by the
// browser's own timestamps.
type openRequest struct {
	index int
	wall  time.Time
	ts    proto.MonotonicTime
}

func (o openRequest) at(ts proto.MonotonicTime) time.Time { return o.wall.Add((ts - o.ts).Duration()) }

// on records one event of session s, then hands it to the consumers' Events.
func (r *Recording) on(s *Session, m *rod.Message) {
	switch m.Method {
	case "Network.requestWillBeSent":
		var ev proto.NetworkRequestWillBeSent
		m.Load(&ev)
		r.requestSent(s, &ev)
	case "Network.responseReceived":
		var ev proto.NetworkResponseReceived
		m.Load(&ev)
		r.update(s, ev.RequestID, func(req *Request, _ openRequest) bool { req.Status = ev.Response.Status; return false })
	case "Network.loadingFinished":
		var ev proto.NetworkLoadingFinished
		m.Load(&ev)
		r.update(s, ev.RequestID, func(req *Request, o openRequest) bool { req.Ended = o.at(ev.Timestamp); return true })
	case "Network.loadingFailed":
		var ev proto.NetworkLoadingFailed
		m.Load(&ev)
		r.update(s, ev.RequestID, func(req *Request, o openRequest) bool {
			req.Ended, req.Failure = o.at(ev.Timestamp), ev.ErrorText
			if ev.Canceled {
				req.Failure = "canceled"
			}
			return true
		})
	case "Runtime.consoleAPICalled":
		var ev proto.RuntimeConsoleAPICalled
		m.Load(&ev)
		r.message(s, ev.Timestamp, string(ev.Type), consoleText(&ev))
	case "Runtime.exceptionThrown":
		var ev proto.RuntimeExceptionThrown
		m.Load(&ev)
		r.message(s, ev.Timestamp, "uncaught", exceptionText(ev.ExceptionDetails))
	case "Page.frameNavigated":
		var ev proto.PageFrameNavigated
		m.Load(&ev)
		r.navigated(s, ev.Frame)
	case "Page.frameDetached":
		var ev proto.PageFrameDetached
		m.Load(&ev)
		if ev.Reason == proto.PageFrameDetachedReasonRemove {
			r.mu.Lock()
			r.left(ev.FrameID, time.Now())
			r.mu.Unlock()
		}
	case "Fetch.requestPaused":
		var ev proto.FetchRequestPaused
		m.Load(&ev)
		go r.paused(s, &ev)
	case "Runtime.executionContextCreated":
		var ev proto.RuntimeExecutionContextCreated
		m.Load(&ev)
		r.mu.Lock()
		if r.barrier != "" && ev.Context.Name == r.barrier {
			close(r.settled)
			r.barrier = ""
		}
		r.mu.Unlock()
	case "Debugger.paused":
		var ev proto.DebuggerPaused
		m.Load(&ev)
		go r.pausedInPage(s, &ev)
	}
	for _, fn := range r.events[m.Method] {
		fn(s, m)
	}
}

func (r *Recording) requestSent(s *Session, ev *proto.NetworkRequestWillBeSent) {
	k := requestKey{s.ID, ev.RequestID}
	r.mu.Lock()
	defer r.mu.Unlock()
	if o, ok := r.open[k]; ok && ev.RedirectResponse != nil {
		// A redirect keeps the request's id: the hop before ends here.
		req := &r.requests[o.index]
		req.Status, req.Ended = ev.RedirectResponse.Status, o.at(ev.Timestamp)
		r.closeRequest(k)
	}
	start := ev.WallTime.Time()
	i, ok := r.addRequest(Request{ID: string(ev.RequestID), Method: ev.Request.Method, URL: ev.Request.URL + ev.Request.URLFragment,
		Type: string(ev.Type), Frame: string(ev.FrameID), Started: start, Step: r.stepAt(start)})
	if !ok {
		return
	}
	if len(r.open) == 0 {
		r.idle = make(chan struct{})
	}
	r.open[k] = openRequest{index: i, wall: start, ts: ev.Timestamp}
}

// update applies fn to the open request id of s; fn says whether it ended.
func (r *Recording) update(s *Session, id proto.NetworkRequestID, fn func(*Request, openRequest) bool) {
	k := requestKey{s.ID, id}
	r.mu.Lock()
	defer r.mu.Unlock()
	if o, ok := r.open[k]; ok && fn(&r.requests[o.index], o) {
		r.closeRequest(k)
	}
}

// closeRequest takes k off the requests in flight; r.mu is held.
func (r *Recording) closeRequest(k requestKey) {
	delete(r.open, k)
	if len(r.open) == 0 {
		close(r.idle)
	}
}

// message records a console message; ms is the browser's time of it, in
// milliseconds since the epoch.
func (r *Recording) message(s *Session, ms proto.RuntimeTimestamp, level, text string) {
	at := time.UnixMilli(0).Add(time.Duration(float64(ms) * float64(time.Millisecond)))
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.console) >= maxMessages {
		r.dropped++
		return
	}
	r.console = append(r.console, Message{At: at, Level: level, Text: text, Frame: !s.Main, Step: r.stepAt(at)})
}

// navigated records the document a frame committed; the one it showed before is left.
func (r *Recording) navigated(s *Session, f *proto.PageFrame) {
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.left(f.ID, now)
	if len(r.documents) >= maxDocuments {
		r.dropped++
		return
	}
	r.documents = append(r.documents, Document{Frame: string(f.ID), Parent: string(f.ParentID), Loader: string(f.LoaderID),
		URL: f.URL + f.URLFragment, Committed: now, Step: r.stepAt(now), in: s})
	r.shown[f.ID] = len(r.documents) - 1
}

// left marks the document frame shows as left at t; r.mu is held.
func (r *Recording) left(frame proto.PageFrameID, t time.Time) {
	if i, ok := r.shown[frame]; ok {
		if r.documents[i].Left.IsZero() {
			r.documents[i].Left = t
		}
		delete(r.shown, frame)
	}
}

// fetchPatterns are the requests Fetch must pause for the hooks: every
// response when a hook holds them; nil for none.
func (r *Recording) fetchPatterns() []*proto.FetchRequestPattern {
	for _, h := range r.hooks {
		if h.Hold != nil {
			return []*proto.FetchRequestPattern{{URLPattern: "*", RequestStage: proto.FetchRequestStageResponse}}
		}
	}
	return nil
}

// paused holds one response as long as the Hold hooks say (at most until
// the recording ends), then lets it go on.
func (r *Recording) paused(s *Session, ev *proto.FetchRequestPaused) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.page.rod.GetContext()), endBudget)
	defer cancel()
	r.mu.Lock()
	ended := r.ended
	r.mu.Unlock()
	if !ended {
		r.hold(ev)
	}
	err := proto.FetchContinueRequest{RequestID: ev.RequestID}.Call(s.Client(ctx))
	if err != nil && !strings.Contains(err.Error(), "Invalid InterceptionId") { // gone meanwhile: canceled, or its frame went
		r.problem("letting the response to %s %s go on after holding it: %v", ev.Request.Method, ev.Request.URL, err)
	}
}

// hold waits as long as the longest Hold hook asks, or until the end.
func (r *Recording) hold(ev *proto.FetchRequestPaused) {
	req := Request{Method: ev.Request.Method, URL: ev.Request.URL + ev.Request.URLFragment, Type: string(ev.ResourceType),
		Frame: string(ev.FrameID), ID: string(ev.NetworkID)}
	if ev.ResponseStatusCode != nil {
		req.Status = *ev.ResponseStatusCode
	}
	var delay time.Duration
	for _, h := range r.hooks {
		if h.Hold != nil {
			delay = max(delay, h.Hold(req))
		}
	}
	if delay <= 0 {
		return
	}
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.release:
	}
}

// iframesOnly is the auto-attach filter: frames, not workers.
var iframesOnly = proto.TargetTargetFilter{{Type: "iframe"}, {Exclude: true}}

// attach readies a session for the hooks: the domains the record reads (a
// frame's; the page's are on already), Fetch when a hook needs it, auto-attach
// of the frames in it, then the consumers' Attach. A frame's session waits
// for the debugger until then, so nothing of it runs unseen; it is let go
// whatever failed.
func (r *Recording) attach(ctx context.Context, s *Session) error {
	rp := s.Client(ctx)
	var errs []string
	call := func(what string, req interface{ Call(proto.Client) error }) {
		if err := req.Call(rp); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", what, err))
		}
	}
	if !s.Main {
		call("Runtime.enable", proto.RuntimeEnable{})
		call("Network.enable", proto.NetworkEnable{})
		call("Page.enable", proto.PageEnable{})
	}
	if len(r.fetch) > 0 {
		call("Fetch.enable", proto.FetchEnable{Patterns: r.fetch})
	}
	if r.leaving {
		if err := r.watchLeaving(s, rp); err != nil {
			errs = append(errs, "watching for navigations: "+err.Error())
		}
	}
	call("Target.setAutoAttach", proto.TargetSetAutoAttach{AutoAttach: true, WaitForDebuggerOnStart: true, Flatten: true, Filter: iframesOnly})
	for i, h := range r.hooks {
		if h.Attach != nil {
			if err := h.Attach(ctx, s); err != nil {
				errs = append(errs, fmt.Sprintf("consumer %d: %v", i+1, err))
			}
		}
	}
	if !s.Main {
		call("Runtime.runIfWaitingForDebugger", proto.RuntimeRunIfWaitingForDebugger{})
	}
	if len(errs) == 0 {
		return nil
	}
	where := "the page"
	if !s.Main {
		where = "the frame at " + s.URL
	}
	return fmt.Errorf("recorder: attaching to %s: %s", where, strings.Join(errs, "; "))
}

// attached readies the session of a frame the browser attached.
func (r *Recording) attached(s *Session) {
	r.mu.Lock()
	r.sessions = append(r.sessions, s)
	r.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.page.rod.GetContext()), endBudget)
	defer cancel()
	if err := r.attach(ctx, s); err != nil {
		r.problem("%v", err)
	}
}

// detached forgets a frame's session: its requests in flight will not end.
func (r *Recording) detached(id proto.TargetSessionID) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.sessions {
		if s.ID == id {
			s.gone = true
		}
	}
	for k, o := range r.open {
		if k.session == id {
			r.requests[o.index].Failure = "its frame went away"
			r.closeRequest(k)
		}
	}
}

// stop turns off what attach turned on, on every session still attached.
func (r *Recording) stop(ctx context.Context) {
	r.mu.Lock()
	live := r.live()
	r.mu.Unlock()
	for _, s := range live {
		rp := s.Client(ctx)
		if len(r.fetch) > 0 {
			_ = proto.FetchDisable{}.Call(rp) // lets every paused request go
		}
		if r.leaving {
			r.unwatchLeaving(s, rp)
		}
		_ = proto.TargetSetAutoAttach{AutoAttach: false, Flatten: true}.Call(rp)
	}
}

// session follows the frames' sessions for the page's listener: it says
// whether m was an attach or a detach, which it handled. A frame attached
// when no recording is on (it was asked for just before the end) is let go
// at once: it waits for the debugger.
func (e *pageEvents) session(rp *rod.Page, rec *Recording, m *rod.Message, frames map[proto.TargetSessionID]*Session) bool {
	switch m.Method {
	case "Target.attachedToTarget":
		var ev proto.TargetAttachedToTarget
		m.Load(&ev)
		s := &Session{ID: ev.SessionID, Target: ev.TargetInfo.TargetID, URL: ev.TargetInfo.URL, b: rp.Browser()}
		if rec == nil {
			go func() { _ = proto.RuntimeRunIfWaitingForDebugger{}.Call(s.Client(rp.GetContext())) }()
			return true
		}
		frames[s.ID] = s
		go rec.attached(s)
		return true
	case "Target.detachedFromTarget":
		var ev proto.TargetDetachedFromTarget
		m.Load(&ev)
		delete(frames, ev.SessionID)
		if rec != nil {
			rec.detached(ev.SessionID)
		}
		return true
	case "Fetch.requestPaused", "Debugger.paused":
		if rec != nil {
			return false
		}
		// Paused after the recording ended (a frame's session readied late):
		// nobody else would let it go.
		c := sessionClient{b: rp.Browser(), id: m.SessionID, ctx: rp.GetContext()}
		var ev proto.FetchRequestPaused
		if m.Load(&ev) {
			go func() { _ = proto.FetchContinueRequest{RequestID: ev.RequestID}.Call(c) }()
		} else {
			go func() { _ = proto.DebuggerResume{}.Call(c) }()
		}
		return true
	}
	return false
}
