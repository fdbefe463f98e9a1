package support

import (
	"context"
	"errors"
	"sync"

	"github.com/go-rod/rod"
)

// Pages hands out fresh pages (each in its own browser context) without making
// a scenario wait for one: a new context and tab cost a renderer process start,
// about 200 ms, so Pages keeps the next page prepared while the current one is
// in use. A scenario waits only when scenarios come faster than pages can be
// made. A spare page is never shared: it is made for the next taker alone.
type Pages struct {
	browser *rod.Browser
	opts    PageOptions
	ctx     context.Context
	cancel  context.CancelFunc
	next    chan preparedPage
	wg      sync.WaitGroup
}

type preparedPage struct {
	page *Page
	err  error
}

// NewPages starts preparing the first page of b at once.
func NewPages(ctx context.Context, b *rod.Browser, opts PageOptions) *Pages {
	ctx, cancel := context.WithCancel(ctx)
	ps := &Pages{browser: b, opts: opts, ctx: ctx, cancel: cancel, next: make(chan preparedPage, 1)}
	ps.prepare()
	return ps
}

func (ps *Pages) prepare() {
	ps.wg.Add(1)
	go func() {
		defer ps.wg.Done()
		p, err := NewPage(ps.ctx, ps.browser, ps.opts)
		ps.next <- preparedPage{p, err}
	}()
}

// Take returns a fresh page (the caller closes it) and starts preparing the next.
func (ps *Pages) Take(ctx context.Context) (*Page, error) {
	select {
	case r := <-ps.next:
		if ps.ctx.Err() != nil {
			if r.page != nil {
				_ = r.page.Close()
			}
			return nil, errors.New("the browser's pages are closed")
		}
		ps.prepare()
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
