package coverage

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/support"
)

// Collector is coverage's side of each scenario's page: a consumer of the
// page's recorder (support.Consumer). On every session of the page (its own,
// and each cross-site frame's) it starts V8's precise coverage as the
// scenario begins; it takes it before each document goes (V8 reports only
// the scripts still alive) and at the scenario's end, and merges the app's
// own scripts into JS. At the end it counts the scenario's requests, the
// page's and the HTTP steps', into Routes.
//
// The app's own scripts are those served from the app's origin (the
// worker's base URL) from a file of their own: not another origin's (a CDN,
// an extension), not Romaine's (its worlds' scripts have no URL), not code
// made at run time (eval, new Function: no URL either), and not a page's
// inline <script> (its URL is the page's own).
type Collector struct {
	JS     *JS
	Routes *Routes

	mu       sync.Mutex
	problems []string
}

// NewCollector collects into js and routes.
func NewCollector(js *JS, routes *Routes) *Collector { return &Collector{JS: js, Routes: routes} }

// Consumer is the collector as the recorder's consumer (terrain.WithConsumer).
func (c *Collector) Consumer() support.Consumer {
	return func(ctx context.Context, r *support.Recording) (support.Hooks, error) {
		base, err := r.Page().Resolve("/")
		if err != nil {
			return support.Hooks{}, fmt.Errorf("coverage: the app's address: %w", err)
		}
		origin, err := url.Parse(base)
		if err != nil {
			return support.Hooks{}, fmt.Errorf("coverage: the app's address %q: %w", base, err)
		}
		sc := &scenarioCoverage{c: c, r: r, origin: origin.Scheme + "://" + origin.Host}
		return support.Hooks{Attach: sc.attach, Leaving: sc.leaving, Ended: sc.ended}, nil
	}
}

func (c *Collector) problem(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.problems) < 50 && !slices.Contains(c.problems, msg) {
		c.problems = append(c.problems, msg)
	}
}

// Problems is what the collector could not do (a take that failed), with
// what JS could not merge.
func (c *Collector) Problems() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append(slices.Clone(c.problems), c.JS.Problems()...)
}

// scenarioCoverage is one scenario's collection.
type scenarioCoverage struct {
	c      *Collector
	r      *support.Recording
	origin string // scheme://host:port of the app
}

// attach starts precise coverage on a session: block counts (detailed), and
// call counts, which V8 keeps only while coverage is on.
func (sc *scenarioCoverage) attach(ctx context.Context, s *support.Session) error {
	cl := s.Client(ctx)
	if err := (proto.ProfilerEnable{}).Call(cl); err != nil {
		return fmt.Errorf("coverage: Profiler.enable: %w", err)
	}
	if _, err := (proto.ProfilerStartPreciseCoverage{CallCount: true, Detailed: true}).Call(cl); err != nil {
		return fmt.Errorf("coverage: Profiler.startPreciseCoverage: %w", err)
	}
	return nil
}

func (sc *scenarioCoverage) leaving(ctx context.Context, l support.Leave) { sc.take(ctx, l.Session) }

// ended takes what is left on every session, stops coverage there (the same
// page may serve the worker's next scenario), and counts the routes.
func (sc *scenarioCoverage) ended(ctx context.Context, _ support.Ending) []support.Artifact {
	for _, s := range sc.r.Sessions() {
		sc.take(ctx, s)
		cl := s.Client(ctx)
		_, _ = proto.ProfilerStopPreciseCoverage{}.Call(cl), proto.ProfilerDisable{}.Call(cl)
	}
	info := sc.r.Scenario()
	key := info.URI + ":" + strconv.Itoa(info.Line)
	for _, q := range sc.r.Requests() {
		u, err := url.Parse(q.URL)
		if err != nil || u.Scheme+"://"+u.Host != sc.origin {
			continue
		}
		sc.c.Routes.Add(key, info.Name, q.Method, u.EscapedPath(), q.Status)
	}
	return nil
}

// take merges the session's coverage since the last take into JS.
func (sc *scenarioCoverage) take(ctx context.Context, s *support.Session) {
	cl := s.Client(ctx)
	res, err := proto.ProfilerTakePreciseCoverage{}.Call(cl)
	if err != nil {
		if ctx.Err() == nil {
			sc.c.problem("taking the page's coverage (%s): %v", sc.r.Scenario().Name, err)
		}
		return
	}
	var inline map[string]bool // the documents' URLs: their inline scripts have them
	for _, script := range res.Result {
		u, err := url.Parse(script.URL)
		if err != nil || script.URL == "" || u.Scheme+"://"+u.Host != sc.origin {
			continue
		}
		if inline == nil {
			inline = sc.documentURLs()
		}
		u.Fragment, u.RawFragment = "", ""
		if inline[u.String()] {
			continue
		}
		fns, ran := make([]Function, len(script.Functions)), false
		for i, f := range script.Functions {
			fns[i].Name = f.FunctionName
			for _, r := range f.Ranges {
				fns[i].Ranges = append(fns[i].Ranges, Range{Start: r.StartOffset, End: r.EndOffset, Count: int64(r.Count)})
				ran = ran || r.Count > 0
			}
		}
		if !ran {
			// Nothing ran since the last take: a script a document loaded runs
			// its top level, so this one is left from a document gone before
			// (the Debugger may no longer know it), and adds nothing.
			continue
		}
		id, scriptURL := script.ScriptID, script.URL
		err = sc.c.JS.Add(u.EscapedPath(), fns, func() (string, error) {
			src, err := proto.DebuggerGetScriptSource{ScriptID: id}.Call(cl)
			if err == nil {
				return src.ScriptSource, nil
			}
			// The Debugger forgets a document's scripts once it is gone, though
			// V8 may still report their last counts: ask the app (Add checks
			// that it is as long as what ran).
			return fetchSource(ctx, scriptURL)
		})
		if err != nil {
			sc.c.problem("%v", err)
		}
	}
}

// documentURLs is every document the page and its frames showed, and every
// document requested, without fragments.
func (sc *scenarioCoverage) documentURLs() map[string]bool {
	out := map[string]bool{}
	add := func(raw string) {
		if u, err := url.Parse(raw); err == nil {
			u.Fragment, u.RawFragment = "", ""
			out[u.String()] = true
		}
	}
	for _, d := range sc.r.Documents() {
		add(d.URL)
	}
	for _, q := range sc.r.Requests() {
		if q.Type == "Document" {
			add(q.URL)
		}
	}
	return out
}

// fetchSource gets a script as the app serves it.
func fetchSource(ctx context.Context, rawURL string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %s", rawURL, resp.Status)
	}
	return string(b), nil
}
