package support

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/go-rod/rod/lib/input"
	"github.com/go-rod/rod/lib/proto"
)

// act waits until l names one visible, stable, enabled element that would receive
// a click at its centre, runs the in-page finishing step `then`, and returns where
// the element is.
func (p *Page) act(ctx context.Context, op string, l Locator, req request) (answer, error) {
	req.Check = "act"
	req.NeedEnabled = true
	return p.wait(ctx, op, l.String(), req.withLocator(l))
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
	a, err := p.act(ctx, op, l, request{})
	if err != nil {
		return err
	}
	return p.mouseClick(ctx, a.X, a.Y, n)
}

// Hover moves the mouse over the element l names.
func (p *Page) Hover(ctx context.Context, l Locator) error {
	a, err := p.act(ctx, "hover over", l, request{})
	if err != nil {
		return err
	}
	return p.mouse(ctx, proto.InputDispatchMouseEventTypeMouseMoved, a.X, a.Y, 0)
}

func (p *Page) mouseClick(ctx context.Context, x, y float64, count int) error {
	if err := p.mouse(ctx, proto.InputDispatchMouseEventTypeMouseMoved, x, y, 0); err != nil {
		return err
	}
	for i := 1; i <= count; i++ {
		if err := p.mouse(ctx, proto.InputDispatchMouseEventTypeMousePressed, x, y, i); err != nil {
			return err
		}
		if err := p.mouse(ctx, proto.InputDispatchMouseEventTypeMouseReleased, x, y, i); err != nil {
			return err
		}
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

// Fill replaces the value of the field l names with value, by typing it.
func (p *Page) Fill(ctx context.Context, l Locator, value string) error {
	l = l.As(FieldKind)
	if len(p.frames) > 0 {
		// A frame gets the keyboard when a person clicks into it; focus from
		// script alone does not move it there.
		if err := p.Click(ctx, l); err != nil {
			return err
		}
	}
	a, err := p.act(ctx, "fill in", l, request{NeedEdit: true, Then: "focus-select", Value: value})
	if err != nil {
		return err
	}
	if a.Done {
		return nil
	}
	rp := p.rod.Context(ctx)
	if value == "" {
		err = rp.Keyboard.Type(input.Delete)
	} else {
		err = proto.InputInsertText{Text: value}.Call(rp)
	}
	if err != nil {
		return fmt.Errorf("typing into %s: %w", l, err)
	}
	// A person moving on would fire change; apps that listen only to change rely on it.
	_, err = p.wait(ctx, "fill in", l.String(), request{Check: "act", Then: "changed"}.withLocator(l))
	return err
}

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
	a, err := p.act(ctx, op, l, request{Then: "checked-state", Want: on})
	if err != nil {
		return err
	}
	if !a.Already {
		if err := p.mouseClick(ctx, a.X, a.Y, 1); err != nil {
			return err
		}
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
	return p.rod.Context(ctx).Keyboard.Type(k)
}

// Type types text into the focused element.
func (p *Page) Type(ctx context.Context, text string) error {
	return proto.InputInsertText{Text: text}.Call(p.rod.Context(ctx))
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
