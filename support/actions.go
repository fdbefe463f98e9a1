package support

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/go-rod/rod"
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
	req.Hold = kind != "hover" // typing and pressing settle a pending change themselves (change.go)
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
		if err == nil && a.OK && req.releaseThen() != "" {
			p.scripts.changePending(at)
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
	ctx, done := p.enter(ctx)
	defer done()
	return p.clickN(ctx, "click", l, 1)
}

// DoubleClick double-clicks the element l names.
func (p *Page) DoubleClick(ctx context.Context, l Locator) error {
	ctx, done := p.enter(ctx)
	defer done()
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
	ctx, done := p.enter(ctx)
	defer done()
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
	ctx, done := p.enter(ctx) // in a frame, the click and the typing share it
	defer done()
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
// after a fill, the field keeps a pending change, fired when the person moves
// on (change.go).
func (r request) releaseThen() string {
	if r.Then == "focus-select" {
		return "changed"
	}
	return ""
}

// Clear empties the field l names.
func (p *Page) Clear(ctx context.Context, l Locator) error { return p.Fill(ctx, l, "") }

// Select picks the option whose text (or value) is option in the select box l
// names. On an ARIA combobox it clicks the combobox open when its list is
// closed, then clicks the option; on an ARIA listbox it clicks the option.
//
// The check, the clicks and the wait for the option between them share the
// step's one deadline.
func (p *Page) Select(ctx context.Context, l Locator, option string) error {
	ctx, done := p.enter(ctx)
	defer done()
	op := fmt.Sprintf("select %q from", option)
	l = l.As(FieldKind)
	// A native select fires a pending change itself; an ARIA one is clicked.
	a, err := p.act(ctx, op, l, request{Then: "select-option", Value: option, Hold: true})
	if err != nil || !a.Aria {
		return err
	}
	if a.Closed {
		if err := p.input(ctx, op, l, func(ctx context.Context) error { return p.mouseClick(ctx, a.X, a.Y, 1) }); err != nil {
			return err
		}
	}
	o, err := p.wait(ctx, op, l.String(), request{Check: "option", Value: option, Hold: true}.withLocator(l))
	if err != nil {
		return err
	}
	return p.input(ctx, op, l, func(ctx context.Context) error { return p.mouseClick(ctx, o.X, o.Y, 1) })
}

// input sends input events (send) once a check has passed, bounded as the
// input of actWithInput is: by the step's deadline, or inputTime when the
// check passed late, plus answerGrace. A page that does not take them in that
// time is stuck: the step's TimeoutError says so.
func (p *Page) input(ctx context.Context, op string, l Locator, send func(ctx context.Context) error) error {
	ctx, clk := p.clock(ctx)
	inCtx, cancel := context.WithDeadline(ctx, latest(clk.deadline, time.Now().Add(inputTime)).Add(answerGrace))
	err := send(inCtx)
	late := inCtx.Err() != nil
	cancel()
	if err != nil && (late && ctx.Err() == nil || errors.Is(ctx.Err(), context.DeadlineExceeded)) {
		clk.last = fmt.Sprintf("the page did not take the input to %s: its JavaScript is busy or stuck", l)
		return clk.timeout(op, l.String())
	}
	return err
}

// SetChecked checks (on) or unchecks the checkbox l names, by clicking it when it
// is not already in that state, then waits for the state to show.
func (p *Page) SetChecked(ctx context.Context, l Locator, on bool) error {
	ctx, done := p.enter(ctx)
	defer done()
	op := "check"
	if !on {
		op = "uncheck"
	}
	return p.toggle(ctx, op, l.As(CheckboxKind), on)
}

// Choose selects the radio button l names.
func (p *Page) Choose(ctx context.Context, l Locator) error {
	ctx, done := p.enter(ctx)
	defer done()
	return p.toggle(ctx, "choose", l.As(RadioKind), true)
}

func (p *Page) toggle(ctx context.Context, op string, l Locator, on bool) error {
	// The click and the wait for its effect share the step's deadline (enter).
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
	ctx, done := p.enter(ctx)
	defer done()
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	const op = "attach a file to"
	l = l.As(FieldKind)
	if _, err := p.wait(ctx, op, l.String(), request{Check: "state", Prop: "enabled"}.withLocator(l)); err != nil {
		return err
	}
	// The input is found again by the same resolver and handed to CDP by
	// object, within the time input gets (see input).
	return p.input(ctx, op, l, func(ctx context.Context) error {
		var a answer
		at, _, err := p.enterFrames(ctx, 0, &a)
		if err == nil && at.page == nil {
			err = fmt.Errorf("%s", a.State+a.Fatal)
		}
		var obj *proto.RuntimeRemoteObject
		if err == nil {
			obj, err = at.eval(request{Check: "element"}.withLocator(l), true)
		}
		if err == nil {
			var el *rod.Element
			if el, err = at.page.ElementFromObject(obj); err == nil {
				err = el.SetFiles([]string{abs})
			}
		}
		if err != nil {
			return fmt.Errorf("attaching %s to %s: %w", path, l, err)
		}
		return nil
	})
}

// Press presses a key (Enter, Escape, Tab, ArrowDown, ...) on the focused element.
func (p *Page) Press(ctx context.Context, key string) error {
	ctx, done := p.enter(ctx)
	defer done()
	k, ok := keyNamed(key)
	if !ok {
		return fmt.Errorf("unknown key %q; known keys include Enter, Escape, Tab, Backspace, Delete, Space, ArrowUp, ArrowDown, ArrowLeft, ArrowRight, Home, End, PageUp, PageDown and single characters", key)
	}
	ctx, cancel := p.inputDeadline(ctx)
	defer cancel()
	if err := p.key(ctx, k); err != nil {
		return fmt.Errorf("pressing %s: %w", key, p.stuck(ctx, err))
	}
	if k == input.Enter {
		p.tellChange(ctx, "entered") // the browser's change for a filled field (change.go)
	}
	p.scripts.pressed(true)
	return nil
}

// Type types text into the focused element. Right after a key press it first
// waits, as a person does, for the page to show that key's effect (calm).
func (p *Page) Type(ctx context.Context, text string) error {
	ctx, done := p.enter(ctx)
	defer done()
	ctx, cancel := p.inputDeadline(ctx)
	defer cancel()
	if p.scripts.pressed(false) {
		p.calm(ctx)
	}
	if err := (proto.InputInsertText{Text: text}).Call(p.rod.Context(ctx)); err != nil {
		return fmt.Errorf("typing %q: %w", text, p.stuck(ctx, err))
	}
	return nil
}

// calmMs bounds calm: a page that changes every frame gets typed into after it.
const calmMs = 500

// calm waits until the page shows the effect of the key just pressed: apps
// re-render after the key's events (on the next animation frame, mithril; a
// timer, Vue's nextTick), and text inserted before would land in the field
// they are about to clear. It waits in the document the operations run in
// (InFrame's), for two animation frames in a row with nothing changed, for
// calmMs at most (inpage/88-calm.js). A page that cannot answer (it navigated,
// say) is typed into as it is: the input reports what goes wrong.
func (p *Page) calm(ctx context.Context) {
	var a answer
	at, _, err := p.enterFrames(ctx, 0, &a)
	if err == nil && at.page != nil {
		_, _ = at.eval(request{Check: "calm", Hold: true, SliceMs: calmMs}, false)
	}
}

// pressed records whether the last operation on the page was a key press,
// and says whether it was: Type waits for its effect (calm), and any in-page
// wait is a later operation (see wait).
func (s *scripts) pressed(now bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	was := s.keyPressed
	s.keyPressed = now
	return was
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

// stuck explains an input that ran out of time: the page's JavaScript is
// stuck, or, when the browser does not answer either, the browser is.
func (p *Page) stuck(ctx context.Context, err error) error {
	if ctx.Err() == nil {
		return err
	}
	if p.whereFromOutside() == "" {
		return fmt.Errorf("neither the page nor the browser answered within %s: the browser is hung or stopped, or the machine is starved of CPU (%w)", p.policy.Timeout, err)
	}
	return fmt.Errorf("the page did not take it within %s: its JavaScript is busy or stuck (%w)", p.policy.Timeout, err)
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
