package support

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/internal/chrome"
)

// Page is one scenario's tab, in its own browser context (cookies, storage and
// cache of its own), with the wait policy its operations use. Its methods are
// safe to call from the scenario's goroutine; the event listeners it runs are
// synchronised internally.
type Page struct {
	rod     *rod.Page
	browser *rod.Browser // the incognito context the page lives in
	policy  Policy
	baseURL *url.URL
	events  *pageEvents
	frames  []Locator // InFrame: the frames operations run in, outermost first
	scripts *scripts  // where the in-page script is installed
	// skipReady: actions do not wait for the page's scripts (ready.go); for
	// the benchmark that measures what that wait costs.
	skipReady bool
}

// PageOptions configures NewPage.
type PageOptions struct {
	BaseURL string // relative paths are resolved against it
	Policy  Policy // zero means DefaultPolicy()
}

// NewPage opens a fresh tab in a new browser context of b. Close ends both.
// ctx bounds the opening (by the policy's HangLimit when it has no deadline);
// the page lives until Close, whatever becomes of ctx.
func NewPage(ctx context.Context, b *rod.Browser, opts PageOptions) (*Page, error) {
	base, err := url.Parse(opts.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("base URL %q: %w", opts.BaseURL, err)
	}
	pol := opts.Policy
	if pol.Timeout <= 0 {
		pol = DefaultPolicy()
	}
	if pol.Slice <= 0 {
		pol.Slice = DefaultPolicy().Slice
	}
	if pol.Navigation <= 0 {
		pol.Navigation = DefaultNavigation
	}
	// rod makes calls of its own with the context a page and its browser
	// context were made with, and derives the page's life from it: that
	// context is the page's life, whose calls each get the HangLimit.
	life := chrome.WithCallLimit(context.WithoutCancel(ctx), pol.HangLimit())
	ctx, cancel := bounded(ctx, pol.HangLimit())
	defer cancel()
	inc, err := b.Context(ctx).Incognito()
	if err != nil {
		return nil, hung(ctx, "creating a browser context", pol, err)
	}
	inc = inc.Context(life)
	rp, err := inc.Page(proto.TargetCreateTarget{URL: "about:blank"})
	if err != nil {
		_ = inc.Close()
		return nil, hung(ctx, "opening a page", pol, err)
	}
	p := &Page{rod: rp, browser: inc, policy: pol, baseURL: base, events: newPageEvents(newOrigins()), scripts: newScripts()}
	if err := p.events.listen(rp); err != nil {
		_ = inc.Close()
		return nil, hung(ctx, "enabling page events", pol, err)
	}
	return p, nil
}

// bounded is ctx, with a deadline of limit from now unless it has one.
func bounded(ctx context.Context, limit time.Duration) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, limit)
}

// hung says what err means when ctx's deadline passed: the browser did not
// answer a lifecycle call within its limit.
func hung(ctx context.Context, what string, pol Policy, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s: the browser did not answer in time (a page is given %s, three times the step timeout and at least 15s, to open, be wiped or close): it is hung or starved of CPU (%w)", what, pol.HangLimit(), err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// Close disposes of the page's browser context, and so of the page, within
// the policy's HangLimit. It works even when the context the page was made
// with has ended.
func (p *Page) Close() error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(p.browser.GetContext()), p.policy.HangLimit())
	defer cancel()
	return p.close(ctx)
}

// close is Close within ctx.
func (p *Page) close(ctx context.Context) error {
	p.events.stop()
	if err := p.browser.Context(ctx).Close(); err != nil {
		return hung(ctx, "closing the page", p.policy, err)
	}
	return nil
}

// WithPolicy returns a copy of p that waits by pol; p itself is unchanged. A
// zero Navigation keeps p's.
func (p *Page) WithPolicy(pol Policy) *Page {
	c := *p
	if pol.Navigation <= 0 {
		pol.Navigation = p.policy.Navigation
	}
	c.policy = pol
	return &c
}

// Policy is the wait policy p uses.
func (p *Page) Policy() Policy { return p.policy }

// Rod is the underlying rod page, for what this layer does not cover. A step
// that takes it counts as one that used the page (Step.UsedPage).
func (p *Page) Rod() *rod.Page {
	p.events.rec.Load().usePage()
	return p.rod
}

// Resolve turns a path into an absolute URL on the app's base URL; absolute URLs
// are kept.
func (p *Page) Resolve(path string) (string, error) {
	u, err := url.Parse(path)
	if err != nil {
		return "", fmt.Errorf("%q is not a URL or path: %w", path, err)
	}
	return p.baseURL.ResolveReference(u).String(), nil
}

// Visit navigates to path and waits for the document to load (or, for a
// change of #fragment only, for the in-document navigation).
func (p *Page) Visit(ctx context.Context, path string) error {
	ctx, done := p.enter(ctx)
	defer done()
	u, err := p.Resolve(path)
	if err != nil {
		return err
	}
	return p.navigateBy(ctx, "going to "+u, func(rp *rod.Page) error { return rp.Navigate(u) })
}

// Reload reloads the page and waits for it to load.
func (p *Page) Reload(ctx context.Context) error {
	ctx, done := p.enter(ctx)
	defer done()
	return p.navigateBy(ctx, "reloading the page", func(rp *rod.Page) error { return rp.Reload() })
}

// Back goes back in history and waits for the page to load.
func (p *Page) Back(ctx context.Context) error {
	ctx, done := p.enter(ctx)
	defer done()
	return p.navigateBy(ctx, "going back", func(rp *rod.Page) error { return rp.NavigateBack() })
}

// navigateBy runs nav and waits until the main frame's new document has its
// DOM (DOMContentLoaded) or, for a same-document navigation (#fragment,
// history.pushState), until the browser reports it; the policy's Navigation
// bounds both.
func (p *Page) navigateBy(ctx context.Context, what string, nav func(*rod.Page) error) error {
	p.fireChange(ctx)                  // moving on from a filled field (change.go)
	p.events.rec.Load().leavePage(ctx) // a recording's Leaving hooks, while the document is there
	limit := p.policy.Navigation
	navCtx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	rp := p.rod.Context(navCtx)
	main := rp.FrameID
	wait := rp.EachEvent(
		func(e *proto.PageLifecycleEvent) bool {
			return e.FrameID == main && e.Name == proto.PageLifecycleEventNameDOMContentLoaded
		},
		func(e *proto.PageNavigatedWithinDocument) bool { return e.FrameID == main },
	)
	err := nav(rp)
	if err != nil && transient(err) {
		// The navigation tore down the document the call ran in (history.back()
		// racing its own answer): it started, so wait for it like any other.
		err = nil
	}
	if err == nil {
		wait()
	}
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("%s: %w", what, ctx.Err())
	case navCtx.Err() != nil:
		state := p.events.loadState()
		if p.whereFromOutside() == "" {
			state = "the browser itself did not answer: it is hung or stopped, or the machine is starved of CPU"
		}
		return &NavigationError{What: what, Limit: limit, State: state}
	case err != nil:
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// URL is the address of the page now, as the browser tells it: within the
// policy's Timeout (and answerGrace), or an error that says it did not answer.
func (p *Page) URL(ctx context.Context) (string, error) {
	ctx, done := p.enter(ctx)
	defer done()
	ctx, cancel := context.WithTimeout(ctx, p.policy.Timeout+answerGrace)
	defer cancel()
	info, err := p.info(ctx)
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "", fmt.Errorf("asking for the page's address: the browser did not answer within %s: it is hung or stopped, or the machine is starved of CPU (%w)", p.policy.Timeout+answerGrace, err)
	case err != nil:
		return "", err
	}
	return info.URL, nil
}

// info is what the browser says of the page (its address, its title), asked
// within ctx: rod's Page.Info asks with the context the page was made with.
func (p *Page) info(ctx context.Context) (*proto.TargetTargetInfo, error) {
	res, err := proto.TargetGetTargetInfo{TargetID: p.rod.TargetID}.Call(p.browser.Context(ctx))
	if err != nil {
		return nil, err
	}
	return res.TargetInfo, nil
}
