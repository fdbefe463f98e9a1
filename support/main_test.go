package support_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/cdp"
	"github.com/go-rod/rod/lib/utils"
	"github.com/ysmood/gson"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/internal/testbrowser"
	"github.com/romaine-bdd/romaine/support"
)

// One browser for the whole package; every test gets its own page (and browser
// context) from it. No call of this package's code may go to the browser
// without a deadline: a browser that stops answering would hold it.
var shared = testbrowser.Shared{NoCallWithoutDeadline: "github.com/romaine-bdd/romaine/support."}

func TestMain(m *testing.M) { os.Exit(testbrowser.Main(m, &shared, 4)) }

// needBrowser skips when this machine has no browser, except on CI (CI set in
// the environment) and under make test (BROWSER_TESTS=required), where a
// missing browser is a failure: a green run with nothing run would lie.
func needBrowser(tb testing.TB) *chrome.Browser { return shared.Need(tb) }

// testPolicy is the policy every test page waits by.
var testPolicy = support.Policy{Timeout: 2 * time.Second, Slice: 500 * time.Millisecond}

// loadPolicy is for loading the test's first page.
var loadPolicy = support.Policy{Timeout: 15 * time.Second, Slice: time.Second}

// site maps paths to page bodies; doc wraps each in a document with helpers.
type site map[string]string

// doc makes a page of body. Every page has rec(s), which appends s to
// window.events (read by events), and arm(), which runs the functions pushed on
// window.armed: a test calls arm() right before the operation that must wait, so
// the page's delays start from there.
func doc(body string) string {
	return `<!doctype html><html><head><meta charset="utf-8"><title>Test page</title>
<style>body{font:16px sans-serif;margin:20px} button{padding:6px 12px}</style>
<script>window.events=[];function rec(s){events.push(String(s))}
window.armed=[];function arm(){armed.splice(0).forEach((f)=>f())}</script>
</head><body>` + body + `</body></html>`
}

// servePage answers r with its page of pages, made by doc, or not found.
func servePage(w http.ResponseWriter, r *http.Request, pages site) {
	body, ok := pages[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = fmt.Fprint(w, doc(body))
}

func serve(tb testing.TB, pages site) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		servePage(w, r, pages)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// newPage gives the test a fresh page on a server of pages; it is closed at the
// end of the test.
func newPage(tb testing.TB, pages site) *support.Page {
	tb.Helper()
	b := needBrowser(tb)
	srv := serve(tb, pages)
	p, err := support.NewPage(context.Background(), b.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: testPolicy})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := p.Close(); err != nil {
			tb.Errorf("closing the page: %v", err)
		}
	})
	return p
}

// open is newPage, at "/".
func open(t *testing.T, pages site) (*support.Page, context.Context) {
	t.Helper()
	p := newPage(t, pages)
	ctx := t.Context()
	// Loading is not what these tests are about: a loaded machine gets longer.
	if err := p.WithPolicy(loadPolicy).Visit(ctx, "/"); err != nil {
		t.Fatal(err)
	}
	return p, ctx
}

// openOn gives the test a page of browser b on base, waiting by pol, at path
// (loaded by loadPolicy); it is closed at the end of the test.
func openOn(t *testing.T, b *rod.Browser, base string, pol support.Policy, path string) (*support.Page, context.Context) {
	t.Helper()
	p, err := support.NewPage(context.Background(), b, support.PageOptions{BaseURL: base, Policy: pol})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	ctx := t.Context()
	if err := p.WithPolicy(loadPolicy).Visit(ctx, path); err != nil {
		t.Fatal(err)
	}
	return p, ctx
}

// js evaluates the expression expr in the page.
func js(tb testing.TB, p *support.Page, expr string) gson.JSON {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), loadPolicy.Timeout)
	defer cancel()
	res, err := p.Rod().Context(ctx).Eval(`() => (` + expr + `)`)
	if err != nil {
		tb.Fatalf("evaluating %s: %v", expr, err)
	}
	return res.Value
}

// events is what the page recorded with rec.
func events(tb testing.TB, p *support.Page) []string {
	tb.Helper()
	var out []string
	for _, v := range js(tb, p, "window.events").Arr() {
		out = append(out, v.Str())
	}
	return out
}

func wantEvents(t *testing.T, p *support.Page, want ...string) {
	t.Helper()
	if got := events(t, p); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("page events = %q, want %q", got, want)
	}
}

// wantTimeout checks that err is a *TimeoutError whose last state contains each
// of parts.
func wantTimeout(t *testing.T, err error, parts ...string) *support.TimeoutError {
	t.Helper()
	var te *support.TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("want a *TimeoutError, got %T: %v", err, err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a TimeoutError should be a context.DeadlineExceeded: %v", err)
	}
	for _, s := range parts {
		if !strings.Contains(te.LastState, s) {
			t.Errorf("last state %q does not contain %q", te.LastState, s)
		}
	}
	if te.Attempts < 1 {
		t.Errorf("attempts = %d, want at least one answered check", te.Attempts)
	}
	return te
}

// eventually waits, within testPolicy.Timeout, for cond; it is for what arrives
// asynchronously from the browser (console events), not for the page.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	eventuallyWithin(t, testPolicy.Timeout, what, cond)
}

// eventuallyWithin is eventually, within limit.
func eventuallyWithin(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), limit)
	defer cancel()
	sleep := utils.BackoffSleeper(5*time.Millisecond, 50*time.Millisecond, nil)
	for !cond() {
		if sleep(ctx) != nil {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

// launchOwn launches a browser of the test's own (one it may kill), started
// within a minute and closed at the test's end.
func launchOwn(t *testing.T, opts chrome.Options) *chrome.Browser {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	b, err := chrome.Launch(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}

// isolatedPage opens a page on srv in a browser of its own with site
// isolation, as desktop Chrome runs: a cross-site frame is then out of
// process, a CDP target of its own. The browser is returned too.
func isolatedPage(t *testing.T, srv *httptest.Server) (*support.Page, *chrome.Browser) {
	t.Helper()
	needBrowser(t)
	b := launchOwn(t, chrome.Options{SiteIsolation: true})
	p, err := support.NewPage(t.Context(), b.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: testPolicy})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p, b
}

// ownBrowser is a rod browser of the test's own (not Romaine's connection)
// on the shared browser, over the connection wrap makes of rod's (nil: rod's
// own). Closing the test hangs up only: the browser is shared.
func ownBrowser(t *testing.T, wrap func(*cdp.Client) rod.CDPClient) *rod.Browser {
	t.Helper()
	b := needBrowser(t)
	ws := &cdp.WebSocket{}
	if err := ws.Connect(t.Context(), b.ControlURL, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	var client rod.CDPClient = cdp.New().Start(ws)
	if wrap != nil {
		client = wrap(client.(*cdp.Client))
	}
	own := rod.New().Client(client)
	if err := own.Connect(); err != nil {
		t.Fatal(err)
	}
	return own
}
