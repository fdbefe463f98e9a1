package terrain

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/romaine-bdd/romaine/internal/chrome"
)

// remoteTimeout bounds finding and connecting to a remote browser, so an
// endpoint that is down is reported within seconds.
const remoteTimeout = 5 * time.Second

// browserFor gives worker w its browser: a connection to one of the
// ROMAINE_BROWSER_URL endpoints (round robin; an endpoint that is down is
// skipped for the next, and said so), to the run's shared Chrome
// (ROMAINE_BROWSERS=shared), or a Chrome of its own.
func (s *Suite) browserFor(ctx context.Context, w *Worker) (*chrome.Browser, error) {
	eps := s.cfg.browserEndpoints()
	switch {
	case len(eps) == 0 && s.shared != nil:
		return s.shared.connect(ctx, s, w)
	case len(eps) == 0:
		return s.launchBrowser(ctx, w)
	}
	index := w.Index
	var errs []error
	for i := range eps {
		e := eps[(index-1+i)%len(eps)]
		if _, down := s.downEndpoints.Load(e); down {
			continue
		}
		b, err := chrome.Connect(ctx, e, remoteTimeout)
		if err == nil {
			return b, nil
		}
		s.downEndpoints.Store(e, true)
		s.logOnce(fmt.Sprintf("romaine: %v; workers use the other endpoints of ROMAINE_BROWSER_URL", err))
		errs = append(errs, err)
	}
	if len(errs) == 0 {
		errs = append(errs, errors.New("every endpoint of ROMAINE_BROWSER_URL was found down before"))
	}
	return nil, fmt.Errorf("no browser of ROMAINE_BROWSER_URL could be reached: %w", errors.Join(errs...))
}

// checkBrowserAndAppHost checks, before any app starts, that there is a browser
// (one to launch, or a reachable ROMAINE_BROWSER_URL endpoint) and that the app
// servers can bind on ROMAINE_APP_HOST.
func (s *Suite) checkBrowserAndAppHost() error {
	if s.cfg.BrowserURL != "" {
		if err := s.checkEndpoints(s.cfg.browserEndpoints()); err != nil {
			return err
		}
	} else if _, err := chrome.Find(s.cfg.Browser); err != nil {
		return browserError(s.cfg, err)
	}
	if _, isURL := s.app.(URLApp); isURL {
		return nil
	}
	host := s.cfg.AppHost
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		return &ConfigError{Setting: "ROMAINE_APP_HOST", Message: fmt.Sprintf("ROMAINE_APP_HOST=%s: the browser must reach the apps at this name, and %s is no address to reach: set the name or address the browser uses for this machine (e.g. the container's service name)", host, host)}
	}
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return &ConfigError{Setting: "ROMAINE_APP_HOST", Message: fmt.Sprintf("ROMAINE_APP_HOST=%q: the app servers cannot listen there (%v): set a name or address of this machine that the browser reaches, or unset it for 127.0.0.1", host, err)}
	}
	return l.Close()
}

// checkEndpoints asks every http(s) endpoint of ROMAINE_BROWSER_URL for its
// DevTools URL, and opens a TCP connection to every ws(s):// one, at once.
// When none answers, the run stops (a configuration error within seconds);
// when some do, the others are said to be down and skipped. A ws:// endpoint
// is only dialled, not spoken to: its URL may carry a session or a token
// (Selenoid's /devtools/ID, browserless' ?token=) that a handshake would use up.
func (s *Suite) checkEndpoints(endpoints []string) error {
	errs := make([]error, len(endpoints))
	var wg sync.WaitGroup
	for i, e := range endpoints {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if u, err := url.Parse(e); err == nil && (u.Scheme == "ws" || u.Scheme == "wss") {
				errs[i] = dialEndpoint(e, u)
				return
			}
			ctx, cancel := context.WithTimeout(context.Background(), remoteTimeout)
			defer cancel()
			_, errs[i] = chrome.DevToolsURL(ctx, e, remoteTimeout)
		}()
	}
	wg.Wait()
	var down []string
	for i, err := range errs {
		if err != nil {
			down = append(down, err.Error())
			s.downEndpoints.Store(endpoints[i], true)
		}
	}
	switch {
	case len(down) == len(endpoints):
		return &ConfigError{Setting: "ROMAINE_BROWSER_URL", Message: "ROMAINE_BROWSER_URL: " + strings.Join(down, "; ")}
	case len(down) > 0:
		fmt.Fprintf(s.out, "romaine: ROMAINE_BROWSER_URL: %s; workers use the other endpoints\n", strings.Join(down, "; "))
	}
	return nil
}

// dialEndpoint opens (and closes) a TCP connection to a ws(s):// endpoint.
func dialEndpoint(endpoint string, u *url.URL) error {
	host := u.Host
	if u.Port() == "" {
		port := "80"
		if u.Scheme == "wss" {
			port = "443"
		}
		host = net.JoinHostPort(u.Hostname(), port)
	}
	c, err := net.DialTimeout("tcp", host, remoteTimeout)
	if err != nil {
		return &chrome.RemoteError{Endpoint: endpoint, Reason: fmt.Sprintf("unreachable (%v); is the browser running, and listening beyond its own 127.0.0.1?", err)}
	}
	return c.Close()
}
