package support

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// A reused page (ROMAINE_ISOLATION=reset) keeps its browser context and its
// renderer between scenarios, and is wiped in between instead: a new context
// and tab cost a renderer start and a first navigation in a cold process,
// most of a short scenario's CPU (docs/performance.md).

// origins remembers every origin a page's frames showed a document of, and
// the storage key of every cross-site frame: the storage to wipe is kept per
// origin, and a cross-site frame's is partitioned by the top-level site (origin
// B's storage under site A is not B's own), and CDP clears one origin or key
// at a time. The page's listener (events.go) adds to it, for the page's whole
// life: frames in the page's process navigate on its session; out-of-process
// ones (site isolation) and workers are targets whose events the browser sends.
type origins struct {
	mu   sync.Mutex
	seen map[string]bool // origins
	keys map[string]bool // partitioned storage keys
}

func newOrigins() *origins { return &origins{seen: map[string]bool{}, keys: map[string]bool{}} }

func (o *origins) add(origin string) {
	if !strings.HasPrefix(origin, "http://") && !strings.HasPrefix(origin, "https://") {
		return // about:, data:, the browser's own chrome:// pages: no storage of the app's
	}
	o.mu.Lock()
	o.seen[origin] = true
	o.mu.Unlock()
}

// keyLookupLimit bounds asking the browser for a frame's storage key.
const keyLookupLimit = 5 * time.Second

// keyOf asks, from its own goroutine (the listener must keep reading events),
// the storage key of rp's frame, and remembers it when it is a partitioned one.
// The page's session knows every frame of the page, in its process or not.
func (o *origins) keyOf(rp *rod.Page, frame proto.PageFrameID) {
	go func() {
		ctx, cancel := context.WithTimeout(rp.GetContext(), keyLookupLimit)
		defer cancel()
		o.addKey(storageKey(ctx, rp, frame))
	}()
}

// storageKey is the storage key of rp's frame, "" when it cannot be had (the
// frame went away).
func storageKey(ctx context.Context, rp *rod.Page, frame proto.PageFrameID) string {
	res, err := proto.StorageGetStorageKeyForFrame{FrameID: frame}.Call(rp.Context(ctx))
	if err != nil {
		return ""
	}
	return string(res.StorageKey)
}

// addKey remembers a partitioned storage key ("ORIGIN/^0SITE"); a first-party
// one is its origin's, cleared with the origin.
func (o *origins) addKey(key string) {
	if !strings.Contains(key, "^") || !strings.HasPrefix(key, "http") {
		return
	}
	o.mu.Lock()
	o.keys[key] = true
	o.mu.Unlock()
}

func (o *origins) addURL(raw string) {
	if u, err := url.Parse(raw); err == nil && u.Scheme != "" && u.Host != "" {
		o.add(u.Scheme + "://" + u.Host)
	}
}

// take returns the origins and storage keys seen so far and forgets them.
func (o *origins) take() (origins, keys []string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	origins, keys = slices.Collect(maps.Keys(o.seen)), slices.Collect(maps.Keys(o.keys))
	o.seen, o.keys = map[string]bool{}, map[string]bool{}
	return origins, keys
}

// resetPage wipes what a scenario can leave in p's browser context, so that
// the next scenario finds it as a new context would be: other tabs and
// windows closed, a pending dialog dismissed, the page on about:blank with no
// history, cookies, every kind of storage of every origin visited and of
// every cross-site frame's partition (local and session storage, IndexedDB,
// Cache Storage, service workers, ...), the HTTP
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
		if t.BrowserContextID != contextID || t.TargetID == p.rod.TargetID {
			continue
		}
		seen.addURL(t.URL) // frames and workers of the scenario's pages too
		if t.Type == targetIframe {
			seen.addKey(storageKey(ctx, p.rod, proto.PageFrameID(t.TargetID)))
		}
		if t.Type != proto.TargetTargetInfoTypePage {
			continue
		}
		if _, err := (proto.TargetCloseTarget{TargetID: t.TargetID}).Call(rp); err != nil {
			return fmt.Errorf("closing the tab or window the scenario opened (%s): %w", t.URL, err)
		}
	}
	// Every frame the page shows now, asked here: the key a frame's navigation
	// event asked for can be its document's before it committed (the page's
	// own, first-party), and the partition it wrote to then kept its storage.
	if tree, err := (proto.PageGetFrameTree{}).Call(rp); err == nil {
		var walk func(t *proto.PageFrameTree)
		walk = func(t *proto.PageFrameTree) {
			seen.addKey(storageKey(ctx, p.rod, t.Frame.ID))
			for _, c := range t.ChildFrames {
				walk(c)
			}
		}
		walk(tree.FrameTree)
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
	p.scripts.changeSettled("") // the scenario's fields went with its documents
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
	origins, keys := seen.take()
	for _, o := range origins {
		steps = append(steps, struct {
			what string
			call interface{ Call(proto.Client) error }
		}{"clearing the storage of " + o, proto.StorageClearDataForOrigin{Origin: o, StorageTypes: "all"}})
	}
	for _, k := range keys {
		steps = append(steps, struct {
			what string
			call interface{ Call(proto.Client) error }
		}{"clearing the storage of " + k, proto.StorageClearDataForStorageKey{StorageKey: k, StorageTypes: "all"}})
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
	if err := p.events.listen(p.rod); err != nil {
		return fmt.Errorf("enabling page events: %w", err)
	}
	return nil
}

// targetIframe is the type of an out-of-process frame's target (rod names no constant for it).
const targetIframe proto.TargetTargetInfoType = "iframe"
