package support

import (
	"context"
	"net/url"
	"strings"

	"github.com/go-rod/rod/lib/proto"
)

// Leaving hooks run while the old document still answers. Chrome holds every
// command to a frame's renderer from the start of the frame's navigation to
// its end (DevTools suspends its sessions' messages), so once a navigation
// has started the old document cannot be asked anything: a Fetch pause of
// the new document's request is too late. The hooks run before instead:
//   - support's own navigations (Visit, Reload, Back) run them first;
//   - for a navigation the page starts (a link, a form, location.href,
//     history.back), a listener of the Navigation API's navigate event, in a
//     world of its own that the page cannot see, stops the page at a debugger
//     statement: the event comes before the navigation is sent to the
//     browser, and a paused renderer still answers commands. The hooks run
//     during the pause, then the page goes on.
// So Leaving may run twice for one document (Back is both), or for a
// navigation that does not happen (one the page cancels).

const (
	leavingWorld = "romaine-recorder" // the listener's isolated world
	leavingMark  = "romaineLeaving"   // the listener's name: its pauses are ours
)

var leavingScript = `if (window.navigation) navigation.addEventListener('navigate', function ` + leavingMark +
	`(e) { if (!e.destination.sameDocument) { debugger; } });`

// leaves reports whether a hook asks for Leaving.
func (r *Recording) leaves() bool {
	for _, h := range r.hooks {
		if h.Leaving != nil {
			return true
		}
	}
	return false
}

// watchLeaving pauses the session's documents, from now on, before they navigate.
func (r *Recording) watchLeaving(s *Session, c proto.Client) error {
	if _, err := (proto.DebuggerEnable{}).Call(c); err != nil {
		return err
	}
	res, err := proto.PageAddScriptToEvaluateOnNewDocument{Source: leavingScript, WorldName: leavingWorld, RunImmediately: true}.Call(c)
	if err != nil {
		return err
	}
	r.mu.Lock()
	r.scripts[s.ID] = res.Identifier
	r.mu.Unlock()
	return nil
}

// unwatchLeaving undoes watchLeaving.
func (r *Recording) unwatchLeaving(s *Session, c proto.Client) {
	r.mu.Lock()
	id, ok := r.scripts[s.ID]
	r.mu.Unlock()
	if ok {
		_ = proto.PageRemoveScriptToEvaluateOnNewDocument{Identifier: id}.Call(c)
	}
	_ = proto.DebuggerDisable{}.Call(c) // lets a paused page go
}

// pausedInPage answers a debugger pause of session s: the leaving listener's
// runs the Leaving hooks; any other (the page's own debugger statement) goes
// on at once. The page goes on whatever the hooks do.
func (r *Recording) pausedInPage(s *Session, ev *proto.DebuggerPaused) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.page.rod.GetContext()), endBudget)
	defer cancel()
	defer func() {
		if err := (proto.DebuggerResume{}).Call(s.Client(ctx)); err != nil && !strings.Contains(err.Error(), "not paused") {
			r.problem("letting the page go on after a pause: %v", err)
		}
	}()
	if len(ev.CallFrames) == 0 || ev.CallFrames[0].FunctionName != leavingMark {
		return
	}
	// Which document is leaving matters only where the session shows more
	// than one (same-process frames): ask the paused one then.
	href := ""
	if r.documentsIn(s) > 1 {
		res, err := proto.DebuggerEvaluateOnCallFrame{CallFrameID: ev.CallFrames[0].CallFrameID, Expression: "location.href", ReturnByValue: true}.Call(s.Client(ctx))
		if err == nil && res.Result != nil {
			href = res.Result.Value.Str()
		}
	}
	r.leave(ctx, s, href)
}

// documentsIn counts the documents session s shows now.
func (r *Recording) documentsIn(s *Session) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, i := range r.shown {
		if r.documents[i].in == s {
			n++
		}
	}
	return n
}

// leavePage runs the Leaving hooks before support navigates the page itself.
func (r *Recording) leavePage(ctx context.Context) {
	if r == nil {
		return
	}
	r.leave(ctx, r.main, "")
}

// leave runs the Leaving hooks for the document session s shows at href (""
// for its top document), unless it is about:blank or the recording is over.
func (r *Recording) leave(ctx context.Context, s *Session, href string) {
	r.mu.Lock()
	d, ok := r.shownIn(s, href)
	ok = ok && !r.ended
	r.mu.Unlock()
	if !ok || strings.HasPrefix(d.URL, "about:") {
		return
	}
	for _, h := range r.hooks {
		if h.Leaving != nil {
			h.Leaving(ctx, Leave{Session: s, Document: d})
		}
	}
}

// shownIn finds the document s shows at href (its fragment aside), or else
// the session's top document; r.mu is held.
func (r *Recording) shownIn(s *Session, href string) (Document, bool) {
	best, top := -1, -1
	for _, i := range r.shown {
		d := r.documents[i]
		if d.in != s {
			continue
		}
		if href != "" && withoutFragment(d.URL) == withoutFragment(href) && (best < 0 || d.Parent == "") {
			best = i
		}
		if top < 0 || d.Parent == "" {
			top = i
		}
	}
	if best < 0 {
		best = top
	}
	if best < 0 {
		return Document{}, false
	}
	return r.documents[best], true
}

func withoutFragment(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}
