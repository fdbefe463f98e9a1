package support

import (
	"context"
	_ "embed"
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
	// Timeout bounds every wait (actions and assertions).
	Timeout time.Duration
	// Slice bounds one in-page wait: the page answers at the latest after Slice with
	// its last state, so navigations and the deadline are noticed. Conditions are
	// re-checked in the page on every DOM change and animation frame, so Slice does
	// not delay a wait that succeeds.
	Slice time.Duration
}

// DefaultPolicy is the policy of a Page made without one: 5 s, as STEPS.md says.
func DefaultPolicy() Policy { return Policy{Timeout: 5 * time.Second, Slice: time.Second} }

//go:embed inpage.js
var inPageJS string

// request is what the in-page script reads; see inpage.js.
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
	SliceMs     int64   `json:"sliceMs"`
}

// answer is what it returns.
type answer struct {
	OK      bool    `json:"ok"`
	State   string  `json:"state"`
	Fatal   string  `json:"fatal"`
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
	Done    bool    `json:"done"`
	Already bool    `json:"already"`
	Aria    bool    `json:"aria"`   // select-option found an ARIA combobox or listbox
	Closed  bool    `json:"closed"` // ... whose list must be opened first
}

func (r request) withLocator(l Locator) request {
	r.Locator, r.Kind, r.Scopes = l.Query, l.kind(), l.Scopes
	return r
}

// answerGrace is how long past the deadline we still wait for the page's answer
// to the last attempt, so a timeout reports what the page showed last rather
// than nothing (a cold page may take a while to answer its first call).
const answerGrace = time.Second

// wait runs req in the page until it passes or the policy's timeout passes.
func (p *Page) wait(ctx context.Context, op, target string, req request) (answer, error) {
	start := time.Now()
	target += p.framesSuffix()
	deadline := start.Add(p.policy.Timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	attempts, last := 0, ""
	var backoff utils.Sleeper
	timeout := func() error {
		return &TimeoutError{Op: op, Target: target, Timeout: deadline.Sub(start), Attempts: attempts, Elapsed: time.Since(start), LastState: last}
	}
	for {
		remaining := time.Until(deadline)
		if remaining <= 0 && attempts > 0 {
			return answer{}, timeout()
		}
		// The page answers by the end of its slice, or at once when the condition holds.
		req.SliceMs = max(0, min(p.policy.Slice, remaining)).Milliseconds()
		evalCtx, cancel := context.WithDeadline(ctx, deadline.Add(answerGrace))
		var a answer
		// In a frame, the frame is waited for first, then req runs in its document.
		at, off, err := p.enterFrames(evalCtx, req.SliceMs, &a)
		if err == nil && a.State == "" && a.Fatal == "" {
			var res *proto.RuntimeRemoteObject
			res, err = at.eval(req, false)
			if err == nil {
				err = res.Value.Unmarshal(&a)
			}
			a.X, a.Y = a.X+off.X, a.Y+off.Y
		}
		late := evalCtx.Err() != nil // checked before cancel, which sets it
		cancel()
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			return answer{}, timeout() // the caller's deadline: still say what was seen
		case ctx.Err() != nil:
			return answer{}, ctx.Err()
		case err != nil && late:
			return answer{}, timeout()
		case err != nil && transient(err):
			// The document went away under us (navigation): try again on the new
			// one, backing off so a page that keeps reloading is not hammered.
			last = "the page was navigating"
			if backoff == nil {
				backoff = utils.BackoffSleeper(5*time.Millisecond, 100*time.Millisecond, nil)
			}
			if time.Now().After(deadline) || backoff(ctx) != nil {
				attempts++ // the navigation itself is what was seen last
				return answer{}, timeout()
			}
			continue
		case err != nil:
			return answer{}, fmt.Errorf("%s %s: %w", op, target, err)
		}
		attempts++
		if a.Fatal != "" {
			return answer{}, &LocatorError{Op: op, Target: target, Reason: a.Fatal}
		}
		if a.OK {
			return a, nil
		}
		last = a.State
	}
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
		"No node with given id", "Could not find node with given id", "No target with given id"} { // the last three: a frame that went away
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
