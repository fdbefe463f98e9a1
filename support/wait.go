package support

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
	"github.com/go-rod/rod/lib/utils"
)

// Policy is how long and how a wait goes on. It is a value: pass it, or clone a
// Page with another one; there is no global default to change.
type Policy struct {
	// Timeout bounds each step: every wait inside one operation (actions and
	// assertions) shares one deadline of Timeout.
	Timeout time.Duration
	// Slice bounds one in-page wait: the page answers at the latest after Slice with
	// its last state, so navigations and the deadline are noticed. Conditions are
	// re-checked in the page on every DOM change and on the events that change
	// what a check sees (see inpage/90-settle.js), so Slice does not delay a wait
	// that succeeds.
	Slice time.Duration
	// Navigation bounds page loads: going to a page, reloading, going back, and
	// a step that finds the page loading (after a click that navigates). A page
	// load is not an element wait: a person waits for a slow page. Zero means
	// DefaultNavigation.
	Navigation time.Duration
}

// DefaultNavigation is how long a page may take to load, as in Playwright.
const DefaultNavigation = 30 * time.Second

// DefaultPolicy is the policy of a Page made without one: 5 s, as docs/steps.md says.
func DefaultPolicy() Policy {
	return Policy{Timeout: 5 * time.Second, Slice: time.Second, Navigation: DefaultNavigation}
}

// request is what the in-page script reads; see inpage/.
type request struct {
	Check       string  `json:"check"` // act, text, count, visible, state
	Locator     string  `json:"locator,omitempty"`
	Kind        Kind    `json:"kind,omitempty"`
	Scopes      []Scope `json:"scopes,omitempty"`
	Text        string  `json:"text,omitempty"`
	Selector    string  `json:"selector,omitempty"`
	Count       int     `json:"count"` // 0 is a count too
	Negate      bool    `json:"negate,omitempty"`
	Exact       bool    `json:"exact,omitempty"`
	Prop        string  `json:"prop,omitempty"`
	NeedEnabled bool    `json:"needEnabled,omitempty"`
	NeedEdit    bool    `json:"needEditable,omitempty"`
	Then        string  `json:"then,omitempty"`
	Value       string  `json:"value,omitempty"`
	Want        bool    `json:"want"` // false (uncheck) must reach the page
	// Visible is, in a frame, the part of its viewport the top window shows
	// (left, top, right, bottom): an action aims there (see enterFrames).
	Visible *[4]float64 `json:"visible,omitempty"`
	SliceMs int64       `json:"sliceMs"`
	// Page is what the page's world said of the element the last check asked
	// about (see pageprops.go), for the next check's first pass.
	Page *pageState `json:"page,omitempty"`
	// Boot lets a script that just arrived run before the first pass (ready.go).
	Boot bool `json:"boot,omitempty"`
	// Hold keeps the change a fill left pending (change.go): the operation
	// types into the field or moves the focus, which settles it.
	Hold bool `json:"hold,omitempty"`
	// Intercept (mouse, hover, type) arms the hit-target check of the input
	// events that follow a passing act check; Token names that arming, Need is
	// the event that must reach the element, HoldMs how long the arming lasts.
	Intercept string `json:"intercept,omitempty"`
	Token     int64  `json:"token,omitempty"`
	Need      string `json:"need,omitempty"`
	HoldMs    int64  `json:"holdMs,omitempty"`
}

// answer is what it returns.
type answer struct {
	OK      bool       `json:"ok"`
	State   string     `json:"state"`
	Fatal   string     `json:"fatal"`
	X       float64    `json:"x"`
	Y       float64    `json:"y"`
	Done    bool       `json:"done"`
	Already bool       `json:"already"`
	Aria    bool       `json:"aria"`    // select-option found an ARIA combobox or listbox
	Closed  bool       `json:"closed"`  // ... whose list must be opened first
	Booting bool       `json:"booting"` // an act check found the page still loading a script (ready.go)
	Ask     bool       `json:"ask"`     // the check needs the page's world's state of a custom element
	View    [4]float64 `json:"view"`    // frame: the part of the frame's box its window shows
}

func (r request) withLocator(l Locator) request {
	r.Locator, r.Kind, r.Scopes = pageQuery(l.Query), l.kind(), l.Scopes
	return r
}

// answerGrace is how long past the deadline we still wait for the page's answer
// to the last attempt, so a timeout reports what the page showed last rather
// than nothing. firstAnswerGrace is that wait while the step has had no answer
// at all: a cold page on a CPU-starved machine may take a while to answer its
// first call, and a timeout with no state tells nobody anything.
const (
	answerGrace      = time.Second
	firstAnswerGrace = 4 * time.Second
)

// wait runs req in the page until it passes or the step's deadline passes. It
// checks at least once, even when an earlier wait of the same step used up the
// time, so a nested wait reports what it saw rather than nothing.
func (p *Page) wait(ctx context.Context, op, target string, req request) (answer, error) {
	ctx, done := p.enter(ctx) // the assertions' entry: each is one wait
	defer done()
	ctx, clk := p.clock(ctx)
	p.scripts.pressed(false) // a later operation than the key press: Type need not wait for it
	checked := false
	target += p.framesSuffix()
	var backoff utils.Sleeper
	var page *pageState // the page's world's answer to the last ask
	asks := 0
	booting := false // the last answer said the page was still loading a script
	for {
		remaining := p.remaining(clk)
		if remaining <= 0 && (checked || asks > 1) {
			return answer{}, clk.timeout(op, target)
		}
		if req.Check == "act" {
			// An action waits while the page is still loading its scripts (ready.go).
			if !p.readyToAct(ctx, clk, &req, booting) {
				return answer{}, clk.timeout(op, target)
			}
			remaining = p.remaining(clk)
		}
		// The page answers by the end of its slice, or at once when the condition holds.
		req.SliceMs = max(0, min(p.policy.Slice, remaining)).Milliseconds()
		grace := answerGrace
		if clk.attempts == 0 {
			grace = firstAnswerGrace
		}
		evalCtx, cancel := context.WithDeadline(ctx, time.Now().Add(max(0, remaining)+grace))
		var a answer
		// In a frame, the frame is waited for first, then req runs in its document.
		at, off, err := p.enterFrames(evalCtx, req.SliceMs, &a)
		if err == nil && a.State == "" && a.Fatal == "" {
			var res *proto.RuntimeRemoteObject
			req.Visible = off.visible()
			req.Page, page = page, nil
			res, err = at.eval(req, false)
			if err == nil {
				err = res.Value.Unmarshal(&a)
			}
			if err == nil && a.Ask {
				page, err = at.pageState()
			}
			a.X, a.Y = a.X+off.X, a.Y+off.Y
		}
		late := evalCtx.Err() != nil // checked before cancel, which sets it
		cancel()
		switch {
		case ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded):
			return answer{}, ctx.Err()
		case ctx.Err() != nil || err != nil && late:
			// The caller's deadline, or the page's silence: still say what was seen.
			p.unanswered(clk)
			return answer{}, clk.timeout(op, target)
		case err != nil && transient(err):
			// The document went away under us (navigation): try again on the new
			// one, backing off so a page that keeps reloading is not hammered.
			clk.last = "the page was navigating"
			if backoff == nil {
				backoff = utils.BackoffSleeper(5*time.Millisecond, 100*time.Millisecond, nil)
			}
			if p.remaining(clk) <= 0 || backoff(ctx) != nil {
				clk.attempts++ // the navigation itself is what was seen last
				return answer{}, clk.timeout(op, target)
			}
			continue
		case err != nil:
			return answer{}, fmt.Errorf("%s %s: %w", op, target, err)
		case a.Ask:
			// Read in the page's world; the check runs again at once with it.
			asks++
			if a.State != "" { // after a pass that did not hold
				checked = true
				clk.see(a.State)
			}
			continue
		}
		checked = true
		booting = a.Booting
		clk.see(a.State)
		if a.Fatal != "" {
			return answer{}, &LocatorError{Op: op, Target: target, Reason: a.Fatal}
		}
		if a.OK && req.Check == "act" && p.startedLoading(clk) {
			continue // a script it started while the check ran is waited for, and the check made again
		}
		if a.OK {
			return a, nil
		}
	}
}

// remaining is the time left in the step. A page that is loading (after a
// click that navigates, say) gets the navigation limit from the start of its
// load, as a person waits for a slow page rather than giving up on it.
func (p *Page) remaining(clk *stepClock) time.Duration {
	left := time.Until(clk.deadline)
	if left > 0 {
		return left
	}
	if since, ok := p.events.loadingSince(); ok {
		if until := since.Add(p.policy.Navigation); until.After(clk.deadline) && time.Now().Before(until) {
			clk.deadline = until
			clk.last = "the page was still loading: " + p.events.loadState()
			return time.Until(until)
		}
	}
	return left
}

// unanswered records, when the step never got an answer from the page, what
// can be told from outside it: where the page is, and that it did not answer.
func (p *Page) unanswered(clk *stepClock) {
	if clk.attempts > 0 {
		return
	}
	where := p.whereFromOutside()
	if where == "" {
		clk.last = "neither the page nor the browser answered: the browser is hung or stopped, or the machine is starved of CPU"
		return
	}
	clk.last = "the page answered no check: its JavaScript is busy or stuck, or the machine is starved of CPU; " + where
}

// whereFromOutside says where the page is, asking the browser rather than the
// page (whose JavaScript may be stuck).
func (p *Page) whereFromOutside() string {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(p.rod.GetContext()), answerGrace)
	defer cancel()
	info, err := p.info(ctx)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("the page is at %s (title %q)", info.URL, info.Title)
}

// transient reports errors that mean "the document changed under the call".
func transient(err error) bool {
	var ee *rod.EvalError
	if errors.As(err, &ee) {
		return false
	}
	var gone *rod.ObjectNotFoundError // a frame's document replaced under the call
	if errors.As(err, &gone) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"Execution context was destroyed", "Cannot find context", "Inspected target navigated", "context with specified id",
		"No node with given id", "Could not find node with given id", "No target with given id", // a frame that went away
		"does not belong to the document", // a frame's document replaced (its first about:blank) under the call
		"No frame for given id found"} {   // a cross-site frame moved to a process of its own under the call
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
