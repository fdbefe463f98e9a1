package support

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/go-rod/rod"
)

// Isolation is how a scenario is kept apart from the scenarios before it.
type Isolation string

const (
	// IsolationReset reuses one browser context and page, wiped between
	// scenarios (resetPage): no renderer start, no cold first navigation.
	IsolationReset Isolation = "reset"
	// IsolationContext gives every scenario a new browser context and page.
	IsolationContext Isolation = "context"
)

// Pages hands out pages to a worker's scenarios. With IsolationContext each
// page is fresh, in its own browser context, and Pages keeps the next one
// prepared while the current one is in use (a new context and tab cost a
// renderer start, about 200 ms); a spare page is never shared. With
// IsolationReset there is one page: Put wipes it and the next Take gets it
// (a Take waits for the Put).
type Pages struct {
	browser *rod.Browser
	opts    PageOptions
	reuse   bool
	ctx     context.Context
	cancel  context.CancelFunc
	next    chan preparedPage
	wg      sync.WaitGroup

	mu      sync.Mutex
	origins map[*Page]*origins // IsolationReset: what each page visited
}

type preparedPage struct {
	page *Page
	err  error
}

// NewPages hands out pages of b isolated by iso ("" is IsolationContext: a
// fresh context and page per scenario), and starts preparing the first at once.
func NewPages(ctx context.Context, b *rod.Browser, opts PageOptions, iso Isolation) *Pages {
	ctx, cancel := context.WithCancel(ctx)
	ps := &Pages{browser: b, opts: opts, reuse: iso == IsolationReset, ctx: ctx, cancel: cancel,
		next: make(chan preparedPage, 1), origins: map[*Page]*origins{}}
	ps.prepare()
	return ps
}

func (ps *Pages) prepare() {
	ps.wg.Add(1)
	go func() {
		defer ps.wg.Done()
		p, err := NewPage(ps.ctx, ps.browser, ps.opts)
		if err == nil && ps.reuse {
			ps.mu.Lock()
			ps.origins[p] = p.events.origins
			ps.mu.Unlock()
		}
		ps.next <- preparedPage{p, err}
	}()
}

// Put gives back a page Take returned, when its scenario is over. A fresh
// page is closed; a reused one is wiped and handed to the next Take. A page
// that cannot be wiped is closed, and a new one is prepared in its place: the
// error says why.
func (ps *Pages) Put(ctx context.Context, p *Page) error {
	if !ps.reuse {
		return p.Close()
	}
	ps.mu.Lock()
	seen := ps.origins[p]
	ps.mu.Unlock()
	if seen == nil {
		return errors.New("this page was not handed out by these pages")
	}
	err := resetPage(ctx, p, seen)
	if err == nil && ps.ctx.Err() == nil {
		ps.next <- preparedPage{page: p}
		return nil
	}
	ps.forget(p)
	err = errors.Join(err, p.Close())
	if ps.ctx.Err() == nil {
		ps.prepare()
	}
	if err != nil {
		return fmt.Errorf("wiping the page for the next scenario: %w", err)
	}
	return nil
}

func (ps *Pages) forget(p *Page) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	delete(ps.origins, p)
}

// Take returns a page with nothing of earlier scenarios in it; the caller
// gives it back with Put. With IsolationContext it starts preparing the next.
func (ps *Pages) Take(ctx context.Context) (*Page, error) {
	select {
	case r := <-ps.next:
		if ps.ctx.Err() != nil {
			if r.page != nil {
				_ = r.page.Close()
			}
			return nil, errors.New("the browser's pages are closed")
		}
		if !ps.reuse || r.err != nil {
			ps.prepare()
		}
		return r.page, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Close stops preparing pages and closes the spare one.
func (ps *Pages) Close() error {
	ps.cancel()
	var err error
	select {
	case r := <-ps.next:
		if r.page != nil {
			err = r.page.Close()
		}
	default:
	}
	ps.wg.Wait()
	// A preparation in flight when we cancelled has put its result since.
	select {
	case r := <-ps.next:
		if r.page != nil {
			err = errors.Join(err, r.page.Close())
		}
	default:
	}
	return err
}
