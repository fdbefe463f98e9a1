package support

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"

	"github.com/go-rod/rod/lib/proto"
)

// A reused page (ROMAINE_ISOLATION=reset) keeps its browser context and its
// renderer between scenarios, and is wiped in between instead: a new context
// and tab cost a renderer start and a first navigation in a cold process,
// most of a short scenario's CPU (docs/performance.md).

// origins remembers every origin a page's frames showed a document of: the
// storage to wipe is kept per origin, and CDP clears it one origin at a time.
// The page's listener (events.go) adds to it, for the page's whole life.
type origins struct {
	mu   sync.Mutex
	seen map[string]bool
}

func newOrigins() *origins { return &origins{seen: map[string]bool{}} }

func (o *origins) add(origin string) {
	if origin == "" || origin == "null" || origin == "://" {
		return
	}
	o.mu.Lock()
	o.seen[origin] = true
	o.mu.Unlock()
}

func (o *origins) addURL(raw string) {
	if u, err := url.Parse(raw); err == nil && u.Scheme != "" && u.Host != "" {
		o.add(u.Scheme + "://" + u.Host)
	}
}

// take returns the origins seen so far and forgets them.
func (o *origins) take() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	list := make([]string, 0, len(o.seen))
	for s := range o.seen {
		list = append(list, s)
	}
	o.seen = map[string]bool{}
	return list
}

// resetPage wipes what a scenario can leave in p's browser context, so that
// the next scenario finds it as a new context would be: other tabs and
// windows closed, a pending dialog dismissed, the page on about:blank with no
// history, cookies, every kind of storage of every origin visited (local and
// session storage, IndexedDB, Cache Storage, service workers, ...), the HTTP
// cache, granted permissions and download settings; and the page's event
// records (console, failed requests, dialog answers) started afresh.
func resetPage(ctx context.Context, p *Page, seen *origins) error {
	rp := p.rod.Context(ctx)
	contextID := p.browser.BrowserContextID
	// A dialog left open blocks the navigation below; none open is an error we expect.
	_ = proto.PageHandleJavaScriptDialog{Accept: false}.Call(rp)
	targets, err := proto.TargetGetTargets{}.Call(rp)
	if err != nil {
		return fmt.Errorf("listing the scenario's tabs: %w", err)
	}
	for _, t := range targets.TargetInfos {
		if t.BrowserContextID != contextID || t.TargetID == p.rod.TargetID || t.Type != proto.TargetTargetInfoTypePage {
			continue
		}
		seen.addURL(t.URL)
		if _, err := (proto.TargetCloseTarget{TargetID: t.TargetID}).Call(rp); err != nil {
			return fmt.Errorf("closing the tab or window the scenario opened (%s): %w", t.URL, err)
		}
	}
	// Off the app's pages first: no script of theirs runs (or writes again) during the wipe.
	// Its history can be cleared only once the blank page is the active one.
	loaded := rp.WaitNavigation(proto.PageLifecycleEventNameLoad)
	if _, err := (proto.PageNavigate{URL: "about:blank"}).Call(rp); err != nil {
		return fmt.Errorf("opening about:blank: %w", err)
	}
	loaded()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("opening about:blank: %w", err)
	}
	steps := []struct {
		what string
		call interface{ Call(proto.Client) error }
	}{
		{"clearing the page's history", proto.PageResetNavigationHistory{}},
		{"clearing cookies", proto.NetworkClearBrowserCookies{}},
		{"clearing the HTTP cache", proto.NetworkClearBrowserCache{}},
		{"resetting permissions", proto.BrowserResetPermissions{BrowserContextID: contextID}},
		{"resetting downloads", proto.BrowserSetDownloadBehavior{Behavior: proto.BrowserSetDownloadBehaviorBehaviorDefault, BrowserContextID: contextID}},
	}
	for _, o := range seen.take() {
		steps = append(steps, struct {
			what string
			call interface{ Call(proto.Client) error }
		}{"clearing the storage of " + o, proto.StorageClearDataForOrigin{Origin: o, StorageTypes: "all"}})
	}
	var errs []error
	for _, s := range steps {
		if err := s.call.Call(rp); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", s.what, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	p.events.stop()
	p.events = newPageEvents(seen)
	return p.events.listen(p.rod)
}
