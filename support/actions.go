package support

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/go-rod/rod/lib/input"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/internal/chrome"
)

// act waits until l names one visible, enabled element that would receive a
// click at its centre (and, unless the input is typing, stable: see
// actionable in inpage/60-stable.js), runs the in-page finishing step `then`,
// and returns where the element is.
func (p *Page) act(ctx context.Context, op string, l Locator, req request) (answer, error) {
	req.Check = "act"
	req.NeedEnabled = true
	return p.wait(ctx, op, l.String(), req.withLocator(l))
}

// inputTime is the least time input sent after a passing check has to be
// taken by the page (plus answerGrace), whatever is left of the step.
const inputTime = 2 * time.Second

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// tokens names each arming of the hit-target watch, so a late release of an
// earlier attempt cannot end a later one's.
var tokens atomic.Int64

// actWithInput is act followed by input events that must reach the element it
// checked: the check arms an in-page watch (kind: mouse, hover or type), send
// dispatches the events, and the watch tells whether they landed on that
// element, and not on whatever took its place or covers it now. If not, they
// were blocked in the page, and the whole action is tried again within the
// step's deadline. need is the event that must reach the element ("" for any).
func (p *Page) actWithInput(ctx context.Context, op string, l Locator, req request, kind, need string, send func(ctx context.Context, a answer) error) (answer, error) {
	ctx, clk := p.clock(ctx)
	for {
		req.Intercept, req.Need, req.Token = kind, need, tokens.Add(1)
		req.HoldMs = (max(time.Until(clk.deadline), inputTime) + answerGrace + firstAnswerGrace).Milliseconds()
		a, err := p.act(ctx, op, l, req)
		if err != nil || a.Done || a.Already {
			return a, err
		}
		// Input is bounded by the step too: a page whose JavaScript is stuck
		// never acknowledges it. A check that passed late in the step still
		// leaves the input a fair time to be taken on a loaded machine.
		inCtx, cancel := context.WithDeadline(ctx, latest(clk.deadline, time.Now().Add(inputTime)).Add(answerGrace))
		err = send(inCtx, a)
		late := inCtx.Err() != nil
		cancel()
		if err != nil {
			if late && ctx.Err() == nil || errors.Is(ctx.Err(), context.DeadlineExceeded) {
				clk.last = fmt.Sprintf("the page did not take the input events to %s: its JavaScript is busy or stuck", l)
				return answer{}, clk.timeout(op, l.String())
			}
			return answer{}, err
		}
		res, err := p.release(ctx, clk, op, l.String(), req)
		switch {
		case err != nil:
			return answer{}, err
		case res.OK:
			return a, nil
		}
		// Blocked in the page: what it would have hit is the state to report.
		clk.see(res.State)
		if p.remaining(clk) <= 0 {
			return answer{}, clk.timeout(op, l.String())
		}
	}
}

// release ends the watch armed by req and says whether the input reached the
// element. A document that went away took the watch with it: the input
// navigated, which is an answer too.
func (p *Page) release(ctx context.Context, clk *stepClock, op, target string, req request) (answer, error) {
	// The page took the input (it acknowledged it); its answer may still be
	// slow on a loaded machine, so it gets the longer grace of a first answer.
	rctx, cancel := context.WithDeadline(ctx, time.Now().Add(max(0, time.Until(clk.deadline))+firstAnswerGrace))
	defer cancel()
	// The watch lives in the document that was checked: a frame's, in a frame.
	var a answer
	at, _, err := p.enterFrames(rctx, 0, &a)
	if err == nil && (a.State != "" || a.Fatal != "") {
		return answer{OK: true}, nil // the frame went away: the input navigated it
	}
	if err == nil {
		var res *proto.RuntimeRemoteObject
		res, err = at.eval(request{Check: "release", Token: req.Token, Need: req.Need, Then: req.releaseThen()}, false)
		if err == nil {
			err = res.Value.Unmarshal(&a)
		}
	}
	switch {
	case err == nil:
		return a, nil
	case transient(err):
		return answer{OK: true}, nil
	case rctx.Err() != nil && ctx.Err() == nil && p.loading():
		return answer{OK: true}, nil // the input started a page load: it landed
	case rctx.Err() != nil && ctx.Err() == nil:
		clk.last = "the page did not answer after the input events: its JavaScript is busy or stuck"
		return answer{}, clk.timeout(op, target)
	}
	return answer{}, err
}

func (p *Page) loading() bool {
	_, ok := p.events.loadingSince()
	return ok
}

// Click clicks the element l names, as a person would: at its centre, once it can
// be clicked.
func (p *Page) Click(ctx context.Context, l Locator) error {
	return p.clickN(ctx, "click", l, 1)
}

// DoubleClick double-clicks the element l names.
func (p *Page) DoubleClick(ctx context.Context, l Locator) error {
	return p.clickN(ctx, "double-click", l, 2)
}

func (p *Page) clickN(ctx context.Context, op string, l Locator, n int) error {
	// The first click must reach the element; the page may answer it by
	// disabling the element, so the second (and dblclick) is not required.
	_, err := p.actWithInput(ctx, op, l, request{}, "mouse", "click", func(ctx context.Context, a answer) error {
		return p.mouseClick(ctx, a.X, a.Y, n)
	})
	return err
}

// Hover moves the mouse over the element l names.
func (p *Page) Hover(ctx context.Context, l Locator) error {
	_, err := p.actWithInput(ctx, "hover over", l, request{}, "hover", "", func(ctx context.Context, a answer) error {
		return p.mouse(ctx, proto.InputDispatchMouseEventTypeMouseMoved, a.X, a.Y, 0)
	})
	return err
}

func (p *Page) mouseClick(ctx context.Context, x, y float64, count int) error {
	if err := p.mouse(ctx, proto.InputDispatchMouseEventTypeMouseMoved, x, y, 0); err != nil {
		return err
	}
	for i := 1; i <= count; i++ {
		if err := p.pressRelease(ctx, x, y, i); err != nil {
			return err
		}
	}
	return nil
}

// pressRelease presses and releases the left button with no round trip in
// between (see chrome.PressRelease), so the page cannot re-render the node between the two.
func (p *Page) pressRelease(ctx context.Context, x, y float64, clicks int) error {
	ev := func(typ proto.InputDispatchMouseEventType) proto.InputDispatchMouseEvent {
		return proto.InputDispatchMouseEvent{Type: typ, X: x, Y: y, Button: proto.InputMouseButtonLeft, Buttons: gson1(1), ClickCount: clicks}
	}
	pr := chrome.PressRelease{Press: ev(proto.InputDispatchMouseEventTypeMousePressed), Release: ev(proto.InputDispatchMouseEventTypeMouseReleased)}
	res, err := p.rod.Call(ctx, string(p.rod.SessionID), "Input.dispatchMouseEvent", pr)
	if err != nil {
		return fmt.Errorf("mouse press and release at (%.0f,%.0f): %w", x, y, err)
	}
	if string(res) != chrome.Pipelined { // not our connection: only the press went
		return p.mouse(ctx, proto.InputDispatchMouseEventTypeMouseReleased, x, y, clicks)
	}
	return nil
}

func (p *Page) mouse(ctx context.Context, typ proto.InputDispatchMouseEventType, x, y float64, clicks int) error {
	ev := proto.InputDispatchMouseEvent{Type: typ, X: x, Y: y}
	if clicks > 0 {
		ev.Button, ev.Buttons, ev.ClickCount = proto.InputMouseButtonLeft, gson1(1), clicks
	}
	if err := ev.Call(p.rod.Context(ctx)); err != nil {
		return fmt.Errorf("mouse %s at (%.0f,%.0f): %w", typ, x, y, err)
	}
	return nil
}

func gson1(n int) *int { return &n }

// Fill replaces the value of the field l names with value, by typing it. The
// field is focused in the same in-page call that checks it, and the typing must
// reach that field: if focus moved (the field was re-rendered, a dialog took
// it), the keys are blocked and the fill starts again.
func (p *Page) Fill(ctx context.Context, l Locator, value string) error {
	l = l.As(FieldKind)
	if len(p.frames) > 0 {
		// A frame gets the keyboard when a person clicks into it; focus from
		// script alone does not move it there.
		if err := p.Click(ctx, l); err != nil {
			return err
		}
	}
	need := "beforeinput"
	if value == "" {
		need = "keydown"
	}
	_, err := p.actWithInput(ctx, "fill in", l, request{NeedEdit: true, Then: "focus-select", Value: value}, "type", need, func(ctx context.Context, _ answer) error {
		var err error
		if value == "" {
			err = p.key(ctx, input.Delete)
		} else {
			err = proto.InputInsertText{Text: value}.Call(p.rod.Context(ctx))
		}
		if err != nil {
			return fmt.Errorf("typing into %s: %w", l, err)
		}
		return nil
	})
	return err
}

// releaseThen is what the page does once the input is known to have landed:
// nothing more, today. A fill fires no change of its own: a person's typing
// fires input, and the browser fires change when they move on (the field loses
// focus, or Enter submits its form), as in Playwright. A change fired at once
// committed edits a person would still abandon with Escape (TodoMVC agilityjs).
func (r request) releaseThen() string { return "" }

// Clear empties the field l names.
func (p *Page) Clear(ctx context.Context, l Locator) error { return p.Fill(ctx, l, "") }

// Select picks the option whose text (or value) is option in the select box l
// names. On an ARIA combobox it clicks the combobox open when its list is
// closed, then clicks the option; on an ARIA listbox it clicks the option.
func (p *Page) Select(ctx context.Context, l Locator, option string) error {
	op := fmt.Sprintf("select %q from", option)
	l = l.As(FieldKind)
	a, err := p.act(ctx, op, l, request{Then: "select-option", Value: option})
	if err != nil || !a.Aria {
		return err
	}
	if a.Closed {
		if err := p.mouseClick(ctx, a.X, a.Y, 1); err != nil {
			return err
		}
	}
	o, err := p.wait(ctx, op, l.String(), request{Check: "option", Value: option}.withLocator(l))
	if err != nil {
		return err
	}
	return p.mouseClick(ctx, o.X, o.Y, 1)
}

// SetChecked checks (on) or unchecks the checkbox l names, by clicking it when it
// is not already in that state, then waits for the state to show.
func (p *Page) SetChecked(ctx context.Context, l Locator, on bool) error {
	op := "check"
	if !on {
		op = "uncheck"
	}
	return p.toggle(ctx, op, l.As(CheckboxKind), on)
}

// Choose selects the radio button l names.
func (p *Page) Choose(ctx context.Context, l Locator) error {
	return p.toggle(ctx, "choose", l.As(RadioKind), true)
}

func (p *Page) toggle(ctx context.Context, op string, l Locator, on bool) error {
	ctx, _ = p.clock(ctx) // the click and the wait for its effect share one deadline
	_, err := p.actWithInput(ctx, op, l, request{Then: "checked-state", Want: on}, "mouse", "click", func(ctx context.Context, a answer) error {
		return p.mouseClick(ctx, a.X, a.Y, 1)
	})
	if err != nil {
		return err
	}
	prop := "checked"
	if !on {
		prop = "unchecked"
	}
	_, err = p.wait(ctx, op, l.String(), request{Check: "state", Prop: prop}.withLocator(l))
	return err
}

// AttachFile sets the file input l names to the file at path.
func (p *Page) AttachFile(ctx context.Context, l Locator, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	l = l.As(FieldKind)
	if _, err := p.wait(ctx, "attach a file to", l.String(), request{Check: "state", Prop: "enabled"}.withLocator(l)); err != nil {
		return err
	}
	// The input is found again by the same resolver and handed to CDP by object.
	var a answer
	at, _, err := p.enterFrames(ctx, 0, &a)
	if err == nil && at.page == nil {
		err = fmt.Errorf("%s", a.State+a.Fatal)
	}
	if err != nil {
		return fmt.Errorf("attaching %s to %s: %w", path, l, err)
	}
	obj, err := at.eval(request{Check: "element"}.withLocator(l), true)
	if err != nil {
		return fmt.Errorf("attaching %s to %s: %w", path, l, err)
	}
	el, err := at.page.ElementFromObject(obj)
	if err != nil {
		return fmt.Errorf("attaching %s to %s: %w", path, l, err)
	}
	return el.SetFiles([]string{abs})
}

// Press presses a key (Enter, Escape, Tab, ArrowDown, ...) on the focused element.
func (p *Page) Press(ctx context.Context, key string) error {
	k, ok := keyNamed(key)
	if !ok {
		return fmt.Errorf("unknown key %q; known keys include Enter, Escape, Tab, Backspace, Delete, Space, ArrowUp, ArrowDown, ArrowLeft, ArrowRight, Home, End, PageUp, PageDown and single characters", key)
	}
	ctx, cancel := p.inputDeadline(ctx)
	defer cancel()
	if err := p.key(ctx, k); err != nil {
		return fmt.Errorf("pressing %s: %w", key, p.stuck(ctx, err))
	}
	return nil
}

// Type types text into the focused element.
func (p *Page) Type(ctx context.Context, text string) error {
	ctx, cancel := p.inputDeadline(ctx)
	defer cancel()
	if err := (proto.InputInsertText{Text: text}).Call(p.rod.Context(ctx)); err != nil {
		return fmt.Errorf("typing %q: %w", text, p.stuck(ctx, err))
	}
	return nil
}

// key presses and releases k. (rod's Keyboard would send them with the page's
// own context, which has no deadline.)
func (p *Page) key(ctx context.Context, k input.Key) error {
	rp := p.rod.Context(ctx)
	if err := k.Encode(proto.InputDispatchKeyEventTypeKeyDown, 0).Call(rp); err != nil {
		return err
	}
	return k.Encode(proto.InputDispatchKeyEventTypeKeyUp, 0).Call(rp)
}

// inputDeadline bounds input sent outside an action on an element: a page
// whose JavaScript is stuck never acknowledges it.
func (p *Page) inputDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, clk := p.clock(ctx)
	return context.WithDeadline(ctx, clk.deadline.Add(answerGrace))
}

// stuck explains an input that ran out of time.
func (p *Page) stuck(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("the page did not take it within %s: its JavaScript is busy or stuck (%w)", p.policy.Timeout, err)
	}
	return err
}

// NextDialog says how to answer the next alert, confirm or prompt: accept or
// dismiss. Dialogs nobody asked for are dismissed and reported by Unexpected.
func (p *Page) NextDialog(accept bool) {
	p.events.mu.Lock()
	defer p.events.mu.Unlock()
	p.events.nextDialog = &accept
}

// UnexpectedDialogs returns (and forgets) the dialogs that opened with no answer
// prepared.
func (p *Page) UnexpectedDialogs() []string {
	p.events.mu.Lock()
	defer p.events.mu.Unlock()
	d := p.events.unexpected
	p.events.unexpected = nil
	return d
}
