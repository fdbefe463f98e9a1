package support

import (
	"context"
	"fmt"
	"net/url"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
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
	inc, err := b.Context(ctx).Incognito()
	if err != nil {
		return nil, fmt.Errorf("creating a browser context: %w", err)
	}
	rp, err := inc.Page(proto.TargetCreateTarget{URL: "about:blank"})
	if err != nil {
		_ = inc.Close()
		return nil, fmt.Errorf("opening a page: %w", err)
	}
	p := &Page{rod: rp, browser: inc, policy: pol, baseURL: base, events: newPageEvents(newOrigins()), scripts: newScripts()}
	if err := p.events.listen(rp); err != nil {
		_ = inc.Close()
		return nil, err
	}
	return p, nil
}

// Close disposes of the page's browser context, and so of the page. It works
// even when the context the page was made with has ended.
func (p *Page) Close() error {
	p.events.stop()
	return p.browser.Context(context.WithoutCancel(p.browser.GetContext())).Close()
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

// Rod is the underlying rod page, for what this layer does not cover.
func (p *Page) Rod() *rod.Page { return p.rod }

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
	u, err := p.Resolve(path)
	if err != nil {
		return err
	}
	return p.navigateBy(ctx, "going to "+u, func(rp *rod.Page) error { return rp.Navigate(u) })
}

// Reload reloads the page and waits for it to load.
func (p *Page) Reload(ctx context.Context) error {
	return p.navigateBy(ctx, "reloading the page", func(rp *rod.Page) error { return rp.Reload() })
}

// Back goes back in history and waits for the page to load.
func (p *Page) Back(ctx context.Context) error {
	return p.navigateBy(ctx, "going back", func(rp *rod.Page) error { return rp.NavigateBack() })
}

// navigateBy runs nav and waits until the main frame's new document has its
// DOM (DOMContentLoaded) or, for a same-document navigation (#fragment,
// history.pushState), until the browser reports it; the policy's Navigation
// bounds both.
func (p *Page) navigateBy(ctx context.Context, what string, nav func(*rod.Page) error) error {
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
		return &NavigationError{What: what, Limit: limit, State: p.events.loadState()}
	case err != nil:
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// URL is the address of the page now.
func (p *Page) URL(ctx context.Context) (string, error) {
	info, err := p.rod.Context(ctx).Info()
	if err != nil {
		return "", err
	}
	return info.URL, nil
}
