package support

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Every assertion retries until it holds or the policy's timeout passes, whether
// it expects something to appear or to go away.

// ExpectText waits until the visible text of the page (or of the scope) contains
// text, whitespace-normalised.
func (p *Page) ExpectText(ctx context.Context, text string, scopes ...Scope) error {
	_, err := p.wait(ctx, "see", scopedTarget(fmt.Sprintf("%q", text), scopes), request{Check: "text", Text: text, Scopes: scopes})
	return err
}

// ExpectExactText waits until the whole visible text of the scope (or page) is
// text, whitespace-normalised: for a cell or a counter, where "4" must not pass on "14".
func (p *Page) ExpectExactText(ctx context.Context, text string, scopes ...Scope) error {
	_, err := p.wait(ctx, "see exactly", scopedTarget(fmt.Sprintf("%q", text), scopes), request{Check: "text", Text: text, Scopes: scopes, Exact: true})
	return err
}

// ExpectNoText waits until the visible text of the page (or scope) does not
// contain text.
func (p *Page) ExpectNoText(ctx context.Context, text string, scopes ...Scope) error {
	_, err := p.wait(ctx, "not see", scopedTarget(fmt.Sprintf("%q", text), scopes), request{Check: "text", Text: text, Scopes: scopes, Negate: true})
	return err
}

// ExpectCount waits until exactly n visible elements inside l's scopes match
// l's query, which is read as a selector whatever it starts with ("li",
// ".item", "css=li", "xpath=//tr"); l's Kind is ignored.
func (p *Page) ExpectCount(ctx context.Context, l Locator, n int) error {
	_, err := p.wait(ctx, fmt.Sprintf("see %d", n), scopedTarget(fmt.Sprintf("%q elements", l.Query), l.Scopes), request{Check: "count", Selector: l.Query, Count: n, Scopes: l.Scopes})
	return err
}

// ExpectVisible waits until l matches at least one visible element.
func (p *Page) ExpectVisible(ctx context.Context, l Locator) error {
	_, err := p.wait(ctx, "see", l.String(), request{Check: "visible"}.withLocator(l))
	return err
}

// ExpectHidden waits until l matches no visible element.
func (p *Page) ExpectHidden(ctx context.Context, l Locator) error {
	_, err := p.wait(ctx, "no longer see", l.String(), request{Check: "visible", Negate: true}.withLocator(l))
	return err
}

// State is what ExpectState waits for a control to be.
type State string

// The states ExpectState checks.
const (
	Disabled  State = "disabled"
	Enabled   State = "enabled"
	Checked   State = "checked"
	Unchecked State = "unchecked"
)

// ExpectState waits until the one element l names is in state s. Human text
// names a control (button, link or field), never plain text: "Refund" must not
// be found enabled in "Refunded".
func (p *Page) ExpectState(ctx context.Context, l Locator, s State) error {
	switch s {
	case Disabled, Enabled, Checked, Unchecked:
	default:
		return &LocatorError{Op: "check the state of", Target: l.String(), Reason: fmt.Sprintf("unknown state %q: use support.Disabled, Enabled, Checked or Unchecked", s)}
	}
	if l.Kind == AnyKind {
		l = l.As(ControlKind)
	}
	_, err := p.wait(ctx, "find "+string(s), l.String(), request{Check: "state", Prop: string(s)}.withLocator(l))
	return err
}

// ExpectValue waits until the field l names contains value (substring,
// whitespace-normalised); an empty value means the field must be empty.
func (p *Page) ExpectValue(ctx context.Context, l Locator, value string) error {
	l = l.As(FieldKind)
	op := fmt.Sprintf("find %q in", value)
	if value == "" {
		op = "find empty"
	}
	_, err := p.wait(ctx, op, l.String(), request{Check: "state", Prop: "value", Text: value}.withLocator(l))
	return err
}

// ExpectPath waits until the page's URL has the path (and query, and #fragment,
// each when want has one) of want, which may be a path or an absolute URL.
// Single-page apps route in the fragment ("/#/active").
func (p *Page) ExpectPath(ctx context.Context, want string) error {
	wu, err := url.Parse(want)
	if err != nil {
		return fmt.Errorf("%q is not a path or URL: %w", want, err)
	}
	return p.poll(ctx, "be on", fmt.Sprintf("%q", want), func(ctx context.Context) (bool, string, error) {
		cur, err := p.URL(ctx)
		if err != nil {
			return false, "", err
		}
		cu, err := url.Parse(cur)
		if err != nil {
			return false, cur, nil
		}
		ok := cu.Path == wu.Path && (wu.RawQuery == "" && !strings.Contains(want, "?") || cu.RawQuery == wu.RawQuery)
		if strings.Contains(want, "#") {
			ok = ok && cu.EscapedFragment() == wu.EscapedFragment()
		}
		if wu.IsAbs() {
			ok = ok && cu.Host == wu.Host
		}
		return ok, "the page is at " + cur, nil
	})
}

// ExpectTitle waits until the document's title is title.
func (p *Page) ExpectTitle(ctx context.Context, title string) error {
	return p.expectTitle(ctx, "see the title", title, func(got string) bool {
		return strings.TrimSpace(got) == strings.TrimSpace(title)
	})
}

// ExpectTitleContaining waits until the document's title contains part,
// whitespace-normalised.
func (p *Page) ExpectTitleContaining(ctx context.Context, part string) error {
	return p.expectTitle(ctx, "see a title containing", part, func(got string) bool {
		return strings.Contains(strings.Join(strings.Fields(got), " "), strings.Join(strings.Fields(part), " "))
	})
}

func (p *Page) expectTitle(ctx context.Context, op, want string, ok func(title string) bool) error {
	return p.poll(ctx, op, fmt.Sprintf("%q", want), func(ctx context.Context) (bool, string, error) {
		info, err := p.info(ctx)
		if err != nil {
			return false, "", err
		}
		return ok(info.Title), fmt.Sprintf("the title is %q", info.Title), nil
	})
}

// poll re-checks a condition that lives outside the document the in-page wait
// watches (URL, title) every 20 ms until it holds or the timeout passes. The
// condition is asked of the browser, not the page: each asking gets what is
// left of the step and answerGrace, and a browser that does not answer in that
// time is said to be stuck. An error that is not the document changing under
// the call (a closed connection) ends the wait at once, with that error.
func (p *Page) poll(ctx context.Context, op, target string, cond func(ctx context.Context) (bool, string, error)) error {
	ctx, done := p.enter(ctx)
	defer done()
	ctx, clk := p.clock(ctx)
	p.fireChange(ctx) // as every assertion does (change.go)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		cctx, cancel := context.WithTimeout(ctx, max(0, p.remaining(clk))+answerGrace)
		ok, state, err := cond(cctx)
		late := cctx.Err() != nil
		cancel()
		switch {
		case err == nil:
			clk.see(state)
			if ok {
				return nil
			}
		case ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded):
			return ctx.Err()
		case late:
			clk.last = "the browser did not answer: it is hung or stopped, or the machine is starved of CPU"
			return clk.timeout(op, target)
		case !transient(err):
			return fmt.Errorf("%s %s: %w", op, target, err)
		}
		left := p.remaining(clk)
		if left <= 0 {
			return clk.timeout(op, target)
		}
		timer := time.NewTimer(left)
		select {
		case <-ctx.Done():
			timer.Stop()
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return clk.timeout(op, target)
			}
			return ctx.Err()
		case <-timer.C:
		case <-tick.C:
		}
		timer.Stop()
	}
}

func scopedTarget(target string, scopes []Scope) string {
	for _, s := range scopes {
		target += " " + s.String()
	}
	return target
}
