package terrain

import (
	"context"
	"errors"
	"net/url"
	"sync"
	"time"

	"github.com/romaine-bdd/romaine/support"
)

// browserFor gives worker index its browser: a connection to one of the
// ROMAINE_BROWSER_URL endpoints (round robin), or a Chrome of its own.
func (s *Suite) browserFor(index int) (*support.Browser, error) {
	if eps := s.cfg.BrowserEndpoints(); len(eps) > 0 {
		return support.ConnectBrowser(s.runCtx, eps[(index-1)%len(eps)], remoteTimeout)
	}
	return support.LaunchBrowser(s.runCtx, support.BrowserOptions{Bin: s.cfg.Browser, Headful: s.cfg.Headful, Log: s.logOnce})
}

// remoteTimeout bounds finding and connecting to a remote browser, so an
// endpoint that is down is reported within seconds.
const remoteTimeout = 5 * time.Second

// checkEndpoints asks every http(s) endpoint of ROMAINE_BROWSER_URL for its
// DevTools URL, at once, before any app starts: a browser that is down is a
// configuration error within seconds. ws:// endpoints (a session or a token in
// the URL) are checked when a worker connects.
func checkEndpoints(endpoints []string) error {
	errs := make([]error, len(endpoints))
	var wg sync.WaitGroup
	for i, e := range endpoints {
		if u, err := url.Parse(e); err == nil && (u.Scheme == "ws" || u.Scheme == "wss") {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := support.DevToolsURL(context.Background(), e, remoteTimeout); err != nil {
				errs[i] = &ConfigError{Setting: "ROMAINE_BROWSER_URL", Message: "ROMAINE_BROWSER_URL: " + err.Error()}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
